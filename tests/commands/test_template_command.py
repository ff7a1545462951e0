"""``hamyar template``: Persian, right-to-left workbooks with drop-downs that read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.errors import InputError
from hamyar.io import read_applicants, read_units
from hamyar.io.cells import parse_cell
from hamyar.io.columns import APPLICANT_COLUMNS, UNIT_COLUMNS
from hamyar.io.template import TEMPLATES, choices
from hamyar.models import Degree, Gender, InstitutionType, MaritalStatus, StudentType

ENUMERATED = {
    "gender",
    "degree",
    "student_type",
    "marital_status",
    "institution_type",
    "iranian_mother",
    "deputy_approval",
    "disciplinary_record",
    "accepted_rules",
}


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("t") / "templates"
    result = CliRunner().invoke(cli, ["template", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _validated_headers(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, str]:
    """``{header: formula}`` of every list validation on the sheet."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type == "list":
            letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
            found[str(headers[letter])] = validation.formula1
    return found


def test_files_and_layout(templates: Path) -> None:
    assert sorted(p.name for p in templates.iterdir()) == [
        ".hamyar.json",
        "applicants.xlsx",
        "rejections.xlsx",
        "timesheets.xlsx",
        "units.xlsx",
    ]
    sheet = openpyxl.load_workbook(templates / "applicants.xlsx").worksheets[0]
    assert sheet.sheet_view.rightToLeft is True
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [c.header_fa for c in APPLICANT_COLUMNS]
    assert sheet.column_dimensions["A"].width >= 14
    assert sheet.max_row == 1


def test_every_enumerated_column_has_a_drop_down(templates: Path) -> None:
    sheet = openpyxl.load_workbook(templates / "applicants.xlsx").worksheets[0]
    found = _validated_headers(sheet)
    by_name = {c.name: c for c in APPLICANT_COLUMNS}
    assert set(found) == {by_name[n].header_fa for n in ENUMERATED}
    assert found[by_name["gender"].header_fa] == '"زن,مرد"'
    assert found[by_name["iranian_mother"].header_fa] == '"بله,خیر"'
    units = openpyxl.load_workbook(templates / "units.xlsx").worksheets[0]
    whole = [v for v in units.data_validations.dataValidation if v.type == "whole"]
    assert len(whole) == 2  # female and male seats


@pytest.mark.parametrize("column", [c for c in (*APPLICANT_COLUMNS, *UNIT_COLUMNS) if choices(c)])
def test_every_drop_down_word_reads_back(column: object) -> None:
    words = choices(column)  # type: ignore[arg-type]
    assert words
    for word in words:
        assert parse_cell(column, word) is not None  # type: ignore[arg-type]


def test_filled_in_persian_reads_back(templates: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(templates / "applicants.xlsx")
    sheet = workbook.worksheets[0]
    values = {
        "student_id": "۴۰۱۱۲۳۴۵",
        "national_id": "۰۰۱۳۵۴۲۴۱۹",
        "first_name": "فاطمه",
        "last_name": "حسيني",
        "gender": "زن",
        "degree": "کارشناسی ارشد ناپیوسته",
        "field": "حقوق",
        "gpa": "۱۷/۲۵",
        "study_start": "۱۴۰۱/۰۷/۰۱",
        "student_type": "بین‌الملل",
        "iranian_mother": "بله",
        "marital_status": "متأهل",
        "children": 1,
        "priority_groups": "نمونه، بهزیستی",
        "preferences": "کتابخانه مرکزی؛ LIB",
        "institution_type": "وزارت علوم",
    }
    for position, column in enumerate(APPLICANT_COLUMNS, start=1):
        if column.name in values:
            sheet.cell(row=2, column=position, value=values[column.name])
    workbook.save(tmp_path / "filled.xlsx")
    (app,) = read_applicants(tmp_path / "filled.xlsx").records
    assert app.student_id == "40112345" and app.national_id == "0013542419"
    assert app.last_name == "حسینی"
    assert app.gender is Gender.female and app.degree is Degree.master_discontinuous
    assert app.gpa == 17.25 and str(app.study_start) == "1401/07/01"
    assert app.student_type is StudentType.international and app.iranian_mother
    assert app.marital_status is MaritalStatus.married and app.children == 1
    assert app.institution_type is InstitutionType.ministry_science
    assert app.preferences == ("کتابخانه مرکزی", "LIB")  # split on the Arabic semicolon
    assert app.source.row == 2


def test_units_template_reads_back(templates: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(templates / "units.xlsx")
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    row = {"کد واحد": "LIB", "نام واحد": "کتابخانه مرکزی", "تعداد خواهران": 2, "تعداد برادران": 3}
    sheet.append([row.get(str(h)) for h in headers])
    workbook.save(tmp_path / "units.xlsx")
    (unit,) = read_units(tmp_path / "units.xlsx").records
    assert (unit.code, unit.female_seats, unit.male_seats) == ("LIB", 2, 3)


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_header_only_template_is_no_data_rows(templates: Path, name: str) -> None:
    from hamyar import io

    reader = getattr(io, f"read_{name}")
    path = templates / f"{name}.xlsx"
    with pytest.raises(InputError) as info:
        reader(path)
    assert str(info.value) == f"{path}:1: no data rows below the {name} header row"


def test_existing_folder_needs_force(tmp_path: Path) -> None:
    templates = tmp_path / "out"
    assert CliRunner().invoke(cli, ["template", "--out", str(templates)]).exit_code == 0
    result = CliRunner().invoke(cli, ["template", "--out", str(templates)])
    assert result.exit_code == 2
    assert "use --force" in result.stderr
    result = CliRunner().invoke(cli, ["template", "--out", str(templates), "--force"])
    assert result.exit_code == 0
    assert (templates / "units.xlsx").exists()
    # a file hamyar did not write is never removed, --force or not
    (templates / "stray.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["template", "--out", str(templates), "--force"])
    assert result.exit_code == 2 and "stray.txt" in result.stderr
    assert (templates / "stray.txt").read_text(encoding="utf-8") == "x"
