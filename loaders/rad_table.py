"""Reading another task force's RAD from a spreadsheet laid out like Tabel 1.1 of the TTU RAD:
Program Aksi | Kegiatan | Indikator, with the bidang in parentheses before its first programme
(or in a Bidang column), programmes lettered "a.", activities numbered "1." (several may share a
cell), and indicators as a list of "- ..." lines in one cell.

Targets, units and kinds are read from each statement ("5.000 orang", "50%", "dua kali dalam
setahun"); a Target, Satuan or Jenis column, when present, wins. What this module cannot decide
with certainty is an error with file, sheet, row and column, like any agency file.
"""

import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from indicators.catalogue import CatalogueFile
from indicators.models import Kind
from loaders.layout import normalise
from loaders.report import Problem
from loaders.rows import parse_number_text
from loaders.workbook import read_source

WORD_NUMBERS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6}
PER_YEAR = re.compile(r"\b(setahun|per tahun|tiap tahun|setiap tahun|dalam satu tahun)\b")
PER_HALF_YEAR = re.compile(r"\b(per enam bulan|setiap 6 bulan|per 6 bulan|enam bulan sekali)\b")
TARGET = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(%|persen\b|[A-Za-z][A-Za-z]*)"
)
YEARS = re.compile(r"^(19|20)\d\d$")
KIND_WORDS = {
    "kumulatif": Kind.CUMULATIVE,
    "cumulative": Kind.CUMULATIVE,
    "tahunan": Kind.RECURRING,
    "recurring": Kind.RECURRING,
    "persentase": Kind.PERCENTAGE,
    "percentage": Kind.PERCENTAGE,
    "tonggak": Kind.MILESTONE,
    "milestone": Kind.MILESTONE,
}
META_KEYS = ("code", "region", "title", "start_year", "end_year", "legal_basis", "citation")


def read_target(statement: str) -> tuple[float | None, str, Kind]:
    """(target, unit, kind) from an indicator statement as the RAD words it."""
    text = " ".join(statement.split())
    lower = text.lower()
    for word, number in WORD_NUMBERS.items():
        lower = re.sub(rf"\b{word} kali\b", f"{number} kali", lower)
    recurring = bool(PER_YEAR.search(lower))
    if PER_HALF_YEAR.search(lower):
        return 2.0, "kali", Kind.RECURRING
    for match in TARGET.finditer(lower):
        number, unit = match.group(1), match.group(2)
        if YEARS.match(number):
            continue
        value = parse_number_text(number)
        if unit in ("%", "persen"):
            return value, "%", Kind.PERCENTAGE
        return value, unit, Kind.RECURRING if recurring else Kind.CUMULATIVE
    return 1.0, "kegiatan", Kind.MILESTONE


@dataclass
class _Node:
    name: str
    number: int | str
    children: list = field(default_factory=list)


def _split_items(cell: str) -> list[str]:
    """Indicator lines: each '- ...' / '• ...' line starts an item, other lines continue it."""
    items: list[str] = []
    for line in str(cell).replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        if re.match(r"^[-\u2022\u2013*]\s*", line) or not items:
            items.append(re.sub(r"^[-\u2022\u2013*]\s*", "", line))
        else:
            items[-1] += " " + line
    parts = []
    for item in items:  # "- a - b" typed on one line
        parts.extend(p.strip() for p in re.split(r"\s+-\s+(?=[A-Z0-9])", item) if p.strip())
    return parts


def _split_activities(cell: str) -> list[str]:
    """'1. A 2. B' -> ['A', 'B']; an unnumbered cell is one activity."""
    text = " ".join(str(cell).split())
    pieces = re.split(r"(?:^|\s)(\d{1,2})\.\s+", text)
    if len(pieces) < 3:
        return [text] if text else []
    return [p.strip() for p in pieces[2::2] if p.strip()]


def _programme_cell(cell: str) -> tuple[str | None, str | None, str | None]:
    """(bidang, letter, programme) from '(Bidang name) a. Programme name'."""
    text = " ".join(str(cell).split())
    bidang = None
    match = re.match(r"^\((.+?)\)\s*(.*)$", text)
    if match:
        bidang, text = match.group(1).strip(), match.group(2).strip()
    match = re.match(r"^([a-z])[.)]\s+(.+)$", text)
    if match:
        return bidang, match.group(1), match.group(2).strip()
    return bidang, None, text or None


def read_rad_table(data: bytes, file: str, meta: dict | None = None):
    """Parse a Tabel 1.1-like RAD. Returns (CatalogueFile | None, problems)."""
    source, problems = read_source(data, file)
    if source is None:
        return None, problems
    given = {k: v for k, v in (meta or {}).items() if v not in (None, "")}
    file_meta = {k: v for k, v in source.meta.items() if k in META_KEYS}
    plan_meta = {**file_meta, **given}
    for grid in source.grids:
        header = None
        for r, row in enumerate(grid.rows[:40]):
            labels = [normalise(c) for c in row]
            roles = {}
            for c, label in enumerate(labels):
                if label.startswith("program"):
                    roles.setdefault("programme", c)
                elif label.startswith("kegiatan"):
                    roles.setdefault("activity", c)
                elif label.startswith("indikator"):
                    roles.setdefault("indicator", c)
                elif label in ("bidang", "sub gugus tugas"):
                    roles.setdefault("subgroup", c)
                elif label == "satuan":
                    roles.setdefault("unit", c)
                elif label.startswith("target"):
                    roles.setdefault("target", c)
                elif label == "jenis":
                    roles.setdefault("kind", c)
            if {"programme", "activity", "indicator"} <= set(roles):
                header = (r, roles)
                break
        if header is None:
            continue
        return _parse(grid, header, file, plan_meta)
    return None, [Problem("no-data-sheet", file, detail="Program Aksi | Kegiatan | Indikator")]


def _parse(grid, header, file, plan_meta):
    r0, roles = header
    problems: list[Problem] = []

    def col(role):
        index = roles[role]
        return f"{get_column_letter(index + 1)} ({str(grid.rows[r0][index]).strip()})"

    def cell(row, role):
        index = roles.get(role)
        return "" if index is None or index >= len(row) else str(row[index] or "").strip()

    subgroups: list[_Node] = []
    programme = activity_nodes = None
    for r in range(r0 + 1, len(grid.rows)):
        row, number = grid.rows[r], r + 1
        bidang_cell = cell(row, "subgroup")
        bidang, letter, prog_name = _programme_cell(cell(row, "programme"))
        bidang = bidang_cell or bidang
        acts = _split_activities(cell(row, "activity"))
        inds = _split_items(cell(row, "indicator"))
        if bidang and (not subgroups or subgroups[-1].name != bidang):
            subgroups.append(_Node(bidang, len(subgroups) + 1))
            programme = activity_nodes = None
        if letter:
            if not subgroups:
                problems.append(
                    Problem("rad-no-subgroup", file, grid.name, number, col("programme"))
                )
                continue
            programme = _Node(prog_name, letter)
            subgroups[-1].children.append(programme)
            activity_nodes = None
        if acts:
            if programme is None:
                problems.append(
                    Problem("rad-no-programme", file, grid.name, number, col("activity"))
                )
                continue
            activity_nodes = []
            for name in acts:
                node = _Node(name, len(programme.children) + 1)
                programme.children.append(node)
                activity_nodes.append(node)
        if not inds:
            continue
        if not activity_nodes:
            problems.append(Problem("rad-no-activity", file, grid.name, number, col("indicator")))
            continue
        if len(activity_nodes) == 1:
            targets = [activity_nodes[0]] * len(inds)
        elif len(activity_nodes) == len(inds):
            targets = activity_nodes
        else:
            problems.append(
                Problem(
                    "rad-unpaired",
                    file,
                    grid.name,
                    number,
                    col("indicator"),
                    found=str(len(inds)),
                    expected=str(len(activity_nodes)),
                )
            )
            continue
        for node, statement in zip(targets, inds, strict=True):
            target, unit, kind = read_target(statement)
            if cell(row, "target"):
                try:
                    target = parse_number_text(cell(row, "target"))
                except ValueError:
                    problems.append(
                        Problem(
                            "not-a-number",
                            file,
                            grid.name,
                            number,
                            col("target"),
                            found=cell(row, "target"),
                            expected="target",
                        )
                    )
            unit = cell(row, "unit") or unit
            kind = KIND_WORDS.get(normalise(cell(row, "kind")), kind)
            node.children.append(
                {"statement": statement, "unit": unit, "kind": kind, "target": target}
            )
    if problems:
        return None, problems
    missing = [
        k for k in ("code", "region", "title", "start_year", "end_year") if k not in plan_meta
    ]
    if missing:
        return None, [Problem("missing-metadata", file, expected=k) for k in missing]
    tree = {
        "plan": {k: plan_meta[k] for k in META_KEYS if k in plan_meta},
        "subgroups": [
            {
                "number": sg.number,
                "name": sg.name,
                "programmes": [
                    {
                        "letter": pr.number,
                        "name": pr.name,
                        "activities": [
                            {
                                "number": ac.number,
                                "name": ac.name,
                                "indicators": [
                                    {**ind, "code": f"{sg.number}.{pr.number}.{ac.number}.{i}"}
                                    for i, ind in enumerate(ac.children, start=1)
                                ],
                            }
                            for ac in pr.children
                        ],
                    }
                    for pr in sg.children
                ],
            }
            for sg in subgroups
        ],
    }
    try:
        return CatalogueFile.model_validate(tree), []
    except ValidationError as exc:
        return None, [
            Problem(
                "rad-invalid",
                file,
                grid.name,
                found=".".join(str(p) for p in e["loc"]),
                expected=e["msg"],
            )
            for e in exc.errors()
        ]
