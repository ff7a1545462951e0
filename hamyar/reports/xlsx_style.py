"""How the workbooks look and how their cells are written: one :class:`SheetWriter` per sheet.

* **Direction and font.** A Persian sheet reads right to left (the sheet's right-to-left view) and
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
* **Text is never a formula.** Every string is written as a string cell (never through a
  guess of its type); one that starts with ``=``, ``+``, ``-`` or ``@``
  (:data:`hamyar.io.csvfile.FORMULA_STARTS`) also gets Excel's *quote prefix* style flag,
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
* **Speed.** The workbooks are written with XlsxWriter (:class:`Book`); the large ones in its
  constant-memory mode, which writes each row to disk as the next one starts (so every sheet is
  written top to bottom). One format per kind of cell (bold or not, number format,
  right-aligned, wrapped, quote prefix, header or total) is made once per workbook.
* **The same bytes for the same inputs.** The document's created date is fixed
  (:data:`CREATED`) and XlsxWriter dates every part of the zip 1980-01-01, so writing the same
  run twice gives the same file.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hamyar.io.csvfile import FORMULA_STARTS
from hamyar.messages import say
from hamyar.reports.persian_text import (
    ILLEGAL_CHARACTERS_RE,
    people_text,
)

if TYPE_CHECKING:
    from xlsxwriter.chart import Chart
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

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
HEADER_FILL = "#DDEBF7"
TOTAL_FILL = "#F2F2F2"
HEADER_BORDER = "#9BC2E6"
"""Colour of the thin line under a header row."""
CREATED = datetime(2000, 1, 1)
"""The created (and modified) date every workbook carries, so that the same run gives the same
bytes; the run date is on the Summary."""
A4 = 9
"""The paper size code of A4 in a sheet's page setup."""


def cell_value(value: Any) -> Any:
    """What a cell holds for a Python value: a whole ``Decimal`` as ``int``, another as
    ``float``, text without XML-illegal control characters; other values unchanged."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


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
    the width, rows ``title_rows`` (first, last; 1-based) repeated on every page, ``heading`` in
    the page header and the page number in the footer. Call again to add the title rows or
    heading."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.8, bottom=0.8)  # room for the header and footer
    if title_rows is not None:
        ws.repeat_rows(title_rows[0] - 1, title_rows[1] - 1)
    page = say("report.page.footer", lang="fa" if rtl else "en")
    ws.set_footer("&C" + page, {"margin": 0.3})
    if heading:
        ws.set_header("&C" + heading.replace("&", "&&"), {"margin": 0.3})


class Book:
    """One workbook being written (XlsxWriter); ``constant_memory`` for the large ones (each
    sheet then written top to bottom). Formats are made once per distinct set of properties."""

    def __init__(self, path: Path | str, *, constant_memory: bool = False) -> None:
        from xlsxwriter.workbook import Workbook

        from hamyar.reports import xlsx_bulk, xlsx_rows

        self.constant_memory = constant_memory
        self._sheet_class = xlsx_rows.FastSheet if constant_memory else None
        self.fast_row = xlsx_rows.body_row if constant_memory else None
        """Writes a whole body row at once (constant-memory books: :mod:`.xlsx_rows`)."""
        self.fast_rows = xlsx_bulk.body_rows if constant_memory else None
        """Writes a table's body rows at once (constant-memory books: :mod:`.xlsx_bulk`)."""
        self.wb: Workbook = Workbook(
            str(path),
            {
                "constant_memory": constant_memory,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.wb.set_properties({"created": CREATED})
        self._formats: dict[Hashable, Format] = {}
        self._texts: dict[tuple[str, bool], tuple[str, bool, int]] = {}

    def format(self, **props: Any) -> Format:
        """The workbook's format with these XlsxWriter properties (one per distinct set)."""
        key = tuple(sorted(props.items()))
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self.wb.add_format(props)
        return fmt

    def text(self, value: str, rtl: bool) -> tuple[str, bool, int]:
        """What a cell holds for ``value`` (Persian digits in Persian text on a ``rtl`` sheet,
        no XML-illegal characters, line breaks as ``\\n``), whether it needs the quote prefix,
        and its width; worked out once per distinct text (names and words repeat)."""
        key = (value, rtl)
        found = self._texts.get(key)
        if found is None:
            text = people_text(value) if rtl else value
            text = ILLEGAL_CHARACTERS_RE.sub("", text)
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            width = max((len(line) for line in text.splitlines()), default=0)
            found = (text, text.startswith(FORMULA_STARTS), width)
            if len(self._texts) >= _TEXT_CACHE:
                self._texts.clear()
            self._texts[key] = found
        return found

    def sheet(self, name: str, rtl: bool, *, landscape: bool = True) -> SheetWriter:
        """A new sheet named ``name`` (at most 31 characters), in the language's direction."""
        ws = self.wb.add_worksheet(name[:31], self._sheet_class)
        return SheetWriter(self, ws, rtl, landscape=landscape)

    def chart(self, options: dict[str, Any]) -> Chart:
        """A native chart (``{"type": "bar", "subtype": …}``) to place on a sheet."""
        chart = self.wb.add_chart(options)
        assert chart is not None
        return chart

    def close(self) -> None:
        """Write the file (a constant-memory book's zip less tightly: :func:`.xlsx_rows.close`)."""
        if self.constant_memory:
            from hamyar.reports.xlsx_rows import close

            close(self.wb)
        else:
            self.wb.close()


@dataclass
class SheetWriter:
    """Writes the cells of one sheet in one language and fits the column widths at the end.
    Rows and columns are numbered from 1, as a spreadsheet shows them.

    ``rtl`` sets the sheet's direction; every cell gets the language's font.
    """

    book: Book
    ws: Worksheet
    rtl: bool
    landscape: bool = True
    widths: dict[int, int] = field(default_factory=dict)
    wrap_cap: dict[int, int] = field(default_factory=dict)
    """Columns whose long text wraps: width capped at this many characters."""
    last_row: int = 0
    """The last row written (0 before any)."""

    def __post_init__(self) -> None:
        if self.rtl:
            self.ws.right_to_left()
        self.font_name = PERSIAN_FONT if self.rtl else LATIN_FONT
        print_setup(self.ws, rtl=self.rtl, landscape=self.landscape)
        self._cell_formats: dict[Hashable, Format] = {}

    def _format(
        self, kind: Hashable, bold: bool, fmt: str | None, right: bool, wrap: bool, quote: bool
    ) -> Format:
        key = (kind, bold, fmt, right, wrap, quote)
        found = self._cell_formats.get(key)
        if found is not None:
            return found
        props: dict[str, Any] = {"font_name": self.font_name}
        if bold:
            props["bold"] = True
        if fmt:
            props["num_format"] = fmt
        if right:
            props["align"] = "right"
        if wrap:
            props.update(valign="top", text_wrap=True)
        if quote:
            props["quote_prefix"] = True
        if kind == "header":
            props.update(
                bg_color=HEADER_FILL,
                pattern=1,
                bottom=1,
                bottom_color=HEADER_BORDER,
                align="center",
                valign="vcenter",
                text_wrap=True,
            )
        elif kind == "total":
            props.update(bg_color=TOTAL_FILL, pattern=1)
        elif kind == "title":
            props["font_size"] = 14
        found = self._cell_formats[key] = self.book.format(**props)
        return found

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
        kind: Hashable = None,
    ) -> None:
        """Write one cell (formula-safe), with the sheet's font; ``fit`` counts it in the
        column's width. ``kind`` (``"header"``, ``"total"``, ``"title"``) adds its styling; an
        empty cell of a kind is written for its shading."""
        if row > self.last_row:
            self.last_row = row
        r, c = row - 1, col - 1
        # XlsxWriter's own _write_* (what write_string … call after reading A1 notation)
        if isinstance(value, str) and value:
            text, quote, width = self.book.text(value, self.rtl)
            self.ws._write_string(r, c, text, self._format(kind, bold, None, self.rtl, wrap, quote))
        elif value is None or value == "":  # no text: an empty cell, as a spreadsheet keeps it
            if kind is not None:
                self.ws._write_blank(r, c, None, self._format(kind, bold, None, *_NO))
            return
        elif isinstance(value, bool):
            self.ws._write_boolean(r, c, value, self._format(kind, bold, None, *_NO))
            width = 5
        elif isinstance(value, int | float | Decimal):
            stored = cell_value(value)
            cell_format = self._format(kind, bold, number_format, False, False, False)
            self.ws._write_number(r, c, stored, cell_format)
            width = shown_width(stored, number_format) if fit else 0
        else:
            raise TypeError(f"no cell for {type(value).__name__}: {value!r}")
        if fit and width > self.widths.get(col, 0):
            self.widths[col] = width

    def page_heading(self, text: str) -> None:
        """``text`` (the workbook's term, unit…) in the header of every printed page."""
        self.ws.set_header("&C" + text.replace("&", "&&"), {"margin": 0.3})

    def title(self, row: int, text: str) -> None:
        """A title line (large bold text; not counted in the column width)."""
        self.put(row, 1, text, fit=False, bold=True, kind="title")

    def header(self, row: int, labels: Sequence[str], first_col: int = 1) -> None:
        """A header row: bold, shaded, centred."""
        for offset, text in enumerate(labels):
            self.put(row, first_col + offset, text, bold=True, kind="header")

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
        kind = "total" if total else None
        bold = bold or total
        fast = self.book.fast_row
        if fast is not None and fast(self, row, values, formats, first_col, bold, kind):
            return
        n_formats = len(formats) if formats else 0
        for offset, value in enumerate(values):
            col = first_col + offset
            fmt = formats[offset] if formats and offset < n_formats else None
            wrap = col in self.wrap_cap and isinstance(value, str)
            self.put(row, col, value, fmt, bold=bold, wrap=wrap, kind=kind)

    def freeze(self, row: int, col: int = 1) -> None:
        """Freeze the rows above ``row`` and the columns left of ``col`` (the cell named as a
        spreadsheet names the top-left scrolling cell)."""
        self.ws.freeze_panes(row - 1, col - 1)

    def title_rows(self, first: int, last: int) -> None:
        """Repeat rows ``first`` … ``last`` at the top of every printed page."""
        self.ws.repeat_rows(first - 1, last - 1)

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
        row_formats: Sequence[str | None] | None = None,
    ) -> int:
        """A header at row ``top`` and ``rows`` under it; returns the last row written.

        ``freeze`` freezes the rows down to the header and repeats them on every printed page;
        ``auto_filter`` puts the sheet's filter on the header and the body (a sheet has at most
        one); ``row_formats[i]``, when given, is the number format of every number of the
        ``i``-th row (instead of ``formats`` by column)."""
        self.header(top, labels, first_col)
        last = top
        if row_formats is None and self.book.fast_rows is not None:
            self.book.fast_rows(self, top + 1, rows, formats, first_col)
            last += len(rows)
            rows = ()
        for i, values in enumerate(rows):
            last += 1
            if row_formats is not None:
                self.row(last, values, [row_formats[i]] * len(values), first_col=first_col)
            else:
                self.row(last, values, formats, first_col=first_col)
        if freeze:
            self.title_rows(1, top)
            self.freeze(top + 1)
        if auto_filter and labels:
            end = first_col + len(labels) - 1
            self.ws.autofilter(top - 1, first_col - 1, max(last, top + 1) - 1, end - 1)
        return last

    def fit_columns(self) -> None:
        """Set every used column's width from its longest value."""
        for col, width in sorted(self.widths.items()):
            cap = self.wrap_cap.get(col, MAX_WIDTH)
            self.ws.set_column(col - 1, col - 1, min(cap, max(MIN_WIDTH, width + 2)))


_TEXT_CACHE = 1 << 18
"""Distinct texts a workbook remembers (then it starts again)."""
_NO = (False, False, False)
"""Not right-aligned, not wrapped, no quote prefix: the style of a number or an empty cell."""
