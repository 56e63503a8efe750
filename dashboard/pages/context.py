"""Konteks / Context: figures from the papers, charted per region, each with its citation."""

import dash
import plotly.graph_objects as go
from dash import dcc, html
from sqlmodel import select

from dashboard import store
from dashboard.charts import OUTLINE
from dashboard.components.described import described
from dashboard.components.shell import shell
from dashboard.formatting import number, plotly_separators
from dashboard.i18n import pick_lang, t
from indicators.models import Region
from indicators.queries import context_figures
from indicators.vocabulary import MEASURE_LABELS, label

dash.register_page(
    __name__, path="/konteks", name="nav_context", title="radtrack - konteks", order=6
)


PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]


def figure_for(frame, lang: str) -> go.Figure:
    """Grouped bars per year, one series per measure, for figures sharing one unit. A figure
    for part of a year is marked with an asterisk; hovering shows its period."""
    fig = go.Figure()
    for index, (measure, group) in enumerate(frame.groupby("measure", sort=False)):
        partial = [p != str(y) for p, y in zip(group["period"], group["year"], strict=True)]
        fig.add_trace(
            go.Bar(
                name=label(MEASURE_LABELS, measure, lang),
                x=[str(y) for y in group["year"]],
                y=list(group["value"]),
                marker_color=PALETTE[index % len(PALETTE)],
                marker_line=OUTLINE,
                text=["*" if p else "" for p in partial],
                textposition="outside",
                customdata=list(group["period"]),
                hovertemplate="%{customdata}: %{y:,}<extra></extra>",
            )
        )
    unit = frame["unit"].iloc[0]
    fig.update_layout(
        barmode="group",
        showlegend=True,
        height=280,
        separators=plotly_separators(lang),
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        legend={"orientation": "h", "y": -0.25},
        xaxis={"type": "category"},
        yaxis={"title": {"text": unit}, "rangemode": "tozero"},
        plot_bgcolor="#FFFFFF",
    )
    return fig


def _described_context(graph, key: str, part, lang: str):
    """A context chart with its sentence and table: each measure's figure per period."""
    rows = [
        [label(MEASURE_LABELS, r.measure, lang), r.period, f"{number(r.value, lang)} {r.unit}"]
        for r in part.itertuples()
    ]
    sentence = "; ".join(f"{m} {p}: {v}" for m, p, v in rows) + "."
    head = [t(k, lang) for k in ("col_measure", "col_period", "col_value")]
    return described(graph, key, sentence, head, rows, lang)


def layout(lang: str = "id", **query):
    """Every region with published figures."""
    lang = pick_lang(lang)
    with store.session() as s:
        frame = context_figures(s)
        names = {r.code: r.name for r in s.exec(select(Region))}
    sections = []
    for code, group in frame.groupby("region_code", sort=True):
        rows = [
            html.Tr(
                [
                    html.Td(label(MEASURE_LABELS, r.measure, lang)),
                    html.Td(r.period),
                    html.Td(f"{number(r.value, lang, 0)} {r.unit}", className="num"),
                    html.Td(r.citation, className="citation"),
                ]
            )
            for r in group.itertuples()
        ]
        kind = "Kota" if code == "53.71" else ("Provinsi" if len(code) == 2 else "Kabupaten")
        sections.append(
            html.Section(
                [
                    html.H2(f"{kind} {names.get(code, code)} ({code})"),
                    *[
                        _described_context(
                            dcc.Graph(
                                id=f"context-chart-{code.replace('.', '-')}-{unit}",
                                figure=figure_for(part, lang),
                                config={"displaylogo": False},
                            ),
                            f"context-chart-{code.replace('.', '-')}-{unit}",
                            part,
                            lang,
                        )
                        for unit, part in group.groupby("unit", sort=False)
                    ],
                    html.P(t("partial_year", lang), className="footnote"),
                    html.P(
                        [
                            html.Strong(t("col_source", lang) + ": "),
                            "; ".join(sorted(set(group["citation"]))),
                        ],
                        className="citation",
                    ),
                    html.Table(
                        [
                            html.Thead(
                                html.Tr(
                                    [
                                        html.Th(t(k, lang))
                                        for k in (
                                            "col_measure",
                                            "col_period",
                                            "col_value",
                                            "col_source",
                                        )
                                    ]
                                )
                            ),
                            html.Tbody(rows),
                        ],
                        className="grid",
                        id=f"context-table-{code.replace('.', '-')}",
                    ),
                ],
                className="bidang",
                id=f"context-{code.replace('.', '-')}",
            )
        )
    body = [html.H1(t("context_title", lang)), html.P(t("context_help", lang)), *sections]
    return shell(lang, "/konteks", query, body)
