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
