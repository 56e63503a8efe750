"""Reading any agency file into grids of cells: .xlsx, .xlsm, .ods and .xls through
python-calamine (about ten times faster than openpyxl on agency files), .csv through the csv
module. Nothing here knows the catalogue or decides what a value means."""

import codecs
import csv
import io
from dataclasses import dataclass, field
from datetime import date

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from loaders.excel_view import SheetView, as_shown, read_view, saved_on
from loaders.report import Problem, Shown
from loaders.safety import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    ODS_CONTENT,
    UTF16_BOMS,
    sheet_too_large,
    sniff,
    too_many_rows,
)

META_SHEET = "radtrack"


@dataclass
class Grid:
    """One sheet: rows of cell values (row 0 is sheet row 1, column 0 is column A) and its
    merged ranges as ((first_row, first_col), (last_row, last_col)), 0-based, inclusive."""

    name: str
    rows: list[list]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass
class Source:
    """A file as grids, with the template metadata when the file has it."""

    file: str
    kind: str  # zip, ole, text
    grids: list[Grid] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    formula_parts: set[str] = field(default_factory=set)  # .xlsx worksheet parts with formulas
    hidden_rows: dict[str, list[int]] = field(default_factory=dict)  # sheet -> rows not read
    hidden_columns: dict[str, list[str]] = field(default_factory=dict)  # sheet -> letters
    saved_on: date | None = None  # when the workbook says it was last saved
    hidden_parts: set[str] = field(default_factory=set)  # from loaders.safety's pass
    small_parts: dict[str, bytes] = field(default_factory=dict)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_meta(book: CalamineWorkbook) -> dict[str, str]:
    if META_SHEET not in book.sheet_names:
        return {}
    meta = {}
    for row in book.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False):
        if len(row) >= 2 and str(row[0]).strip():
            meta[str(row[0]).strip()] = _cell_text(row[1])
    return meta


def _read_book(data: bytes, source: Source) -> list[Problem]:
    if ODS_CONTENT in source.hidden_parts:
        # where the reader puts LibreOffice's hidden rows is not read here (an example row,
        # or a group of detail rows collapsed under its total): refused, never read as shown
        return [Problem("ods-hidden", source.file)]
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    source.meta = _read_meta(book)
    views = read_view(data, source.small_parts, source.hidden_parts)
    source.saved_on = saved_on(source.small_parts.get("docProps/core.xml"))
    for info in book.sheets_metadata:
        if info.name == META_SHEET or str(info.visible).endswith("Hidden"):
            continue
        sheet = book.get_sheet_by_name(info.name)
        height = max(sheet.total_height, sheet.height)
        width = max(sheet.total_width, sheet.width)
        if height > MAX_ROWS:
            return [too_many_rows(height, source.file, info.name)]
        if width > MAX_COLUMNS or height * width > MAX_CELLS:
            # an .xls or .ods the byte checks cannot measure: refused before the grid becomes
            # Python objects (ten times the reader's own memory)
            return [sheet_too_large(height, width, source.file, info.name)]
        rows = sheet.to_python(skip_empty_area=False)
        try:
            merged = list(sheet.merged_cell_ranges or [])
        except Exception:  # not every format reports merged ranges
            merged = []
        view = views.get(info.name)
        if view is not None:
            _as_shown(rows, view)
            if view.hidden_rows:
                source.hidden_rows[info.name] = sorted(view.hidden_rows)
            width = max((len(r) for r in rows), default=0)
            shown = sorted(c for c in view.hidden_columns if c < width)
            if shown:
                source.hidden_columns[info.name] = [get_column_letter(c + 1) for c in shown]
        source.grids.append(Grid(info.name, rows, merged))
    return []


def _as_shown(rows: list[list], view: SheetView) -> None:
    """The grid as Excel shows it: hidden rows empty, percent-formatted numbers as '62,5%'."""
    for row, column in view.percent_cells:
        if row < len(rows) and column < len(rows[row]):
            rows[row][column] = as_shown(rows[row][column])
    for number in view.hidden_rows:
        if number <= len(rows):
            rows[number - 1] = [""] * len(rows[number - 1])
    if view.hidden_columns:
        for cells in rows:
            for column in view.hidden_columns:
                if column < len(cells):
                    cells[column] = ""


def _read_csv(data: bytes, source: Source) -> list[Problem]:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encodings: tuple[str, ...] = ("utf-32",)
    elif data.startswith(UTF16_BOMS):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    text = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:  # a byte no encoding reads (past the sample the format check looked at)
        detail = Shown(
            "teks dengan pengodean yang tidak dikenal; simpan sebagai CSV UTF-8",
            "text in an encoding not known; save it as CSV UTF-8",
        )
        return [Problem("unreadable-file", source.file, detail=detail)]
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    lines = sample.splitlines()
    uses = {d: sum(d in line for line in lines) for d in ",;\t|"}
    best = max(uses, key=uses.get)
    if uses[best] > uses.get(dialect.delimiter, 0):
        # A title line above the table (or a comma inside a statement) can mislead the
        # sniffer: the separator that most lines use wins.
        dialect = type("Found", (csv.excel,), {"delimiter": best})
    rows = []
    width = 0
    for row in csv.reader(io.StringIO(text), dialect):
        while row and row[-1] == "":
            row.pop()  # separators at the end of a line (a spreadsheet pads to its widest row)
        rows.append(row)
        width = max(width, len(row))
        if width > MAX_COLUMNS or len(rows) * width > MAX_CELLS:
            # the table is made rectangular later: a line of two million separators in a 2 MB
            # file would become a grid of every row times its width
            return [sheet_too_large(len(rows), width, source.file)]
        if len(rows) > MAX_ROWS:
            return [too_many_rows(MAX_ROWS, source.file, more=True)]
    name = source.file.rsplit(".", 1)[0]
    source.grids.append(Grid(name, rows, []))
    return []


def read_source(data: bytes, file: str) -> tuple[Source | None, list[Problem]]:
    """Check the bytes, then read every visible sheet. Returns (source, problems); source is None
    when the file cannot be used at all."""
    sniffed = sniff(data, file)
    if sniffed.problems:
        return None, sniffed.problems
    source = Source(
        file=file,
        kind=sniffed.kind,
        formula_parts=sniffed.formula_parts,
        hidden_parts=sniffed.hidden_parts,
        small_parts=sniffed.small_parts,
    )
    try:
        problems = _read_csv(data, source) if sniffed.kind == "text" else _read_book(data, source)
    except BaseException as exc:  # calamine raises several types for broken files
        # and, when its Rust code panics, pyo3's PanicException: a BaseException, which would
        # end the whole batch or the server's worker instead of refusing this file
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        if "password" in detail.lower() or "encrypt" in detail.lower():
            return None, [Problem("password-protected", file)]
        return None, [Problem("unreadable-file", file, detail=detail)]
    if problems:
        return None, problems
    return source, []
