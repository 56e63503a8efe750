"""One activity never counts twice: an annual report replaces the year's triwulan, a triwulan is
refused while the annual counts, a to-date triwulan needs the earlier ones, and a file that was
replaced or withdrawn does not come back silently (loaders.counting)."""

import openpyxl
import pandas as pd
from click.testing import CliRunner

from indicators.db import session
from indicators.queries import get_plan, plan_status, status_table
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
    assert changes["replaced_periods"] == ["2020 TW 1", "2020 TW 2"]
    removed = sorted((c["period"], c["value"]) for c in changes["removed"])
    assert removed == [("2020 TW 1", 4.0), ("2020 TW 2", 10.0)]
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


def _semester_file(store, tmp_path, name, semester, value, agency="POLRES", year=2020):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([f"LAPORAN CAPAIAN RAD TPPO {agency} SEMESTER {'I' * semester} TAHUN {year}"])
    ws.append(["Kode", "Realisasi"])
    ws.append(["3.a.1.1", value])
    path = tmp_path / name
    wb.save(path)
    return path


def _status_at(store, year, quarter):
    with session(store) as s:
        table = status_table(s, get_plan(s), year, quarter=quarter)
    return float(table.set_index("code").loc["3.a.1.1", "realised"])


def test_semesters_are_periods_of_their_own_in_every_view(store, tmp_path):
    for semester, value in ((1, 4), (2, 6)):
        report = ingest_file(
            store, _semester_file(store, tmp_path, f"s{semester}.xlsx", semester, value)
        )
        assert report.status == "loaded" and report.semester == semester
    assert _realised(store) == 10  # the year: both halves, the second no correction of the first
    assert _status_at(store, 2020, 2) == 4  # the end of TW II: Semester I only
    assert _status_at(store, 2020, 3) == 4
    assert _status_at(store, 2020, 4) == 10
    out = tmp_path / "capaian.csv"
    runner = CliRunner()
    url = store.url.render_as_string(hide_password=False)
    assert (
        runner.invoke(
            main, ["export", "-o", str(out)], env={"RADTRACK_DATABASE_URL": url}
        ).exit_code
        == 0
    )
    table = pd.read_csv(out)
    assert sorted(zip(table["semester"], table["achievement"], strict=True)) == [(1, 4), (2, 6)]


def test_a_semester_replaces_its_triwulan_and_the_year_replaces_the_semesters(store, tmp_path):
    for q, value in ((1, 2), (2, 3)):
        assert ingest_file(store, _file(store, tmp_path, f"tw{q}.xlsx", value, q)).ok
    s1 = ingest_file(store, _semester_file(store, tmp_path, "s1.xlsx", 1, 5))
    assert s1.status == "replaced"
    assert s1.periods[0]["changes"]["replaced_periods"] == ["2020 TW 1", "2020 TW 2"]
    assert _realised(store) == 5
    refused = ingest_file(store, _file(store, tmp_path, "tw2b.xlsx", 7, 2))
    assert [p.code for p in refused.errors] == ["annual-counts"]
    assert "s1.xlsx (2020 Semester 1)" in refused.errors[0].message("en")
    annual = ingest_file(store, _file(store, tmp_path, "tahunan.xlsx", 12))
    assert annual.status == "replaced" and _realised(store) == 12


def test_a_file_naming_no_plan_goes_to_its_agencys_plan(store, tmp_path):
    """With a second RAD in the store (another region), a DINSOS file that names no plan is
    placed in the plan of DINSOS's region covering its year."""
    from tests.test_rad_import import synthetic_import_args

    url = store.url.render_as_string(hide_password=False)
    args = synthetic_import_args(tmp_path)
    assert CliRunner().invoke(main, args, env={"RADTRACK_DATABASE_URL": url}).exit_code == 0
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["LAPORAN DINAS SOSIAL TAHUN 2021"])
    ws.append(["Kode", "Realisasi"])
    ws.append(["2.a.1.3", 5])
    path = tmp_path / "laporan_dinsos.xlsx"
    wb.save(path)
    report = ingest_file(store, path)
    assert report.ok, report.problems
    assert (report.plan, report.agency, report.year) == ("TTU-2018-2022", "DINSOS", 2021)


def _agency_sheets(path, title="TAHUN 2021", polres_value=5):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, code, value in (("DINSOS", "2.a.1.3", 9), ("POLRES", "3.a.1.1", polres_value)):
        ws = wb.create_sheet(name)
        ws.append([f"REKAP LAPORAN ANGGOTA GUGUS TUGAS {title}"])
        ws.append(["Kode", "Realisasi"])
        ws.append([code, value])
    wb.save(path)
    return path


def test_one_sheet_per_agency_loads_each_under_its_own(store, tmp_path):
    path = _agency_sheets(tmp_path / "rekap_2021.xlsx")
    report = ingest_file(store, path)
    assert report.ok and report.status == "loaded", report.problems
    assert report.agency == "DINSOS, POLRES" and report.rows_loaded == 2
    assert sorted((p["agency"], p["year"]) for p in report.periods) == [
        ("DINSOS", 2021),
        ("POLRES", 2021),
    ]
    assert _realised(store, "3.a.1.1", 2021) == 5 and _realised(store, "2.a.1.3", 2021) == 9
    assert ingest_file(store, path).status == "unchanged"


def test_one_refused_sheet_keeps_the_whole_workbook_out(store, tmp_path):
    """POLRES's annual report of 2021 counts, so the workbook's POLRES sheet (TW I) is refused
    while being written, after DINSOS's: nothing of the workbook stays, and the other files of
    the batch load."""
    assert ingest_file(store, _file(store, tmp_path, "polres.xlsx", 18, year=2021)).ok
    before = snapshot(store)
    path = _agency_sheets(tmp_path / "rekap.xlsx", title="TRIWULAN I TAHUN 2021")
    other = _file(store, tmp_path, "dp3a.xlsx", 3, agency="DP3A", year=2021)
    reports = ingest_files(store, [path, other])
    assert [r.status for r in reports] == ["rejected", "loaded"]
    assert [p.code for p in reports[0].errors] == ["annual-counts"]
    after = snapshot(store)
    assert after["submissions"][: len(before["submissions"])] == before["submissions"]
    assert len(after["submissions"]) == len(before["submissions"]) + 1  # DP3A's only
    assert _realised(store, "3.a.1.1", 2021) == 18 + 3
