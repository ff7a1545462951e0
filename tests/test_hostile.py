"""Hostile inputs and interruptions (issue 19): each row of a table is one case of the issue,
commented with its number; what must hold is a located error, an exact round trip, or a clean
exit."""

# Where each case of issue 19 is tested, when not in this file:
#   1, 15 (inputs and symlinks at --out), 2 (crash between the swap's renames), 3 (one writer per
#     --out; --force never removes a payroll), 5 (edited assignments.csv), 16 (modes):
#     tests/io/test_outdir.py
#   5 (a folder without a manifest, placements against the run's stored assignments):
#     tests/store/test_recorded.py
#   3 (two pay of one month at once, on one --out and on two): tests/store/test_ledger.py,
#     tests/test_kills.py
#   11 (read-only file system, full disk, no permission, dangling link): tests/io/test_faults.py
#   2, 13, 14 (SIGKILL, SIGTERM, SIGINT at named moments of run, pay and batch; the ledger and
#     the payroll folder agree; no staging or worker left): tests/test_kills.py,
#     tests/scenarios/test_batch.py
#   16 (modes of run, pay and timesheets outputs under umask 022 and 002): tests/io/test_modes.py

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from hamyar.cli import cli
from hamyar.errors import Issue
from hamyar.generator.default import default_problem
from hamyar.generator.timesheets import generate_timesheets, write_timesheets
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.io.cells import parse_date
from hamyar.io.columns import TIMESHEET_COLUMNS
from hamyar.io.csvfile import defuse, undefuse
from hamyar.io.units import read_units
from hamyar.models import JalaliMonth
from hamyar.models.problem import reference_issues
from hamyar.pipeline import run_problem
from hamyar.pipeline.month import pay_month
from hamyar.reports.outputs import write_machine_outputs

FORMULA_IDS = [
    "-1234567890",  # case 4: an ID a spreadsheet reads as a negative number
    "+1234567890",  # case 4: a leading plus
    "=1234567890",  # case 4: a leading equals sign
    "@1234567890",  # case 4: a leading at sign
    "'-1234567890",  # case 4: already quoted text keeps its quote
    "''=12345678",  # case 4: two quotes kept
]


@pytest.mark.parametrize("text", FORMULA_IDS)
def test_defusing_reads_back_exactly(text: str) -> None:
    defused = defuse(text)
    assert isinstance(defused, str) and defused.startswith("'")
    assert undefuse(defused) == text


def test_formula_like_ids_are_paid_after_a_run(tmp_path: Path) -> None:
    """case 4: students whose IDs start with ``- + = @`` are placed, read back and paid."""
    problem = default_problem()
    renamed = {a.student_id: FORMULA_IDS[i % 4] + str(i) for i, a in enumerate(problem.applicants)}
    applicants = [
        a.model_copy(update={"student_id": renamed[a.student_id]}) for a in problem.applicants
    ]
    rejections = [
        r.model_copy(update={"student_id": renamed.get(r.student_id, r.student_id)})
        for r in problem.rejections
    ]
    problem = problem.model_copy(
        update={"applicants": tuple(applicants), "rejections": tuple(rejections)}
    )
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    result = run_problem(problem)
    write_machine_outputs(run_dir, result)
    placed = {a.student_id for a in result.allocation.assignments}
    assert placed and all(sid[0] in "-+=@" for sid in placed)

    record = read_allocation_dir(run_dir)
    assert {r.student_id for r in record.rows} == placed
    month = JalaliMonth(year=1402, month=8)
    sheets = generate_timesheets(record, month, seed=3)
    write_timesheets(tmp_path / "ts.xlsx", sheets)
    paid = pay_month(run_dir, tmp_path / "ts.xlsx", month, tmp_path / "payroll")
    lines = {line.student_id for line in paid.payroll.lines}
    assert lines and lines <= placed
    units = {r.student_id: r.unit_code for r in record.rows}
    assert lines == {r.student_id for r in sheets if r.unit_code == units.get(r.student_id)}


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("codes", "duplicates"),
    [
        ({5: "lib"}, {5: "LIB"}),  # case 6: LIB and lib are one code
        ({5: "lib", 7: "Lib"}, {5: "LIB", 7: "LIB"}),  # case 6: every duplicate located
        ({5: "lib", 2: "pe"}, {5: "LIB"}),  # case 6: PE written pe alone is no duplicate
    ],
)
def test_unit_codes_differing_in_case_are_duplicates(
    tmp_path: Path, codes: dict[int, str], duplicates: dict[int, str]
) -> None:
    lines = (DATA / "qom-1402-1403-units.csv").read_text(encoding="utf-8").splitlines()
    for index, code in codes.items():
        cells = lines[index].split(",", 2)
        lines[index] = ",".join([cells[0], code, cells[2]])
    units_file = tmp_path / "units.csv"
    units_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    units = read_units(units_file).records
    issues = [i for i in reference_issues((), units, ()) if "duplicate unit code" in i.text()]
    assert {i.row: i.column for i in issues} == {row + 1: "code" for row in duplicates}
    for issue in issues:
        assert issue.file == str(units_file)
        assert f"{duplicates[issue.row - 1]!r}, row 4" in issue.text()


def _staging_appeared(folder: Path, proc: subprocess.Popen[bytes]) -> bool:
    """Wait until the run has begun writing (a hidden staging entry beside ``--out``)."""
    for _ in range(1200):
        if proc.poll() is not None:
            return False
        if list(folder.glob(".alloc.hamyar-*.tmp")):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "code"),
    [
        (signal.SIGINT, 130),  # case 13: Ctrl-C mid-run: one line, exit 130
        (signal.SIGTERM, 143),  # case 13: SIGTERM mid-run: exit 143
    ],
)
def test_run_interrupted_leaves_no_traceback_nor_staging(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    hamyar = Path(sys.executable).with_name("hamyar")
    proc = subprocess.Popen(
        [str(hamyar), "run", "--out", "alloc"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if not _staging_appeared(tmp_path, proc):
        proc.kill()
        pytest.fail("the run ended before it began writing")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err.decode()
    assert b"Traceback" not in err
    assert not list(tmp_path.glob(".alloc.hamyar-*.tmp")), list(tmp_path.iterdir())
    assert not (tmp_path / "alloc").exists()


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _refused(result: Result, *expected: str) -> None:
    """Exit 2, every expected line in the output, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for line in expected:
        assert line in result.output, result.output


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated instance: ``applicants.csv`` and ``units.csv``."""
    folder = tmp_path_factory.mktemp("generated")
    args = ["generate", "--applicants", "40", "--units", "5", "--seed", "1", "--out", str(folder)]
    assert _invoke(*args).exit_code == 0
    return folder


def _edited(source: Path, target: Path, edit: dict[tuple[int, str], str]) -> Path:
    """``source`` with the cells ``{(record, column): text}`` replaced, written to ``target``."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for (record, column), text in edit.items():
        rows[record - 1][rows[0].index(column)] = text
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return target


TOO_DEEP = "nested deeper than 32 levels"
DEEP_TOML = [
    ('"min_gpa.phd" = ' + "[" * 100_000 + "]" * 100_000, ":3: " + TOO_DEEP),  # case 8: arrays
    ('"min_gpa.phd" = ' + "{a=" * 50 + "1" + "}" * 50, ":3: " + TOO_DEEP),  # case 8: tables
    (".".join(["a"] * 200) + " = 1", ":overrides.a.a.…: " + TOO_DEEP),  # case 8: dotted keys
]


@pytest.mark.parametrize(("line", "expected"), DEEP_TOML)
@pytest.mark.parametrize("what", ["scenario", "policy"])
def test_deeply_nested_toml_is_refused(
    generated: Path, tmp_path: Path, line: str, expected: str, what: str
) -> None:
    toml = tmp_path / f"{what}.toml"
    toml.write_text(f'name = "x"\n[overrides]\n{line}\n', encoding="utf-8")
    if what == "policy":
        toml.write_text(f"[overrides]\n\n{line}\n", encoding="utf-8")
        apps, units = generated / "applicants.csv", generated / "units.csv"
        result = _invoke("allocate", str(apps), str(units), "--policy", str(toml), "--out", "o")
    else:
        result = _invoke("run", str(toml), "--out", str(tmp_path / "o"))
    _refused(result, f"{toml}{expected}")
    assert not (tmp_path / "o").exists()


GREGORIAN = "a Gregorian date, not Jalali: in Jalali it is "
OUT_OF_RANGE = "Jalali year out of range 1300-1500"


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2021/09/23", GREGORIAN + "1400/07/01 (2021/09/23)"),  # case 9
        ("23/09/2021", GREGORIAN + "1400/07/01 (23/09/2021)"),  # case 9: day first
        ("2024-02-30", OUT_OF_RANGE + " (2024-02-30)"),  # case 9: no such Gregorian day
        ("1250/01/01", OUT_OF_RANGE + " (1250/01/01)"),  # case 9: a year no term has
    ],
)
def test_gregorian_study_start_is_named_with_its_jalali_date(
    generated: Path, tmp_path: Path, start: str, expected: str
) -> None:
    apps = _edited(generated / "applicants.csv", tmp_path / "a.csv", {(3, "study_start"): start})
    out = tmp_path / "o"
    result = _invoke("allocate", str(apps), str(generated / "units.csv"), "--out", str(out))
    _refused(result, f"{apps}:3:study_start: {expected}")
    assert not out.exists()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.datetime(2021, 9, 23), "1400/07/01"),  # case 9: an Excel date cell is Gregorian
        (dt.datetime(1402, 7, 1), "1402/07/01"),  # case 9: 1402/07/01 typed into a date cell
    ],
)
def test_excel_date_cells_become_jalali(cell: dt.datetime, expected: str) -> None:
    assert str(parse_date(cell, "")) == expected


CONTROLS = "\x00\x07\x1b\x7f\x9b"


def test_control_characters_are_removed_at_reading_and_pay_writes(
    generated: Path, tmp_path: Path, new_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """case 10: control characters in every name pass run → timesheets → pay; the workbooks
    (which cannot hold them) are written, the names read without them."""
    monkeypatch.setenv("HAMYAR_WORKSPACE", str(new_workspace))
    source = generated / "applicants.csv"
    with source.open(encoding="utf-8-sig", newline="") as handle:
        count = sum(1 for _ in handle) - 1
    edit = {(r, "first_name"): f"ع{CONTROLS}لی" for r in range(2, count + 2)}
    edit |= {(r, "last_name"): f"\x0bرضا{CONTROLS}" for r in range(2, count + 2)}
    apps = _edited(source, tmp_path / "a.csv", edit)
    run, ts, pay = tmp_path / "run", tmp_path / "ts.xlsx", tmp_path / "pay"
    result = _invoke("allocate", str(apps), str(generated / "units.csv"), "--out", str(run))
    assert result.exit_code == 0, result.output
    run_id = re.search(r"run (\d+) in the workspace", result.output)
    assert run_id is not None
    assert _invoke("adopt", run_id.group(1)).exit_code == 0
    month = ["--month", "1402/08"]
    assert _invoke("timesheets", "--allocation", str(run), *month, "--out", str(ts)).exit_code == 0
    result = _invoke(
        "pay", "--allocation", str(run), "--timesheets", str(ts), *month, "--out", str(pay),
        "--lang", "fa",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = {(r[2], r[3]) for r in csv.reader((run / "assignments.csv").open(encoding="utf-8-sig"))}
    assert names - {("first_name", "last_name")} == {("علی", "رضا")}
    sheet = openpyxl.load_workbook(pay / "1402-08" / "payroll.xlsx")["لیست پرداخت"]
    assert any("علی" in str(c) for row in sheet.iter_rows(values_only=True) for c in row)


def test_a_quoted_value_shows_its_control_characters() -> None:
    """case 10: a value in a message can neither hide control characters nor drive a terminal."""
    issue = Issue("bad", "a\x1b[2Jb\nc", file="f.csv", row=2, column="x")
    assert str(issue) == "f.csv:2:x: bad (a\\x1b[2Jb\\x0ac)"


def _xlsx_of(source: Path, target: Path, extra_rows: int = 0) -> Path:
    """``source`` (CSV) as a workbook, with ``extra_rows`` copies of its last row."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows: list[list[object]] = [list(r) for r in csv.reader(handle)]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows + rows[-1:] * extra_rows:
        sheet.append(row)
    workbook.save(target)
    return target


def _sheet_edited(source: Path, target: Path, prolog: str, cell: str) -> Path:
    """Workbook ``source`` with ``prolog`` before the first sheet's root element and ``cell``
    at the start of its first cell's text."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data.decode().split("?>", 1)[-1].replace("<t>", "<t>" + cell, 1)
                data = f"<?xml version='1.0'?>{prolog}{body}".encode()
            z.writestr(item.filename, data)
    return target


def _sizes_forged(source: Path, member: str, declared: int) -> Path:
    """Workbook ``source`` whose ``member`` declares ``declared`` bytes uncompressed (in its
    local header and the central directory), with the checksum of those first bytes, while its
    deflated data still inflates to its real size."""
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
        crc = zlib.crc32(archive.read(member)[:declared])
    data = bytearray(source.read_bytes())
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, local + 14, crc)  # local header: crc-32, then sizes
    struct.pack_into("<I", data, local + 22, declared)
    entry = data.rindex(b"PK\x01\x02")  # its central directory entry, from the last one
    while data[entry + 46 : entry + 46 + len(member)] != member.encode():
        entry = data.rindex(b"PK\x01\x02", 0, entry)
    struct.pack_into("<I", data, entry + 16, crc)  # central directory: crc-32, then sizes
    struct.pack_into("<I", data, entry + 24, declared)
    source.write_bytes(bytes(data))
    return source


LAUGHS = "".join(f'<!ENTITY l{i} "{(f"&l{i - 1};" if i else "lol") * 10}">' for i in range(9))


LIMITS = "max_input_mb = 1\nmax_input_rows = 100\n"
MB_KEY = "more than the limit of 1 MB (policy key max_input_mb)"
ROWS_KEY = "more than the limit of 100 (policy key max_input_rows)"
INPUT_LIMITS = [
    ("big_cell", f"file too large: 2 MB uncompressed, {MB_KEY}"),  # case 7: a cell inflates
    ("forged", f"file too large: more than that uncompressed, {MB_KEY}"),  # case 7: a member
    # declares 1 kB uncompressed (with that kB's checksum) and inflates to 2 MB
    ("rows_xlsx", f"too many rows: sheet 'Sheet' has 141, {ROWS_KEY}"),  # case 7: sheet rows
    ("rows_csv", f"too many rows: the file has 141, {ROWS_KEY}"),  # case 7: CSV rows
    ("laughs", "cannot read workbook"),  # case 7: billion laughs: refused, nothing expanded
]


@pytest.mark.parametrize(("case", "expected"), INPUT_LIMITS)
def test_input_beyond_the_limits_is_refused_before_reading(
    generated: Path, tmp_path: Path, case: str, expected: str
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(LIMITS, encoding="utf-8")
    source = generated / "applicants.csv"
    if case == "big_cell":
        plain = _xlsx_of(source, tmp_path / "p.xlsx")
        apps = _sheet_edited(plain, tmp_path / "a.xlsx", "", "x" * 2_000_000)
    elif case == "forged":
        plain = _xlsx_of(source, tmp_path / "p.xlsx")
        apps = _sheet_edited(plain, tmp_path / "a.xlsx", "", "x" * 2_000_000)
        apps = _sizes_forged(apps, "xl/worksheets/sheet1.xml", 1_000)
    elif case == "rows_xlsx":
        apps = _xlsx_of(source, tmp_path / "a.xlsx", extra_rows=100)
    elif case == "rows_csv":
        lines = source.read_text(encoding="utf-8").splitlines()
        apps = tmp_path / "a.csv"
        apps.write_text("\n".join(lines + lines[-1:] * 100) + "\n", encoding="utf-8")
    else:
        plain = _xlsx_of(source, tmp_path / "p.xlsx")
        apps = _sheet_edited(plain, tmp_path / "a.xlsx", f"<!DOCTYPE w [{LAUGHS}]>", "&l8;")
    result = _invoke("check", str(apps), str(generated / "units.csv"), "--policy", str(policy))
    _refused(result, f"{apps}: {expected}")


def test_many_errors_of_one_kind_are_listed_with_a_count(generated: Path, tmp_path: Path) -> None:
    """case 7: every bad gpa is an issue, but the listing gives the first 20 and a count."""
    source = generated / "applicants.csv"
    with source.open(encoding="utf-8-sig", newline="") as handle:
        count = sum(1 for _ in handle) - 1
    apps = _edited(source, tmp_path / "a.csv", {(r, "gpa"): "abc" for r in range(2, count + 2)})
    result = _invoke("check", str(apps), str(generated / "units.csv"))
    _refused(result, f"{apps}:gpa: … {count - 20:,} more: ")
    assert result.output.count(f"{apps}:") == 21, result.output


AT_MOST = "Input should be less than or equal to "
FINITE = "Input should be a finite number"


@pytest.mark.parametrize(
    ("column", "text", "expected"),
    [
        ("female_seats", "1" + "0" * 29, AT_MOST + "10000"),  # case 12: 10^29 seats
        ("male_seats", "1e29", AT_MOST + "10000"),  # case 12: 10^29 written as 1e29
        ("hours_per_month", "1e400", AT_MOST + "400"),  # case 12: beyond a float
        ("hours_per_month", "nan", "not a number"),  # case 12
        ("hours_per_month", "inf", "not a number"),  # case 12
    ],
)
def test_numbers_beyond_reason_in_units_are_located(
    generated: Path, tmp_path: Path, column: str, text: str, expected: str
) -> None:
    units = _edited(generated / "units.csv", tmp_path / "u.csv", {(3, column): text})
    out = tmp_path / "o"
    result = _invoke("allocate", str(generated / "applicants.csv"), str(units), "--out", str(out))
    _refused(result, f"{units}:3:{column}: {expected} ({text})")
    assert not out.exists()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("time_limit_s = nan", "time_limit_s: " + FINITE + " (nan)"),  # case 12
        ("time_limit_s = inf", "time_limit_s: " + FINITE + " (inf)"),  # case 12
        ("hourly_rate_rial = { phd = 1e400 }", "hourly_rate_rial.phd: " + FINITE),  # case 12
        ("budget_term_rial = " + "9" * 30, "budget_term_rial: " + AT_MOST),  # case 12
        (
            "priority_weights = { married = " + "9" * 19 + " }",
            "priority_weights.married: ",
        ),  # case 12
    ],
)
def test_numbers_beyond_reason_in_a_policy_are_located(
    generated: Path, tmp_path: Path, line: str, expected: str
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(line + "\n", encoding="utf-8")
    apps, units = generated / "applicants.csv", generated / "units.csv"
    result = _invoke("allocate", str(apps), str(units), "--policy", str(policy), "--out", "o")
    _refused(result, f"{policy}:{expected}")


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        ("nan", FINITE),  # case 12: --time-limit nan
        ("inf", FINITE),  # case 12
        ("1e400", FINITE),  # case 12: inf written otherwise
        ("-1", "Input should be greater than 0"),  # case 12
        ("86401", AT_MOST + "86400"),  # case 12: more than a day
    ],
)
def test_time_limit_must_be_a_finite_number_of_seconds(
    generated: Path, tmp_path: Path, limit: str, expected: str
) -> None:
    apps, units = generated / "applicants.csv", generated / "units.csv"
    out = tmp_path / "o"
    result = _invoke("allocate", str(apps), str(units), "--time-limit", limit, "--out", str(out))
    _refused(result, f"Invalid value for '--time-limit': {limit!r}: {expected}")
    assert not out.exists()


SCENARIOS = Path(__file__).parents[1] / "hamyar" / "data" / "scenarios"


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        ("0:1e999999999:1", "'1e999999999' is beyond ±1,000,000,000,000,000"),  # case 12: Overflow
        ("0:1:1e-999999999", "'1e-999999999' has more than 12 decimal places"),  # case 12: step
        ("1e999999999,2", "'1e999999999' is beyond ±1,000,000,000,000,000"),  # case 12: a list
        ("0:1e15:1e-12", "values; at most 10,000"),  # case 12: the count at full range
    ],
)
def test_sweep_numbers_beyond_reason_are_refused(tmp_path: Path, param: str, expected: str) -> None:
    out = tmp_path / "o"
    scenario = SCENARIOS / "gpa-15.toml"
    result = _invoke("sweep", str(scenario), "--param", f"min_gpa.phd={param}", "--out", str(out))
    _refused(result, expected)
    assert not out.exists()


@pytest.mark.parametrize(
    ("seats", "expected"),
    [
        ('female = "+' + "1" + "0" * 29 + '"', "female: seats: at most 10,000"),  # case 12
        ("male = " + "1" + "0" * 11, "male: seats: at most 10,000"),  # case 12: absolute
        (
            'female = "+9999"',
            "female: would give DORM 10,029 female seats; at most 10,000",
        ),  # case 12
    ],
)
def test_scenario_seats_beyond_reason_are_located(
    tmp_path: Path, seats: str, expected: str
) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(f'extends = "qom-1402-1403"\n[seats]\nDORM = {{ {seats} }}\n', "utf-8")
    out = tmp_path / "o"
    _refused(_invoke("run", str(scenario), "--out", str(out)), f"{scenario}:seats.DORM.{expected}")
    assert not out.exists()


def _delimited(units: Path, delimiter: str) -> str:
    with units.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return "\n".join(delimiter.join(row) for row in rows) + "\n"


def _ods() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


XLS = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600)
HTML = "<html><table><tr><td>code</td></tr></table></html>"
IS = ": this file is "
SEPARATED = ":1: the columns are separated by "
AS_XLSX = " named .xlsx: open it and save it as .xlsx"
WRONG_FILES: list[tuple[str, Callable[[Path], bytes | str], str]] = [
    ("u.csv", lambda u: _delimited(u, ";"), SEPARATED + "semicolons"),  # case 17
    ("u.csv", lambda u: _delimited(u, "\t"), SEPARATED + "tabs"),  # case 17
    ("u.xlsx", lambda u: XLS, IS + "an Excel 97-2003 workbook (.xls)" + AS_XLSX),  # case 17
    ("u.xlsx", lambda u: _ods(), IS + "an OpenDocument spreadsheet (.ods)" + AS_XLSX),  # case 17
    ("u.xlsx", lambda u: u.read_text("utf-8"), ": not a workbook although named .xlsx"),  # case 17
    ("u.csv", lambda u: HTML, IS + "a web page (HTML) named .csv"),  # case 17: a portal's export
]


@pytest.mark.parametrize(("name", "content", "expected"), WRONG_FILES)
def test_a_file_that_is_not_what_its_name_says_is_named(
    generated: Path,
    tmp_path: Path,
    name: str,
    content: Callable[[Path], bytes | str],
    expected: str,
) -> None:
    units = tmp_path / name
    data = content(generated / "units.csv")
    units.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    out = tmp_path / "o"
    result = _invoke("allocate", str(generated / "applicants.csv"), str(units), "--out", str(out))
    _refused(result, f"{units}{expected}")
    assert not out.exists()


def test_a_huge_csv_cell_is_located(generated: Path, tmp_path: Path) -> None:
    """case 17: a 200,000-character field is named by row and column, not "not a valid CSV"."""
    units = _edited(generated / "units.csv", tmp_path / "u.csv", {(4, "name_fa"): "x" * 200_000})
    result = _invoke("check", str(generated / "applicants.csv"), str(units))
    _refused(result, f"{units}:4:name_fa: a cell of 200,000 characters; at most 131,072")


def test_every_bad_units_cell_and_duplicate_code_is_located_at_once(
    generated: Path, tmp_path: Path
) -> None:
    """case 17: bad seats in two rows and two case-duplicates of one code, all in one listing."""
    source = generated / "units.csv"
    with source.open(encoding="utf-8-sig", newline="") as handle:
        code = next(iter(csv.DictReader(handle)))["code"]
    edit = {(3, "female_seats"): "x", (6, "male_seats"): "-1"}
    edit |= {(4, "code"): code.lower(), (5, "code"): code.title()}
    units = _edited(source, tmp_path / "u.csv", edit)
    result = _invoke("check", str(generated / "applicants.csv"), str(units))
    also = f"duplicate unit code (also {code!r}, row 2)"
    _refused(
        result,
        f"{units}:3:female_seats: not a number (x)",
        f"{units}:6:male_seats: negative seats (-1)",
        f"{units}:4:code: {also} ({code.lower()})",
        f"{units}:5:code: {also} ({code.title()})",
    )


@pytest.fixture
def paid_run(
    generated: Path, tmp_path: Path, new_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An adopted allocation of the generated instance, with a month of timesheets as CSV."""
    monkeypatch.setenv("HAMYAR_WORKSPACE", str(new_workspace))
    run, sheets = tmp_path / "run", tmp_path / "ts.xlsx"
    apps, units = generated / "applicants.csv", generated / "units.csv"
    result = _invoke("allocate", str(apps), str(units), "--out", str(run))
    run_id = re.search(r"run (\d+) in the workspace", result.output)
    assert run_id is not None, result.output
    assert _invoke("adopt", run_id.group(1)).exit_code == 0
    args = ["--allocation", str(run), "--month", "1402/08", "--out", str(sheets)]
    assert _invoke("timesheets", *args).exit_code == 0
    rows = list(openpyxl.load_workbook(sheets).active.iter_rows(values_only=True))
    rows[0] = tuple(c.name for c in TIMESHEET_COLUMNS)  # the English headers, as the tests say
    with (tmp_path / "ts.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["" if c is None else c for c in r] for r in rows])
    return run


def _pay(run: Path, hours: dict[int, str]) -> tuple[Result, Path]:
    sheets = run.with_name("ts.csv")
    edited = _edited(
        sheets, run.with_name("edited.csv"), {(r, "hours"): h for r, h in hours.items()}
    )
    out = run.with_name("pay")
    args = ["--allocation", str(run), "--timesheets", str(edited), "--month", "1402/08"]
    return _invoke("pay", *args, "--out", str(out)), edited


def test_every_bad_hours_cell_is_located(paid_run: Path) -> None:
    """case 17: several bad hours, each located; nothing paid."""
    bad = {2: "abc", 3: "-3", 4: "1000000", 5: "1e400", 6: "nan"}
    result, sheets = _pay(paid_run, bad)
    _refused(
        result,
        f"{sheets}:2:hours: not a number (abc)",
        f"{sheets}:3:hours: must not be negative (-3)",
        f"{sheets}:4:hours: {AT_MOST}744 (1000000)",  # case 17: a million hours, case 12's bound
        f"{sheets}:5:hours: {AT_MOST}744 (1e400)",
        f"{sheets}:6:hours: not a number (nan)",
    )
    assert not paid_run.with_name("pay").exists()


def test_hours_above_the_cap_are_warned_at_their_row(paid_run: Path) -> None:
    """case 17: hours above the monthly cap are paid as 80, with a located warning (P3)."""
    result, sheets = _pay(paid_run, {2: "100", 7: "744"})
    assert result.exit_code == 0, result.output
    for row, hours in ((2, "100"), (7, "744")):
        warning = f"{sheets}:{row}:hours: warning: P3: above the monthly cap: 80 of them are paid"
        assert f"{warning} ({hours})" in result.output


def test_pin_conflicts_name_the_rows_of_the_pins(generated: Path, tmp_path: Path) -> None:
    """case 17: a hard pin (current_unit) of an ineligible student, and more pins than seats,
    name the applicants' rows that hold the pins and the units' row."""
    source = generated / "applicants.csv"
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    women = [n for n, r in enumerate(rows, start=2) if r["gender"] == "female"]
    edit = {(n, "current_unit"): "PE" for n in women}
    edit |= {(women[0], "gpa"): "5"}
    apps = _edited(source, tmp_path / "a.csv", edit)
    units = generated / "units.csv"
    result = _invoke("allocate", str(apps), str(units), "--out", str(tmp_path / "o"))
    sid = rows[women[0] - 2]["student_id"]
    _refused(
        result,
        f"{apps}:{women[0]}:current_unit: A5: the hard pin of {sid} to unit PE breaks a rule",
        f"{units}:3:female_seats: A1/A5: unit PE has 6 female seat(s) but",
        f"(pinned at {apps}:",
    )
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_a_second_run_on_the_same_absent_out_is_refused(tmp_path: Path) -> None:
    """case 17: two ``run`` at once on one absent --out, without --force: one writes, the other
    is refused (the lock beside --out is taken before any work)."""
    hamyar = Path(sys.executable).with_name("hamyar")
    first = subprocess.Popen(
        [str(hamyar), "run", "--out", "alloc"], cwd=tmp_path, stderr=subprocess.PIPE
    )
    lock = tmp_path / ".alloc.lock"
    for _ in range(1200):
        if lock.exists() or first.poll() is not None:
            break
        time.sleep(0.05)
    second = subprocess.run(
        [str(hamyar), "run", "--out", "alloc"], cwd=tmp_path, capture_output=True, text=True
    )
    first.communicate(timeout=300)
    assert first.returncode == 0
    assert second.returncode == 2, second.stderr
    refusals = ("another hamyar command is writing this output", "output folder is not empty")
    assert any(r in second.stderr for r in refusals), second.stderr
    assert "Traceback" not in second.stderr
    assert (tmp_path / "alloc" / "assignments.csv").is_file()


CONTROL = ": a control character in the text; remove it"
BONUS = "[[overrides.bonus_rules]]\npercent = 5\nname = "


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('name = "a\\u0007b"', ":name" + CONTROL + " (a\\x07b)"),  # case 10
        (BONUS + '"\\u001b"', ":overrides.bonus_rules.[0].name" + CONTROL),  # case 10
        ('description = "a\\nb\\tc"\nterm = "x"', ":term: unknown term"),  # case 10: \t, \n kept
    ],
)
def test_control_characters_in_toml_are_refused_at_their_key(
    tmp_path: Path, lines: str, expected: str
) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(f'extends = "qom-1402-1403"\n{lines}\n', encoding="utf-8")
    result = _invoke("run", str(scenario), "--out", str(tmp_path / "o"))
    _refused(result, f"{scenario}{expected}")
    assert (CONTROL in result.output) == (CONTROL in expected)


def test_every_unknown_unit_is_located(generated: Path, tmp_path: Path) -> None:
    """case 17: several unknown units in preferences and as a current unit, every one located."""
    edit = {
        (3, "preferences"): "NOPE;PE",
        (5, "preferences"): "ZZZ",
        (7, "preferences"): "PE;QQ;YY",
    }
    edit |= {(8, "current_unit"): "WHAT"}
    apps = _edited(generated / "applicants.csv", tmp_path / "a.csv", edit)
    result = _invoke("check", str(apps), str(generated / "units.csv"))
    unknown = "preferences: unknown unit in preferences"
    _refused(
        result,
        f"{apps}:3:{unknown}; did you mean 'PE'? (NOPE)",
        f"{apps}:5:{unknown} (ZZZ)",
        f"{apps}:7:{unknown} (QQ)",
        f"{apps}:7:{unknown} (YY)",
        f"{apps}:8:current_unit: unknown current unit (WHAT)",
    )


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        ("2023/10", "a Gregorian month, not Jalali: in Jalali it is 1402/07-1402/08"),  # case 9
        ("1299/08", "Jalali year out of range 1300-1500"),  # case 9
    ],
)
def test_a_gregorian_month_is_named_with_its_jalali_months(
    paid_run: Path, month: str, expected: str
) -> None:
    out = paid_run.with_name("t.xlsx")
    result = _invoke(
        "timesheets", "--allocation", str(paid_run), "--month", month, "--out", str(out)
    )
    _refused(result, f"--month: {expected} ({month})")
    assert not out.exists()
