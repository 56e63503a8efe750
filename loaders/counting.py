"""The rules that keep one activity from being counted twice when an agency's reports for a year
arrive as a year, as triwulan, or again after a correction. Checked for every period of a file
before anything of it is written; each broken rule is a refusal that names the other report.

- **An annual report replaces the agency's triwulan reports of that year** (they cover the same
  activities): they stay in history as replaced, and the diff lists their values as removed.
- **A triwulan report is refused while an annual report of that year counts**: the secretariat
  withdraws the annual report first if the triwulan are the right ones.
- **A to-date triwulan figure ("s.d. TW III") needs the earlier triwulan of that year**, counted
  or in the same file; otherwise it cannot be split into the triwulan's own figure.
- **History never runs backwards**: a file that was loaded for this period and then replaced or
  withdrawn is refused, naming what replaced it; `--reinstate` loads it again, audited.
"""

from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from indicators.models import Submission, SubmissionStatus
from loaders.report import Problem

COUNTING_IN_YEAR = select(
    Submission.id,
    Submission.quarter,
    Submission.sha256,
    Submission.row_count,
    Submission.file_name,
).where(
    Submission.plan_id == bindparam("plan_id"),
    Submission.agency_id == bindparam("agency_id"),
    Submission.year == bindparam("year"),
    Submission.status == SubmissionStatus.LOADED,
)
SAME_FILE_BEFORE = (
    select(Submission.id, Submission.status, Submission.file_name, Submission.uploaded_at)
    .where(
        Submission.plan_id == bindparam("plan_id"),
        Submission.agency_id == bindparam("agency_id"),
        Submission.year == bindparam("year"),
        func.coalesce(Submission.quarter, 0) == bindparam("quarter"),
        Submission.sha256 == bindparam("sha256"),
        Submission.status != SubmissionStatus.LOADED,
    )
    .order_by(Submission.id.desc())
)


@dataclass(frozen=True)
class Counted:
    """A submission that counts now."""

    id: int
    quarter: int | None
    sha256: str
    row_count: int
    file_name: str


@dataclass
class PeriodPlan:
    """What writing one period of a file does to what counts: the submission it replaces (same
    period) and the triwulan reports an annual report replaces."""

    previous: Counted | None
    quarters: list[Counted]


def _label(year: int, quarter: int | None) -> str:
    return f"{year}" if quarter is None else f"{year} TW {quarter}"


def counted_in_year(session: Session, plan_id: int, agency_id: int, year: int) -> list[Counted]:
    """The agency's submissions that count for `year` (annual and triwulan)."""
    key = {"plan_id": plan_id, "agency_id": agency_id, "year": year}
    return [Counted(*row) for row in session.connection().execute(COUNTING_IN_YEAR, key)]


def plan_periods(
    session: Session,
    file: str,
    sha256: str,
    plan_id: int,
    agency_id: int,
    periods: dict[tuple[int, int | None], list],
    reinstate: bool = False,
) -> tuple[dict[tuple, PeriodPlan], list[Problem]]:
    """For each (year, quarter) a file reports (with its entries), what it replaces; and the
    problems that refuse the whole file. `periods` entries need `.to_date` and `.quarter`."""
    plans: dict[tuple, PeriodPlan] = {}
    problems: list[Problem] = []
    by_year: dict[int, list[Counted]] = {}
    for year, quarter in periods:
        if quarter is None and any(y == year and q is not None for y, q in periods):
            problems.append(Problem("annual-and-quarters", file, found=str(year)))
            continue
        if year not in by_year:
            by_year[year] = counted_in_year(session, plan_id, agency_id, year)
        counted = by_year[year]
        previous = next((c for c in counted if c.quarter == quarter), None)
        if previous is not None and previous.sha256 == sha256:
            plans[(year, quarter)] = PeriodPlan(previous, [])
            continue
        if not reinstate:
            key = {
                "plan_id": plan_id,
                "agency_id": agency_id,
                "year": year,
                "quarter": quarter or 0,
                "sha256": sha256,
            }
            before = session.connection().execute(SAME_FILE_BEFORE, key).first()
            if before is not None:
                withdrawn = SubmissionStatus(before.status) == SubmissionStatus.WITHDRAWN
                problems.append(
                    Problem(
                        "withdrawn-file" if withdrawn else "superseded-file",
                        file,
                        found=_label(year, quarter),
                        expected=previous.file_name if previous is not None else "-",
                    )
                )
                continue
        if quarter is None:
            quarters = [c for c in counted if c.quarter is not None]
            plans[(year, quarter)] = PeriodPlan(previous, quarters)
            continue
        annual = next((c for c in counted if c.quarter is None), None)
        if annual is not None:
            problems.append(
                Problem(
                    "annual-counts",
                    file,
                    found=_label(year, quarter),
                    expected=f"{annual.file_name} ({year})",
                )
            )
            continue
        to_date = [e for e in periods[(year, quarter)] if e.to_date]
        if to_date:
            have = {c.quarter for c in counted} | {q for (y, q) in periods if y == year}
            missing = [q for q in range(1, quarter) if q not in have]
            if missing:
                first = to_date[0]
                problems.append(
                    Problem(
                        "to-date-without-earlier",
                        file,
                        first.sheet,
                        first.row,
                        found=_label(year, quarter),
                        expected=", ".join(_label(year, q) for q in missing),
                    )
                )
                continue
        plans[(year, quarter)] = PeriodPlan(previous, [])
    return plans, problems
