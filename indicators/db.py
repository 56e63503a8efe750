"""The engine and the schema: one store, from RADTRACK_DATABASE_URL, SQLite by default."""

import os
from functools import cache
from pathlib import Path

from sqlalchemy import Enum, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateIndex
from sqlmodel import Session, SQLModel, create_engine

from indicators import models  # noqa: F401  (registers the tables on SQLModel.metadata)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'radtrack.sqlite'}"


def database_url() -> str:
    """The store's URL: RADTRACK_DATABASE_URL, or an SQLite file in the git-ignored var/."""
    return os.environ.get("RADTRACK_DATABASE_URL") or DEFAULT_URL


def normalise_url(url: str) -> str:
    """Point plain postgresql:// URLs at psycopg 3, the driver radtrack installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _configure_sqlite(dbapi_connection, _record) -> None:
    """Foreign keys on; write-ahead log so readers never wait for a loading file and a commit
    costs one append instead of a journal rewrite. synchronous=NORMAL keeps the store consistent
    after any crash; after a power cut the last commits may roll back (the agency files remain),
    the trade Rails and Django make for SQLite apps too."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """A new engine for `url` (default: database_url()); SQLite gets its folder and foreign keys."""
    url = normalise_url(url or database_url())
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


@cache
def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for `url`, made once."""
    return make_engine(url)


class SchemaMismatch(RuntimeError):
    """The store was made by an older radtrack and lacks columns this one needs."""


def create_schema(engine: Engine) -> None:
    """Create every table that does not exist yet, then check existing tables have every column.

    radtrack has no migrations yet; an older store is reported, never half-used.
    """
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:  # indexes and enum values added since the store was made
        for table in SQLModel.metadata.sorted_tables:
            for index in table.indexes:
                conn.execute(CreateIndex(index, if_not_exists=True))
        if engine.dialect.name == "postgresql":
            for kind in _native_enums():
                for value in kind.enums:
                    conn.execute(text(f"ALTER TYPE {kind.name} ADD VALUE IF NOT EXISTS '{value}'"))
    inspector = inspect(engine)
    missing = [
        f"{table.name}.{column.name}"
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if column.name not in {c["name"] for c in inspector.get_columns(table.name)}
    ]
    if missing:
        raise SchemaMismatch(
            "the store was made by an older radtrack and lacks "
            + ", ".join(missing)
            + ": back it up, then run `radtrack init --reset` and load the files again"
        )


def _native_enums() -> list[Enum]:
    """The enum types PostgreSQL keeps as types of their own (a value added later must be
    added to the type too)."""
    found = {}
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Enum) and column.type.native_enum:
                found[column.type.name] = column.type
    return list(found.values())


def drop_schema(engine: Engine) -> None:
    """Drop every radtrack table (tests and `radtrack init --reset` only)."""
    SQLModel.metadata.drop_all(engine)


def session(engine: Engine) -> Session:
    """A session that keeps loaded objects usable after commit."""
    return Session(engine, expire_on_commit=False)
