"""Reading an agency workbook: find the table by its header row, read rows and metadata.

python-calamine reads the cells (about ten times faster than openpyxl on agency files);
nothing here knows the catalogue, so nothing here decides what a value means.
"""

import io
import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from loaders.report import Problem

MAX_BYTES = 20 * 1024 * 1024
HEADER_SCAN_ROWS = 40
META_SHEET = "radtrack"

# Column key -> header texts agencies use, normalised (see normalise_header).
HEADER_ALIASES: dict[str, set[str]] = {
    "code": {"kode", "kode indikator", "code", "indicator code"},
    "value": {"capaian", "capaian kinerja", "realisasi", "realisasi fisik", "achievement"},
    "budget": {"pagu", "pagu anggaran", "anggaran", "budget"},
    "spent": {"realisasi anggaran", "realisasi keuangan", "serapan", "spent", "spending"},
    "note": {"keterangan", "ket", "catatan", "note", "notes"},
}
REQUIRED_COLUMNS = ("code", "value")


def normalise_header(text: object) -> str:
    """Lower case, without bracketed parts or punctuation: 'Pagu (Rp)' -> 'pagu'."""
    text = re.sub(r"\(.*?\)", " ", str(text).lower())
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


@dataclass
class DataRow:
    """One row under the header: its 1-based sheet row number and cells by column key."""

    number: int
    cells: dict[str, object]


@dataclass
class ParsedWorkbook:
    """What the reader found: metadata, the sheet holding the table, its columns and rows."""

    file: str
    meta: dict[str, str] = field(default_factory=dict)
    sheet: str = ""
    header_row: int = 0
    columns: dict[str, str] = field(default_factory=dict)  # key -> "J (Capaian)"
    rows: list[DataRow] = field(default_factory=list)


def _find_header(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        for col, cell in enumerate(row):
            name = normalise_header(cell)
            for key, aliases in HEADER_ALIASES.items():
                if name in aliases and key not in found:
                    found[key] = col
        if all(key in found for key in REQUIRED_COLUMNS):
            return index, found
    return None


def _read_meta(book: CalamineWorkbook) -> dict[str, str]:
    if META_SHEET not in book.sheet_names:
        return {}
    meta = {}
    for row in book.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False):
        if len(row) >= 2 and str(row[0]).strip():
            value = row[1]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            meta[str(row[0]).strip()] = str(value).strip()
    return meta


def read_workbook(data: bytes, file_name: str) -> tuple[ParsedWorkbook | None, list[Problem]]:
    """Parse an agency workbook held in memory. Returns (parsed, problems); parsed is None when
    the file cannot be used at all."""
    if not data:
        return None, [Problem("empty-file", file_name)]
    if len(data) > MAX_BYTES:
        return None, [
            Problem(
                "file-too-large",
                file_name,
                found=f"{len(data) / 1e6:.1f} MB",
                expected=f"{MAX_BYTES / 1e6:.0f} MB",
            )
        ]
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = _read_meta(book)
        sheets = [
            (s.name, book.get_sheet_by_name(s.name).to_python(skip_empty_area=False))
            for s in book.sheets_metadata
            if s.name != META_SHEET
        ]
    except Exception as exc:  # calamine raises several types for broken files
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return None, [Problem("unreadable-file", file_name, detail=detail)]

    for name, rows in sheets:
        header = _find_header(rows)
        if header is None:
            continue
        index, found = header
        header_cells = rows[index]
        parsed = ParsedWorkbook(file=file_name, meta=meta, sheet=name, header_row=index + 1)
        parsed.columns = {
            key: f"{get_column_letter(col + 1)} ({str(header_cells[col]).strip()})"
            for key, col in found.items()
        }
        for offset, row in enumerate(rows[index + 1 :], start=index + 2):
            cells = {key: (row[col] if col < len(row) else "") for key, col in found.items()}
            parsed.rows.append(DataRow(offset, cells))
        return parsed, []
    return None, [Problem("no-data-sheet", file_name)]
