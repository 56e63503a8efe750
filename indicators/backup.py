"""Backups of the whole store and their restore: SQLite through its online backup API (readers
and writers may go on meanwhile), PostgreSQL through pg_dump and psql when they are installed.

A restore replaces every radtrack table with the backup's in one transaction; what the store
held before is first saved as a backup of its own, so a restore can itself be undone.
"""

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from indicators.db import ROOT

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore that cannot be done (the message says why and what to do)."""


def backup_dir() -> Path:
    """Where automatic backups go: RADTRACK_BACKUP_DIR, or var/backups in the checkout."""
    return Path(os.environ.get("RADTRACK_BACKUP_DIR") or ROOT / "var" / "backups")


def default_path(engine: Engine, label: str) -> Path:
    """A new file name in backup_dir() for a backup of `engine`, stamped with the UTC time."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    suffix = ".sqlite" if engine.dialect.name == "sqlite" else ".dump"
    return backup_dir() / f"radtrack-{stamp}-{label}{suffix}"


def _sqlite_file(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite store cannot be backed up")
    if not Path(database).is_file():
        raise BackupError(f"there is no store at {database}: run `radtrack init` first")
    return Path(database)


def _libpq_url(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed (Debian: apt-get install postgresql-client); back the "
            "database up another way and run again with --no-backup"
        )
    return found


def backup(engine: Engine, path: Path) -> Path:
    """Write a consistent copy of the whole store to `path` (SQLite file or pg_dump archive)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} exists already; choose another file")
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(_sqlite_file(engine))
        target = sqlite3.connect(path)
        try:
            source.backup(target)
            # a self-contained file: no -wal beside it is needed to read it
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
            source.close()
        return path
    if engine.dialect.name == "postgresql":
        done = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             f"--file={path}", _libpq_url(engine)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            path.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        return path
    raise BackupError(f"backups of {engine.dialect.name} stores are not supported")


def _check_file(engine: Engine, path: Path) -> None:
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    with path.open("rb") as fh:
        head = fh.read(16)
    magic = SQLITE_MAGIC if engine.dialect.name == "sqlite" else PG_MAGIC
    if not head.startswith(magic):
        kind = "an SQLite database" if engine.dialect.name == "sqlite" else "a pg_dump archive"
        raise BackupError(f"{path.name} is not {kind}: the store is {engine.dialect.name}")
    if engine.dialect.name == "sqlite":
        check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in check.execute("select name from sqlite_master")}
            verdict = check.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path.name} cannot be read: {exc}") from None
        finally:
            check.close()
        if "submission" not in names or "indicator" not in names:
            raise BackupError(f"{path.name} is not a radtrack store")
        if verdict != "ok":
            raise BackupError(f"{path.name} is damaged: {verdict}")


def restore(engine: Engine, path: Path) -> Path:
    """Replace the store's contents with the backup at `path`, in one transaction; returns the
    backup of what the store held just before (so the restore can be undone)."""
    path = Path(path)
    _check_file(engine, path)
    before = backup(engine, default_path(engine, "before-restore"))
    engine.dispose()  # no pooled connection may keep reading the old pages
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(_sqlite_file(engine), timeout=30)
        try:
            source.backup(target)  # page by page under the target's write lock: all or nothing
        except sqlite3.Error as exc:
            raise BackupError(f"restore failed, store unchanged: {exc}") from None
        finally:
            target.close()
            source.close()
        return before
    listing = subprocess.run(
        [_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if listing.returncode != 0:
        raise BackupError(f"pg_restore cannot read {path.name}: {listing.stderr.strip()}")
    inspector = inspect(engine)
    drops = [f'DROP TABLE IF EXISTS public."{t}" CASCADE;' for t in inspector.get_table_names()]
    drops += [f'DROP TYPE IF EXISTS public."{e["name"]}" CASCADE;' for e in inspector.get_enums()]
    done = subprocess.run(
        [_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction",
         "--set=ON_ERROR_STOP=1", f"--dbname={_libpq_url(engine)}"],
        input="\n".join(drops) + "\n" + listing.stdout,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"restore failed, store unchanged: {done.stderr.strip()}")
    return before
