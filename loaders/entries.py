"""Turning a file's rows into entries bound for the store: each filled row matched to an
indicator, each figure validated and placed in its period, to-date figures turned into the
period's own, and the warnings a person should see (spending over the budget, far above target,
a total that does not add up)."""

from dataclasses import dataclass, replace
from operator import itemgetter
from typing import NamedTuple

from sqlmodel import Session, select

from indicators.models import (
    Achievement,
    Agency,
    Indicator,
    Kind,
    Plan,
)
from indicators.queries import year_target_for
from indicators.vocabulary import level_unit
from loaders.context import Context, Overrides
from loaders.counting import period_label
from loaders.layout import Table
from loaders.match import Matcher
from loaders.period import period_in
from loaders.report import EXPECTED, MAX_PROBLEMS, WARNING, Problem, Report, shown
from loaders.rows import AgencyRow, number_readings, parse_number, validate_row
from loaders.totals import (
    DISAGGREGATION,
    NUMBER_LABEL,
    STARTS,
    Totals,
    skipped_row,
    undivided_cells,
)

EXPECTS = {"value": "count", "budget": "money", "spent": "money"}


FAR_ABOVE = 3.0  # a value above this many times the year's target is worth a second look


class IndicatorRef(NamedTuple):
    """What writing a figure needs of its indicator."""

    id: int
    code: str
    kind: Kind
    unit: str = ""


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


def _shown(cell: object) -> str:
    """A cell as the user typed it: 5.0 shows as 5; a number with decimals as each language
    writes it (1,5 / 1.5), as the spreadsheet showed it; text as written."""
    if cell == "" or cell is None:  # most cells of a template are empty
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, float):
        return shown("{}", cell, spec="g")
    text = str(cell).strip()
    return text if len(text) <= 200 else text[:199] + "…"  # a message quotes, never copies


EMPTY_CELLS = frozenset(("", None))


def _filled(cell: object) -> bool:
    """True when a cell holds anything but blanks (most cells of a template are empty)."""
    if cell == "" or cell is None:
        return False
    return not isinstance(cell, str) or bool(cell.strip())


def _expected_text(kind: str, lang: str) -> str:
    id_text, en_text = EXPECTED[kind]
    return en_text if lang == "en" else id_text


def _check_year_total(indicator, slots, cells, column, table, number, report) -> None:
    """A year's total beside its triwulan columns ("TW I | ... | TW IV | Total 2019", or column
    12 of a Permendagri 86 form) must be their sum for a count that adds up over the year:
    where it is not, which figures are right is not certain (refused, naming both)."""
    quarters = [s for s in slots if s.value.quarter is not None and not s.value.to_date]
    if indicator.kind != Kind.CUMULATIVE or not quarters or len(quarters) != len(slots):
        return
    try:
        total = parse_number(cells[column.index])
        parts = [parse_number(cells[s.value.index]) for s in quarters]
    except Exception:
        return  # a cell that is no number is refused where it is read
    if total is None or any(p is None for p in parts) or abs(sum(parts) - total) < 1e-9:
        return
    report.problems.append(
        Problem(
            "year-total-disagrees",
            report.file,
            table.sheet,
            number,
            column.label,
            found=shown("{}", total, spec="g"),
            expected=shown("{}", sum(parts), spec="g"),
            detail=indicator.code,
        )
    )


def _periods_refused(table: Table, ctx: Context, over: Overrides, report: Report) -> bool:
    """Refuse a table whose figure columns name a period radtrack holds none for ("Realisasi
    Oktober"), or only years other than the one the file names ("TAHUN 2021" over a single
    "Realisasi 2020"): which period the figures belong to is not certain."""
    unheld = [s.value.label for s in table.slots if s.value.unheld]
    semesters = [s.value for s in table.slots if s.value.semester]
    if semesters and (
        len(semesters) != len(table.slots)
        or ctx.quarter is not None
        or any(c.semester != ctx.semester for c in semesters)
    ):
        # "Semester I | TW III | TW IV", or a Semester I column in a file of another period:
        # a semester is held as a file's own period only
        unheld += [c.label for c in semesters]
    if unheld:
        found = ", ".join(unheld)
        report.problems.append(
            Problem(
                "column-period-not-held", report.file, table.sheet, None, unheld[0], found=found
            )
        )
        return True
    own = [
        s.value for s in table.slots if (s.value.year or s.value.quarter) and not s.value.to_date
    ]
    if ctx.said_to_date and own:
        # "LAPORAN CAPAIAN KUMULATIF ... TAHUN 2021" over "TW I | TW II | ...": each column's own
        # figures, or each to date (100, 250, 300, 420)? The headers would say "s.d."
        found = ", ".join(c.label for c in own)
        report.problems.append(Problem("to-date-unclear", report.file, table.sheet, found=found))
        return True
    years = {s.value.year for s in table.slots}
    if over.year is None and ctx.year is not None and None not in years and ctx.year not in years:
        found = "; ".join(f"{s.value.label} → {s.value.year}" for s in table.slots)
        report.problems.append(
            Problem("year-disagrees", report.file, table.sheet, found=found, expected=str(ctx.year))
        )
        return True
    return False


def _failure_expected(code: str, field_name: str, indicator, cell: object, lang: str) -> str:
    """What a refused cell should have held, for the {expected} of its message."""
    if code == "bad-disaggregation":
        return field_name
    if code == "percent-for-count":
        return indicator.code
    if code == "ambiguous-number":
        return number_readings(cell)
    if code in ("money-for-count", "unit-disagrees", "fraction-for-count"):
        return f"{indicator.code} ({indicator.unit})" if indicator.unit else indicator.code
    if code == "ambiguous-percentage":
        fraction = parse_number(cell)
        return shown("{}% / {}%", fraction, fraction * 100, spec="g")
    expects = EXPECTS.get(field_name, "count")
    if field_name == "value" and indicator.kind in (Kind.PERCENTAGE, Kind.MILESTONE):
        expects = indicator.kind.value
    return _expected_text(expects, lang)


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


def collect(ctx: Context, matcher: Matcher, report: Report, lang: str, over: Overrides):
    """Validate every row of every table in one pass; returns the entries to load."""
    plan = ctx.plan
    years = range(plan.start_year, plan.end_year + 1)
    file = report.file
    entries: list[Entry] = []
    seen: dict[tuple, int] = {}
    for table in ctx.tables:
        if _periods_refused(table, ctx, over, report):
            continue
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
        year_total = table.columns.get("year_total")
        if year_total is not None:  # looked at too: alone, it is refused, never dropped
            figure_cells.append(year_total.index)
        figures = itemgetter(*figure_cells, *figure_cells[:1])  # always a tuple
        figure_set = frozenset(figure_cells)
        totals = Totals(table, report)
        previous = None  # the indicator of the row above, when that row was split
        footer = False  # past a footer or a signature line: rows naming no indicator are text
        named_above = ("", "")  # the code and statement of the last row with figures
        split_columns = any(role in table.columns for role in DISAGGREGATION)
        for number, cells in table.rows:
            if EMPTY_CELLS.issuperset(figures(cells)):
                continue
            if len(report.problems) >= MAX_PROBLEMS:
                # a file that is wrong everywhere: the first problems say what to fix; listing
                # hundreds of thousands (a 400 KB CSV) costs minutes and gigabytes to show
                report.problems.append(
                    Problem("too-many-problems", file, table.sheet, number, found=str(MAX_PROBLEMS))
                )
                return entries
            raw_code = _shown(table.cell(cells, "code"))
            statement = _shown(table.cell(cells, "statement"))
            identity = (raw_code, statement)
            first = identity != named_above  # not a row under its parts (merged, carried down)
            named_above = identity
            undivided = (
                undivided_cells(table, cells) if split_columns and first and any(identity) else ()
            )
            if undivided:
                # "Total" in its Kecamatan cell: the indicator's figure, undivided; rows below
                # that name no indicator are not taken for its parts (previous stays None)
                cells = ["" if i in undivided else c for i, c in enumerate(cells)]
            split = any(_filled(table.cell(cells, role)) for role in DISAGGREGATION)
            # A row naming its indicator, not split, and not a "(4)" column number is a figure:
            # only the others can be a total, a footer or a signature line.
            named = raw_code or statement
            looked = (
                not named
                or split
                or bool(NUMBER_LABEL.match(named))
                or named[:8].lower().startswith(STARTS)
            )
            skipped = skipped_row(table, cells, figure_set, undivided) if looked else None
            if skipped:
                if skipped == "total":
                    totals.check(number, cells, entries)  # "Jumlah": checked, never loaded
                footer = footer or skipped == "footer"
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
            if not slots and year_total is not None and named and _filled(cells[year_total.index]):
                # Permendagri 86/2017 column 12 (the year, the sum of its triwulan) filled with
                # the triwulan columns empty: it is only ever checked, so it would be dropped
                report.problems.append(
                    Problem(
                        "year-total-only",
                        file,
                        table.sheet,
                        number,
                        year_total.label,
                        found=_shown(cells[year_total.index]),
                    )
                )
                continue
            if not slots:
                continue  # a heading, a note or an unreported indicator
            if number in table.merged_figures:
                report.problems.append(
                    Problem(
                        "merged-figure",
                        file,
                        table.sheet,
                        number,
                        table.merged_figures[number],
                        found=_shown(cells[slots[0].value.index]),
                    )
                )
                continue
            if not named and split and previous is not None:
                # the next kecamatan (or L/P) of the indicator named on the row above it
                raw_code = previous.code
            elif not named and footer:
                continue  # a name or a rank under "Kepala Dinas,": the signature block
            elif not named:
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
            previous = match.indicator if split else None
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
            if year_total is not None and _filled(cells[year_total.index]):
                _check_year_total(indicator, slots, cells, year_total, table, number, report)
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
                row, failures = validate_row(cell_values, indicator.kind, indicator.unit)
                for field_name, error_code in failures:
                    expected = _failure_expected(
                        error_code, field_name, indicator, cell_values.get(field_name), lang
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
                    IndicatorRef(
                        indicator.id, indicator.code, indicator.kind, indicator.unit or ""
                    ),
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
                if progress and len(slots) == 1:
                    _check_progress(entry, cells, progress[0], table, report)
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
    return _without_context(entries, report)


def _without_context(entries: list[Entry], report: Report) -> list[Entry]:
    """A to-date column for a period before the file's own ("Realisasi s.d. 2019" beside
    "Realisasi 2020") is context the agency repeats, not a report of that period: not loaded (it
    would replace that period's own report), and said once per column."""
    own = [period_order(e.year, e.quarter, e.semester) for e in entries if not e.to_date]
    if not own:
        return entries
    latest = max(own)
    kept, said = [], set()
    for entry in entries:
        if entry.to_date and period_order(entry.year, entry.quarter, entry.semester) < latest:
            if (entry.sheet, entry.year, entry.quarter) not in said:
                said.add((entry.sheet, entry.year, entry.quarter))
                report.problems.append(
                    Problem(
                        "to-date-context",
                        report.file,
                        entry.sheet,
                        entry.row,
                        found=period_label(entry.year, entry.quarter, entry.semester),
                        severity=WARNING,
                    )
                )
            continue
        kept.append(entry)
    return kept


def _check_progress(entry: Entry, cells: list, column, table, report: Report) -> None:
    """A percent-of-target column beside the count: not loaded, but checked against the count
    and the year's target (a warning naming both when they differ by more than rounding)."""
    if entry.year_target is None or not entry.year_target or entry.data.value is None:
        return
    try:
        figure = parse_number(cells[column.index])
    except Exception:
        return
    if figure is None:
        return
    computed = entry.data.value / entry.year_target * 100
    if abs(figure - computed) > 1.5:
        report.problems.append(
            Problem(
                "progress-mismatch",
                report.file,
                table.sheet,
                entry.row,
                column.label,
                found=shown("{}%", figure, spec="g"),
                expected=shown("{}%", computed, spec=".1f"),
                detail=entry.indicator.code,
                severity=WARNING,
            )
        )


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
                    found=shown("{}", total, spec="g"),
                    expected=shown("{}", sum(split), spec="g"),
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
                found=shown("{}", row.spent, spec=",.0f"),
                expected=shown("{}", row.budget, spec=",.0f"),
                severity=WARNING,
            )
        )


def period_order(year: int, quarter: int | None, semester: int | None = None) -> tuple:
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


def is_level(indicator: IndicatorRef) -> bool:
    """A recurring indicator counting what stands (staff, active kecamatan, units), not what
    was done (times, activities): its to-date figure is a level, never a sum to difference."""
    return indicator.kind == Kind.RECURRING and level_unit(indicator.unit)


def to_period_values(session, ctx: Context, entries: list[Entry], report: Report) -> list[Entry]:
    """Turn to-date ("s.d.", "kumulatif") figures of cumulative and recurring indicators into
    the period's own figure: to-date minus what earlier periods in scope already hold (a year
    for quarters, the plan for years). A to-date figure below that total is not loaded and is
    reported as a warning."""
    if not any(e.to_date for e in entries):
        return entries
    stored = _stored_values(session, ctx.plan, ctx.agency)
    own: dict[tuple, float] = {}
    kept = []
    for entry in sorted(entries, key=lambda e: period_order(e.year, e.quarter)):
        kind = entry.indicator.kind
        if not entry.to_date or kind not in (Kind.CUMULATIVE, Kind.RECURRING):
            if entry.data.value is not None:
                # the file's own figure of an earlier period ("Realisasi 2018" beside "s.d.
                # 2019") is earlier, as a stored one would be
                own[(*entry.key, entry.year, entry.quarter)] = entry.data.value
            kept.append(entry)
            continue
        if entry.data.value is None or is_level(entry.indicator):
            # a level to date ("s.d. TW II: 2 staf", "24 kecamatan aktif") is the level at the
            # period's end: its own figure, nothing to take away
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
                before = period_order(year, quarter) < period_order(entry.year, entry.quarter)
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


def warn_far_above(entries: list[Entry], report: Report) -> None:
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
