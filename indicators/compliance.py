"""Who has reported for which period: the secretariat's list of what to chase.

A period's report is due by the plan's rule: by default the end of the month after the period
ends (an annual report by 31 January of the next year, a TW II report by 31 July); a plan may
set a number of working days after the period's end instead, counted without Saturdays,
Sundays and Indonesia's public holidays (the `holidays` package's calendar for ID).

Who is expected: with a responsibility matrix (indicators.responsibility), an agency that
answers for an indicator with something to report that year; without one, every agency of the
plan's region, as before. An agency that was not a member in a period (joined later, retired
before) is not expected then. Demo submissions keep the state their (illustrative) date gives
them and are flagged `demo`, so the page can teach what each state looks like without passing
a demo for a real report.
"""

from calendar import monthrange
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import holidays
import pandas as pd
from sqlmodel import Session, select

from indicators.agencies import active_on
from indicators.models import (
    Agency,
    PendingUpload,
    Plan,
    ReviewStatus,
    Submission,
    SubmissionStatus,
)
from indicators.queries import plan_agencies
from indicators.responsibility import assignments, demo_only_matrix, due_in, has_matrix

STATES = ("on_time", "late", "submitted", "returned", "missing", "not_due", "not_expected")
REPORTED = ("on_time", "late")
COLUMNS = [
    "agency",
    "agency_name",
    "year",
    "state",
    "due",
    "received",
    "file",
    "demo",
    "indicators",
    "leads",
]


def period_start(year: int, quarter: int | None = None) -> date:
    """The first day of the year, or of triwulan `quarter`."""
    return date(year, 1 if quarter is None else quarter * 3 - 2, 1)


def period_end(year: int, quarter: int | None = None) -> date:
    """The last day of the year, or of triwulan `quarter`."""
    month = 12 if quarter is None else quarter * 3
    return date(year, month, monthrange(year, month)[1])


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ID", years=year))


def working_day(day: date) -> bool:
    """Monday to Friday and not an Indonesian public holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def due_date(year: int, quarter: int | None = None, days: int | None = None) -> date:
    """When the report of a period is due: `days` working days after the period ends, or (None)
    the last day of the month after the period ends."""
    end = period_end(year, quarter)
    if days is None:
        month, y = (1, year + 1) if end.month == 12 else (end.month + 1, year)
        return date(y, month, monthrange(y, month)[1])
    day, left = end, days
    while left > 0:
        day += timedelta(days=1)
        if working_day(day):
            left -= 1
    return day


def plan_due(plan: Plan, year: int, quarter: int | None = None) -> date:
    """The due date of a period of `plan`, by the plan's rule."""
    return due_date(year, quarter, plan.due_days)


def due_rule_text(plan: Plan, lang: str = "id") -> str:
    """The plan's due rule in words."""
    if plan.due_days is None:
        if lang == "en":
            return "due by the end of the month after the period"
        return "jatuh tempo pada akhir bulan sesudah periode berakhir"
    if lang == "en":
        return (
            f"due {plan.due_days} working days after the period ends (weekends and Indonesian "
            "public holidays not counted)"
        )
    return (
        f"jatuh tempo {plan.due_days} hari kerja sesudah periode berakhir (Sabtu, Minggu dan "
        "hari libur nasional tidak dihitung)"
    )


def _day(moment: datetime) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).date()


def _pending_note(pending: PendingUpload | None) -> str | None:
    if pending is None:
        return None
    return pending.file_name + (f": {pending.reason}" if pending.reason else "")


def expected_agencies(session: Session, plan: Plan) -> list[Agency]:
    """The agencies compliance lists: those the matrix gives a part in (and any that reported),
    or, without a matrix, those of the plan's region and any that reported."""
    if not has_matrix(session, plan):
        return plan_agencies(session, plan)
    ids = set(assignments(session, plan))
    ids |= set(session.exec(select(Submission.agency_id).where(Submission.plan_id == plan.id)))
    return list(session.exec(select(Agency).where(Agency.id.in_(ids)).order_by(Agency.code)))


def compliance_table(session: Session, plan: Plan, today: date | None = None) -> pd.DataFrame:
    """One row per agency and plan year: state, due date, when the report came in, whether it
    is demo, and how many of the year's due indicators the agency answers for (and leads)."""
    today = today or datetime.now(UTC).date()
    submissions = session.exec(
        select(Submission).where(
            Submission.plan_id == plan.id, Submission.status == SubmissionStatus.LOADED
        )
    ).all()
    # Uploads waiting for review, or sent back: the latest per agency and year.
    review: dict[tuple[int, int], PendingUpload] = {}
    for pending in session.exec(
        select(PendingUpload).where(
            PendingUpload.plan_id == plan.id, PendingUpload.status != ReviewStatus.APPROVED
        )
    ):
        key = (pending.agency_id, pending.year)
        if key not in review or pending.uploaded_at > review[key].uploaded_at:
            review[key] = pending
    first: dict[tuple[int, int], Submission] = {}
    for sub in submissions:
        key = (sub.agency_id, sub.year)
        if key not in first or sub.uploaded_at < first[key].uploaded_at:
            first[key] = sub
    matrix = has_matrix(session, plan)
    given = assignments(session, plan) if matrix else {}
    # expectations drawn from the demo's illustrative matrix are demo too: never chased for real
    demo_matrix = matrix and demo_only_matrix(session, plan)
    records = []
    expected = expected_agencies(session, plan)  # the same every year: read once
    for year in range(plan.start_year, plan.end_year + 1):
        due = plan_due(plan, year)
        due_now = due_in(session, plan, year) if matrix else set()
        for agency in expected:
            mine = {i: lead for i, lead in given.get(agency.id, {}).items() if i in due_now}
            sub = first.get((agency.id, year))
            pending = review.get((agency.id, year))
            member = active_on(agency, date(year, 1, 1), date(year, 12, 31))
            if sub is not None:
                state = "on_time" if _day(sub.uploaded_at) <= due else "late"
            elif not member:  # joined later or retired before: nothing is due from it
                state = "not_expected"
            elif pending is not None:
                state = pending.status.value  # submitted or returned
            elif matrix and not mine:
                state = "not_expected"
            else:
                state = "missing" if today > due else "not_due"
            records.append(
                {
                    "agency": agency.code,
                    "agency_name": agency.name,
                    "year": year,
                    "state": state,
                    "due": due,
                    "received": _day(sub.uploaded_at) if sub else None,
                    "file": sub.file_name if sub else _pending_note(pending),
                    "demo": bool(
                        sub.is_demo
                        if sub
                        else pending.is_demo
                        if pending
                        else demo_matrix and state in ("missing", "not_due")
                    ),
                    "indicators": len(mine) if matrix else None,
                    "leads": sum(mine.values()) if matrix else None,
                }
            )
    table = pd.DataFrame.from_records(records, columns=COLUMNS)
    return table.sort_values(["agency", "year"], kind="stable").reset_index(drop=True)


def to_chase(table: pd.DataFrame) -> pd.DataFrame:
    """Missing reports and reports sent back, most overdue first."""
    missing = table[table["state"].isin(["missing", "returned"])]
    return missing.sort_values(["due", "agency"]).reset_index(drop=True)


def expected_count(table: pd.DataFrame) -> tuple[int, int]:
    """(reported, expected) of a compliance table: reports in, out of those due by now."""
    due = table[~table["state"].isin(["not_due", "not_expected"])]
    return int(due["state"].isin(REPORTED).sum()), len(due)
