"""Slow links: the overview's files arrive compressed, and a second visit takes them from the
browser's cache (headless Chromium's own resource timing, not our headers alone)."""

import pytest

from tests.test_dashboard import needs_browser

pytestmark = [pytest.mark.browser, needs_browser]

RESOURCES = """
return performance.getEntriesByType('resource').map(e => ({
  name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize
}));
"""


def _settled(dash_duo):
    dash_duo.wait_for_element("#bidang-chart-1 .main-svg", timeout=30)


def test_files_arrive_compressed_and_a_repeat_visit_reads_them_from_the_cache(
    dash_duo, sqlite_store, tmp_path
):
    from dashboard.app import create_app
    from loaders.demo import load_demo

    assert all(r.ok for r in load_demo(sqlite_store, tmp_path / "demo"))
    dash_duo.start_server(create_app(sqlite_store))
    _settled(dash_duo)
    first = dash_duo.driver.execute_script(RESOURCES)
    bundles = [r for r in first if r["name"].split("?")[0].endswith((".js", ".css"))]
    assert len(bundles) >= 10
    assert not [r for r in bundles if "dash_table" in r["name"]]  # no page uses a DataTable
    big = [r for r in bundles if r["decoded"] > 20_000]
    for r in big:  # brotli or gzip: at most half the file on the wire
        assert r["encoded"] < r["decoded"] / 2, r
    plotly = next(r for r in bundles if "plotly-cartesian" in r["name"])
    assert plotly["encoded"] < 600_000 < 1_400_000 < plotly["decoded"]
    wire = sum(r["transfer"] for r in first)
    assert wire < 1_300_000, wire

    # a second visit (a new page load, as a reader coming back): the bundles from the cache
    dash_duo.driver.get(dash_duo.server_url + "/?year=2020")
    _settled(dash_duo)
    again = dash_duo.driver.execute_script(RESOURCES)
    seen = {r["name"] for r in bundles}
    cached = [r for r in again if r["name"] in seen]
    # versioned bundles straight from the cache; Dash's unversioned lazy chunks are only
    # revalidated (a 304 of a few hundred bytes, no body)
    assert cached and all(r["transfer"] == 0 or r["encoded"] == 0 for r in cached), [
        r for r in cached if r["transfer"] and r["encoded"]
    ]
    assert all(r["transfer"] == 0 for r in cached if ".v" in r["name"] or "?m=" in r["name"])
    assert sum(r["transfer"] for r in again) < 100_000
    assert dash_duo.get_logs() == []


STAND_IN = """
const ns = window.dash_ag_grid, own = ns.bundle && ns.bundle.AgGrid, mine = ns.AgGrid;
if (!own) return null;
return {
  renderType: [mine.dashRenderType, own.dashRenderType],
  persistence: [JSON.stringify(mine.dashPersistence), JSON.stringify(own.dashPersistence)],
  childrenUpdate: ['dashChildrenUpdate' in mine, 'dashChildrenUpdate' in own],
  lazy: [mine._dashprivate_isLazyComponentReady, own._dashprivate_isLazyComponentReady],
};
"""


def _grid_bundles(dash_duo) -> list[str]:
    return [r["name"] for r in dash_duo.driver.execute_script(RESOURCES) if "ag_grid" in r["name"]]


def test_the_grids_code_is_loaded_only_by_a_page_with_a_grid(dash_duo, sqlite_store, tmp_path):
    """The overview (no grid) never loads AG Grid's 1.3 MB bundle; a page with a grid loads it
    when it draws its first grid, reached by a link or by its address, and the stand-in that
    Dash finds until then tells Dash's renderer what AG Grid's own component would."""
    from dashboard.app import create_app
    from loaders.demo import load_demo

    assert all(r.ok for r in load_demo(sqlite_store, tmp_path / "demo"))
    dash_duo.start_server(create_app(sqlite_store))
    _settled(dash_duo)
    dash_duo.wait_for_element("#bidang-1 .status-table", timeout=30)
    assert _grid_bundles(dash_duo) == []
    assert dash_duo.driver.execute_script("return window.dash_ag_grid.bundle") is None

    # by a link, without a new page load: the grid is drawn with its rows
    dash_duo.driver.execute_script(
        "window.history.pushState({}, '', '/indikator?code=3.a.1.1');"
        "window.dispatchEvent(new PopStateEvent('popstate'));"
    )
    dash_duo.wait_for_element("#sources-grid .ag-row", timeout=30)
    assert [n.split("/")[-1].split(".")[0] for n in _grid_bundles(dash_duo)][:1] == ["dash_ag_grid"]
    found = dash_duo.driver.execute_script(STAND_IN)
    assert found is not None
    for key, (mine, own) in found.items():
        assert mine == own, (key, mine, own)
    assert dash_duo.find_elements(".grid-loading") == []

    # by its address: a new page load draws the grid too
    dash_duo.driver.get(dash_duo.server_url + "/indikator?code=3.a.1.1&lang=en")
    dash_duo.wait_for_element("#sources-grid .ag-row", timeout=30)
    assert dash_duo.get_logs() == []


def test_a_grid_whose_code_cannot_run_says_so_and_the_page_stands(dash_duo, sqlite_store, tmp_path):
    """If the grid's bundle arrives but defines no grid (a damaged file, or one a proxy
    rewrote), the grid's box says it could not be loaded; the rest of the page stays."""
    from dashboard.app import create_app
    from loaders.demo import load_demo

    assert all(r.ok for r in load_demo(sqlite_store, tmp_path / "demo"))
    app = create_app(sqlite_store)
    index = app.interpolate_index

    def damaged(**parts):  # a script that runs and defines nothing: the app's own a11y.js
        page = index(**parts)
        bundle = 'name="radtrack-grid-bundle" content="'
        assert bundle in page
        return page.replace(bundle, bundle + "/assets/a11y.js?instead-of=", 1)

    app.interpolate_index = damaged
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/indikator?code=3.a.1.1")
    dash_duo.wait_for_text_to_equal(
        "#sources-grid", "Tabel tidak dapat dimuat. Muat ulang halaman.", timeout=30
    )
    assert dash_duo.find_elements("h1") and dash_duo.find_elements("#indicator-agencies")
    assert dash_duo.find_elements("#sources-grid .ag-root") == []
