"""Indikator / Indicator: one indicator's target and achievement over the years, each agency's
contribution, and the source of every figure (file, sheet, row, when, by whom)."""

import dash
import dash_ag_grid as dag
import plotly.graph_objects as go
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import store
from dashboard.auth import may_read, public_view
from dashboard.charts import BAND_COLOURS, OUTLINE
from dashboard.components.demo_notice import demo_notice
from dashboard.components.described import described
from dashboard.components.filters import ALL_PLANS
from dashboard.components.grid import number_format
from dashboard.components.shell import shell
from dashboard.components.status_table import amount_text, target_text
from dashboard.formatting import number, percent, plotly_separators
from dashboard.i18n import pick_lang, t
from indicators import bands
from indicators.disclosure import SUPPRESSED, threshold
from indicators.queries import (
    get_plan,
    indicator_agency_years,
    indicator_by_code,
    indicator_rows,
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
            marker_line=OUTLINE,
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
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": x},
        yaxis={"title": {"text": row["unit"]}, "rangemode": "tozero", "tickformat": ","},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def agency_figure(totals, lang: str, years: list[int], kind: str = "cumulative") -> go.Figure:
    """Bars: each agency's figures per year (indicators.queries.indicator_agency_years; a
    withheld sum is no bar), every plan year on the axis in order, a year without figures a
    gap. Counts stack (the agencies' figures add up); percentages and milestones stand side by
    side (55 % and 62,5 % are never 117,5 %)."""
    fig = go.Figure()
    axis = [str(y) for y in years]
    for agency, group in totals.groupby("agency"):
        by_year = dict(zip(group["year"], group["value"], strict=True))
        fig.add_trace(
            go.Bar(
                name=agency,
                marker_line=OUTLINE,
                x=axis,
                y=[by_year.get(y) for y in years],
                hovertemplate=f"{agency} %{{x}}: %{{y:,}}<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="group" if kind in ("percentage", "milestone") else "stack",
        height=280,
        separators=plotly_separators(lang),
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": axis},
        yaxis={"tickformat": ",", "rangemode": "tozero"},
        plot_bgcolor="#FFFFFF",
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def sources_grid(sources, lang: str, k: int | None = None) -> dag.AgGrid:
    """Every figure with its file, sheet and row, sortable and filterable; a withheld count
    reads "< k"."""
    # what the figure is, then where it came from (file, sheet, row, who, when), then the rest
    keys = [
        ("agency", "col_agency"),
        ("year", "year"),
        ("quarter", "col_quarter"),
        ("semester", "col_semester"),
        ("sex", "col_sex"),
        ("age_group", "col_age_group"),
        ("kecamatan", "col_kecamatan"),
        ("value", "col_realised"),
        ("file", "col_file"),
        ("sheet", "col_sheet"),
        ("row", "col_row"),
        ("uploaded_by", "col_by"),
        ("uploaded_at", "col_uploaded"),
        ("budget", "col_budget"),
        ("spent", "col_spent"),
        ("note", "col_note"),
        ("is_demo", "col_demo"),
    ]
    formats = {
        "value": number_format(lang, 2),
        "budget": number_format(lang, 0, prefix="Rp "),
        "spent": number_format(lang, 0, prefix="Rp "),
    }
    for key in ("quarter", "semester", "sex", "age_group", "kecamatan"):
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
        columnDefs=[
            {"field": f, "headerName": t(k, lang)}
            | ({"valueFormatter": formats[f], "type": "rightAligned"} if f in formats else {})
            for f, k in keys
        ],
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        columnSize="autoSize",
        dashGridOptions={"domLayout": "autoHeight"},
        style={"height": None},
    )


def _matches(row: dict, words: list[str]) -> bool:
    text = f"{row['code']} {row['statement']} {row['unit']}".casefold()
    return all(word in text for word in words)


def indicator_list(plan_code: str, rows: list[dict], lang: str, search: str = "") -> list:
    """Every indicator of the plan (those matching every word of `search`), by bidang, each a
    link to its page."""
    words = search.casefold().split()
    suffix = "&lang=en" if lang == "en" else ""
    out, current = [], None
    items: list = []
    for row in rows:
        if words and not _matches(row, words):
            continue
        if row["subgroup_number"] != current:
            if items:
                out.append(html.Ul(items, className="indicator-list"))
            current, items = row["subgroup_number"], []
            out.append(html.H2(f"{t('bidang', lang)} {current}: {row['subgroup']}"))
        items.append(
            html.Li(
                dcc.Link(
                    f"{row['code']}: {row['statement']}",
                    href=f"/indikator?plan={plan_code}&code={row['code']}{suffix}",
                )
            )
        )
    if items:
        out.append(html.Ul(items, className="indicator-list"))
    if not out:
        out.append(html.P(t("indicator_search_none", lang, text=search), id="indicator-none"))
    return out


def picker(plan_code: str, rows: list[dict], lang: str, text: str) -> html.Div:
    """The page without (a known) indicator: a search box over every indicator, by bidang."""
    return html.Div(
        [
            html.P(text, id="empty-state", className="empty-state"),
            html.Label(t("indicator_search", lang), htmlFor="indicator-search"),
            dcc.Input(
                id="indicator-search",
                type="search",
                debounce=0.3,
                className="form-control indicator-search",
                autoComplete="off",
            ),
            dcc.Store(id="indicator-args", data={"plan": plan_code, "lang": lang}),
            html.Div(indicator_list(plan_code, rows, lang), id="indicator-list"),
        ]
    )


@callback(
    Output("indicator-list", "children"),
    Input("indicator-search", "value"),
    State("indicator-args", "data"),
    prevent_initial_call=True,
)
def search_indicators(search, args):
    """The list narrowed to what the search box holds (a plan the asker may read only)."""
    plan_code = (args or {}).get("plan")
    if not isinstance(plan_code, str) or not may_read(plan_code):
        raise PreventUpdate
    lang = pick_lang((args or {}).get("lang"))
    with store.session() as s:
        found = get_plan(s, plan_code)
        if found is None:
            raise PreventUpdate
        rows = indicator_rows(s, found)
    return indicator_list(found.code, rows, lang, str(search or "")[:200])


def _described_series(graph, years, row: dict, lang: str, k: int):
    """The series chart with its sentence and table: per year the target to date, the figure,
    the capaian and the band (a withheld figure as "< k")."""
    table, parts = [], []
    for r in years.itertuples(index=False):
        withheld = r.band == SUPPRESSED
        shown = f"< {k}" if withheld else amount_text(r.realised, row["kind"], row["unit"], lang)
        target = target_text(r.expected, row["kind"], row["unit"], lang)
        band = bands.label(r.band, lang)
        table.append([r.year, target, shown, percent(r.capaian, lang), band])
        if r.band != bands.NO_REPORT.key:
            parts.append(f"{r.year} {shown} / {target} ({percent(r.capaian, lang)}, {band})")
    sentence = t(
        "chart_series_summary",
        lang,
        code=row["code"],
        years="; ".join(parts) or t("chart_none", lang),
    )
    head = [t(k_, lang) for k_ in ("year", "col_expected", "col_realised", "col_capaian")]
    return described(graph, "indicator-series", sentence, [*head, t("col_band", lang)], table, lang)


def _described_agencies(graph, totals, years: list[int], lang: str, k: int):
    """The agency chart with its sentence and table: each agency's figures per year."""
    agencies = sorted(set(totals["agency"]))
    cells = {(int(r.year), r.agency): r for r in totals.itertuples(index=False)}

    def value(year, agency):
        r = cells.get((year, agency))
        if r is None:
            return "-"
        return f"< {k}" if r.withheld else number(r.value, lang)

    table = [[year, *(value(year, a) for a in agencies)] for year in years]
    parts = [
        f"{a} {year}: {value(year, a)}" for year in years for a in agencies if (year, a) in cells
    ]
    sentence = t("chart_agency_summary", lang, parts="; ".join(parts) or t("chart_none", lang))
    return described(
        graph, "indicator-agencies", sentence, [t("year", lang), *agencies], table, lang
    )


def layout(lang: str = "id", plan: str | None = None, code: str | None = None, **query):
    """The page of indicator `code` of `plan`."""
    lang = pick_lang(lang)
    plan = None if plan == ALL_PLANS else plan  # one plan's page: the all-plans choice means none
    query = {"plan": plan, "code": code}
    with store.session() as s:
        found = get_plan(s, plan)
        row = indicator_by_code(s, found, code) if found and code else None
        if row is None and found is not None:
            rows = indicator_rows(s, found)
            text = t("indicator_missing", lang, code=code) if code else t("indicator_pick", lang)
            return shell(lang, "/indikator", query, picker(found.code, rows, lang, text))
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
        _described_series(
            dcc.Graph(
                id="indicator-series",
                figure=series_figure(years, row, lang),
                config={"displaylogo": False},
            ),
            years,
            row,
            lang,
            k,
        ),
        html.H2(t("by_agency_title", lang)),
        _described_agencies(
            dcc.Graph(
                id="indicator-agencies",
                figure=agency_figure(
                    by_agency, lang, list(range(found.start_year, found.end_year + 1)), row["kind"]
                ),
                config={"displaylogo": False},
            ),
            by_agency,
            list(range(found.start_year, found.end_year + 1)),
            lang,
            k,
        ),
        html.H2(t("sources_title", lang)),
        sources_grid(sources, lang, k),
    ]
    return shell(lang, "/indikator", query, body)
