"""The "Narasi" sheet of an agency report: per bidang (and optionally per indicator) the faktor
pendorong, faktor penghambat and tindak lanjut of the period. Found by its header words, never
read as figures; each text is checked against the plan (a bidang or indicator code that is not
the plan's refuses the file, naming the cell) and stored with the file's submission."""

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from indicators.narrative import LIMIT
from indicators.vocabulary import fold
from loaders.report import Problem
from loaders.workbook import Grid

SHEET = "Narasi"
HEADS = {
    "subgroup": ("bidang", "sub gugus tugas", "sub bidang"),
    "indicator": ("kode", "kode indikator", "indikator"),
    "pendorong": ("faktor pendorong", "pendorong", "faktor pendukung"),
    "penghambat": ("faktor penghambat", "penghambat", "kendala", "hambatan"),
    "tindak_lanjut": ("tindak lanjut", "rencana tindak lanjut", "rtl"),
}
TEXTS = ("pendorong", "penghambat", "tindak_lanjut")


@dataclass
class NarrativeRow:
    subgroup: int
    indicator_id: int | None
    pendorong: str
    penghambat: str
    tindak_lanjut: str
    sheet: str
    row: int


# each role's words, and the same words followed by more ("Kode indikator (opsional)")
STARTS = {role: (frozenset(words), tuple(w + " " for w in words)) for role, words in HEADS.items()}


def _header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for r, cells in enumerate(grid.rows[:10]):
        found = {}
        for c, cell in enumerate(cells):
            if cell is None or cell == "":
                continue
            key = fold(str(cell))
            for role, (words, starts) in STARTS.items():
                if role not in found and (key in words or key.startswith(starts)):
                    found[role] = c
                    break
        if "subgroup" in found and any(t in found for t in TEXTS):
            return r, found
    return None


def is_narrative(grid: Grid) -> bool:
    """Whether `grid` is a narrative sheet (a bidang column and a pendorong, penghambat or
    tindak lanjut column): it holds words, never figures."""
    return _header(grid) is not None


def read_narratives(
    keys: tuple[dict, dict], grids: list[Grid], file: str
) -> tuple[list[NarrativeRow], list[Problem]]:
    """Every non-empty narrative row of `grids`, or the problems that refuse the file; `keys`
    is what a row may name (loaders.context.Catalogue.narrative_keys)."""
    subgroups, codes = keys
    rows, problems = [], []
    for grid in grids:
        head, cols = _header(grid)
        for r in range(head + 1, len(grid.rows)):
            cells = grid.rows[r]

            def cell(role, cells=cells, cols=cols):
                c = cols.get(role)
                value = cells[c] if c is not None and c < len(cells) else ""
                return " ".join(str(value if value is not None else "").split())

            texts = {t: cell(t) for t in TEXTS}
            if not any(texts.values()):
                continue
            place = (file, grid.name, r + 1)
            raw = cell("subgroup")
            number = subgroups.get(fold(raw))
            if number is None and raw[:1].isdigit():  # "2. Penanganan ..." or "2 - Pemulangan"
                number = subgroups.get(fold(raw.split()[0].rstrip(".")))
            if number is None:
                known = ", ".join(str(n) for n in sorted(set(subgroups.values())))
                problems.append(
                    Problem("narrative-bidang", *place, _letter(cols, "subgroup"), found=raw,
                            expected=known)
                )  # fmt: skip
                continue
            indicator_id = None
            code = cell("indicator").lower().rstrip(".")
            if code:
                found = codes.get(code)
                if found is None or found[1] != number:
                    problems.append(
                        Problem("narrative-indicator", *place, _letter(cols, "indicator"),
                                found=code, expected=str(number))
                    )  # fmt: skip
                    continue
                indicator_id = found[0]
            long = [t for t, v in texts.items() if len(v) > LIMIT]
            if long:
                problems.append(
                    Problem("narrative-too-long", *place, _letter(cols, long[0]),
                            expected=str(LIMIT))
                )  # fmt: skip
                continue
            rows.append(NarrativeRow(number, indicator_id, **texts, sheet=grid.name, row=r + 1))
    return rows, problems


def _letter(cols: dict[str, int], role: str) -> str:
    return get_column_letter(cols[role] + 1) if role in cols else ""
