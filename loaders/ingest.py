"""Loading agency files into the store: validate everything first, then write in one transaction.

A file with any error writes nothing. The same file twice (same SHA-256) changes nothing. A new
file for the same plan, agency and period replaces the earlier submission's values, and the
replaced submission stays in history with what changed. A file may hold several periods (one
year per sheet or per column); each becomes its own submission, all in the same transaction.
"""

import gc
import hashlib
import multiprocessing
import os
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from openpyxl.utils.cell import coordinate_from_string
from sqlalchemy import bindparam, delete, func, insert, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

from indicators import audit
from indicators.models import (
    Achievement,
    Agency,
    Indicator,
    Kind,
    Plan,
    Region,
    Submission,
    SubmissionStatus,
    utcnow,
)
from indicators.queries import list_plans, year_target_for
from indicators.summary import mark_stale
from loaders.counting import period_label, plan_periods
from loaders.layout import Table, find_table
from loaders.match import Matcher
from loaders.period import agency_in, file_period, file_stem, period_in, plan_in
from loaders.report import EXPECTED, WARNING, Problem, Report
from loaders.rows import AgencyRow, parse_number, validate_row
from loaders.safety import formulas_without_values
from loaders.totals import Totals, skipped_row
from loaders.workbook import META_SHEET, Source, read_source

EXPECTS = {"value": "count", "budget": "money", "spent": "money"}
TABLE_COLUMNS = "Kode/Indikator dan Capaian/Realisasi"
FAR_ABOVE = 3.0  # a value above this many times the year's target is worth a second look
DISAGGREGATION = ("sex", "age_group", "kecamatan")


@dataclass
class Overrides:
    """Period and agency given on the command line; they win over what the file says."""

    plan: str | None = None
    agency: str | None = None
    year: int | None = None
    quarter: int | None = None
    semester: int | None = None


class StoreRef(NamedTuple):
    """What writing a file needs of its plan or agency."""

    id: int
    code: str


class IndicatorRef(NamedTuple):
    """What writing a figure needs of its indicator."""

    id: int
    code: str
    kind: Kind


@dataclass
class Entry:
    """One validated figure bound for the store."""

    row: int
    sheet: str
    indicator: IndicatorRef
    year: int
    quarter: int | None
    data: AgencyRow
    to_date: bool = False
    year_target: float | None = None  # the indicator's own target for the year, if it has one
    semester: int | None = None  # a six-monthly figure (quarter None): 1 or 2

    @property
    def key(self) -> tuple:
        """What makes a figure unique within a period."""
        return (self.indicator.code, self.data.sex, self.data.age_group, self.data.kecamatan)


@dataclass
class Context:
    """What the whole file is about, once resolved."""

    plan: Plan | None = None
    agency: Agency | None = None
    year: int | None = None
    quarter: int | None = None
    tables: list[Table] = field(default_factory=list)
    to_date: bool = False  # the title says its figures run up to the period's end ("s.d. TW II")
    semester: int | None = None  # a semester report ("Semester I", "Januari-Juni")


PLAN_BY_CODE = select(Plan.id, Plan.code, Plan.start_year, Plan.end_year).where(
    Plan.code == bindparam("code")
)
PLAN_INDICATORS = select(
    Indicator.id,
    Indicator.code,
    Indicator.statement,
    Indicator.kind,
    Indicator.target,
    Indicator.direction,
    Indicator.year_targets,
).where(Indicator.plan_id == bindparam("plan_id"), Indicator.retired_at.is_(None))


class Catalogue:
    """Plans, agencies and each plan's indicators with their matcher, read from the store once
    for a batch of files (one command-line run, one upload) rather than once per file. A batch
    sees the catalogue as it stood when it first needed each part; the catalogue changes only
    through `radtrack catalogue`, never during an ingest."""

    def __init__(self) -> None:
        self._plans: dict[str, object] = {}
        self._agencies: dict[str, StoreRef] = {}
        self._matchers: dict[int, Matcher] = {}

    def plan(self, session: Session, code: str):
        """The plan's id, code, start_year and end_year (a row, all a check needs), or None."""
        if code not in self._plans:
            found = session.connection().execute(PLAN_BY_CODE, {"code": code}).first()
            self._plans[code] = found
        return self._plans[code]

    def agency(self, session: Session, code: str) -> StoreRef | None:
        if not self._agencies:  # a batch names many agencies: one read of all their codes
            rows = session.connection().execute(select(Agency.id, Agency.code))
            self._agencies = {code: StoreRef(id, code) for id, code in rows}
        return self._agencies.get(code.upper())

    def matcher(self, session: Session, plan: Plan) -> Matcher:
        if plan.id not in self._matchers:
            # Plain rows, not ORM objects: a tenth of the cost, and all a match needs.
            rows = session.connection().execute(PLAN_INDICATORS, {"plan_id": plan.id})
            self._matchers[plan.id] = Matcher(list(rows))
        return self._matchers[plan.id]


def _shown(cell: object) -> str:
    """A cell as the user typed it: 5.0 shows as 5."""
    if cell == "" or cell is None:  # most cells of a template are empty
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


EMPTY_CELLS = frozenset(("", None))


def _filled(cell: object) -> bool:
    """True when a cell holds anything but blanks (most cells of a template are empty)."""
    if cell == "" or cell is None:
        return False
    return not isinstance(cell, str) or bool(cell.strip())


def _expected_text(kind: str, lang: str) -> str:
    id_text, en_text = EXPECTED[kind]
    return en_text if lang == "en" else id_text


def _resolve(
    session: Session, catalogue: Catalogue, source: Source, over: Overrides, report: Report
) -> Context:
    """Plan, agency, year and quarter: command line, else template metadata, else what the
    titles, sheet names and file name say."""
    ctx = Context()
    file, meta = source.file, source.meta
    for grid in source.grids:
        table = find_table(grid)
        if table is not None:
            ctx.tables.append(table)
    if not ctx.tables:
        report.problems.append(Problem("no-data-sheet", file, detail=TABLE_COLUMNS))
        return ctx
    hints = " ".join([file_stem(file), *(t.title for t in ctx.tables)])

    # Named plans and agencies are looked up by code; only guessing from titles needs them all.
    plan_code = over.plan or meta.get("plan") or ""
    if plan_code:
        ctx.plan = catalogue.plan(session, plan_code)
        if ctx.plan is None:
            known = ", ".join(p.code for p in list_plans(session))
            report.problems.append(
                Problem("unknown-plan", file, META_SHEET, found=plan_code, expected=known)
            )
            return ctx
    elif len(plans := list_plans(session)) == 1:
        ctx.plan = plans[0]
    else:
        names = {r.code: r.name for r in session.exec(select(Region))}
        ctx.plan = plan_in(hints, plans, names) or _plan_of_agency(
            session, plans, over, meta, hints, file, ctx.tables, report
        )
        if ctx.plan is None:
            if not report.errors:
                report.problems.append(Problem("missing-metadata", file, expected="plan"))
            return ctx

    agency_code = (over.agency or meta.get("agency") or "").strip()
    if agency_code:
        ctx.agency = catalogue.agency(session, agency_code)
        if ctx.agency is None:
            known = ", ".join(a.code for a in session.exec(select(Agency).order_by(Agency.code)))
            report.problems.append(
                Problem("unknown-agency", file, META_SHEET, found=agency_code, expected=known)
            )
    agencies = list(session.exec(select(Agency).order_by(Agency.code)))
    if not agency_code:
        ctx.agency = agency_in(hints, agencies)
    # Each sheet that names an agency (in its name or its title) must name this one: a workbook
    # of several agencies' sheets is never loaded under one of them.
    named = {
        t.sheet: found.code
        for t in ctx.tables
        if (found := agency_in(t.sheet, agencies) or agency_in(t.title, agencies))
    }
    others = {code for code in named.values() if ctx.agency is None or code != ctx.agency.code}
    if others and (len(set(named.values())) > 1 or ctx.agency is not None):
        shown = "; ".join(f"'{sheet}' → {code}" for sheet, code in named.items())
        if ctx.agency is not None:
            shown += f"; {'--agency' if over.agency else 'berkas/file'} → {ctx.agency.code}"
        report.problems.append(Problem("agencies-disagree", file, found=shown))
    elif ctx.agency is None and not agency_code:
        report.problems.append(Problem("missing-metadata", file, expected="agency"))

    years = range(ctx.plan.start_year, ctx.plan.end_year + 1)
    texts = [t.title for t in ctx.tables]
    if len(ctx.tables) == 1:
        texts.append(ctx.tables[0].sheet)  # one table: its sheet name speaks for the file
    if meta.get("year"):  # radtrack's template: its metadata is one more source
        texts.append(
            f"tahun {meta['year']}" + (f" tw {meta['quarter']}" if meta.get("quarter") else "")
        )
    named = file_period(file, texts, years, date.today())
    if over.year is None:
        report.problems.extend(named.problems)  # a period given on the command line wins
    ctx.to_date = named.to_date
    if over.semester is not None:
        ctx.semester = over.semester
    elif over.quarter is None and not meta.get("quarter"):
        ctx.semester = named.semester
    hinted_year, hinted_quarter = named.year, named.quarter
    raw_year = over.year if over.year is not None else meta.get("year") or hinted_year
    if raw_year not in (None, ""):
        try:
            ctx.year = int(str(raw_year).strip())
        except ValueError:
            ctx.year = -1
        if ctx.year not in years:
            report.problems.append(
                Problem(
                    "bad-year",
                    file,
                    META_SHEET,
                    found=str(raw_year),
                    expected=f"{years.start}-{years.stop - 1}",
                )
            )
    raw_quarter = over.quarter if over.quarter is not None else meta.get("quarter") or None
    if raw_quarter in (None, "") and not meta:
        raw_quarter = hinted_quarter
    if raw_quarter not in (None, ""):
        if str(raw_quarter).strip() in {"1", "2", "3", "4"}:
            ctx.quarter = int(str(raw_quarter).strip())
        else:
            report.problems.append(Problem("bad-quarter", file, META_SHEET, found=str(raw_quarter)))
    report.plan = ctx.plan.code
    report.agency = ctx.agency.code if ctx.agency else ""
    report.year, report.quarter = ctx.year, ctx.quarter
    report.semester = ctx.semester if ctx.quarter is None else None
    return ctx


def _plan_of_agency(session, plans, over, meta, hints, file, tables, report):
    """The one plan of the agency's region that covers the file's year, for a file that names
    no plan in a store of several; None (with a problem naming them when several could be
    meant) when that is still not certain."""
    code = (over.agency or meta.get("agency") or "").strip().upper()
    agencies = list(session.exec(select(Agency).order_by(Agency.code)))
    agency = next((a for a in agencies if a.code == code), None) if code else None
    agency = agency or agency_in(hints, agencies)
    if agency is None or not agency.region_code:
        return None
    years = range(min(p.start_year for p in plans), max(p.end_year for p in plans) + 1)
    year = over.year or (int(meta["year"]) if str(meta.get("year", "")).isdigit() else None)
    if year is None:
        year = file_period(file, [t.title for t in tables], years, date.today()).year
    region = [p for p in plans if p.region_code == agency.region_code]
    fits = [p for p in region if year is None or p.start_year <= year <= p.end_year]
    if len(fits) == 1:
        return fits[0]
    if len(fits) > 1:
        shown = ", ".join(p.code for p in fits)
        report.problems.append(Problem("plan-ambiguous", file, found=agency.code, expected=shown))
    return None


def _formula_problems(data: bytes, source: Source, tables: list[Table]) -> list[Problem]:
    if not source.formula_parts:
        return []
    problems = []
    for table in tables:
        for cell in formulas_without_values(data, table.sheet)[:20]:
            letter, row = coordinate_from_string(cell)
            problems.append(
                Problem("formula-without-value", source.file, table.sheet, row, letter, found=cell)
            )
    return problems


def _row_period(
    table: Table, cells: list, slot, ctx: Context, years: range, over: Overrides, sheet_period
):
    """(year, quarter) of one figure: its column, else the row's Tahun/Triwulan cells, else the
    sheet name (`sheet_period`), else the file. A command-line period filters figures that
    carry their own."""
    year, quarter = slot.period
    if year is None:
        raw = _shown(table.cell(cells, "year"))
        year = int(raw) if raw.isdigit() else None
    if quarter is None:
        raw = _shown(table.cell(cells, "quarter"))
        _y, quarter = period_in(f"tw {raw}", years) if raw else (None, None)
    sheet_year, sheet_quarter = sheet_period
    own_year = year or sheet_year
    own_quarter = quarter or sheet_quarter
    if over.year is not None and own_year is not None and own_year != over.year:
        return None
    if over.quarter is not None and own_quarter is not None and own_quarter != over.quarter:
        return None
    return own_year or ctx.year, own_quarter if own_quarter is not None else ctx.quarter


def _collect(ctx: Context, matcher: Matcher, report: Report, lang: str, over: Overrides):
    """Validate every row of every table in one pass; returns the entries to load."""
    plan = ctx.plan
    years = range(plan.start_year, plan.end_year + 1)
    file = report.file
    entries: list[Entry] = []
    seen: dict[tuple, int] = {}
    for table in ctx.tables:
        code_label = (table.columns.get("code") or table.columns.get("statement")).label
        slot_cells = [
            (s, tuple(c.index for c in (s.value, s.budget, s.spent) if c is not None))
            for s in table.slots
        ]
        sheet_period = period_in(table.sheet, years)
        # Most rows of a template are unreported: pass over those whose figure cells are all
        # empty in one C-level test, then look closely at the rest.
        figure_cells = [i for _s, indexes in slot_cells for i in indexes]
        figure_cells += [c.index for c in table.progress]
        figures = itemgetter(*figure_cells, *figure_cells[:1])  # always a tuple
        totals = Totals(table, report)
        for number, cells in table.rows:
            if EMPTY_CELLS.issuperset(figures(cells)):
                continue
            if skipped_row(table, cells, figure_cells):
                totals.check(number, cells, entries)  # "Jumlah": checked, never loaded
                continue
            slots = [s for s, indexes in slot_cells if any(_filled(cells[i]) for i in indexes)]
            progress = [c for c in table.progress if _filled(cells[c.index])]
            if progress and not slots:
                report.problems.append(
                    Problem(
                        "progress-not-count",
                        file,
                        table.sheet,
                        number,
                        progress[0].label,
                        found=_shown(cells[progress[0].index]),
                    )
                )
                continue
            if not slots:
                continue  # a heading, a note or an unreported indicator
            raw_code = _shown(table.cell(cells, "code"))
            statement = _shown(table.cell(cells, "statement"))
            if not raw_code and not statement:
                if not any(_filled(cells[s.value.index]) for s in slots):
                    # money on a programme or activity line (an evaluation form's pagu and
                    # realisasi per programme): no indicator to hold it, said, never loaded
                    report.problems.append(
                        Problem(
                            "budget-without-indicator",
                            file,
                            table.sheet,
                            number,
                            code_label,
                            severity=WARNING,
                        )
                    )
                    continue
                report.problems.append(
                    Problem("missing-code", file, table.sheet, number, code_label)
                )
                continue
            match = matcher.match(raw_code, statement)
            if match.indicator is None:
                shown = ", ".join(f"{c} ({s:g}%)" for c, s in match.candidates) or plan.code
                report.problems.append(
                    Problem(
                        match.problem,
                        file,
                        table.sheet,
                        number,
                        code_label,
                        found=raw_code or statement[:80],
                        expected=shown,
                    )
                )
                continue
            indicator = match.indicator
            slots = _split_slots(slots, cells, table, number, indicator.code, report)
            for slot in slots:
                if slot.value.percent and indicator.kind != Kind.PERCENTAGE:
                    report.problems.append(
                        Problem(
                            "percent-for-count",
                            file,
                            table.sheet,
                            number,
                            slot.value.label,
                            found=_shown(cells[slot.value.index]),
                            expected=indicator.code,
                        )
                    )
                    continue
                period = _row_period(table, cells, slot, ctx, years, over, sheet_period)
                if period is None:
                    continue
                year, quarter = period
                if year is None:
                    report.problems.append(
                        Problem("no-period", file, table.sheet, number, slot.value.label)
                    )
                    continue
                if year not in years:
                    report.problems.append(
                        Problem(
                            "bad-year",
                            file,
                            table.sheet,
                            number,
                            slot.value.label,
                            found=str(year),
                            expected=f"{years.start}-{years.stop - 1}",
                        )
                    )
                    continue
                labels = {"value": slot.value.label}
                cell_values = {"code": indicator.code, "value": cells[slot.value.index]}
                for role, column in (("budget", slot.budget), ("spent", slot.spent)):
                    if column is not None:
                        cell_values[role] = cells[column.index]
                        labels[role] = column.label
                for role in ("note", *DISAGGREGATION):
                    cell_values[role] = table.cell(cells, role)
                    if role in table.columns:
                        labels[role] = table.columns[role].label
                if slot.value.split in ("L", "P"):  # a column of one sex's figures
                    cell_values["sex"], labels["sex"] = slot.value.split, slot.value.label
                row, failures = validate_row(cell_values, indicator.kind)
                for field_name, error_code in failures:
                    expects = EXPECTS.get(field_name, "count")
                    if field_name == "value" and indicator.kind in (
                        Kind.PERCENTAGE,
                        Kind.MILESTONE,
                    ):
                        expects = indicator.kind.value
                    expected = (
                        field_name
                        if error_code == "bad-disaggregation"
                        else indicator.code
                        if error_code == "percent-for-count"
                        else _expected_text(expects, lang)
                    )
                    report.problems.append(
                        Problem(
                            error_code,
                            file,
                            table.sheet,
                            number,
                            labels.get(field_name, field_name),
                            found=_shown(cell_values.get(field_name)),
                            expected=expected,
                        )
                    )
                if row is None or row.is_empty:
                    continue
                entry = Entry(
                    number,
                    table.sheet,
                    IndicatorRef(indicator.id, indicator.code, indicator.kind),
                    year,
                    quarter,
                    row,
                    slot.value.to_date or (ctx.to_date and slot.period == (None, None)),
                    year_target_for(indicator, plan, year)
                    if indicator.kind in (Kind.CUMULATIVE, Kind.RECURRING)
                    else None,
                    ctx.semester if quarter is None else None,
                )
                key = (*entry.key, year, quarter, entry.semester)
                if key in seen:
                    report.problems.append(
                        Problem(
                            "duplicate-indicator",
                            file,
                            table.sheet,
                            number,
                            code_label,
                            found=indicator.code,
                            expected=str(seen[key]),
                        )
                    )
                    continue
                seen[key] = number
                entries.append(entry)
                report.mapping.append(
                    {
                        "sheet": table.sheet,
                        "row": number,
                        "code": indicator.code,
                        "by": match.by,
                        "year": year,
                        "quarter": quarter,
                        "semester": entry.semester,
                    }
                )
                _warn_spending(report, table, number, row, labels)
    return entries


def _split_slots(slots, cells, table, number, code, report):
    """The slots of a row whose value columns split by sex ("Realisasi" over L | P | Jumlah):
    the L and P figures are loaded and their Jumlah checked against them (a warning naming both
    when they differ); a Jumlah with no L or P filled is loaded as the undivided figure."""
    kept = []
    for slot in slots:
        if slot.value.split != "total":
            kept.append(slot)
            continue
        parts = [s for s in slots if s.value.split in ("L", "P") and s.period == slot.period]
        if not parts:
            kept.append(slot)  # only the total was given: the figure, undivided
            continue
        try:
            total = parse_number(cells[slot.value.index])
            split = [parse_number(cells[s.value.index]) for s in parts]
        except Exception:
            continue  # the parts' own check reports what is not a number
        if total is not None and None not in split and abs(sum(split) - total) > 1e-9:
            report.problems.append(
                Problem(
                    "total-mismatch",
                    report.file,
                    table.sheet,
                    number,
                    slot.value.label,
                    found=f"{total:g}",
                    expected=f"{sum(split):g}",
                    detail=code,
                    severity=WARNING,
                )
            )
    return kept


def _warn_spending(report: Report, table: Table, number: int, row: AgencyRow, labels) -> None:
    if row.budget is not None and row.spent is not None and row.spent > row.budget:
        report.problems.append(
            Problem(
                "spent-over-budget",
                report.file,
                table.sheet,
                number,
                labels.get("spent", ""),
                found=f"{row.spent:,.0f}",
                expected=f"{row.budget:,.0f}",
                severity=WARNING,
            )
        )


def _period_order(year: int, quarter: int | None, semester: int | None = None) -> tuple:
    """Periods in the order they end: TW I, TW II, Semester I, TW III, TW IV, Semester II,
    the year."""
    if quarter is not None:
        return year, float(quarter)
    return year, 2 * semester + 0.5 if semester else 5.0


def _stored_values(session: Session, plan: Plan, agency: Agency) -> dict[tuple, float]:
    """This agency's counted values by (key..., year, quarter)."""
    query = (
        select(Indicator.code, Achievement)
        .join(Indicator, Achievement.indicator_id == Indicator.id)
        .where(Indicator.plan_id == plan.id, Achievement.agency_id == agency.id)
    )
    return {
        (code, a.sex, a.age_group, a.kecamatan, a.year, a.quarter): a.value
        for code, a in session.exec(query)
        if a.value is not None
    }


def _to_period_values(session, ctx: Context, entries: list[Entry], report: Report) -> list[Entry]:
    """Turn to-date ("s.d.", "kumulatif") figures of cumulative and recurring indicators into
    the period's own figure: to-date minus what earlier periods in scope already hold (a year
    for quarters, the plan for years). A to-date figure below that total is not loaded and is
    reported as a warning."""
    if not any(e.to_date for e in entries):
        return entries
    stored = _stored_values(session, ctx.plan, ctx.agency)
    own: dict[tuple, float] = {}
    kept = []
    for entry in sorted(entries, key=lambda e: _period_order(e.year, e.quarter)):
        kind = entry.indicator.kind
        if not entry.to_date or kind not in (Kind.CUMULATIVE, Kind.RECURRING):
            kept.append(entry)
            continue
        if entry.data.value is None:
            kept.append(entry)
            continue
        scope_year_only = entry.quarter is not None or kind == Kind.RECURRING
        in_file = {(e.year, e.quarter) for e in entries if e.key == entry.key}
        earlier = 0.0
        for values in (stored, own):
            for (*key, year, quarter), value in values.items():
                if tuple(key) != entry.key or value is None:
                    continue
                if values is stored and (year, quarter) in in_file:
                    continue  # this file replaces that period
                before = _period_order(year, quarter) < _period_order(entry.year, entry.quarter)
                if before and (not scope_year_only or year == entry.year):
                    earlier += value
        increment = entry.data.value - earlier
        if increment < 0:
            report.problems.append(
                Problem(
                    "cumulative-falls",
                    report.file,
                    entry.sheet,
                    entry.row,
                    found=_shown(entry.data.value),
                    expected=_shown(earlier),
                    severity=WARNING,
                )
            )
            continue
        own[(*entry.key, entry.year, entry.quarter)] = increment
        # A new entry: the checked one stays as read, should the file be written again.
        kept.append(replace(entry, data=entry.data.model_copy(update={"value": increment})))
    return kept


def _warn_far_above(entries: list[Entry], report: Report) -> None:
    for e in entries:
        if e.indicator.kind not in (Kind.CUMULATIVE, Kind.RECURRING) or e.data.value is None:
            continue
        target = e.year_target
        if target and e.data.value > FAR_ABOVE * target:
            report.problems.append(
                Problem(
                    "far-above-target",
                    report.file,
                    e.sheet,
                    e.row,
                    found=_shown(e.data.value),
                    expected=_shown(round(target, 2)),
                    severity=WARNING,
                )
            )


@dataclass
class Counting:
    """The submission that counts now for a plan, agency and period."""

    id: int
    sha256: str
    row_count: int
    file_name: str


# Built once: constructing a statement costs more than running it on a small store.
CURRENT_SUBMISSION = select(
    Submission.id, Submission.sha256, Submission.row_count, Submission.file_name
).where(
    Submission.plan_id == bindparam("plan_id"),
    Submission.agency_id == bindparam("agency_id"),
    Submission.year == bindparam("year"),
    func.coalesce(Submission.quarter, 0) == bindparam("quarter"),  # as the unique index reads
    func.coalesce(Submission.semester, 0) == bindparam("semester"),
    Submission.status == SubmissionStatus.LOADED,
)
NEW_SUBMISSION = insert(Submission).returning(Submission.id)
NEW_VALUES = insert(Achievement)
RETIRE_SUBMISSION = (
    update(Submission)
    .where(Submission.id == bindparam("previous_id"), Submission.status == SubmissionStatus.LOADED)
    .values(status=bindparam("status"))
)
DROP_VALUES = delete(Achievement).where(Achievement.submission_id == bindparam("previous_id"))
RETIRED_INDICATORS = select(Indicator.id).where(Indicator.retired_at.is_not(None))
DROP_CURRENT_VALUES = DROP_VALUES.where(Achievement.indicator_id.not_in(RETIRED_INDICATORS))
CARRY_VALUES = (
    update(Achievement)
    .where(Achievement.submission_id == bindparam("previous_id"))
    .values(submission_id=bindparam("new_id"))
)


def retire(session: Session, submission_id: int, status: SubmissionStatus) -> bool:
    """Stop a counting submission counting, in the caller's transaction: mark it `status`
    (replaced, withdrawn) and drop its values, which stay described in its history. A replaced
    submission keeps its values on indicators a catalogue revision retired: no file can report
    them again, so the replacing submission carries them on (carry_retired). False, with
    nothing changed, when it no longer counts (another change committed first)."""
    db = session.connection()
    key = {"previous_id": submission_id}
    if db.execute(RETIRE_SUBMISSION, {**key, "status": status}).rowcount != 1:
        return False
    db.execute(DROP_CURRENT_VALUES if status == SubmissionStatus.REPLACED else DROP_VALUES, key)
    return True


def carry_retired(session: Session, previous_id: int, new_id: int) -> None:
    """Move what a replaced submission still holds (figures on retired indicators) to the
    submission that replaced it."""
    session.connection().execute(CARRY_VALUES, {"previous_id": previous_id, "new_id": new_id})


class _Overtaken(Exception):
    """Another upload for the same agency and period got there first: what this file would
    replace stopped counting meanwhile, or its own submission could not be counted."""


def counting_submission(
    session: Session,
    plan: Plan,
    agency: Agency,
    year: int,
    quarter: int | None,
    semester: int | None = None,
) -> Counting | None:
    """The submission that counts now for `plan`, `agency`, `year` and `quarter` (or
    `semester`), if any."""
    key = {
        "plan_id": plan.id,
        "agency_id": agency.id,
        "year": year,
        "quarter": quarter or 0,
        "semester": semester or 0,
    }
    found = session.connection().execute(CURRENT_SUBMISSION, key).first()
    return Counting(*found) if found is not None else None


def _figures(a) -> dict:
    return {"value": a.value, "budget": a.budget, "spent": a.spent}


def _diff(session: Session, previous: Counting | None, entries: list[Entry]) -> dict:
    """Values added, changed (old -> new) and removed against the previous submission."""
    old: dict[tuple, dict] = {}
    if previous is not None:
        query = (
            select(Indicator.code, Achievement)
            .join(Indicator, Achievement.indicator_id == Indicator.id)
            .where(Achievement.submission_id == previous.id)
            .where(Indicator.retired_at.is_(None))  # retired: carried on, not removed
        )
        for code, a in session.exec(query):
            old[(code, a.sex, a.age_group, a.kecamatan)] = _figures(a)
    new = {e.key: _figures(e.data) for e in entries}

    def label(key):
        return {"code": key[0], "sex": key[1], "age_group": key[2], "kecamatan": key[3]}

    return {
        "added": [{**label(k), **v} for k, v in new.items() if k not in old],
        "changed": [
            {**label(k), "old": old[k], "new": v}
            for k, v in new.items()
            if k in old and old[k] != v
        ],
        "removed": [{**label(k), **v} for k, v in old.items() if k not in new],
    }


class _NoSubmission:
    id = None


_NONE = _NoSubmission()
GROUP_FILES = 50  # files written in one transaction by a batch (one commit, one stale mark)
DEFAULT_JOBS = max(1, min(4, os.cpu_count() or 1))  # processes checking a large batch
PARALLEL_FROM = 50  # files in a batch before a worker process is worth starting (measured)
WORKER_CHUNK = 8  # files handed to a worker at a time


@dataclass
class _Checked:
    """A file that passed validation, waiting to be written."""

    report: Report
    ctx: Context
    entries: list[Entry]
    checked_problems: int  # how many of report.problems the check found (the rest: writing)
    file_name: str


class Batch:
    """Files validated one by one and written in groups: up to `group` files share one
    transaction and one commit, as a database's group commit (a commit costs more than a
    90-row file's inserts). Each file is still all or nothing: a file that fails while being
    written (another upload for the same agency and period committed first) rolls its group
    back, and the group's files are written again one transaction each, so only that file is
    refused. Reports of a group say what is in the store once the group commits: on leaving
    the `with` block, or every `group` files.

    Keywords are those of ingest_bytes."""

    def __init__(
        self,
        engine: Engine,
        *,
        overrides: Overrides | None = None,
        dry_run: bool = False,
        demo: bool = False,
        uploaded_by: str = "",
        lang: str = "id",
        allowed_agency: str | None = None,
        catalogue: Catalogue | None = None,
        group: int = GROUP_FILES,
        jobs: int = 1,
        reinstate: bool = False,
    ) -> None:
        self.engine = engine
        self.jobs = jobs
        self.over = overrides or Overrides()
        self.dry_run, self.demo, self.lang = dry_run, demo, lang
        self.uploaded_by, self.allowed_agency = uploaded_by, allowed_agency
        self.reinstate = reinstate  # load a file that was replaced or withdrawn again
        self.catalogue = catalogue or Catalogue()
        self.group = max(1, group)
        self._session: Session | None = None
        self._pending: list[_Checked] = []  # written in the open transaction, not committed
        self._marked: set[int] = set()  # plans whose figures the open transaction changed
        # Rows for the open group, inserted together (one statement each) before anything
        # reads them and on commit.
        self._values: list[dict] = []
        self._events: list[dict] = []

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, kind, _value, _trace) -> None:
        try:
            if kind is None:
                self.commit()
        finally:
            if self._session is not None:
                self._session.close()  # rolls back whatever was not committed
                self._session = None

    @property
    def _options(self) -> dict:
        """The keywords a worker process's batch checks with."""
        return {
            "overrides": self.over,
            "dry_run": self.dry_run,
            "demo": self.demo,
            "uploaded_by": self.uploaded_by,
            "lang": self.lang,
            "allowed_agency": self.allowed_agency,
            "reinstate": self.reinstate,
        }

    @property
    def session(self) -> Session:
        if self._session is None:
            # Reads and writes share one transaction per group; closing without commit()
            # rolls all of it back.
            self._session = Session(self.engine, expire_on_commit=False)
        return self._session

    def add_files(self, paths: Iterable[Path]) -> Iterator[Report]:
        """Validate and load files from disk, `group` at a time: the group's files are all
        checked, then all written in one transaction. Keeping the reading and the writing
        apart keeps each one's code warm in the CPU's caches (here a small query right after
        reading a workbook took five times as long as after another query). Yields each
        file's report, in order, once its group is committed."""
        paths = list(paths)
        if self.jobs > 1 and len(paths) >= PARALLEL_FROM and _can_fork(self.engine):
            yield from self._add_files_in_workers(paths)
            return
        todo = iter(paths)
        while chunk := list(islice(todo, self.group)):
            checked = [self._check_file(path) for path in chunk]
            reports = [self._write_checked(item) for item in checked]
            self.commit()
            yield from reports

    def _add_files_in_workers(self, paths: list[Path]) -> Iterator[Report]:
        """add_files with the checking (reading, validating) shared with `jobs - 1` worker
        processes while this process writes, in the files' order. Each worker reads the
        catalogue through its own connection; the catalogue does not change during an ingest."""
        context = multiprocessing.get_context("fork")
        # Objects frozen before the fork are never visited by a worker's garbage collector, so
        # the memory the workers share with this process stays shared (not copied on write).
        gc.freeze()
        try:
            yield from self._write_from_workers(paths, context)
        finally:
            gc.unfreeze()

    def _write_from_workers(self, paths: list[Path], context) -> Iterator[Report]:
        """`jobs - 1` workers check chunks of files ahead; this process writes them in order
        and, whenever the next chunk in order is not checked yet, checks the next unassigned
        chunk itself rather than wait. So `jobs` processes are busy, never more: on a small
        machine a writer idling beside as many workers as cores only crowds them."""
        todo = deque(paths[i : i + WORKER_CHUNK] for i in range(0, len(paths), WORKER_CHUNK))
        workers = max(1, self.jobs - 1)
        # The first chunk is checked here before the workers start: they begin with its
        # catalogue (every agency, its plans) and compiled queries instead of reading them again.
        ahead: deque = deque([[self._check_file(path) for path in todo.popleft()]])
        reports: list[Report] = []
        with ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self.engine, self._options, self.catalogue),
        ) as pool:
            while todo or ahead:
                while todo and sum(isinstance(a, Future) for a in ahead) < 3 * workers:
                    ahead.append(pool.submit(_check_in_worker, todo.popleft()))
                head = ahead[0]
                if isinstance(head, Future) and not head.done() and todo:
                    ahead.append([self._check_file(path) for path in todo.popleft()])
                    continue
                ahead.popleft()
                items = head if isinstance(head, list) else map(self._bind, head.result())
                for item in items:
                    reports.append(self._write_checked(item))
                    if len(reports) >= self.group:
                        self.commit()
                        yield from reports
                        reports = []
            self.commit()
            yield from reports

    def _bind(self, item: "_Portable | Report") -> "_Checked | Report":
        """A worker's checked file with this process's catalogue objects."""
        if isinstance(item, Report):
            return item
        entries = [
            Entry(
                row,
                sheet,
                IndicatorRef(*ref),
                year,
                quarter,
                AgencyRow.model_construct(**dict(zip(ROW_FIELDS, values, strict=True))),
                *rest,
            )
            for row, sheet, ref, year, quarter, values, *rest in item.entries
        ]
        ctx = Context(StoreRef(*item.plan), StoreRef(*item.agency), item.year, item.quarter)
        ctx.semester = item.semester
        return _Checked(item.report, ctx, entries, item.checked_problems, item.file_name)

    def add(self, data: bytes, file_name: str) -> Report:
        """Validate one file and, unless it is rejected or a dry run, write it in the open
        group's transaction (committed every `group` files and on leaving the block)."""
        report = self._write_checked(self._check(data, file_name))
        if len(self._pending) >= self.group:
            self.commit()
        return report

    def _check_file(self, path: Path) -> _Checked | Report:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            report = Report(file=path.name)
            report.problems.append(
                Problem("unreadable-file", path.name, detail=exc.strerror or str(exc))
            )
            return report
        return self._check(data, path.name)

    def _write_checked(self, checked: _Checked | Report) -> Report:
        if isinstance(checked, Report):
            return checked  # rejected: nothing to write
        try:
            wrote = self._write(checked)
        except _Overtaken:
            # Another upload for the same agency and period committed while this file was
            # being written (see the uq_submission_counting_period index and retire()): this
            # file writes nothing; the rest of its group is written again without it.
            pending = self._pending
            self._rollback()
            self._write_alone(pending)
            _refuse(checked)
            return checked.report
        if wrote:
            self._pending.append(checked)
        return checked.report

    def commit(self) -> None:
        """Mark the changed plans' summaries stale and commit the open group. Marking comes
        last and in plan order, as a single upload's does: every writer takes the counting
        rows first and the plans' summary rows after, so writers never wait on each other in
        a circle."""
        if self._session is not None:
            self._flush()
            for plan_id in sorted(self._marked):
                mark_stale(self._session, plan_id)
            self._session.commit()
        self._pending, self._marked = [], set()

    def _flush(self) -> None:
        """Insert the open group's buffered values and audit events."""
        if self._values:
            self.session.connection().execute(NEW_VALUES, self._values)
        audit.record_all(self.session, self._events)
        self._values, self._events = [], []

    def _rollback(self) -> None:
        self.session.rollback()
        self._pending, self._marked, self._values, self._events = [], set(), [], []

    def _check(self, data: bytes, file_name: str) -> _Checked | Report:
        report = Report(file=file_name, sha256=hashlib.sha256(data).hexdigest())
        source, problems = read_source(data, file_name)
        report.problems.extend(problems)
        if source is None:
            return report
        session = self.session
        ctx = _resolve(session, self.catalogue, source, self.over, report)
        if (
            self.allowed_agency
            and ctx.agency is not None
            and ctx.agency.code != self.allowed_agency
        ):
            report.problems.append(
                Problem(
                    "agency-not-allowed",
                    file_name,
                    META_SHEET,
                    found=ctx.agency.code,
                    expected=self.allowed_agency,
                )
            )
        report.sheet = ", ".join(t.sheet for t in ctx.tables)
        for sheet, rows in source.hidden_rows.items():  # as Excel shows the sheet: not read
            shown = ", ".join(str(r) for r in rows[:20]) + (" …" if len(rows) > 20 else "")
            report.problems.append(
                Problem("hidden-rows", file_name, sheet, found=shown, severity=WARNING)
            )
        entries = []
        if ctx.plan is not None and ctx.agency is not None and not report.errors:
            report.problems.extend(_formula_problems(data, source, ctx.tables))
            matcher = self.catalogue.matcher(session, ctx.plan)
            entries = _collect(ctx, matcher, report, self.lang, self.over)
        if report.errors:
            report.status = "rejected"
            report.mapping = []
            return report
        return _Checked(report, ctx, entries, len(report.problems), file_name)

    def _write(self, checked: _Checked) -> bool:
        """Write one checked file in the open transaction; True when it wrote anything.
        Raises _Overtaken when another upload for the same agency and period got there first
        (the counting-period index refused this one, or PostgreSQL gave up on this transaction
        for another's sake)."""
        try:
            return self._write_now(checked)
        except IntegrityError as exc:
            raise _Overtaken from exc
        except OperationalError as exc:
            if _lost_race(exc):
                raise _Overtaken from exc
            raise

    def _write_now(self, checked: _Checked) -> bool:
        report, ctx, file_name = checked.report, checked.ctx, checked.file_name
        _reset(checked)  # a rewrite starts from the check
        session = self.session
        self._flush()  # what this group wrote so far counts for the rules below
        reported: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in checked.entries:
            reported[(entry.year, entry.quarter, entry.semester)].append(entry)
        if not reported and ctx.year is not None:
            empty = (ctx.year, ctx.quarter, ctx.semester if ctx.quarter is None else None)
            reported[empty] = []  # an empty report is still a report
        plans, refusals = plan_periods(
            session,
            file_name,
            report.sha256,
            ctx.plan.id,
            ctx.agency.id,
            reported,
            self.reinstate,
        )
        if refusals:
            report.problems.extend(refusals)
            report.status = "rejected"
            return False
        entries = _to_period_values(session, ctx, checked.entries, report)
        _warn_far_above(entries, report)

        by_period: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in entries:
            by_period[(entry.year, entry.quarter, entry.semester)].append(entry)
        if not by_period and reported:
            by_period[next(iter(reported))] = []

        statuses = []
        db = session.connection()  # Core statements straight to the transaction's connection
        for key, group in sorted(by_period.items(), key=lambda i: _period_order(*i[0])):
            year, quarter, semester = key
            previous, quarters = plans[key].previous, plans[key].contained
            period = {"year": year, "quarter": quarter, "semester": semester, "rows": len(group)}
            if previous is not None and previous.sha256 == report.sha256:
                period.update(status="unchanged", submission_id=previous.id)
                statuses.append("unchanged")
                report.periods.append(period)
                continue
            changes = _diff(session, previous, group)
            for replaced in quarters:  # a longer period replaces the shorter ones within it
                changes["removed"] += [
                    {**value, "period": replaced.label}
                    for value in _diff(session, replaced, [])["removed"]
                ]
            if quarters:
                changes["replaced_periods"] = [q.label for q in quarters]
            period["changes"] = changes
            if self.dry_run:
                period["status"] = "dry-run"
                report.periods.append(period)
                statuses.append("dry-run")
                continue
            for replaced in [previous, *quarters]:
                if replaced is not None and not retire(
                    session, replaced.id, SubmissionStatus.REPLACED
                ):
                    raise _Overtaken
            submission_id = db.execute(
                NEW_SUBMISSION,
                {
                    "plan_id": ctx.plan.id,
                    "agency_id": ctx.agency.id,
                    "year": year,
                    "quarter": quarter,
                    "semester": semester,
                    "file_name": Path(file_name).name,
                    "sha256": report.sha256,
                    "uploaded_at": utcnow(),
                    "uploaded_by": self.uploaded_by,
                    "status": SubmissionStatus.LOADED,
                    "is_demo": self.demo,
                    "row_count": len(group),
                    "sheet": ", ".join(sorted({e.sheet for e in group})) or report.sheet,
                    "replaces_id": (previous or (quarters[0] if quarters else None) or _NONE).id,
                    "changes": changes,
                },
            ).scalar_one()
            for replaced in [previous, *quarters]:
                if replaced is not None:
                    carry_retired(session, replaced.id, submission_id)
            self._values += _value_rows(group, ctx, submission_id, self.demo)
            status = "replaced" if previous is not None or quarters else "loaded"
            self._events.append(
                audit.event(
                    self.uploaded_by or "command line",
                    f"submission.{status}",
                    Path(file_name).name,
                    ctx.plan.id,
                    agency=ctx.agency.code,
                    period=period_label(year, quarter, semester),
                    rows_before=sum(p.row_count for p in [previous, *quarters] if p is not None),
                    replaced_periods=[q.label for q in quarters],
                    reinstated=self.reinstate,
                    rows_after=len(group),
                    demo=self.demo,
                )
            )
            period.update(status=status, submission_id=submission_id)
            if previous is not None or quarters:
                first = (previous or quarters[0]).id
                period["replaced_submission"] = first
                report.replaced_submission = report.replaced_submission or first
            report.submission_id = report.submission_id or submission_id
            statuses.append(status)
            report.periods.append(period)
        wrote = any(s in ("loaded", "replaced") for s in statuses)
        if wrote:
            self._marked.add(ctx.plan.id)  # marked stale on commit
        report.rows_loaded = sum(p["rows"] for p in report.periods if p["status"] != "unchanged")
        report.status = _overall(statuses)
        if report.status == "unchanged":
            report.rows_loaded = 0
        if len(report.periods) == 1:
            first = report.periods[0]
            report.year, report.quarter = first["year"], first["quarter"]
            report.semester = first.get("semester")
        return wrote

    def _write_alone(self, files: list[_Checked]) -> None:
        """After a group was rolled back: write each of `files` again in a transaction of its
        own, reading afresh what counts; one that now fails is refused."""
        for checked in files:
            try:
                self._write(checked)
                self.commit()
            except _Overtaken:
                self._rollback()
                _refuse(checked)


def _lost_race(exc: OperationalError) -> bool:
    """PostgreSQL gave up on this transaction for another's sake (a deadlock between two
    batches taking the same agencies' periods in different orders, or a serialisation
    failure): the file met a concurrent upload."""
    orig = exc.orig
    return getattr(orig, "sqlstate", None) in ("40P01", "40001")


def _reset(checked: _Checked) -> None:
    """Its report back to what the check found, before anything was written."""
    report = checked.report
    del report.problems[checked.checked_problems :]
    report.periods, report.rows_loaded = [], 0
    report.submission_id = report.replaced_submission = None


def _refuse(checked: _Checked) -> None:
    """Report a checked file as refused because another upload got there first."""
    _reset(checked)
    checked.report.problems.append(Problem("concurrent-upload", checked.file_name))
    checked.report.status = "rejected"


def _value_rows(group: list[Entry], ctx: Context, submission_id: int, demo: bool) -> list[dict]:
    return [
        {
            "indicator_id": e.indicator.id,
            "agency_id": ctx.agency.id,
            "submission_id": submission_id,
            "year": e.year,
            "quarter": e.quarter,
            "semester": e.semester,
            "sex": e.data.sex,
            "age_group": e.data.age_group,
            "kecamatan": e.data.kecamatan,
            "value": e.data.value,
            "budget": e.data.budget,
            "spent": e.data.spent,
            "note": e.data.note,
            "source_sheet": e.sheet,
            "source_row": e.row,
            "is_demo": demo,
        }
        for e in group
    ]


def _overall(statuses: list[str]) -> str:
    for status in ("dry-run", "replaced", "loaded"):
        if status in statuses:
            return status
    return "unchanged" if statuses else "rejected"


@dataclass
class _Portable:
    """A checked file as a worker process sends it back: plain values, no store objects."""

    report: Report
    plan: tuple[int, str]  # (id, code)
    agency: tuple[int, str]
    year: int | None
    quarter: int | None
    entries: list[tuple]  # Entry's fields; the indicator as (id, code, kind), the row as values
    checked_problems: int
    file_name: str
    semester: int | None = None


ROW_FIELDS = tuple(AgencyRow.model_fields)  # validated already: rebuilt without validation
_worker: Batch | None = None  # in a worker process: its own batch, engine and catalogue


def _can_fork(engine: Engine) -> bool:
    in_memory = engine.url.get_backend_name() == "sqlite" and engine.url.database in (
        None,
        "",
        ":memory:",
    )
    return not in_memory and "fork" in multiprocessing.get_all_start_methods()


def _start_worker(engine: Engine, options: dict, catalogue: Catalogue) -> None:
    global _worker
    # The parent's pooled connections must never be used (or closed) here: a fresh pool. The
    # catalogue holds plain rows, no connection: this process's copy of the parent's.
    engine.dispose(close=False)
    _worker = Batch(engine, catalogue=catalogue, **options)


def _check_in_worker(paths: list[Path]) -> list[_Portable | Report]:
    return [_portable(_worker._check_file(path)) for path in paths]


def _portable(checked: _Checked | Report) -> _Portable | Report:
    if isinstance(checked, Report):
        return checked
    ctx = checked.ctx
    entries = [
        (
            e.row,
            e.sheet,
            tuple(e.indicator),
            e.year,
            e.quarter,
            tuple(getattr(e.data, name) for name in ROW_FIELDS),  # plain values pickle fast
            e.to_date,
            e.year_target,
            e.semester,
        )
        for e in checked.entries
    ]
    return _Portable(
        checked.report,
        (ctx.plan.id, ctx.plan.code),
        (ctx.agency.id, ctx.agency.code),
        ctx.year,
        ctx.quarter,
        entries,
        checked.checked_problems,
        checked.file_name,
        ctx.semester,
    )


def ingest_bytes(engine: Engine, data: bytes, file_name: str, **kwargs) -> Report:
    """Validate one file and, unless it is rejected or a dry run, load it in one transaction.

    Keywords: overrides (period, agency, plan given by the user), dry_run, demo, uploaded_by,
    lang, allowed_agency (an uploader's account may report only for its own agency: a file
    for any other is refused), catalogue (one Catalogue for every file of a batch, so the
    catalogue is read once)."""
    with Batch(engine, **kwargs) as batch:
        return batch.add(data, file_name)


def ingest_file(engine: Engine, path: Path, **kwargs) -> Report:
    """Load one file from disk (see ingest_bytes)."""
    with Batch(engine, **kwargs) as batch:
        return next(batch.add_files([path]))


def ingest_files(engine: Engine, paths: list[Path], **kwargs) -> list[Report]:
    """Load a batch of files from disk, reading the catalogue once and committing in groups
    (see Batch; ingest_bytes for the keywords)."""
    with Batch(engine, **kwargs) as batch:
        return list(batch.add_files(paths))
