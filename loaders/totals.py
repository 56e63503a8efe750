"""Rows of an agency table that are not achievements: totals ("Jumlah", "TOTAL", "Sub Total"),
the footer of an evaluation form (rata-rata capaian, predikat, faktor pendorong/penghambat,
tindak lanjut) and the column-number row "(1) (2) (3) ...". They are never loaded; a total under
disaggregated rows (per kecamatan, L/P, age group) is checked against them, and a mismatch is a
warning naming both figures.
"""

import re

from loaders.layout import Table, normalise
from loaders.report import WARNING, Problem, Report, shown
from loaders.rows import parse_number

TOTAL = re.compile(
    r"^(?:jumlah|total|sub ?total|grand total|jumlah total|total keseluruhan|jumlah seluruhnya)"
    r"(?: (?:bidang|program|kegiatan|keseluruhan|seluruhnya|[ivx]+|\d+|l p|laki laki perempuan))*$"
)
FOOTER = re.compile(
    r"^(?:rata rata(?: capaian)?|predikat(?: kinerja)?|faktor (?:pendorong|penghambat)|"
    r"tindak lanjut|kendala|hambatan|"
    # the signature block: who signs, in which rank, with which NIP or NRP
    r"kepala|nip|nrp|mengetahui|disusun|dievaluasi|menyetujui|plt|plh|sekretaris|"
    r"pembina|penata|ajun komisaris|komisaris|direktur|ketua|koordinator|kapolres|kasat|"
    r"kabid|kabag|a n)\b"
)
# A letter's place and date line above its signature: "Kefamenanu, 14 Januari 2022".
LETTER_DATE = re.compile(
    r"^[a-z][a-z .'-]{1,40}, ?(?:tanggal )?\d{1,2} [a-z]{3,9}\.? 20\d\d$", re.IGNORECASE
)
NUMBER_LABEL = re.compile(r"^\(?\d{1,2}\)?$")


# What a total's or a footer's cell starts with: only such cells are looked at closely.
STARTS = (
    "jumlah", "total", "sub", "grand", "jml", "rata", "predikat", "faktor", "tindak", "kendala",
    "hambatan", "kepala", "nip", "nrp", "mengetah", "disusun", "dievalua", "menyetuj", "plt",
    "plh", "sekretar", "pembina", "penata", "ajun", "komisari", "direktur", "ketua", "koordina",
    "kapolres", "kasat", "kabid", "kabag", "a.n.", "a.n ",
)  # fmt: skip


def skipped_row(
    table: Table, cells: list, figure_cells: frozenset[int], undivided: set[int] = frozenset()
) -> str | None:
    """'total', 'footer' (a form's footer or its signature block) or 'numbers' (the
    column-number row) for a row that is not an achievement; None for any other."""
    total = False
    own = _own_words(table)
    for index, cell in enumerate(cells):
        if not isinstance(cell, str):
            continue
        if not cell.lstrip()[:8].lower().startswith(STARTS):
            if "," in cell and index not in own and LETTER_DATE.match(cell.strip()):
                return "footer"  # the signature block starts with its place and date
            continue
        text = normalise(cell)
        # a note or a statement may well begin "Kepala desa ...": only other cells sign a form
        if index not in own and FOOTER.match(text):
            return "footer"
        if index in undivided:
            continue  # "1.a.1.1 | ... | Total | 180": the indicator's own row, undivided
        total = total or (index not in figure_cells and bool(TOTAL.match(text)))
    if total:
        return "total"
    shown = []
    for cell in cells:
        text = str(cell).strip() if cell is not None else ""
        if not text:
            continue
        if not NUMBER_LABEL.match(text):
            return None  # most rows end here, at their first cell
        shown.append(text)
    if len(shown) >= 3:
        numbers = [int(s.strip("()")) for s in shown]
        if any(s.startswith("(") for s in shown) or numbers == sorted(set(numbers)):
            return "numbers"
    return None


DISAGGREGATION = ("sex", "age_group", "kecamatan")  # the roles that split a figure


def undivided_cells(table: Table, cells: list) -> set[int]:
    """The disaggregation cells of a row that names its indicator and says "Total" or "Jumlah"
    there ("1.a.1.1 | ... | Kecamatan: Total | 180", the kecamatan rows grouped below it): the
    row holds the indicator's figure undivided, not a sum to be checked and skipped. Only for
    the first row naming it (the caller's test): a Jumlah under its parts is their sum."""
    named = any(
        (text := str(cells[table.columns[r].index] or "").strip())
        and not TOTAL.match(normalise(text))
        for r in ("code", "statement")
        if r in table.columns and table.columns[r].index < len(cells)
    )
    if not named:
        return set()
    return {
        index
        for r in DISAGGREGATION
        if r in table.columns
        and (index := table.columns[r].index) < len(cells)
        and isinstance(cells[index], str)
        and TOTAL.match(normalise(cells[index]))
    }


def _own_words(table: Table) -> set[int]:
    """The code, statement and note columns of `table`."""
    return {table.columns[r].index for r in ("code", "statement", "note") if r in table.columns}


class Totals:
    """Checks a table's total rows against the disaggregated rows just above them."""

    def __init__(self, table: Table, report: Report) -> None:
        self.table, self.report = table, report

    def check(self, number: int, cells: list, entries: list) -> None:
        """Compare the total on row `number` with the rows of one indicator above it that were
        split by kecamatan, sex or age group (`entries`: what the table gave so far)."""
        group = []
        for entry in reversed(entries):
            split = entry.data.kecamatan or entry.data.sex or entry.data.age_group
            if entry.sheet != self.table.sheet or not split:
                break
            if group and entry.indicator.code != group[0].indicator.code:
                break
            group.append(entry)
        if not group:
            return
        for slot in self.table.slots:
            try:
                total = parse_number(cells[slot.value.index])
            except Exception:
                continue  # a total that is not a number is not ours to read
            if total is None:
                continue
            year, quarter = slot.period
            values = [
                e.data.value
                for e in group
                if e.data.value is not None
                and (year is None or e.year == year)
                and (quarter is None or e.quarter == quarter)
            ]
            if values and abs(sum(values) - total) > 1e-9:
                self.report.problems.append(
                    Problem(
                        "total-mismatch",
                        self.report.file,
                        self.table.sheet,
                        number,
                        slot.value.label,
                        found=shown("{}", total, spec="g"),
                        expected=shown("{}", sum(values), spec="g"),
                        detail=group[0].indicator.code,
                        severity=WARNING,
                    )
                )
