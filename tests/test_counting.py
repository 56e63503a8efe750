"""One activity never counts twice: an annual report replaces the year's triwulan, a triwulan is
refused while the annual counts, a to-date triwulan needs the earlier ones, and a file that was
replaced or withdrawn does not come back silently (loaders.counting)."""

from click.testing import CliRunner

from indicators.db import session
from indicators.queries import get_plan, plan_status
from loaders.ingest import ingest_file, ingest_files
from radtrack.cli import main
from tests.conftest import fill, make_template, snapshot


def _file(store, tmp_path, name, value, quarter=None, agency="POLRES", year=2020):
    template = make_template(store, tmp_path / f"t-{name}", agency, year, quarter)
    return fill(template, {"3.a.1.1": {"value": value}}, tmp_path / name)


def _realised(store, code="3.a.1.1", year=2020):
    with session(store) as s:
        rows = plan_status(s, get_plan(s)).yearly
    return float(rows[rows["year"] == year].set_index("code").loc[code, "realised"])


def test_annual_report_replaces_the_years_triwulan(store, tmp_path):
    for q, value in ((1, 4), (2, 10)):
        assert ingest_file(store, _file(store, tmp_path, f"tw{q}.xlsx", value, q)).ok
    assert _realised(store) == 14
    dry = ingest_file(store, _file(store, tmp_path, "tahunan.xlsx", 18), dry_run=True)
    changes = dry.periods[0]["changes"]
    assert changes["replaced_quarters"] == [1, 2]
    assert sorted((c["quarter"], c["value"]) for c in changes["removed"]) == [(1, 4.0), (2, 10.0)]
    annual = ingest_file(store, tmp_path / "tahunan.xlsx")
    assert annual.status == "replaced"
    assert _realised(store) == 18  # never 4 + 10 + 18


def test_triwulan_is_refused_while_the_annual_report_counts(store, tmp_path):
    assert ingest_file(store, _file(store, tmp_path, "tahunan.xlsx", 18)).ok
    before = snapshot(store)
    report = ingest_file(store, _file(store, tmp_path, "tw3.xlsx", 5, 3))
    assert [p.code for p in report.errors] == ["annual-counts"]
    assert "tahunan.xlsx" in report.errors[0].message("en")
    assert snapshot(store) == before


def test_revision_then_its_original_again_keeps_the_revision(store, tmp_path):
    original = _file(store, tmp_path, "polres_2020.xlsx", 7)
    revision = _file(store, tmp_path, "polres_2020_revisi.xlsx", 9)
    assert ingest_file(store, original).ok
    reports = ingest_files(store, [revision, original])
    assert [r.status for r in reports] == ["replaced", "rejected"]
    assert [p.code for p in reports[1].errors] == ["superseded-file"]
    assert "polres_2020_revisi.xlsx" in reports[1].errors[0].message("id")
    assert _realised(store) == 9


def test_reinstating_a_replaced_file_is_said_on_the_command_line(store, tmp_path, monkeypatch):
    url = store.url.render_as_string(hide_password=False)
    monkeypatch.setenv("RADTRACK_DATABASE_URL", url)
    original = _file(store, tmp_path, "a.xlsx", 7)
    revision = _file(store, tmp_path, "b.xlsx", 9)
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(original), str(revision)]).exit_code == 0
    refused = runner.invoke(main, ["ingest", str(original)])
    assert refused.exit_code == 1 and "--reinstate" in refused.output
    assert runner.invoke(main, ["ingest", "--reinstate", str(original)]).exit_code == 0
    assert _realised(store) == 7
