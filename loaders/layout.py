"""Finding the achievement table in a grid, whatever the agency did to the template.

Handles title rows above the header, two-row headers ("Realisasi" over "2018 | 2019 | ...", or
over "K | Rp"), merged Bidang/Program/Kegiatan cells, one year per column or per sheet, a Tahun
or Triwulan column, and optional disaggregation columns (sex, age group, kecamatan).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache, wraps

from openpyxl.utils import get_column_letter

from indicators.vocabulary import fold
from loaders.workbook import Grid

HEADER_SCAN_ROWS = 40

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_WORDS = {"pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4}
YEAR_RE = re.compile(r"\b(20\d\d)\b")
QUARTER_RE = re.compile(
    r"\b(?:tw|triwulan|trw|quarter|q)\s*(iv|iii|ii|i|[1-4]|pertama|kesatu|kedua|ketiga|keempat)\b"
)
FIRST_SEMESTER = ("i", "1", "satu", "pertama")  # how "Semester I" is written; else it is II
SEMESTER_HEADER = re.compile(r"\b(?:semester|smt)\s*(ii|i|1|2|satu|dua|pertama|kedua)\b")
TOTAL_HEADERS = {"total", "jumlah", "jml", "total realisasi", "jumlah realisasi", "total capaian"}
# "Triwulan I dan II", "TW I - II", "TW I s.d. III": two triwulan under one word
QUARTER_PAIR = re.compile(
    r"\b(?:tw|triwulan|trw)\s*(iv|iii|ii|i|[1-4])\s+(?:(?:dan|sd|s d|sampai|hingga|and|to)\s+)?"
    r"(?:tw\s*|triwulan\s*)?(iv|iii|ii|i|[1-4])\b"
)
# "Laporan Triwulan 2021": a triwulan named without saying which
QUARTER_UNREAD = re.compile(r"\b(?:triwulan|trw)\b")
TO_DATE_RE = re.compile(r"\b(?:s ?d|s d|sampai dengan|kumulatif|akumulasi|to date)\b")
MONTHS = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|"
    "nopember|desember|jan|feb|peb|mar|apr|jun|jul|agu|agt|ags|agust|sep|sept|okt|nov|nop|des|"
    "january|february|march|may|june|july|august|october|december|aug|oct|dec"
)
# Month names in a title or header ("Juli - September 2021", "s.d. 30 September 2021", "Bulan
# Oktober 2021"), read after normalise: a range, a date figures run up to, or one month.
MONTH_RANGE = re.compile(
    rf"\b({MONTHS})(?:\s+20\d\d)?\s+(?:(?:sd|s d|sampai dengan|sampai|hingga|to)\s+)?"
    rf"(?:\d{{1,2}}\s+)?({MONTHS})\b"
)
UP_TO = r"(?:sd|s d|sampai dengan|sampai|hingga|per|posisi)\s+(?:(?:tanggal|tgl)\s+)?"
MONTH_UP_TO = re.compile(rf"\b{UP_TO}(?:\d{{1,2}}\s+)?({MONTHS})\b")
MONTH_UP_TO_DATE = re.compile(rf"\b{UP_TO}\d{{1,2}}\s+(?:{MONTHS})\s+20\d\d\b")
ONE_MONTH = re.compile(rf"\b(?:bulan|periode|masa)\s+({MONTHS})\b|\bbulanan\b")
ANY_MONTH = re.compile(rf"\b({MONTHS})\b")


def month_number(word: str) -> int:
    """1-12 for a month's name or abbreviation ("sept", "nopember"), 0 for none."""
    word = {"peb": "feb", "nop": "nov"}.get(word[:3], word[:3])
    names = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des")
    english = {"may": 5, "aug": 8, "oct": 10, "dec": 12, "agt": 8, "ags": 8}
    return names.index(word) + 1 if word in names else english.get(word, 0)


@dataclass(frozen=True)
class MonthPeriod:
    """What month names say of a period: a triwulan (None: the whole year), whether its figures
    run from January (to date), and whether radtrack holds figures for it at all (a month, or
    "Februari - April", it does not)."""

    quarter: int | None
    to_date: bool = False
    held: bool = True


UNHELD = MonthPeriod(None, held=False)


def month_period(norm: str, header: bool = False) -> MonthPeriod | None:
    """The period the month names of normalised `norm` give; None when they give none or a
    semester (January-June, July-December: `semester_in`). In a `header`, any other month
    named is a month's column."""
    match = MONTH_RANGE.search(norm)
    if match:
        first, last = month_number(match.group(1)), month_number(match.group(2))
        if (first, last) in ((1, 6), (7, 12)) or not first or not last:
            return None
        if (first, last) == (1, 12):
            return MonthPeriod(None)
        if last - first == 2 and first % 3 == 1:
            return MonthPeriod(last // 3)  # "Juli - September": the third triwulan
        if first == 1 and last % 3 == 0:
            return MonthPeriod(last // 3, to_date=True)  # "Januari s.d. September"
        return UNHELD
    match = MONTH_UP_TO.search(norm)
    if match:
        last = month_number(match.group(1))
        # "s.d. 30 September 2021": the year's figures up to the end of its third triwulan
        return MonthPeriod(last // 3, to_date=True) if last % 3 == 0 else UNHELD
    if ONE_MONTH.search(norm) or (header and ANY_MONTH.search(norm)):
        return UNHELD
    return None


# "Capaian (%)", "Tingkat Capaian (%)", "Realisasi Fisik (%)", "Kinerja (%)": how far along the
# target an agency is, which radtrack computes itself; never a count of what was achieved.
PROGRESS_WORDS = {"capaian", "kinerja", "fisik", "tingkat", "progres", "progress", "kemajuan"}

# "Realisasi" merged over "L | P | Jumlah": the figures split by sex, and their total.
SPLIT = {"l": "L", "lk": "L", "laki": "L", "p": "P", "pr": "P", "perempuan": "P"}
SPLIT_TOTAL = {"jumlah", "total", "jml"}

# Words of a second header row under a merged "Realisasi": Volume | Fisik (%) | Keuangan (Rp).
SUB_WORDS = {"volume", "fisik", "keuangan", "kinerja", "rp", "%"}

# Context roles repeat down merged cells; value roles never do.
CONTEXT_ROLES = ("subgroup", "programme", "activity")
IDENTIFIER_ROLES = ("code", "statement")
VALUE_ROLES = ("value", "budget", "spent")


SHORT_TEXT = 200  # longest text kept in a cache: labels and sheet names, never a file's prose


def short_text_cache(maxsize: int):
    """lru_cache for a function of a text (and hashable extras) that keeps only short texts:
    the same header words and sheet names come back in every file, while what a long or
    hostile cell holds must not stay in a server's memory."""

    def decorate(function):
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text: str, *args):
            return cached(text, *args) if len(text) <= SHORT_TEXT else function(text, *args)

        call.cache_info = cached.cache_info
        return call

    return decorate


def normalise(text: object) -> str:
    """Lower case, '(Rp)' kept as a word, punctuation folded to spaces: 'Pagu (Rp)' -> 'pagu rp'."""
    return _normalised(str(text))


@short_text_cache(maxsize=16_384)
def _normalised(text: str) -> str:
    return fold(text)


def year_in(text: str, years: range | None = None) -> int | None:
    """A 4-digit year in `text` (within `years` when given)."""
    for match in YEAR_RE.finditer(text):
        year = int(match.group(1))
        if years is None or year in years:
            return year
    return None


def quarter_in(text: str) -> int | None:
    """A triwulan named in normalised `text`: 'tw ii', 'triwulan 2', 'q2' -> 2."""
    match = QUARTER_RE.search(text)
    if not match:
        return None
    token = match.group(1)
    return ROMAN.get(token) or QUARTER_WORDS.get(token) or int(token)


def _role(label: str) -> str | None:
    """The role of a column from its normalised header (years and quarters removed first)."""
    words = set(label.split())
    if not label:
        return None
    if label in {"kode", "kode indikator", "code", "indicator code", "no indikator"}:
        return "code"
    if "kode" in words and words <= {"kode", "indikator", "rad", "no", "nomor"}:
        return "code"  # "Kode RAD", "No. Kode", "Nomor Kode Indikator"
    if "%" in words and words & {"anggaran", "keuangan", "serapan", "penyerapan"}:
        return "absorption"  # "Keuangan (%)": spent as a share of the budget, computed here
    if "realisasi" in words and ({"anggaran", "keuangan", "rp"} & words):
        return "spent"
    if {"serapan", "spent", "spending"} & words:
        return "spent"
    if words & {"pagu", "budget", "dpa"} or label in {"anggaran", "anggaran rp"}:
        return "budget"
    if label.startswith("target"):
        return "target"
    if "renstra" in words:
        return "renstra"  # the five-year strategic plan's figures: not this report's
    if words & {"%", "persen"} and words & PROGRESS_WORDS:
        return "progress"  # percent of target or physical progress: never the achievement
    if words & {"capaian", "realisasi", "achievement", "achieved", "hasil", "volume"}:
        return "value"
    if label.startswith(("indikator", "uraian indikator")) or label == "indicator":
        return "statement"  # "Indikator Kinerja", "Uraian Indikator Kinerja"
    if words & {"bidang", "subgugus", "sgt", "pokja"} or label.startswith("sub gugus"):
        return "subgroup"
    if label.startswith("program"):
        return "programme"
    if label.startswith("kegiatan") or label == "activity":
        return "activity"
    if label in {"satuan", "unit"}:
        return "unit"
    if label in {"keterangan", "ket", "catatan", "note", "notes"}:
        return "note"
    if label in {"jenis kelamin", "l p", "sex", "gender", "jk"}:
        return "sex"
    if label in {"kelompok umur", "umur", "usia", "age group", "kelompok usia"}:
        return "age_group"
    if label in {"kecamatan", "district"}:
        return "kecamatan"
    if label in {"tahun", "year"}:
        return "year"
    if label in {"triwulan", "tw", "quarter"}:
        return "quarter"
    if label in {"k", "fisik", "kinerja"}:
        return "value"
    return None


@dataclass
class Column:
    """One recognised column."""

    index: int
    role: str
    label: str  # e.g. "J (Capaian 2019)"
    year: int | None = None
    quarter: int | None = None
    to_date: bool = False
    percent: bool = False  # its header says the figures are percentages ("Realisasi (%)")
    unheld: bool = False  # its header names a period radtrack holds no figures for (a month)
    semester: int | None = None  # "Realisasi Semester II": held only in that semester's file
    split: str | None = None  # "L" or "P" (figures of one sex), "total" (their Jumlah)


@dataclass
class Slot:
    """Where one period's figures stand on a row: a value column and its budget/spent."""

    value: Column
    budget: Column | None = None
    spent: Column | None = None

    @property
    def period(self) -> tuple[int | None, int | None]:
        """(year, quarter) the columns carry, if any."""
        return self.value.year, self.value.quarter


@dataclass
class Table:
    """An achievement table found on a sheet."""

    sheet: str
    header_row: int  # 1-based, the last header row
    columns: dict[str, Column] = field(default_factory=dict)  # single-instance roles
    slots: list[Slot] = field(default_factory=list)
    rows: list[tuple[int, list]] = field(default_factory=list)  # (1-based row, cells)
    title: str = ""  # the text above the header, for period and agency hints
    title_lines: list[str] = field(default_factory=list)  # its cells, one by one
    # rows whose figure cell is merged with another cell (across triwulan columns, or down
    # over the next indicator's row): 1-based row -> the column's label
    merged_figures: dict[int, str] = field(default_factory=dict)
    progress: list[Column] = field(default_factory=list)  # percent-of-target columns

    def cell(self, row: list, role: str) -> object:
        """The cell of `role` on `row`, or '' when the table has no such column."""
        column = self.columns.get(role)
        if column is None or column.index >= len(row):
            return ""
        return row[column.index]


def _text(row: list, col: int) -> str:
    if col >= len(row) or row[col] is None:
        return ""
    cell = row[col]
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a year header typed as a number: 2021.0 is "2021"
    return str(cell).strip()


def _is_subheader(row: list) -> bool:
    """A second header row: years, quarters or K/Rp under a merged parent header."""
    texts = [normalise(_text(row, i)) for i, c in enumerate(row) if str(c).strip()]
    if not texts:
        return False
    marks = [
        t
        for t in texts
        if YEAR_RE.fullmatch(t)
        or quarter_in(t)
        or t in {"k", "rp", "fisik", "keuangan", "kinerja"}
        or (set(t.split()) & SUB_WORDS and len(t.split()) <= 2)
        or t in SPLIT
        or t in SPLIT_TOTAL
        or t == "laki laki"
        or TO_DATE_RE.search(t)
    ]
    romans = {t for t in texts if t in ROMAN}
    if len(romans) >= 2 and len(romans) == len(set(texts)):
        return True  # "I | II | III | IV" under "Realisasi ... pada Triwulan"
    return len(marks) >= 1 and len(marks) >= len(texts) - 1


def _row_texts(rows: list[list], r: int, width: int, merged) -> list[str]:
    """The texts of header row r, a cell merged across columns repeated in each of them."""
    texts = [_text(rows[r], c) for c in range(width)]
    for (r0, c0), (r1, c1) in merged:
        if r0 <= r <= r1 and c1 > c0 and r0 == r:
            for c in range(c0 + 1, min(c1 + 1, width)):
                texts[c] = texts[c] or texts[c0]
    return texts


def _labels(rows: list[list], r: int, merged) -> tuple[list[str], int]:
    """Header labels of row r, combined with the sub-header rows under it (up to two: the
    Permendagri 86/2017 form puts "Realisasi ... Triwulan" over "I | II | III | IV" over
    "K | Rp")."""
    last = r
    while last + 1 < len(rows) and last - r < 2 and _is_subheader(rows[last + 1]):
        last += 1
    width = max(len(rows[i]) for i in range(r, last + 1))
    levels = [_row_texts(rows, i, width, merged) for i in range(r, last + 1)]
    for upper, lower in zip(levels, levels[1:], strict=False):
        for c in range(1, width):  # no merge info (csv, xls): a sub-header inherits to the right
            if not upper[c] and lower[c] and upper[c - 1]:
                upper[c] = upper[c - 1]
    return [" ".join(t for t in column if t) for column in zip(*levels, strict=True)], last


@short_text_cache(maxsize=4_096)
def _meaning(raw: str) -> tuple[str | None, int | None, int | None, bool, int | None]:
    """(role, year, quarter, to_date, semester) of one header label."""
    text = normalise(raw)
    year = year_in(text)
    quarter = quarter_in(text)
    to_date = bool(TO_DATE_RE.search(text))
    months = month_period(text, header=True) if quarter is None else None
    if months is not None:
        quarter, to_date = months.quarter if months.held else 0, months.to_date
        text = MONTH_UP_TO.sub(" ", MONTH_RANGE.sub(" ", text))
        text = " ".join(re.sub(r"\b\d{1,2}\b", " ", ANY_MONTH.sub(" ", text)).split())
    semester = None
    if quarter is None and (found := SEMESTER_HEADER.search(text)):
        # a semester's column: read only in a file of that semester (entries._periods_refused)
        semester = 1 if found.group(1) in FIRST_SEMESTER else 2
        text = SEMESTER_HEADER.sub(" ", text)
    bare = YEAR_RE.sub(" ", text)
    bare = QUARTER_RE.sub(" ", bare)
    bare = " ".join(TO_DATE_RE.sub(" ", bare).split())
    role = _role(bare)
    if role is None and (year or quarter is not None or semester) and not bare:
        role = "value"  # a bare "2019" or "TW II" column under no parent holds values
    if role in ("value", "spent") and quarter is None and "dievaluasi" in bare.split():
        role = "year_total"  # Permendagri 86/2017 column 12: the sum of its triwulan columns
    if role is None and quarter is None and bare in TOTAL_HEADERS:
        role = "year_total"  # "Total 2019", "Jumlah" beside the triwulan columns
    return role, year, quarter, to_date, semester


def _split_of(raw: str) -> str | None:
    """'L', 'P' or 'total' for a value column headed "Realisasi L", "Capaian P", "... Jumlah"."""
    words = normalise(raw).split()
    if len(words) < 2:
        return None
    if words[-1] in SPLIT_TOTAL:
        return "total"
    return SPLIT.get(words[-2] if words[-2:] == ["laki", "laki"] else words[-1])


def _classify(labels: list[str]) -> tuple[list[Column], bool]:
    columns = []
    for index, raw in enumerate(labels):
        role, year, quarter, to_date, semester = _meaning(raw)
        if role is None:
            continue
        label = f"{get_column_letter(index + 1)} ({str(raw).strip()})"
        percent = bool({"%", "persen", "persentase"} & set(normalise(raw).split()))
        # quarter 0: a month's column (held by no period of radtrack's)
        column = Column(index, role, label, year, quarter or None, to_date, percent, quarter == 0)
        column.semester = semester
        if role == "value":
            column.split = _split_of(raw)
        columns.append(column)
    roles = {c.role for c in columns}
    ok = bool(roles & set(IDENTIFIER_ROLES)) and bool(roles & {"value", "progress"})
    return columns, ok


def _slots(columns: list[Column]) -> list[Slot]:
    values = [c for c in columns if c.role == "value"]
    budgets = [c for c in columns if c.role == "budget"]
    spents = [c for c in columns if c.role == "spent"]

    def partner(group: list[Column], value: Column) -> Column | None:
        same = [c for c in group if (c.year, c.quarter) == (value.year, value.quarter)]
        if same:
            return same[0]
        return group[0] if len(values) == 1 and len(group) == 1 else None

    return [Slot(v, partner(budgets, v), partner(spents, v)) for v in values]


def _carry_down(table: Table, merged) -> None:
    """Fill merged cells from their top-left cell; Bidang/Program/Kegiatan also fill down blanks
    (agencies often leave them empty under the first row). Value cells are never filled."""
    spans = {}
    for (r0, c0), (r1, c1) in merged:
        for r in range(r0 + 1, r1 + 1):
            for c in range(c0, c1 + 1):
                spans[(r, c)] = (r0, c0)
    by_row = {number - 1: cells for number, cells in table.rows}
    value_indexes = {s.value.index for s in table.slots} | {
        c.index for s in table.slots for c in (s.budget, s.spent) if c
    }
    labels = {s.value.index: s.value.label for s in table.slots}
    for (r0, c0), (r1, c1) in merged:
        figures = [c for c in range(c0, c1 + 1) if c in value_indexes]
        if r0 in by_row and figures and (r1 > r0 or len(figures) > 1):
            # one figure for several periods or several rows: whose, and for which period,
            # is not certain
            first = figures[0]
            table.merged_figures[r0 + 1] = labels.get(first, get_column_letter(first + 1))
    for (r, c), (r0, c0) in spans.items():
        if c in value_indexes or r not in by_row or r0 not in by_row:
            continue
        target, source = by_row[r], by_row[r0]
        if c < len(target) and c0 < len(source) and not str(target[c]).strip():
            target[c] = source[c0]
    for role in CONTEXT_ROLES:
        column = table.columns.get(role)
        if column is None:
            continue
        last = ""
        for _number, cells in table.rows:
            if column.index < len(cells):
                if str(cells[column.index]).strip():
                    last = cells[column.index]
                else:
                    cells[column.index] = last


# A letter's addressee line ("Kepada Yth. Ketua Gugus Tugas c.q. Sekretariat (DP3A)"): it names
# who receives the report, never who sends it, so it is no hint of the reporting agency.
ADDRESSEE = re.compile(r"(?:kepada|kpd\.?|yth\.?|yang terhormat|ditujukan)(?:\s|$)", re.I)


def find_table(grid: Grid) -> Table | None:
    """The first achievement table on `grid`, or None."""
    rows = grid.rows
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        if sum(1 for c in rows[r] if c != "" and str(c).strip()) < 2:
            continue  # a header names at least a code or statement column and a value column
        labels, last = _labels(rows, r, grid.merged)
        columns, ok = _classify(labels)
        if not ok:
            continue
        table = Table(sheet=grid.name, header_row=last + 1)
        for column in columns:
            if column.role not in VALUE_ROLES and column.role != "progress":
                table.columns.setdefault(column.role, column)
        table.slots = _slots(columns)
        table.progress = [c for c in columns if c.role == "progress"]
        table.rows = [(n + 1, list(rows[n])) for n in range(last + 1, len(rows))]
        # as wide as its widest row and its header: a CSV line shorter than the header (its
        # empty figures at the end not written) still has every column
        width = max((len(cells) for _n, cells in table.rows), default=0)
        width = max(width, *(c.index + 1 for c in columns))
        for _n, cells in table.rows:
            cells.extend([""] * (width - len(cells)))
        table.title_lines = [
            text
            for row in rows[:r]
            for c in row
            if (text := str(c).strip()) and not ADDRESSEE.match(text)
        ]
        table.title = " ".join(table.title_lines)
        _carry_down(table, grid.merged)
        return table
    return None
