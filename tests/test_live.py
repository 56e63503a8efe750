"""From the demo to a live task force: agencies, who reports what, templates for all, the demo
removed. Every test runs on SQLite and on PostgreSQL."""

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from sqlmodel import func, select

from indicators import agencies as members
from indicators.agencies import AgencyError, Contact
from indicators.compliance import compliance_table, due_date, to_chase
from indicators.db import session
from indicators.models import (
    Achievement,
    Agency,
    AuditEvent,
    PendingUpload,
    Responsibility,
    Submission,
)
from indicators.queries import get_plan
from indicators.responsibility import assignments, matrix_table
from loaders.demo import DEMO_STATES, load_demo, remove_demo
from loaders.ingest import ingest_file
from loaders.responsibility import import_matrix, read_matrix
from loaders.template import DATA_SHEET, HEADER_ROW, write_all, zip_all
from radtrack.cli import main
from tests.conftest import fill, make_template, snapshot

DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Timor Tengah Utara"


def _cli(engine, *args, input=None):
    env = {"RADTRACK_DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    return CliRunner().invoke(main, [str(a) for a in args], env=env, input=input)


def _matrix(engine, text: str, name: str = "matriks.csv"):
    with session(engine) as s:
        matrix = import_matrix(s, get_plan(s), text.encode(), name, "test")
        s.commit()
    return matrix


def test_an_added_agency_loads_its_report_by_name(store, tmp_path):
    """Dukcapil's report was refused as an unknown agency; once the secretariat adds it, a file
    naming it only in its title (no template metadata) loads under it."""
    result = _cli(
        store,
        "agency",
        "add",
        "DUKCAPIL",
        "--name",
        DUKCAPIL,
        "--alias",
        "Disdukcapil TTU",
        "--email",
        "dukcapil.ttu@example.go.id",
        "--phone",
        "0812-3456-7890",
        "--focal-name",
        "Maria Taek",
    )
    assert result.exit_code == 0, result.output
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["LAPORAN CAPAIAN RAD PP-TPPO DISDUKCAPIL TTU TAHUN 2020"])
    ws.append([])
    ws.append(["Kode", "Indikator", "Satuan", "Target", "Capaian"])
    ws.append(["4.a.4.1", "Tersedianya dokumen kependudukan E-KTP", "kegiatan", None, "Sudah"])
    path = tmp_path / "laporan dukcapil 2020.xlsx"
    wb.save(path)
    report = ingest_file(store, path)
    assert report.ok, [p.message("en") for p in report.errors]
    assert report.agency == "DUKCAPIL" and report.year == 2020
    with session(store) as s:
        agency = s.exec(select(Agency).where(Agency.code == "DUKCAPIL")).one()
        assert (agency.focal_phone, agency.focal_email) == (
            "6281234567890",
            "dukcapil.ttu@example.go.id",
        )
        assert agency.region_code == "53.03"
        assert s.exec(select(func.count()).where(Achievement.agency_id == agency.id)).one() == 1
        actions = set(s.exec(select(AuditEvent.action)))
    assert "agency.added" in actions


def test_names_that_would_make_a_file_uncertain_are_refused(store):
    before = snapshot(store)
    with session(store) as s:
        with pytest.raises(AgencyError, match="DINSOS"):
            members.add(s, "DINSOS2", "Dinsos TTU", "government", "53.03", "t")
        with pytest.raises(AgencyError, match="POLRES"):
            members.alias(s, "DINSOS", "t", add=["Polres TTU"])
        with pytest.raises(AgencyError, match="not valid"):
            members.add(s, "X1", "Kantor X", "government", None, "t", contact=Contact(phone="12"))
        with pytest.raises(AgencyError, match="WhatsApp"):
            members.add(s, "X2", "Kantor Y", "ngo", None, "t", contact=Contact(channel="whatsapp"))
        s.rollback()
    assert snapshot(store) == before


def test_rename_keeps_the_old_name_as_alias_and_init_keeps_the_change(store, tmp_path):
    assert (
        _cli(store, "agency", "rename", "DINSOS", "Dinas Sosial P3A Kabupaten TTU").exit_code == 0
    )
    assert _cli(store, "init").exit_code == 0  # the bundled agencies never write over the store
    with session(store) as s:
        dinsos = s.exec(select(Agency).where(Agency.code == "DINSOS")).one()
    assert dinsos.name == "Dinas Sosial P3A Kabupaten TTU"
    assert "Dinas Sosial Kabupaten Timor Tengah Utara" in dinsos.aliases
    # a file titled with the old name still finds the agency
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Laporan Dinas Sosial Kabupaten Timor Tengah Utara tahun 2019"])
    ws.append(["Kode", "Indikator", "Capaian"])
    ws.append(["2.a.1.3", "korban dirujuk", 12])
    path = tmp_path / "lap.xlsx"
    wb.save(path)
    report = ingest_file(store, path)
    assert report.ok and report.agency == "DINSOS"


def test_a_retired_agency_keeps_its_figures_and_reports_nothing_after(store, tmp_path):
    polres_2019 = fill(
        make_template(store, tmp_path / "p19.xlsx", "POLRES", 2019), {"3.a.1.1": {"value": 3}}
    )
    assert ingest_file(store, polres_2019).ok
    assert _cli(store, "agency", "retire", "POLRES", "--on", "2020-06-30").exit_code == 0
    tw3 = fill(
        make_template(store, tmp_path / "p20.xlsx", "POLRES", 2020, quarter=3),
        {"3.a.1.1": {"value": 1}},
    )
    before = snapshot(store)
    report = ingest_file(store, tw3)
    assert [p.code for p in report.errors] == ["agency-retired"]
    assert "2020-06-30" in report.errors[0].message("en")
    assert snapshot(store) == before
    tw2 = fill(
        make_template(store, tmp_path / "p20b.xlsx", "POLRES", 2020, quarter=2),
        {"3.a.1.1": {"value": 1}},
    )
    assert ingest_file(store, tw2).ok  # a period that began before it retired still loads
    with session(store) as s:
        table = compliance_table(s, get_plan(s), today=date(2026, 1, 1))
    state = {(r.agency, r.year): r.state for r in table.itertuples()}
    assert state[("POLRES", 2019)] in ("on_time", "late")
    assert state[("POLRES", 2021)] == "not_expected"
    assert _cli(store, "agency", "retire", "POLRES", "--undo").exit_code == 0
    assert ingest_file(store, tw3).ok


MATRIX = """kode,instansi,utama
2.a.1,DINSOS,ya
2.a.1.3,POLRES,
3,Polres TTU,ya
1.a.1.1,Dinas Nakertrans,ya
"""


def test_the_matrix_decides_who_compliance_expects(store, tmp_path):
    with session(store) as s:
        before = compliance_table(s, get_plan(s), today=date(2026, 1, 1))
    assert set(before["agency"]) == {"DINSOS", "DISNAKERTRANS", "DP3A", "IOM", "POLRES", "YTB"}
    assert (before["state"] == "missing").all()

    matrix = _matrix(store, MATRIX)
    assert matrix.ok and matrix.layout == "long"
    with session(store) as s:
        plan = get_plan(s)
        given = assignments(s, plan)
        table = compliance_table(s, plan, today=date(2026, 1, 1))
        codes = {a.id: a.code for a in s.exec(select(Agency))}
    by_code = {codes[k]: v for k, v in given.items()}
    assert set(by_code) == {"DINSOS", "POLRES", "DISNAKERTRANS"}
    assert all(by_code["DINSOS"].values()) and len(by_code["DINSOS"]) == 3  # 2.a.1 led
    assert sum(by_code["POLRES"].values()) == len(by_code["POLRES"]) - 1  # 2.a.1.3 a member
    # DP3A, IOM and YTB answer for nothing: compliance no longer expects them
    assert set(table["agency"]) == {"DINSOS", "DISNAKERTRANS", "POLRES"}
    assert len(to_chase(table)) == 3 * 5
    # an agency reporting outside its part gets a warning, never a refusal
    dinsos = fill(
        make_template(store, tmp_path / "d.xlsx", "DINSOS", 2019),
        {"2.a.1.3": {"value": 5}, "3.a.1.1": {"value": 2}},
    )
    report = ingest_file(store, dinsos)
    assert report.ok and [p.code for p in report.warnings] == ["outside-responsibility"]
    assert "3.a.1.1" in report.warnings[0].message("en")
    # and the template lists its own indicators first, then the others under a line
    ws = openpyxl.load_workbook(dinsos)[DATA_SHEET]
    codes_in_order = [ws.cell(r, 1).value for r in range(HEADER_ROW + 1, ws.max_row + 1)]
    assert codes_in_order[:4] == ["2.a.1.1", "2.a.1.2", "2.a.1.3", None]
    assert ws.cell(HEADER_ROW + 4, 2).value == "Indikator lain (opsional)"
    assert len([c for c in codes_in_order if c]) == 47
    # the matrix lists back as it was written and imports back to the same
    with session(store) as s:
        listed = matrix_table(s, get_plan(s))
    again = _matrix(store, listed.drop(columns=["demo"]).to_csv(index=False))
    with session(store) as s:
        assert assignments(s, get_plan(s)) == given
    assert again.ok


def test_a_wide_matrix_and_every_unreadable_cell_refused(store):
    wide = "Kode;DINSOS;POLRES;Dinas PPPA\n2.a.1;U;x;\n3.a.1;;U;✓\n1.a.1.1;x;;koordinator\n"
    matrix = _matrix(store, wide, "wide.csv")
    assert matrix.ok and matrix.layout == "wide"
    with session(store) as s:
        table = matrix_table(s, get_plan(s))
    assert set(zip(table["kode"], table["instansi"], table["utama"], strict=True)) == {
        ("2.a.1", "DINSOS", "ya"),
        ("2.a.1", "POLRES", ""),
        ("3.a.1", "POLRES", "ya"),
        ("3.a.1", "DP3A", ""),
        ("1.a.1.1", "DINSOS", ""),
        ("1.a.1.1", "DP3A", "ya"),
    }
    before = snapshot(store)
    bad = "kode,instansi,utama\n9.z.1,DINSOS,\n2.a.1,Dinas Pemuda,\n2.a.1.1,DINSOS,mungkin\n"
    bad += "2.a.1.2,DINSOS,ya\n2.a.1.2,POLRES,ya\n"
    with session(store) as s:
        refused = read_matrix(s, get_plan(s), bad.encode(), "bad.csv")
    assert [(p.code, p.row, p.column) for p in refused.problems] == [
        ("matrix-unknown-code", 2, "A"),
        ("matrix-unknown-agency", 3, "B"),
        ("matrix-bad-mark", 4, "C"),
        ("matrix-two-leads", 6, "B"),
    ]
    result = _cli(store, "responsibility", "import", "--lang", "en", _write(bad))
    assert result.exit_code == 1 and "the matrix is unchanged" in result.output
    assert "bad.csv, sheet bad, row 3, column B" in result.output
    assert snapshot(store) == before


def _write(text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "bad.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_covers_every_state_and_remove_leaves_real_figures(store, tmp_path):
    real = fill(
        make_template(store, tmp_path / "real.xlsx", "POLRES", 2019), {"3.a.1.1": {"value": 7}}
    )
    assert ingest_file(store, real).ok
    real_rows = snapshot(store)
    assert all(r.ok for r in load_demo(store, tmp_path / "demo"))
    with session(store) as s:
        table = compliance_table(s, get_plan(s), today=date(2026, 11, 30))
    states = set(table["state"])
    assert {"on_time", "late", "missing", "submitted", "returned"} <= states
    state = {(r.agency, r.year): r.state for r in table.itertuples()}
    for key, expected in DEMO_STATES.items():
        assert state[key] == expected, key
    assert not table[table["agency"] == "POLRES"].query("year == 2019")["demo"].any()

    result = _cli(store, "demo", "--remove")
    assert result.exit_code == 0, result.output
    assert "Data nyata tidak berubah" in result.output
    with session(store) as s:
        assert s.exec(select(func.count()).where(Achievement.is_demo == True)).one() == 0  # noqa: E712
        assert s.exec(select(func.count()).where(Submission.is_demo == True)).one() == 0  # noqa: E712
        assert s.exec(select(func.count()).where(PendingUpload.is_demo == True)).one() == 0  # noqa: E712
        assert s.exec(select(func.count()).select_from(Responsibility)).one() == 0
        removed = s.exec(select(AuditEvent).where(AuditEvent.action == "demo.removed")).one()
    assert removed.detail["submissions"] > 20 and removed.detail["pending"] == 2
    after = snapshot(store)
    assert after["values"] == real_rows["values"]  # the real figures, value by value
    assert after["submissions"] == real_rows["submissions"]
    for name in ("achievement", "submission", "pending_upload", "agency", "indicator"):
        assert after["counts"][name] == real_rows["counts"][name], name
    assert "Tidak ada data demo" in _cli(store, "demo", "--remove").output
    # make run calls radtrack demo at every start: a removed demo stays out
    again = _cli(store, "demo")
    assert again.exit_code == 0 and "sudah dihapus" in again.output
    assert snapshot(store)["values"] == real_rows["values"]


def test_a_real_report_over_a_demo_one_survives_the_removal(store, tmp_path):
    assert all(r.ok for r in load_demo(store, tmp_path / "demo"))
    real = fill(
        make_template(store, tmp_path / "real.xlsx", "DINSOS", 2019), {"2.a.1.3": {"value": 9}}
    )
    assert ingest_file(store, real).ok  # replaces the demo report of DINSOS 2019
    remove_demo(store, "test")
    with session(store) as s:
        (sub,) = s.exec(select(Submission))
        values = s.exec(select(Achievement.value)).all()
    assert sub.file_name == "real.xlsx" and sub.replaces_id is None and values == [9]


def test_templates_for_every_member(store, tmp_path):
    assert _cli(store, "agency", "add", "DUKCAPIL", "--name", DUKCAPIL).exit_code == 0
    assert _cli(store, "agency", "retire", "YTB", "--on", "2019-12-31").exit_code == 0
    result = _cli(store, "template", "--all", "--year", 2020, "--quarter", 2, "-o", tmp_path / "t")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "t").iterdir())
    assert names == [
        f"TTU-2018-2022_{c}_2020_TW2.xlsx"
        for c in ("DINSOS", "DISNAKERTRANS", "DP3A", "DUKCAPIL", "IOM", "POLRES")
    ]
    for path in (tmp_path / "t").iterdir():  # each one valid: filled, it loads as its agency
        code = path.name.split("_")[1]
        filled = fill(path, {"1.a.1.1": {"value": 1}}, tmp_path / f"f_{path.name}")
        report = ingest_file(store, filled, dry_run=True)
        assert report.ok and (report.agency, report.year, report.quarter) == (code, 2020, 2)
    with session(store) as s:
        zipped = zip_all(s, get_plan(s), 2021)
        written = write_all(s, get_plan(s), 2019, tmp_path / "y2019")
    with zipfile.ZipFile(__import__("io").BytesIO(zipped)) as z:
        assert len(z.namelist()) == 6 and all(n.endswith("_2021.xlsx") for n in z.namelist())
    assert len(written) == 7  # YTB was a member in 2019


def test_due_rule_in_working_days_skips_weekends_and_holidays():
    # TW I 2022 ends Thu 31 March; 1 April Fri, 3 March (Nyepi) is not in the way, but Good
    # Friday 15 April is: ten working days after 31 March are 1, 4-8, 11-14 April -> 14 April
    assert due_date(2022, 1, days=10) == date(2022, 4, 14)
    # eleven: Friday 15 April is Good Friday, Saturday and Sunday follow -> Monday 18 April
    assert due_date(2022, 1, days=11) == date(2022, 4, 18)
    # the year 2022 ends on a Saturday; Monday 2 January 2023 is the first working day
    assert due_date(2022, None, days=1) == date(2023, 1, 2)
    assert due_date(2022, None) == date(2023, 1, 31)


def test_all_plans_compliance_counts_whom_the_plan_expects(store):
    from indicators.summary import national_compliance

    with session(store) as s:
        before = national_compliance(s, 2019)
    assert before["agencies"].tolist() == [6]
    _matrix(store, MATRIX)
    with session(store) as s:
        after = national_compliance(s, 2019)
        plan_page = compliance_table(s, get_plan(s))
    expected = plan_page[(plan_page["year"] == 2019) & (plan_page["state"] != "not_expected")]
    assert after["agencies"].tolist() == [len(expected)] == [3]


def test_all_plans_compliance_counts_an_agency_from_outside_the_region_once(store, tmp_path):
    """A provincial agency that reports for the kabupaten's plan is one more of its agencies,
    once however many files it sent (a correction among them), as the plan's own page counts."""
    from indicators.models import Agency
    from indicators.summary import national_compliance

    with session(store) as s:
        s.add(Agency(code="POLDA", name="Kepolisian Daerah NTT", kind="police", region_code="53"))
        s.commit()
    for year, value in ((2019, 3), (2019, 4), (2020, 5)):  # the second 2019 file corrects
        template = make_template(store, tmp_path / f"t-{year}-{value}.xlsx", "POLDA", year)
        out = fill(template, {"3.a.1.1": {"value": value}}, tmp_path / f"POLDA-{year}-{value}.xlsx")
        report = ingest_file(store, out)
        assert report.ok, [p.message("en") for p in report.problems]
    with session(store) as s:
        national = national_compliance(s).set_index("year")
        plan_page = compliance_table(s, get_plan(s))
    for year in (2019, 2020, 2021):
        expected = plan_page[(plan_page["year"] == year) & (plan_page["state"] != "not_expected")]
        assert national.loc[year, "agencies"] == len(expected) == 7
    assert national.loc[2019, "reported"] == national.loc[2020, "reported"] == 1
    assert national.loc[2021, "reported"] == 0


def test_a_rad_style_matrix_with_several_agencies_per_cell(store, tmp_path):
    """As RAD tables write it: one row per code, a 'Penanggung Jawab' cell naming several
    agencies, the lead in brackets; the bidang number as Excel keeps it (3.0)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Matriks"
    ws.append(["MATRIKS PENANGGUNG JAWAB RAD PP-TPPO KAB. TTU"])
    ws.append(["No", "Kode", "Indikator", "Penanggung Jawab"])
    ws.append([1, "2.A.1", "SOP rujukan", "Dinas Sosial (koordinator), Dinas PPPA; Polres TTU"])
    ws.append([2, 3.0, "Penegakan hukum", "Polres TTU [utama]"])
    ws.append([3, "1.a.1.1", "Sosialisasi", "Dinas Tenaga Kerja dan Transmigrasi / YTB"])
    path = tmp_path / "matriks.xlsx"
    wb.save(path)
    with session(store) as s:
        matrix = import_matrix(s, get_plan(s), path.read_bytes(), path.name, "t")
        assert matrix.ok, [p.message("en") for p in matrix.problems]
        s.commit()
        table = matrix_table(s, get_plan(s))
    rows = set(zip(table["kode"], table["instansi"], table["utama"], strict=True))
    assert ("2.a.1", "DINSOS", "ya") in rows and ("2.a.1", "DP3A", "") in rows
    assert ("2.a.1", "POLRES", "") in rows
    assert {("1.a.1.1", "DISNAKERTRANS", ""), ("1.a.1.1", "YTB", "")} <= rows
    assert all(u == "ya" for k, a, u in rows if a == "POLRES" and k.startswith("3."))
    # 'dan' is never a separator: one name the store does not know is refused, not split
    ws.append([4, "1.a.1.2", "Brosur", "Dinas Sosial dan Dinas Kesehatan"])
    wb.save(path)
    with session(store) as s:
        refused = read_matrix(s, get_plan(s), path.read_bytes(), path.name)
    assert [(p.code, p.row, p.column) for p in refused.problems] == [
        ("matrix-unknown-agency", 6, "D")
    ]


def _read(store, text: str):
    with session(store) as s:
        return read_matrix(s, get_plan(s), text.encode(), "m.csv")


def test_matrix_cells_that_cannot_be_read_with_certainty_are_refused(store, tmp_path):
    """What a review found read silently: each refused now, naming the cell."""
    # marks under a blank header belong to nobody
    blank = _read(store, "kode,DINSOS,,DP3A\n1.a.1.1,x,x,U\n")
    assert [(p.code, p.row, p.column) for p in blank.problems] == [("matrix-no-agency", 1, "C")]
    # a member word in a lead column is no lead; a word that is neither is refused
    member = _read(store, "kode,instansi,peran\n1.a.1.2,DP3A,pendukung\n1.a.1.1,DINSOS,utama\n")
    assert member.ok and {(i.lead) for i in member.items} == {False, True}
    assert [i.lead for i in member.items if i.indicator_id] == [False, True]
    maybe = _read(store, "kode,instansi,peran\n1.a.1.2,DP3A,mungkin\n")
    assert [p.code for p in maybe.problems] == ["matrix-bad-mark"]
    # two leads of one indicator, named once by its activity and once by itself
    two = _read(store, "kode,instansi,utama\n1.a.1,DINSOS,ya\n1.a.1.1,DP3A,ya\n")
    assert [(p.code, p.row) for p in two.problems] == [("matrix-two-leads", 3)]
    assert "DINSOS (2)" in two.problems[0].message("en")
    # a row that says something but has no code
    orphan = _read(store, "kode,instansi,utama\n1.a.1.1,DINSOS,ya\n,DP3A,\n")
    assert [(p.code, p.row) for p in orphan.problems] == [("matrix-no-code", 3)]
    # one agency named for a bidang and one of its activities: one row, lead as either says
    both = _matrix(store, "kode,instansi,utama\n1,DISNAKERTRANS,ya\n1.a.1,DISNAKERTRANS,\n")
    assert both.ok
    with session(store) as s:
        table = matrix_table(s, get_plan(s))
    assert set(table[table["kode"] == "1.a.1"]["utama"]) == {"ya"}


def test_a_lead_column_in_the_wide_layout_and_merged_code_cells(store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Instansi utama", "DINSOS", "DP3A", "POLRES"])
    ws.append(["1.a.1.1", "DP3A", "x", "x", None])
    ws.append(["1.a.1.2", None, None, None, "x"])
    ws.append([None, None, None, None, None])  # a blank line between bidang: fine
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    with session(store) as s:
        wide = read_matrix(s, get_plan(s), path.read_bytes(), path.name)
    assert wide.ok, [p.message("en") for p in wide.problems]
    with session(store) as s:
        codes = {a.id: a.code for a in s.exec(select(Agency))}
    leads = {(codes[i.agency_id], i.lead) for i in wide.items if i.indicator_id}
    assert ("DP3A", True) in leads and ("DINSOS", False) in leads
    # a code cell merged over three agencies' rows names each of them
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Instansi", "Utama"])
    ws.append(["1.a.1", "DINSOS", "ya"])
    ws.append([None, "DP3A", None])
    ws.append([None, "POLRES", None])
    ws.merge_cells("A2:A4")
    wb.save(path)
    with session(store) as s:
        merged = read_matrix(s, get_plan(s), path.read_bytes(), path.name)
    assert merged.ok and {codes[i.agency_id] for i in merged.items} == {"DINSOS", "DP3A", "POLRES"}


def test_the_demo_matrix_listed_and_imported_again_is_refused(store, tmp_path):
    assert all(r.ok for r in load_demo(store, tmp_path / "demo"))
    listed = _cli(store, "responsibility", "list")
    assert listed.exit_code == 0 and ",demo" in listed.output
    path = tmp_path / "again.csv"
    path.write_text(listed.output, encoding="utf-8")
    result = _cli(store, "responsibility", "import", path)
    assert result.exit_code == 1 and "DEMO" in result.output
