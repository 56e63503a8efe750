"""Tidy tables from the store, for the dashboard, the templates and the exports.

Every function takes a session and returns plain rows or a pandas DataFrame; no caller needs SQL.
"""

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import defer
from sqlmodel import Session, func, select

from indicators import bands, disclosure
from indicators.lru import Lru
from indicators.models import (
    Achievement,
    Activity,
    Agency,
    ContextFigure,
    Indicator,
    Kind,
    Plan,
    Programme,
    SubGroup,
    Submission,
    SubmissionStatus,
    SummaryState,
)
from indicators.progress import (
    IndicatorSpec,
    Observation,
    expected_target,
    planner_target,
    realised_value,
    status_for_period,
    status_for_quarter,
    status_for_year,
    whole_unit,
    year_target,
)


def get_plan(session: Session, code: str | None = None) -> Plan | None:
    """The plan with `code`, or the first plan by code when none is given."""
    query = select(Plan).order_by(Plan.code)
    if code:
        query = query.where(Plan.code == code)
    return session.exec(query).first()


def list_plans(session: Session) -> list[Plan]:
    """Every plan, by code."""
    return list(session.exec(select(Plan).order_by(Plan.code)))


def plan_codes(session: Session) -> list[str]:
    """Every plan's code, sorted: what a plan chooser needs, without loading whole plans."""
    return list(session.exec(select(Plan.code).order_by(Plan.code)))


def list_agencies(session: Session) -> list[Agency]:
    """Every agency, by code."""
    return list(session.exec(select(Agency).order_by(Agency.code)))


def plan_agencies(session: Session, plan: Plan) -> list[Agency]:
    """The agencies of `plan`: those of its region and any that reported for it, by code."""
    reported = select(Submission.agency_id).where(Submission.plan_id == plan.id).distinct()
    query = (
        select(Agency)
        .where((Agency.region_code == plan.region_code) | Agency.id.in_(reported))
        .order_by(Agency.code)
    )
    return list(session.exec(query))


def list_subgroups(session: Session, plan: Plan) -> list[tuple[int, str]]:
    """(number, name) of every sub-group of `plan` that holds a current indicator, in order
    (a bidang a catalogue revision emptied keeps only retired indicators: not a current view)."""
    current = (
        select(Indicator.id)
        .join(Activity, Indicator.activity_id == Activity.id)
        .join(Programme, Activity.programme_id == Programme.id)
        .where(Programme.subgroup_id == SubGroup.id, Indicator.retired_at.is_(None))
        .exists()
    )
    query = select(SubGroup.number, SubGroup.name).where(SubGroup.plan_id == plan.id, current)
    return [tuple(row) for row in session.exec(query.order_by(SubGroup.number))]


def spec_for(indicator: Indicator, plan: Plan) -> IndicatorSpec:
    """The progress-rule view of an indicator."""
    return IndicatorSpec(
        kind=indicator.kind,
        target=indicator.target,
        start_year=plan.start_year,
        end_year=plan.end_year,
        direction=indicator.direction,
        year_targets=indicator.year_targets,
        unit=indicator.unit or "",
    )


def indicator_rows(session: Session, plan: Plan) -> list[dict]:
    """Every indicator of `plan` with its sub-group, programme and activity, in RAD order."""
    # The indicator as an object (the progress rules read it); its parents' names as plain
    # columns, which cost a fraction of three more objects a row.
    query = (
        select(
            Indicator,
            SubGroup.number,
            SubGroup.name,
            Programme.letter,
            Programme.name,
            Activity.number,
            Activity.name,
        )
        .join(Activity, Indicator.activity_id == Activity.id)
        .join(Programme, Activity.programme_id == Programme.id)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .where(Indicator.plan_id == plan.id, Indicator.retired_at.is_(None))
        .order_by(Indicator.position)
    )
    rows = []
    for ind, sg_number, sg_name, prog_letter, prog_name, act_number, act_name in session.exec(
        query
    ):
        rows.append(
            {
                "indicator": ind,
                "indicator_id": ind.id,
                "code": ind.code,
                "statement": ind.statement,
                "unit": ind.unit,
                "kind": ind.kind.value,
                "direction": ind.direction.value,
                "target": ind.target,
                "subgroup_number": sg_number,
                "subgroup": sg_name,
                "programme_letter": prog_letter,
                "programme": prog_name,
                "activity_number": act_number,
                "activity": act_name,
            }
        )
    return rows


def observations(
    session: Session, plan: Plan, include_demo: bool = True, agency: str | None = None
) -> dict[int, list[Observation]]:
    """Every counted value of `plan`, grouped by indicator id (demo values only if asked; one
    agency's only when `agency` is given)."""
    query = (
        select(
            Achievement.indicator_id,
            Achievement.year,
            Achievement.quarter,
            Achievement.semester,
            Achievement.value,
            Agency.code,
        )
        .join(Indicator, Achievement.indicator_id == Indicator.id)
        .join(Agency, Achievement.agency_id == Agency.id)
        .where(Indicator.plan_id == plan.id)
    )
    if not include_demo:
        query = query.where(Achievement.is_demo == False)  # noqa: E712  (SQL comparison)
    if agency:
        query = query.where(Agency.code == agency)
    grouped: dict[int, list[Observation]] = defaultdict(list)
    for indicator_id, year, quarter, semester, value, agency in session.exec(query):
        # progress reads a figure by the triwulan its period ends with: a semester's is 2 or 4
        ends = quarter if quarter is not None else (2 * semester if semester else None)
        grouped[indicator_id].append(Observation(year, value, agency, ends))
    return grouped


def has_real_reports(session: Session, plan: Plan) -> bool:
    """Whether any counted submission of `plan` is a real (non-demo) report."""
    query = select(Submission.id).where(
        Submission.plan_id == plan.id,
        Submission.status == SubmissionStatus.LOADED,
        Submission.is_demo == False,  # noqa: E712  (SQL comparison)
    )
    return session.exec(query.limit(1)).first() is not None


def has_demo_data(session: Session, plan: Plan | None = None) -> bool:
    """Whether any counted submission (of `plan`) is demo data."""
    query = select(Submission.id).where(
        Submission.is_demo == True,  # noqa: E712  (SQL comparison)
        Submission.status == SubmissionStatus.LOADED,
    )
    if plan is not None:
        query = query.where(Submission.plan_id == plan.id)
    return session.exec(query.limit(1)).first() is not None


STATUS_COLUMNS = [
    "subgroup_number",
    "subgroup",
    "programme_letter",
    "programme",
    "activity_number",
    "activity",
    "code",
    "statement",
    "unit",
    "kind",
    "target",
    "year",
    "expected",
    "realised",
    "capaian",
    "band",
    "light",
    "reporters",
]


def status_table(
    session: Session,
    plan: Plan,
    year: int | None = None,
    include_demo: bool = True,
    agency: str | None = None,
    quarter: int | None = None,
    public: bool = False,
) -> pd.DataFrame:
    """One row per indicator: expected target, realised value, capaian and band.

    `year` None means the whole plan period (see progress.status_for_period); `quarter` with a
    year means the end of that triwulan (progress.status_for_quarter). With `agency`, only that
    agency's figures count, against the whole target: its contribution. `public`: as anonymous
    visitors see it (indicators.disclosure).
    """
    rows = indicator_rows(session, plan)
    obs = observations(session, plan, include_demo, agency)
    table = _status_records(plan, rows, obs, [year], quarter)
    if public:
        table = withhold(table, plan_release(session, plan), agency, quarter, include_demo)
    return table


def _status_records(plan: Plan, rows: list[dict], obs: dict, years: list, quarter=None):
    """The status rows of every indicator in `rows` for each of `years` (None: whole period)."""
    records = []
    specs = [spec_for(row["indicator"], plan) for row in rows]
    bases = [{k: row[k] for k in STATUS_COLUMNS[:11]} for row in rows]
    for year in years:
        for row, spec, base in zip(rows, specs, bases, strict=True):
            values = obs.get(row["indicator_id"], [])
            if year is None:
                st = status_for_period(spec, values)
                reporters = {o.agency for o in values if o.value is not None}
            elif quarter is not None:
                st = status_for_quarter(spec, values, year, quarter)
                reporters = {
                    o.agency
                    for o in values
                    if o.year == year and o.quarter is not None and o.quarter <= quarter
                    if o.value is not None
                }
            else:
                st = status_for_year(spec, values, year)
                reporters = {o.agency for o in values if o.year == year and o.value is not None}
            records.append(
                {
                    **base,
                    "year": year,
                    "expected": st.expected,
                    "realised": st.realised,
                    "capaian": st.capaian,
                    "band": st.band,
                    "light": st.light,
                    "reporters": ", ".join(sorted(reporters)),
                }
            )
    table = pd.DataFrame.from_records(records, columns=STATUS_COLUMNS)
    # Numbers stay numbers even when nothing was reported (all None would make them objects);
    # converted column by column, as astype on the frame would copy all of it.
    for column in ("target", "expected", "realised", "capaian"):
        if table[column].dtype != "float64":
            table[column] = table[column].astype("float64")
    return table


@dataclass(frozen=True)
class PlanStatus:
    """Every indicator's status in every plan year (`yearly`) and over the whole period
    (`period`), from one read of the catalogue and the figures."""

    yearly: pd.DataFrame
    period: pd.DataFrame
    subgroup_years: pd.DataFrame  # subgroup_year_table of `yearly`


def plan_version(session: Session, plan: Plan) -> tuple:
    """What changes whenever `plan`'s figures or catalogue change: the counter and time that
    summary.mark_stale sets in the same transaction as the change."""
    state = session.exec(
        select(SummaryState.changes, SummaryState.marked_at).where(SummaryState.plan_id == plan.id)
    ).first()
    return tuple(state) if state is not None else (0, None)


# Recent status tables by (store, plan, version, what was asked): readers of the same plan share
# one computation until its figures change. Each process keeps its own; the key comes from the
# store, so every worker agrees on what is current.
STATUS_CACHE_SIZE = 32  # a worker serves a handful of plans at a time; each entry is ~1 MB at most
_STATUS_CACHE = Lru(STATUS_CACHE_SIZE)


def _once_per_version(session: Session, plan: Plan, asked: tuple, compute):
    """compute() for `plan`, or its result from the last time the same thing was asked of the
    same version of the plan's figures."""
    # The version is read before the figures: a change committed in between makes the figures
    # newer than their key, never older.
    key = (str(session.get_bind().url), plan.id, plan_version(session, plan), *asked)
    return _STATUS_CACHE.answer(key, compute)


def _figures(session: Session, plan: Plan, agency: str | None) -> tuple[list[dict], dict]:
    """indicator_rows and observations of `plan` (demo included, as the dashboard shows them),
    read once per version of its figures; the status tables of every period derive from them."""
    return _once_per_version(
        session,
        plan,
        ("figures", agency),
        lambda: (indicator_rows(session, plan), observations(session, plan, agency=agency)),
    )


def plan_release(session: Session, plan: Plan) -> disclosure.Release:
    """What anonymous visitors may not see of `plan` (indicators.disclosure), once per version
    of its figures and catalogue."""
    return _once_per_version(session, plan, ("release",), lambda: disclosure.release(session, plan))


def withhold(
    table: pd.DataFrame,
    release: disclosure.Release,
    agency: str | None = None,
    quarter: int | None = None,
    demo: bool = True,
) -> pd.DataFrame:
    """Status rows as anonymous visitors see them: a withheld realised value takes its capaian
    and band with it (band `suppressed`). `agency`, `quarter` and `demo` say what the rows were
    computed from (one agency's figures, the end of a triwulan, demo figures counted)."""
    if not release.sensitive or table.empty:
        return table
    mask = [
        code in release.sensitive
        and release.withheld(
            code,
            ("status", agency, None if year is None or year != year else int(year), quarter, demo),
        )
        for code, year in zip(table["code"], table["year"], strict=True)
    ]
    if not any(mask):
        return table
    table = table.copy()
    hidden = pd.Series(mask, index=table.index)
    table.loc[hidden, ["realised", "capaian"]] = float("nan")
    table.loc[hidden, "band"] = disclosure.SUPPRESSED
    table.loc[hidden, "light"] = "grey"
    return table


def plan_status(
    session: Session, plan: Plan, agency: str | None = None, public: bool = False
) -> PlanStatus:
    """The status of every indicator of `plan` per year and over the period (one agency's
    contribution when `agency` is given), as anonymous visitors see it when `public`.
    Computed once per version of the plan's figures."""

    def compute():
        rows, obs = _figures(session, plan, agency)
        years = list(range(plan.start_year, plan.end_year + 1))
        yearly = _status_records(plan, rows, obs, years)
        period = _status_records(plan, rows, obs, [None])
        if public:
            release = plan_release(session, plan)
            yearly = withhold(yearly, release, agency)
            period = withhold(period, release, agency)
        return PlanStatus(yearly, period, subgroup_year_table(session, plan, yearly))

    known = _once_per_version(session, plan, ("plan_status", agency, public), compute)
    # callers may change what they get; the cached frames stay as computed
    return PlanStatus(known.yearly.copy(), known.period.copy(), known.subgroup_years.copy())


def yearly_status(session: Session, plan: Plan, agency: str | None = None) -> pd.DataFrame:
    """status_table for every plan year, stacked: one row per indicator and year."""
    return plan_status(session, plan, agency).yearly


def status_for(
    session: Session,
    plan: Plan,
    known: PlanStatus | None,
    year: int | None,
    agency: str | None = None,
    quarter: int | None = None,
    public: bool = False,
):
    """The status rows of `year` (None: the whole period; at the end of `quarter`, when given),
    taken from `known` (plan_status with the same `agency` and `public`) where it holds them;
    `known` may be None for a year and quarter (computed for them alone)."""
    if quarter is not None and year is not None:

        def compute():
            rows, obs = _figures(session, plan, agency)
            table = _status_records(plan, rows, obs, [year], quarter)
            if public:
                table = withhold(table, plan_release(session, plan), agency, quarter)
            return table

        asked = ("quarter", year, quarter, agency, public)
        return _once_per_version(session, plan, asked, compute).copy()
    if year is None:
        return known.period
    if plan.start_year <= year <= plan.end_year:
        return known.yearly[known.yearly["year"] == year]
    table = status_table(session, plan, year, agency=agency)
    return withhold(table, plan_release(session, plan), agency) if public else table


def subgroup_year_table(
    session: Session, plan: Plan, yearly: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per sub-group and plan year: indicators, how many reported, band counts, and the
    mean capaian of the reported indicators with each indicator capped at 100 % (so one
    over-achiever cannot hide the others). `yearly` is yearly_status, when already at hand."""
    return subgroup_summary(yearly_status(session, plan) if yearly is None else yearly)


def subgroup_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Status rows (any period: years, a triwulan, the whole plan; the `year` column says which)
    rolled up per sub-group and period with bands.rollup."""
    groups: dict[tuple, list] = defaultdict(list)
    columns = ("subgroup_number", "subgroup", "year", "band", "capaian")
    for number, name, year, band, value in table[list(columns)].itertuples(index=False):
        groups[(number, name, year)].append((band, value))
    records = [
        {"subgroup_number": number, "subgroup": name, "year": year, **bands.rollup(rows)}
        for (number, name, year), rows in sorted(groups.items())
    ]
    head = ["subgroup_number", "subgroup", "year", "indicators", "reported", "mean_capaian"]
    frame = pd.DataFrame.from_records(records, columns=[*head, *bands.STATE_KEYS])
    return frame.astype({"mean_capaian": "float64"})


def year_target_for(indicator: Indicator, plan: Plan, year: int) -> float | None:
    """The indicator's target for `year` alone, exactly (a cumulative target spread evenly)."""
    return year_target(spec_for(indicator, plan), year)


def planned_year_target(indicator: Indicator, plan: Plan, year: int) -> float | None:
    """The target for `year` alone as a planner writes it (what templates show): for whole
    things, the year's part of the rounded-up targets to date (24 Polsek over five years: 5, 5,
    5, 5, 4), a recurring year target rounded up; otherwise the exact target."""
    spec = spec_for(indicator, plan)
    exact = year_target(spec, year)
    if not whole_unit(indicator.unit, indicator.kind):
        return exact
    if indicator.kind == Kind.CUMULATIVE:
        to_date = expected_target(spec, year)
        before = expected_target(spec, year - 1) if year > plan.start_year else 0.0
        if to_date is None or before is None:
            return exact
        return planner_target(to_date, indicator.unit, indicator.kind)[0] - (
            planner_target(before, indicator.unit, indicator.kind)[0] if before else 0.0
        )
    return planner_target(exact, indicator.unit, indicator.kind)[0]


def context_figures(session: Session, region_code: str | None = None) -> pd.DataFrame:
    """Published context figures, each with its citation."""
    query = select(ContextFigure).order_by(
        ContextFigure.region_code, ContextFigure.measure, ContextFigure.year
    )
    if region_code:
        query = query.where(ContextFigure.region_code == region_code)
    return pd.DataFrame.from_records(
        [f.model_dump(exclude={"id"}) for f in session.exec(query)],
        columns=["region_code", "measure", "year", "value", "unit", "period", "note", "citation"],
    )


def indicator_by_code(session: Session, plan: Plan, code: str) -> dict | None:
    """One indicator of `plan` with its sub-group, programme and activity, or None."""
    return next((r for r in indicator_rows(session, plan) if r["code"] == code), None)


def indicator_years(session: Session, plan: Plan, row: dict, public: bool = False) -> pd.DataFrame:
    """Expected target, realised value, capaian and band of one indicator for every plan year."""
    years = list(range(plan.start_year, plan.end_year + 1))
    table = _status_records(plan, [row], observations(session, plan), years)
    if public:
        table = withhold(table, plan_release(session, plan))
    return table[["year", "expected", "realised", "capaian", "band"]]


SOURCE_COLUMNS = [
    "agency",
    "year",
    "quarter",
    "semester",
    "sex",
    "age_group",
    "kecamatan",
    "value",
    "withheld",
    "budget",
    "spent",
    "note",
    "file",
    "sheet",
    "row",
    "uploaded_at",
    "uploaded_by",
    "is_demo",
]


def indicator_sources(
    session: Session, row: dict, public: bool = False, plan: Plan | None = None
) -> pd.DataFrame:
    """Every counted figure of one indicator with where it came from. `public` (with `plan`):
    as anonymous visitors see it: the agency instead of the account that uploaded, and for a
    sensitive indicator one row per public cell (indicators.disclosure) without the agencies'
    notes, its value withheld where the release says so."""
    query = (
        select(Achievement, Agency.code, Submission)
        .join(Agency, Achievement.agency_id == Agency.id)
        .join(Submission, Achievement.submission_id == Submission.id)
        .where(Achievement.indicator_id == row["indicator_id"])
        .order_by(Achievement.year, Achievement.quarter, Agency.code, Achievement.id)
    )
    records = [
        {
            "agency": agency,
            "year": a.year,
            "quarter": a.quarter,
            "semester": a.semester,
            "sex": a.sex,
            "age_group": a.age_group,
            "kecamatan": a.kecamatan,
            "value": a.value,
            "withheld": False,
            "budget": a.budget,
            "spent": a.spent,
            "note": a.note,
            "file": sub.file_name,
            "sheet": a.source_sheet,
            "row": a.source_row,
            "uploaded_at": sub.uploaded_at.strftime("%Y-%m-%d %H:%M") if sub.uploaded_at else "",
            "uploaded_by": agency if public else sub.uploaded_by,
            "is_demo": bool(a.is_demo),
            "_cell": disclosure.cell_of(plan, agency, a) if public and plan else None,
        }
        for a, agency, sub in session.exec(query)
    ]
    if (
        public
        and plan is not None
        and row["code"] in (release := plan_release(session, plan)).sensitive
    ):
        records = _public_cells(records, row["code"], release)
    return pd.DataFrame.from_records(records, columns=SOURCE_COLUMNS)


def _public_cells(records: list[dict], code: str, release: disclosure.Release) -> list[dict]:
    """A sensitive indicator's figures as public cells (disclosure.merge_rows), withheld values
    blank."""
    out = []
    merged = disclosure.merge_rows(
        records, lambda r: (r["_cell"],), ("value", "budget", "spent"), "file", ("sheet", "row")
    )
    for (cell,), row in merged:
        if row["value"] is not None and release.withheld(code, cell.key()):
            row["value"], row["withheld"] = None, True
        out.append(row)
    return out


def _period_end(quarter, semester) -> int | None:
    """The triwulan a period ends with, as progress.Observation wants it (a semester: 2 or 4;
    a year: None). pandas gives NaN for none."""
    if quarter is not None and quarter == quarter:
        return int(quarter)
    if semester is not None and semester == semester:
        return 2 * int(semester)
    return None


def indicator_agency_years(
    session: Session, plan: Plan, row: dict, public: bool = False
) -> pd.DataFrame:
    """Each agency's figure of one indicator per year, read by the indicator's kind as the status
    tables read it (demo included, as the dashboard shows them); `withheld` where anonymous
    visitors may not see the sum."""
    sources = indicator_sources(session, row)
    columns = ["year", "agency", "value", "withheld"]
    if sources.empty:
        return pd.DataFrame(columns=columns)
    # each agency's year read by the indicator's own rule (progress.realised_value): counts add
    # up, a percentage or a level is its latest figure, a milestone done once is done
    spec, nan = spec_for(row["indicator"], plan), float("nan")
    records = []
    for (year, agency), group in sources.groupby(["year", "agency"], sort=True):
        seen = [
            Observation(int(year), None if v != v else v, agency, _period_end(q, sm))
            for v, q, sm in zip(group["value"], group["quarter"], group["semester"], strict=True)
        ]
        value = realised_value(spec, seen, int(year))
        records.append({"year": year, "agency": agency, "value": nan if value is None else value})
    table = pd.DataFrame(records, columns=["year", "agency", "value"])
    table["withheld"] = False
    if public:
        release = plan_release(session, plan)
        if row["code"] in release.sensitive:
            table["withheld"] = [
                release.withheld(row["code"], ("year_sum", agency, int(year), True))
                for year, agency in zip(table["year"], table["agency"], strict=True)
            ]
            table.loc[table["withheld"], "value"] = float("nan")
    return table[columns]


def budget_table(
    session: Session,
    plan: Plan,
    year: int | None = None,
    by: str = "subgroup",
    agency: str | None = None,
    subgroup: int | None = None,
    include_demo: bool = True,
):
    """Budget (pagu) against spending (realisasi anggaran), with the absorption rate, grouped
    `by` subgroup, programme or agency; for sub-groups also the mean capaian of the reported
    indicators (each capped at 100 %), so money sits next to physical achievement. `agency` and
    `subgroup` narrow it to one agency's figures or one bidang; without `include_demo`, demo
    figures are left out (the money only: the mean capaian is the dashboard's, demo included)."""
    columns = {
        "subgroup": (SubGroup.number, SubGroup.name),
        "programme": (SubGroup.number, Programme.letter, Programme.name),
        "agency": (Agency.code,),
    }[by]
    query = (
        select(*columns, func.sum(Achievement.budget), func.sum(Achievement.spent))
        .join(Indicator, Achievement.indicator_id == Indicator.id)
        .join(Activity, Indicator.activity_id == Activity.id)
        .join(Programme, Activity.programme_id == Programme.id)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .join(Agency, Achievement.agency_id == Agency.id)
        .where(Indicator.plan_id == plan.id, Indicator.retired_at.is_(None))
        .group_by(*columns)
    )
    if year is not None:
        query = query.where(Achievement.year == year)
    if agency:
        query = query.where(Agency.code == agency)
    if subgroup:
        query = query.where(SubGroup.number == subgroup)
    if not include_demo:
        query = query.where(Achievement.is_demo == False)  # noqa: E712  (SQL comparison)
    records = []
    for *key, budget, spent in session.exec(query):
        if by == "subgroup":
            key, name = key[0], f"{key[0]}. {key[1]}"
        elif by == "programme":
            key, name = f"{key[0]}.{key[1]}", f"{key[0]}.{key[1]} {key[2]}"
        else:
            key, name = key[0], key[0]
        records.append({"key": key, "name": name, "budget": budget, "spent": spent})
    grouped = pd.DataFrame.from_records(records, columns=["key", "name", "budget", "spent"])
    grouped = grouped.sort_values("key", kind="stable").reset_index(drop=True)
    grouped[["budget", "spent"]] = grouped[["budget", "spent"]].astype("float64")
    grouped["absorption"] = grouped["spent"] / grouped["budget"] * 100
    if by == "subgroup":
        status = status_for(session, plan, plan_status(session, plan, agency), year, agency)
        status = status.assign(capped=status["capaian"].clip(upper=100))
        mean = status.groupby("subgroup_number")["capped"].mean()
        grouped["mean_capaian"] = grouped["key"].map(mean)
    return grouped


def _upload_state(review: str, submission: SubmissionStatus | None) -> str:
    if review == "approved" and submission in (
        SubmissionStatus.WITHDRAWN,
        SubmissionStatus.REPLACED,
    ):
        return submission.value
    return review


def pending_table(
    session: Session, plan: Plan | None = None, agency: str | None = None, status=None
) -> pd.DataFrame:
    """Uploads by agency accounts and where they stand, newest first: submitted, returned,
    approved, or, for an approved upload that no longer counts, `withdrawn` or `replaced` (by
    a later file) as its submission now is."""
    from indicators.models import PendingUpload

    query = (
        select(PendingUpload, Agency.code, Plan.code, Submission.status)
        .options(defer(PendingUpload.data))  # the files stay in the store until one is opened
        .join(Agency, PendingUpload.agency_id == Agency.id)
        .join(Plan, PendingUpload.plan_id == Plan.id)
        .join(Submission, PendingUpload.submission_id == Submission.id, isouter=True)
        .order_by(PendingUpload.uploaded_at.desc(), PendingUpload.id.desc())
    )
    if plan is not None:
        query = query.where(PendingUpload.plan_id == plan.id)
    if agency:
        query = query.where(Agency.code == agency)
    if status is not None:
        query = query.where(PendingUpload.status == status)
    records = [
        {
            "id": p.id,
            "plan": plan_code,
            "agency": agency_code,
            "year": p.year,
            "quarter": p.quarter,
            "file": p.file_name,
            "rows": p.rows,
            "uploaded_by": p.uploaded_by,
            "uploaded_at": p.uploaded_at,
            "status": _upload_state(p.status.value, counted),
            "reason": p.reason,
            "decided_by": p.decided_by,
        }
        for p, agency_code, plan_code, counted in session.exec(query)
    ]
    columns = [
        "id", "plan", "agency", "year", "quarter", "file", "rows", "uploaded_by",
        "uploaded_at", "status", "reason", "decided_by",
    ]  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns)
