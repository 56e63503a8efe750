"""Writing what counts: the submission that counts for a plan, agency and period, retiring it
when a newer file replaces it or the secretariat withdraws it (figures on retired indicators
carried on), and the diff a replacement records."""

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, bindparam, delete, func, insert, update
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
VALUE_COLUMNS = (
    "indicator_id",
    "agency_id",
    "submission_id",
    "year",
    "quarter",
    "semester",
    "sex",
    "age_group",
    "kecamatan",
    "value",
    "budget",
    "spent",
    "note",
    "source_sheet",
    "source_row",
    "is_demo",
)


def insert_values(db: Connection, rows: list[tuple]) -> None:
    """Insert achievement rows, each a tuple in VALUE_COLUMNS' order, in one statement. On
    SQLite straight to the driver's executemany (the values are plain ints, floats, strings and
    None, which need no conversion): half the cost of SQLAlchemy's per-row parameter handling,
    which a national batch pays for thousands of rows. Elsewhere SQLAlchemy's own batching
    (psycopg's pipeline) does better than any executemany."""
    if not rows:
        return
    if db.dialect.name == "sqlite":
        db.exec_driver_sql(_sqlite_insert(db.dialect), rows)
    else:
        db.execute(NEW_VALUES, [dict(zip(VALUE_COLUMNS, row, strict=True)) for row in rows])


@cache
def _sqlite_insert(dialect) -> str:
    compiled = insert(Achievement).compile(dialect=dialect, column_keys=list(VALUE_COLUMNS))
    if tuple(compiled.positiontup) != VALUE_COLUMNS:  # the rows' order must be the statement's
        raise RuntimeError(f"achievement insert binds {compiled.positiontup}")
    return compiled.string


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


def value_rows(group: list[Entry], ctx: Context, submission_id: int, demo: bool) -> list[tuple]:
    """The achievement rows of `group`, as insert_values takes them."""
    agency = ctx.agency.id
    return [
        (
            e.indicator.id,
            agency,
            submission_id,
            e.year,
            e.quarter,
            e.semester,
            e.data.sex,
            e.data.age_group,
            e.data.kecamatan,
            e.data.value,
            e.data.budget,
            e.data.spent,
            e.data.note,
            e.sheet,
            e.row,
            demo,
        )
        for e in group
    ]
