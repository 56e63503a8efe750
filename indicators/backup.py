"""Backups of the whole store and their restore: SQLite through its online backup API (readers
and writers may go on meanwhile), PostgreSQL through pg_dump and psql when they are installed.

A restore replaces every radtrack table with the backup's in one transaction; what the store
held before is first saved as a backup of its own, so a restore can itself be undone.
"""

import os
import shutil
import sqlite3
import subprocess
import time
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


def _libpq(engine: Engine) -> tuple[str, dict]:
    """The database as libpq wants it for pg_dump/psql: a URL without the password or the
    driver's own options, and the password in the environment (never on a command line,
    where any local user could read it)."""
    url = engine.url
    env = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None, query={})
    return plain.render_as_string(hide_password=False), env


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
        try:
            source = sqlite3.connect(_sqlite_file(engine))
            target = sqlite3.connect(path)
            try:
                source.backup(target, progress=_deadline(BUSY_SECONDS))
                # a self-contained file: no -wal beside it is needed to read it
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
                source.close()
        except (sqlite3.Error, OSError, TimeoutError) as exc:
            path.unlink(missing_ok=True)
            raise BackupError(f"the backup to {path} failed: {exc}") from None
        return path
    if engine.dialect.name == "postgresql":
        url, env = _libpq(engine)
        try:
            done = subprocess.run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={path}", url],
                capture_output=True, text=True, check=False, env=env,
            )  # fmt: skip
        except OSError as exc:
            done = subprocess.CompletedProcess([], 1, "", str(exc))
        if done.returncode != 0:
            path.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {done.stderr.strip()[:500]}")
        return path
    raise BackupError(f"backups of {engine.dialect.name} stores are not supported")


BUSY_SECONDS = 60  # how long a backup or restore waits for another connection's write


def _deadline(seconds: float):
    """A progress callback for sqlite3's backup that gives up once `seconds` have passed (its
    own loop retries a busy database for ever)."""
    end = time.monotonic() + seconds

    def progress(status, _remaining, _total):
        if time.monotonic() > end:
            raise TimeoutError(f"the database stayed busy for {seconds:g} s; try again")

    return progress


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
        return
    listing = subprocess.run(
        [_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True, check=False
    )
    tables = {
        line.split()[-2]
        for line in listing.stdout.splitlines()
        if " TABLE " in line and not line.startswith(";")
    }
    if listing.returncode != 0 or not {"submission", "indicator"} <= tables:
        raise BackupError(f"{path.name} is not a pg_dump archive of a radtrack store")


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
            # page by page under the target's write lock: all or nothing
            source.backup(target, progress=_deadline(BUSY_SECONDS))
        except (sqlite3.Error, TimeoutError) as exc:
            raise BackupError(f"restore failed, store unchanged: {exc}") from None
        finally:
            target.close()
            source.close()
        return before
    # PostgreSQL: one psql transaction drops the store's schema, makes it again and reads the
    # archive (streamed from pg_restore, never held in memory); any error rolls all of it back.
    url, env = _libpq(engine)
    schema = inspect(engine).default_schema_name or "public"
    prefix = f'DROP SCHEMA IF EXISTS "{schema}" CASCADE;\nCREATE SCHEMA "{schema}";\n'
    reader = subprocess.Popen(
        [_tool("pg_restore"), "--no-owner", "--file=-", str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    writer = subprocess.Popen(
        [_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction",
         "--set=ON_ERROR_STOP=1", f"--dbname={url}"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        writer.stdin.write(prefix.encode())
        shutil.copyfileobj(reader.stdout, writer.stdin)
        writer.stdin.close()
    except BrokenPipeError:
        pass  # psql stopped at an error: its message says which
    errors = writer.stderr.read().decode(errors="replace")
    reader.wait()
    if writer.wait() != 0 or reader.returncode != 0:
        detail = errors.strip() or reader.stderr.read().decode(errors="replace").strip()
        raise BackupError(f"restore failed, store unchanged: {detail[:500]}")
    return before
