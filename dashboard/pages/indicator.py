"""Indikator / Indicator: one indicator's target and achievement over the years, each agency's
contribution, and the source of every figure (file, sheet, row, when, by whom)."""

import dash
import dash_ag_grid as dag
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import store
from dashboard.auth import public_view
from dashboard.charts import BAND_COLOURS
from dashboard.components.demo_notice import demo_notice
from dashboard.components.filters import ALL_PLANS
from dashboard.components.shell import shell
from dashboard.formatting import number, plotly_separators
from dashboard.i18n import pick_lang, t
from indicators.disclosure import threshold
from indicators.queries import (
    get_plan,
    indicator_agency_years,
    indicator_by_code,
    indicator_sources,
    indicator_years,
    plan_release,
)
from indicators.vocabulary import BAND_LABELS, KIND_LABELS, label

dash.register_page(
    __name__, path="/indikator", name="nav_indicator", title="radtrack - indikator", order=2
)


def series_figure(years, row, lang: str) -> go.Figure:
    """Realised value per year as bars coloured by band, the expected target as a line."""
    x = [str(y) for y in years["year"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name=t("col_realised", lang),
            x=x,
            y=list(years["realised"]),
            marker_color=[BAND_COLOURS.get(b, "#BBBBBB") for b in years["band"]],
            customdata=[label(BAND_LABELS, b, lang) for b in years["band"]],
            hovertemplate="%{x}: %{y:,}<br>%{customdata}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            name=t("col_expected", lang),
            x=x,
            y=list(years["expected"]),
            mode="lines+markers",
            line={"color": "#000000", "dash": "dash"},
        )
    )
    fig.update_layout(
        height=300,
        separators=plotly_separators(lang),
        plot_bgcolor="#FFFFFF",
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        xaxis={"type": "category"},
        yaxis={"title": {"text": row["unit"]}, "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def agency_figure(totals, lang: str) -> go.Figure:
    """Stacked bars: each agency's figures per year (indicators.queries.indicator_agency_years;
    a withheld sum is no bar)."""
    fig = go.Figure()
    for agency, group in totals.groupby("agency"):
        fig.add_trace(
            go.Bar(name=agency, x=[str(y) for y in group["year"]], y=list(group["value"]))
        )
    fig.update_layout(
        barmode="stack",
        height=280,
        separators=plotly_separators(lang),
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        xaxis={"type": "category"},
        plot_bgcolor="#FFFFFF",
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def sources_grid(sources, lang: str, k: int | None = None) -> dag.AgGrid:
    """Every figure with its file, sheet and row, sortable and filterable; a withheld count
    reads "< k"."""
    keys = [
        ("agency", "col_agency"),
        ("year", "year"),
        ("quarter", "col_quarter"),
        ("semester", "col_semester"),
        ("sex", "col_sex"),
        ("age_group", "col_age_group"),
        ("kecamatan", "col_kecamatan"),
        ("value", "col_realised"),
        ("budget", "col_budget"),
        ("spent", "col_spent"),
        ("note", "col_note"),
        ("file", "col_file"),
        ("sheet", "col_sheet"),
        ("row", "col_row"),
        ("uploaded_at", "col_uploaded"),
        ("uploaded_by", "col_by"),
        ("is_demo", "col_demo"),
    ]
    for key in ("semester", "sex", "age_group", "kecamatan"):
        if key not in sources or sources[key].isna().all():  # no such detail: no empty column
            keys = [pair for pair in keys if pair[0] != key]
    shown = sources.astype(object).where(sources.notna(), None)
    if "withheld" in shown and shown["withheld"].any():
        shown["value"] = [
            f"< {k}" if hidden else value
            for value, hidden in zip(shown["value"], shown["withheld"], strict=True)
        ]
    return dag.AgGrid(
        id="sources-grid",
        rowData=shown.drop(columns=["withheld"], errors="ignore").to_dict("records"),
        columnDefs=[{"field": f, "headerName": t(k, lang)} for f, k in keys],
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        columnSize="autoSize",
        dashGridOptions={"domLayout": "autoHeight"},
        style={"height": None},
    )


def layout(lang: str = "id", plan: str | None = None, code: str | None = None, **query):
    """The page of indicator `code` of `plan`."""
    lang = pick_lang(lang)
    plan = None if plan == ALL_PLANS else plan  # one plan's page: the all-plans choice means none
    query = {"plan": plan, "code": code}
    with store.session() as s:
        found = get_plan(s, plan)
        row = indicator_by_code(s, found, code) if found and code else None
        if row is None:
            text = t("indicator_missing", lang, code=code) if code else t("indicator_pick", lang)
            return shell(
                lang, "/indikator", query, html.Div(text, id="empty-state", className="empty-state")
            )
        public = public_view()
        years = indicator_years(s, found, row, public)
        sources = indicator_sources(s, row, public, found)
        by_agency = indicator_agency_years(s, found, row, public)
        k = threshold(found)
        sensitive = public and row["code"] in plan_release(s, found).sensitive
    demo = bool(sources["is_demo"].any()) if len(sources) else False
    target = f"{number(row['target'], lang)} {row['unit']}" if row["target"] is not None else "-"
    body = [
        html.H1(f"{row['code']}: {row['statement']}", id="indicator-title"),
        html.P(
            [
                f"{t('bidang', lang)} {row['subgroup_number']}: {row['subgroup']} · "
                f"{row['programme_letter']}. {row['programme']} · "
                f"{row['activity_number']}. {row['activity']}"
            ],
            className="citation",
        ),
        html.P(
            [
                html.Strong(t("col_kind", lang) + ": "),
                label(KIND_LABELS, row["kind"], lang),
                " · ",
                html.Strong("Target RAD: "),
                target,
            ],
            id="indicator-facts",
        ),
        demo_notice(lang) if demo else None,
        html.P(
            t("suppression_note", lang, codes=row["code"], k=k),
            id="suppression-note",
            className="footnote",
        )
        if sensitive
        else None,
        html.H2(t("series_title", lang)),
        dcc.Graph(
            id="indicator-series",
            figure=series_figure(years, row, lang),
            config={"displaylogo": False},
        ),
        html.H2(t("by_agency_title", lang)),
        dcc.Graph(
            id="indicator-agencies",
            figure=agency_figure(by_agency, lang),
            config={"displaylogo": False},
        ),
        html.H2(t("sources_title", lang)),
        sources_grid(sources, lang, k),
    ]
    return shell(lang, "/indikator", query, body)
