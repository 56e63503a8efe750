"""Unduh / Downloads: every export table as CSV and JSON, all of them as XLSX or a data
package, at the stable URLs of dashboard/downloads.py, filtered as chosen."""

from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import store
from dashboard.auth import public_view
from dashboard.components.filters import ALL_PLANS, all_plans, page_filters
from dashboard.components.shell import no_plan_page, shell
from dashboard.i18n import pick_lang, t
from indicators import export
from indicators.queries import get_plan, has_demo_data, has_real_reports, list_plans

dash.register_page(__name__, path="/unduh", name="nav_downloads", title="radtrack - unduh", order=7)


def links(plan: str, year, include_demo: bool, lang: str, subgroup=None, agency=None) -> list:
    """The download links for these filters."""
    params = {} if plan == ALL_PLANS else {"plan": plan}
    if year not in (None, "", "all"):
        params["year"] = year
    if subgroup:
        params["subgroup"] = subgroup
    if agency:
        params["agency"] = agency
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


FILTERS = ("plan", "year", "subgroup", "agency")


def layout(lang: str = "id", plan: str | None = None, **query):
    """Filters and links."""
    lang = pick_lang(lang)
    query = {"plan": plan, **query}
    with store.session() as s:
        plans = list_plans(s)
        found = all_plans(plans) if plan == ALL_PLANS and plans else get_plan(s, plan)
        if found is None:
            return no_plan_page(lang, "/unduh", query)
        pick, bar = page_filters(s, found, query, FILTERS, lang)
    chosen = {"year": pick.year, "subgroup": pick.subgroup, "agency": pick.agency}
    body = [
        html.H1(t("downloads_title", lang)),
        html.P(getattr(found, "title", t("all_plans", lang)), className="plan-title"),
        html.P(t("downloads_help", lang)),
        bar,
        dbc.Checkbox(id="downloads-demo", label=t("include_demo", lang), value=False),
        dcc.Store(id="downloads-args", data={"plan": found.code, "lang": lang, **chosen}),
        html.Ul(links(found.code, lang=lang, include_demo=False, **chosen), id="download-links"),
    ]
    if plan != ALL_PLANS and not public_view():  # internal documents: signed-in readers
        body += documents(found, lang, demo=has_demo_data_for(found))
    return shell(lang, "/unduh", query, body)


def has_demo_data_for(plan) -> bool:
    """Whether the plan holds demo reports and no real one: its documents then include the
    demo (marked DEMO on every page) rather than be refused."""
    with store.session() as s:
        return not has_real_reports(s, plan) and has_demo_data(s, plan)


def documents(plan, lang: str, demo: bool) -> list:
    """The reports to hand in: per year the annual report, the five-year report, and the
    Permendagri 86/2017 form (demo included, and marked, when the store holds only demo)."""
    extra = {"include_demo": 1} if demo else {}
    lines = []
    for year in range(plan.start_year, plan.end_year + 1):
        query = urlencode({"plan": plan.code, "year": year, **extra, "lang": lang})
        lines.append(
            html.Li(
                [
                    f"{t('report_annual', lang)} {year}: ",
                    html.A("DOCX", href=f"/download/laporan_tahunan.docx?{query}"),
                    " · ",
                    html.A("PDF", href=f"/download/laporan_tahunan.pdf?{query}"),
                    " · ",
                    html.A(t("report_form", lang), href=f"/download/evaluasi.xlsx?{query}"),
                ],
                id=f"report-{year}",
            )
        )
    query = urlencode({"plan": plan.code, **extra, "lang": lang})
    lines.append(
        html.Li(
            [
                f"{t('report_five', lang)}: ",
                html.A("DOCX", href=f"/download/laporan_lima_tahunan.docx?{query}"),
                " · ",
                html.A("PDF", href=f"/download/laporan_lima_tahunan.pdf?{query}"),
            ],
            id="report-five",
        )
    )
    return [
        html.H2(t("reports_title", lang)),
        html.P(t("reports_help", lang), className="footnote"),
        html.Ul(lines, id="report-links"),
    ]


@callback(
    Output("download-links", "children"),
    Input("downloads-demo", "value"),
    State("downloads-args", "data"),
    prevent_initial_call=True,  # the layout already drew the links for the URL's filters
)
def update_links(demo, args):
    """Links for the URL's filters and the demo choice."""
    return links(
        args["plan"],
        args["year"],
        bool(demo),
        args["lang"],
        args["subgroup"],
        args["agency"],
    )
