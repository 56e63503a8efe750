"""Writing what counts: the submission that counts for a plan, agency and period, retiring it
when a newer file replaces it or the secretariat withdraws it (figures on retired indicators
carried on), and the diff a replacement records."""

from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, insert, update
from sqlmodel import Session, select

from indicators.models import (
    Achievement,
    Agency,
    Indicator,
    Plan,
    Submission,
    SubmissionStatus,
)
from loaders.context import Context
from loaders.entries import Entry


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


def diff(session: Session, previous: Counting | None, entries: list[Entry]) -> dict:
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


def value_rows(group: list[Entry], ctx: Context, submission_id: int, demo: bool) -> list[dict]:
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
