"""Who has reported for which period: the secretariat's list of what to chase.

A period's report is due by the end of the month after the period ends (an annual report by
31 January of the next year, a TW II report by 31 July). Demo submissions get a state of their
own: when they were loaded says nothing about an agency's punctuality.
"""

from calendar import monthrange
from datetime import UTC, date, datetime

import pandas as pd
from sqlmodel import Session, select

from indicators.models import PendingUpload, Plan, ReviewStatus, Submission, SubmissionStatus
from indicators.queries import plan_agencies

STATES = ("on_time", "late", "submitted", "returned", "missing", "not_due", "demo")


def due_date(year: int, quarter: int | None = None) -> date:
    """The last day of the month after the period ends."""
    last_month = 12 if quarter is None else quarter * 3
    month, y = (1, year + 1) if last_month == 12 else (last_month + 1, year)
    return date(y, month, monthrange(y, month)[1])


def _day(moment: datetime) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).date()


def _pending_note(pending: PendingUpload | None) -> str | None:
    if pending is None:
        return None
    return pending.file_name + (f": {pending.reason}" if pending.reason else "")


def compliance_table(session: Session, plan: Plan, today: date | None = None) -> pd.DataFrame:
    """One row per agency and plan year: state, due date and when the report came in."""
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
    records = []
    for agency in plan_agencies(session, plan):
        for year in range(plan.start_year, plan.end_year + 1):
            due = due_date(year)
            sub = first.get((agency.id, year))
            if sub is not None and sub.is_demo:
                state = "demo"
            elif sub is not None:
                state = "on_time" if _day(sub.uploaded_at) <= due else "late"
            elif (agency.id, year) in review:
                state = review[(agency.id, year)].status.value  # submitted or returned
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
                    "file": sub.file_name if sub else _pending_note(review.get((agency.id, year))),
                }
            )
    return pd.DataFrame.from_records(
        records, columns=["agency", "agency_name", "year", "state", "due", "received", "file"]
    )


def to_chase(table: pd.DataFrame) -> pd.DataFrame:
    """Missing reports, most overdue first."""
    missing = table[table["state"] == "missing"]
    return missing.sort_values(["due", "agency"]).reset_index(drop=True)
