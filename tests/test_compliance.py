"""Reporting compliance: due dates, on time / late / missing / not due, and the chase list."""

from datetime import UTC, date, datetime

from sqlmodel import select

from indicators.compliance import compliance_table, due_date, to_chase
from indicators.db import session
from indicators.models import Submission
from indicators.queries import get_plan
from loaders.ingest import ingest_file
from tests.conftest import fill, make_template


def test_due_date_is_the_end_of_the_month_after_the_period():
    assert due_date(2019) == date(2020, 1, 31)
    assert due_date(2020, 1) == date(2020, 4, 30)
    assert due_date(2020, 2) == date(2020, 7, 31)
    assert due_date(2020, 4) == date(2021, 1, 31)


def test_states_and_the_chase_list(sqlite_store, tmp_path):
    for agency, year, when in (
        ("POLRES", 2019, datetime(2020, 1, 20, tzinfo=UTC)),
        ("DINSOS", 2019, datetime(2020, 3, 2, tzinfo=UTC)),
    ):
        code = "3.a.1.1" if agency == "POLRES" else "2.a.1.3"
        path = fill(
            make_template(sqlite_store, tmp_path / f"{agency}.xlsx", agency, year),
            {code: {"value": 1}},
        )
        assert ingest_file(sqlite_store, path).ok
        with session(sqlite_store) as s:
            sub = s.exec(select(Submission).order_by(Submission.id.desc())).first()
            sub.uploaded_at = when
            s.add(sub)
            s.commit()
    with session(sqlite_store) as s:
        table = compliance_table(s, get_plan(s), today=date(2021, 6, 1))
    state = {(r.agency, r.year): r.state for r in table.itertuples()}
    assert state[("POLRES", 2019)] == "on_time"
    assert state[("DINSOS", 2019)] == "late"
    assert state[("IOM", 2019)] == "missing" and state[("IOM", 2020)] == "missing"
    assert state[("IOM", 2021)] == "not_due"
    chase = to_chase(table)
    assert list(chase.head(3)[["agency", "year"]].itertuples(index=False, name=None)) == [
        ("DINSOS", 2018),
        ("DISNAKERTRANS", 2018),
        ("DP3A", 2018),
    ]
    assert len(chase) == 6 * 3 - 2
