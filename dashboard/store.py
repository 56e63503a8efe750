"""The dashboard's handle on the store: the engine create_app() was given."""

from sqlalchemy.engine import Engine
from sqlmodel import Session

from indicators.db import database_url, get_engine

_engine: Engine | None = None


def use_engine(engine: Engine) -> None:
    """Make `engine` the store every page reads."""
    global _engine
    _engine = engine


def engine() -> Engine:
    """The dashboard's engine (for loaders, which manage their own transactions)."""
    return _engine or get_engine(database_url())


def session() -> Session:
    """A read session on the dashboard's store."""
    return Session(_engine or get_engine(database_url()), expire_on_commit=False)
