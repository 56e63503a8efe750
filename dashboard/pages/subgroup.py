"""Bidang / Sub-group: drill down programme -> activity -> indicator, with every indicator's
target against achievement per year in the terms of its kind."""

import dash
from dash import callback, dcc, html

from dashboard import store
from dashboard.auth import current_actor, public_view
from dashboard.charts import subgroup_grid
from dashboard.components.demo_notice import demo_notice
from dashboard.components.described import described
from dashboard.components.filters import ALL_PLANS, page_filters, view_notes
from dashboard.components.narratives import SAVE_CALLBACK, narrative_section, save_narrative
from dashboard.components.shell import no_plan_page, shell
from dashboard.components.status_table import band_key, status_table
from dashboard.i18n import pick_lang, t
from indicators.disclosure import threshold
from indicators.queries import get_plan, has_demo_data, plan_status, status_for

dash.register_page(
    __name__, path="/bidang", name="nav_subgroup", title="radtrack - bidang", order=1
)


FILTERS = ("plan", "subgroup", "year", "quarter", "agency")


def _described_grid(graph, figure: dict, number: int, lang: str):
    """The heatmap with its sentence and table: every indicator's cell text and band per year,
    in the heatmap's own words (its data, read back)."""
    data = figure["data"][0]
    years, codes = data["x"], data["y"][::-1]
    texts, labels = data["text"][::-1], data["customdata"][::-1]
    rows = [
        [code, *(f"{text} ({band})" for text, band in zip(row, names, strict=True))]
        for code, row, names in zip(codes, texts, labels, strict=True)
    ]
    sentence = t(
        "chart_grid_summary", lang, bidang=f"{t('bidang', lang)} {number}",
        indicators=len(codes), years=len(years),
    )  # fmt: skip
    head = [t("col_code", lang), *years]
    return described(graph, "subgroup-grid", sentence, head, rows, lang)


def layout(lang: str = "id", plan: str | None = None, **query):
    """Bidang `bidang` (or `n`; default 1) of `plan`; the status tables are for the URL's year
    (default: the whole period), triwulan and agency."""
    lang = pick_lang(lang)
    plan = None if plan == ALL_PLANS else plan  # one plan's page: the all-plans choice means none
    query = {"plan": plan, **query}
    asked = query.get("bidang") or query.get("n") or "1"
    number = int(asked) if str(asked).isdigit() else 0
    with store.session() as s:
        found = get_plan(s, plan)
        if found is None:
            return no_plan_page(lang, "/bidang", query)
        pick, bar = page_filters(s, found, {**query, "bidang": str(number)}, FILTERS, lang)
        public = public_view()
        known = plan_status(s, found, pick.agency, public)
        table = known.yearly
        rows = status_for(s, found, known, pick.year, pick.agency, pick.quarter, public)
        demo = has_demo_data(s, found)
    numbers = sorted(set(table["subgroup_number"]))
    table = table[table["subgroup_number"] == number]
    rows = rows[rows["subgroup_number"] == number]
    if rows.empty:
        return shell(
            lang,
            "/bidang",
            query,
            html.Div(
                t("subgroup_missing", lang, n=asked), id="empty-state", className="empty-state"
            ),
        )
    others = [
        dcc.Link(
            f"{t('bidang', lang)} {k}",
            href=f"/bidang?plan={found.code}&bidang={k}" + ("&lang=en" if lang == "en" else ""),
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
                    status_table(
                        acts, lang, f"status-{letter}-{act_no}", found.code, threshold(found)
                    ),
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
        bar,
        view_notes(pick, lang),
        html.P(t("grid_help", lang), className="footnote"),
        _described_grid(
            dcc.Graph(
                id="subgroup-grid",
                figure=grid,
                config={"displaylogo": False},
                style={"height": f"{grid['layout']['height']}px"},  # no jump when it draws
            ),
            grid,
            number,
            lang,
        ),
        band_key(lang),
        *programmes,
        html.P(t("bands_source", lang), className="footnote"),
    ]
    if not public:  # narratives: signed-in readers; the form: admins
        body += narrative_section(found, number, pick.year, lang, current_actor().is_admin)
    return shell(lang, "/bidang", query, body)


# the secretariat writes a bidang's narrative here (admins only, checked in the function)
callback(*SAVE_CALLBACK, prevent_initial_call=True)(save_narrative)
