"""Everything with the keyboard alone, in headless Chromium: the skip link, the filters, the
language switch, an upload and a CSV download, by Tab, Enter, Space, arrows and typing only."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import fill, make_template
from tests.test_dashboard import needs_browser

pytestmark = [pytest.mark.browser, needs_browser]


def _press(dash_duo, *keys) -> None:
    actions = ActionChains(dash_duo.driver)
    for key in keys:
        actions.send_keys(key)
    actions.perform()


def _focused(dash_duo) -> dict:
    return dash_duo.driver.execute_script(
        "const e = document.activeElement; return {tag: e.tagName, id: e.id,"
        " text: (e.innerText || e.value || '').trim().slice(0, 60),"
        " href: e.getAttribute('href') || '', cls: String(e.className)};"
    )


def _tab_to(dash_duo, wanted, limit: int = 80) -> dict:
    """Press Tab until `wanted(focused)` holds; the focused element."""
    for _ in range(limit):
        _press(dash_duo, Keys.TAB)
        focused = _focused(dash_duo)
        if wanted(focused):
            return focused
    raise AssertionError(f"Tab never reached it; last: {_focused(dash_duo)}")


def _wait_url(dash_duo, part: str) -> None:
    WebDriverWait(dash_duo.driver, 20).until(lambda d: part in d.current_url)


def test_the_dashboard_works_with_the_keyboard_alone(dash_duo, sqlite_store, tmp_path):
    from dashboard.app import create_app

    report = fill(
        make_template(sqlite_store, tmp_path / "polres_2019.xlsx", "POLRES", 2019),
        {"3.a.1.1": {"value": 4}},
    )
    downloads = tmp_path / "unduhan"
    downloads.mkdir()
    dash_duo.start_server(create_app(sqlite_store))
    driver = dash_duo.driver
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    dash_duo.wait_for_element("#filter-bar", timeout=20)

    # the first Tab reaches the skip link, which jumps past the menu to the page
    focused = _tab_to(dash_duo, lambda f: True)
    assert "skip-link" in focused["cls"]
    _press(dash_duo, Keys.ENTER)
    assert _focused(dash_duo)["id"] == "main-content"

    # a filter: its button, Enter to open, type, Enter to choose
    _tab_to(dash_duo, lambda f: "dash-dropdown" in f["cls"] and "Seluruh periode" in f["text"])
    name = driver.execute_script("return document.activeElement.getAttribute('aria-label')")
    assert name == "Tahun: Seluruh periode"  # a screen reader hears the filter and its value
    _press(dash_duo, Keys.ENTER)  # opens the list, the focus on the chosen option
    WebDriverWait(driver, 10).until(lambda d: _focused(dash_duo)["text"] == "all")
    _press(dash_duo, Keys.ARROW_DOWN)
    WebDriverWait(driver, 10).until(lambda d: _focused(dash_duo)["text"] == "2018")
    _press(dash_duo, Keys.ARROW_DOWN)
    WebDriverWait(driver, 10).until(lambda d: _focused(dash_duo)["text"] == "2019")
    _press(dash_duo, Keys.ENTER)
    _wait_url(dash_duo, "year=2019")
    dash_duo.wait_for_element("#filter-bar", timeout=20)

    # the language switch
    _tab_to(dash_duo, lambda f: f["id"] == "lang-en")
    _press(dash_duo, Keys.ENTER)
    _wait_url(dash_duo, "lang=en")
    dash_duo.wait_for_text_to_equal("h1", "RAD achievement overview", timeout=20)

    # an upload: the menu link, the drop zone, the file (what the file dialog gives), Load
    _tab_to(dash_duo, lambda f: f["href"].startswith("/unggah"))
    _press(dash_duo, Keys.ENTER)
    dash_duo.wait_for_element("#upload-files", timeout=20)
    zone = _tab_to(dash_duo, lambda f: "upload-zone" in f["cls"] or f["id"] == "upload-files")
    assert zone  # the drop zone takes the focus; Enter or Space would open the file dialog
    driver.find_element("css selector", "#upload-files input[type=file]").send_keys(str(report))
    dash_duo.wait_for_element("#upload-summary", timeout=20)
    _tab_to(dash_duo, lambda f: f["id"] == "upload-confirm")
    _press(dash_duo, Keys.ENTER)
    dash_duo.wait_for_text_to_equal("#upload-done", "Done: 1 files loaded.", timeout=20)

    # a CSV download
    _tab_to(dash_duo, lambda f: f["href"].startswith("/unduh"))
    _press(dash_duo, Keys.ENTER)
    dash_duo.wait_for_element("#dl-achievements-csv", timeout=20)
    link = _tab_to(dash_duo, lambda f: f["id"] == "dl-achievements-csv")
    assert "/download/achievements.csv" in link["href"]
    _press(dash_duo, Keys.ENTER)
    WebDriverWait(driver, 20).until(lambda d: list(downloads.glob("achievements*.csv")))
    text = next(downloads.glob("achievements*.csv")).read_text(encoding="utf-8")
    assert "3.a.1.1" in text and "POLRES" in text
    assert dash_duo.get_logs() == []
