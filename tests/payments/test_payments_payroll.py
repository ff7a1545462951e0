"""One month's payroll: paid lines, the cap, P4, Sheba hold-backs, bad rows, the written files."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamyar.errors import InputError
from hamyar.io.allocation_dir import AllocationRecord, read_allocation_dir
from hamyar.io.placements import placed_rows
from hamyar.models import BonusRule, Degree, JalaliMonth, Policy, TimesheetRow
from hamyar.models.sheba import make_sheba
from hamyar.payments.payroll import compute_payroll
from hamyar.payments.transfers import build_transfer_list
from hamyar.pipeline.month import month_folder, pay_month

MONTH = JalaliMonth(year=1402, month=8)


def wrong_check(value: str) -> str:
    """The same Sheba with its last digit changed (the mod-97 check then fails)."""
    last = value[-1]
    return value[:-1] + ("0" if last != "0" else "1")


MELLI = make_sheba("017", "0000000123456789001")
MELLAT = make_sheba("012", "0000000555566667777")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
PERSIAN = make_sheba("017", "0000000999988887777").translate(PERSIAN_DIGITS)
PERSIAN_SPACED = " ".join(PERSIAN[i : i + 4] for i in range(0, len(PERSIAN), 4))


@pytest.fixture(scope="module")
def applicants(pay_applicant):
    """Eight applicants with every kind of Sheba: valid, another bank, a wrong check digit, too
    short, Persian digits with spaces, none."""
    return [
        pay_applicant(
            "s1", Degree.phd, married=True, sheba_value=MELLI, first="زهرا", last="احمدی"
        ),
        pay_applicant(
            "s2", Degree.bachelor_continuous, sheba_value=MELLAT, first="سارا", last="محمدی"
        ),
        pay_applicant("s3", Degree.master_continuous, sheba_value=wrong_check(MELLI), last="حسینی"),
        pay_applicant(
            "s4", Degree.bachelor_continuous, sheba_value="IR0601700000001234", last="کاظمی"
        ),
        pay_applicant("s5", Degree.master_discontinuous, sheba_value=PERSIAN_SPACED, last="نوری"),
        pay_applicant("s6", Degree.phd, sheba_value=None, last="موسوی"),
        pay_applicant(
            "s7", Degree.bachelor_continuous, sheba_value=MELLI, last="جعفری"
        ),  # not placed
        pay_applicant("s8", Degree.bachelor_continuous, sheba_value=MELLI, last="صادقی"),
    ]


PLACED = {"s1": "EDU", "s2": "RES", "s3": "LIB", "s4": "LIB", "s5": "EDU", "s6": "RES", "s8": "LIB"}

TIMESHEET = [
    ["s1", "EDU", "1402/08", "30"],
    ["s1", "RES", "1402/08", "12"],  # P4: second unit
    ["s2", "RES", "1402/08", "95"],  # above the 80 h cap
    ["s3", "کتابخانه مرکزي", "1402/08", "20"],  # the unit by its name (Arabic yeh)
    ["s4", "LIB", "1402/08", "10"],
    ["s5", "EDU", "۱۴۰۲/۰۸", "۴۰"],
    ["s6", "RES", "1402/08", "10"],
    ["s7", "EDU", "1402/08", "10"],  # not placed
    ["s2", "RES", "1402/09", "30"],  # another month of the term: not this payroll
]


@pytest.fixture
def alloc_dir(tmp_path: Path, pay_problem, allocation, write_allocation_dir, applicants) -> Path:
    prob = pay_problem(applicants)
    return write_allocation_dir(tmp_path / "run", prob, allocation(PLACED, prob))


@pytest.fixture
def timesheet(tmp_path: Path, write_timesheet_csv) -> Path:
    return write_timesheet_csv(tmp_path / "ts.csv", TIMESHEET)


def _payroll(alloc_dir: Path, timesheet: Path):
    from hamyar.io.timesheets import read_timesheets

    record = read_allocation_dir(alloc_dir)
    payroll = compute_payroll(record, MONTH, read_timesheets(timesheet).records)
    return payroll, build_transfer_list(payroll)


# student -> (outcome, amount in rial, reason text or "")
EXPECTED = {
    "s1": ("paid", 30 * 250_000 * 3 // 2, ""),  # PhD, married
    "s2": ("paid", 80 * 180_000, ""),  # 95 h cut to the cap (P3)
    "s3": ("held", 20 * 200_000, "invalid Sheba"),  # wrong check digit
    "s4": ("held", 10 * 180_000, "invalid Sheba"),  # wrong length
    "s5": ("paid", 40 * 200_000, ""),  # Persian digits and spaces: normalised, valid
    "s6": ("held", 10 * 250_000, "no Sheba on record"),
}


@pytest.mark.parametrize("sid", sorted(EXPECTED))
def test_each_student_outcome(alloc_dir: Path, timesheet: Path, sid: str) -> None:
    payroll, transfers = _payroll(alloc_dir, timesheet)
    outcome, amount, reason = EXPECTED[sid]
    line = next(x for x in payroll.lines if x.student_id == sid)
    assert line.amount_rial == amount
    sent = [t for t in transfers.transfers if t.student_id == sid]
    held = [h for h in transfers.held_back if h.student_id == sid]
    if outcome == "paid":
        assert len(sent) == 1 and not held
        assert sent[0].amount_rial == amount
        assert sent[0].sheba.startswith("IR") and sent[0].sheba[2:].isdigit()
        assert len(sent[0].sheba) == 26
        assert "1402/08" in sent[0].description
    else:
        assert len(held) == 1 and not sent
        assert reason in held[0].reason_en and held[0].reason_fa
        assert held[0].amount_rial == amount


def test_cap_is_flagged(alloc_dir: Path, timesheet: Path) -> None:
    payroll, _ = _payroll(alloc_dir, timesheet)
    s2 = next(x for x in payroll.lines if x.student_id == "s2")
    assert s2.capped and s2.reported_hours == 95 and s2.paid_hours == 80
    assert [x.student_id for x in payroll.capped] == ["s2"]


def test_p4_second_unit_listed_never_paid(alloc_dir: Path, timesheet: Path) -> None:
    payroll, transfers = _payroll(alloc_dir, timesheet)
    s1_lines = [x for x in payroll.lines if x.student_id == "s1"]
    assert [x.unit_code for x in s1_lines] == ["EDU"]
    p4 = [n for n in payroll.not_payable if n.rule == "P4"]
    assert [(n.student_id, n.unit_code, n.placed_unit, n.hours) for n in p4] == [
        ("s1", "RES", "EDU", Decimal(12))
    ]
    assert "second unit" in p4[0].message_en and p4[0].row == 3
    assert sum(t.amount_rial for t in transfers.transfers if t.student_id == "s1") == (
        30 * 250_000 * 3 // 2
    )


def test_not_placed_student_and_other_rows(alloc_dir: Path, timesheet: Path) -> None:
    payroll, _ = _payroll(alloc_dir, timesheet)
    s7 = [n for n in payroll.not_payable if n.student_id == "s7"]
    assert len(s7) == 1 and s7[0].kind == "not_placed" and "not placed" in s7[0].message_en
    assert payroll.no_timesheet == ("s8",)
    assert payroll.other_month_rows == 1


def test_totals_and_control_total(alloc_dir: Path, timesheet: Path) -> None:
    payroll, transfers = _payroll(alloc_dir, timesheet)
    expected_total = sum(amount for _, amount, _ in EXPECTED.values())
    assert payroll.total_rial == expected_total == sum(x.amount_rial for x in payroll.lines)
    assert payroll.total_rial == sum(u.amount_rial for u in payroll.units)
    assert transfers.control_total_rial == sum(t.amount_rial for t in transfers.transfers)
    assert transfers.control_total_rial + transfers.held_back_rial == payroll.total_rial
    assert all(h.reason_en and h.reason_fa for h in transfers.held_back)
    mellat = next(t for t in transfers.transfers if t.student_id == "s2")
    assert mellat.note  # not Bank Melli: noted
    melli = next(t for t in transfers.transfers if t.student_id == "s1")
    assert melli.note == ""


def test_bonus_rule_in_the_payroll(
    tmp_path: Path, timesheet: Path, pay_problem, allocation, write_allocation_dir, applicants
) -> None:
    rule = BonusRule(name="education", percent=20, min_gpa=Decimal(17), areas=("education",))
    prob = pay_problem(applicants, Policy(bonus_rules=(rule,)))
    folder = write_allocation_dir(tmp_path / "bonus", prob, allocation(PLACED, prob))
    payroll, _ = _payroll(folder, timesheet)
    by_id = {x.student_id: x for x in payroll.lines}
    assert by_id["s1"].bonus_percent == 20  # EDU is in the education area, GPA 17
    assert by_id["s1"].amount_rial == 30 * 250_000 * 3 // 2 * 120 // 100
    assert by_id["s2"].bonus_percent == 0  # RES: not an education unit


def test_month_outside_the_term_is_refused(alloc_dir: Path, timesheet: Path) -> None:
    record = read_allocation_dir(alloc_dir)
    with pytest.raises(InputError, match=r"--month: month is outside term 1402-1"):
        compute_payroll(record, JalaliMonth(year=1402, month=12), ())


BAD_ROWS = [
    ["s1", "EDU", "1402/08", "-5"],  # row 2: negative hours
    ["s2", "RES", "1402/08", "abc"],  # row 3: not a number
    ["zz", "EDU", "1402/08", "10"],  # row 4: unknown student
    ["s3", "XXX", "1402/08", "10"],  # row 5: unknown unit
    ["s3", "LIB", "1402/12", "10"],  # row 6: month outside the term (Mehr–Dey)
    ["s5", "EDU", "1402/08", "10"],  # row 7: good
    ["s5", "EDU", "1402/08", "12"],  # row 8: duplicate of row 7
]
BAD_MESSAGES = [
    "ts.csv:2:hours: must not be negative (-5)",
    "ts.csv:3:hours: not a number (abc)",
    "ts.csv:4:student_id: unknown student (zz)",
    "ts.csv:5:unit_code: unknown unit (XXX)",
    "ts.csv:6:month: month outside term 1402-1 (1402/07–1402/10) (1402/12)",
    "ts.csv:8:student_id: duplicate row for this student, unit and month (first at row 7)"
    " (s5 EDU 1402/08)",
]


def test_bad_rows_stop_the_run_and_write_nothing(
    alloc_dir: Path, tmp_path: Path, write_timesheet_csv
) -> None:
    ts = write_timesheet_csv(tmp_path / "ts.csv", BAD_ROWS)
    out = tmp_path / "payroll"
    with pytest.raises(InputError) as info:
        pay_month(alloc_dir, ts, MONTH, out)
    lines = [str(i) for i in info.value.issues]
    assert len(lines) == len(BAD_MESSAGES)
    for expected, line in zip(BAD_MESSAGES, lines, strict=True):
        assert line.endswith(expected), (line, expected)
    assert not out.exists()


def test_bad_rows_name_the_columns_as_the_file_writes_them(alloc_dir: Path, tmp_path: Path) -> None:
    """Under Persian headers every bad row's column is the Persian header, the reader's
    errors and the payroll's own alike."""
    ts = tmp_path / "ts.csv"
    with ts.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["شماره دانشجویی", "کد واحد", "ماه", "ساعت"])
        writer.writerows(BAD_ROWS)
    with pytest.raises(InputError) as info:
        pay_month(alloc_dir, ts, MONTH, tmp_path / "payroll")
    persian = {"student_id": "شماره دانشجویی", "unit_code": "کد واحد", "month": "ماه"}
    persian["hours"] = "ساعت"
    lines = [str(i) for i in info.value.issues]
    assert len(lines) == len(BAD_MESSAGES)
    for expected, line in zip(BAD_MESSAGES, lines, strict=True):
        column = expected.split(":")[2]
        assert line.endswith(expected.replace(f":{column}:", f":{persian[column]}:")), line


def test_skip_bad_rows_lists_them_and_leaves_them_out(
    alloc_dir: Path, tmp_path: Path, write_timesheet_csv
) -> None:
    ts = write_timesheet_csv(tmp_path / "ts.csv", BAD_ROWS)
    run = pay_month(alloc_dir, ts, MONTH, tmp_path / "payroll", skip_bad_rows=True)
    assert len(run.payroll.bad_rows) == len(BAD_MESSAGES)
    assert [x.student_id for x in run.payroll.lines] == ["s5"]
    assert run.payroll.total_rial == 10 * 200_000
    with (run.folder / "bad_rows.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["row"], r["column"]) for r in rows] == [
        ("2", "hours"),
        ("3", "hours"),
        ("4", "student_id"),
        ("5", "unit_code"),
        ("6", "month"),
        ("8", "student_id"),
    ]
    book = openpyxl.load_workbook(run.folder / "payroll.xlsx")
    assert "ردیف‌های نادرست" in book.sheetnames
    assert book["ردیف‌های نادرست"].max_row == 1 + len(BAD_MESSAGES)


def test_written_files_read_back(alloc_dir: Path, timesheet: Path, tmp_path: Path) -> None:
    run = pay_month(alloc_dir, timesheet, MONTH, tmp_path / "payroll")
    folder = run.folder
    assert folder == month_folder(tmp_path / "payroll", MONTH) == tmp_path / "payroll" / "1402-08"
    assert sorted(p.name for p in folder.iterdir()) == [
        ".hamyar.json",
        "held_back.csv",
        "not_payable.csv",
        "payroll.json",
        "payroll.xlsx",
        "transfers.csv",
        "transfers.xlsx",
    ]
    summary = json.loads((folder / "payroll.json").read_text(encoding="utf-8"))
    total = sum(amount for _, amount, _ in EXPECTED.values())
    assert summary["total_rial"] == total

    # transfers.xlsx: rows then the control total, which equals the sum of the rows
    sheet = openpyxl.load_workbook(folder / "transfers.xlsx")["فهرست واریز"]
    assert sheet.sheet_view.rightToLeft
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("ردیف", "نام و نام خانوادگی", "مبلغ (ریال)", "شماره شبا")
    control_at = next(i for i, r in enumerate(rows) if r[1] == "جمع کنترل")
    body, control = rows[1:control_at], rows[control_at]
    assert control[2] == sum(r[2] for r in body) == summary["control_total_rial"]
    assert control[2] + summary["held_back_rial"] == total
    assert "تهیه‌کننده" in rows[-2]  # the signature block under the list

    # transfers.csv holds the same rows
    with (folder / "transfers.csv").open(encoding="utf-8-sig") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert [(r["sheba"], int(r["amount_rial"])) for r in csv_rows] == [(r[3], r[2]) for r in body]

    # payroll.xlsx: one row per student, a subtotal after each unit, the total at the end
    book = openpyxl.load_workbook(folder / "payroll.xlsx")
    ws = book["لیست پرداخت"]
    assert ws.sheet_view.rightToLeft
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    amount = header.index("مبلغ (ریال)")
    end = next(i for i, r in enumerate(values) if r[0] == "جمع کل")
    students = [r for r in values[1:end] if r[0] != "جمع واحد"]
    subtotals = [r for r in values[1:] if r[0] == "جمع واحد"]
    assert len(students) == len(EXPECTED)
    assert {r[6] for r in subtotals} == {"EDU", "RES", "LIB"}
    total_row = next(r for r in values if r[0] == "جمع کل")
    assert total_row[amount] == total
    assert sum(r[amount] for r in subtotals) == total
    held = list(book["پرداخت معلق"].iter_rows(values_only=True))[1:]
    assert sorted(r[0] for r in held) == ["s3", "s4", "s6"]
    assert all(r[-1] for r in held)  # every held-back row has its reason


def test_english_workbooks(alloc_dir: Path, timesheet: Path, tmp_path: Path) -> None:
    run = pay_month(alloc_dir, timesheet, MONTH, tmp_path / "payroll", lang="en")
    book = openpyxl.load_workbook(run.folder / "payroll.xlsx")
    ws = book["Payroll"]
    assert not ws.sheet_view.rightToLeft
    assert next(ws.iter_rows(values_only=True))[:2] == ("Student ID", "National ID")
    transfers = openpyxl.load_workbook(run.folder / "transfers.xlsx")["Transfers"]
    descriptions = [r[6] for r in transfers.iter_rows(min_row=2, values_only=True)]
    assert "Student assistant pay 1402/08 - Education Office" in descriptions


def test_same_month_is_never_paid_twice(
    alloc_dir: Path, timesheet: Path, tmp_path: Path, write_timesheet_csv
) -> None:
    out = tmp_path / "payroll"
    first = pay_month(alloc_dir, timesheet, MONTH, out)
    before = (first.folder / "transfers.csv").read_bytes()
    with pytest.raises(InputError, match="never paid twice"):
        pay_month(alloc_dir, timesheet, MONTH, out)
    assert (first.folder / "transfers.csv").read_bytes() == before
    # another month of the term goes beside it
    other = pay_month(alloc_dir, timesheet, JalaliMonth(year=1402, month=9), out)
    assert other.folder.name == "1402-09" and other.payroll.total_rial == 30 * 180_000
    # --replace writes the month again, from the corrected timesheet
    fixed = write_timesheet_csv(tmp_path / "fixed.csv", [["s1", "EDU", "1402/08", "10"]])
    again = pay_month(alloc_dir, fixed, MONTH, out, replace=True)
    assert again.payroll.total_rial == 10 * 250_000 * 3 // 2
    summary = json.loads((first.folder / "payroll.json").read_text(encoding="utf-8"))
    assert summary["total_rial"] == again.payroll.total_rial


@pytest.fixture(scope="module")
def record_of(applicants, pay_problem, allocation):
    """``record_of(policy)``: the allocation record of PLACED under ``policy``."""

    def record(policy: Policy) -> AllocationRecord:
        prob = pay_problem(applicants, policy)
        alloc = allocation(PLACED, prob)
        return AllocationRecord(
            folder="-",
            term=prob.term,
            policy=policy,
            rows=placed_rows(prob, alloc),
            known_students=frozenset(a.student_id for a in applicants),
            known_units=frozenset(u.code for u in prob.units),
        )

    return record


@settings(max_examples=50, deadline=None)
@given(
    hours=st.lists(
        st.decimals(min_value=0, max_value=150, places=1, allow_nan=False, allow_infinity=False),
        min_size=len(PLACED),
        max_size=len(PLACED),
    ),
    extra=st.decimals(min_value=0, max_value=10, places=1, allow_nan=False, allow_infinity=False),
    bonus=st.booleans(),
)
def test_payroll_lines_are_monotone_and_bounded(
    hours: list[Decimal], extra: Decimal, bonus: bool, record_of
) -> None:
    rule = BonusRule(name="all units", percent=20)
    policy = Policy(bonus_rules=(rule,) if bonus else ())
    record = record_of(policy)

    def rows(add: Decimal) -> list[TimesheetRow]:
        return [
            TimesheetRow(student_id=sid, unit_code=code, month=MONTH, hours=h + add)
            for (sid, code), h in zip(sorted(PLACED.items()), hours, strict=True)
        ]

    base = compute_payroll(record, MONTH, rows(Decimal(0)))
    more = compute_payroll(record, MONTH, rows(extra))
    placed = record.by_student()
    for line, line_more in zip(base.lines, more.lines, strict=True):
        assert line.student_id == line_more.student_id
        assert line.amount_rial <= line_more.amount_rial
        p = placed[line.student_id]
        bound = 80 * p.hourly_rate * p.multiplier * (120 if bonus else 100) / 100
        assert line_more.amount_rial <= bound
        assert line.capped == (line.reported_hours > 80)
    assert base.total_rial == sum(x.amount_rial for x in base.lines) <= more.total_rial
    transfers = build_transfer_list(base)
    assert transfers.control_total_rial + transfers.held_back_rial == base.total_rial
