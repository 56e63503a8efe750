"""Plotly figures built from the tidy tables of indicators.queries; pure and browser-free."""

import pandas as pd

from dashboard.formatting import number, plotly_separators
from dashboard.i18n import t
from indicators.progress import BAND_KEYS, NO_REPORT
from indicators.vocabulary import BAND_LABELS, label

# Okabe-Ito colours: told apart with common colour-vision deficiencies; bands also carry text.
BAND_COLOURS = {
    "sangat_tinggi": "#0072B2",
    "tinggi": "#56B4E9",
    "sedang": "#F0E442",
    "rendah": "#E69F00",
    "sangat_rendah": "#D55E00",
    NO_REPORT: "#BBBBBB",
}
LIGHT_MARKS = {"green": "●", "amber": "▲", "red": "■", "grey": "○"}


def subgroup_figure(summary: pd.DataFrame, lang: str = "id") -> dict:
    """Per year: stacked counts of indicators by band, the mean capaian line and the 100 % target.

    `summary` is the rows of indicators.queries.subgroup_year_table for one sub-group. Returned
    as a plain figure dict: the overview draws four of these per request, and plotly's
    graph_objects validation cost more than everything else on the page (see `make bench`).
    """
    years = [str(y) for y in summary["year"]]
    per = t("axis_indicators", lang).lower()
    data = [
        {
            "type": "bar",
            "name": label(BAND_LABELS, key, lang),
            "x": years,
            "y": [int(v) for v in summary[key]] if key in summary else [0] * len(years),
            "marker": {"color": BAND_COLOURS[key]},
            "yaxis": "y",
            "hovertemplate": f"%{{x}}: %{{y}} {per}<extra></extra>",
        }
        for key in (*BAND_KEYS, NO_REPORT)
    ]
    data.append(
        {
            "type": "scatter",
            "name": t("mean_capaian", lang),
            "x": years,
            "y": [None if v != v else float(v) for v in summary["mean_capaian"]],
            "mode": "lines+markers",
            "line": {"color": "#000000", "width": 2},
            "yaxis": "y2",
            "hovertemplate": "%{x}: %{y:.1f}%<extra></extra>",
        }
    )
    data.append(
        {
            "type": "scatter",
            "name": t("target_line", lang),
            "x": years,
            "y": [100] * len(years),
            "mode": "lines",
            "line": {"color": "#000000", "dash": "dash", "width": 1},
            "yaxis": "y2",
            "hoverinfo": "skip",
        }
    )
    layout = {
        "barmode": "stack",
        "separators": plotly_separators(lang),
        "margin": {"l": 50, "r": 60, "t": 40, "b": 40},
        "height": 320,
        "title": {"text": t("chart_title", lang), "font": {"size": 13}},
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {"type": "category"},
        "yaxis": {"title": {"text": t("axis_indicators", lang)}, "rangemode": "tozero"},
        "yaxis2": {
            "title": {"text": t("axis_capaian", lang)},
            "overlaying": "y",
            "side": "right",
            "range": [0, 110],
            "tickmode": "array",
            "tickvals": [0, 25, 50, 75, 100],
            "ticksuffix": "%",
            "showgrid": False,
        },
        "plot_bgcolor": "#FFFFFF",
    }
    return {"data": data, "layout": layout}


def budget_figure(table, lang: str, height: int) -> dict:
    """Pagu and realisasi side by side per bidang (a plain figure dict, as subgroup_figure)."""
    names = [f"{t('bidang', lang)} {key}" for key in table["key"]]
    bars = [
        {
            "type": "bar",
            "name": t(key, lang),
            "x": names,
            "y": list(table[field]),
            "marker": {"color": colour},
        }
        for key, field, colour in (
            ("col_budget", "budget", "#0072B2"),
            ("col_spent", "spent", "#E69F00"),
        )
    ]
    layout = {
        "barmode": "group",
        "height": height,
        "separators": plotly_separators(lang),
        "title": {"text": t("budget_chart", lang), "font": {"size": 14}},
        "margin": {"l": 130, "r": 20, "t": 50, "b": 60},
        "plot_bgcolor": "#FFFFFF",
        "legend": {"orientation": "h", "y": -0.3},
        "yaxis": {"tickprefix": "Rp ", "tickformat": ",.0f"},
    }
    return {"data": bars, "layout": layout}


def _cell_text(kind: str, realised, expected, unit: str, lang: str) -> str:
    if realised is None or realised != realised:
        return "-"
    if kind == "milestone":
        return t("done", lang) if realised >= 1 else t("not_done", lang)
    if kind == "percentage":
        return f"{number(realised, lang)}%"
    return f"{number(realised, lang)} / {number(expected, lang)}"


def subgroup_grid(table: pd.DataFrame, lang: str = "id") -> dict:
    """Indicators x years of one bidang: colour is the band, text is what was reached against
    the target to date in the indicator's own terms (Sudah/Belum, latest %, count / target).
    A plain figure dict, as subgroup_figure."""
    codes = list(dict.fromkeys(table["code"]))[::-1]
    years = sorted(table["year"].unique())
    order = {key: i for i, key in enumerate((*BAND_KEYS[::-1], NO_REPORT))}
    cells = {(r.code, r.year): r for r in table.itertuples(index=False)}
    z, text, hover = [], [], []
    for code in codes:
        row = [cells.get((code, y)) for y in years]
        z.append([order.get(c.band, order[NO_REPORT]) if c else order[NO_REPORT] for c in row])
        text.append(
            [_cell_text(c.kind, c.realised, c.expected, c.unit, lang) if c else "-" for c in row]
        )
        hover.append([label(BAND_LABELS, c.band if c else NO_REPORT, lang) for c in row])
    keys = [*BAND_KEYS[::-1], NO_REPORT]
    n = len(keys)
    scale = []
    for i, key in enumerate(keys):
        scale += [[i / n, BAND_COLOURS[key]], [(i + 1) / n, BAND_COLOURS[key]]]
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": [str(y) for y in years],
        "y": codes,
        "text": text,
        "texttemplate": "%{text}",
        "customdata": hover,
        "hovertemplate": "%{y} %{x}: %{text}<br>%{customdata}<extra></extra>",
        "colorscale": scale,
        "zmin": -0.5,
        "zmax": n - 0.5,
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
    }
    layout = {
        "height": 60 + 34 * len(codes),
        "margin": {"l": 70, "r": 20, "t": 30, "b": 30},
        "separators": plotly_separators(lang),
        "xaxis": {"side": "top", "type": "category"},
        "yaxis": {"type": "category"},
        "plot_bgcolor": "#FFFFFF",
    }
    return {"data": [heatmap], "layout": layout}
