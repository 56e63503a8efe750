"""The narratives of a bidang (faktor pendorong, penghambat, tindak lanjut) on its page: read by
signed-in readers with their origin (file, sheet, row, or the dashboard, by whom), written by the
secretariat (admins; checked again in the callback). Not for anonymous visitors: agencies write
case details in them."""

from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import store
from dashboard.auth import current_actor
from dashboard.i18n import pick_lang, t
from indicators import narrative
from indicators.narrative import Texts
from indicators.queries import get_plan


def narrative_list(plan_code: str, number: int, year: int | None, lang: str) -> html.Div:
    with store.session() as s:
        table = narrative.current(s, get_plan(s, plan_code), year, include_demo=True)
    table = table[table["subgroup"] == number]
    if table.empty:
        return html.Div(html.P(t("narrative_none", lang)), id="narrative-list")
    items = []
    for r in table.itertuples():
        period = f"{r.year}" + (
            f" TW {int(r.quarter)}" if r.quarter == r.quarter and r.quarter else ""
        )
        who = r.agency or t("secretariat", lang)
        head = f"{period} · {who}" + (f" · {r.indicator}" if r.indicator else "")
        parts = [html.Strong(head)]
        for key in narrative.FIELDS:
            text = getattr(r, key)
            if text:
                parts += [html.Br(), f"{t('narrative_' + key, lang)}: {text}"]
        source = r.source if r.source != "dasbor" else t("narrative_dashboard", lang, by=r.by)
        parts += [html.Br(), html.Small(source + (" · DEMO" if r.demo else ""))]
        items.append(html.Li(parts))
    return html.Div(html.Ul(items), id="narrative-list")


def narrative_section(plan, number: int, year: int | None, lang: str, admin: bool) -> list:
    """The bidang's narratives, and for admins the form to write the secretariat's."""
    years = list(range(plan.start_year, plan.end_year + 1))
    section = [
        html.H2(t("narrative_title", lang)),
        narrative_list(plan.code, number, year, lang),
    ]
    if admin:
        area = {"style": {"width": "100%", "height": "4.5rem"}}
        section.append(
            html.Details(
                [
                    html.Summary(t("narrative_write", lang)),
                    dcc.Store(
                        id="narrative-args",
                        data={"plan": plan.code, "bidang": number, "lang": lang},
                    ),
                    html.Label(t("year", lang), htmlFor="narrative-year"),
                    dcc.Dropdown(
                        id="narrative-year",
                        options=[{"label": str(y), "value": y} for y in years],
                        value=year or years[-1],
                        clearable=False,
                    ),
                    *[
                        html.Div(
                            [
                                html.Label(t("narrative_" + key, lang), htmlFor=f"narrative-{key}"),
                                dcc.Textarea(id=f"narrative-{key}", **area),
                            ]
                        )
                        for key in narrative.FIELDS
                    ],
                    html.Button(
                        t("agency_save", lang), id="narrative-save", className="btn btn-primary"
                    ),
                    html.Div(id="narrative-result", role="status"),
                ],
                id="narrative-form",
            )
        )
    return section


# registered by dashboard.pages.subgroup: a page module is run for every app (a component
# module only once per process, so its own @callback would reach the first app only)
SAVE_CALLBACK = (
    Output("narrative-result", "children"),
    Output("narrative-list", "children"),
    Input("narrative-save", "n_clicks"),
    State("narrative-year", "value"),
    State("narrative-pendorong", "value"),
    State("narrative-penghambat", "value"),
    State("narrative-tindak_lanjut", "value"),
    State("narrative-args", "data"),
)


def save_narrative(clicks, year, pendorong, penghambat, tindak_lanjut, args):
    """Keep the secretariat's text for the bidang and year (admins only), audited; an earlier
    one stays as history."""
    actor = current_actor()
    if not clicks or not actor.is_admin or not isinstance(args, dict):
        raise PreventUpdate
    lang = pick_lang(args.get("lang"))
    texts = Texts(pendorong or "", penghambat or "", tindak_lanjut or "").clean()
    if texts.empty:
        return html.P(t("narrative_empty", lang), className="error"), dash_no_update()
    with store.session() as s:
        plan = get_plan(s, str(args.get("plan") or ""))
        number = int(args.get("bidang") or 0)
        if (
            plan is None
            or not isinstance(year, int)
            or not plan.start_year <= year <= plan.end_year
        ):
            raise PreventUpdate
        narrative.write(s, plan, number, year, None, texts, actor.audit_name)
        s.commit()
    listed = narrative_list(plan.code, number, None, lang).children
    return html.P(t("narrative_saved", lang), id="narrative-saved"), listed


def dash_no_update():
    from dash import no_update

    return no_update
