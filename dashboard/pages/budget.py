"""Anggaran / Budget: pagu against realisasi anggaran per bidang, programme and agency, next to
physical achievement, for Bappeda meetings. `?view=print` fits a page, `?view=projector` a
screen; every chart downloads as PNG from its toolbar."""

from urllib.parse import urlencode

import dash
from dash import dcc, html

from dashboard import store
from dashboard.auth import public_view
from dashboard.charts import budget_figure
from dashboard.components.demo_notice import demo_notice
from dashboard.components.described import described
from dashboard.components.filters import ALL_PLANS, page_filters, read_all_plans
from dashboard.components.grid import grid, number_format
from dashboard.components.shell import no_plan_page, shell
from dashboard.formatting import percent, rupiah
from dashboard.i18n import pick_lang, t
from indicators.queries import budget_table, get_plan, has_demo_data
from indicators.summary import national_budget

dash.register_page(
    __name__, path="/anggaran", name="nav_budget", title="radtrack - anggaran", order=3
)
PNG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def _table(frame, lang: str, table_id: str, with_capaian: bool) -> html.Table:
    head = ["col_name", "col_budget", "col_spent", "col_absorption"]
    if with_capaian:
        head.append("col_mean_capaian")
    rows = []
    for r in frame.itertuples():
        cells = [
            html.Td(r.name),
            html.Td(rupiah(r.budget, lang), className="num"),
            html.Td(rupiah(r.spent, lang), className="num"),
            html.Td(percent(r.absorption, lang), className="num"),
        ]
        if with_capaian:
            cells.append(html.Td(percent(r.mean_capaian, lang), className="num"))
        rows.append(html.Tr(cells))
    return html.Table(
        [html.Thead(html.Tr([html.Th(t(k, lang)) for k in head])), html.Tbody(rows)],
        id=table_id,
        className="grid",
    )


FILTERS = ("plan", "year", "subgroup", "agency")


def _described_budget(graph, frame, lang: str):
    """The budget chart with its sentence and table: pagu, realisasi and absorption per bidang."""
    rows = [
        [f"{t('bidang', lang)} {r.key}", rupiah(r.budget, lang), rupiah(r.spent, lang),
         percent(r.absorption, lang)]
        for r in frame.itertuples()
    ]  # fmt: skip
    parts = "; ".join(f"{a} {b} / {c} ({d})" for a, b, c, d in rows)
    sentence = t("chart_budget_summary", lang, parts=parts or t("chart_none", lang))
    head = [t(k, lang) for k in ("bidang", "col_budget", "col_spent", "col_absorption")]
    return described(graph, "budget-chart", sentence, head, rows, lang)


def layout(lang: str = "id", plan: str | None = None, view: str | None = None, **query):
    """The budget page for the URL's filters; `view` is None, 'print' or 'projector'."""
    lang = pick_lang(lang)
    query = {"plan": plan, **query}
    if plan == ALL_PLANS:
        return national_layout(lang, query)
    with store.session() as s:
        found = get_plan(s, plan)
        if found is None:
            return no_plan_page(lang, "/anggaran", query)
        pick, bar = page_filters(s, found, query, FILTERS, lang)
        narrow = {"agency": pick.agency, "subgroup": pick.subgroup}
        by_subgroup = budget_table(s, found, pick.year, **narrow)
        by_programme = budget_table(s, found, pick.year, by="programme", **narrow)
        by_agency = budget_table(s, found, pick.year, by="agency", **narrow)
        demo = has_demo_data(s, found)
    chosen = pick.year
    base = {
        k: v
        for k, v in {
            "plan": plan,
            "year": pick.year,
            "bidang": pick.subgroup,
            "agency": pick.agency,
            "lang": "en" if lang == "en" else None,
        }.items()
        if v
    }
    views = html.P(
        [
            dcc.Link(t("view_normal", lang), href="/anggaran?" + urlencode(base), id="view-normal"),
            " · ",
            dcc.Link(
                t("view_print", lang),
                href="/anggaran?" + urlencode({**base, "view": "print"}),
                id="view-print",
            ),
            " · ",
            dcc.Link(
                t("view_projector", lang),
                href="/anggaran?" + urlencode({**base, "view": "projector"}),
                id="view-projector",
            ),
        ],
        className="views",
    )
    if chosen and not public_view():  # an internal planning form: signed-in readers
        form = {
            "plan": found.code,
            "year": chosen,
            **({"agency": pick.agency} if pick.agency else {}),
        }
        views.children += [
            " · ",
            html.A(
                t("download_evaluasi", lang),
                href="/download/evaluasi.xlsx?" + urlencode(form),
                id="download-evaluasi",
            ),
        ]
    period = str(chosen) if chosen else t("whole_period", lang)
    heading = html.H1(f"{t('budget_title', lang)}: {period}")
    # print: small enough that chart and table share one A4 landscape page, no toolbar;
    # projector: one chart and one table per 1280 x 720 screen, every text at least 18 px
    height, font = {"print": (250, 11), "projector": (420, 20)}.get(view, (340, 12))
    chart = _described_budget(
        dcc.Graph(
            id="budget-chart",
            config=PNG if view is None else {**PNG, "displayModeBar": False},
            figure=budget_figure(by_subgroup, lang, height, font),
            style={"height": f"{height}px"},
        ),
        by_subgroup,
        lang,
    )
    notice = demo_notice(lang) if demo else None
    if view in ("print", "projector"):
        body = html.Div(
            [
                heading,
                html.P(found.title, className="plan-title"),
                notice,
                chart,
                _table(by_subgroup, lang, "budget-subgroups", True),
                views,
            ],
            id=f"budget-{view}",
            className=f"budget-{view}",
        )
        return shell(lang, "/anggaran", {**query, "view": view}, body)  # the switch keeps it
    body = [
        heading,
        html.P(found.title, className="plan-title"),
        notice,
        bar,
        views,
        chart,
        html.H2(t("budget_by_subgroup", lang)),
        _table(by_subgroup, lang, "budget-subgroups", True),
        html.H2(t("budget_by_programme", lang)),
        _table(by_programme, lang, "budget-programmes", False),
        html.H2(t("budget_by_agency", lang)),
        _table(by_agency, lang, "budget-agencies", False),
    ]
    return shell(lang, "/anggaran", query, body)


def national_layout(lang: str, query: dict):
    """Pagu, realisasi and absorption per plan, from the materialised summaries."""
    view = read_all_plans(query, lang, national_budget)
    if view is None:
        return no_plan_page(lang, "/anggaran", query)
    pick, bar, table, demo = view.pick, view.bar, view.table, view.demo
    money = number_format(lang, 0)
    columns = [
        ("plan", "col_plan", {"pinned": "left"}),
        ("title", "col_title", {}),
        ("budget", "col_budget", {"valueFormatter": money}),
        ("spent", "col_spent", {"valueFormatter": money}),
        ("absorption", "col_absorption", {"valueFormatter": number_format(lang, 1, "%")}),
    ]
    period = str(pick.year) if pick.year else t("whole_period", lang)
    body = [
        html.H1(f"{t('budget_title', lang)}: {period} - {t('all_plans', lang)}"),
        demo_notice(lang) if demo else None,
        bar,
        grid(table, columns, lang, "national-budget", height=560),
    ]
    return shell(lang, "/anggaran", query, body)
