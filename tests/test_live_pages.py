"""The secretariat going live, in headless Chromium: the Mulai checklist ticks from the store,
an agency added on the Instansi page, a matrix uploaded there changes what the compliance
page expects, and the checklist follows."""

from urllib.parse import unquote

import pytest
from sqlmodel import select

from indicators import agencies as members
from indicators.agencies import Contact
from indicators.db import session
from indicators.models import Agency, Reminder
from loaders.demo import load_demo
from tests.test_dashboard import needs_browser

pytestmark = [pytest.mark.browser, needs_browser]


def _steps(dash_duo) -> dict[str, str]:
    dash_duo.wait_for_element("#start-steps", timeout=20)
    return {
        el.get_attribute("id").removeprefix("step-"): el.get_attribute("data-done")
        for el in dash_duo.find_elements("#start-steps li")
    }


def _compliance_agencies(dash_duo) -> list[str]:
    dash_duo.driver.get(dash_duo.server_url + "/kepatuhan")
    dash_duo.wait_for_element("#compliance-grid", timeout=20)
    rows = dash_duo.find_elements("#compliance-grid tbody tr")
    return sorted(r.get_attribute("id").removeprefix("compliance-") for r in rows)


def test_mulai_and_instansi_take_a_secretariat_from_the_demo_to_live(
    dash_duo, sqlite_store, tmp_path
):
    from dashboard.app import create_app

    assert all(r.ok for r in load_demo(sqlite_store, tmp_path / "demo"))
    dash_duo.start_server(create_app(sqlite_store))
    dash_duo.driver.get(dash_duo.server_url + "/mulai")
    dash_duo.wait_for_text_to_equal("h1", "Mulai: dari demo ke Gugus Tugas yang berjalan", 20)
    assert _steps(dash_duo) == {
        "accounts": "0",
        "agencies": "0",
        "matrix": "0",  # the demo's matrix is not the task force's
        "templates": "0",
        "first_report": "0",
        "demo": "0",
        "publish": "0",
    }
    assert dash_duo.find_element("#start-summary").text.startswith("7 dari 7 langkah")
    # the demo's illustrative matrix: compliance expects its six agencies
    assert _compliance_agencies(dash_duo) == [
        "DINSOS", "DISNAKERTRANS", "DP3A", "IOM", "POLRES", "YTB",
    ]  # fmt: skip

    # add Dukcapil on the Instansi page
    dash_duo.driver.get(dash_duo.server_url + "/instansi")
    dash_duo.wait_for_element("#add-agency-box", timeout=20).click()
    dash_duo.find_element("#new-code").send_keys("DUKCAPIL")
    dash_duo.find_element("#new-name").send_keys("Dinas Kependudukan dan Pencatatan Sipil TTU")
    dash_duo.find_element("#new-email").send_keys("dukcapil@example.go.id")
    dash_duo.find_element("#new-agency").click()
    dash_duo.wait_for_text_to_equal("#agency-added", "Instansi DUKCAPIL ditambahkan.", 20)
    assert "dukcapil@example.go.id" in dash_duo.find_element("#agency-DUKCAPIL").text
    with session(sqlite_store) as s:
        assert s.exec(select(Agency.name).where(Agency.code == "DUKCAPIL")).one()

    # a matrix: Dukcapil leads bidang 4's activity 4.a.4, Polres bidang 3, Dinsos 2.a
    matrix = tmp_path / "matriks.csv"
    matrix.write_text("kode,instansi,utama\n4.a.4,DUKCAPIL,ya\n3,POLRES,ya\n2.a,Dinas Sosial,ya\n")
    dash_duo.find_element("#matrix-upload input[type=file]").send_keys(str(matrix))
    dash_duo.wait_for_contains_text("#matrix-result", "Matriks dimuat", timeout=20)
    assert "3 instansi" in dash_duo.find_element("#matrix-result").text
    # the reminders list and the compliance page now follow the matrix
    # agencies that reported stay listed (their demo reports count) and Dukcapil joins; the
    # periods the demo left missing for IOM and YTB are no longer expected of them
    assert _compliance_agencies(dash_duo) == [
        "DINSOS", "DISNAKERTRANS", "DP3A", "DUKCAPIL", "IOM", "POLRES", "YTB",
    ]  # fmt: skip
    states = {
        code: [
            c.get_attribute("data-state")
            for c in dash_duo.find_elements(f"#compliance-{code} td.state")
        ]
        for code in ("DUKCAPIL", "IOM", "YTB")
    }
    assert states["DUKCAPIL"] == ["missing"] * 5
    assert states["IOM"][3] == "not_expected" and states["YTB"][1] == "not_expected"
    assert states["IOM"][4] == "returned"  # a returned upload still needs its correction
    rule = dash_duo.find_element("#compliance-rule").text
    assert "matriks tanggung jawab" in rule

    # Dukcapil is reached on WhatsApp: the page offers the reminder as a wa.me link, and records
    # it once the admin says it was sent (IOM's demo upload sent back is no real reminder)
    with session(sqlite_store) as s:
        members.update(s, "DUKCAPIL", "test", Contact(phone="0811 3800 100", channel="whatsapp"))
        s.commit()
    dash_duo.driver.get(dash_duo.server_url + "/instansi")
    link = dash_duo.wait_for_element("#wa-DUKCAPIL", timeout=20).get_attribute("href")
    assert link.startswith("https://wa.me/628113800100?text=Yth.%20Narahubung")
    assert "jatuh tempo 31 Januari 2019" in unquote(link)
    assert not dash_duo.find_elements("#remind-IOM")
    dash_duo.find_element("#remind-DUKCAPIL button").click()
    dash_duo.wait_for_text_to_equal(
        "#reminder-result", "Pengingat WhatsApp untuk DUKCAPIL dicatat.", 20
    )
    with session(sqlite_store) as s:
        sent = s.exec(select(Reminder.channel, Reminder.year, Reminder.recipient)).all()
    assert sent == [("whatsapp", y, "628113800100") for y in range(2018, 2023)]
    assert not dash_duo.find_elements("#wa-DUKCAPIL")  # not offered twice on one day

    dash_duo.driver.get(dash_duo.server_url + "/mulai")
    steps = _steps(dash_duo)
    assert steps["matrix"] == "1" and steps["agencies"] == "0"  # others have no focal point
    assert steps["templates"] == "1"  # a reminder went out
    assert dash_duo.get_logs() == []
