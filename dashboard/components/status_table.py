"""The table of every indicator's status in a sub-group, for one year or the whole period."""

from urllib.parse import urlencode

import pandas as pd
from dash import dcc, html
from markupsafe import escape

from dashboard.charts import BAND_COLOURS, LIGHT_MARKS
from dashboard.formatting import number, percent
from dashboard.i18n import t
from indicators import bands
from indicators.disclosure import SUPPRESSED
from indicators.progress import planner_target
from indicators.vocabulary import BAND_LABELS, KIND_LABELS, label, unit_text

HEADINGS = (
    "col_code",
    "col_indicator",
    "col_kind",
    "col_expected",
    "col_realised",
    "col_capaian",
    "col_band",
    "col_reporters",
)
# One row, filled only through _fill, which escapes every value. <dccLink> is dcc.Markdown's own
# tag for a dcc.Link: following it changes the page without reloading the app.
ROW = (
    '<tr data-code="{code}" data-band="{band}">'
    '<td class="code"><dccLink href="{href}">{code}</dccLink></td>'
    '<td class="statement">{statement}</td>'
    "<td>{kind}</td>"
    '<td class="num">{expected}</td>'
    '<td class="num">{realised}</td>'
    '<td class="num">{capaian}</td>'
    '<td class="band band-{band}" style="border-left: 6px solid {colour}">{band_text}</td>'
    "<td>{reporters}</td>"
    "</tr>"
)


def _indicator_href(plan: str | None, code: str, lang: str) -> str:
    params = {"plan": plan, "code": code, "lang": "en" if lang == "en" else None}
    return "/indikator?" + urlencode({k: v for k, v in params.items() if v})


def band_key(lang: str, keys: tuple[str, ...] = ()) -> html.Ul:
    """The colour key of a coloured chart: each state's colour, mark and label (indicators.bands),
    so colour is never the only carrier of meaning."""
    shown = keys or (*bands.BAND_KEYS, bands.NO_REPORT.key)
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        className="swatch",
                        style={"backgroundColor": bands.ALL[key].colour},
                        **{"aria-hidden": "true"},
                    ),
                    f"{bands.ALL[key].mark} {bands.label(key, lang)}",
                ],
                **{"data-band": key},
            )
            for key in shown
        ],
        className="band-key",
        id="band-key",
    )


def chart_key(lang: str) -> html.Div:
    """The key of the bidang charts: the bands' colours and the two lines."""
    return html.Div(
        [
            band_key(lang),
            html.P(t("chart_lines", lang), className="footnote chart-lines"),
        ],
        className="chart-key",
    )


def target_text(value, kind: str, unit: str, lang: str) -> str:
    """A target to date as a planner writes it: whole units where the unit is whole, marked
    "≈" when rounded (progress.planner_target; the capaian uses the exact value)."""
    shown, rounded = planner_target(value, unit, kind)
    text = amount_text(shown, kind, unit, lang)
    return f"≈ {text}" if rounded else text


def amount_text(value, kind: str, unit: str, lang: str, withheld: int | None = None) -> str:
    unit = unit_text(unit, lang)
    if withheld:
        return f"< {withheld} {unit}".strip()
    if value is None or value != value:
        return "-"
    if kind == "milestone":
        return t("done", lang) if value >= 1 else t("not_done", lang)
    if kind == "percentage":
        return percent(value, lang)
    return f"{number(value, lang)} {unit}".strip()


def _fill(template: str, **values) -> str:
    """`template` with every value escaped for HTML (markupsafe's C escape: str.format of
    escaped values is several times quicker than Markup.format)."""
    return template.format(**{key: escape(value) for key, value in values.items()})


def _text(value) -> str:
    """`value` on one line: a blank line would end dcc.Markdown's HTML block."""
    return " ".join(str(value).split())


def status_table(
    rows: pd.DataFrame, lang: str, table_id: str, plan: str | None = None, k: int | None = None
) -> dcc.Markdown:
    """One row per indicator: target to date, achieved, capaian % and band with its mark.

    A plain HTML table in one dcc.Markdown rather than a Dash component per row, cell and link:
    the browser's Dash renderer spends far more on each component than on the cell it draws,
    and the overview's four tables (about 1,000 components) took a third of its first load.
    Every value from the store is escaped; the only markup is this module's. A withheld count
    (band `suppressed`, indicators.disclosure) reads "< k" with the plan's `k`."""
    head = "".join(_fill("<th>{text}</th>", text=t(key, lang)) for key in HEADINGS)
    body = "".join(
        _fill(
            ROW,
            code=_text(r.code),
            band=r.band,
            href=_indicator_href(plan, r.code, lang),
            statement=_text(r.statement),
            kind=label(KIND_LABELS, r.kind, lang),
            expected=target_text(r.expected, r.kind, r.unit, lang),
            realised=amount_text(
                r.realised, r.kind, r.unit, lang, k if r.band == SUPPRESSED else None
            ),
            capaian=percent(r.capaian, lang),
            colour=BAND_COLOURS.get(r.band, "#BBBBBB"),
            band_text=f"{LIGHT_MARKS[r.light]} {label(BAND_LABELS, r.band, lang)}",
            reporters=_text(r.reporters or "-"),
        )
        for r in rows.itertuples(index=False)
    )
    table = _fill('<table id="{table_id}" class="status-table">', table_id=table_id)
    return dcc.Markdown(
        f"{table}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
        dangerously_allow_html=True,
        className="status-table-box",
    )
