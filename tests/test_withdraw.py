"""The secretariat withdraws a report that should not count: its figures leave every table in
one transaction, the period is due again, the file stays in history, and the audit log says
who, when, why and how many rows went."""

import json

import pytest
from click.testing import CliRunner
from sqlmodel import select

from indicators.audit import audit_table
from indicators.compliance import compliance_table
from indicators.db import session
from indicators.models import Achievement, Submission, SubmissionStatus
from indicators.queries import get_plan, plan_status
from loaders.ingest import ingest_file
from loaders.review import ReviewError, withdraw
from tests.conftest import fill, make_template, snapshot


def _load(store, tmp_path, values, agency="DINSOS", year=2020):
    path = fill(make_template(store, tmp_path / f"{agency}_{year}.xlsx", agency, year), values)
    report = ingest_file(store, path)
    assert report.ok, report.problems
    return path


def _realised(store, code, year):
    with session(store) as s:
        rows = plan_status(s, get_plan(s)).yearly
        value = rows[rows["year"] == year].set_index("code").loc[code, "realised"]
        return None if value != value else float(value)


def _state(store, agency, year):
    with session(store) as s:
        table = compliance_table(s, get_plan(s))
    return table[(table["agency"] == agency) & (table["year"] == year)]["state"].iloc[0]


def test_a_withdrawn_report_stops_counting_and_is_audited(store, tmp_path):
    path = _load(store, tmp_path, {"2.a.1.3": {"value": 30}, "3.a.1.1": {"value": 2}})
    _load(store, tmp_path, {"2.a.1.3": {"value": 5}}, agency="POLRES")
    assert _realised(store, "2.a.1.3", 2020) == 35
    assert _state(store, "DINSOS", 2020) != "missing"

    done = withdraw(store, "dinsos", 2020, None, "angka tahun 2019 terkirim sebagai 2020", "sekre")
    assert (done.agency, done.period, done.rows) == ("DINSOS", "2020", 2)
    assert _realised(store, "2.a.1.3", 2020) == 5  # POLRES still counts
    assert _state(store, "DINSOS", 2020) == "missing"
    with session(store) as s:
        dinsos = s.exec(select(Submission).where(Submission.file_name == path.name)).one()
        assert dinsos.status == SubmissionStatus.WITHDRAWN  # kept in history
        assert not s.exec(select(Achievement).where(Achievement.submission_id == dinsos.id)).all()
        event = audit_table(s).iloc[0]
    assert (event["action"], event["actor"], event["target"]) == (
        "submission.withdrawn",
        "sekre",
        path.name,
    )
    assert "rows_before=2" in event["detail"] and "rows_after=0" in event["detail"]
    assert "terkirim sebagai 2020" in event["detail"]

    # The same file is not loaded again silently; --reinstate brings it back, audited.
    again = ingest_file(store, path)
    assert [p.code for p in again.errors] == ["withdrawn-file"]
    assert "--reinstate" in again.errors[0].message("en")
    assert _realised(store, "2.a.1.3", 2020) == 5
    assert ingest_file(store, path, reinstate=True).status == "loaded"
    assert _realised(store, "2.a.1.3", 2020) == 35
    with session(store) as s:
        assert "reinstated=True" in audit_table(s).iloc[0]["detail"]


def test_a_withdrawal_that_cannot_be_done_changes_nothing(store, tmp_path):
    _load(store, tmp_path, {"2.a.1.3": {"value": 30}})
    before = snapshot(store)
    with pytest.raises(ReviewError, match="say why"):
        withdraw(store, "DINSOS", 2020, None, "  ", "sekre")
    with pytest.raises(ReviewError, match="nothing counts for DINSOS 2021"):
        withdraw(store, "DINSOS", 2021, None, "salah", "sekre")
    with pytest.raises(ReviewError, match="nothing counts for DINSOS 2020 TW 2"):
        withdraw(store, "DINSOS", 2020, 2, "salah", "sekre")
    with pytest.raises(ReviewError, match="unknown agency 'NOPE'"):
        withdraw(store, "NOPE", 2020, None, "salah", "sekre")
    with pytest.raises(ReviewError, match="unknown plan 'X'"):
        withdraw(store, "DINSOS", 2020, None, "salah", "sekre", plan_code="X")
    assert snapshot(store) == before


def test_withdraw_on_the_command_line(sqlite_store, tmp_path):
    from radtrack.cli import main

    _load(sqlite_store, tmp_path, {"2.a.1.3": {"value": 30}})
    env = {"RADTRACK_DATABASE_URL": str(sqlite_store.url)}
    runner = CliRunner()
    args = ["withdraw", "--agency", "DINSOS", "--year", "2020"]
    missing = runner.invoke(main, args, env=env)
    assert missing.exit_code != 0 and "--reason" in missing.output
    done = runner.invoke(main, [*args, "--reason", "dobel", "--user", "sekre"], env=env)
    assert done.exit_code == 0, done.output
    assert "DINSOS 2020, 1 baris" in done.output
    again = runner.invoke(main, [*args, "--reason", "dobel"], env=env)
    assert again.exit_code != 0 and "nothing counts for DINSOS 2020" in again.output
    log = json.loads(runner.invoke(main, ["audit", "--format", "json"], env=env).output)
    assert (log[0]["action"], log[0]["actor"]) == ("submission.withdrawn", "sekre")


def test_an_agency_sees_its_approved_upload_as_withdrawn(sqlite_store, tmp_path):
    from indicators.queries import pending_table
    from loaders.ingest import ingest_bytes
    from loaders.review import approve, submit

    path = fill(
        make_template(sqlite_store, tmp_path / "p.xlsx", "POLRES", 2020),
        {"3.a.1.1": {"value": 4}},
    )
    data = path.read_bytes()
    checked = ingest_bytes(sqlite_store, data, path.name, dry_run=True)
    pending = submit(sqlite_store, data, path.name, checked, "polres-ttu")
    assert approve(sqlite_store, pending, "sekre").ok

    def state():
        with session(sqlite_store) as s:
            return pending_table(s, agency="POLRES").set_index("id").loc[pending, "status"]

    assert state() == "approved"
    withdraw(sqlite_store, "POLRES", 2020, None, "salah kirim", "sekre")
    assert state() == "withdrawn"
