"""Mid-term vacancies on SQLite and PostgreSQL, through the CLI: the seat goes to the first of
the unit's waiting list and nobody else moves, bad input changes nothing, and pay pays the
leaver and the newcomer for their part of the month (rule P5)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from hamyar.cli import cli
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.placements import PlacedRow
from hamyar.store import Workspace
from hamyar.store.adoption import adopted, adopted_run
from hamyar.store.ledger import payment_lines
from hamyar.store.vacancy import effective_placement, term_changes, vacancies


def invoke(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--lang", lang])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def term_run(default_run: tuple[Path, Path]) -> Path:
    """The embedded default run, recorded in the test workspace (not adopted yet)."""
    return default_run[0]


def placement(session: Session) -> dict[str, str]:
    run = adopted_run(session, "1402-1")
    adoption = adopted(session, "1402-1")
    assert adoption is not None
    return effective_placement(run, term_changes(session, adoption))


def test_the_seat_goes_to_the_first_on_the_waiting_list(
    term_run: Path, first_waiting: Callable[[Path], tuple[PlacedRow, str]]
) -> None:
    assert invoke("adopt", "1")[0] == 0
    leaver, expected = first_waiting(term_run)
    workspace = Workspace.open()
    with workspace.session() as session:
        before = placement(session)

    code, stdout, stderr = invoke(
        "vacancy",
        leaver.student_id,
        "--from",
        "1402/09/15",
        "--reason",
        "moved to Tehran",
        "--by",
        "karimi",
    )
    assert code == 0, stderr
    assert f"vacancy 1 (term 1402-1, run 1): {leaver.student_id}" in stdout
    assert f"leaves {leaver.unit_code}" in stdout and "from 1402/09/15" in stdout
    assert f"the seat goes to {expected}" in stdout and "waiting list position 1" in stdout

    with workspace.session() as session:
        adoption = adopted(session, "1402-1")
        assert adoption is not None
        (row,) = vacancies(session, adoption)
        assert (row.student_id, row.unit_code, row.vacant_from) == (
            leaver.student_id,
            leaver.unit_code,
            "1402/09/15",
        )
        assert (row.reason, row.decided_by) == ("moved to Tehran", "karimi")
        assert row.gender == leaver.gender.value
        assert row.created_at is not None and row.created_by
        assert row.fill is not None
        fill = row.fill
        assert (fill.student_id, fill.unit_code, fill.starts_on) == (
            expected,
            leaver.unit_code,
            "1402/09/15",
        )
        assert fill.waiting_position == 1 and fill.placement["unit_code"] == leaver.unit_code
        after = placement(session)
    workspace.close()
    # nobody else moved: the leaver out, the newcomer in, every other placement as it was
    assert expected not in before
    assert after == {
        **{s: u for s, u in before.items() if s != leaver.student_id},
        expected: leaver.unit_code,
    }


def test_persian_output(
    term_run: Path, first_waiting: Callable[[Path], tuple[PlacedRow, str]]
) -> None:
    assert invoke("adopt", "1")[0] == 0
    leaver, expected = first_waiting(term_run)
    code, stdout, stderr = invoke("vacancy", leaver.student_id, "--from", "۱۴۰۲/۰۹/۱۵", lang="fa")
    assert code == 0, stderr
    assert "جای خالی ۱" in stdout and f"جای او به {expected} " in stdout
    assert "نفر ۱ فهرست انتظار" in stdout


def test_bad_vacancies_are_refused_and_change_nothing(
    term_run: Path, first_waiting: Callable[[Path], tuple[PlacedRow, str]]
) -> None:
    record = read_allocation_dir(term_run)
    placed = sorted(r.student_id for r in record.rows)
    code, _, stderr = invoke("vacancy", placed[0], "--from", "1402/09/15")
    assert code == 2 and "no allocation of this term has been adopted" in stderr
    assert invoke("adopt", "1")[0] == 0
    unplaced = sorted(record.known_students - set(placed))[0]
    bad = [
        (["nobody"], "student nobody is not placed in the adopted allocation of term 1402-1"),
        ([unplaced], f"student {unplaced} is not placed in the adopted allocation"),
        (
            [placed[0], "--term", "1402-1", "--from", "1402/11/01"],
            "the date is outside term 1402-1 (1402/07/01–1402/10/30)",
        ),
        ([placed[0], "--from", "1402/06/31"], "no allocation of this term has been adopted"),
        ([placed[0], "--from", "1402/13/01"], "-:--from: no such Jalali date (1402/13/01)"),
        ([placed[0], "--from", "15 Azar"], "-:--from: not a Jalali date yyyy/mm/dd"),
        ([placed[0], "--from", "1402/07/31"], "no such Jalali date"),
    ]
    for args, message in bad:
        extra = [] if "--from" in args else ["--from", "1402/09/15"]
        code, _, stderr = invoke("vacancy", *args, *extra)
        assert code == 2, (args, stderr)
        assert message in stderr, (args, stderr)
        assert "Traceback" not in stderr
    leaver, newcomer = first_waiting(term_run)
    assert invoke("vacancy", leaver.student_id, "--from", "1402/08/10")[0] == 0
    code, _, stderr = invoke("vacancy", leaver.student_id, "--from", "1402/09/01")
    assert code == 2
    assert f"student {leaver.student_id} already left unit {leaver.unit_code} from " in stderr
    assert "1402/08/10 (vacancy 1); a placement ends once" in stderr
    # the newcomer's placement starts on 1402/08/10: a vacancy of it must come after that
    code, _, stderr = invoke("vacancy", newcomer, "--from", "1402/08/10")
    assert code == 2 and "placement starts on 1402/08/10" in stderr
    code, _, stderr = invoke("vacancy", newcomer, "--from", "1402/08/10", lang="fa")
    assert code == 2 and "آغاز می‌شود" in stderr
    workspace = Workspace.open()
    with workspace.session() as session:
        adoption = adopted(session, "1402-1")
        assert adoption is not None
        assert [v.student_id for v in vacancies(session, adoption)] == [leaver.student_id]
    workspace.close()


def _timesheets(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student_id", "unit_code", "month", "hours"])
        writer.writerows(rows)
    return path


def _expected(row: PlacedRow, hours: Decimal) -> int:
    exact = Fraction(hours) * row.hourly_rate * Fraction(row.multiplier)
    exact *= Fraction(100 + row.bonus_percent, 100)
    return exact.numerator // exact.denominator


def test_pay_pays_the_leaver_and_the_newcomer_for_their_part_of_the_month(
    term_run: Path, tmp_path: Path, first_waiting: Callable[[Path], tuple[PlacedRow, str]]
) -> None:
    assert invoke("adopt", "1")[0] == 0
    record = read_allocation_dir(term_run)
    leaver, newcomer = first_waiting(term_run)
    others = [r for r in record.rows if r.student_id != leaver.student_id][:3]
    month1 = [(r.student_id, r.unit_code, "1402/08", "40") for r in [leaver, *others]]
    ts1 = _timesheets(tmp_path / "ts-08.csv", month1)
    assert invoke("pay", "--allocation", str(term_run), "--timesheets", str(ts1), "--month",
                  "1402/08", "--out", str(tmp_path / "pay"))[0] == 0  # fmt: skip

    code, stdout, stderr = invoke("vacancy", leaver.student_id, "--from", "1402/09/15")
    assert code == 0, stderr
    assert "already paid" not in stdout
    month2 = [
        (leaver.student_id, leaver.unit_code, "1402/09", "50"),
        (newcomer, leaver.unit_code, "1402/09", "30"),
        *((r.student_id, r.unit_code, "1402/09", "40") for r in others),
    ]
    ts2 = _timesheets(tmp_path / "ts-09.csv", month2)
    args = ["pay", "--allocation", str(term_run), "--timesheets", str(ts2), "--month", "1402/09"]
    code, stdout, stderr = invoke(*args, "--out", str(tmp_path / "pay"))
    assert code == 0, stderr

    workspace = Workspace.open()
    with workspace.session() as session:
        lines = {x.student_id: x for x in payment_lines(session, "1402/09")}
        adoption = adopted(session, "1402-1")
        assert adoption is not None
        (fill,) = [v.fill for v in vacancies(session, adoption)]
        assert fill is not None
        new_row = PlacedRow.model_validate(fill.placement)
    workspace.close()
    assert len(lines) == 5
    # leaver: days 1–14 of Azar's 30, cap ⌊80 × 14/30⌋ = 37.33 h (policy pro_rata = "cap")
    left = lines[leaver.student_id]
    assert (left.days, left.month_days, left.hours) == (14, 30, Decimal("37.33"))
    assert left.amount_rial == _expected(leaver, Decimal("37.33"))
    # newcomer: days 15–30, cap 42.66 h, 30 h reported and paid
    came = lines[newcomer]
    assert (came.days, came.month_days, came.hours) == (16, 30, Decimal(30))
    assert came.unit_code == leaver.unit_code
    assert came.amount_rial == _expected(new_row, Decimal(30))
    for r in others:
        assert lines[r.student_id].days is None
        assert lines[r.student_id].amount_rial == _expected(r, Decimal(40))
    # the workbook shows the part of the month on the two lines
    sheet = openpyxl.load_workbook(tmp_path / "pay" / "1402-09" / "payroll.xlsx")["Payroll"]
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Part of month (P5)")
    parts = {r[0]: r[column] for r in rows[1:] if r[0] in lines}
    assert parts[leaver.student_id] == "14/30" and parts[newcomer] == "16/30"
    assert parts[others[0].student_id] in ("", None)

    # Dey: the leaver's hours are not payable (P5), the newcomer's month is whole
    ts3 = _timesheets(
        tmp_path / "ts-10.csv",
        [
            (leaver.student_id, leaver.unit_code, "1402/10", "20"),
            (newcomer, leaver.unit_code, "1402/10", "40"),
        ],
    )
    args = ["pay", "--allocation", str(term_run), "--timesheets", str(ts3), "--month", "1402/10"]
    code, stdout, stderr = invoke(*args, "--out", str(tmp_path / "pay"))
    assert code == 0, stderr
    with (tmp_path / "pay" / "1402-10" / "not_payable.csv").open(encoding="utf-8-sig") as fh:
        (unpaid,) = list(csv.DictReader(fh))
    assert (unpaid["student_id"], unpaid["rule"], unpaid["kind"]) == (
        leaver.student_id,
        "P5",
        "outside_placement",
    )
    workspace = Workspace.open()
    with workspace.session() as session:
        (line,) = payment_lines(session, "1402/10")
    workspace.close()
    assert (line.student_id, line.days) == (newcomer, None)
    assert line.amount_rial == _expected(new_row, Decimal(40))

    # a vacancy inside a month already paid says that month needs paying again
    code, stdout, stderr = invoke("vacancy", others[0].student_id, "--from", "1402/08/20")
    assert code == 0, stderr
    assert "month 1402/08 is already paid with the whole month" in stdout
    assert "month 1402/09 is already paid" in stdout


def test_a_vacancy_of_an_allocate_run_rebuilds_it_from_the_stored_inputs(
    workspace_env: str, tmp_path: Path
) -> None:
    gen = tmp_path / "gen"
    made = CliRunner().invoke(
        cli, ["generate", "--applicants", "80", "--units", "4", "--seed", "5", "--out", str(gen)]
    )
    assert made.exit_code == 0, made.output
    out = tmp_path / "alloc"
    args = ["allocate", str(gen / "applicants.csv"), str(gen / "units.csv"), "--term", "1402-1"]
    allocated = CliRunner().invoke(cli, [*args, "--out", str(out)])
    assert allocated.exit_code == 0, allocated.output
    assert invoke("adopt", "1")[0] == 0
    for name in ("applicants.csv", "units.csv"):
        (gen / name).unlink()  # the workspace holds the input files
    record = read_allocation_dir(out)
    leaver = sorted(record.rows, key=lambda r: r.student_id)[0]
    code, stdout, stderr = invoke("vacancy", leaver.student_id, "--from", "1402/10/01")
    assert code == 0, stderr
    assert f"vacancy 1 (term 1402-1, run 1): {leaver.student_id}" in stdout
    assert "the seat goes to" in stdout or "the seat stays empty" in stdout
