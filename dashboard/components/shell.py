"""The frame around every page: title, navigation and the language switch."""

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_wtf.csrf import generate_csrf

from dashboard.auth import ADMIN_PAGES, OPEN, PUBLIC, current_actor
from dashboard.i18n import t


def _href(path: str, lang: str, query: dict) -> str:
    params = {k: v for k, v in query.items() if v not in (None, "") and k != "lang"}
    if lang != "id":
        params["lang"] = lang
    return path + ("?" + urlencode(params) if params else "")


def _account(actor, lang: str, path: str):
    """Log in, or who is logged in and a log-out button (a form with its CSRF token)."""
    if actor.role == OPEN:
        return None
    if actor.role == PUBLIC:
        return html.A(
            t("login_title", lang),
            href=f"/login?{urlencode({'lang': lang, 'next': path})}",
            id="login-link",
            className="account",
        )
    who = f"{actor.name} ({actor.role}{' ' + actor.agency if actor.agency else ''})"
    return html.Form(
        [
            html.Span(who, id="account-name"),
            dcc.Input(type="hidden", name="csrf_token", value=generate_csrf()),
            html.Button(t("logout", lang), id="logout", type="submit", className="btn btn-sm"),
        ],
        method="POST",
        action="/logout",
        className="account",
    )


def shell(lang: str, path: str, query: dict, children) -> html.Div:
    """Wrap a page's `children` with the header; links keep the page's filters in the URL."""
    shared = {k: v for k, v in query.items() if k in ("plan", "year", "tw", "agency")}
    actor = current_actor()
    nav = [
        dbc.NavItem(
            dcc.Link(
                t(page["name"], lang),
                href=_href(page["path"], lang, shared),
                className="nav-link active" if page["path"] == path else "nav-link",
            )
        )
        for page in dash.page_registry.values()
        if page["path"] not in ADMIN_PAGES or actor.is_admin
    ]

    def language(code: str, name: str):
        if code == lang:  # the language on: marked for the eye and for screen readers
            return html.Strong(
                code.upper(),
                id=f"lang-{code}",
                title=name,
                className="lang-link active",
                **{"aria-current": "true"},
            )
        return dcc.Link(
            code.upper(), id=f"lang-{code}", href=_href(path, code, query), title=name,
            className="lang-link",
        )  # fmt: skip

    switch = html.Span(
        [
            html.Span(t("language", lang) + ": "),
            language("id", "Bahasa Indonesia"),
            html.Span(" | "),
            language("en", "English"),
        ],
        className="lang-switch",
    )
    return html.Div(
        [
            # the first stop of the Tab key: straight to the page's content, past the menu
            html.A(t("skip_to_content", lang), href="#main-content", className="skip-link"),
            html.Header(
                dbc.Navbar(
                    dbc.Container(
                        [
                            html.Span("radtrack", className="navbar-brand brand"),
                            # a phone gets a menu button; wider screens the links themselves
                            html.Button(
                                html.Span(className="navbar-toggler-icon"),
                                id="nav-toggle",
                                className="navbar-toggler",
                                type="button",
                                title=t("menu", lang),
                                **{"aria-label": t("menu", lang), "aria-controls": "nav-collapse"},
                            ),
                            dbc.Collapse(
                                [
                                    dbc.Nav(nav, className="me-auto", navbar=True),
                                    switch,
                                    _account(actor, lang, path),
                                ],
                                id="nav-collapse",
                                is_open=False,
                                navbar=True,
                            ),
                        ],
                        fluid=True,
                    ),
                    color="primary",
                    dark=True,
                    expand="lg",
                    className="app-header",
                )
            ),
            dbc.Container(
                [
                    html.Div(t("open_mode", lang), id="open-mode", className="open-mode")
                    if actor.role == OPEN
                    else None,
                    html.Main(children, lang=lang, id="main-content", tabIndex="-1"),
                ],
                className="app-main",
                fluid="xl",
            ),
        ]
    )


def no_plan_page(lang: str, path: str, query: dict) -> html.Div:
    """The page when the store holds no plan (or not the one asked for)."""
    return shell(
        lang, path, query, html.Div(t("no_plan", lang), id="empty-state", className="empty-state")
    )
