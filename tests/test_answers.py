"""Pages drawn once for every anonymous reader are never stale: a load, or any other change to
the store, moves the version the shared answers are keyed by (on SQLite and PostgreSQL)."""

from indicators.db import session
from loaders.ingest import ingest_file
from tests.conftest import fill, make_template
from tests.test_access import _page


def test_a_shared_page_follows_every_load(store, tmp_path, monkeypatch):
    from dashboard.app import create_app
    from indicators.summary import refresh_stale

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    app = create_app(store)
    first = fill(
        make_template(store, tmp_path / "p.xlsx", "POLRES", 2019), {"3.a.1.1": {"value": 4}}
    )
    assert ingest_file(store, first).ok
    refresh_stale(store)
    client = app.server.test_client()
    before = _page(client, "/", "?year=2019&lang=en")
    assert "1 of 47 indicators reported" in before
    assert _page(client, "/", "?year=2019&lang=en") == before  # the same answer, reused
    second = fill(
        make_template(store, tmp_path / "d.xlsx", "DINSOS", 2019), {"2.a.1.3": {"value": 2}}
    )
    assert ingest_file(store, second).ok
    after = _page(client, "/", "?year=2019&lang=en")  # before the summaries are rebuilt, too
    assert "2 of 47 indicators reported" in after
    refresh_stale(store)
    assert "2 of 47 indicators reported" in _page(client, "/", "?year=2019&lang=en")
    # the first account closes the open dashboard: the unpublished plan is gone for anonymous
    # visitors at once, never the open page of a moment ago
    from indicators.accounts import add_user

    with session(store) as s:
        add_user(s, "sekretariat", "kata-sandi-yang-panjang-1", "admin", None, actor="test")
        s.commit()
    assert "No plan is published yet" in _page(client, "/", "?year=2019&lang=en")
