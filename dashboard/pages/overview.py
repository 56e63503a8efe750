"""Ringkasan / Overview: each bidang's progress per year and every indicator's status."""

import dash
from dash import dcc, html

from dashboard import store
from dashboard.auth import public_view
from dashboard.charts import subgroups_figure
from dashboard.components.demo_notice import demo_notice
from dashboard.components.described import described
from dashboard.components.filters import (
    ALL_PLANS,
    Chosen,
    page_filters,
    read_all_plans,
    view_notes,
)
from dashboard.components.grid import grid, number_format
from dashboard.components.shell import no_plan_page, shell
from dashboard.components.status_table import chart_key, status_table
from dashboard.formatting import number as formatted
from dashboard.formatting import percent
from dashboard.i18n import pick_lang, t
from indicators import bands
from indicators.compliance import compliance_table, expected_count
from indicators.disclosure import threshold
from indicators.queries import (
    get_plan,
    has_demo_data,
    plan_release,
    plan_status,
    status_for,
    subgroup_summary,
)
from indicators.summary import national_status
from indicators.vocabulary import shorten

dash.register_page(__name__, path="/", name="nav_overview", title="radtrack", order=0)

FILTERS = ("plan", "year", "quarter", "subgroup", "agency")


def layout(lang: str = "id", plan: str | None = None, **query):
    """The page for `plan` (default: the first) with the filters of the URL (default: the whole
    period, every bidang and agency)."""
    lang = pick_lang(lang)
    query = {"plan": plan, **query}
    if plan == ALL_PLANS:
        return national_layout(lang, query)
    with store.session() as s:
        found = get_plan(s, plan)
        if found is None:
            return no_plan_page(lang, "/", query)
        demo = has_demo_data(s, found)
        pick, bar = page_filters(s, found, query, FILTERS, lang)
    body = [
        html.H1(t("overview_title", lang)),
        html.P(found.title, id="plan-title", className="plan-title"),
        html.P(
            [html.Strong(t("catalogue_source", lang) + ": "), found.citation],
            className="citation",
        ),
        demo_notice(lang) if demo else None,
        bar,
        view_notes(pick, lang),
        html.Div(bidang_sections(found.code, pick, lang), id="bidang-sections"),
        html.P(t("bands_source", lang), className="footnote"),
    ]
    return shell(lang, "/", query, body)


def summary_section(rows, compliance, plan_code: str, year: int | None, lang: str):
    """Counts per band, the five lowest-achieving reported indicators, reporting completeness."""
    counts = bands.rollup(zip(rows["band"], rows["capaian"], strict=True))
    band_list = html.Ul(
        [
            html.Li(
                f"{bands.ALL[key].mark} {bands.label(key, lang)}: {int(counts.get(key, 0))}",
                **{"data-band": key},
            )
            for key in bands.shown(lambda k: counts.get(k, 0))
        ],
        id="band-counts",
        className="band-counts",
    )
    # the lowest five of those below target: an indicator at 100 % is not among the lowest
    worst = rows[rows["capaian"].notna() & (rows["capaian"] < 100)].nsmallest(5, "capaian")
    worst_list = html.Ol(
        [
            html.Li(
                [
                    dcc.Link(
                        r.code,
                        href=f"/indikator?plan={plan_code}&code={r.code}"
                        + ("&lang=en" if lang == "en" else ""),
                    ),
                    f" {percent(r.capaian, lang)}: {shorten(r.statement, 90)}",
                ]
            )
            for r in worst.itertuples()
        ],
        id="worst-off",
    )
    if not len(worst):
        worst_list = html.P(t("summary_worst_none", lang), id="worst-off")
    if year is not None:
        compliance = compliance[compliance["year"] == year]
    done, expected = expected_count(compliance)
    share = percent(done / expected * 100, lang) if expected else "-"
    # completeness counts what the status tables count: indicators with a report in the view
    total = counts["indicators"]
    reported = counts["reported"]
    indicator_share = percent(reported / total * 100, lang) if total else "-"
    return html.Section(
        [
            html.Div([html.H2(t("summary_bands", lang)), band_list], className="summary-box"),
            html.Div([html.H2(t("summary_worst", lang)), worst_list], className="summary-box"),
            html.P(
                t("summary_completeness", lang, done=reported, due=total, share=indicator_share),
                id="completeness",
            ),
            html.P(
                t("summary_agency_reports", lang, done=done, due=expected, share=share),
                id="agency-reports",
            ),
        ],
        id="overview-summary",
        className="overview-summary",
    )


def bidang_sections(plan_code: str, pick: Chosen, lang: str) -> list:
    """The summary, one chart with a panel per bidang, then one section per bidang with its
    status table."""
    with store.session() as s:
        plan = get_plan(s, plan_code)
        public = public_view()
        # A triwulan's rows are computed for it alone: every year's status is not needed then
        # (after a load it would be computed again for nothing)
        by_quarter = pick.year is not None and pick.quarter is not None
        known = None if by_quarter else plan_status(s, plan, pick.agency, public)
        summary = None if known is None else known.subgroup_years
        rows = status_for(s, plan, known, pick.year, pick.agency, pick.quarter, public)
        k = threshold(plan)
        sensitive = sorted(plan_release(s, plan).sensitive) if public else []
        compliance = compliance_table(s, plan)
    if pick.subgroup:
        rows = rows[rows["subgroup_number"] == pick.subgroup]
    if pick.agency:
        compliance = compliance[compliance["agency"] == pick.agency]
    groups = list(rows.groupby("subgroup_number", sort=True))
    names = {int(number): group["subgroup"].iloc[0] for number, group in groups}
    if pick.year is not None:  # the chart shows what the filters chose, as every other widget
        label = str(pick.year) + (f" TW {pick.quarter}" if pick.quarter else "")
        summary = subgroup_summary(rows.assign(year=label))
    # one chart per bidang, side by side where the screen is wide and one per row on a phone
    # (a grid of panels in one figure cannot rearrange itself), on one scale, one colour key
    tallest = int(summary["indicators"].max()) if len(summary) else 1
    charts = []
    for number, name in names.items():
        mine = summary[summary["subgroup_number"] == number]
        figure = subgroups_figure(mine, {number: name}, lang, tallest)
        graph = dcc.Graph(
            id=f"bidang-chart-{number}",
            figure=figure,
            config={
                "displaylogo": False,
                "responsive": True,
                "toImageButtonOptions": {"format": "png"},
            },
            style={"height": f"{figure['layout']['height']}px"},  # no jump on drawing
        )
        charts.append(_described_bidang(graph, number, mine, lang))
    note = t("suppression_note", lang, codes=", ".join(sensitive), k=k) if sensitive else None
    sections = [
        html.P(note, id="suppression-note", className="footnote") if note else None,
        summary_section(rows, compliance, plan_code, pick.year, lang),
        html.Section(
            [
                html.H2(t("chart_title", lang), className="chart-title"),
                html.Div(charts, className="chart-grid"),
                chart_key(lang),
            ],
            id="bidang-charts",
            className="bidang-charts",
        ),
    ]
    for number, group in groups:
        name = group["subgroup"].iloc[0]
        reported = int((group["band"] != "no_report").sum())
        sections.append(
            html.Section(
                [
                    html.H2(
                        dcc.Link(
                            f"{t('bidang', lang)} {number}: {name}",
                            href=f"/bidang?plan={plan_code}&bidang={number}"
                            + ("&lang=en" if lang == "en" else ""),
                        )
                    ),
                    html.P(
                        t("indicators_reported", lang, reported=reported, total=len(group)),
                        className="coverage",
                    ),
                    status_table(group, lang, f"status-table-{number}", plan_code, k),
                ],
                id=f"bidang-{number}",
                className="bidang",
            )
        )
    return sections


def _described_bidang(graph, number: int, summary, lang: str):
    """One bidang's chart with its sentence (the last period shown) and its table (every
    period): counts per state and the mean capaian, the numbers the bars and line draw."""
    keys = bands.shown(lambda k: k in summary and summary[k].sum() > 0)  # as the chart draws
    rows = [
        [
            str(r["year"]),
            int(r["indicators"]),
            int(r["reported"]),
            *(int(r[k]) for k in keys),
            percent(r["mean_capaian"], lang),
        ]
        for _, r in summary.iterrows()
    ]
    head = [
        t("col_period", lang),
        t("col_indicators", lang),
        t("col_reported", lang),
        *(bands.label(k, lang) for k in keys),
        t("col_mean_capaian", lang),
    ]
    if len(summary):
        last = summary.iloc[-1]
        parts = "; ".join(f"{int(last[k])} {bands.label(k, lang)}" for k in keys if last[k])
        sentence = t(
            "chart_bidang_summary",
            lang,
            bidang=f"{t('bidang', lang)} {number}",
            period=str(last["year"]),
            indicators=int(last["indicators"]),
            reported=int(last["reported"]),
            bands=parts or t("chart_none", lang),
            mean=percent(last["mean_capaian"], lang),
        )
    else:
        sentence = f"{t('bidang', lang)} {number}: {t('chart_none', lang)}."
    return described(graph, f"bidang-chart-{number}", sentence, head, rows, lang, "bidang-chart")


def national_layout(lang: str, query: dict):
    """Every plan in the store on one page, from the materialised summaries."""
    public = public_view()
    view = read_all_plans(query, lang, lambda s, year: national_status(s, year, public))
    if view is None:
        return no_plan_page(lang, "/", query)
    bar, table, demo = view.bar, view.table, view.demo
    suffix = "&lang=en" if lang == "en" else ""
    table["link"] = [f"[{code}](/?plan={code}{suffix})" for code in table["plan"]]
    totals = t(
        "national_totals",
        lang,
        plans=len(table),
        indicators=formatted(int(table["indicators"].sum()), lang),
        reported=formatted(int(table["reported"].sum()), lang),
    )
    band_columns = [
        (key, "col_band_" + key, {"valueFormatter": number_format(lang, 0)})
        for key in bands.shown(lambda k: k in table and table[k].sum() > 0)
    ]
    columns = [
        ("link", "col_plan", {"cellRenderer": "markdown", "pinned": "left"}),
        ("title", "col_title", {}),
        ("indicators", "col_indicators", {"valueFormatter": number_format(lang, 0)}),
        ("reported", "col_reported", {"valueFormatter": number_format(lang, 0)}),
        *band_columns,
        ("mean_capaian", "col_mean_capaian", {"valueFormatter": number_format(lang, 1, "%")}),
    ]
    body = [
        html.H1(t("national_title", lang)),
        demo_notice(lang) if demo else None,
        bar,
        html.P(totals, id="national-totals"),
        html.P(t("national_help", lang), className="footnote"),
        grid(table, columns, lang, "national-grid", height=560),
        html.P(t("bands_source", lang), className="footnote"),
    ]
    return shell(lang, "/", query, body)
