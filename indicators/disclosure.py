"""Small counts of sensitive indicators withheld from anonymous visitors, and the cells that
would give them away.

An indicator flagged `sensitive` counts victims or cases. Anonymous visitors of a published plan
see a count of it only when it is at least the plan's threshold k (default DEFAULT_K); a smaller
non-zero count is *withheld* (primary suppression). Withholding one number is not enough when
others are published with it: a year's total and all its quarters but one give the missing
quarter away. So every number anonymous visitors can see of a sensitive indicator is written as
a sum over the indicator's finest published cells (agency x period x sex x age group
[x kecamatan]); for each withheld number, a linear programme asks what it could be given every
published number, and while it has one possible whole value, another number near it is withheld
too (complementary suppression, smallest first). The same reasoning an attacker would use is the
one that decides, so what is published cannot pin a withheld count.

What anonymous visitors see, as keys of Release.hidden (per indicator code):
- ("cell", agency, year, quarter, semester, sex, age_group, kecamatan, is_demo): one row of the
  public achievements table and the indicator page's sources (kecamatan None unless the plan
  publishes kecamatan detail: then rows of every kecamatan are added up);
- ("status", agency, year, quarter, demo): the realised value of a status row (agency None: all
  agencies; year None: the whole period; quarter None: the year; demo: demo figures counted);
- ("year_sum", agency, year, demo): one agency's figures of one year added up (the indicator
  page's chart by agency).

Signed-in readers see every figure. Only counts (cumulative and recurring indicators) can be
sensitive (indicators.catalogue refuses the flag elsewhere).
"""

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from sqlmodel import Session, select

from indicators import bands
from indicators.models import Achievement, Agency, Indicator, Kind, Plan

DEFAULT_K = 11
K_SOURCE = (
    "IOM Counter-Trafficking Data Collaborative, Global Dataset: published k-anonymised "
    "(k = 11), https://www.ctdatacollaborative.org/global-dataset"
)
SUPPRESSED = bands.SUPPRESSED.key  # the state of a withheld status row
CANDIDATES_TRIED = 40  # complementary candidates tried one by one before taking the smallest


def threshold(plan: Plan) -> int:
    """The plan's k."""
    return plan.k_threshold or DEFAULT_K


def _range(values_of: list[frozenset[int]], totals: list[float], target: frozenset[int]):
    """(min, max) of the sum over `target` given that each set in `values_of` sums to its
    total and every cell is >= 0; max is inf when nothing bounds it."""
    cells = sorted(set(target).union(*values_of)) if values_of else sorted(target)
    index = {c: i for i, c in enumerate(cells)}
    a_eq = np.zeros((len(values_of), len(cells)))
    for row, published in enumerate(values_of):
        for c in published:
            a_eq[row, index[c]] = 1.0
    goal = np.zeros(len(cells))
    for c in target:
        goal[index[c]] = 1.0
    kwargs = {"bounds": (0, None), "method": "highs"}
    if values_of:
        kwargs.update(A_eq=a_eq, b_eq=np.array(totals))
    low = linprog(goal, **kwargs)
    high = linprog(-goal, **kwargs)
    if low.status != 0:  # infeasible cannot happen with true totals; unbounded low cannot either
        return (0.0, math.inf)
    top = math.inf if high.status != 0 else -high.fun
    return (low.fun, top)


def pinned(low: float, high: float) -> bool:
    """Whether a withheld count with this feasible range has only one possible whole value."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return False
    return math.floor(high + 1e-6) - math.ceil(low - 1e-6) < 1


def protect(values: Sequence[float], published: Mapping[Hashable, frozenset[int]], k: int) -> set:
    """Keys of `published` (each a set of indices into `values`, published as their sum) to
    withhold so that no count in 1..k-1 is shown and none can be worked out from the rest."""
    sets: dict[frozenset[int], list[Hashable]] = defaultdict(list)
    for key, cells in published.items():
        sets[frozenset(cells)].append(key)
    unique = sorted(sets, key=lambda s: (len(s), sorted(s)))
    totals = [sum(values[i] for i in s) for s in unique]
    primary = [j for j, total in enumerate(totals) if 0 < total < k]
    hidden = set(primary)
    touching: dict[int, set[int]] = defaultdict(set)  # cell -> sets holding it
    for j, s in enumerate(unique):
        for c in s:
            touching[c].add(j)

    def near(j: int) -> list[int]:
        first = set().union(*(touching[c] for c in unique[j]))
        cells = set().union(*(unique[i] for i in first))
        second = set().union(*(touching[c] for c in cells))
        return sorted((i for i in second if i not in hidden), key=lambda i: (totals[i], i))

    def range_of(j: int, withheld: set[int]) -> tuple[float, float]:
        shown = [i for i in range(len(unique)) if i not in withheld]
        return _range([unique[i] for i in shown], [totals[i] for i in shown], unique[j])

    def is_pinned(j: int, withheld: set[int]) -> bool:
        return pinned(*range_of(j, withheld))

    def cover(j: int) -> None:
        while is_pinned(j, hidden):
            candidates = near(j)
            if not candidates:
                break  # nothing published near it: cannot be pinned (defensive)
            chosen = next(
                (c for c in candidates[:CANDIDATES_TRIED] if not is_pinned(j, hidden | {c})),
                candidates[0],
            )
            hidden.add(chosen)

    for j in primary:
        cover(j)
    # A complementary number the rest still gives away exactly adds nothing when shown (its
    # value follows from what is published): show it. One pinned only to a whole number is
    # covered like a small count, so that nothing shown as withheld can be worked out.
    for _ in range(len(unique)):
        settled = True
        for j in sorted(hidden.difference(primary)):
            low, high = range_of(j, hidden)
            if high - low < 1e-6:
                hidden.discard(j)
                settled = False
            elif pinned(low, high):
                cover(j)
                settled = False
        if settled:
            break
    return {key for j in hidden for key in sets[unique[j]]}


@dataclass
class Release:
    """What anonymous visitors may not see of a plan's sensitive indicators."""

    k: int
    hidden: dict[str, set] = field(default_factory=dict)  # indicator code -> withheld keys
    sensitive: set[str] = field(default_factory=set)  # codes of the sensitive indicators
    kecamatan: bool = False  # whether kecamatan detail is published

    def withheld(self, code: str, key: tuple) -> bool:
        return key in self.hidden.get(code, ())


@dataclass(frozen=True)
class _Cell:
    agency: str
    year: int
    quarter: int | None
    semester: int | None
    sex: str | None
    age_group: str | None
    kecamatan: str | None
    is_demo: bool

    @property
    def ends(self) -> int | None:
        """The triwulan the figure's period ends with (None: a whole year)."""
        if self.quarter is not None:
            return self.quarter
        return 2 * self.semester if self.semester else None

    def key(self) -> tuple:
        return ("cell", *self.__dict__.values())


def cell_of(plan: Plan, agency: str, ach) -> _Cell:
    """The public cell an achievement row falls in (kecamatan merged unless published)."""
    return _Cell(
        agency,
        ach.year,
        ach.quarter,
        ach.semester,
        ach.sex,
        ach.age_group,
        ach.kecamatan if plan.publish_kecamatan else None,
        bool(ach.is_demo),
    )


def merge_rows(rows: list[dict], key_of, amounts: tuple[str, ...], file: str, place: tuple):
    """Rows as anonymous visitors see a sensitive indicator's: the rows of one public cell as one
    row, at the first one's place. `key_of(row)` is the cell's key, ending with its _Cell (None:
    the row stays as it is); `amounts` are added up, the `file` names joined, the `place`
    columns (sheet, row) blanked once rows are merged, the lowest `id` kept; the agencies' notes
    and unpublished kecamatan detail are left out. Returns [(key or None, row)]."""
    out, merged = [], {}
    for row in rows:
        key = key_of(row)
        if key is None:
            out.append((None, row))
            continue
        cell = merged.get(key)
        if cell is None:
            merged[key] = cell = {**row, "note": "", "kecamatan": key[-1].kecamatan}
            out.append((key, cell))
            continue
        for name in amounts:
            if row[name] is not None:
                cell[name] = (cell[name] or 0.0) + row[name]
        if row[file] not in cell[file].split(", "):
            cell[file] += ", " + row[file]
        for name in place:
            cell[name] = None
        if "id" in row:
            cell["id"] = min(cell["id"], row["id"])
    return out


def _queries(ind: Indicator, plan: Plan, cells: list[_Cell]) -> dict[tuple, frozenset[int]]:
    """Every number anonymous visitors can see of one indicator, as sets of cell indices."""
    out: dict[tuple, frozenset[int]] = {}
    for i, cell in enumerate(cells):
        out[cell.key()] = frozenset({i})
    agencies = [None, *sorted({c.agency for c in cells})]
    years = range(plan.start_year, plan.end_year + 1)
    cumulative = ind.kind == Kind.CUMULATIVE
    for agency in agencies:
        for demo in (True, False):
            mine = [
                i
                for i, c in enumerate(cells)
                if (agency is None or c.agency == agency) and (demo or not c.is_demo)
            ]
            if mine:
                out[("status", agency, None, None, demo)] = frozenset(mine)
            for year in years:
                this = [i for i in mine if cells[i].year == year]
                if not this:
                    continue  # "no report": no number
                if agency is not None:
                    out[("year_sum", agency, year, demo)] = frozenset(this)
                before = [i for i in mine if cells[i].year < year] if cumulative else []
                out[("status", agency, year, None, demo)] = frozenset(before + this)
                for quarter in (1, 2, 3, 4):
                    upto = [
                        i for i in this if cells[i].ends is not None and cells[i].ends <= quarter
                    ]
                    if upto:
                        out[("status", agency, year, quarter, demo)] = frozenset(before + upto)
    return out


def release(session: Session, plan: Plan) -> Release:
    """The withheld numbers of `plan`'s sensitive indicators (retired ones included: their
    figures stay in exports)."""
    result = Release(threshold(plan), kecamatan=plan.publish_kecamatan)
    indicators = session.exec(
        select(Indicator).where(Indicator.plan_id == plan.id, Indicator.sensitive == True)  # noqa: E712
    ).all()
    result.sensitive = {ind.code for ind in indicators}
    if not indicators:
        return result
    rows = session.exec(
        select(Achievement, Agency.code)
        .join(Agency, Achievement.agency_id == Agency.id)
        .where(Achievement.indicator_id.in_([ind.id for ind in indicators]))
    ).all()
    by_indicator: dict[int, dict[_Cell, float]] = defaultdict(lambda: defaultdict(float))
    for ach, agency in rows:
        if ach.value is not None:
            by_indicator[ach.indicator_id][cell_of(plan, agency, ach)] += ach.value
    for ind in indicators:
        sums = by_indicator.get(ind.id, {})
        cells = list(sums)
        hidden = protect([sums[c] for c in cells], _queries(ind, plan, cells), result.k)
        if ind.kind == Kind.RECURRING:  # the period's status is the mean of the years' capaian
            for key in list(hidden):
                if key[0] == "status" and key[2] is not None:
                    hidden.add(("status", key[1], None, None, key[4]))
        result.hidden[ind.code] = hidden
    return result
