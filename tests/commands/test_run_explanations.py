"""On the embedded default, every eligible student below the first choice is told why, in
assignments.csv (Persian and English) and in the workbook, and what the words say is what the
data says: the seat holders named hold the unit's seats and come first under rule A3, counted
right; a rejection (E9) and a unit without seats of the gender (A1) are named as such."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pytest

from hamyar.generator.default import default_problem
from hamyar.reports.labels import label
from hamyar.reports.workbook.columns import ASSIGNMENT_COLUMNS

FULL = re.compile(
    r"(?:^|; )(?P<unit>[A-Z][A-Z0-9-]*): full: its (?P<seats>\d+) (?P<gender>female|male) seats "
    r"are held by (?P<held>\d+) students who come before you under rule A3 \((?P<why>[^)]*)\); "
    r"the last of them, (?P<last>\d+), has priority score (?P<score>\d+) and GPA (?P<gpa>[\d.]+)"
)
WHY = re.compile(
    r"(?P<n>\d+) by (?P<what>a higher priority score|a higher GPA at an equal priority score|"
    r"the seeded lottery at an equal priority score and GPA)"
)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def run(persian_default_run: Path) -> Path:
    """The session's Persian run of the embedded default (tests/commands/conftest.py)."""
    return persian_default_run


def test_everyone_below_the_first_choice_is_explained(run: Path) -> None:
    rows = _csv(run / "assignments.csv")
    below = [r for r in rows if r["preference_rank"] != "1"]
    assert len(below) > 50  # the default places 75 below the first choice
    for row in rows:
        explained = row["explanation_fa"], row["explanation_en"]
        if row["preference_rank"] == "1":
            assert explained == ("", ""), row["student_id"]
        else:
            assert all(explained), row["student_id"]
            assert re.search("[\u0600-\u06ff]", row["explanation_fa"]), row["student_id"]
            assert "A" in row["explanation_en"] or "E9" in row["explanation_en"]


def test_the_workbook_says_the_same(run: Path, persian_default_workbook: openpyxl.Workbook) -> None:
    rows = {r["student_id"]: r for r in _csv(run / "assignments.csv")}
    ws = persian_default_workbook[label("sheet.assignments", "fa")]
    header = [c.value for c in ws[1]]
    assert header[-1] == label("assignments.explanation", "fa")
    sid_col = ASSIGNMENT_COLUMNS.index("col.student_id")
    seen = 0
    for values in ws.iter_rows(min_row=2, values_only=True):
        row, text = rows[str(values[sid_col])], values[-1] or ""
        assert bool(text) == (row["preference_rank"] != "1"), row["student_id"]
        if text:
            seen += 1
            # one line per better-ranked unit, in the same order as the CSV, named as the
            # office names it
            names = [line.split(": ", 1)[0] for line in text.split("\n")]
            assert names == re.findall(r"(?:^|؛ )(«[^»]+»): ", row["explanation_fa"])
            assert not re.search(r"[A-Z]{2}", "".join(names))
            assert int(row["preference_rank"] or 99) > 1
    assert seen == sum(1 for r in rows.values() if r["preference_rank"] != "1")


def _before(holder: dict[str, str], score: int, gpa: float) -> str | None:
    """Why ``holder`` comes before a student with ``score`` and ``gpa`` under A3 (None: not)."""
    h_score, h_gpa = int(holder["priority_score"]), float(holder["gpa"])
    if h_score != score:
        return "a higher priority score" if h_score > score else None
    if h_gpa != gpa:
        return "a higher GPA at an equal priority score" if h_gpa > gpa else None
    return "the seeded lottery at an equal priority score and GPA"


def test_the_holders_named_hold_the_seats_and_come_first(run: Path) -> None:
    placed = _csv(run / "assignments.csv")
    left = _csv(run / "unassigned.csv")
    checked = 0
    for row in placed + left:
        score, gpa = int(row["priority_score"]), float(row["gpa"])
        for m in FULL.finditer(row["explanation_en"]):
            holders = [
                h for h in placed if h["unit_code"] == m["unit"] and h["gender"] == m["gender"]
            ]
            assert m["gender"] == row["gender"]
            assert len(holders) == int(m["held"]) >= int(m["seats"])
            last = next(h for h in holders if h["student_id"] == m["last"])
            assert (int(last["priority_score"]), float(last["gpa"])) == (
                int(m["score"]),
                float(m["gpa"]),
            )
            why = [_before(h, score, gpa) for h in holders]
            assert None not in why, (row["student_id"], m["unit"])
            counted = {w["what"]: int(w["n"]) for w in WHY.finditer(m["why"])}
            assert counted == {w: why.count(w) for w in set(why) if w}
            checked += 1
    assert checked >= 10


def test_rejections_and_missing_seats_are_named(run: Path) -> None:
    problem = default_problem()
    rows = {r["student_id"]: r for r in _csv(run / "assignments.csv")}
    rejected = 0
    for rejection in problem.rejections:
        row = rows.get(rejection.student_id)
        ranks = problem.preference_ranks.get(rejection.student_id, {})
        if row is None or rejection.unit_code not in ranks:
            continue
        if ranks[rejection.unit_code] < int(row["preference_rank"] or 99):
            text = f"{rejection.unit_code}: rejected by the unit"
            assert text in row["explanation_en"], rejection
            rejected += 1
    no_seats = 0
    for row in rows.values():
        for code in re.findall(
            r"([A-Z][A-Z0-9-]*): the unit has no (?:fe)?male seats", (row["explanation_en"])
        ):
            assert (
                problem.unit_by_code[code].seats(problem.applicant_by_id[row["student_id"]].gender)
                == 0
            )
            no_seats += 1
    assert rejected >= 1 and no_seats >= 1
