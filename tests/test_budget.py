"""Budget against spending per bidang, programme and agency, next to physical achievement."""

import math

from indicators.db import session
from indicators.queries import budget_table, get_plan
from loaders.ingest import ingest_file
from tests.conftest import fill, make_template


def test_budget_sums_absorption_and_capaian_per_bidang(store, tmp_path):
    polres = fill(
        make_template(store, tmp_path / "p.xlsx", agency="POLRES", year=2020),
        {
            "3.a.1.1": {"value": 5, "budget": 40_000_000, "spent": 30_000_000},
            "3.b.1.1": {"value": 1, "budget": 60_000_000, "spent": 45_000_000},
        },
    )
    dinsos = fill(
        make_template(store, tmp_path / "d.xlsx", agency="DINSOS", year=2020),
        {
            "2.a.1.3": {"value": 30, "budget": 10_000_000},
        },
    )
    assert ingest_file(store, polres).ok and ingest_file(store, dinsos).ok
    with session(store) as s:
        plan = get_plan(s)
        by_bidang = budget_table(s, plan, 2020).set_index("key")
        by_agency = budget_table(s, plan, 2020, by="agency").set_index("key")
        by_programme = budget_table(s, plan, None, by="programme").set_index("key")
    assert by_bidang.loc[3, ["budget", "spent", "absorption"]].tolist() == [100e6, 75e6, 75.0]
    assert math.isnan(by_bidang.loc[2, "spent"]) and by_bidang.loc[2, "budget"] == 10e6
    # bidang 3 in 2020: 3.a.1.1 at 5/15 expected (33.3 %), 3.b.1.1 at 1/4.8 (20.8 %)
    assert round(by_bidang.loc[3, "mean_capaian"], 1) == round((5 / 15 + 1 / 4.8) / 2 * 100, 1)
    assert list(by_agency.index) == ["DINSOS", "POLRES"]
    assert by_programme.loc["3.b", "budget"] == 60e6
