"""Answers reused across readers: what an anonymous reader (or any reader of the open dashboard,
before an account exists) is sent for a page or a public table is the same for every such
reader, so it is computed once per version of the figures it shows and kept, as the bytes sent,
in a bounded cache on disk that every thread and every worker of the server shares.

What is shared: the page callback (a page's whole content for its path and query; not the
secretariat's admin and upload pages) and the public tables (/api/<table>,
/download/<table>.csv|json). Signed-in readers are never served from it: their pages carry
their name and a form token, and they may read more.

The version an answer is kept under comes from the store, so every worker agrees on it, and
moves in the same transaction as any change, so nobody is sent stale figures:
- for a page or table of one plan: that plan's summary state, which every load, withdrawal,
  review or catalogue change of the plan bumps (indicators.summary.mark_stale);
- for every plan together: the summaries of every plan;
- always: the newest audit event that is neither a plan's figures nor something no shared page
  shows (a login, a reminder sent): publishing, an agency renamed, a narrative, a pending
  upload... may show on any plan's page. A partial index (migration 0009) finds it at once
  however many loads and logins follow it;
- and the code that drew it (radtrack's and Dash's versions, the newest source file);
- and the day (what is due, and overdue, moves with it).
A load in one plan therefore leaves every other plan's answers in place.
"""

import gzip
import hashlib
import logging
import os
import secrets
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from urllib.parse import parse_qs

import brotli
import dash
import diskcache
from flask import Flask, Response, g, request
from flask_login import current_user
from sqlalchemy import bindparam, text
from sqlmodel import func, select

from dashboard import store
from dashboard.auth import (
    ADMIN_PAGES,
    OPEN,
    PLAN_FREE_PAGES,
    PUBLIC,
    UPLOAD_PAGES,
    Actor,
    malformed,
)
from indicators import export
from indicators.accounts import ACTIVE_ACCOUNT
from indicators.models import OTHER_CHANGES, AuditEvent, Plan, SummaryState

log = logging.getLogger(__name__)
PAGES_OUTPUT = ".._pages_content.children..._pages_store.data.."
# The pages callback's inputs exactly as Dash's renderer sends them: Dash hands the values to the
# callback by position, so anything else could draw one page and be kept under another's key.
PAGES_INPUTS = [("_pages_location", "pathname"), ("_pages_location", "search")]
PAGES_OUTPUTS = [("_pages_content", "children"), ("_pages_store", "data")]
NOT_SHARED = ADMIN_PAGES | UPLOAD_PAGES  # the secretariat's tools: drawn for each request
TABLES = frozenset(export.TABLES)
ALL_PLANS = "semua"
SIZE_LIMIT = 256 * 1024 * 1024  # bytes on disk per server; the oldest stored go first
LARGEST = 8 * 1024 * 1024  # an answer above this (every plan's achievements) is not kept
WAIT = 60  # seconds a reader waits for another worker drawing the same answer
ENV = "RADTRACK_ANSWERS_DIR"  # set by `radtrack serve --workers`: one folder for every worker
HERE = Path(__file__).resolve().parents[1]


def _code_version() -> str:
    """What drew an answer: radtrack's and Dash's versions and the newest of radtrack's own
    files, so that a server restarted (or reloaded) on other code never sends older answers
    from a folder that outlived it."""
    newest = max(
        (f.stat().st_mtime for d in ("dashboard", "indicators") for f in (HERE / d).rglob("*.py")),
        default=0,
    )
    return f"{package_version('radtrack')}-{dash.__version__}-{newest}"


CODE = _code_version()


def open_cache() -> tuple[diskcache.Cache, object]:
    """The shared cache: the server's folder when `radtrack serve` made one for its workers,
    else a folder of this app's own, removed with it."""
    folder = os.environ.get(ENV)
    owner = None
    if not folder:
        owner = tempfile.TemporaryDirectory(prefix="radtrack-answers-")
        folder = owner.name
    # the default eviction (oldest stored first) leaves a read a read: no write per hit
    return diskcache.Cache(folder, size_limit=SIZE_LIMIT), owner


def _ids(items) -> list[tuple] | None:
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return None
    return [(i.get("id"), i.get("property")) for i in items]


def asked() -> tuple | None:
    """The key this request's answer is kept under, when the answer is the same for every
    reader like this one (anonymous, or anyone on the open dashboard); else None."""
    if request.method == "POST" and request.path == "/_dash-update-component":
        body = request.get_json(silent=True)
        if (
            not isinstance(body, dict)
            or body.get("output") != PAGES_OUTPUT
            or _ids(body.get("outputs")) != PAGES_OUTPUTS
            or _ids(body.get("inputs")) != PAGES_INPUTS
            or body.get("state")
        ):
            return None
        path, search = (i.get("value") for i in body["inputs"])
        search = search or ""
        if not isinstance(path, str) or not isinstance(search, str) or path in NOT_SHARED:
            return None
        plans = parse_qs(search.lstrip("?"), keep_blank_values=True).get("plan") or [None]
        if path in PLAN_FREE_PAGES:
            plans = [None]  # they show no plan's figures: keyed by every plan's version
        what = ("page", path, search)
    elif request.method == "GET" and _public_table(request.path):
        plans = request.args.getlist("plan") or [None]
        what = ("table", request.full_path)
    else:
        return None
    if len(plans) != 1 or malformed(plans[0]) or current_user.is_authenticated:
        return None  # refused by the page's own check, or a signed-in reader: never shared
    plan = plans[0] if plans[0] not in (None, "", ALL_PLANS) else None  # blank: every plan
    accounts, *now = version(plan)
    # the same reader as dashboard.auth.current_actor would find, from the same round trip
    g.radtrack_actor = Actor("", PUBLIC if accounts else OPEN)
    return (CODE, *what, g.radtrack_actor.role, *now)


def _public_table(path: str) -> bool:
    parts = path.strip("/").split("/")
    if len(parts) != 2:
        return False
    if parts[0] == "api":
        return parts[1] in TABLES
    name, _, kind = parts[1].rpartition(".")
    return parts[0] == "download" and kind in ("csv", "json") and name in TABLES


def _newest(column):
    return (
        select(column)
        .where(text(OTHER_CHANGES))  # as the partial index says it, to use it
        .order_by(AuditEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )


STATE = (SummaryState.changes, SummaryState.marked_at, SummaryState.refreshed_at)
ACCOUNTS = ACTIVE_ACCOUNT.scalar_subquery()  # as indicators.accounts.any_accounts asks it
VERSION_OF_PLAN = select(
    ACCOUNTS,
    _newest(AuditEvent.id),
    _newest(AuditEvent.at),
    *(
        select(c)
        .join(Plan, Plan.id == SummaryState.plan_id)
        .where(Plan.code == bindparam("plan"))
        .scalar_subquery()
        for c in STATE
    ),
)
VERSION_OF_ALL = select(
    ACCOUNTS,
    _newest(AuditEvent.id),
    _newest(AuditEvent.at),
    *(select(func.max(c)).scalar_subquery() for c in STATE),
    select(func.sum(SummaryState.changes)).scalar_subquery(),
)


def version(plan: str | None) -> tuple:
    """Whether the store has accounts, then what moves with every change that the answer of a
    page or table about `plan` (None: every plan) could show: one round trip."""
    with store.one_statement() as conn:
        if plan is None:
            row = conn.execute(VERSION_OF_ALL).one()
        else:
            row = conn.execute(VERSION_OF_PLAN, {"plan": plan}).one()
    accounts, *found = row
    url = store.engine().url.render_as_string()
    return (accounts is not None, url, *found, datetime.now(UTC).date())


def _encoding() -> str | None:
    accepted = request.accept_encodings
    return "br" if accepted.quality("br") else "gzip" if accepted.quality("gzip") else None


def _compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6)


CACHE_ERRORS = (OSError, sqlite3.Error, diskcache.Timeout)  # a full disk, a folder removed


def setup(app) -> None:
    """Serve shared answers from the cache, and keep the ones drawn for a reader like that.
    Register after auth and bandwidth: its check runs after theirs, and it keeps a response
    before compression. A cache that fails (full disk, folder removed) is a cache that misses:
    the answer is drawn, and the failure logged."""
    server: Flask = app.server
    cache, owner = open_cache()
    server.extensions["radtrack_answers"] = (cache, owner)  # lives as long as the app

    @server.before_request
    def shared():
        found = asked()
        if found is None:
            return None
        key = hashlib.sha256(repr(found).encode()).hexdigest()
        try:
            kept = _kept_or_turn(cache, key)
            if kept is None:
                g.radtrack_answer = key  # drawn now by this request, kept by `keep` below
                return None
            content_type, headers, body = kept
            headers = {**headers, "Vary": "Accept-Encoding"}
            encoding = _encoding()
            if encoding is not None and len(body) >= 500:
                packed = cache.get(f"{key}:{encoding}")
                if packed is None:
                    packed = _compress(body, encoding)
                    cache.set(f"{key}:{encoding}", packed)
                body, headers = packed, {**headers, "Content-Encoding": encoding}
        except CACHE_ERRORS:
            log.warning("shared answers: cache unavailable, drawing afresh", exc_info=True)
            return None
        # says, for whoever tunes a deployment (and the tests), that nothing was drawn anew
        headers["X-Radtrack-Answer"] = "shared"
        return Response(body, content_type=content_type, headers=headers)

    @server.after_request
    def keep(response):  # runs before compression (registered after it)
        key = g.pop("radtrack_answer", None)
        if key is None:
            return response
        try:
            if (
                response.status_code == 200
                and "Content-Encoding" not in response.headers
                and not response.is_streamed
            ):
                response.direct_passthrough = False
                body = response.get_data()
                if len(body) <= LARGEST:
                    headers = {}
                    if "Content-Disposition" in response.headers:
                        headers["Content-Disposition"] = response.headers["Content-Disposition"]
                    cache.set(key, (response.content_type, headers, body))
                    return response
            # not kept (too large, an error): whoever waits for it draws their own at once
            cache.set(f"unkept:{key}", True, expire=WAIT)
        except CACHE_ERRORS:
            log.warning("shared answers: cache unavailable, answer not kept", exc_info=True)
        return response

    @server.teardown_request
    def unlock(_error=None):
        held = g.pop("radtrack_answer_lock", None)
        if held is not None:
            try:
                if cache.get(held[0]) == held[1]:
                    cache.delete(held[0])
            except CACHE_ERRORS:
                log.warning("shared answers: lock not released (it expires)", exc_info=True)


def _kept_or_turn(cache: diskcache.Cache, key: str):
    """The kept answer of `key`; or None, and then this request draws it. While another
    request (of any worker) draws the same answer, wait for it rather than draw it twice; an
    answer that is not kept (too large) is drawn by each reader at once."""
    kept = cache.get(key)
    if kept is not None or cache.get(f"unkept:{key}") is not None:
        return kept
    token = secrets.token_hex(8)
    deadline = time.monotonic() + WAIT
    while not cache.add(f"lock:{key}", token, expire=WAIT):
        time.sleep(0.01)
        kept = cache.get(key)
        if kept is not None or cache.get(f"unkept:{key}") is not None:
            return kept
        if time.monotonic() > deadline:
            return None
    g.radtrack_answer_lock = (f"lock:{key}", token)
    return cache.get(key)  # drawn while this request took the lock
