"""Answers reused across readers: a page drawn for an anonymous reader (or on the open dashboard
before any account exists) is the same for every such reader of the same URL, so it is computed
once per version of the store and kept in a bounded cache shared by the worker's threads.

The version is the newest audit event (every change to the store, a load, a withdrawal, a
catalogue, publishing, an agency renamed, writes one in its own transaction) and the state of
the materialised summaries, so a change is seen by the next request of every worker and nobody
gets stale figures. The day is part of the
key too (what is due, and overdue, moves with it). Signed-in readers are never served from it:
their pages carry their name and a form token.
"""

from datetime import UTC, datetime

from sqlmodel import func, select

from dashboard import store
from indicators.lru import Lru
from indicators.models import AuditEvent, SummaryState

LIMIT = 256  # pages per worker: every plan's overview, bidang and budget page in both languages
_answers = Lru(LIMIT)


def version() -> tuple:
    """What changes with every change to the store: the newest audit event, and the summaries'
    state (a rebuild after a load writes no event of its own)."""
    with store.session() as s:
        newest = s.exec(select(func.max(AuditEvent.id))).one()
        # with its time: a store emptied and filled again could reach the same id
        when = s.exec(select(AuditEvent.at).where(AuditEvent.id == newest)).first()
        summaries = s.exec(
            select(func.max(SummaryState.refreshed_at), func.sum(SummaryState.changes))
        ).one()
    return (id(store.engine()), newest, when, *summaries, datetime.now(UTC).date())


def reuse(key: tuple, compute):
    """The answer of `key` at the store's current version: computed once, then shared."""
    return _answers.answer((*key, *version()), compute)


def clear() -> None:
    _answers.clear()
