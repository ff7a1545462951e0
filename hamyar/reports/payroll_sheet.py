"""How a sheet of the payroll workbooks is written for people: the language's font, the
header row repeated on every printed A4 page with the month and term in the page header
(:func:`hamyar.reports.xlsx_style.print_setup`), digits inside Persian text in Persian, amounts
with thousands separators, and the signature block under a list (prepared by, checked by,
approved by)."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from hamyar.io.csvfile import defuse
from hamyar.reports import labels
from hamyar.reports.xlsx_style import (
    LATIN_FONT,
    PERSIAN_FONT,
    RIAL_FORMAT,
    people_text,
    print_setup,
)
from hamyar.text import Lang


def label(key: str, lang: Lang) -> str:
    """The word for ``key`` in the payroll files: ``payroll.KEY`` of :data:`labels.LABELS`."""
    return labels.label(f"payroll.{key}", lang)


def sheet(wb: Workbook, key: str, lang: Lang, headers: Sequence[str], first: bool) -> Worksheet:
    if first:
        ws = wb.active
        assert ws is not None
        ws.title = label(key, lang)
    else:
        ws = wb.create_sheet(label(key, lang))
    fa = lang == "fa"
    ws.sheet_view.rightToLeft = fa
    print_setup(ws, rtl=fa, title_rows=(1, 1) if headers else None)
    if headers:
        ws.append([label(h, lang) for h in headers])
        for cell in ws[1]:
            cell.font = font(lang, bold=True)
        ws.freeze_panes = "A2"
    return ws


def font(lang: Lang, bold: bool = False) -> Font:
    return Font(name=PERSIAN_FONT if lang == "fa" else LATIN_FONT, bold=bold)


def append(
    ws: Worksheet, values: Sequence[object], bold: bool = False, lang: Lang | None = None
) -> None:
    fa = ws.sheet_view.rightToLeft
    style = font(lang or ("fa" if fa else "en"), bold)
    ws.append([_people(defuse(v), fa) for v in values])
    row = ws.max_row
    for cell in ws[row]:
        if isinstance(cell.value, int) and not isinstance(cell.value, bool):
            cell.number_format = RIAL_FORMAT
        cell.font = style


def _people(value: object, fa: bool) -> object:
    """A value for a person's eye: in a Persian sheet, digits inside Persian text are Persian
    (``آبان 1402`` → ``آبان ۱۴۰۲``); codes, Sheba numbers and numeric cells stay as they are."""
    if fa and isinstance(value, str):
        return people_text(value)
    return value


def signature(ws: Worksheet, lang: Lang) -> None:
    """The signature block under a list: prepared by, checked by, approved by (name, date,
    signature), on the same printed page as the list's last lines."""
    row = ws.max_row + 3
    style = font(lang, bold=True)
    for offset, key in enumerate(("prepared_by", "checked_by", "approved_by")):
        col = 2 + 3 * offset
        ws.cell(row=row, column=col, value=label(key, lang)).font = style
        ws.cell(row=row + 1, column=col, value=label("name_date_signature", lang)).font = font(lang)


def heading(ws: Worksheet, text: str, lang: Lang) -> None:
    print_setup(ws, rtl=lang == "fa", title_rows=(1, 1), heading=text)


def fit(wb: Workbook) -> None:
    """Column widths from the longest cell (between 8 and 50 characters)."""
    for ws in wb.worksheets:
        widths: dict[str, int] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    letter = cell.column_letter
                    widths[letter] = max(widths.get(letter, 0), len(str(cell.value)))
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = min(50, max(8, width + 2))
