"""What Excel shows of an .xlsx that the cell values alone do not say: which rows and columns
are hidden (an example row "CONTOH – jangan diisi", last year's column) and which numbers are
formatted as percentages (0.625 shown as "62,5%"). python-calamine gives values only, so this
reads the workbook's XML parts itself, after loaders.safety has bounded their size; a workbook
with nothing hidden and no percent format costs two substring tests per sheet.
"""

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from posixpath import join, normpath

from loaders.safety import HIDES, placed

BUILTIN_PERCENT = {9, 10}  # 0% and 0.00%
SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
RELATION = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
ATTRIBUTE = re.compile(rb"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
NUMBER_FORMAT = re.compile(rb"<(?:\w+:)?numFmt\b([^>]*)/?>")
CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
COLUMN = re.compile(rb"<(?:\w+:)?col\b([^>]*)/?>")


@dataclass
class SheetView:
    """Rows Excel hides (1-based) and cells it shows as a percentage ((row, column), 0-based)."""

    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)  # 0-based
    percent_cells: set[tuple[int, int]] = field(default_factory=set)


def _attributes(raw: bytes) -> dict[str, str]:
    return {
        k.decode().split(":")[-1]: html.unescape((double or single).decode())
        for k, double, single in ATTRIBUTE.findall(raw)
    }


def _percent_styles(styles: bytes) -> set[int]:
    """Indexes into cellXfs (a cell's `s`) whose number format shows a percentage."""
    if b"%" not in styles and b'numFmtId="9"' not in styles and b'numFmtId="10"' not in styles:
        return set()
    percent_formats = set(BUILTIN_PERCENT)
    for raw in NUMBER_FORMAT.findall(styles):
        found = _attributes(raw)
        code = re.sub(r'"[^"]*"', "", found.get("formatCode", ""))  # quoted text is literal
        if "%" in code and found.get("numFmtId", "").isdigit():
            percent_formats.add(int(found["numFmtId"]))
    block = CELL_XFS.search(styles)
    if block is None:
        return set()
    return {
        index
        for index, raw in enumerate(XF.findall(block.group(1)))
        if int(_attributes(raw).get("numFmtId", "0") or 0) in percent_formats
    }


def _sheet_parts(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name -> its part in the archive."""
    relations = {}
    for raw in RELATION.findall(rels):
        found = _attributes(raw)
        target = found.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        relations[found.get("Id", "")] = path
    parts = {}
    for raw in SHEET.findall(workbook):
        found = _attributes(raw)
        if found.get("id") in relations:
            parts[found.get("name", "")] = relations[found["id"]]
    return parts


MODIFIED = re.compile(rb"<dcterms:modified\b[^>]*>\s*(\d{4})-(\d{2})-(\d{2})")


def saved_on(core: bytes | None) -> date | None:
    """The day an .xlsx says it was last saved (its docProps/core.xml), if it says so."""
    found = MODIFIED.search(core[:8192]) if core else None
    if found is None:
        return None
    try:
        return date(*(int(x) for x in found.groups()))
    except ValueError:
        return None


def read_view(data: bytes, small: dict[str, bytes], hidden: set[str]) -> dict[str, SheetView]:
    """Each sheet's hidden rows and columns and percent-formatted cells; empty for anything but
    .xlsx. `small` and `hidden` come from loaders.safety's pass over the archive: a workbook
    with nothing hidden and no percent format is not opened again."""
    views: dict[str, SheetView] = {}
    percent = _percent_styles(small.get("xl/styles.xml", b""))
    workbook, rels = small.get("xl/workbook.xml"), small.get("xl/_rels/workbook.xml.rels")
    if (not percent and not hidden) or workbook is None or rels is None:
        return views  # .ods and others, or nothing to change: values as read
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for sheet, part in _sheet_parts(workbook, rels).items():
            if part not in names or (not percent and part not in hidden):
                continue
            view = _sheet_view(archive.read(part), percent)
            if view.hidden_rows or view.hidden_columns or view.percent_cells:
                views[sheet] = view
    return views


def _sheet_view(xml: bytes, percent: set[int]) -> SheetView:
    """A worksheet's hidden rows and columns and percent cells, each row and cell placed as the
    reader places it: by its `r`, else a row after the row before and a cell after the cell
    before in its row (some writers leave `r` out)."""
    view = SheetView()
    hides = HIDES.search(xml) is not None
    if hides:
        for raw in COLUMN.findall(xml):
            found = _attributes(raw)
            low, high = found.get("min", ""), found.get("max", "")
            hidden = found.get("hidden", "").strip() in ("1", "true")
            if hidden and low.strip().isdigit() and high.strip().isdigit():
                view.hidden_columns.update(range(int(low) - 1, min(int(high), 16_384)))
    if not hides and not percent:
        return view
    for row, column, attributes in placed(xml):  # as the reader places them
        if column == 0:
            if hides and attributes.get(b"hidden", b"").strip() in (b"1", b"true"):
                view.hidden_rows.add(row)
            continue
        style = attributes.get(b"s", b"").strip()
        if percent and style.isdigit() and int(style) in percent:
            view.percent_cells.add((row - 1, column - 1))
    return view


def as_shown(value: object) -> object:
    """A number formatted as a percentage, as Excel shows it: 0.625 -> '62,5%' (text that the
    row reader takes as 62.5 for a percentage indicator, and refuses for a count)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return f"{value * 100:.10g}".replace(".", ",") + "%"
