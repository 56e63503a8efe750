"""The filter bar: plan, year, triwulan, bidang and agency. Every filter lives in the URL, so a
view can be shared as a link; changing one rewrites the URL and the page redraws from it."""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html, no_update

from dashboard import store
from dashboard.auth import visible_codes
from dashboard.i18n import t
from indicators.models import Plan
from indicators.queries import (
    has_demo_data,
    list_plans,
    list_subgroups,
    plan_agencies,
    plan_codes,
)
from indicators.summary import refresh_stale

ANY = "all"
ALL_PLANS = "semua"  # plan=semua: every plan in the store together (the all-plans views)
QUARTERS = ("I", "II", "III", "IV")
# filter key -> URL parameter
PARAMS = {"plan": "plan", "year": "year", "quarter": "tw", "subgroup": "bidang", "agency": "agency"}


@dataclass(frozen=True)
class AllPlans:
    """Stands in for a plan in the all-plans views: the years any plan covers."""

    start_year: int
    end_year: int
    code: str = ALL_PLANS


def all_plans(plans: list[Plan]) -> AllPlans:
    """The all-plans stand-in for `plans` (at least one)."""
    return AllPlans(min(p.start_year for p in plans), max(p.end_year for p in plans))


@dataclass(frozen=True)
class Chosen:
    """The filters of a URL, checked against the plan (anything unknown is dropped)."""

    year: int | None = None
    quarter: int | None = None
    subgroup: int | None = None
    agency: str | None = None


def _int(value) -> int | None:
    return int(value) if value is not None and str(value).isdigit() else None


def chosen(query: dict, plan: Plan, subgroups: list[int] = (), agencies: list[str] = ()) -> Chosen:
    """The valid filters of `query` for `plan`; a triwulan only counts with a year."""
    year = _int(query.get("year"))
    year = year if year is not None and plan.start_year <= year <= plan.end_year else None
    quarter = _int(query.get("tw"))
    quarter = quarter if year is not None and quarter in (1, 2, 3, 4) else None
    subgroup = _int(query.get("bidang") or query.get("n"))
    subgroup = subgroup if subgroup in subgroups else None
    agency = query.get("agency")
    agency = agency if agency in agencies else None
    return Chosen(year, quarter, subgroup, agency)


def _dropdown(key: str, lang: str, options: list[dict], value) -> dbc.Col:
    label = t(f"filter_{key}", lang)
    return dbc.Col(
        [
            html.Label(label, htmlFor=f"filter-{key}", className="form-label"),
            dcc.Dropdown(
                # "shown" is the value the page was drawn with: only a change from it is news.
                id={"type": "filter", "key": key, "shown": value},
                options=options,
                value=value,
                clearable=False,
                searchable=len(options) > 8,
                className="filter-dropdown",
            ),
        ],
        xs=12,
        sm=6,
        lg=True,
        id=f"filter-{key}",
    )


def filter_bar(
    lang: str,
    plan: Plan,
    pick: Chosen,
    keys: tuple[str, ...],
    plans: list[str] = (),
    subgroups: list[tuple[int, str]] = (),
    agencies: list[tuple[str, str]] = (),
) -> dbc.Row:
    """Dropdowns for `keys` (of plan, year, quarter, subgroup, agency) showing `pick`."""
    everything = {"label": t("filter_all", lang), "value": ANY}
    columns = []
    for key in keys:
        if key == "plan":
            options = [{"label": code, "value": code} for code in plans]
            if len(plans) > 1:
                options.insert(0, {"label": t("all_plans", lang), "value": ALL_PLANS})
            value = plan.code
        elif key == "year":
            years = range(plan.start_year, plan.end_year + 1)
            options = [{"label": t("whole_period", lang), "value": ANY}] + [
                {"label": str(y), "value": str(y)} for y in years
            ]
            value = str(pick.year) if pick.year else ANY
        elif key == "quarter":
            options = [{"label": t("whole_year", lang), "value": ANY}] + [
                {"label": f"TW {roman}", "value": str(n), "disabled": pick.year is None}
                for n, roman in enumerate(QUARTERS, start=1)
            ]
            value = str(pick.quarter) if pick.quarter else ANY
        elif key == "subgroup":
            options = [everything] + [
                {"label": f"{n}. {name}", "value": str(n)} for n, name in subgroups
            ]
            value = str(pick.subgroup) if pick.subgroup else ANY
        else:
            options = [everything] + [
                {"label": f"{code} - {name}", "value": code} for code, name in agencies
            ]
            value = pick.agency or ANY
        columns.append(_dropdown(key, lang, options, value))
    return dbc.Row(columns, className="filter-bar g-2 mb-3", id="filter-bar")


def page_filters(session, plan: Plan, query: dict, keys: tuple[str, ...], lang: str):
    """The URL's valid filters for `plan` and the bar showing `keys`: (Chosen, bar)."""
    plans = plan_codes(session) if "plan" in keys else []
    codes = visible_codes()
    if codes is not None:  # anonymous visitors choose among published plans only
        plans = [code for code in plans if code in codes]
    if isinstance(plan, AllPlans):
        subgroups, agencies = [], []
    else:
        subgroups = list_subgroups(session, plan)
        agencies = [(a.code, a.name) for a in plan_agencies(session, plan)]
    pick = chosen(query, plan, [n for n, _ in subgroups], [c for c, _ in agencies])
    return pick, filter_bar(lang, plan, pick, keys, plans, subgroups, agencies)


@dataclass(frozen=True)
class AllPlansView:
    """What an all-plans page shows: the filters chosen, their bar, the table (published plans
    only, for anonymous visitors) and whether demo data is among the figures."""

    pick: Chosen
    bar: dbc.Row
    table: pd.DataFrame
    demo: bool


def read_all_plans(query: dict, lang: str, read, summaries: bool = True) -> AllPlansView | None:
    """An all-plans page's table: `read(session, year)`, after bringing the materialised
    summaries up to date when it reads them; None when the store holds no plan."""
    with store.session() as s:
        plans = list_plans(s)
        if not plans:
            return None
        pick, bar = page_filters(s, all_plans(plans), query, ("plan", "year"), lang)
        if summaries:
            refresh_stale(store.engine())
        table = read(s, pick.year)
        codes = visible_codes()
        if codes is not None:  # anonymous visitors: published plans only
            table = table[table["plan"].isin(codes)]
        return AllPlansView(pick, bar, table, has_demo_data(s))


def view_notes(pick: Chosen, lang: str) -> html.Div:
    """What the agency and triwulan filters change in the figures shown."""
    notes = []
    if pick.agency:
        notes.append(html.P(t("agency_view", lang, agency=pick.agency), id="agency-view"))
    if pick.quarter:
        notes.append(
            html.P(
                t("quarter_view", lang, quarter=QUARTERS[pick.quarter - 1], year=pick.year),
                id="quarter-view",
            )
        )
    return html.Div(notes, className="view-notes")


def search_with(search: str | None, keys: list[str], values: list) -> str:
    """The URL query `search` with each filter key set to its value (the 'all' choice drops
    it); other parameters (language, page arguments) are kept."""
    params = dict(parse_qsl((search or "").lstrip("?")))
    for key, value in zip(keys, values, strict=True):
        name = PARAMS[key]
        if value in (None, "", ANY):
            params.pop(name, None)
        else:
            params[name] = str(value)
        if key == "subgroup":
            params.pop("n", None)
    if "year" not in params:
        params.pop("tw", None)
    return "?" + urlencode(params) if params else ""


def follow_filters(values, ids, search):
    """Write a changed filter into the URL; the page redraws from it. Dropdowns that merely
    mounted (and report the value they were drawn with) change nothing."""
    changed = [(i["key"], v) for i, v in zip(ids, values, strict=True) if v != i["shown"]]
    if not changed:
        return no_update
    return search_with(search, [k for k, _ in changed], [v for _, v in changed])


def register(app) -> None:
    """Attach the filter callback to `app` (per app: a module-level callback would reach only
    the first app made in a process)."""
    app.callback(
        Output("url", "search"),
        Input({"type": "filter", "key": ALL, "shown": ALL}, "value"),
        State({"type": "filter", "key": ALL, "shown": ALL}, "id"),
        State("url", "search"),
        prevent_initial_call=True,
    )(follow_filters)
