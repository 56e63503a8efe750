"""Every page's layout runs behind this check (see create_app): anonymous visitors reach
published plans only, uploads need an uploader or admin account, the audit log an admin."""

import functools

import dash
from dash import html

from dashboard.auth import (
    ADMIN_PAGES,
    PLAN_FREE_PAGES,
    UPLOAD_PAGES,
    current_actor,
    first_visible,
    malformed,
    may_read,
)
from dashboard.components.filters import ALL_PLANS
from dashboard.components.shell import shell
from dashboard.i18n import pick_lang, t

# Pages that show one plan only (the others show every plan the visitor may read for "semua").
ONE_PLAN_PAGES = {"/indikator", "/bidang"}


def _refused(path: str, lang: str, query: dict, key: str):
    return shell(
        lang, path, query, html.Div(t(key, lang), id="empty-state", className="empty-state")
    )


def guarded(path: str, layout):
    """`layout` behind the permission check for `path`."""
    if getattr(layout, "radtrack_guarded", False):
        return layout

    @functools.wraps(layout)
    def check(lang: str = "id", plan: str | None = None, **query):
        actor = current_actor()
        shown = pick_lang(lang if isinstance(lang, str) else "id")
        asked = {"plan": plan, "lang": lang, **query}
        if any(malformed(value) for value in asked.values()):
            # a parameter given twice (a list) or holding a control character: no page means it
            clean = {k: v for k, v in asked.items() if isinstance(v, str) and not malformed(v)}
            return _refused(path, shown, clean, "bad_request")
        asked.pop("lang")
        if path in ADMIN_PAGES and not actor.is_admin:
            return _refused(path, shown, asked, "admin_only")
        if path in UPLOAD_PAGES and not actor.may_upload:
            return _refused(path, shown, asked, "upload_login")
        if plan == ALL_PLANS and path in ONE_PLAN_PAGES:
            plan = None  # a page of one plan: the all-plans choice is no choice, guarded as such
        if path not in PLAN_FREE_PAGES and not actor.reads_every_plan:
            if plan and plan != ALL_PLANS and not may_read(plan, actor):
                return _refused(path, shown, asked, "not_available")
            if not plan:
                plan = first_visible(actor)
                if plan is None:
                    return _refused(path, shown, asked, "nothing_published")
        return layout(lang=lang, plan=plan, **query)

    check.radtrack_guarded = True
    return check


def guard_pages() -> None:
    """Put every registered page behind its check."""
    for page in dash.page_registry.values():
        page["layout"] = guarded(page["path"], page["layout"])
