"""The frame around every page: title, navigation and the language switch."""

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import t


def _href(path: str, lang: str, query: dict) -> str:
    params = {k: v for k, v in query.items() if v not in (None, "") and k != "lang"}
    if lang != "id":
        params["lang"] = lang
    return path + ("?" + urlencode(params) if params else "")


def shell(lang: str, path: str, query: dict, children) -> html.Div:
    """Wrap a page's `children` with the header; links keep the page's filters in the URL."""
    shared = {k: v for k, v in query.items() if k in ("plan", "year", "tw", "agency")}
    nav = [
        dbc.NavItem(
            dcc.Link(
                t(page["name"], lang),
                href=_href(page["path"], lang, shared),
                className="nav-link active" if page["path"] == path else "nav-link",
            )
        )
        for page in dash.page_registry.values()
    ]
    switch = html.Span(
        [
            html.Span(t("language", lang) + ": "),
            dcc.Link("ID", id="lang-id", href=_href(path, "id", query), className="lang-link"),
            html.Span(" | "),
            dcc.Link("EN", id="lang-en", href=_href(path, "en", query), className="lang-link"),
        ],
        className="lang-switch",
    )
    return html.Div(
        [
            dbc.Navbar(
                dbc.Container(
                    [
                        html.Span("radtrack", className="navbar-brand brand"),
                        dbc.Nav(nav, className="me-auto", navbar=True),
                        switch,
                    ],
                    fluid=True,
                ),
                color="primary",
                dark=True,
                className="app-header",
            ),
            dbc.Container(html.Main(children, lang=lang), className="app-main", fluid="xl"),
        ]
    )
