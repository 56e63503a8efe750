"""The engine and the schema: one store, from RADTRACK_DATABASE_URL, SQLite by default."""

import os
from functools import cache
from pathlib import Path

from sqlalchemy import MetaData, event, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

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


def _owner_only(path: Path) -> None:
    """The store holds password hashes and uploads waiting for review: readable by its owner
    only, once SQLite has made the file (its -wal and -shm files take the same mode)."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:
        pass  # not ours to change (a store shared on purpose): left as its owner set it


def make_engine(url: str | None = None) -> Engine:
    """A new engine for `url` (default: database_url()); SQLite gets its folder and foreign keys."""
    url = normalise_url(url or database_url())
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""  # sqlite:// is in memory
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _configure_sqlite)
        if path and path != ":memory:":
            event.listen(engine, "connect", lambda *_args: _owner_only(Path(path)))
        return engine
    return create_engine(url, pool_pre_ping=True)


@cache
def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for `url`, made once."""
    return make_engine(url)


def drop_schema(engine: Engine) -> None:
    """Drop every table of the store, the migration version among them, and PostgreSQL's enum
    types (`radtrack init --reset`, after a backup, and tests only)."""
    found = MetaData()
    found.reflect(engine)
    found.drop_all(engine)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for kind in inspect(conn).get_enums():
                conn.execute(text(f'DROP TYPE IF EXISTS "{kind["name"]}" CASCADE'))


def session(engine: Engine) -> Session:
    """A session that keeps loaded objects usable after commit."""
    return Session(engine, expire_on_commit=False)
