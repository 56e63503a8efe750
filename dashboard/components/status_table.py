"""The table of every indicator's status in a sub-group, for one year or the whole period."""

from urllib.parse import urlencode

import pandas as pd
from dash import dcc, html

from dashboard.charts import BAND_COLOURS, LIGHT_MARKS
from dashboard.formatting import number, percent
from dashboard.i18n import t
from indicators.vocabulary import BAND_LABELS, KIND_LABELS, label


def _indicator_href(plan: str | None, code: str, lang: str) -> str:
    params = {"plan": plan, "code": code, "lang": "en" if lang == "en" else None}
    return "/indikator?" + urlencode({k: v for k, v in params.items() if v})


def _amount(value, kind: str, unit: str, lang: str) -> str:
    if value is None or value != value:
        return "-"
    if kind == "milestone":
        return t("done", lang) if value >= 1 else t("not_done", lang)
    if kind == "percentage":
        return percent(value, lang)
    return f"{number(value, lang)} {unit}".strip()


def status_table(
    rows: pd.DataFrame, lang: str, table_id: str, plan: str | None = None
) -> html.Table:
    """One row per indicator: target to date, achieved, capaian % and band with its mark."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(key, lang))
                for key in (
                    "col_code",
                    "col_indicator",
                    "col_kind",
                    "col_expected",
                    "col_realised",
                    "col_capaian",
                    "col_band",
                    "col_reporters",
                )
            ]
        )
    )
    body = []
    for r in rows.itertuples(index=False):
        band_text = f"{LIGHT_MARKS[r.light]} {label(BAND_LABELS, r.band, lang)}"
        body.append(
            html.Tr(
                [
                    html.Td(
                        dcc.Link(r.code, href=_indicator_href(plan, r.code, lang)),
                        className="code",
                    ),
                    html.Td(r.statement, className="statement"),
                    html.Td(label(KIND_LABELS, r.kind, lang)),
                    html.Td(_amount(r.expected, r.kind, r.unit, lang), className="num"),
                    html.Td(_amount(r.realised, r.kind, r.unit, lang), className="num"),
                    html.Td(percent(r.capaian, lang), className="num"),
                    html.Td(
                        band_text,
                        className=f"band band-{r.band}",
                        style={"borderLeft": f"6px solid {BAND_COLOURS.get(r.band, '#BBBBBB')}"},
                    ),
                    html.Td(r.reporters or "-"),
                ],
                **{"data-code": r.code, "data-band": r.band},
            )
        )
    return html.Table([head, html.Tbody(body)], id=table_id, className="status-table")
