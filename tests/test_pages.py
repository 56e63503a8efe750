"""The secretariat's pages in headless Chromium: upload, compliance, context, downloads."""

import pytest

from tests.conftest import fill, make_template, row_of, snapshot
from tests.test_dashboard import choose, needs_browser

pytestmark = [pytest.mark.browser, needs_browser]


def _app(engine):
    from dashboard.app import create_app

    return create_app(engine)


def test_upload_rejects_a_bad_file_with_its_report_and_loads_a_good_one_on_confirm(
    dash_duo, sqlite_store, tmp_path
):
    bad = fill(make_template(sqlite_store, tmp_path / "buruk.xlsx"), {"2.a.1.3": {"value": -4}})
    good = fill(
        make_template(sqlite_store, tmp_path / "baik.xlsx", year=2020), {"2.a.1.3": {"value": 9}}
    )
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.driver.get(dash_duo.server_url + "/unggah")
    upload = dash_duo.wait_for_element("#upload-files input[type=file]", timeout=20)
    before = snapshot(sqlite_store)
    upload.send_keys(str(bad))
    dash_duo.wait_for_text_to_equal(
        "#upload-summary",
        "0 berkas siap dimuat, 1 ditolak. Berkas yang ditolak tidak akan dimuat.",
        timeout=20,
    )
    problem = dash_duo.find_element("#upload-checked-problems tbody tr").text
    assert (
        f"buruk.xlsx, lembar Laporan, baris {row_of(bad, '2.a.1.3')}, kolom J (Capaian)" in problem
    )
    assert "Nilai negatif '-4' tidak boleh" in problem
    assert dash_duo.find_element("#upload-confirm").get_attribute("disabled") == "true"

    upload = dash_duo.find_element("#upload-files input[type=file]")
    upload.send_keys(str(good))  # the input now holds both files: a mixed batch
    dash_duo.wait_for_text_to_equal(
        "#upload-summary",
        "1 berkas siap dimuat, 1 ditolak. Berkas yang ditolak tidak akan dimuat.",
        timeout=20,
    )
    assert snapshot(sqlite_store) == before  # checking wrote nothing
    dash_duo.find_element("#upload-confirm").click()
    dash_duo.wait_for_text_to_equal("#upload-done", "Selesai: 1 berkas dimuat.", timeout=20)
    assert snapshot(sqlite_store)["counts"]["achievement"] == 1
    assert dash_duo.get_logs() == []


def test_compliance_grid_and_chase_list_in_both_languages(dash_duo, sqlite_store, tmp_path):
    path = fill(
        make_template(sqlite_store, tmp_path / "p.xlsx", agency="POLRES", year=2019),
        {"3.a.1.1": {"value": 2}},
    )
    from loaders.ingest import ingest_file

    assert ingest_file(sqlite_store, path).ok
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.driver.get(dash_duo.server_url + "/kepatuhan")
    dash_duo.wait_for_element("#compliance-grid", timeout=20)
    cells = dash_duo.find_elements("#compliance-POLRES td.state")
    assert [c.get_attribute("data-state") for c in cells] == [
        "missing",
        "late",
        "missing",
        "missing",
        "missing",
    ]
    assert cells[1].text == "▲ terlambat"
    chase = dash_duo.find_element("#chase-list").text.splitlines()
    assert chase[0] == "DINSOS: laporan 2018 (jatuh tempo 2019-01-31)"
    assert len(chase) == 6 * 5 - 1
    dash_duo.driver.get(dash_duo.server_url + "/kepatuhan?lang=en")
    dash_duo.wait_for_text_to_equal("h1", "Reporting compliance", timeout=20)
    assert dash_duo.find_elements("#compliance-POLRES td.state")[1].text == "▲ late"
    choose(dash_duo, "year", "2019", "year=2019")
    choose(dash_duo, "agency", "POLRES - Kepolisian Resor Timor Tengah Utara", "agency=POLRES")
    rows = dash_duo.find_elements("#compliance-grid tbody tr")
    assert [r.get_attribute("id") for r in rows] == ["compliance-POLRES"]
    assert rows[0].text == "POLRES ▲ late"
    assert dash_duo.find_element("#chase-list").text == "No overdue reports."
    assert dash_duo.get_logs() == []


def test_context_figures_show_with_their_citations(dash_duo, sqlite_store):
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.driver.get(dash_duo.server_url + "/konteks")
    dash_duo.wait_for_element("#context-53-71 .js-plotly-plot", timeout=20)
    for unit in ("kasus", "jenazah", "orang"):  # one chart per unit, never mixed on one axis
        dash_duo.wait_for_element(f"#context-chart-53-{unit} .js-plotly-plot", timeout=20)
    headings = [h.text for h in dash_duo.find_elements("section h2")]
    assert headings == [
        "Provinsi Nusa Tenggara Timur (53)",
        "Kabupaten Timor Tengah Utara (53.03)",
        "Kota Kupang (53.71)",
    ]
    kupang = [r.text for r in dash_duo.find_elements("#context-table-53-71 tbody tr")]
    assert len(kupang) == 11
    assert any(r.startswith("Kasus dilaporkan 2024 22 kasus Syafianingrum") for r in kupang)
    ntt = dash_duo.find_element("#context-table-53").text
    assert "1.379 orang" in ntt and "Utami, P. N. (2019)" in ntt
    ttu = dash_duo.find_element("#context-table-53-03").text
    assert "Januari-Mei 2021" in ttu and "Tefi, D. E. M." in ttu
    assert dash_duo.get_logs() == []


def test_download_links_follow_the_filters_and_serve_files(dash_duo, sqlite_store, tmp_path):
    import io
    import urllib.request

    import pandas as pd

    from loaders.ingest import ingest_file

    path = fill(
        make_template(sqlite_store, tmp_path / "p.xlsx", agency="POLRES", year=2020),
        {"3.a.1.1": {"value": 4}},
    )
    assert ingest_file(sqlite_store, path).ok
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.driver.get(dash_duo.server_url + "/unduh?year=2020")
    wanted = "/download/achievements.csv?plan=TTU-2018-2022&year=2020"
    link = dash_duo.wait_for_element(f"#dl-achievements-csv[href$='{wanted}']", timeout=20)
    href = link.get_attribute("href")
    with urllib.request.urlopen(href) as response:
        frame = pd.read_csv(io.BytesIO(response.read()), dtype={"indicator_code": str})
    assert frame[["indicator_code", "agency", "achievement"]].values.tolist() == [
        ["3.a.1.1", "POLRES", 4]
    ]
    choose(dash_duo, "agency", "DINSOS - Dinas Sosial Kabupaten Timor Tengah Utara", "agency=")
    link = dash_duo.wait_for_element("#dl-achievements-csv[href$='agency=DINSOS']", timeout=20)
    with urllib.request.urlopen(link.get_attribute("href")) as response:
        assert pd.read_csv(io.BytesIO(response.read())).empty  # DINSOS sent nothing
    dash_duo.find_element("#downloads-demo").click()  # a native checkbox with its label
    dash_duo.wait_for_element("#dl-achievements-csv[href$='include_demo=1']", timeout=20)
    assert dash_duo.find_element("#dl-xlsx").get_attribute("href").endswith("labels=id")
    assert dash_duo.get_logs() == []


def test_indicator_page_shows_series_contributions_and_every_source(
    dash_duo, sqlite_store, tmp_path
):
    from loaders.ingest import ingest_file

    a = fill(
        make_template(sqlite_store, tmp_path / "dinsos_2019.xlsx", agency="DINSOS", year=2019),
        {"2.a.1.3": {"value": 20, "note": "rujukan", "budget": 84000000}},
    )
    b = fill(
        make_template(sqlite_store, tmp_path / "iom_2020.xlsx", agency="IOM", year=2020),
        {"2.a.1.3": {"value": 15}},
    )
    assert ingest_file(sqlite_store, a).ok and ingest_file(sqlite_store, b).ok
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.wait_for_element("#status-table-2", timeout=20)
    dash_duo.find_element("#status-table-2 tr[data-code='2.a.1.3'] a").click()
    dash_duo.wait_for_text_to_equal(
        "#indicator-title",
        "2.a.1.3: 150 korban TPPO dan TKI bermasalah dirujuk dan ditangani oleh unit layanan "
        "penanganan kesehatan, sosial, rehabilitasi korban dan pemulangan bagi korban TPPO",
        timeout=20,
    )
    dash_duo.wait_for_element("#indicator-series .js-plotly-plot", timeout=20)
    dash_duo.wait_for_element("#indicator-agencies .js-plotly-plot", timeout=20)
    dash_duo.wait_for_element("#sources-grid .ag-row", timeout=20)
    files = [c.text for c in dash_duo.find_elements("#sources-grid .ag-cell[col-id='file']")]
    rows = [c.text for c in dash_duo.find_elements("#sources-grid .ag-cell[col-id='row']")]
    assert files == ["dinsos_2019.xlsx", "iom_2020.xlsx"]
    assert rows == [str(row_of(a, "2.a.1.3")), str(row_of(b, "2.a.1.3"))]
    assert "Target RAD: 150 korban" in dash_duo.find_element("#indicator-facts").text
    budget = [c.text for c in dash_duo.find_elements("#sources-grid .ag-cell[col-id='budget']")]
    assert budget == ["Rp 84.000.000", "-"]  # Indonesian format in the grid, as everywhere
    headers = [
        h.get_attribute("col-id")
        for h in dash_duo.find_elements("#sources-grid .ag-header-cell[col-id]")
    ]
    assert headers[:7] == ["agency", "year", "value", "file", "sheet", "row", "uploaded_by"]
    x = dash_duo.driver.execute_script(
        "return document.querySelector('#indicator-agencies .js-plotly-plot')"
        ".data.map(t => t.x.join(','))"
    )
    assert x == ["2018,2019,2020,2021,2022"] * 2  # every plan year, in order, a gap where none
    dash_duo.driver.get(dash_duo.server_url + "/indikator?code=9.9.9.9")
    dash_duo.wait_for_text_to_equal(
        "#empty-state", "Indikator '9.9.9.9' tidak ada dalam RAD ini.", timeout=20
    )
    links = dash_duo.find_elements("#indicator-list li a")
    assert len(links) == 47 and links[0].text.startswith("1.a.1.1: Tersosialisasikannya")
    dash_duo.find_element("#indicator-search").send_keys("korban dirujuk")
    dash_duo.wait_for_text_to_equal(
        "#indicator-list ul", "2.a.1.3: 150 korban TPPO dan TKI bermasalah dirujuk dan ditangani "
        "oleh unit layanan penanganan kesehatan, sosial, rehabilitasi korban dan pemulangan bagi "
        "korban TPPO", timeout=20,
    )  # fmt: skip
    dash_duo.find_element("#indicator-list li a").click()
    dash_duo.wait_for_element("#indicator-series .js-plotly-plot", timeout=20)
    assert dash_duo.get_logs() == []


def test_budget_page_with_print_and_projector_views(dash_duo, sqlite_store, tmp_path):
    from loaders.ingest import ingest_file

    path = fill(
        make_template(sqlite_store, tmp_path / "p.xlsx", agency="POLRES", year=2020),
        {"3.a.1.1": {"value": 5, "budget": 40_000_000, "spent": 30_000_000}},
    )
    assert ingest_file(sqlite_store, path).ok
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.driver.get(dash_duo.server_url + "/anggaran?year=2020")
    dash_duo.wait_for_element("#budget-chart .js-plotly-plot", timeout=20)
    row = [
        r.text
        for r in dash_duo.find_elements("#budget-subgroups tbody tr")
        if r.text.startswith("3.")
    ][0]
    assert "Rp 40.000.000" in row and "Rp 30.000.000" in row and "75%" in row and "33,3%" in row
    assert [r.text.split()[0] for r in dash_duo.find_elements("#budget-agencies tbody tr")] == [
        "POLRES"
    ]
    choose(
        dash_duo, "subgroup", "1. Pencegahan, Pembinaan Trafficking dan Tenaga Kerja", "bidang=1"
    )
    assert dash_duo.find_elements("#budget-agencies tbody tr") == []  # nothing spent in bidang 1
    dash_duo.find_element("#view-print").click()
    dash_duo.wait_for_element("#budget-print #budget-chart .js-plotly-plot", timeout=20)
    assert dash_duo.find_elements("#budget-agencies") == []  # one page: the summary only
    for search in ("?year=2020&view=print", "?view=print"):  # one year, and the whole period
        dash_duo.driver.get(dash_duo.server_url + "/anggaran" + search)
        dash_duo.wait_for_element("#budget-print #budget-chart .js-plotly-plot .bars", timeout=20)
        assert _printed_pages(dash_duo) == 1, search  # one A4 landscape page, as printed
    assert dash_duo.find_elements("#budget-print .modebar") == []  # no chart toolbar on paper
    dash_duo.find_element("#lang-en").click()  # the language switch keeps the view
    dash_duo.wait_for_text_to_equal("h1", "Budget and achievement: Whole period", timeout=20)
    assert dash_duo.find_elements("#budget-print")
    dash_duo.driver.get(dash_duo.server_url + "/anggaran?year=2020&view=projector&lang=en")
    dash_duo.wait_for_text_to_equal("h1", "Budget and achievement: 2020", timeout=20)
    dash_duo.wait_for_element("#budget-projector .js-plotly-plot .bars", timeout=20)
    sizes = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#budget-projector svg text, #budget-projector td')]"
        ".filter(e => e.textContent.trim())"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 18, sorted(sizes)[:5]  # legible from the back of a room
    assert dash_duo.get_logs() == []


def _printed_pages(dash_duo) -> int:
    """How many A4 landscape pages the page prints to, by Chromium's own PDF printer."""
    import base64
    import re

    pdf = dash_duo.driver.execute_cdp_cmd(
        "Page.printToPDF",
        {"landscape": True, "paperWidth": 11.69, "paperHeight": 8.27, "preferCSSPageSize": True},
    )
    return len(re.findall(rb"/Type\s*/Page[^s]", base64.b64decode(pdf["data"])))


def test_overview_summary_counts_bands_lists_worst_and_completeness(
    dash_duo, sqlite_store, tmp_path
):
    from loaders.ingest import ingest_file

    path = fill(
        make_template(sqlite_store, tmp_path / "p.xlsx", agency="POLRES", year=2019),
        {"3.a.1.1": {"value": 1}, "3.a.1.2": {"value": 6}, "3.b.1.1": {"value": 4}},
    )
    assert ingest_file(sqlite_store, path).ok
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.driver.get(dash_duo.server_url + "/?year=2019")
    dash_duo.wait_for_element("#overview-summary", timeout=20)
    counts = {
        li.get_attribute("data-band"): li.text for li in dash_duo.find_elements("#band-counts li")
    }
    # 3.a.1.1: 1 of 10 (10 %); 3.a.1.2: 6 of 6 (100 %); 3.b.1.1: 4 of 3.2 (125 %)
    assert counts["sangat_tinggi"] == "● Sangat Tinggi: 2"
    assert counts["sangat_rendah"] == "■ Sangat Rendah: 1"
    assert counts["no_report"] == "○ Belum ada laporan: 44"
    worst = dash_duo.find_elements("#worst-off li")
    assert worst[0].text.startswith("3.a.1.1 10%: Terlatihnya 25 penyidik")
    assert [w.text[:8] for w in worst] == ["3.a.1.1 "]  # 100 % and 125 % are not "lowest"
    polsek = dash_duo.find_elements("#status-table-3 tr[data-code='3.b.1.1'] td")
    assert [c.text for c in polsek[3:6]] == ["≈ 4 Polsek", "4 Polsek", "125%"]  # 3,2 to date
    assert dash_duo.find_element("#completeness").text == (
        "Kelengkapan pelaporan: 3 dari 47 indikator sudah dilaporkan (6,4%)."
    )
    assert dash_duo.find_element("#agency-reports").text == (
        "Laporan instansi: 1 dari 6 laporan instansi-tahun yang jatuh tempo sudah masuk (16,7%)."
    )
    # a triwulan filter changes every widget: nothing was reported by triwulan in 2019
    dash_duo.driver.get(dash_duo.server_url + "/?year=2019&tw=2")
    dash_duo.wait_for_text_to_equal(
        "#completeness", "Kelengkapan pelaporan: 0 dari 47 indikator sudah dilaporkan (0%).",
        timeout=20,
    )  # fmt: skip
    assert dash_duo.find_element("#worst-off").text == (
        "Tidak ada indikator yang dilaporkan di bawah 100% target."
    )
    x = dash_duo.driver.execute_script(
        "return document.querySelector('#bidang-chart-1 .js-plotly-plot').data[0].x"
    )
    assert x == ["2019 TW 2"]
    assert dash_duo.get_logs() == []


def test_bidang_drill_down_from_the_overview(dash_duo, sqlite_store, tmp_path):
    from loaders.ingest import ingest_file

    path = fill(
        make_template(sqlite_store, tmp_path / "p.xlsx", agency="POLRES", year=2019),
        {"3.a.1.1": {"value": 4}, "3.d.1.1": {"value": "Sudah"}},
    )
    assert ingest_file(sqlite_store, path).ok
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.wait_for_element("#bidang-3 h2 a", timeout=20)
    dash_duo.find_element("#bidang-3 h2 a").click()
    dash_duo.wait_for_text_to_equal(
        "#subgroup-title", "Bidang 3: Pengembangan dan Penegakan Hukum", timeout=20
    )
    programmes = [h.text for h in dash_duo.find_elements("section.bidang > h2")]
    assert programmes == [
        "a. Pengembangan SDM melalui pelatihan dan pembinaan",
        "b. Pengadaan sarana dan prasarana di unit layanan bantuan hukum",
        "c. Memaksimalkan penyelesaian penanganan kasus TPPO melalui sosialisasi pengawasan dan "
        "penjakauan",
        "d. Monitoring dan evaluasi",
        "e. Tersedianya data korban TPPO",
    ]
    grid = dash_duo.wait_for_element("#subgroup-grid .js-plotly-plot", timeout=20)
    cells = grid.text
    assert "4 / 10" in cells and "Sudah" in cells  # count vs target to date; milestone wording
    dash_duo.driver.get(dash_duo.server_url + "/bidang?n=9")
    dash_duo.wait_for_text_to_equal("#empty-state", "Bidang 9 tidak ada dalam RAD ini.", timeout=20)
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/?lang=en", "RAD achievement overview"),
        (
            "/bidang?n=2&lang=en",
            "Sub-group 2: Penanganan Kesehatan, Sosial, Rehabilitasi dan Pemulangan",
        ),
        ("/indikator?code=1.a.1.1&lang=en", "1.a.1.1: Tersosialisasikannya kepada 5.000 orang"),
        ("/anggaran?lang=en", "Budget and achievement: Whole period"),
        ("/kepatuhan?lang=en", "Reporting compliance"),
        ("/unggah?lang=en", "Upload agency reports"),
        ("/konteks?lang=en", "Context: published figures"),
        ("/unduh?lang=en", "Download tables"),
        ("/audit?lang=en", "Audit log: every change"),
        ("/tinjau?lang=en", "Review agency reports"),
        ("/instansi?lang=en", "Agencies and responsibilities"),
        ("/mulai?lang=en", "Getting started: from the demo to a live task force"),
    ],
)
def test_every_page_switches_to_english(dash_duo, sqlite_store, path, heading):
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_contains_text("h1", heading, timeout=20)
    nav = [a.text for a in dash_duo.find_elements(".app-header .navbar-nav a")]
    assert nav == [
        "Overview",
        "Sub-group",
        "Indicator",
        "Budget",
        "Reporting compliance",
        "Upload",
        "Context",
        "Downloads",
        "Audit log",  # open dashboard (no accounts yet): everyone acts as admin
        "Review",
        "Agencies",
        "Getting started",
    ]
    assert "No accounts yet" in dash_duo.find_element("#open-mode").text
    assert dash_duo.get_logs() == []


def test_logging_in_through_the_form_and_out_again(dash_duo, sqlite_store, monkeypatch):
    from indicators.accounts import add_user
    from indicators.db import session

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "browser-test-key-" + "y" * 40)
    with session(sqlite_store) as s:
        add_user(s, "sekretariat", "kata-sandi-yang-panjang", "admin", None, actor="test")
        s.commit()
    dash_duo.start_server(_app(sqlite_store))
    dash_duo.wait_for_text_to_equal(
        "#empty-state",
        "Belum ada RAD yang dipublikasikan. Masuk untuk melihat data internal.",
        timeout=20,
    )
    assert "Log audit" not in dash_duo.find_element(".app-header").text
    dash_duo.find_element("#login-link").click()
    dash_duo.wait_for_element("#username", timeout=20).send_keys("sekretariat")
    dash_duo.find_element("#password").send_keys("salah-salah-salah")
    dash_duo.find_element("#login-submit").click()
    assert dash_duo.wait_for_element("#login-error", timeout=20).text == (
        "Nama pengguna atau kata sandi salah."
    )
    dash_duo.find_element("#username").send_keys("sekretariat")
    dash_duo.find_element("#password").send_keys("kata-sandi-yang-panjang")
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#bidang-4", timeout=20)
    assert dash_duo.find_element("#account-name").text == "sekretariat (admin)"
    dash_duo.find_element(".app-header a[href^='/audit']").click()
    dash_duo.wait_for_element("#audit-grid .ag-row", timeout=20)
    assert "Berhasil masuk" in dash_duo.find_element("#audit-grid").text  # in words
    dash_duo.find_element("#logout").click()
    dash_duo.wait_for_element("#login-link", timeout=20)
    # The wrong password answered 401, which the browser logs; nothing else may be logged.
    logs = [
        e for e in dash_duo.get_logs() if "/login" not in e["message"] or "401" not in e["message"]
    ]
    assert logs == []


def test_empty_grids_speak_the_pages_language(dash_duo, sqlite_store):
    dash_duo.start_server(_app(sqlite_store))
    for path, words in (("/tinjau", "Tidak ada baris"), ("/tinjau?lang=en", "No Rows To Show")):
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_contains_text("#review-history-box .ag-overlay", words, timeout=20)
    assert dash_duo.get_logs() == []
