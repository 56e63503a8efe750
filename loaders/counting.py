"""The rules that keep one activity from being counted twice when an agency's reports for a year
arrive as a year, as semesters, as triwulan, or again after a correction. Checked for every
period of a file before anything of it is written; each broken rule is a refusal that names the
other report.

A period covers triwulan: TW q covers q; Semester s covers 2s-1 and 2s; the year covers all four.
- **A report replaces the agency's reports of the shorter periods within it** (an annual report
  replaces the year's semesters and triwulan; Semester I replaces TW I and TW II): they stay in
  history as replaced, and the diff lists their values as removed.
- **A report is refused while a report of a longer period around it counts** (a triwulan while
  the annual report or its semester counts): the secretariat withdraws that one first if the
  shorter reports are the right ones.
- **A file may not hold periods that overlap** (an annual figure and that year's triwulan).
- **A to-date triwulan figure ("s.d. TW III") needs the earlier triwulan of that year**, counted
  or in the same file; otherwise it cannot be split into the triwulan's own figure.
- **History never runs backwards**: a file that was loaded for this period and then replaced or
  withdrawn is refused, naming what replaced it; `--reinstate` loads it again, audited.
"""

from dataclasses import dataclass

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from indicators.models import Plan, Submission, SubmissionStatus
from loaders.report import Problem

# One read per agency and year: what counts, and any earlier submission of this very file.
IN_YEAR = (
    select(
        Submission.id,
        Submission.quarter,
        Submission.semester,
        Submission.sha256,
        Submission.row_count,
        Submission.file_name,
        Submission.status,
    )
    .where(
        Submission.plan_id == bindparam("plan_id"),
        Submission.agency_id == bindparam("agency_id"),
        Submission.year == bindparam("year"),
        or_(
            Submission.status == SubmissionStatus.LOADED,
            Submission.sha256 == bindparam("sha256"),
        ),
    )
    .order_by(Submission.id.desc())
)


def span(quarter: int | None, semester: int | None) -> frozenset[int]:
    """The triwulan a period covers."""
    if quarter is not None:
        return frozenset({quarter})
    if semester is not None:
        return frozenset({2 * semester - 1, 2 * semester})
    return frozenset({1, 2, 3, 4})


def period_label(year: int, quarter: int | None, semester: int | None = None) -> str:
    """'2021', '2021 TW 2' or '2021 Semester 1'."""
    if quarter is not None:
        return f"{year} TW {quarter}"
    if semester is not None:
        return f"{year} Semester {semester}"
    return f"{year}"


@dataclass(frozen=True)
class Counted:
    """A submission that counts now."""

    id: int
    quarter: int | None
    semester: int | None
    sha256: str
    row_count: int
    file_name: str
    status: SubmissionStatus = SubmissionStatus.LOADED
    year: int = 0

    @property
    def label(self) -> str:
        return period_label(self.year, self.quarter, self.semester)


@dataclass
class PeriodPlan:
    """What writing one period of a file does to what counts: the submission it replaces (the
    same period) and those of shorter periods within it that it replaces too."""

    previous: Counted | None
    contained: list[Counted]


def counted_in_year(
    session: Session, plan_id: int, agency_id: int, year: int, sha256: str = ""
) -> list[Counted]:
    """The agency's submissions that count for `year` (annual, semester and triwulan), and
    those of the file `sha256` that no longer count (newest first)."""
    key = {"plan_id": plan_id, "agency_id": agency_id, "year": year, "sha256": sha256}
    rows = session.connection().execute(IN_YEAR, key)
    return [Counted(*row[:6], SubmissionStatus(row[6]), year=year) for row in rows]


def plan_periods(
    session: Session,
    file: str,
    sha256: str,
    plan_id: int,
    agency_id: int,
    periods: dict[tuple, list],
    reinstate: bool = False,
) -> tuple[dict[tuple, PeriodPlan], list[Problem]]:
    """For each (year, quarter, semester) a file reports (with its entries), what it replaces;
    and the problems that refuse the whole file. Entries need `.to_date`, `.sheet`, `.row`."""
    plans: dict[tuple, PeriodPlan] = {}
    problems: list[Problem] = []
    by_year: dict[int, list[Counted]] = {}
    for key in periods:
        year, quarter, semester = key
        own = span(quarter, semester)
        inside = [
            other
            for other in periods
            if other != key and other[0] == year and span(*other[1:]) & own
        ]
        if inside:
            shown = ", ".join(period_label(*p) for p in sorted({key, *inside}, key=str))
            problems.append(Problem("annual-and-quarters", file, found=shown))
            continue
        if year not in by_year:
            by_year[year] = counted_in_year(session, plan_id, agency_id, year, sha256)
        counted = [c for c in by_year[year] if c.status == SubmissionStatus.LOADED]
        previous = next((c for c in counted if span(c.quarter, c.semester) == own), None)
        if previous is not None and previous.sha256 == sha256:
            plans[key] = PeriodPlan(previous, [])
            continue
        if not reinstate:
            before = next(
                (
                    c
                    for c in by_year[year]
                    if c.status != SubmissionStatus.LOADED
                    and c.sha256 == sha256
                    and (c.quarter, c.semester) == (quarter, semester)
                ),
                None,
            )
            if before is not None:
                withdrawn = before.status == SubmissionStatus.WITHDRAWN
                problems.append(
                    Problem(
                        "withdrawn-file" if withdrawn else "superseded-file",
                        file,
                        found=period_label(year, quarter, semester),
                        expected=previous.file_name if previous is not None else "-",
                    )
                )
                continue
        around = [c for c in counted if own < span(c.quarter, c.semester)]
        if around:
            longest = max(around, key=lambda c: len(span(c.quarter, c.semester)))
            problems.append(
                Problem(
                    "annual-counts",
                    file,
                    found=period_label(year, quarter, semester),
                    expected=f"{longest.file_name} ({longest.label})",
                )
            )
            continue
        to_date = [e for e in periods[key] if e.to_date]
        missing, found = [], ""
        if to_date and quarter is None and semester is None:
            # "s.d. 2020": the plan's earlier years must be there to take it apart
            start = (
                session.connection()
                .execute(select(Plan.start_year).where(Plan.id == plan_id))
                .scalar_one()
            )
            for earlier in range(start, year):
                if earlier not in by_year:
                    by_year[earlier] = counted_in_year(session, plan_id, agency_id, earlier)
                reported = any(c.status == SubmissionStatus.LOADED for c in by_year[earlier])
                if not reported and not any(y == earlier for y, _q, _s in periods):
                    missing.append(str(earlier))
            found = str(year)
        elif to_date and quarter is not None:
            # only triwulan reports can be subtracted from a to-date triwulan figure
            have = {c.quarter for c in counted if c.quarter is not None}
            have |= {q for y, q, _s in periods if y == year and q is not None}
            missing = [period_label(year, q) for q in range(1, quarter) if q not in have]
            found = period_label(year, quarter)
        if missing:
            first = to_date[0]
            problems.append(
                Problem(
                    "to-date-without-earlier",
                    file,
                    first.sheet,
                    first.row,
                    found=found,
                    expected=", ".join(missing),
                )
            )
            continue
        contained = sorted(
            (c for c in counted if span(c.quarter, c.semester) < own),
            key=lambda c: min(span(c.quarter, c.semester)),
        )
        plans[key] = PeriodPlan(previous, contained)
    return plans, problems
