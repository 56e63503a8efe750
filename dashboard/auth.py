"""Who is asking and what they may do; sessions, the login page, and the web app's safety.

Roles (indicators.models.Role): an admin (the secretariat) may do everything; an uploader may
upload and correct only its own agency's reports; a viewer reads every plan; anonymous visitors
read published plans only. Checked on the server in every page, callback and download route
(dashboard/pages/*, dashboard/downloads.py), never by hiding buttons.

Until the first account exists the dashboard is *open*: a fresh install on one laptop works
with no setup, and every page says so and how to close it (`radtrack user add ... --role admin`).
"""

import ipaddress
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import flask
from flask import Flask, redirect, request, session
from flask_limiter import Limiter
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf, validate_csrf
from markupsafe import escape
from sqlmodel import select
from werkzeug.exceptions import HTTPException
from wtforms import ValidationError

from dashboard import store
from dashboard.i18n import pick_lang, t
from indicators import audit
from indicators.accounts import any_accounts, check_password, end_sessions
from indicators.db import ROOT
from indicators.models import Agency, Plan, Role, User

log = logging.getLogger(__name__)
OPEN = "open"
PUBLIC = "public"
UPLOAD_PAGES = {"/unggah"}
ADMIN_PAGES = {"/audit", "/tinjau", "/instansi", "/mulai"}
PLAN_FREE_PAGES = {"/konteks", "/unggah", "/audit", "/tinjau"}  # pages that show no plan's figures
MAX_REQUEST_BYTES = 40 * 1024 * 1024  # a batch of uploads, base64-encoded inside JSON
LOGIN_LIMIT = "5 per minute"  # per client address
ACCOUNT_LIMIT = "10 per 10 minutes"  # per account name, whatever address tries it
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Content-Security-Policy": "",  # csp(): needs the app's inline-script hashes
}


def csp(script_hashes: list[str]) -> str:
    """The content security policy: scripts only from this site plus Dash's own inline start-up
    script, by its hash (no 'unsafe-inline', no 'unsafe-eval': the renderer and the vendored
    Plotly bundle reach for Function() only as fallbacks modern browsers never take). Styles
    keep 'unsafe-inline': Plotly writes its chart styles into <style> elements at run time."""
    scripts = " ".join(["'self'", *(h if h.startswith("'") else f"'{h}'" for h in script_hashes)])
    return (
        f"default-src 'self'; script-src {scripts}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'self'; object-src 'none'"
    )


@dataclass(frozen=True)
class Actor:
    """The person behind a request, as far as permissions go."""

    name: str
    role: str  # admin, uploader, viewer, public, or open (no accounts yet)
    agency: str | None = None  # an uploader's agency code

    @property
    def reads_everything(self) -> bool:
        """Whether the figures of the plans it reads are shown whole (no small counts withheld)."""
        return self.role != PUBLIC

    @property
    def reads_every_plan(self) -> bool:
        """Whether it reads unpublished plans of any region: the secretariat and viewers. An
        agency account reads the published plans and its own region's."""
        return self.role not in (PUBLIC, Role.UPLOADER)

    @property
    def may_upload(self) -> bool:
        return self.role in (OPEN, Role.ADMIN, Role.UPLOADER)

    @property
    def is_admin(self) -> bool:
        return self.role in (OPEN, Role.ADMIN)

    @property
    def audit_name(self) -> str:
        return "open dashboard" if self.role == OPEN else self.name


class LoginUser(UserMixin):
    """The session's view of an account. Its id carries the account's session version, so that
    logout, a new password or removal (which bump it) end every session, copied cookies too."""

    def __init__(self, user: User, agency: str | None):
        self.id = f"{user.id}:{user.session_version}"
        self.user_id = user.id
        self.username = user.username
        self.role = user.role.value
        self.agency = agency


def _load_user(session_id: str) -> LoginUser | None:
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None  # a session from before versions, or forged: signed out
    with store.session() as s:
        found = s.exec(
            select(User, Agency.code)
            .join(Agency, User.agency_id == Agency.id, isouter=True)
            .where(
                User.id == int(user_id),
                User.active == True,  # noqa: E712
                User.session_version == int(version),
            )
        ).first()
    return LoginUser(*found) if found else None


def _trusted_proxies() -> list:
    """RADTRACK_TRUSTED_PROXIES: addresses or networks (comma-separated) of the reverse proxies
    in front of radtrack, whose X-Forwarded-For is believed."""
    raw = os.environ.get("RADTRACK_TRUSTED_PROXIES", "")
    return [
        ipaddress.ip_network(part.strip(), strict=False) for part in raw.split(",") if part.strip()
    ]


def _is_trusted(address: str, proxies: list) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address() -> str:
    """The address of the client: the socket's peer, or, when that peer is a trusted proxy,
    the nearest address in X-Forwarded-For that is not a trusted proxy (the rightmost one a
    client cannot forge)."""
    peer = request.remote_addr or ""
    proxies = _trusted_proxies()
    if not proxies or not _is_trusted(peer, proxies):
        return peer
    hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, proxies):
            return hop
    return hops[0] if hops else peer


def malformed(value) -> bool:
    """Whether a parameter value is what no radtrack parameter may be: given more than once (a
    list, as Dash's pages pass it), or holding a NUL or other control character or a lone
    surrogate. None (not given) is fine."""
    if value is None:
        return False
    if not isinstance(value, str):
        return True
    return any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value)


def _bad_request(reason: str):
    if request.path.startswith(("/api", "/download")):
        body = {"ok": False, "error": reason, "errors": [{"message": reason}]}
        return flask.Response(flask.json.dumps(body), 400, mimetype="application/json")
    return flask.Response(f"radtrack: permintaan tidak sah / bad request: {reason}", 400)


def _account_key() -> str:
    return "account:" + request.form.get("username", "").strip().lower()[:80]


def current_actor() -> Actor:
    """Who is asking (worked out once per request). Outside a request (the benchmark,
    scripts) the caller is trusted."""
    if flask.has_request_context() and "radtrack_actor" in flask.g:
        return flask.g.radtrack_actor
    actor = _actor()
    if flask.has_request_context():
        flask.g.radtrack_actor = actor
    return actor


def _actor() -> Actor:
    with store.session() as s:
        if not any_accounts(s):
            return Actor("", OPEN)
    if not flask.has_request_context():
        return Actor("server", Role.ADMIN)
    if current_user.is_authenticated:
        return Actor(current_user.username, current_user.role, current_user.agency)
    return Actor("", PUBLIC)


def public_view(actor: Actor | None = None) -> bool:
    """Whether `actor` sees plans as the public does: sensitive counts below a plan's k
    withheld (indicators.disclosure)."""
    return not (actor or current_actor()).reads_everything


def visible_codes(actor: Actor | None = None) -> set[str] | None:
    """Codes of the plans `actor` may read; None means every plan."""
    actor = actor or current_actor()
    if actor.reads_every_plan:
        return None
    if flask.has_request_context() and "radtrack_codes" in flask.g:
        return flask.g.radtrack_codes
    with store.session() as s:
        codes = set(s.exec(select(Plan.code).where(Plan.published == True)))  # noqa: E712
        region = s.exec(select(Agency.region_code).where(Agency.code == actor.agency)).first()
        if actor.role == Role.UPLOADER and region:
            codes |= set(s.exec(select(Plan.code).where(Plan.region_code == region)))
    if flask.has_request_context():
        flask.g.radtrack_codes = codes
    return codes


def may_read(code: str | None, actor: Actor | None = None) -> bool:
    """Whether the plan `code` may be shown to `actor`."""
    codes = visible_codes(actor)
    return codes is None or code in codes


def first_visible(actor: Actor | None = None) -> str | None:
    """The code of the first plan `actor` may read (by code), or None."""
    codes = visible_codes(actor)
    with store.session() as s:
        query = select(Plan.code).order_by(Plan.code)
        if codes is not None:
            query = query.where(Plan.code.in_(codes or {""}))
        return s.exec(query).first()


def _secret_key() -> str:
    """RADTRACK_SECRET_KEY, else one kept in var/secret_key (shared by the workers of one
    host; made once, readable by its owner only)."""
    if os.environ.get("RADTRACK_SECRET_KEY"):
        return os.environ["RADTRACK_SECRET_KEY"]
    path = Path(os.environ.get("RADTRACK_SECRET_FILE", ROOT / "var" / "secret_key"))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32))
    return path.read_text().strip()


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host) may be a redirect target."""
    if not target:
        return "/"
    parts = urlparse(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _login_page(lang: str, message: str = "", status: int = 200):
    other = "en" if lang == "id" else "id"
    alert = (
        f'<div class="alert alert-danger" id="login-error" role="alert">{escape(message)}</div>'
        if message
        else ""
    )
    body = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>radtrack - {t("login_title", lang)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/00-bootstrap-5.3.6.min.css"></head>
<body class="bg-light"><main class="container" style="max-width: 420px; padding-top: 4rem">
<h1 class="h3 mb-3">radtrack: {t("login_title", lang)}</h1>
{alert}
<form method="post" action="/login?lang={lang}">
<input type="hidden" name="csrf_token" value="{generate_csrf()}">
<input type="hidden" name="next" value="{escape(_safe_next(request.args.get("next")))}">
<div class="mb-3"><label class="form-label" for="username">{t("login_user", lang)}</label>
<input class="form-control" id="username" name="username" autocomplete="username" required></div>
<div class="mb-3"><label class="form-label" for="password">{t("login_password", lang)}</label>
<input class="form-control" id="password" name="password" type="password"
 autocomplete="current-password" required></div>
<button class="btn btn-primary" id="login-submit" type="submit">{t("login_submit", lang)}</button>
<a class="ms-3" style="color: #0a58ca" href="/login?lang={other}">{other.upper()}</a>
</form></main></body></html>"""
    return flask.Response(body, status=status, mimetype="text/html")


def setup(server: Flask, script_hashes=lambda: []) -> None:
    """Sessions, the login and logout routes, and the safety settings of every response
    (`script_hashes`: gives the CSP hashes of the app's inline scripts, Dash's csp_hashes();
    asked once a request has been served, as Dash adds some of its scripts at the first)."""
    policy: list[str] = []
    server.secret_key = _secret_key()
    secure = os.environ.get("RADTRACK_SECURE_COOKIES", "") == "1"  # set it behind HTTPS
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        WTF_CSRF_TIME_LIMIT=None,
    )
    manager = LoginManager(server)
    manager.user_loader(_load_user)
    _trusted_proxies()  # a malformed RADTRACK_TRUSTED_PROXIES stops the start, not a login
    limiter = Limiter(client_address, app=server, storage_uri="memory://")

    @limiter.limit(LOGIN_LIMIT, methods=["POST"])
    @limiter.limit(ACCOUNT_LIMIT, methods=["POST"], key_func=_account_key)
    def login():
        lang = pick_lang(request.args.get("lang"))
        if request.method == "GET":
            return _login_page(lang)
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError:
            return _login_page(lang, t("login_expired", lang), 400)
        with store.session() as s:
            user = check_password(
                s, request.form.get("username", ""), request.form.get("password", "")
            )
            agency = s.get(Agency, user.agency_id).code if user and user.agency_id else None
            audit.record(
                s,
                request.form.get("username", "")[:80] or "?",
                "login.succeeded" if user else "login.failed",
                client_address(),
            )
            s.commit()
        if user is None:
            return _login_page(lang, t("login_failed", lang), 401)
        session.clear()
        login_user(LoginUser(user, agency))
        return redirect(_safe_next(request.form.get("next")))

    server.add_url_rule("/login", "login", login, methods=["GET", "POST"])

    def logout():
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError:
            return flask.Response("Bad request", status=400)
        if current_user.is_authenticated:
            with store.session() as s:
                end_sessions(s, current_user.user_id, current_user.username)
                s.commit()
        logout_user()
        session.clear()
        return redirect("/")

    server.add_url_rule("/logout", "logout", logout, methods=["POST"])

    @server.before_request
    def well_formed_query():
        # a parameter given twice, or holding a NUL byte or a control character, is a request
        # no page or API means: 400 with the reason, not a server error further down
        for key in request.args:
            values = request.args.getlist(key)
            if len(values) > 1:
                return _bad_request(f"parameter '{key[:40]}' given more than once")
            if malformed(key) or malformed(values[0]):
                return _bad_request(f"parameter '{key[:40]}' holds a control character")
        return None

    @server.before_request
    def same_origin_posts():
        # Dash's callbacks are JSON POSTs without a form token: refuse them from other sites.
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            origin = request.headers.get("Origin")
            if origin and urlparse(origin).netloc != request.host:
                return flask.Response("Cross-site request refused", status=403)
        return None

    @server.after_request
    def security_headers(response):
        if not policy:
            policy.append(csp(list(script_hashes())))
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value or policy[0])
        return response

    @server.errorhandler(Exception)
    def no_stack_traces(error):
        if isinstance(error, HTTPException):
            return error
        log.exception("unhandled error")  # the trace stays in the server log
        return flask.Response(
            "radtrack: terjadi kesalahan di server / a server error occurred.", status=500
        )
