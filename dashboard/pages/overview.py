"""Ringkasan / Overview: each bidang's progress per year and every indicator's status."""

import dash
from dash import Input, Output, State, callback, dcc, html

from dashboard import store
from dashboard.charts import LIGHT_MARKS, subgroup_figure
from dashboard.components.demo_notice import demo_notice
from dashboard.components.shell import shell
from dashboard.components.status_table import status_table
from dashboard.formatting import percent
from dashboard.i18n import pick_lang, t
from indicators.compliance import compliance_table
from indicators.queries import (
    get_plan,
    has_demo_data,
    list_plans,
    status_for,
    subgroup_year_table,
    yearly_status,
)
from indicators.vocabulary import BAND_LABELS, label

dash.register_page(__name__, path="/", name="nav_overview", title="radtrack", order=0)

ALL = "all"
BAND_ORDER = [
    ("sangat_tinggi", "green"),
    ("tinggi", "green"),
    ("sedang", "amber"),
    ("rendah", "red"),
    ("sangat_rendah", "red"),
    ("no_report", "grey"),
]


def _year(value) -> int | None:
    return None if value in (None, "", ALL) else int(value)


def layout(lang: str = "id", year: str | None = None, plan: str | None = None, **_query):
    """The page for `plan` (default: the first) and `year` (default: the whole period)."""
    lang = pick_lang(lang)
    query = {"year": year, "plan": plan}
    with store.session() as s:
        found = get_plan(s, plan)
        if found is None:
            body = html.Div(t("no_plan", lang), id="empty-state", className="empty-state")
            return shell(lang, "/", query, body)
        demo = has_demo_data(s, found)
        plans = list_plans(s)
    years = list(range(found.start_year, found.end_year + 1))
    options = [{"label": t("whole_period", lang), "value": ALL}] + [
        {"label": str(y), "value": str(y)} for y in years
    ]
    selected = str(year) if year and str(year).isdigit() and int(year) in years else ALL
    body = [
        _plan_links(plans, found.code, lang) if len(plans) > 1 else None,
        html.H1(t("overview_title", lang)),
        html.P(found.title, id="plan-title", className="plan-title"),
        html.P(
            [html.Strong(t("catalogue_source", lang) + ": "), found.citation],
            className="citation",
        ),
        demo_notice(lang) if demo else None,
        html.Div(
            [
                html.Label(t("year", lang), htmlFor="year-select"),
                dcc.Dropdown(id="year-select", options=options, value=selected, clearable=False),
            ],
            className="filters",
        ),
        dcc.Store(id="overview-args", data={"lang": lang, "plan": found.code}),
        dcc.Loading(html.Div(id="bidang-sections")),
        html.P(t("bands_source", lang), className="footnote"),
    ]
    return shell(lang, "/", query, body)


def _plan_links(plans, current: str, lang: str) -> html.Nav:
    """One link per plan; the current one is marked. Links keep the language."""
    suffix = "&lang=en" if lang == "en" else ""
    return html.Nav(
        [html.Span(t("plan", lang) + ": ")]
        + [
            dcc.Link(
                p.code,
                href=f"/?plan={p.code}{suffix}",
                className="plan-link current" if p.code == current else "plan-link",
            )
            for p in plans
        ],
        id="plan-links",
        className="plan-links",
    )


def summary_section(rows, compliance, plan_code: str, year: int | None, lang: str):
    """Counts per band, the five lowest-achieving reported indicators, reporting completeness."""
    counts = rows["band"].value_counts()
    bands = html.Ul(
        [
            html.Li(
                f"{LIGHT_MARKS[light]} {label(BAND_LABELS, key, lang)}: {int(counts.get(key, 0))}",
                **{"data-band": key},
            )
            for key, light in BAND_ORDER
        ],
        id="band-counts",
        className="band-counts",
    )
    worst = rows[rows["capaian"].notna()].nsmallest(5, "capaian")
    worst_list = html.Ol(
        [
            html.Li(
                [
                    dcc.Link(
                        r.code,
                        href=f"/indikator?plan={plan_code}&code={r.code}"
                        + ("&lang=en" if lang == "en" else ""),
                    ),
                    f" {percent(r.capaian, lang)}: {r.statement[:90]}",
                ]
            )
            for r in worst.itertuples()
        ],
        id="worst-off",
    )
    if year is not None:
        compliance = compliance[compliance["year"] == year]
    due = compliance[compliance["state"] != "not_due"]
    done = int((due["state"].isin(["on_time", "late", "demo"])).sum())
    share = percent(done / len(due) * 100, lang) if len(due) else "-"
    return html.Section(
        [
            html.Div([html.H2(t("summary_bands", lang)), bands], className="summary-box"),
            html.Div([html.H2(t("summary_worst", lang)), worst_list], className="summary-box"),
            html.P(
                t("summary_completeness", lang, done=done, due=len(due), share=share),
                id="completeness",
            ),
        ],
        id="overview-summary",
        className="overview-summary",
    )


def bidang_sections(plan_code: str, year: int | None, lang: str) -> list:
    """The summary, then one section per bidang: the yearly chart and the status table."""
    with store.session() as s:
        plan = get_plan(s, plan_code)
        yearly = yearly_status(s, plan)
        summary = subgroup_year_table(s, plan, yearly)
        rows = status_for(s, plan, yearly, year)
        compliance = compliance_table(s, plan)
    sections = [summary_section(rows, compliance, plan_code, year, lang)]
    for number, group in rows.groupby("subgroup_number", sort=True):
        name = group["subgroup"].iloc[0]
        reported = int((group["band"] != "no_report").sum())
        sections.append(
            html.Section(
                [
                    html.H2(
                        dcc.Link(
                            f"{t('bidang', lang)} {number}: {name}",
                            href=f"/bidang?plan={plan_code}&n={number}"
                            + ("&lang=en" if lang == "en" else ""),
                        )
                    ),
                    html.P(
                        t("indicators_reported", lang, reported=reported, total=len(group)),
                        className="coverage",
                    ),
                    dcc.Graph(
                        id=f"bidang-chart-{number}",
                        figure=subgroup_figure(summary[summary["subgroup_number"] == number], lang),
                        config={"displaylogo": False, "toImageButtonOptions": {"format": "png"}},
                    ),
                    status_table(group, lang, f"status-table-{number}", plan_code),
                ],
                id=f"bidang-{number}",
                className="bidang",
            )
        )
    return sections


@callback(
    Output("bidang-sections", "children"),
    Input("year-select", "value"),
    State("overview-args", "data"),
)
def update_sections(year_value, args):
    """Redraw the bidang sections for the chosen year."""
    return bidang_sections(args["plan"], _year(year_value), args["lang"])
