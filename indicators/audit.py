"""The audit log: every change to the store with who made it, when, and before -> after counts.

Written in the same transaction as the change it records, so the log and the store cannot
disagree. Read as a tidy table for the admin page and the export.
"""

import pandas as pd
from sqlalchemy import insert
from sqlmodel import Session, select

from indicators.models import AuditEvent, Plan, utcnow
from indicators.vocabulary import action_text, detail_text

COLUMNS = ["at", "actor", "action", "target", "plan", "detail"]
NEW_EVENT = insert(AuditEvent)


def record(
    session: Session,
    actor: str,
    action: str,
    target: str,
    plan_id: int | None = None,
    **detail,
) -> None:
    """Add one event to the caller's transaction (one INSERT, no ORM unit of work)."""
    record_all(session, [event(actor, action, target, plan_id, **detail)])


def event(actor: str, action: str, target: str, plan_id: int | None = None, **detail) -> dict:
    """One event as a row, stamped now, for record_all."""
    return {
        "at": utcnow(),
        "actor": actor or "?",
        "action": action,
        "target": target,
        "plan_id": plan_id,
        "detail": detail,
    }


def record_all(session: Session, events: list[dict]) -> None:
    """Add events made with event() to the caller's transaction, in one statement."""
    if events:
        session.connection().execute(NEW_EVENT, events)


def audit_table(session: Session, limit: int | None = None, words: str | None = None):
    """The events, newest first. With `words` ("id" or "en") the action and its details are
    written in words for people (the page); without, as stable codes (the CSV and JSON)."""
    query = (
        select(AuditEvent, Plan.code)
        .join(Plan, AuditEvent.plan_id == Plan.id, isouter=True)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    if limit:
        query = query.limit(limit)
    records = [
        {
            "at": event.at.strftime("%Y-%m-%d %H:%M:%S"),
            "actor": event.actor,
            "action": action_text(event.action, words) if words else event.action,
            "target": event.target,
            "plan": code or "",
            "detail": (
                detail_text(event.detail, words)
                if words
                else ", ".join(f"{k}={v}" for k, v in (event.detail or {}).items())
            ),
        }
        for event, code in session.exec(query)
    ]
    return pd.DataFrame.from_records(records, columns=COLUMNS)
