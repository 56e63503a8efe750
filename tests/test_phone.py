"""Every page at a phone's width (390 px) in headless Chromium: nothing scrolls the page sideways
(a table or grid may scroll inside its own box), the navigation is a menu that opens and closes,
and the overview's charts stand one per row."""

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from tests.test_dashboard import demo_app, needs_browser  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, needs_browser]

PAGES = [
    "/",
    "/?year=2020&tw=2",
    "/?plan=semua",
    "/bidang?bidang=1",
    "/indikator?code=2.a.1.3",
    "/indikator",
    "/kepatuhan",
    "/anggaran",
    "/anggaran?view=print",
    "/konteks",
    "/unduh",
    "/unggah",
    "/audit",
    "/tinjau",
    "/instansi",
    "/mulai",
]
WIDE = """
const limit = document.documentElement.clientWidth;
const boxed = (el) => {  // inside a box of its own that scrolls (or clips) within the page
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const overflow = getComputedStyle(a).overflowX;
    if (overflow !== 'visible' && a.getBoundingClientRect().right <= limit + 1) return true;
  }
  return false;
};
const wide = [];
for (const el of document.querySelectorAll('body *')) {
  if (boxed(el)) continue;
  const box = el.getBoundingClientRect();
  const name = el.tagName + '#' + el.id + '.' + String(el.className).slice(0, 40);
  if (box.width > 0 && box.right > limit + 1) wide.push(name + ' ' + Math.round(box.right));
}
return [document.documentElement.scrollWidth, limit, wide.slice(0, 8)];
"""


def _settled(dash_duo) -> None:
    """Wait until every chart of the page has drawn (a chart sizes itself when it draws)."""
    from tests.test_accessibility import _settled as settled

    settled(dash_duo.driver)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_page_scrolls_sideways_on_a_phone(dash_duo, demo_app, lang):  # noqa: F811
    dash_duo.start_server(demo_app)
    dash_duo.driver.set_window_size(390, 844)
    for path in PAGES:
        url = dash_duo.server_url + path + ("&" if "?" in path else "?") + f"lang={lang}"
        dash_duo.driver.get(url)
        dash_duo.wait_for_element("main", timeout=20)
        dash_duo.wait_for_element(".app-main h1, .empty-state", timeout=20)
        _settled(dash_duo)
        scroll, width, wide = dash_duo.driver.execute_script(WIDE)
        assert scroll <= width and not wide, (path, scroll, width, wide)
    assert dash_duo.get_logs() == []


def test_the_phone_menu_opens_and_the_charts_stack(dash_duo, demo_app):  # noqa: F811
    dash_duo.start_server(demo_app)
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#bidang-chart-4 .js-plotly-plot", timeout=20)
    links = dash_duo.find_elements("#nav-collapse .nav-link")
    assert links and not any(link.is_displayed() for link in links)  # behind the menu button
    dash_duo.find_element("#nav-toggle").click()
    WebDriverWait(dash_duo.driver, 5).until(lambda d: all(link.is_displayed() for link in links))
    lefts = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.bidang-chart')]"
        ".map(c => Math.round(c.getBoundingClientRect().left))"
    )
    assert len(lefts) == 4 and len(set(lefts)) == 1  # one per row
    dash_duo.driver.set_window_size(1366, 900)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#bidang-chart-4 .js-plotly-plot", timeout=20)
    assert all(link.is_displayed() for link in dash_duo.find_elements("#nav-collapse .nav-link"))
    lefts = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.bidang-chart')]"
        ".map(c => Math.round(c.getBoundingClientRect().left))"
    )
    assert len(set(lefts)) == 2  # two per row on a laptop
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_budget_print_view_is_one_a4_page_with_the_demo_notice(dash_duo, demo_app, lang):  # noqa: F811
    from tests.test_pages import _printed_pages

    dash_duo.start_server(demo_app)
    dash_duo.driver.set_window_size(1366, 900)
    for search in ("?view=print", "?view=print&year=2020"):
        dash_duo.driver.get(dash_duo.server_url + f"/anggaran{search}&lang={lang}")
        dash_duo.wait_for_element("#budget-print #budget-chart .js-plotly-plot .bars", timeout=20)
        assert dash_duo.find_elements("#budget-print .demo-notice")  # demo stays labelled
        assert _printed_pages(dash_duo) == 1, search
    assert dash_duo.get_logs() == []


SCROLLING_TABLES = """
return [...document.querySelectorAll('table.status-table, table.grid')]
  .filter(t => t.checkVisibility())  // a chart's table stays folded in its <details> until asked
  .map(t => [t.id || t.className, t.scrollWidth > t.clientWidth + 1, t.getAttribute('tabindex')]);
"""


def test_a_table_that_scrolls_sideways_takes_the_keyboard_focus_only_while_it_scrolls(
    dash_duo,
    demo_app,  # noqa: F811
):
    """On a phone the status tables scroll inside their boxes: each is a Tab stop (so a keyboard
    can scroll it); made wide, the same tables no longer scroll and leave the tab order."""
    dash_duo.start_server(demo_app)
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#bidang-4 .status-table", timeout=20)
    _settled(dash_duo)

    def settled_tables(scrolling: bool):
        def check(driver):
            tables = driver.execute_script(SCROLLING_TABLES)
            wanted = all(s == scrolling for _n, s, _t in tables if "status" in _n)
            keyed = all((t == "0") == s for _n, s, t in tables)  # only while it scrolls
            return tables if tables and wanted and keyed else False

        return WebDriverWait(dash_duo.driver, 10, poll_frequency=0.1).until(check)

    assert len(settled_tables(True)) == 4
    dash_duo.driver.set_window_size(1900, 900)
    settled_tables(False)
    dash_duo.driver.set_window_size(390, 844)
    settled_tables(True)
    # a chart's table, unfolded on the phone, is measured then (it scrolls: a Tab stop too)
    dash_duo.find_element("#bidang-chart-1-table summary").click()
    assert len(settled_tables(True)) == 5
    assert dash_duo.get_logs() == []
