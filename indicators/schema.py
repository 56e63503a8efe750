"""The store's schema version (alembic): create a new store at the newest revision, adopt one that
main made before migrations, upgrade an older one in one transaction, and refuse to run on a
store that is behind or ahead of this code.

Every change to indicators/models.py arrives as a migration in indicators/migrations/versions;
tests/test_migrations.py fails when a model and the migrations disagree.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Enum, create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateIndex

MIGRATIONS = Path(__file__).parent / "migrations"
BASELINE = "0001"
# Held by the PostgreSQL transaction that upgrades, so two `radtrack init` never migrate at once.
_LOCK_KEY = 7_263_110_514


class SchemaError(RuntimeError):
    """The store cannot be used or upgraded as it is (the message says what to do)."""


@dataclass(frozen=True)
class State:
    """Where a store stands: `empty`, `legacy` (made by main before migrations: tables, no
    version), `behind`, `current` or `ahead` (made by a newer radtrack)."""

    kind: str
    revision: str | None
    head: str


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for radtrack's migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def scripts() -> ScriptDirectory:
    """The migration scripts."""
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision this code knows."""
    return scripts().get_current_head()


def _state(conn: Connection) -> State:
    newest = head()
    tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
    revision = MigrationContext.configure(conn).get_current_revision()
    if revision is None:
        return State("legacy" if tables else "empty", None, newest)
    if revision == newest:
        return State("current", revision, newest)
    known = {s.revision for s in scripts().walk_revisions()}
    return State("behind" if revision in known else "ahead", revision, newest)


def state(engine: Engine) -> State:
    """Where the store at `engine` stands against this code."""
    with engine.connect() as conn:
        return _state(conn)


def has_data(engine: Engine) -> bool:
    """Whether any table of the store holds a row (then an upgrade is backed up first)."""
    with engine.connect() as conn:
        for name in inspect(conn).get_table_names():
            if name != "alembic_version":
                quoted = conn.dialect.identifier_preparer.quote(name)
                if conn.execute(text(f"SELECT 1 FROM {quoted} LIMIT 1")).first():
                    return True
    return False


def behind_message(found: State) -> str:
    """What to do with a store this code cannot use as it is."""
    if found.kind == "ahead":
        return (
            f"the store is at schema revision {found.revision}, made by a newer radtrack "
            f"(this one knows up to {found.head}): use that version, or restore a backup "
            "made for this one (`radtrack restore FILE`)"
        )
    was = "made before migrations" if found.kind == "legacy" else f"at {found.revision}"
    return (
        f"the store's schema is older than this radtrack ({was}, needs {found.head}): "
        "run `radtrack init` (or `radtrack db upgrade`), which backs it up and upgrades it"
    )


@contextmanager
def _transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for a whole upgrade, DDL included.

    SQLite: a connection of its own in autocommit mode that issues BEGIN IMMEDIATE itself (so
    CREATE and ALTER are part of the transaction, as SQLAlchemy's docs describe), with foreign
    keys off while tables are copied (alembic's batch mode) and checked before the commit.
    PostgreSQL: DDL is transactional; an advisory lock keeps a second upgrade waiting.
    """
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            yield conn
        return
    own = create_engine(engine.url)

    @event.listens_for(own, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(own, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with own.begin() as conn:
            yield conn
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                table, row, parent, _ = broken[0]
                raise SchemaError(
                    f"after the upgrade, {table} row {row} points at a missing {parent} row "
                    f"({len(broken)} such rows); nothing was changed"
                )
    finally:
        own.dispose()


def _adopt(conn: Connection) -> None:
    """Bring a store that main made before migrations to the baseline, as that main did on every
    start (missing tables, indexes and enum values added), check it has every baseline column,
    and stamp it with the baseline revision."""
    baseline = import_module("indicators.migrations.versions.0001_baseline").baseline_metadata()
    baseline.create_all(conn, checkfirst=True)
    for table in baseline.sorted_tables:
        for index in table.indexes:
            conn.execute(CreateIndex(index, if_not_exists=True))
    if conn.dialect.name == "postgresql":
        kinds = {
            c.type.name: c.type
            for t in baseline.sorted_tables
            for c in t.columns
            if isinstance(c.type, Enum)
        }
        for kind in kinds.values():
            for value in kind.enums:
                conn.execute(text(f"ALTER TYPE {kind.name} ADD VALUE IF NOT EXISTS '{value}'"))
    inspector = inspect(conn)
    missing = [
        f"{table.name}.{column.name}"
        for table in baseline.sorted_tables
        for column in table.columns
        if column.name not in {c["name"] for c in inspector.get_columns(table.name)}
    ]
    if missing:
        raise SchemaError(
            "the store was made by a radtrack older than the baseline of migrations and lacks "
            + ", ".join(missing)
            + "; nothing was changed. Restore a backup made by radtrack, or keep this file, "
            "start a new store (`radtrack init --reset`, which backs it up first) and load the "
            "agency files again"
        )
    command.stamp(config(conn), BASELINE)


@dataclass(frozen=True)
class Upgrade:
    """What an upgrade did: the store's revision before (None: new or pre-migration store)
    and after, and whether it adopted a store made before migrations."""

    before: str | None
    after: str
    adopted: bool

    @property
    def changed(self) -> bool:
        return self.adopted or self.before != self.after


def upgrade(engine: Engine) -> Upgrade:
    """Bring the store to the newest revision in one transaction: create it when empty, adopt a
    pre-migration store, apply every pending migration. A failure leaves the store unchanged
    and raises SchemaError saying why."""
    try:
        with _transaction(engine) as conn:
            found = _state(conn)  # read again under the lock: another upgrade may have run
            if found.kind == "ahead":
                raise SchemaError(behind_message(found))
            if found.kind == "legacy":
                _adopt(conn)
            if found.kind != "current":
                command.upgrade(config(conn), "head")
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise SchemaError(
            f"the upgrade to schema revision {head()} was refused by the database ({reason}); "
            "nothing was changed"
        ) from None
    return Upgrade(found.revision, head(), found.kind == "legacy")


def downgrade(engine: Engine, revision: str) -> None:
    """Take the store back to `revision` by the migrations' own downgrades, in one transaction
    (the benchmark's and the tests' way to make an older store; operators restore a backup)."""
    with _transaction(engine) as conn:
        command.downgrade(config(conn), revision)


def ensure(engine: Engine) -> None:
    """Make an empty store at the newest revision; accept a current one; refuse any other
    (SchemaError says to run `radtrack init`). For every command but init, and the dashboard."""
    found = state(engine)
    if found.kind == "current":
        return
    if found.kind == "empty":
        upgrade(engine)
        return
    raise SchemaError(behind_message(found))


def history() -> list[tuple[str, str]]:
    """Every revision, oldest first, with the first line of its description."""
    out = []
    for script in scripts().walk_revisions():
        out.append((script.revision, (script.doc or "").strip().splitlines()[0]))
    return list(reversed(out))
