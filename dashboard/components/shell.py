"""The frame around every page: title, navigation and the language switch."""

from urllib.parse import urlencode

import dash
from dash import dcc, html

from dashboard.i18n import t


def _href(path: str, lang: str, query: dict) -> str:
    params = {k: v for k, v in query.items() if v not in (None, "") and k != "lang"}
    if lang != "id":
        params["lang"] = lang
    return path + ("?" + urlencode(params) if params else "")


def shell(lang: str, path: str, query: dict, children) -> html.Div:
    """Wrap a page's `children` with the header; links keep the page's filters in the URL."""
    nav = [
        dcc.Link(t(page["name"], lang), href=_href(page["path"], lang, query), className="nav-link")
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
            html.Header(
                [html.Span("radtrack", className="brand"), html.Nav(nav), switch],
                className="app-header",
            ),
            html.Main(children, className="app-main", lang=lang),
        ]
    )
