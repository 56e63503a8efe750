"""Bidang / Sub-group: drill down programme -> activity -> indicator, with every indicator's
target against achievement per year in the terms of its kind."""

import dash
from dash import dcc, html

from dashboard import store
from dashboard.charts import subgroup_grid
from dashboard.components.demo_notice import demo_notice
from dashboard.components.shell import shell
from dashboard.components.status_table import status_table
from dashboard.i18n import pick_lang, t
from indicators.queries import get_plan, has_demo_data, status_for, yearly_status

dash.register_page(
    __name__, path="/bidang", name="nav_subgroup", title="radtrack - bidang", order=1
)


def layout(
    lang: str = "id", plan: str | None = None, n: str = "1", year: str | None = None, **query
):
    """Bidang `n` of `plan`; the status table is for `year` (default: the whole period)."""
    lang = pick_lang(lang)
    query = {"plan": plan, "n": n, "year": year}
    number = int(n) if str(n).isdigit() else 0
    with store.session() as s:
        found = get_plan(s, plan)
        if found is None:
            return shell(
                lang,
                "/bidang",
                query,
                html.Div(t("no_plan", lang), id="empty-state", className="empty-state"),
            )
        table = yearly_status(s, found)
        chosen = int(year) if year and str(year).isdigit() else None
        rows = status_for(s, found, table, chosen)
        demo = has_demo_data(s, found)
    numbers = sorted(set(table["subgroup_number"]))
    table = table[table["subgroup_number"] == number]
    rows = rows[rows["subgroup_number"] == number]
    if rows.empty:
        return shell(
            lang,
            "/bidang",
            query,
            html.Div(t("subgroup_missing", lang, n=n), id="empty-state", className="empty-state"),
        )
    others = [
        dcc.Link(
            f"{t('bidang', lang)} {k}",
            href=f"/bidang?plan={found.code}&n={k}" + ("&lang=en" if lang == "en" else ""),
            className="plan-link",
        )
        for k in numbers
    ]
    programmes = []
    for (letter, programme), group in rows.groupby(["programme_letter", "programme"], sort=True):
        activities = [
            html.Div(
                [
                    html.H3(f"{act_no}. {activity}"),
                    status_table(acts, lang, f"status-{letter}-{act_no}", found.code),
                ],
                className="activity",
            )
            for (act_no, activity), acts in group.groupby(
                ["activity_number", "activity"], sort=True
            )
        ]
        programmes.append(
            html.Section(
                [html.H2(f"{letter}. {programme}"), *activities],
                id=f"programme-{letter}",
                className="bidang",
            )
        )
    grid = subgroup_grid(table, lang)
    body = [
        html.Nav(others, className="plan-links"),
        html.H1(f"{t('bidang', lang)} {number}: {rows['subgroup'].iloc[0]}", id="subgroup-title"),
        demo_notice(lang) if demo else None,
        html.P(t("grid_help", lang), className="footnote"),
        dcc.Graph(
            id="subgroup-grid",
            figure=grid,
            config={"displaylogo": False},
            style={"height": f"{grid.layout.height}px"},  # no jump when the chart draws
        ),
        *programmes,
    ]
    return shell(lang, "/bidang", query, body)
