"""Upgrading never loses a figure, an account or a line of history: a store made by main 15331d8
(the last commit before migrations; tests/fixtures/store_15331d8) is upgraded in place and
compared row for row, on SQLite and PostgreSQL; a failing upgrade changes nothing; backups
restore; the models and the migrations never drift apart."""

import base64
import json
import shutil
import sqlite3
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import Column, Enum, Integer, LargeBinary, MetaData, inspect, text
from sqlalchemy.types import DateTime
from sqlmodel import SQLModel, select

from indicators import schema
from indicators.db import make_engine, session
from indicators.models import PendingUpload, ReviewStatus
from loaders.review import approve
from radtrack.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "store_15331d8"
DATA = json.loads((FIXTURE / "data.json").read_text(encoding="utf-8"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path) -> str:
    """The URL of a new, empty database: an SQLite file, or a PostgreSQL database of this run."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("pg_database")()


def _reflect(engine) -> MetaData:
    found = MetaData()
    with warnings.catch_warnings():  # SQLite cannot reflect the expression index; not needed
        warnings.simplefilter("ignore")
        found.reflect(engine)
    return found


def _plain(value, column):
    if value is None:
        return None
    if isinstance(value, dict) and "base64" in value:
        return base64.b64decode(value["base64"])
    if isinstance(column.type, DateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def make_old_store(url: str):
    """A store exactly as main 15331d8 made it (its own DDL), holding the fixture's rows."""
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        with sqlite3.connect(engine.url.database) as conn:
            conn.executescript((FIXTURE / "schema.sqlite.sql").read_text())
    else:
        libpq = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run(
            ["psql", "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "-d", libpq, "-f",
             str(FIXTURE / "schema.postgresql.sql")],
            check=True, capture_output=True,
        )  # fmt: skip
    tables = _reflect(engine)
    with engine.begin() as conn:
        for table in tables.sorted_tables:
            rows = [{k: _plain(v, table.c[k]) for k, v in row.items()} for row in DATA[table.name]]
            if rows:
                conn.execute(table.insert(), rows)
        if engine.dialect.name == "postgresql":  # as a store that made its rows itself
            for table in tables.sorted_tables:
                if "id" in table.c and DATA[table.name]:
                    conn.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                             f"(SELECT max(id) FROM {table.name}))")
                    )  # fmt: skip
    return engine


def contents(engine) -> dict[str, list[dict]]:
    """Every row of every table as stored, in key order."""
    tables = _reflect(engine)
    out = {}
    with engine.connect() as conn:
        for table in tables.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [
                dict(r._mapping) for r in conn.execute(table.select().order_by(*order))
            ]
    return out


def _cli(url: str, tmp_path: Path, *args):
    env = {"RADTRACK_DATABASE_URL": url, "RADTRACK_BACKUP_DIR": str(tmp_path / "backups")}
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def test_fixture_holds_what_the_upgrade_must_keep():
    """The old store is not a toy: accounts, history, a withdrawal, a waiting upload, the log."""
    statuses = {s["status"] for s in DATA["submission"]}
    assert statuses == {"LOADED", "REPLACED", "WITHDRAWN"}
    assert {p["status"] for p in DATA["pending_upload"]} == {"SUBMITTED", "RETURNED"}
    assert all(p["data"]["base64"] for p in DATA["pending_upload"])
    assert len(DATA["app_user"]) == 3 and len(DATA["audit_event"]) >= 10
    assert any(s["changes"] and s["changes"]["changed"] for s in DATA["submission"])
    assert len(DATA["indicator"]) == 47 and DATA["achievement"]


def test_old_store_upgrades_in_place_with_every_row_kept(url, tmp_path):
    engine = make_old_store(url)
    before = contents(engine)
    assert schema.state(engine).kind == "legacy"

    result = _cli(url, tmp_path, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "Cadangan dibuat:" in result.output
    assert f"Skema: 0001 -> {schema.head()}." in result.output

    after = contents(engine)
    # tables added by later revisions start empty
    added = {"alembic_version", "responsibility", "reminder", "narrative"}
    assert set(after) == set(before) | added
    assert not after["responsibility"] and not after["reminder"]
    # a migration that changes a materialised summary marks every plan's summaries stale
    # (summary_state: stale, one more change) so the next reader rebuilds them from the figures
    marked = {"summary_state": ("stale", "changes")}
    # plan.bands, dropped by 0006: it could not be set, so no store holds a value in it
    dropped = {"plan": ("bands",)}
    assert all(row["bands"] is None for row in before["plan"])
    for name, rows in before.items():
        skip = (*marked.get(name, ()), *dropped.get(name, ()))
        keys = [k for k in rows[0] if k not in skip] if rows else []
        kept = [{k: row[k] for k in keys} for row in after[name]] if rows else after[name]
        assert kept == [{k: row[k] for k in keys} for row in rows], name  # every row, as it was
    assert [r["retired_at"] for r in after["indicator"]] == [None] * 47
    assert [r["sensitive"] for r in after["indicator"]] == [False] * 47
    assert {(r["channel"], r["retired_on"]) for r in after["agency"]} == {("email", None)}
    assert not any(r["is_demo"] for r in after["pending_upload"])
    assert all(r["stale"] for r in after["summary_state"])
    assert schema.state(engine).kind == "current"

    # the backup taken first is the old store itself
    (backup,) = (tmp_path / "backups").iterdir()
    assert "before-migrations" in backup.name
    engine.dispose()


def test_upgraded_store_works_as_before(url, tmp_path):
    """The waiting upload's bytes still load, init adds its catalogue load, pages read it."""
    engine = make_old_store(url)
    result = _cli(url, tmp_path, "init")
    assert result.exit_code == 0, result.output
    assert "Katalog dimuat: 1 RAD" in result.output
    assert "dipensiunkan" not in result.output  # the bundled catalogue did not change
    with session(engine) as s:
        waiting = s.exec(
            select(PendingUpload).where(PendingUpload.status == ReviewStatus.SUBMITTED)
        ).one()
    report = approve(engine, waiting.id, "sekretariat")
    assert report.ok and report.rows_loaded == 1
    out = tmp_path / "capaian.csv"
    assert _cli(url, tmp_path, "export", "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 4 + 1  # header, the four real figures kept, the approved one
    assert _cli(url, tmp_path, "db", "current").output.startswith(f"{schema.head()} (head")
    audit = _cli(url, tmp_path, "audit", "--format", "json").output
    assert json.loads(audit)[-1]["action"] == "catalogue.loaded"  # the oldest event kept
    engine.dispose()


def test_failed_upgrade_leaves_the_store_exactly_as_it_was(url, tmp_path, monkeypatch):
    """A migration that old rows break (a unique index over duplicates) is refused by the
    database: one transaction, so nothing of the upgrade remains, on SQLite too."""
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations)
    (migrations / "versions" / "9999_breaks.py").write_text(
        f'''"""A unique index the old rows break."""
from alembic import op

revision = "9999"
down_revision = "{schema.head()}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("uq_broken", "achievement", ["agency_id"], unique=True)


def downgrade():
    op.drop_index("uq_broken", "achievement")
'''
    )
    engine = make_old_store(url)
    before = contents(engine)
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    result = _cli(url, tmp_path, "db", "upgrade")
    assert result.exit_code == 1
    assert "refused by the database" in result.output and "nothing was changed" in result.output
    assert "Traceback" not in result.output
    assert contents(engine) == before
    assert schema.state(engine).kind == "legacy"
    assert "retired_at" not in {c["name"] for c in inspect(engine).get_columns("indicator")}
    engine.dispose()


def test_restore_rolls_an_upgrade_back(url, tmp_path):
    engine = make_old_store(url)
    before = contents(engine)
    assert _cli(url, tmp_path, "init").exit_code == 0
    (backup,) = (tmp_path / "backups").iterdir()
    result = _cli(url, tmp_path, "restore", backup, "--yes")
    assert result.exit_code == 0, result.output
    # this code says the restored store is older than itself, and what to do with it
    assert "Dipulihkan dari" in result.output and "made before migrations" in result.output
    assert contents(engine) == before
    assert schema.state(engine).kind == "legacy"
    # the restore backed up what it replaced: a restore can be undone too
    assert any("before-restore" in p.name for p in (tmp_path / "backups").iterdir())
    engine.dispose()


def test_backup_and_restore_round_trip_a_current_store(store, tmp_path):
    url = store.url.render_as_string(hide_password=False)
    before = contents(store)
    target = tmp_path / ("copy.sqlite" if store.dialect.name == "sqlite" else "copy.dump")
    assert _cli(url, tmp_path, "backup", "-o", target).exit_code == 0
    assert _cli(url, tmp_path, "backup", "-o", target).exit_code == 1  # never overwritten
    with store.begin() as conn:
        conn.execute(text("DELETE FROM indicator_status"))
        conn.execute(text("UPDATE region SET name = 'X'"))
    assert _cli(url, tmp_path, "restore", target, "--yes").exit_code == 0
    assert contents(store) == before


def test_restore_refuses_a_file_that_is_not_a_backup(store, tmp_path):
    url = store.url.render_as_string(hide_password=False)
    before = contents(store)
    fake = tmp_path / "laporan.xlsx"
    fake.write_bytes(b"PK\x03\x04 not a backup")
    result = _cli(url, tmp_path, "restore", fake, "--yes")
    assert result.exit_code == 1 and "Error:" in result.output
    assert contents(store) == before


def test_commands_and_workers_refuse_a_store_behind_the_code(url, tmp_path):
    engine = make_old_store(url)
    before = contents(engine)
    out = tmp_path / "x.csv"
    for args in (("export", "-o", out), ("serve", "--workers", "2"), ("catalogue",)):
        result = _cli(url, tmp_path, *args)
        assert result.exit_code == 1, args
        assert "Error: the store's schema is older than this radtrack" in result.output
        assert "radtrack init" in result.output
    worker = subprocess.run(
        [sys.executable, "-c", "import dashboard.wsgi"],
        env={"RADTRACK_DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, cwd=Path(__file__).parents[1], check=False,
    )  # fmt: skip
    assert worker.returncode == 3  # gunicorn halts rather than restart workers in a loop
    assert "Error: the store's schema is older" in worker.stderr
    assert "Traceback" not in worker.stderr
    assert contents(engine) == before
    engine.dispose()


def test_a_store_from_a_newer_radtrack_is_refused(url, tmp_path):
    engine = make_engine(url)
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    for args in (("init",), ("db", "upgrade"), ("export", "-o", tmp_path / "x.csv")):
        result = _cli(url, tmp_path, *args)
        assert result.exit_code == 1
        assert "made by a newer radtrack" in result.output
    engine.dispose()


def test_a_store_older_than_the_baseline_is_refused_untouched(tmp_path):
    db = tmp_path / "older.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("create table agency (id integer primary key, code text, name text)")
        conn.execute("insert into agency values (1, 'DINSOS', 'Dinas Sosial')")
    url = f"sqlite:///{db}"
    result = _cli(url, tmp_path, "init")
    assert result.exit_code == 1
    assert "lacks agency.kind, agency.region_code" in result.output
    with sqlite3.connect(db) as conn:
        names = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert names == {"agency"}  # the tables the adoption created were rolled back too
    reset = _cli(url, tmp_path, "init", "--reset")
    assert reset.exit_code == 0
    assert "Cadangan dibuat:" in reset.output  # even a reset keeps a copy first


def test_two_upgrades_at_once_make_one_store(url):
    """Two `radtrack init` started together (two workers, two operators): one migrates, the
    other waits and finds the store current."""
    engines = [make_engine(url), make_engine(url)]
    with ThreadPoolExecutor(2) as pool:
        done = list(pool.map(schema.upgrade, engines))
    assert sorted(d.before or "-" for d in done) == ["-", schema.head()]
    with engines[0].connect() as conn:
        assert conn.execute(text("select count(*) from alembic_version")).scalar() == 1
    for engine in engines:
        engine.dispose()


def test_backup_of_a_missing_store_says_so(tmp_path):
    result = _cli(
        f"sqlite:///{tmp_path / 'nowhere.sqlite'}", tmp_path, "backup", "-o", tmp_path / "b"
    )
    assert result.exit_code == 1 and "there is no store at" in result.output
    assert not (tmp_path / "nowhere.sqlite").exists() and not (tmp_path / "b").exists()


@pytest.mark.parametrize("start", ["fresh", "old store", "down and up"])
def test_models_and_migrations_agree(url, start):
    """`alembic check` finds nothing to migrate, and what it does not compare (index names,
    PostgreSQL enum values) matches too, whether the store was made new, upgraded from the
    store of main 15331d8, or taken down to the baseline by the downgrades and up again: a
    model change without its migration fails here."""
    engine = make_old_store(url) if start == "old store" else make_engine(url)
    schema.upgrade(engine)
    if start == "down and up":
        schema.downgrade(engine, schema.BASELINE)
        schema.upgrade(engine)
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLite cannot compare the expression index
        command.check(schema.config(conn))
    inspector = inspect(engine)
    for table in SQLModel.metadata.sorted_tables:
        if engine.dialect.name == "postgresql":  # unique constraints have an index too
            stored = {
                i["name"]
                for i in inspector.get_indexes(table.name)
                if not i.get("duplicates_constraint")
            }
        else:
            with engine.connect() as conn:
                stored = {
                    r[0]
                    for r in conn.execute(
                        text("select name from sqlite_master where type='index' and tbl_name=:t "
                             "and sql is not null"), {"t": table.name}
                    )
                }  # fmt: skip
        assert stored == {i.name for i in table.indexes}, table.name
    if engine.dialect.name == "postgresql":
        stored = {e["name"]: e["labels"] for e in inspector.get_enums()}
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, Enum):
                    assert stored[column.type.name] == list(column.type.enums)
    engine.dispose()


def test_the_check_sees_a_model_change_without_a_migration(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    schema.upgrade(engine)
    changed = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["indicator"].append_column(Column("weight", Integer, nullable=True))
    changed.tables["pending_upload"].append_column(Column("scan", LargeBinary, nullable=True))
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        diff = compare_metadata(MigrationContext.configure(conn), changed)
    added = sorted(d[3].name for d in diff if d[0] == "add_column")
    assert added == ["scan", "weight"]
    engine.dispose()
