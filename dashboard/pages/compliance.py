"""Kepatuhan pelaporan / Reporting compliance: agencies x years, and the list of what to chase."""

import dash
from dash import html

from dashboard import store
from dashboard.auth import current_actor
from dashboard.components.demo_notice import demo_notice
from dashboard.components.filters import ALL_PLANS, page_filters, read_all_plans
from dashboard.components.grid import grid, number_format
from dashboard.components.shell import no_plan_page, shell
from dashboard.i18n import pick_lang, t
from indicators.compliance import compliance_table, due_rule_text, to_chase
from indicators.queries import get_plan, has_demo_data
from indicators.summary import national_compliance

dash.register_page(
    __name__, path="/kepatuhan", name="nav_compliance", title="radtrack - kepatuhan", order=4
)

MARKS = {
    "on_time": "●",
    "late": "▲",
    "submitted": "◐",
    "returned": "✕",
    "missing": "■",
    "not_due": "○",
    "not_expected": "·",
}
DEMO_MARK = "◇"


FILTERS = ("plan", "year", "agency")


def layout(lang: str = "id", plan: str | None = None, **query):
    """The grid for `plan` (default: the first plan), narrowed to the URL's year and agency."""
    lang = pick_lang(lang)
    query = {"plan": plan, **query}
    if plan == ALL_PLANS:
        return national_layout(lang, query)
    with store.session() as s:
        found = get_plan(s, plan)
        if found is None:
            return no_plan_page(lang, "/kepatuhan", query)
        table = compliance_table(s, found)
        actor = current_actor()
        demo = has_demo_data(s, found)
        pick, bar = page_filters(s, found, query, FILTERS, lang)
    years = list(range(found.start_year, found.end_year + 1))
    if pick.year:
        years = [pick.year]
        table = table[table["year"] == pick.year]
    if pick.agency:
        table = table[table["agency"] == pick.agency]
    matrix = table["indicators"].notna().any()
    head = html.Tr([html.Th(t("col_agency", lang))] + [html.Th(str(y)) for y in years])
    rows = []
    for agency, group in table.groupby("agency", sort=True):
        name = [agency]
        if matrix:
            most = group.loc[group["indicators"].idxmax()]
            name.append(
                html.Small(
                    f" {int(most.indicators)} ({int(most.leads)})",
                    title=t("col_responsible", lang),
                    className="responsible",
                )
            )
        cells = [html.Td(name, title=group["agency_name"].iloc[0])]
        for r in group.itertuples():
            label = f"{MARKS[r.state]} {t('state_' + r.state, lang)}"
            if r.demo:
                label = f"{label} {DEMO_MARK}"
            cells.append(
                html.Td(
                    label,
                    className=f"state state-{r.state}" + (" state-demo" if r.demo else ""),
                    # an upload waiting or sent back, and the secretariat's reason, are between
                    # the agency and the secretariat: shown to them only
                    title=""
                    if r.state in ("submitted", "returned")
                    and not (actor.is_admin or actor.agency == agency)
                    else r.file or "",
                    **{"data-state": r.state, "data-demo": "1" if r.demo else "0"},
                )
            )
        rows.append(html.Tr(cells, id=f"compliance-{agency}"))
    chase = to_chase(table)
    items = [
        html.Li(
            t("chase_returned", lang, agency=r.agency, year=r.year)
            if r.state == "returned"
            else t("chase_item", lang, agency=r.agency, year=r.year, due=r.due.isoformat())
        )
        for r in chase.itertuples()
    ]
    rule = t(
        "compliance_rule",
        lang,
        rule=due_rule_text(found, lang),
        who=t("compliance_who_matrix" if matrix else "compliance_who_region", lang),
    )
    body = [
        html.H1(t("compliance_title", lang)),
        html.P(found.title, className="plan-title"),
        demo_notice(lang) if demo else None,
        bar,
        html.Table([html.Thead(head), html.Tbody(rows)], id="compliance-grid", className="grid"),
        html.P(rule, className="footnote", id="compliance-rule"),
        html.P(t("compliance_demo", lang), className="footnote") if demo else None,
        html.H2(t("chase_title", lang)),
        html.Ul(items, id="chase-list")
        if items
        else html.P(t("chase_none", lang), id="chase-list"),
    ]
    return shell(lang, "/kepatuhan", query, body)


def national_layout(lang: str, query: dict):
    """Per plan and year: the plan's agencies and how many sent a counted report."""
    # counted submissions, read live: no summary to bring up to date
    view = read_all_plans(query, lang, national_compliance, summaries=False)
    if view is None:
        return no_plan_page(lang, "/kepatuhan", query)
    bar, table = view.bar, view.table
    whole = number_format(lang, 0)
    columns = [
        ("plan", "col_plan", {"pinned": "left"}),
        ("year", "year", {}),
        ("agencies", "col_agencies", {"valueFormatter": whole}),
        ("reported", "col_reported", {"valueFormatter": whole}),
        ("share", "col_share", {"valueFormatter": number_format(lang, 1, "%")}),
    ]
    body = [
        html.H1(t("compliance_title", lang) + " - " + t("all_plans", lang)),
        bar,
        grid(table, columns, lang, "national-compliance", height=560),
        html.P(t("compliance_rule_all", lang), className="footnote"),
    ]
    return shell(lang, "/kepatuhan", query, body)
