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


def one_statement():
    """A connection for a read that is one statement (consistent on its own): no transaction
    around it, so one round trip to the database instead of three."""
    base = engine()
    if _autocommit.get("base") is not base:  # made once per engine: making one costs more
        _autocommit.update(base=base, engine=base.execution_options(isolation_level="AUTOCOMMIT"))
    return _autocommit["engine"].connect()


_autocommit: dict = {}
