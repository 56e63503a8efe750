"""Victims stay unidentifiable on public pages: an attacker with every public output of random
stores (the JSON API with and without demo data, the overview for every agency, year and
triwulan, the indicator page's charts and sources) writes each number as a sum of the public
cells of the sensitive indicator, solves for what the withheld ones could be, and must recover
none; every number shown of it is 0 or at least k. Signed-in readers see every figure."""

import json
import math
import os
import random
import re
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from sqlmodel import select

from indicators import disclosure
from indicators.accounts import add_user
from indicators.db import session
from indicators.models import Achievement, Agency, Indicator, Plan, Submission
from indicators.summary import mark_stale
from tests.test_access import _login, _page
from tests.test_dashboard import needs_browser

PLAN = "TTU-2018-2022"
CODE = "2.a.1.3"  # 150 victims referred and handled: sensitive in the bundled catalogue
K = 11
SEEDS = [int(s) for s in os.environ.get("RADTRACK_DISCLOSURE_SEEDS", "5,23,29").split(",")]
VALUES = [0, 1, 2, 3, 4, 6, 9, 12, 15, 25]
KECAMATAN = ["Kefamenanu", "Insana", "Biboki Anleu"]


def _random_figures(seed: int) -> dict[tuple, float]:
    """Rows of CODE as an agency would send them: {(agency, year, quarter, sex, kecamatan,
    is_demo): value}; each agency and year annual or quarterly, split by sex or kecamatan or
    not, some of it demo."""
    rng = random.Random(seed)
    agencies = rng.sample(["DINSOS", "DISNAKERTRANS", "IOM"], rng.randint(1, 3))
    years = sorted(rng.sample([2019, 2020, 2021], rng.randint(1, 2)))
    rows = {}
    for agency in agencies:
        demo = rng.random() < 0.2
        for year in years:
            quarters = sorted(rng.sample([1, 2, 3, 4], rng.randint(1, 4)))
            periods = [None] if rng.random() < 0.3 else quarters
            for quarter in periods:
                sexes = ["L", "P"] if rng.random() < 0.5 else [None]
                places = rng.sample(KECAMATAN, 2) if rng.random() < 0.3 else [None]
                for sex in sexes:
                    for place in places:
                        rows[(agency, year, quarter, sex, place, demo)] = float(rng.choice(VALUES))
    return rows


def _store(engine, rows: dict) -> None:
    with session(engine) as s:
        plan = s.exec(select(Plan).where(Plan.code == PLAN)).one()
        ind = s.exec(select(Indicator).where(Indicator.code == CODE)).one()
        ids = {a.code: a.id for a in s.exec(select(Agency))}
        subs = {}
        for n, ((agency, year, quarter, sex, place, demo), value) in enumerate(rows.items()):
            key = (agency, year, quarter)
            if key not in subs:
                sub = Submission(
                    plan_id=plan.id,
                    agency_id=ids[agency],
                    year=year,
                    quarter=quarter,
                    file_name=f"{agency}_{year}_{quarter}.xlsx",
                    sha256=f"{n:064d}",
                    uploaded_by="sekretariat",
                    is_demo=demo,
                    sheet="Capaian",
                )
                s.add(sub)
                s.flush()
                subs[key] = sub.id
            s.add(
                Achievement(
                    indicator_id=ind.id,
                    agency_id=ids[agency],
                    submission_id=subs[key],
                    year=year,
                    quarter=quarter,
                    sex=sex,
                    kecamatan=place,
                    value=value,
                    note="korban an. X, 16 th",
                    source_sheet="Capaian",
                    source_row=n + 5,
                    is_demo=demo,
                )
            )
        plan.published = True
        s.add(plan)
        mark_stale(s, plan.id)
        add_user(s, "sekretariat", "kata-sandi-yang-panjang", "admin", None, actor="test")
        add_user(s, "pembaca", "kata-sandi-yang-panjang", "viewer", None, actor="test")
        s.commit()


def _cell_key(agency, year, quarter, sex, demo) -> tuple:
    return (agency, int(year), None if quarter in (None, "") else int(quarter), sex or None, demo)


def _truth(rows: dict) -> dict[tuple, float]:
    """The public cells' true values (kecamatan added up: the plan does not publish it)."""
    cells = defaultdict(float)
    for (agency, year, quarter, sex, _place, demo), value in rows.items():
        cells[_cell_key(agency, year, quarter, sex, demo)] += value
    return dict(cells)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _find(node, wanted_id):
    """The component with id `wanted_id` in a rendered page's JSON."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == wanted_id:
            return node["props"]
        for value in node.values():
            found = _find(value, wanted_id)
            if found is not None:
                return found
    elif isinstance(node, list):
        for value in node:
            found = _find(value, wanted_id)
            if found is not None:
                return found
    return None


def _number(text: str) -> float | None | str:
    """A shown figure: a number, "withheld", or None (nothing shown)."""
    text = text.strip()
    if text.startswith("&lt;") or text.startswith("<"):
        return "withheld"
    match = re.match(r"^([\d,]+(?:\.\d+)?)", text)
    return float(match.group(1).replace(",", "")) if match else None


class Attacker:
    """Every public number of CODE as an equation over the public cells."""

    def __init__(self):
        self.cells: set[tuple] = set()
        self.known: list[tuple[frozenset, float]] = []
        self.withheld: list[tuple[str, frozenset]] = []
        self.shown: list[tuple[str, float]] = []

    def see(self, where: str, cells, value) -> None:
        cells = frozenset(cells)
        if value == "withheld":
            self.withheld.append((where, cells))
        elif value is not None:
            self.known.append((cells, value))
            self.shown.append((where, value))

    def status_cells(self, agency, year, quarter, demo_counted: bool) -> set:
        """The cells a status row of CODE (cumulative) adds up."""
        out = set()
        for c in self.cells:
            a, y, q, _sex, demo = c
            if (agency and a != agency) or (demo and not demo_counted):
                continue
            if year is None or y < year:
                out.add(c)
            elif y == year and (quarter is None or (q is not None and q <= quarter)):
                out.add(c)
        return out

    def range_of(self, target: frozenset) -> tuple[float, float]:
        cells = sorted(self.cells, key=repr)
        index = {c: i for i, c in enumerate(cells)}
        a_eq = np.zeros((len(self.known), len(cells)))
        b_eq = np.zeros(len(self.known))
        for row, (members, value) in enumerate(self.known):
            for c in members:
                a_eq[row, index[c]] = 1
            b_eq[row] = value
        goal = np.zeros(len(cells))
        for c in target:
            goal[index[c]] = 1
        low = linprog(goal, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-goal, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert low.status == 0, "the published numbers contradict each other"
        return low.fun, (math.inf if high.status != 0 else -high.fun)


def _read_api(client, attacker: Attacker) -> None:
    for demo in (False, True):
        rows = client.get(f"/api/achievements?plan={PLAN}&include_demo={int(demo)}").get_json()
        for r in rows["rows"]:
            if r["indicator_code"] != CODE:
                continue
            assert r["note"] in ("", None), "an agency's note about a victim reached the public"
            assert r["kecamatan"] is None, "kecamatan detail of a sensitive indicator published"
            key = _cell_key(r["agency"], r["year"], r["quarter"], r["sex"], r["is_demo"])
            attacker.cells.add(key)
            value = "withheld" if r["withheld"] else r["achievement"]
            attacker.see(f"api cell {key}", {key}, value)
    for demo in (False, True):
        rows = client.get(f"/api/indicator_progress?plan={PLAN}&include_demo={int(demo)}")
        for r in rows.get_json()["rows"]:
            if r["indicator_code"] != CODE:
                continue
            value = "withheld" if r["withheld"] else r["realised"]
            cells = attacker.status_cells(None, r["year"], None, demo)
            attacker.see(f"api progress {r['year']} demo={demo}", cells, value)


def _overview_row(client, search: str) -> float | None | str:
    page = json.loads(_page(client, "/", search))
    for text in _strings(page):
        match = re.search(rf'<tr data-code="{re.escape(CODE)}"[^>]*>(.*?)</tr>', text, flags=re.S)
        if match:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), flags=re.S)
            return _number(cells[4])
    raise AssertionError(f"no status row of {CODE} on /{search}")


def _read_pages(client, attacker: Attacker, agencies: list[str], years: list[int]) -> None:
    for agency in [None, *agencies]:
        for year in [None, *years]:
            for quarter in [None] if year is None else [None, 1, 2, 3, 4]:
                search = f"?plan={PLAN}&lang=en"
                search += f"&agency={agency}" if agency else ""
                search += f"&year={year}" if year else ""
                search += f"&tw={quarter}" if quarter else ""
                value = _overview_row(client, search)
                cells = attacker.status_cells(agency, year, quarter, True)
                if year is not None and not any(c[1] == year for c in cells):
                    continue
                if quarter is not None and not any(
                    c[1] == year and c[2] is not None and c[2] <= quarter for c in cells
                ):
                    continue  # nothing in those triwulan: "no report"
                attacker.see(f"overview {search}", cells, value)
    page = json.loads(_page(client, "/indikator", f"?plan={PLAN}&code={CODE}&lang=en"))
    series = _find(page, "indicator-series")["figure"]["data"][0]
    for x, y in zip(series["x"], series["y"], strict=True):
        if y is not None:
            attacker.see(f"series {x}", attacker.status_cells(None, int(x), None, True), y)
    for trace in _find(page, "indicator-agencies")["figure"]["data"]:
        for x, y in zip(trace["x"], trace["y"], strict=True):
            cells = {c for c in attacker.cells if c[0] == trace["name"] and c[1] == int(x)}
            attacker.see(f"agency chart {trace['name']} {x}", cells, y)
    for r in _find(page, "sources-grid")["rowData"]:
        assert r["note"] in ("", None) and r["uploaded_by"] == r["agency"]
        key = _cell_key(r["agency"], r["year"], r["quarter"], r.get("sex"), r["is_demo"])
        value = r["value"]
        attacker.see(f"sources {key}", {key}, "withheld" if isinstance(value, str) else value)


@pytest.mark.parametrize("seed", SEEDS)
def test_no_withheld_count_can_be_worked_out_from_every_public_output(store, seed, monkeypatch):
    from dashboard.app import create_app

    rows = _random_figures(seed)
    _store(store, rows)
    truth = _truth(rows)
    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    client = create_app(store).server.test_client()

    attacker = Attacker()
    _read_api(client, attacker)
    assert attacker.cells == set(truth), "every public cell is listed, withheld or not"
    agencies = sorted({c[0] for c in truth})
    years = sorted({c[1] for c in truth})
    _read_pages(client, attacker, agencies, years)

    print(f"seed {seed}: {len(truth)} cells, {len(attacker.known)} equations, "
          f"{len(attacker.withheld)} withheld numbers")  # fmt: skip
    for where, value in attacker.shown:
        assert value == 0 or value >= K, f"{where} shows {value}, a count below k = {K}"
    small = {c for c, v in truth.items() if 0 < v < K}
    hidden_cells = {next(iter(cells)) for _, cells in attacker.withheld if len(cells) == 1}
    assert small <= hidden_cells, "every cell below k is withheld"
    for where, cells in attacker.withheld:
        low, high = attacker.range_of(cells)
        true = sum(truth[c] for c in cells)
        assert low - 1e-6 <= true <= high + 1e-6
        assert high == math.inf or math.floor(high + 1e-6) > math.ceil(low - 1e-6), (
            f"{where}: the public outputs pin the withheld count to {true:g}"
        )

    # a signed-in reader sees every figure as reported
    _login(client, "pembaca")
    shown = client.get(f"/api/achievements?plan={PLAN}&include_demo=1").get_json()["rows"]
    mine = [r for r in shown if r["indicator_code"] == CODE]
    assert not any(r["withheld"] for r in mine)
    assert sum(r["achievement"] for r in mine) == sum(rows.values())


def test_protect_withholds_a_pair_where_one_would_be_given_away():
    # L = 3 below k, P = 12 and the total 15 published: P has to go too
    hidden = disclosure.protect([3, 12], {"L": {0}, "P": {1}, "total": {0, 1}}, 11)
    assert hidden == {"L", "P"}
    # one small quarter of a published year: the smallest other quarter goes with it
    quarters = {f"q{i}": {i} for i in range(4)} | {"year": {0, 1, 2, 3}}
    assert disclosure.protect([5, 20, 30, 15], quarters, 11) == {"q0", "q3"}
    # zeros and counts of k or more are shown
    assert disclosure.protect([0, 11, 30], {"a": {0}, "b": {1}, "all": {0, 1, 2}}, 11) == set()


def test_only_counts_can_be_sensitive(tmp_path):
    from indicators.catalogue import IndicatorEntry

    with pytest.raises(ValueError, match="only a count"):
        IndicatorEntry(code="1.a.1.1", statement="Perda TPPO", kind="milestone", sensitive=True)


@settings(max_examples=60, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(1, 2)),
    data=st.data(),
)
def test_no_margin_of_a_random_table_gives_a_withheld_cell_away(shape, data):
    """Cells of an agency x triwulan x sex table with every margin published (rows, columns,
    layers, running totals by triwulan, the grand total): what protect() withholds, an
    attacker's linear programme cannot pin to one whole number."""
    cells = [(a, q, s) for a in range(shape[0]) for q in range(shape[1]) for s in range(shape[2])]
    values = data.draw(st.lists(st.sampled_from(VALUES), min_size=len(cells), max_size=len(cells)))
    published = {("cell", c): {i} for i, c in enumerate(cells)}
    for a in range(shape[0]):
        published[("agency", a)] = {i for i, c in enumerate(cells) if c[0] == a}
        for q in range(shape[1]):
            published[("agency to", a, q)] = {
                i for i, c in enumerate(cells) if c[0] == a and c[1] <= q
            }
    for q in range(shape[1]):
        published[("to", q)] = {i for i, c in enumerate(cells) if c[1] <= q}
    for s in range(shape[2]):
        published[("sex", s)] = {i for i, c in enumerate(cells) if c[2] == s}
    hidden = disclosure.protect(values, published, K)
    attacker = Attacker()
    attacker.cells = set(range(len(cells)))
    for key, members in published.items():
        total = sum(values[i] for i in members)
        if key in hidden:
            attacker.withheld.append((key, frozenset(members)))
        else:
            attacker.known.append((frozenset(members), total))
            assert total == 0 or total >= K, f"{key} shows {total}"
    for key, members in attacker.withheld:
        low, high = attacker.range_of(members)
        assert high == math.inf or math.floor(high + 1e-6) > math.ceil(low - 1e-6), key


def _row_texts(dash_duo) -> tuple[str, str]:
    """The realised and band cells of CODE's status row, read in one step (the table may be
    drawn again between finding a row and reading it)."""
    script = (
        f"const r = document.querySelector(\"tr[data-code='{CODE}']\");"
        "return r ? [r.cells[4].innerText, r.cells[6].innerText] : null;"
    )
    for _ in range(50):
        texts = dash_duo.driver.execute_script(script)
        if texts:
            return tuple(texts)
    raise AssertionError(f"no status row of {CODE}")


@pytest.mark.browser
@needs_browser
def test_an_anonymous_browser_never_sees_a_victim_count_below_k(dash_duo, sqlite_store):
    """In headless Chromium, as a visitor who is not signed in: the overview, the bidang page
    and the indicator page of the victims indicator show "< 11" where the count is small, and
    no number between 1 and 10 of it anywhere (status rows, sources, chart bars)."""
    from dashboard.app import create_app

    rows = {
        ("DINSOS", 2019, 1, None, None, False): 3.0,
        ("DINSOS", 2019, 2, None, None, False): 14.0,
        ("DINSOS", 2019, 3, None, None, False): 20.0,
        ("IOM", 2019, None, "L", None, False): 2.0,
        ("IOM", 2019, None, "P", None, False): 25.0,
        ("IOM", 2020, None, None, "Insana", False): 6.0,
    }
    _store(sqlite_store, rows)
    dash_duo.start_server(create_app(sqlite_store))
    shown = {}
    for path in ("/?year=2019&tw=1", "/?year=2020", "/bidang?bidang=2&year=2019", "/?year=2019"):
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element(f"tr[data-code='{CODE}']", timeout=20)
        shown[path] = _row_texts(dash_duo)
    for path, (realised, band) in shown.items():
        if realised.startswith("<"):
            assert (realised, band[2:]) == ("< 11 korban", "Dirahasiakan (< k)"), path
        elif realised != "-":
            assert float(realised.split()[0].replace(".", "")) >= K, (path, realised)
    assert shown["/?year=2019&tw=1"][0] == "< 11 korban"  # 3 victims by the end of TW I
    dash_duo.driver.get(dash_duo.server_url + "/?year=2019&tw=1")
    dash_duo.wait_for_element("#suppression-note", timeout=20)
    assert (
        "tidak menampilkan angka kurang dari 11"
        in dash_duo.driver.find_element("css selector", "#suppression-note").text
    )

    dash_duo.driver.get(dash_duo.server_url + f"/indikator?code={CODE}")
    dash_duo.wait_for_element("#sources-grid .ag-row", timeout=20)
    dash_duo.wait_for_element("#indicator-agencies .js-plotly-plot", timeout=20)
    values = [c.text for c in dash_duo.find_elements("#sources-grid .ag-cell[col-id='value']")]
    assert "< 11" in values
    for text in values:
        assert text == "< 11" or text == "0" or float(text.replace(".", "")) >= K, values
    by = {c.text for c in dash_duo.find_elements("#sources-grid .ag-cell[col-id='uploaded_by']")}
    assert by <= {"DINSOS", "IOM"}  # the agency, never the account that uploaded
    notes = [c.text for c in dash_duo.find_elements("#sources-grid .ag-cell[col-id='note']")]
    assert not any(notes), notes
    bars = dash_duo.driver.execute_script(
        "return document.querySelector('#indicator-agencies .js-plotly-plot').data"
        ".flatMap(t => t.y).concat(document.querySelector('#indicator-series .js-plotly-plot')"
        ".data[0].y)"
    )
    assert all(v is None or v == 0 or v >= K for v in bars), bars
    # the charts' text alternatives (their tables) hold no small count either
    figures = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#indicator-series-table td:nth-child(3),"
        " #indicator-agencies-table td:not(:first-child)')].map(td => td.textContent)"
    )
    assert figures
    for text in figures:
        assert (
            text in ("-", "< 11")
            or text.startswith("< 11")
            or float(text.split()[0].replace(".", "").replace(",", ".")) >= K
            or text.split()[0] == "0"
        ), figures
    assert dash_duo.get_logs() == []
