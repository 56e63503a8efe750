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


def _second_plan(store, tmp_path) -> str:
    """The synthetic test RAD (tests.test_rad_import) as a second plan in `store`."""
    from indicators import audit
    from indicators.catalogue import load_plan
    from indicators.summary import refresh_stale
    from loaders.rad_table import read_rad_table
    from tests.test_rad_import import _synthetic_rad, synthetic_import_args

    args = synthetic_import_args(tmp_path)
    meta = {
        "code": args[4],
        "region": args[6],
        "title": args[8],
        "start_year": int(args[10]),
        "end_year": int(args[12]),
    }
    parsed, problems = read_rad_table(_synthetic_rad(), "rad_uji.xlsx", meta)
    assert not problems
    with session(store) as s:
        stored = load_plan(s, parsed).stored
        audit.record(s, "test", "catalogue.imported", "rad_uji.xlsx", stored.id)
        s.commit()
    refresh_stale(store)
    return meta["code"]


def _pages_body(inputs: list[tuple[str, str, str]]) -> dict:
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def _visit(client, search: str, path: str = "/"):
    """The pages callback for `path?search`, as the browser asks it: (shared?, its text)."""
    body = _pages_body(
        [("_pages_location", "pathname", path), ("_pages_location", "search", search)]
    )
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return response.headers.get("X-Radtrack-Answer") == "shared", response.get_data(as_text=True)


def test_a_load_in_one_plan_leaves_the_other_plans_answers_shared(store, tmp_path, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    other = _second_plan(store, tmp_path)
    app = create_app(store)
    client = app.server.test_client()
    ttu, uji = "?plan=TTU-2018-2022&year=2019&lang=en", f"?plan={other}&lang=en"
    for search in (ttu, uji, "?plan=semua&lang=en"):
        assert _visit(client, search)[0] is False  # drawn for the first reader
        assert _visit(client, search)[0] is True  # shared with the next
    table = f"/api/indicator_progress?plan={other}"
    first = client.get(table)
    assert first.headers.get("X-Radtrack-Answer") is None
    assert client.get(table).headers.get("X-Radtrack-Answer") == "shared"

    path = fill(
        make_template(store, tmp_path / "p.xlsx", "POLRES", 2019), {"3.a.1.1": {"value": 4}}
    )
    assert ingest_file(store, path).ok
    # the loaded plan and every plan together are drawn again, with the new figure...
    shared, page = _visit(client, ttu)
    assert not shared and "1 of 47 indicators reported" in page
    assert _visit(client, "?plan=semua&lang=en")[0] is False
    # ...the other plan's page and table are still the ones drawn before the load
    assert _visit(client, uji)[0] is True
    again = client.get(table)
    assert again.headers.get("X-Radtrack-Answer") == "shared"
    assert again.get_data() == first.get_data()


def test_any_other_change_moves_every_plans_answers(store, tmp_path, monkeypatch):
    """Publishing, an agency renamed, a narrative: not one plan's figures, so every shared
    answer is drawn again (the plan list, a name, a text may show on any page)."""
    from dashboard.app import create_app
    from indicators import agencies

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    app = create_app(store)
    client = app.server.test_client()
    search = "?plan=TTU-2018-2022&lang=en"
    _visit(client, search)
    assert _visit(client, search)[0] is True
    with session(store) as s:
        agencies.rename(s, "POLRES", "Kepolisian Resor TTU (nama baru)", actor="test")
        s.commit()
    shared, page = _visit(client, search)
    assert not shared


def test_answers_are_shared_by_the_workers_of_one_server(store, tmp_path, monkeypatch):
    """Two apps on one folder, as `radtrack serve --workers 2` makes them: what one drew the
    other sends; compressed on request, the same bytes once unpacked."""
    import brotli

    from dashboard.app import create_app

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    monkeypatch.setenv("RADTRACK_ANSWERS_DIR", str(tmp_path / "answers"))
    one = create_app(store).server.test_client()
    two = create_app(store).server.test_client()
    url = "/download/indicator_progress.csv?plan=TTU-2018-2022"
    drawn = one.get(url)
    assert drawn.headers.get("X-Radtrack-Answer") is None
    sent = two.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert sent.headers["X-Radtrack-Answer"] == "shared"
    assert sent.headers["Content-Encoding"] == "br"
    assert sent.headers["Content-Disposition"] == drawn.headers["Content-Disposition"]
    assert sent.mimetype == drawn.mimetype
    assert brotli.decompress(sent.get_data()) == drawn.get_data()


def test_signed_in_readers_are_never_served_shared_answers(store, tmp_path, monkeypatch):
    from dashboard.app import create_app
    from indicators.accounts import add_user
    from tests.test_access import _login

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    with session(store) as s:
        add_user(s, "sekretariat", "kata-sandi-yang-panjang-1", "admin", None, actor="test")
        s.commit()
    app = create_app(store)
    client = app.server.test_client()
    _login(client, "sekretariat", "kata-sandi-yang-panjang-1")
    for _ in range(2):
        shared, page = _visit(client, "?plan=TTU-2018-2022&lang=en")
        assert not shared and "sekretariat" in page
        response = client.get("/api/indicator_progress?plan=TTU-2018-2022")
        assert response.headers.get("X-Radtrack-Answer") is None


def test_the_newest_other_event_is_read_through_its_index(sqlite_store):
    """The version's audit lookup matches the partial index of migration 0009 (else, with
    every load an event, it would read the whole log on each request)."""
    from sqlalchemy.dialects import sqlite

    from dashboard import answers

    statement = answers.VERSION_OF_PLAN.params(plan="TTU-2018-2022").compile(
        dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
    )
    with sqlite_store.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}").all()
    assert any("ix_audit_event_other_changes" in row[-1] for row in plan), plan


def test_a_crafted_request_cannot_put_one_page_under_another_pages_key(store, monkeypatch):
    """Dash hands the pages callback its inputs by position: a request naming them otherwise
    draws some page, and must not leave it where the overview's readers would get it."""
    from dashboard.app import create_app

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    client = create_app(store).server.test_client()
    crafted = _pages_body(
        [
            ("_pages_location", "pathname", "/anggaran"),
            ("_pages_location", "pathname", "/"),
        ]
    )
    for _ in range(2):
        response = client.post("/_dash-update-component", json=crafted)
        assert response.headers.get("X-Radtrack-Answer") is None
    shared, _page = _visit(client, "")
    assert not shared  # the overview is drawn for its first reader, not taken from the crafted


def test_a_blank_plan_is_every_plan_and_follows_a_load_anywhere(store, tmp_path, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    client = create_app(store).server.test_client()
    url = "/api/achievements?plan="
    before = client.get(url)
    assert client.get(url).headers.get("X-Radtrack-Answer") == "shared"
    path = fill(
        make_template(store, tmp_path / "p.xlsx", "POLRES", 2019), {"3.a.1.1": {"value": 4}}
    )
    assert ingest_file(store, path).ok
    after = client.get(url)
    assert after.headers.get("X-Radtrack-Answer") is None
    assert len(after.json["rows"]) == len(before.json["rows"]) + 1


def test_the_secretariats_pages_are_never_shared(store, monkeypatch):
    """On the open dashboard every reader may see the audit log and the review queue: drawn
    for each request, so a load in any plan shows at once."""
    from dashboard.app import create_app

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    client = create_app(store).server.test_client()
    for path in ("/audit", "/tinjau", "/instansi", "/mulai", "/unggah"):
        for _ in range(2):
            assert _visit(client, "?plan=TTU-2018-2022", path)[0] is False, path


def test_logins_and_reminders_leave_shared_answers_in_place(store, monkeypatch):
    """A failed login writes an audit event that no shared page shows: anyone could otherwise
    empty every reader's answers by mistyping a password."""
    from dashboard.app import create_app
    from indicators import audit
    from indicators.accounts import add_user

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    with session(store) as s:
        add_user(s, "sekretariat", "kata-sandi-yang-panjang-1", "admin", None, actor="test")
        audit.record(s, "test", "plan.published", "TTU-2018-2022")
        s.commit()
    with session(store) as s:
        from indicators.queries import get_plan

        get_plan(s).published = True
        s.commit()
    client = create_app(store).server.test_client()
    search = "?plan=TTU-2018-2022&lang=en"
    _visit(client, search)
    assert _visit(client, search)[0] is True
    with session(store) as s:
        audit.record(s, "sekretariat", "login.failed", "sekretariat")
        audit.record(s, "command line", "reminder.sent", "DINSOS")
        s.commit()
    assert _visit(client, search)[0] is True


def test_a_broken_cache_is_a_cache_that_misses(store, tmp_path, monkeypatch):
    """A full disk or a removed folder: every reader still gets the page, drawn afresh."""
    import shutil

    from dashboard.app import create_app

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    folder = tmp_path / "answers"
    monkeypatch.setenv("RADTRACK_ANSWERS_DIR", str(folder))
    app = create_app(store)
    client = app.server.test_client()
    _visit(client, "?lang=en")
    cache, _owner = app.server.extensions["radtrack_answers"]
    cache.close()
    shutil.rmtree(folder)
    folder.write_text("not a folder")  # the cache can open nothing there any more
    for _ in range(2):
        shared, page = _visit(client, "?lang=en")
        assert not shared and "indicators reported" in page
