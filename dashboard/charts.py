"""Plotly figures built from the tidy tables of indicators.queries; pure and browser-free."""

import pandas as pd

from dashboard.formatting import number, plotly_separators
from dashboard.i18n import t
from indicators import bands
from indicators.bands import BAND_KEYS
from indicators.progress import NO_REPORT, planner_target
from indicators.vocabulary import BAND_LABELS, label, shorten

BAND_COLOURS = {key: b.colour for key, b in bands.ALL.items()}  # from indicators.bands
# Every bar has a dark outline: the light colours of the palette (chosen to be told apart with
# colour-vision deficiencies) reach the 3:1 of WCAG 1.4.11 against the white plot by their edge.
OUTLINE = {"color": "#333333", "width": 1}
LIGHT_MARKS = bands.MARKS


def _subgroup_traces(summary: pd.DataFrame, lang: str, x: str, y: str, y2: str, first: bool):
    """One bidang's traces on axes (x, y, y2): stacked band counts, mean capaian, 100 % line."""
    years = [str(v) for v in summary["year"]]
    per = t("axis_indicators", lang).lower()
    data = [
        {
            "type": "bar",
            "name": label(BAND_LABELS, key, lang),
            "legendgroup": key,
            "showlegend": first,
            "x": years,
            "y": [int(v) for v in summary[key]] if key in summary else [0] * len(years),
            "marker": {"color": BAND_COLOURS[key], "line": OUTLINE},
            "xaxis": x,
            "yaxis": y,
            "hovertemplate": f"%{{x}}: %{{y}} {per}<extra></extra>",
        }
        for key in bands.shown(lambda k: k in summary and summary[k].sum() > 0)
    ]
    data.append(
        {
            "type": "scatter",
            "name": t("mean_capaian", lang),
            "legendgroup": "mean",
            "showlegend": first,
            "x": years,
            "y": [None if v != v else float(v) for v in summary["mean_capaian"]],
            "mode": "lines+markers",
            "line": {"color": "#000000", "width": 2},
            "xaxis": x,
            "yaxis": y2,
            "hovertemplate": "%{x}: %{y:.1f}%<extra></extra>",
        }
    )
    data.append(
        {
            "type": "scatter",
            "name": t("target_line", lang),
            "legendgroup": "target",
            "showlegend": first,
            "x": years,
            "y": [100] * len(years),
            "mode": "lines",
            "line": {"color": "#000000", "dash": "dash", "width": 1},
            "xaxis": x,
            "yaxis": y2,
            "hoverinfo": "skip",
        }
    )
    return data


PANEL_HEIGHT = 250  # px per row of bidang panels
PANEL_TITLE = 48  # characters of a bidang's name shown over its panel


def subgroups_figure(
    summary: pd.DataFrame, names: dict[int, str], lang: str = "id", tallest: int | None = None
) -> dict:
    """Per bidang, a panel (two per row, one scale for the counts, up to `tallest` when given so
    that separate figures share it): per period, the indicators stacked by band, the mean
    capaian line and the 100 % target. The overview draws one figure per bidang, so that a phone
    stacks them one per row; their colour key is the page's (status_table.chart_key), not a
    legend per figure. Returned as a plain figure dict: plotly's graph_objects validation costs
    more than the rest of the page."""
    numbers = sorted(names)
    columns = 2 if len(numbers) > 1 else 1
    rows = -(-len(numbers) // columns)
    legend_space = 10
    height = rows * PANEL_HEIGHT + legend_space + (50 if rows == 1 else 30)
    # Every indicator stands in one band each year: the tallest stack is the largest bidang.
    if tallest is None:
        tallest = int(summary["indicators"].max()) if len(summary) else 1
    plot_share = 1 - legend_space / height
    data, annotations = [], []
    layout = {
        "barmode": "stack",
        "separators": plotly_separators(lang),
        "margin": {"l": 60, "r": 60, "t": 30, "b": 10},
        "height": height,
        "showlegend": False,  # the page's chart_key explains the colours and lines
        "plot_bgcolor": "#FFFFFF",
    }
    for index, number_ in enumerate(numbers):
        row, column = divmod(index, columns)
        x_name, y_name, y2_name = (
            "x" if index == 0 else f"x{index + 1}",
            "y" if index == 0 else f"y{index + 1}",
            f"y{len(numbers) + index + 1}",
        )
        left, right = column / columns, (column + 1) / columns
        gap = 0.08 if columns > 1 else 0
        x_domain = [left + (gap if column else 0), right - (gap if column < columns - 1 else 0)]
        top = 1 - row / rows * plot_share
        bottom = 1 - (row + 1) / rows * plot_share
        y_domain = [bottom + 0.12 * plot_share / rows, top - 0.1 * plot_share / rows]
        one = summary[summary["subgroup_number"] == number_]
        data += _subgroup_traces(one, lang, x_name, y_name, y2_name, first=index == 0)
        layout["xaxis" + x_name[1:]] = {"type": "category", "domain": x_domain, "anchor": y_name}
        layout["yaxis" + y_name[1:]] = {
            "domain": y_domain,
            "anchor": x_name,
            "range": [0, tallest * 1.08],
            "title": {"text": t("axis_indicators", lang) if column == 0 else ""},
            **({"matches": "y"} if index else {}),  # one scale: panels compare at a glance
        }
        layout["yaxis" + y2_name[1:]] = {
            "overlaying": y_name,
            "anchor": x_name,
            "side": "right",
            "range": [0, 110],
            "tickmode": "array",
            "tickvals": [0, 50, 100],
            "ticksuffix": "%",
            "showgrid": False,
            "title": {"text": t("axis_capaian", lang) if column == columns - 1 else ""},
        }
        name = names[number_]
        short = shorten(name, PANEL_TITLE)
        annotations.append(
            {
                "text": f"<b>{t('bidang', lang)} {number_}</b>: {short}",
                "x": sum(x_domain) / 2,
                "y": y_domain[1],
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    layout["annotations"] = annotations
    return {"data": data, "layout": layout}


def budget_figure(table, lang: str, height: int, font: int = 12) -> dict:
    """Pagu and realisasi side by side per bidang (a plain figure dict, as subgroups_figure);
    `font` px for every text of the chart (the projector view's is legible across a room)."""
    names = [f"{t('bidang', lang)} {key}" for key in table["key"]]
    bars = [
        {
            "type": "bar",
            "name": t(key, lang),
            "x": names,
            "y": list(table[field]),
            "marker": {"color": colour, "line": OUTLINE},
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
        "title": {"text": t("budget_chart", lang), "font": {"size": font + 2}},
        "font": {"size": font},
        "margin": {"l": 60 + 7 * font, "r": 20, "t": 30 + 2 * font, "b": 30 + 3 * font},
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
    shown, rounded = planner_target(expected, unit, kind)
    return f"{number(realised, lang)} / {'≈' if rounded else ''}{number(shown, lang)}"


def subgroup_grid(table: pd.DataFrame, lang: str = "id") -> dict:
    """Indicators x years of one bidang: colour is the band, text is what was reached against
    the target to date in the indicator's own terms (Sudah/Belum, latest %, count / target).
    A plain figure dict, as subgroups_figure."""
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
        "height": 94 + 34 * len(codes),
        "margin": {"l": 70, "r": 20, "t": 64, "b": 30},  # the year headers clear the toolbar
        "separators": plotly_separators(lang),
        "xaxis": {"side": "top", "type": "category"},
        "yaxis": {"type": "category"},
        "plot_bgcolor": "#FFFFFF",
    }
    return {"data": [heatmap], "layout": layout}
