"""Unduh / Downloads: every export table as CSV and JSON, all of them as XLSX or a data
package, at the stable URLs of dashboard/downloads.py, filtered as chosen."""

from urllib.parse import urlencode

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import store
from dashboard.components.shell import shell
from dashboard.i18n import pick_lang, t
from indicators import export
from indicators.queries import get_plan

dash.register_page(__name__, path="/unduh", name="nav_downloads", title="radtrack - unduh", order=7)


def links(plan: str, year, include_demo: bool, lang: str) -> list:
    """The download links for these filters."""
    params = {"plan": plan}
    if year not in (None, "", "all"):
        params["year"] = year
    if include_demo:
        params["include_demo"] = 1
    query = urlencode(params)
    items = []
    for name in export.TABLES:
        title = export.TITLES[name][0 if lang == "en" else 1]
        items.append(
            html.Li(
                [
                    html.Strong(title),
                    " ",
                    html.A("CSV", href=f"/download/{name}.csv?{query}", id=f"dl-{name}-csv"),
                    " · ",
                    html.A("JSON", href=f"/download/{name}.json?{query}", id=f"dl-{name}-json"),
                ]
            )
        )
    labels = urlencode({**params, "labels": lang})
    items.append(
        html.Li(
            html.A(
                t("all_tables_xlsx", lang), href=f"/download/radtrack.xlsx?{labels}", id="dl-xlsx"
            )
        )
    )
    items.append(
        html.Li(
            html.A(
                t("datapackage", lang),
                href=f"/download/datapackage.zip?{query}",
                id="dl-datapackage",
            )
        )
    )
    return items


def layout(lang: str = "id", plan: str | None = None, year: str | None = None, **query):
    """Filters and links."""
    lang = pick_lang(lang)
    with store.session() as s:
        found = get_plan(s, plan)
    if found is None:
        return shell(
            lang,
            "/unduh",
            {"plan": plan},
            html.Div(t("no_plan", lang), id="empty-state", className="empty-state"),
        )
    options = [{"label": t("whole_period", lang), "value": "all"}] + [
        {"label": str(y), "value": str(y)} for y in range(found.start_year, found.end_year + 1)
    ]
    body = [
        html.H1(t("downloads_title", lang)),
        html.P(found.title, className="plan-title"),
        html.P(t("downloads_help", lang)),
        html.Div(
            [
                html.Label(t("year", lang), htmlFor="downloads-year"),
                dcc.Dropdown(
                    id="downloads-year", options=options, value=year or "all", clearable=False
                ),
                dcc.Checklist(
                    id="downloads-demo",
                    options=[{"label": " " + t("include_demo", lang), "value": "demo"}],
                    value=[],
                ),
            ],
            className="filters",
        ),
        dcc.Store(id="downloads-args", data={"plan": found.code, "lang": lang}),
        html.Ul(links(found.code, year, False, lang), id="download-links"),
    ]
    return shell(lang, "/unduh", {"plan": plan, "year": year}, body)


@callback(
    Output("download-links", "children"),
    Input("downloads-year", "value"),
    Input("downloads-demo", "value"),
    State("downloads-args", "data"),
    prevent_initial_call=True,  # the layout already drew the links for the URL's filters
)
def update_links(year, demo, args):
    """Links for the chosen year and demo choice."""
    return links(args["plan"], year, "demo" in (demo or []), args["lang"])
