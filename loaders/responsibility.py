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
from indicators.responsibility import Item, activity_codes, replace
from indicators.vocabulary import fold
from loaders.report import WARNING, Problem
from loaders.workbook import META_SHEET, read_source

CODE_HEADERS = {"kode", "kode indikator", "kode kegiatan", "code", "indikator", "indicator"}
AGENCY_HEADERS = {"instansi", "agency", "opd", "penanggung jawab", "pelaksana", "lembaga"}
LEAD_HEADERS = {"utama", "lead", "koordinator", "peran", "role", "instansi utama"}
LEAD_MARKS = {"u", "utama", "lead", "koordinator", "leading sector", "ya utama", "l"}
MEMBER_MARKS = {"x", "v", "ya", "y", "yes", "1", "anggota", "member", "pendukung", "p", "true"}
YES = {"x", "v", "ya", "y", "yes", "1", "true"}
MEMBER_WORDS = {"anggota", "member", "pendukung", "p"}
# columns a matrix may carry beside its codes and agencies: never read as an agency
IGNORED_HEADERS = {
    "no",
    "nomor",
    "indikator",
    "kegiatan",
    "program",
    "uraian",
    "keterangan",
    "catatan",
    "bidang",
    "demo",
    "sumber",
    "source",
    "nama indikator",
}
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

    source_col = next((c for c, h in heads.items() if h in ("sumber", "source")), None)
    wide: dict[int, int] = {}
    if agency_col is None:
        out.layout = "wide"
        for c in range(len(grid.rows[head_row])):
            head = heads.get(c)
            if c in (code_col, lead_col, source_col) or head in IGNORED_HEADERS:
                continue
            if head is None:  # marks under a blank header belong to nobody: refused below
                continue
            agency_id = agency_of(str(grid.rows[head_row][c]).strip(), head_row, c)
            if agency_id is not None:
                wide[c] = agency_id
    else:
        out.layout = "long"
    code_above = _merged_code(grid, code_col, head_row)
    rows_of: dict[int, list[tuple[int, int, int]]] = {}  # indicator -> [(agency, row, col)]
    expanded = _indicators_by_activity(session, plan)
    for r in range(head_row + 1, len(grid.rows)):
        row = grid.rows[r]

        def cell(c, row=row):
            return row[c] if c is not None and c < len(row) else None

        raw = cell(code_col)
        if (raw is None or str(raw).strip() == "") and r in code_above:
            raw = code_above[r]  # a code cell merged over several agencies' rows
        if isinstance(raw, float) and raw.is_integer():  # a bidang number Excel keeps as 3.0
            raw = int(raw)
        code = str(raw if raw is not None else "").strip().rstrip(".").lower()
        if not code:
            filled = [c for c, v in enumerate(row) if str(v if v is not None else "").strip()]
            if filled:  # something is said, but of no code: whose is it?
                problem("matrix-no-code", r, code_col, found=str(row[filled[0]]))
            continue
        if source_col is not None and fold(str(cell(source_col) or "")) == "demo":
            problem("matrix-demo", r, source_col)
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
            lead = _lead(cell(lead_col)) if lead_col is not None else False
            if lead is None:
                problem("matrix-bad-mark", r, lead_col, found=str(cell(lead_col)))
                continue
            # the lead column says yes or no; a cell may name several agencies, as RAD tables
            # write them ("Dinsos, DP3A (koordinator)"), each lead only when so marked
            names = _named(text, agencies)
            if lead and len(names) > 1:
                problem("matrix-lead-of-many", r, lead_col, found=text)
                continue
            for name, marked in names:
                agency_id = agency_of(name, r, agency_col)
                if agency_id is not None:
                    marks.append((agency_id, lead or marked, agency_col))
        else:
            for c in range(len(row)):
                if c in (code_col, lead_col, source_col) or heads.get(c) in IGNORED_HEADERS:
                    continue
                mark = _mark(cell(c))
                if mark is None:
                    problem("matrix-bad-mark", r, c, found=str(cell(c)))
                elif mark and c not in wide:
                    if heads.get(c) is None:
                        problem("matrix-no-agency", head_row, c)
                elif mark:
                    marks.append((wide[c], mark == "lead", c))
            named_lead = str(cell(lead_col) or "").strip() if lead_col is not None else ""
            if named_lead:  # a lead column naming the lead agency ("Instansi utama: DP3A")
                lead_id = agency_of(named_lead, r, lead_col)
                if lead_id is not None:
                    marks = [(a, lead or a == lead_id, c) for a, lead, c in marks]
                    if lead_id not in {a for a, _l, _c in marks}:
                        marks.append((lead_id, True, lead_col))
        for agency_id, lead, c in marks:
            out.items.extend(Item(agency_id, a, indicator_id, lead) for a in scope)
            if lead:
                covered = [indicator_id] if indicator_id else [
                    i for a in scope for i in expanded.get(a, [])
                ]  # fmt: skip
                for ind in covered:
                    rows_of.setdefault(ind, []).append((agency_id, r, c))
    # one lead per indicator, however the rows name it (an activity and one of its indicators,
    # a bidang and one of its activities)
    codes = {v[0]: k for k, v in indicators.items()}
    names = {v: k for k, v in ids.items()}
    for ind, marks in sorted(rows_of.items()):
        first = marks[0]
        for agency_id, r, c in marks[1:]:
            if agency_id != first[0]:
                problem(
                    "matrix-two-leads",
                    r,
                    c,
                    found=codes.get(ind, str(ind)),
                    expected=f"{names[first[0]]} ({first[1] + 1})",
                )
                break
    if not out.items and not out.problems:
        out.problems.append(Problem("matrix-empty", file, grid.name))
    out.problems = list({(p.row, p.column, p.code, p.found): p for p in out.problems}.values())
    return out


def _merged_code(grid, code_col: int, head_row: int) -> dict[int, object]:
    """Rows under a code cell merged downwards -> the code written in its first row."""
    below = {}
    for (r1, c1), (r2, c2) in grid.merged:
        if c1 <= code_col <= c2 and r1 > head_row and r2 > r1:
            value = grid.rows[r1][code_col] if code_col < len(grid.rows[r1]) else None
            for r in range(r1 + 1, r2 + 1):
                below[r] = value
    return below


def _indicators_by_activity(session: Session, plan: Plan) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for ind_id, act_id in session.exec(
        select(Indicator.id, Indicator.activity_id).where(
            Indicator.plan_id == plan.id, Indicator.retired_at.is_(None)
        )
    ):
        out.setdefault(act_id, []).append(ind_id)
    return out


def _lead(cell: object) -> bool | None:
    """A lead column's cell: yes (a lead word, ya, x, 1, ✓), no (empty, tidak, anggota), or None
    when it says neither (refused: 'pendukung' is no lead, 'mungkin' is not an answer)."""
    text = str(cell).strip() if cell is not None else ""
    if text in SYMBOL_MEMBER:
        return True
    key = fold(text)
    if isinstance(cell, float) and cell.is_integer():
        key = str(int(cell))
    if key in LEAD_MARKS or key in YES:
        return True
    if key in NO_MARKS or key in MEMBER_WORDS:
        return False
    return None


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


def membership_problems(
    session: Session, catalogue, ctx, entries: list, file: str
) -> list[Problem]:
    """An agency's report checked against its membership and the plan's matrix (as the batch's
    `catalogue` read them): a period that starts after the agency retired is refused (whose
    report is it?); figures on indicators the matrix gives the agency no part in are a warning,
    never a refusal."""
    if not entries or ctx.agency is None or ctx.plan is None:
        return []
    problems = []
    start = max(_period_start(e) for e in entries)
    retired_on = catalogue.retired_on(session, ctx.agency.id)
    if retired_on is not None and start > retired_on:
        problems.append(
            Problem(
                "agency-retired",
                file,
                META_SHEET,
                found=ctx.agency.code,
                expected=retired_on.isoformat(),
            )
        )
    matrix = catalogue.matrix(session, ctx.plan)
    if matrix is not None:
        mine = matrix.get(ctx.agency.id, {})
        outside = sorted({e.indicator.code for e in entries if e.indicator.id not in mine})
        if outside:
            shown = ", ".join(outside[:12]) + (" …" if len(outside) > 12 else "")
            problems.append(
                Problem(
                    "outside-responsibility",
                    file,
                    entries[0].sheet,
                    found=ctx.agency.code,
                    detail=shown,
                    severity=WARNING,
                )
            )
    return problems
