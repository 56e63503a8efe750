"""Reading a responsibility matrix (who reports what) from the secretariat's CSV or workbook.

Two layouts are read, each found by its header row:
- long: a code column (`kode`: an indicator 1.a.1.1, an activity 1.a.1, a programme 1.a or a
  bidang 1: every activity in it), an agency column
  (`instansi`: code, name or alias) and optionally a lead column (`utama`: ya / x / 1);
- wide: a code column, then one column per agency (its code, name or alias as the header), each
  cell `U` / `utama` / `koordinator` for the lead, `x` / `v` / `ya` / `1` / `anggota` for a member,
  empty for none.

Every cell that cannot be read with certainty (an unknown code or agency, a mark that is neither
lead nor member, two leads for one indicator) refuses the whole file, naming sheet, row and
column; the store keeps the matrix it had.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from openpyxl.utils import get_column_letter
from sqlmodel import Session, select

from indicators.models import Agency, Indicator, Plan
from indicators.responsibility import Item, activity_codes, assignments, has_matrix, replace
from indicators.vocabulary import fold
from loaders.report import WARNING, Problem
from loaders.workbook import META_SHEET, read_source

CODE_HEADERS = {"kode", "kode indikator", "kode kegiatan", "code", "indikator", "indicator"}
AGENCY_HEADERS = {"instansi", "agency", "opd", "penanggung jawab", "pelaksana", "lembaga"}
LEAD_HEADERS = {"utama", "lead", "koordinator", "peran", "role", "instansi utama"}
LEAD_MARKS = {"u", "utama", "lead", "koordinator", "leading sector", "ya utama", "l"}
MEMBER_MARKS = {"x", "v", "ya", "y", "yes", "1", "anggota", "member", "pendukung", "p", "true"}
NO_MARKS = {"", "tidak", "no", "0", "-", "false", "n"}
# the check mark and the ballot X Excel users type, folded to nothing by fold(): read first
SYMBOL_MEMBER = {"✓", "✔", "√", "☑"}


@dataclass
class Matrix:
    """What a matrix file says, with its problems; `items` only count when `problems` is empty."""

    file: str
    sheet: str = ""
    layout: str = ""
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _agency_lookup(session: Session) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for agency in session.exec(select(Agency)):
        for text in (agency.code, agency.name, *(agency.aliases or [])):
            if fold(text):
                names.setdefault(fold(text), set()).add(agency.code)
    return names


def _mark(cell: object) -> str | None:
    """'lead', 'member', '' (none) or None (unreadable)."""
    text = str(cell).strip() if cell is not None else ""
    if text in SYMBOL_MEMBER:
        return "member"
    key = fold(text)
    if isinstance(cell, float) and cell.is_integer():
        key = str(int(cell))
    if key in LEAD_MARKS:
        return "lead"
    if key in MEMBER_MARKS:
        return "member"
    if key in NO_MARKS:
        return ""
    return None


LEAD_WORDS = "koordinator|utama|leading sector|lead|penanggung jawab utama|ketua"
LEAD_NOTE = re.compile(rf"\s*[\(\[]\s*(?:{LEAD_WORDS})\s*[\)\]]\s*$", re.IGNORECASE)
SEPARATORS = re.compile(r"\s*[,;/\n&+]\s*")


def _named(text: str, agencies: dict[str, set[str]]) -> list[tuple[str, bool]]:
    """The agencies a cell names, each with whether it is marked lead ("(koordinator)"): the
    whole cell when it names one agency, else its parts between commas, semicolons, slashes,
    '&' or '+'. Never split at 'dan': "Dinas Sosial dan Pemberdayaan Masyarakat" may be one
    agency the store does not know, or two; the caller refuses it and asks for commas."""

    def one(part: str) -> tuple[str, bool]:
        bare = LEAD_NOTE.sub("", part).strip()
        return bare, bare != part.strip()

    whole = one(text)
    if fold(whole[0]) in agencies:
        return [whole]
    parts = [one(p) for p in SEPARATORS.split(text) if p.strip()]
    return parts or [whole]


def _header(rows: list[list]) -> tuple[int, dict[int, str]] | None:
    """The first of the top rows with a code column: (row index, column -> folded header)."""
    for r, row in enumerate(rows[:15]):
        heads = {c: fold(str(v)) for c, v in enumerate(row) if v not in (None, "")}
        if any(h in CODE_HEADERS for h in heads.values()):
            return r, heads
    return None


def read_matrix(session: Session, plan: Plan, data: bytes, file: str) -> Matrix:
    """The matrix in `data` checked against `plan`'s catalogue and the store's agencies."""
    out = Matrix(file)
    source, problems = read_source(data, file)
    if source is None:
        out.problems = problems
        return out
    found = next(((g, h) for g in source.grids if (h := _header(g.rows))), None)
    if found is None:
        heads = ", ".join(sorted(CODE_HEADERS))
        out.problems.append(Problem("matrix-no-header", file, detail=heads))
        return out
    grid, (head_row, heads) = found
    out.sheet = grid.name
    code_col = next(c for c, h in heads.items() if h in CODE_HEADERS)
    agency_col = next((c for c, h in heads.items() if h in AGENCY_HEADERS), None)
    lead_col = next((c for c, h in heads.items() if h in LEAD_HEADERS), None)
    agencies = _agency_lookup(session)
    activities = activity_codes(session, plan)
    indicators = {
        code: (ind_id, act_id)
        for code, ind_id, act_id in session.exec(
            select(Indicator.code, Indicator.id, Indicator.activity_id).where(
                Indicator.plan_id == plan.id, Indicator.retired_at.is_(None)
            )
        )
    }
    ids = {a.code: a.id for a in session.exec(select(Agency))}

    def problem(code, row, col, **kw):
        out.problems.append(
            Problem(code, file, grid.name, row + 1, get_column_letter(col + 1), **kw)
        )

    def agency_of(text: str, row: int, col: int) -> int | None:
        codes = agencies.get(fold(text), set())
        if len(codes) != 1:
            known = ", ".join(sorted(ids))
            problem("matrix-unknown-agency", row, col, found=text, expected=known)
            return None
        return ids[next(iter(codes))]

    wide: dict[int, int] = {}
    if agency_col is None:
        out.layout = "wide"
        for c, head in heads.items():
            if c == code_col or head in LEAD_HEADERS:
                continue
            agency_id = agency_of(str(grid.rows[head_row][c]).strip(), head_row, c)
            if agency_id is not None:
                wide[c] = agency_id
    else:
        out.layout = "long"
    leads: dict[int | tuple, tuple[int, int]] = {}  # indicator (or activity) -> (agency, row)
    for r in range(head_row + 1, len(grid.rows)):
        row = grid.rows[r]

        def cell(c, row=row):
            return row[c] if c is not None and c < len(row) else None

        raw = cell(code_col)
        if isinstance(raw, float) and raw.is_integer():  # a bidang number Excel keeps as 3.0
            raw = int(raw)
        code = str(raw if raw is not None else "").strip().rstrip(".").lower()
        if not code:
            continue
        if code in indicators:
            indicator_id, activity_id = indicators[code]
            scope = [activity_id]
        elif code in activities:
            indicator_id, activity_id = None, activities[code]
            scope = [activity_id]
        elif wider := [a for c, a in activities.items() if c.startswith(code + ".")]:
            # a programme (3.a) or a bidang (3): every activity in it
            indicator_id, activity_id, scope = None, wider[0], wider
        else:
            problem("matrix-unknown-code", r, code_col, found=code, expected=plan.code)
            continue
        marks: list[tuple[int, bool, int]] = []  # (agency id, lead, column)
        if out.layout == "long":
            text = str(cell(agency_col) or "").strip()
            if not text:
                problem("matrix-no-agency", r, agency_col)
                continue
            lead = _mark(cell(lead_col)) if lead_col is not None else ""
            if lead is None:
                problem("matrix-bad-mark", r, lead_col, found=str(cell(lead_col)))
                continue
            # a yes in the lead column ('ya', 'x', 'U') is a lead; a cell may name several
            # agencies, as RAD tables write them ("Dinsos, DP3A (koordinator)")
            for name, marked in _named(text, agencies):
                agency_id = agency_of(name, r, agency_col)
                if agency_id is not None:
                    marks.append((agency_id, bool(lead) or marked, agency_col))
        else:
            for c, agency_id in wide.items():
                mark = _mark(cell(c))
                if mark is None:
                    problem("matrix-bad-mark", r, c, found=str(cell(c)))
                elif mark:
                    marks.append((agency_id, mark == "lead", c))
        for agency_id, lead, c in marks:
            if lead:
                key = indicator_id if indicator_id is not None else ("activity", activity_id)
                if key in leads and leads[key][0] != agency_id:
                    other = next(k for k, v in ids.items() if v == leads[key][0])
                    row_no = leads[key][1] + 1
                    problem("matrix-two-leads", r, c, found=code, expected=f"{other} ({row_no})")
                    continue
                leads[key] = (agency_id, r)
            out.items.extend(Item(agency_id, a, indicator_id, lead) for a in scope)
    if not out.items and not out.problems:
        out.problems.append(Problem("matrix-empty", file, grid.name))
    return out


def import_matrix(session: Session, plan: Plan, data: bytes, file: str, actor: str) -> Matrix:
    """Read the matrix and, when it has no problem, make it the plan's matrix (caller commits)."""
    matrix = read_matrix(session, plan, data, file)
    if matrix.ok:
        replace(session, plan, matrix.items, file, actor)
    return matrix


def _period_start(entry) -> date:
    if entry.quarter:
        return date(entry.year, (entry.quarter - 1) * 3 + 1, 1)
    if entry.semester:
        return date(entry.year, (entry.semester - 1) * 6 + 1, 1)
    return date(entry.year, 1, 1)


def membership_problems(session: Session, ctx, entries: list, file: str) -> list[Problem]:
    """An agency's report checked against its membership and the plan's matrix: a period that
    starts after the agency retired is refused (whose report is it?); figures on indicators the
    matrix gives the agency no part in are a warning, never a refusal."""
    if not entries or ctx.agency is None or ctx.plan is None:
        return []
    agency = session.get(Agency, ctx.agency.id)
    problems = []
    start = max(_period_start(e) for e in entries)
    if agency.retired_on is not None and start > agency.retired_on:
        problems.append(
            Problem(
                "agency-retired",
                file,
                META_SHEET,
                found=agency.code,
                expected=agency.retired_on.isoformat(),
            )
        )
    plan = session.get(Plan, ctx.plan.id)
    if has_matrix(session, plan):
        mine = assignments(session, plan).get(agency.id, {})
        outside = sorted({e.indicator.code for e in entries if e.indicator.id not in mine})
        if outside:
            shown = ", ".join(outside[:12]) + (" …" if len(outside) > 12 else "")
            problems.append(
                Problem(
                    "outside-responsibility",
                    file,
                    entries[0].sheet,
                    found=agency.code,
                    detail=shown,
                    severity=WARNING,
                )
            )
    return problems
