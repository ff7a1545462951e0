"""Writers of the input files: what they write reads back as the same records (en and fa,
csv and xlsx), Persian sheets read right to left, formulas are defused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel

from hamyar.errors import InputError
from hamyar.generator import generate_parts
from hamyar.generator.default import default_applicants, default_rejections, default_units
from hamyar.io import read_applicants, read_rejections, read_timesheets, read_units
from hamyar.io.writers import write_applicants, write_rejections, write_timesheets, write_units
from hamyar.models import Applicant, JalaliDate, TimesheetRow

FORMATS = [("en", "csv"), ("en", "xlsx"), ("fa", "csv"), ("fa", "xlsx")]


def plain(records: Any) -> list[dict[str, Any]]:
    """Records as dictionaries, without where they were read from."""
    return [r.model_dump(exclude={"source"}) for r in records]


def sample_applicants() -> tuple[Applicant, ...]:
    """A few hundred applicants that between them use every column and value kind."""
    pool = default_applicants()
    return pool[:300]


@pytest.mark.parametrize(("lang", "ext"), FORMATS)
def test_applicants_round_trip(tmp_path: Path, lang: str, ext: str) -> None:
    applicants = sample_applicants()
    path = tmp_path / f"applicants.{ext}"
    write_applicants(applicants, path, lang)
    assert plain(read_applicants(path).records) == plain(applicants)


@pytest.mark.parametrize(("lang", "ext"), FORMATS)
def test_units_round_trip(tmp_path: Path, lang: str, ext: str) -> None:
    units = generate_parts(400, 40, seed=3).units  # Qom units and generated ones
    assert any(u.allowed_degrees for u in units) and any(u.allowed_fields for u in units)
    path = tmp_path / f"units.{ext}"
    write_units(units, path, lang)
    assert plain(read_units(path).records) == plain(units)


@pytest.mark.parametrize(("lang", "ext"), FORMATS)
def test_rejections_round_trip(tmp_path: Path, lang: str, ext: str) -> None:
    rejections = default_rejections()
    path = tmp_path / f"rejections.{ext}"
    write_rejections(rejections, path, lang)
    assert plain(read_rejections(path).records) == plain(rejections)


@pytest.mark.parametrize(("lang", "ext"), FORMATS)
def test_timesheets_round_trip(
    tmp_path: Path, lang: str, ext: str, timesheet_rows: tuple[TimesheetRow, ...]
) -> None:
    rows = list(timesheet_rows)
    path = tmp_path / f"timesheets.{ext}"
    write_timesheets(rows, path, lang)
    assert plain(read_timesheets(path).records) == plain(rows)


def test_persian_workbook_reads_right_to_left(tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    write_units(default_units(), path, lang="fa")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert sheet.sheet_view.rightToLeft
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["کد واحد", "نام واحد", "نام انگلیسی", "تعداد خواهران", "تعداد برادران"]
    assert sheet["D2"].value == 0 and sheet["E2"].value == 6  # numbers stay numbers
    assert "مقاطع مجاز" in header


def test_english_workbook_has_canonical_headers(tmp_path: Path) -> None:
    path = tmp_path / "applicants.xlsx"
    write_applicants(sample_applicants()[:5], path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert not sheet.sheet_view.rightToLeft
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["student_id", "national_id", "first_name", "last_name"]
    assert "priority_groups" in header and "declared_groups" not in header
    # a national ID keeps its leading zero: it is text, not a number
    ids = [c.value for c in sheet["B"][1:]]
    assert all(v is None or isinstance(v, str) for v in ids)


def test_csv_has_byte_order_mark_and_persian_values(tmp_path: Path) -> None:
    path = tmp_path / "applicants.csv"
    write_applicants(sample_applicants()[:20], path, lang="fa")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "شماره دانشجویی" in text.splitlines()[0]
    assert "بله" in text and "خیر" in text and "yes" not in text


def test_values_as_the_contract_writes_them(tmp_path: Path) -> None:
    """Dates yyyy/mm/dd, lists joined with ';', yes/no words, groups as declared."""
    app = Applicant(
        student_id="4011000999",
        first_name="زهرا",
        last_name="قمی",
        gender="female",
        degree="bachelor_continuous",
        gpa=17.25,
        study_start=JalaliDate.parse("1401/07/01"),
        marital_status="married",
        children=1,
        declared_groups=("shahed", "outstanding"),
        preferences=("LIB", "کتابخانه مرکزی", "dormitory"),
    )
    path = tmp_path / "one.csv"
    write_applicants([app], path)
    header, row = path.read_text(encoding="utf-8-sig").splitlines()
    cells = dict(zip(header.split(","), row.split(","), strict=True))
    assert cells["study_start"] == "1401/07/01"
    assert cells["gpa"] == "17.25"
    assert cells["preferences"] == "LIB;کتابخانه مرکزی;dormitory"
    assert cells["priority_groups"] == "shahed;outstanding"  # married is derived, not written
    assert cells["accepted_rules"] == "yes" and cells["disciplinary_record"] == "no"
    assert cells["semesters_passed"] == "" and cells["national_id"] == ""


def test_formula_text_is_defused(tmp_path: Path) -> None:
    app = sample_applicants()[0].model_copy(update={"first_name": "=HYPERLINK(1)"})
    xlsx, csv_path = tmp_path / "a.xlsx", tmp_path / "a.csv"
    write_applicants([app], xlsx)
    write_applicants([app], csv_path)
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    cell = sheet["C2"]
    assert cell.data_type == "s" and cell.value == "'=HYPERLINK(1)"
    assert "'=HYPERLINK(1)" in csv_path.read_text(encoding="utf-8-sig")


def test_unknown_columns_are_carried(tmp_path: Path) -> None:
    first, second = sample_applicants()[:2]
    records = [
        first.model_copy(update={"extra": {"note": "یادداشت"}}),
        second.model_copy(update={"extra": {"note": "", "phone": "0912"}}),
    ]
    path = tmp_path / "a.csv"
    write_applicants(records, path)
    header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[-2:] == ["note", "phone"]
    back = read_applicants(path).records
    assert back[0].extra.get("note") == "یادداشت"
    assert back[1].extra.get("phone") == "0912"


def test_unsupported_type_and_language(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unsupported file type \.ods"):
        write_units(default_units(), tmp_path / "units.ods")
    with pytest.raises(ValueError, match="unknown language"):
        write_units(default_units(), tmp_path / "units.csv", lang="de")
    assert not (tmp_path / "units.csv").exists()


def test_empty_list_writes_header_only(tmp_path: Path) -> None:
    path = tmp_path / "rejections.csv"
    write_rejections([], path)
    assert path.read_text(encoding="utf-8-sig").strip() == "unit_code,student_id"


def _fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_every_applicant_field_has_a_column(tmp_path: Path) -> None:
    """A new Applicant field without a column would silently be lost in files."""
    path = tmp_path / "a.csv"
    write_applicants(sample_applicants()[:1], path)
    header = set(path.read_text(encoding="utf-8-sig").splitlines()[0].split(","))
    written = (header - {"priority_groups"}) | {"declared_groups", "extra", "source"}
    assert _fields(Applicant) <= written
