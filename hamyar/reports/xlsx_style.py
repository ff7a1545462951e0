"""How the workbooks look and how their cells are written: one :class:`SheetWriter` per sheet.

* **Direction and font.** A Persian sheet reads right to left (``sheet_view.rightToLeft``) and
  uses Tahoma; an English sheet reads left to right in Calibri. Tahoma is on every Windows PC
  and has the Persian letters; LibreOffice on Linux draws it with its substitute (DejaVu Sans),
  which joins the letters without overlap. (Vazirmatn, the earlier choice, is on few office PCs,
  and a missing Vazirmatn was drawn with overlapping glyphs.) A cell names one font only.
* **Paper.** Every sheet prints on A4, landscape, fitted to the page width (never to the
  height, so type stays readable: long tables run on to more pages), with the header rows
  repeated on every page (:func:`print_setup`), the workbook's subject (term, unit) in the page
  header and «صفحه &P از &N» (Page n of m) in the footer.
* **Numbers stay numbers.** Rial amounts are integers with the ``#,##0`` format (thousands
  separators), shares use ``0.0%``; a :class:`~decimal.Decimal` becomes an ``int`` when whole,
  a ``float`` otherwise. Jalali dates are text (``1402/07/01``, Persian digits in Persian
  sheets), since a spreadsheet date is Gregorian.
* **Text is never a formula.** openpyxl turns any string that starts with ``=`` into a formula.
  Every string written here that starts with ``=``, ``+``, ``-`` or ``@``
  (:data:`hamyar.io.csvfile.FORMULA_STARTS`) is stored as a plain string cell instead
  (``data_type = "s"``, written as an inline string) with Excel's *quote prefix* style flag set,
  so the value is kept unchanged — ``=HYPERLINK("http://x","y")`` reads back as exactly that —
  and a spreadsheet shows it as text and keeps it text when the cell is edited. (The CSV files
  prefix ``'`` instead, because CSV has no cell types.) Control characters that XML cannot
  hold are dropped.
* **Persian digits in Persian text.** On a Persian sheet a number inside Persian text is written
  with Persian digits (:func:`people_text`); numbers in numeric cells stay numbers, with a
  number format.
* **Alignment.** In a Persian sheet every text cell is right-aligned, Latin text too (a unit
  code beside a Persian name), so that a column reads as one.
* **Tables.** A bold, shaded header row, frozen; an auto-filter over the header and the body;
  column widths that fit the longest value (within ``[MIN_WIDTH, MAX_WIDTH]`` characters).
* **Speed.** openpyxl files a cell's font, alignment, fill or number format by hashing the style
  object and looking it up in the workbook's list, for every cell; that was most of the time of
  writing ``allocation.xlsx``. :class:`SheetWriter` styles the first cell of each kind (bold or
  not, number format, right-aligned, wrapped, quote prefix, header or total) the ordinary way
  and gives every later cell of that kind a copy of the first one's style indexes. The workbook
  registers its styles in the same order as cell-by-cell styling would, so the file is the same
  byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hamyar.io.csvfile import FORMULA_STARTS

PERSIAN_FONT = "Tahoma"
LATIN_FONT = "Calibri"
RIAL_FORMAT = "#,##0"
COUNT_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
GAP_FORMAT = "0.00%"
SECONDS_FORMAT = "0.00"
DECIMAL_FORMAT = "0.##"
MIN_WIDTH = 6
MAX_WIDTH = 60
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="9BC2E6")
HEADER_BORDER = Border(bottom=_THIN)

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# Persian alphabetical order; Unicode code points put پ چ ژ گ out of place.
_ALPHABET = "آاأإءؤئبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
_ARABIC = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "\u200c": " "})


def persian_digits(text: str) -> str:
    """ASCII digits as Persian digits (for text such as dates; numeric cells stay numbers)."""
    return text.translate(_PERSIAN_DIGITS)


_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9_\-]*[0-9][A-Za-z0-9_\-]*")


def _token_digits(match: re.Match[str]) -> str:
    token = match.group(0)
    return token if any("a" <= ch.lower() <= "z" for ch in token) else persian_digits(token)


def people_text(text: str) -> str:
    """Text for a Persian sheet: inside Persian text every number has Persian digits
    (``معدل 16.06`` → ``معدل ۱۶.۰۶``); a code that holds Latin letters (``P3``, ``E9``,
    ``qom-1402-1403``) and text without Persian letters (a Sheba, a student ID alone) are kept."""
    if not _PERSIAN_LETTER.search(text):
        return text
    return _LATIN_TOKEN.sub(_token_digits, text)


def sort_key(text: str | None) -> tuple[tuple[int, int], ...]:
    """A sort key that puts Persian words in Persian alphabetical order (آ ا ب پ ت … ه ی)
    and Latin words after them in case-folded code-point order; ``None`` sorts first."""
    if not text:
        return ()
    key: list[tuple[int, int]] = []
    for ch in text.translate(_ARABIC).casefold():
        if ch in _ORDER:
            key.append((1, _ORDER[ch]))
        elif ch.isspace():
            key.append((0, 0))
        else:
            key.append((2, ord(ch)))
    return tuple(key)


def cell_value(value: Any) -> Any:
    """What a cell holds for a Python value: a whole ``Decimal`` as ``int``, another as
    ``float``, text without XML-illegal control characters; other values unchanged."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def put_text_safe(cell: Cell, value: Any) -> None:
    """Assign ``value`` to ``cell``; a string that a spreadsheet would read as a formula is
    stored as a string with the quote-prefix flag, its text unchanged."""
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def shown_width(value: Any, number_format: str | None = None) -> int:
    """About how many characters a value takes on screen (the longest line of a text)."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float) and number_format in (RIAL_FORMAT, COUNT_FORMAT):
        return len(f"{value:,.0f}")
    if isinstance(value, int | float) and number_format in (SHARE_FORMAT, GAP_FORMAT):
        return 7
    if isinstance(value, float):
        return len(f"{value:.4g}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def print_setup(
    ws: Worksheet,
    *,
    rtl: bool,
    landscape: bool = True,
    title_rows: tuple[int, int] | None = None,
    heading: str | None = None,
) -> None:
    """Page setup for printing (module docstring): A4, ``landscape`` (or portrait), fitted to
    the width, rows ``title_rows`` (first, last) repeated on every page, ``heading`` in the page
    header and the page number in the footer. Call again to add the title rows or heading."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.8  # room for the page header and footer
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    page = "صفحه &P از &N" if rtl else "Page &P of &N"
    ws.oddFooter.center.text = page
    if heading:
        ws.oddHeader.center.text = heading.replace("&", "&&")


def _header_style(cell: Cell) -> None:
    cell.fill = HEADER_FILL
    cell.border = HEADER_BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _total(cell: Cell) -> None:
    cell.fill = TOTAL_FILL


@dataclass
class SheetWriter:
    """Writes the cells of one sheet in one language and fits the column widths at the end.

    ``rtl`` sets the sheet's direction; every cell gets the language's font.
    """

    ws: Worksheet
    rtl: bool
    widths: dict[int, int] = field(default_factory=dict)
    wrap_cap: dict[int, int] = field(default_factory=dict)
    """Columns whose long text wraps: width capped at this many characters."""

    def __post_init__(self) -> None:
        self.ws.sheet_view.rightToLeft = self.rtl
        name = PERSIAN_FONT if self.rtl else LATIN_FONT
        self.font = Font(name=name)
        self.bold = Font(name=name, bold=True)
        self.title_font = Font(name=name, bold=True, size=14)
        print_setup(self.ws, rtl=self.rtl)
        self._styles: dict[Hashable, StyleArray] = {}

    def put(
        self,
        row: int,
        col: int,
        value: Any,
        number_format: str | None = None,
        *,
        bold: bool = False,
        fit: bool = True,
        wrap: bool = False,
    ) -> Cell:
        """Write one cell (formula-safe), with the sheet's font; ``fit`` counts it in the
        column's width."""
        return self._put(row, col, value, number_format, bold=bold, fit=fit, wrap=wrap)

    def _put(
        self,
        row: int,
        col: int,
        value: Any,
        number_format: str | None = None,
        *,
        bold: bool = False,
        fit: bool = True,
        wrap: bool = False,
        kind: Hashable = None,
        then: Callable[[Cell], None] | None = None,
    ) -> Cell:
        """:meth:`put`, then ``then(cell)`` (more styling, the same for every cell of ``kind``);
        the style of each distinct kind of cell is worked out once (module docstring)."""
        cell = self.ws.cell(row=row, column=col)
        if self.rtl and isinstance(value, str):
            value = people_text(value)
        put_text_safe(cell, value)
        stored = cell.value
        numeric = isinstance(stored, int | float) and not isinstance(value, bool)
        fmt = number_format if number_format and numeric else None
        text_right = self.rtl and isinstance(stored, str)
        key = (kind, bold, fmt, text_right, wrap, cell.quotePrefix)
        style = self._styles.get(key)
        if style is None:
            cell.font = self.bold if bold else self.font
            if fmt:
                cell.number_format = fmt
            if wrap or text_right:
                cell.alignment = Alignment(
                    horizontal="right" if text_right else None,
                    vertical="top" if wrap else None,
                    wrap_text=wrap or None,
                )
            if then is not None:
                then(cell)
            self._styles[key] = StyleArray(cell._style)
        else:
            cell._style = StyleArray(style)
        if fit:
            width = shown_width(stored, number_format)
            self.widths[col] = max(self.widths.get(col, 0), width)
        return cell

    def page_heading(self, text: str) -> None:
        """``text`` (the workbook's term, unit…) in the header of every printed page."""
        print_setup(self.ws, rtl=self.rtl, heading=text)

    def title(self, row: int, text: str) -> None:
        """A title line (large bold text; not counted in the column width)."""
        cell = self.put(row, 1, text, fit=False)
        cell.font = self.title_font

    def header(self, row: int, labels: Sequence[str], first_col: int = 1) -> None:
        """A header row: bold, shaded, centred."""
        for offset, text in enumerate(labels):
            self._put(row, first_col + offset, text, bold=True, kind="header", then=_header_style)

    def row(
        self,
        row: int,
        values: Sequence[Any],
        formats: Sequence[str | None] | None = None,
        *,
        first_col: int = 1,
        bold: bool = False,
        total: bool = False,
    ) -> None:
        """One body row; ``formats[i]`` is the number format of the ``i``-th value; a ``total``
        row is bold and shaded."""
        for offset, value in enumerate(values):
            col = first_col + offset
            fmt = formats[offset] if formats and offset < len(formats) else None
            wrap = col in self.wrap_cap and isinstance(value, str)
            if total:
                self._put(row, col, value, fmt, bold=True, wrap=wrap, kind="total", then=_total)
            else:
                self.put(row, col, value, fmt, bold=bold, wrap=wrap)

    def table(
        self,
        top: int,
        labels: Sequence[str],
        rows: Sequence[Sequence[Any]],
        formats: Sequence[str | None] | None = None,
        *,
        first_col: int = 1,
        freeze: bool = False,
        auto_filter: bool = False,
    ) -> int:
        """A header at row ``top`` and ``rows`` under it; returns the last row written.

        ``freeze`` freezes the rows down to the header and repeats them on every printed page;
        ``auto_filter`` puts the sheet's filter
        on the header and the body (a sheet has at most one)."""
        self.header(top, labels, first_col)
        last = top
        for values in rows:
            last += 1
            self.row(last, values, formats, first_col=first_col)
        if freeze:
            self.ws.print_title_rows = f"1:{top}"
            self.ws.freeze_panes = self.ws.cell(row=top + 1, column=1).coordinate
        if auto_filter and labels:
            start = get_column_letter(first_col)
            end = get_column_letter(first_col + len(labels) - 1)
            self.ws.auto_filter.ref = f"{start}{top}:{end}{max(last, top + 1)}"
        return last

    def fit_columns(self) -> None:
        """Set every used column's width from its longest value."""
        for col, width in self.widths.items():
            cap = self.wrap_cap.get(col, MAX_WIDTH)
            self.ws.column_dimensions[get_column_letter(col)].width = min(
                cap, max(MIN_WIDTH, width + 2)
            )
