"""The overview page: its pure parts without a browser, then the page in headless Chromium."""

import shutil

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.charts import subgroups_figure
from dashboard.formatting import number, percent, rupiah
from indicators.db import session
from indicators.queries import get_plan, status_table, subgroup_year_table
from loaders.ingest import ingest_file
from tests.conftest import IN_CI, fill, make_template


def test_numbers_use_indonesian_format_by_default():
    assert number(1234.5) == "1.234,5"
    assert number(1234.5, "en") == "1,234.5"
    assert percent(85.67) == "85,7%"
    assert rupiah(12_500_000) == "Rp 12.500.000"
    assert number(None) == "-"


def test_served_plotly_bundle_matches_the_figures_plotly_writes():
    """The dashboard serves plotly.js's cartesian bundle (bar, scatter, heatmap: every chart
    radtrack draws) from its assets, loaded with the page instead of the 4.8 MB full bundle
    fetched when the first chart mounts (the browser tests draw every kind of chart with it).
    It must be the plotly.js that plotly.py writes figures for."""
    from pathlib import Path

    from plotly.offline import get_plotlyjs_version

    import dashboard

    assets = Path(dashboard.__file__).parent / "assets"
    bundles = sorted(assets.glob("plotly-*.min.js"))
    assert [b.name for b in bundles] == [f"plotly-cartesian-{get_plotlyjs_version()}.min.js"]
    assert f"v{get_plotlyjs_version()}" in bundles[0].read_text()[:200]


@pytest.fixture
def reported(sqlite_store, tmp_path):
    """DISNAKERTRANS reported two indicators of bidang 1 for 2019."""
    path = fill(
        make_template(sqlite_store, tmp_path / "t.xlsx", agency="DISNAKERTRANS"),
        {"1.a.1.1": {"value": 2500}, "1.a.1.3": {"value": 110}},
    )
    assert ingest_file(sqlite_store, path).ok
    return sqlite_store


def test_status_table_shows_capaian_and_no_report(reported):
    with session(reported) as s:
        table = status_table(s, get_plan(s), 2019).set_index("code")
    assert table.loc["1.a.1.1", ["expected", "realised", "capaian", "band"]].tolist() == [
        2000.0,
        2500.0,
        125.0,
        "sangat_tinggi",
    ]
    assert table.loc["1.a.1.3", "band"] == "rendah"  # 110 of 200 baliho expected by 2019: 55 %
    assert table.loc["1.a.1.2", "band"] == "no_report"
    assert len(table) == 47


def test_bidang_figure_has_a_panel_per_bidang_with_years_bands_and_target_line(reported):
    with session(reported) as s:
        summary = subgroup_year_table(s, get_plan(s))
    names = {n: f"Bidang nomor {n}" for n in (1, 2, 3, 4)}
    both = go.Figure(subgroups_figure(summary, names, "id"))  # also checks it is a valid figure
    assert len(both.data) == 4 * 8 and len(both.layout.annotations) == 4
    assert [trace.showlegend for trace in both.data].count(True) == 8  # one legend for all
    assert {trace.xaxis for trace in both.data} == {"x", "x2", "x3", "x4"}
    assert both.layout.yaxis4.matches == "y"  # one scale for the counts
    one = summary[summary["subgroup_number"] == 1]
    fig = go.Figure(subgroups_figure(one, {1: names[1]}, "id"))
    names = [trace.name for trace in fig.data]
    assert names[:6] == [
        "Sangat Tinggi",
        "Tinggi",
        "Sedang",
        "Rendah",
        "Sangat Rendah",
        "Belum ada laporan",
    ]
    assert list(fig.data[0].x) == ["2018", "2019", "2020", "2021", "2022"]
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["Sangat Tinggi"].y) == [0, 1, 0, 0, 0]
    assert list(by_name["Rendah"].y) == [0, 1, 0, 0, 0]
    assert list(by_name["Belum ada laporan"].y) == [13, 11, 13, 13, 13]
    # mean of min(125, 100) and 55, for 2019 only
    assert by_name["Rata-rata capaian (tiap indikator maks. 100%)"].y[1] == 77.5
    assert fig.layout.separators == ",."
    english = go.Figure(subgroups_figure(one, {1: "Prevention"}, "en"))
    assert english.data[0].name == "Very high" and english.layout.separators == ".,"


# Under CI=true a missing browser fails the run (the test errors) instead of skipping it.
needs_browser = pytest.mark.skipif(
    shutil.which("chromedriver") is None and not IN_CI, reason="chromedriver is not installed"
)


def choose(dash_duo, key: str, text: str, url_part: str) -> None:
    """Pick `text` in the filter dropdown `key` like a user, wait until the URL holds
    `url_part` and the page has redrawn (retried: a click can land while a redraw is going on)."""
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(dash_duo.driver, 15)
    for _ in range(3):
        try:
            bar = dash_duo.wait_for_element("#filter-bar", timeout=20)
            bar.find_element(By.CSS_SELECTOR, f"#filter-{key} .filter-dropdown").click()
            menu = dash_duo.wait_for_element(".dash-dropdown-options", timeout=10)
            options = menu.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
            match = next((o for o in options if o.text == text), None)
            assert match is not None, f"{text!r} not among {[o.text for o in options]}"
            match.click()
            wait.until(lambda d: url_part in d.current_url)
            wait.until(expected_conditions.staleness_of(bar))
            dash_duo.wait_for_element("#filter-bar", timeout=20)
            return
        except (StaleElementReferenceException, TimeoutException):
            continue
    raise AssertionError(f"choosing {text!r} in {key} never put {url_part!r} in the URL")


@pytest.fixture
def demo_app(tmp_path):
    """The app on a fresh SQLite store with the catalogue and the demo data."""
    from click.testing import CliRunner

    from dashboard.app import create_app
    from indicators.db import make_engine
    from radtrack.cli import main

    url = f"sqlite:///{tmp_path / 'ui.sqlite'}"
    runner = CliRunner()
    env = {"RADTRACK_DATABASE_URL": url}
    assert runner.invoke(main, ["init"], env=env).exit_code == 0
    assert runner.invoke(main, ["demo"], env=env).exit_code == 0
    return create_app(make_engine(url))


@pytest.mark.browser
@needs_browser
def test_overview_shows_four_bidang_with_charts_and_demo_notice(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_element("#bidang-4", timeout=20)
    dash_duo.wait_for_element("#bidang-chart-4 .js-plotly-plot", timeout=20)
    panels = dash_duo.find_elements("#bidang-charts .annotation-text")
    assert [p.text.split(":")[0] for p in panels] == [f"Bidang {n}" for n in range(1, 5)]
    for n in range(1, 5):
        section = dash_duo.find_element(f"#bidang-{n}")
        rows = section.find_elements("css selector", f"#status-table-{n} tbody tr")
        assert len(rows) == {1: 13, 2: 9, 3: 8, 4: 17}[n]
    headings = [h.text for h in dash_duo.find_elements(".bidang h2")]
    assert headings == [
        "Bidang 1: Pencegahan, Pembinaan Trafficking dan Tenaga Kerja",
        "Bidang 2: Penanganan Kesehatan, Sosial, Rehabilitasi dan Pemulangan",
        "Bidang 3: Pengembangan dan Penegakan Hukum",
        "Bidang 4: Kerjasama dan Penertiban Dokumen Kependudukan",
    ]
    assert "DATA DEMO" in dash_duo.find_element("#demo-notice").text
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@needs_browser
def test_year_link_and_english_switch(dash_duo, demo_app):
    dash_duo.start_server(demo_app)
    dash_duo.wait_for_element("#bidang-1", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/?year=2019&lang=en")
    dash_duo.wait_for_text_to_equal("h1", "RAD achievement overview", timeout=20)
    dash_duo.wait_for_element("#status-table-1", timeout=20)
    assert dash_duo.find_element(".bidang h2").text.startswith("Sub-group 1:")
    assert "DEMO DATA" in dash_duo.find_element("#demo-notice").text
    header = [th.text for th in dash_duo.find_elements("#status-table-1 th")]
    assert header[:3] == ["Code", "Indicator", "Kind"]
    assert dash_duo.find_element("#lang-id").get_attribute("href").endswith("/?year=2019")
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@needs_browser
def test_empty_store_shows_how_to_start(dash_duo, tmp_path):
    from dashboard.app import create_app
    from indicators.db import make_engine
    from indicators.schema import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    upgrade(engine)
    dash_duo.start_server(create_app(engine))
    dash_duo.wait_for_text_to_equal(
        "#empty-state", "Belum ada RAD di basis data. Jalankan “radtrack init”.", timeout=20
    )
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@needs_browser
def test_a_second_plan_gets_its_own_overview(dash_duo, tmp_path):
    from click.testing import CliRunner

    from dashboard.app import create_app
    from indicators.db import make_engine
    from radtrack.cli import main
    from tests.test_rad_import import synthetic_import_args

    url = f"sqlite:///{tmp_path / 'two.sqlite'}"
    env = {"RADTRACK_DATABASE_URL": url}
    runner = CliRunner()
    runner.invoke(main, ["init"], env=env)
    args = synthetic_import_args(tmp_path)
    assert runner.invoke(main, args, env=env).exit_code == 0
    dash_duo.start_server(create_app(make_engine(url)))
    dash_duo.wait_for_element("#bidang-4", timeout=20)
    choose(dash_duo, "plan", "UJI-2021-2025", "plan=UJI-2021-2025")
    dash_duo.wait_for_text_to_equal("#plan-title", "RAD uji (sintetis)", timeout=20)
    dash_duo.wait_for_element("#bidang-2", timeout=20)
    headings = [h.text for h in dash_duo.find_elements(".bidang h2")]
    assert headings == ["Bidang 1: Pencegahan", "Bidang 2: Penanganan"]
    assert dash_duo.driver.current_url.endswith("/?plan=UJI-2021-2025")
    # Every plan together, from the materialised summaries, each row linking to its overview.
    choose(dash_duo, "plan", "Semua RAD", "plan=semua")
    dash_duo.wait_for_text_to_equal("h1", "Ringkasan semua RAD", timeout=20)
    dash_duo.wait_for_element("#national-grid .ag-row", timeout=20)
    codes = [c.text for c in dash_duo.find_elements("#national-grid .ag-row [col-id='link']")]
    assert sorted(codes) == ["TTU-2018-2022", "UJI-2021-2025"]
    assert dash_duo.find_element("#national-totals").text.startswith("2 RAD,")
    dash_duo.driver.get(dash_duo.server_url + "/anggaran?plan=semua&lang=en")
    dash_duo.wait_for_element("#national-budget .ag-row", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/kepatuhan?plan=semua&year=2021")
    dash_duo.wait_for_element("#national-compliance .ag-row", timeout=20)
    assert (
        len(dash_duo.find_elements("#national-compliance .ag-center-cols-container .ag-row")) == 2
    )
    assert dash_duo.get_logs() == []


@pytest.mark.browser
@needs_browser
def test_filters_change_the_view_and_live_in_the_url(dash_duo, sqlite_store, tmp_path):
    from dashboard.app import create_app
    from loaders.ingest import ingest_file
    from tests.conftest import fill, make_template

    for agency, quarter, value in (("POLRES", 1, 3), ("POLRES", 2, 2), ("DINSOS", 1, 4)):
        path = fill(
            make_template(
                sqlite_store,
                tmp_path / f"{agency}{quarter}.xlsx",
                agency=agency,
                year=2019,
                quarter=quarter,
            ),
            {"3.a.1.1": {"value": value}},
        )
        assert ingest_file(sqlite_store, path).ok
    dash_duo.start_server(create_app(sqlite_store))
    dash_duo.wait_for_element("#bidang-4", timeout=20)

    choose(dash_duo, "year", "2019", "year=2019")
    dash_duo.wait_for_element("#filter-quarter", timeout=20)
    dash_duo.wait_for_text_to_equal(
        "tr[data-code='3.a.1.1'] td:nth-child(5)", "9 orang", timeout=20
    )
    assert "year=2019" in dash_duo.driver.current_url
    choose(dash_duo, "quarter", "TW I", "tw=1")
    # End of TW I 2019: 3 + 4 reported; expected 5 (2018) + 5 x 1/4 (25 over five years)
    dash_duo.wait_for_text_to_equal(
        "tr[data-code='3.a.1.1'] td:nth-child(5)", "7 orang", timeout=20
    )
    assert "TW I 2019" in dash_duo.find_element("#quarter-view").text
    choose(dash_duo, "agency", "POLRES - Kepolisian Resor Timor Tengah Utara", "agency=POLRES")
    dash_duo.wait_for_text_to_equal(
        "tr[data-code='3.a.1.1'] td:nth-child(5)", "3 orang", timeout=20
    )
    assert "POLRES" in dash_duo.find_element("#agency-view").text
    choose(dash_duo, "subgroup", "3. Pengembangan dan Penegakan Hukum", "bidang=3")
    dash_duo.wait_for_no_elements("#bidang-1", timeout=20)
    assert [s.get_attribute("id") for s in dash_duo.find_elements(".bidang")] == ["bidang-3"]
    shared = dash_duo.driver.current_url
    for part in ("year=2019", "tw=1", "agency=POLRES", "bidang=3"):
        assert part in shared
    # The link reproduces the view on its own.
    dash_duo.driver.get(shared)
    # the table is drawn again after the bidang filter: read it once it holds the figure
    dash_duo.wait_for_text_to_equal(
        "tr[data-code='3.a.1.1'] td:nth-child(5)", "3 orang", timeout=20
    )
    assert dash_duo.get_logs() == []


def test_a_grids_rows_are_plain_values_with_missing_ones_none():
    """What a grid is sent: Python's own values, None for every kind of missing value (NaN,
    NA of a nullable column, NaT), the same as pandas' own conversion gives."""
    import numpy as np
    import pandas as pd

    from dashboard.components.grid import records

    frame = pd.DataFrame(
        {
            "plan": ["TTU", None, "TTS"],
            "year": np.array([2019, 2020, 2021], dtype="int64"),
            "share": [62.5, np.nan, 100.0],
            "count": pd.array([1, None, 3], dtype="Int64"),
            "at": pd.to_datetime(["2020-01-01", None, "2021-02-03"]),
            "code": pd.array(["1.a", None, "2.b"], dtype="string"),
        }
    )
    rows = records(frame)
    assert rows == frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert rows[1] == {k: (2020 if k == "year" else None) for k in frame.columns}
    assert [type(v) for v in rows[0].values()][:4] == [str, int, float, int]
    assert records(frame.iloc[0:0]) == []
    # an object column holding numpy's or Decimal's own missing values, and a repeated name
    from decimal import Decimal

    odd = pd.DataFrame(
        [[np.float32("nan"), np.datetime64("NaT"), Decimal("NaN"), 1, 2]],
        columns=["f", "t", "d", "x", "x"],
        dtype=object,
    )
    assert records(odd) == [{"f": None, "t": None, "d": None, "x": 2}]


def test_budget_chart_writes_full_rupiah_not_si_suffixes():
    import pandas as pd

    from dashboard.charts import budget_figure

    table = pd.DataFrame({"key": [1], "name": ["1. Pencegahan"], "budget": [6e9], "spent": [4e9]})
    fig = go.Figure(budget_figure(table, "id", 300))  # also checks the dict is a valid figure
    assert fig.layout.yaxis.tickformat == ",.0f" and fig.layout.separators == ",."
    assert list(fig.data[0].x) == ["Bidang 1"]


def test_status_table_keeps_numeric_columns_numeric_with_no_reports(sqlite_store):
    with session(sqlite_store) as s:
        table = status_table(s, get_plan(s), 2019)
    assert str(table["capaian"].dtype) == "float64" and table["capaian"].isna().all()
    assert table[table["capaian"].notna()].nsmallest(3, "capaian").empty  # as the page asks


def test_status_table_escapes_what_the_store_holds():
    from dashboard.components.status_table import status_table as status_html

    rows = pd.DataFrame(
        [
            {
                "code": "1.a.1",
                "statement": 'Sosialisasi <img src=x onerror="alert(1)">\n\n# bukan judul',
                "kind": "cumulative",
                "unit": "orang",
                "expected": 3.0,
                "realised": 1.0,
                "capaian": 33.3,
                "band": "sangat_rendah",
                "light": "red",
                "reporters": 'DINSOS & "LSM"',
            }
        ]
    )
    table = status_html(rows, "id", "status-table-9", "TTU-2018-2022").children
    assert "<img" not in table
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; # bukan judul" in table
    assert "DINSOS &amp; &#34;LSM&#34;" in table
    assert "\n" not in table  # one HTML block: a blank line would hand the rest to Markdown
    assert '<dccLink href="/indikator?plan=TTU-2018-2022&amp;code=1.a.1">1.a.1</dccLink>' in table
    assert '<td class="num">33,3%</td>' in table
