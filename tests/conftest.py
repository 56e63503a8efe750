"""Shared fixtures: stores on SQLite and PostgreSQL, the bundled catalogue, agency workbooks."""

import os
import secrets
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, text
from sqlmodel import SQLModel, select

from indicators.catalogue import load_bundled
from indicators.db import make_engine, session
from indicators.models import Achievement, Agency, Submission
from indicators.queries import get_plan
from indicators.schema import upgrade
from loaders.template import COLUMNS, DATA_SHEET, HEADER_ROW, write_template

PG_URL = os.environ.get("RADTRACK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


def _pg_reachable(engine) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception:
        return False


def _start_postgres() -> None:
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    for version in versions:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=False,
            capture_output=True,
            timeout=60,
        )


@pytest.fixture(scope="session")
def pg_server():
    """An AUTOCOMMIT engine on the local PostgreSQL (started if it is down) for creating and
    dropping this run's own databases. Missing under CI=true fails."""
    admin = make_engine(PG_URL)
    if not _pg_reachable(admin):
        _start_postgres()
    if not _pg_reachable(admin):
        message = f"PostgreSQL is not reachable at {PG_URL}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    admin.dispose()
    admin = make_engine(PG_URL).execution_options(isolation_level="AUTOCOMMIT")
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def pg_database(pg_server):
    """Makes empty databases of this test run's own (dropped at its end), so that two runs on
    one host never meet: pg_database() returns a new database's URL."""
    made = []

    def new() -> str:
        name = f"radtrack_test_{os.getpid()}_{secrets.token_hex(4)}"
        with pg_server.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return pg_server.url.set(database=name).render_as_string(hide_password=False)

    yield new
    with pg_server.connect() as conn:
        for name in made:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def pg_engine(pg_database):
    """This run's own PostgreSQL database, at the newest schema revision."""
    engine = make_engine(pg_database())
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_head(tmp_path_factory) -> Path:
    """An SQLite store file at the newest schema revision, copied for each test."""
    path = tmp_path_factory.mktemp("head") / "head.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def _sqlite_store(head: Path, folder: Path):
    path = folder / "store.sqlite"
    shutil.copyfile(head, path)
    return make_engine(f"sqlite:///{path}")


def _empty(engine):
    """Every row gone, ids from 1 again; the schema (and its revision) stays."""
    tables = [t.name for t in SQLModel.metadata.sorted_tables]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    """An empty store, once on an SQLite file and once on the local PostgreSQL."""
    if request.param == "sqlite":
        eng = _sqlite_store(request.getfixturevalue("sqlite_head"), tmp_path)
        yield eng
        eng.dispose()
    else:
        yield _empty(request.getfixturevalue("pg_engine"))


@pytest.fixture
def store(engine):
    """A store holding the bundled catalogue (TTU RAD, NTT regions, agencies, context)."""
    with session(engine) as s:
        load_bundled(s)
        s.commit()
    return engine


@pytest.fixture
def sqlite_store(tmp_path, sqlite_head):
    """The bundled catalogue on SQLite only, for tests that are not about the database."""
    eng = _sqlite_store(sqlite_head, tmp_path)
    with session(eng) as s:
        load_bundled(s)
        s.commit()
    yield eng
    eng.dispose()


def snapshot(engine) -> dict:
    """Everything a failed load must leave untouched: row counts and the values themselves."""
    with session(engine) as s:
        counts = {
            table.name: s.exec(select(func.count()).select_from(table)).one()
            for table in SQLModel.metadata.sorted_tables
        }
        values = sorted(
            (a.indicator_id, a.agency_id, a.year, a.value, a.budget, a.spent, a.submission_id)
            for a in s.exec(select(Achievement))
        )
        statuses = sorted((x.id, x.status) for x in s.exec(select(Submission)))
    return {"counts": counts, "values": values, "submissions": statuses}


COL = {key: index for index, (key, _h, _w) in enumerate(COLUMNS, start=1)}


def make_template(
    engine, path: Path, agency: str = "DINSOS", year: int = 2019, quarter=None, plan=None
):
    """Write a real agency template with radtrack's own writer (for the first plan, or `plan`)."""
    with session(engine) as s:
        plan = get_plan(s, plan)
        found = s.exec(select(Agency).where(Agency.code == agency)).one()
        return write_template(s, plan, found, year, path, quarter)


def fill(path: Path, values: dict[str, dict], out: Path | None = None) -> Path:
    """Fill a template: {indicator code: {"value": .., "budget": .., "spent": .., "note": ..}}."""
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    rows = {ws.cell(r, COL["code"]).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    for code, cells in values.items():
        for key, value in cells.items():
            cell = ws.cell(rows[code], COL[key], value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text typed with Excel's leading apostrophe, not a formula
    out = out or path
    wb.save(out)
    return out


def row_of(path: Path, code: str) -> int:
    """The sheet row of indicator `code` in a template."""
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[DATA_SHEET]
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if row and row[0] == code:
            return number
    raise KeyError(code)


def pytest_setup_options():
    """Chrome options for dash_duo: headless Debian Chromium as root, no network chatter."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
    ):
        options.add_argument(flag)
    if Path("/usr/bin/chromium").exists():
        options.binary_location = "/usr/bin/chromium"
    return options
