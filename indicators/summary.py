"""Materialised summaries for the all-plans views: every indicator's status per plan year and
pagu/realisasi per plan, bidang, agency and year.

Writers mark a plan stale in the transaction that changes its figures or catalogue
(mark_stale); refresh_stale() rebuilds the stale plans, each in its own transaction. Readers of
the summaries call refresh_stale() first, so a summary is never older than the figures; the
command line, the upload page and the demo refresh at the end of a batch so readers rarely
have to wait.
"""

import logging
import time
from collections import defaultdict

import pandas as pd
from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session

from indicators import bands
from indicators.models import (
    Achievement,
    Activity,
    Agency,
    BudgetSummary,
    Indicator,
    IndicatorStatus,
    Plan,
    PlanYearStatus,
    Programme,
    Responsibility,
    SubGroup,
    Submission,
    SubmissionStatus,
    SummaryState,
    utcnow,
)
from indicators.queries import indicator_rows, plan_release, plan_status

log = logging.getLogger(__name__)
WHOLE_PERIOD = 0
REFRESH_ATTEMPTS = 3
REFRESH_LOCK = 0x5AD7_0002  # PostgreSQL advisory lock space of the summary rebuilds (per plan)
BAND_COLUMNS = list(bands.STATE_KEYS)  # every state's count, as PlanYearStatus keeps them


BUMP_STATE = (
    update(SummaryState)
    .where(SummaryState.plan_id == bindparam("plan"))
    .values(stale=True, changes=SummaryState.changes + 1, marked_at=bindparam("at"))
)
NEW_STATE = insert(SummaryState).values(
    plan_id=bindparam("plan"), stale=True, changes=1, marked_at=bindparam("at")
)


def mark_stale(session: Session, plan_id: int) -> None:
    """Record, in the caller's transaction, that `plan_id`'s figures or catalogue changed: its
    summaries are behind, and its version (queries.plan_version) moves on."""
    db = session.connection()
    params = {"plan": plan_id, "at": utcnow()}
    if db.execute(BUMP_STATE, params).rowcount == 0:
        db.execute(NEW_STATE, params)


def _status_rows(session: Session, plan: Plan, public: bool = False) -> list[dict]:
    known = plan_status(session, plan, public=public)
    ids = {row["code"]: row["indicator_id"] for row in indicator_rows(session, plan)}
    rows = []
    for frame, fixed_year in ((known.yearly, None), (known.period, WHOLE_PERIOD)):
        for r in frame.itertuples(index=False):
            rows.append(
                {
                    "plan_id": plan.id,
                    "indicator_id": ids[r.code],
                    "year": fixed_year if fixed_year is not None else int(r.year),
                    "subgroup_number": int(r.subgroup_number),
                    "expected": None if r.expected != r.expected else r.expected,
                    "realised": None if r.realised != r.realised else r.realised,
                    "capaian": None if r.capaian != r.capaian else r.capaian,
                    "band": r.band,
                }
            )
    return rows


def _year_rows(plan_id: int, status_rows: list[dict], public: bool = False) -> list[dict]:
    """The PlanYearStatus rows of one plan, from its IndicatorStatus rows, by bands.rollup (the
    plan's own pages count with it too); as anonymous visitors see them when `public`."""
    years: dict[int, list] = defaultdict(list)
    for r in status_rows:
        years[r["year"]].append((r["band"], r["capaian"]))
    return [
        {"plan_id": plan_id, "public": public, "year": year, **bands.rollup(rows)}
        for year, rows in years.items()
    ]


def refresh_plan(session: Session, plan: Plan) -> None:
    """Rebuild `plan`'s summaries in the caller's transaction. The plan is marked fresh only
    if nobody marked it stale again meanwhile (a figure committed during the rebuild)."""
    if session.get_bind().dialect.name == "postgresql":
        # one rebuild of a plan at a time: two deleting and inserting the same rows deadlock
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, :plan)"),
            {"space": REFRESH_LOCK, "plan": plan.id},
        )
    seen = session.execute(
        select(SummaryState.changes).where(SummaryState.plan_id == plan.id)
    ).scalar()
    for table in (IndicatorStatus, PlanYearStatus, BudgetSummary):
        session.execute(delete(table).where(table.plan_id == plan.id))
    rows = _status_rows(session, plan)
    if rows:
        session.execute(insert(IndicatorStatus), rows)
        session.execute(insert(PlanYearStatus), _year_rows(plan.id, rows))
        # as anonymous visitors see it: the same unless the plan has sensitive indicators
        sensitive = plan_release(session, plan).sensitive
        public = _status_rows(session, plan, public=True) if sensitive else rows
        session.execute(insert(PlanYearStatus), _year_rows(plan.id, public, public=True))
    sums = (
        select(
            Indicator.plan_id,
            SubGroup.number,
            Achievement.agency_id,
            Achievement.year,
            func.sum(Achievement.budget),
            func.sum(Achievement.spent),
        )
        .join(Indicator, Achievement.indicator_id == Indicator.id)
        .join(Activity, Indicator.activity_id == Activity.id)
        .join(Programme, Activity.programme_id == Programme.id)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .where(Indicator.plan_id == plan.id, Indicator.retired_at.is_(None))
        .group_by(Indicator.plan_id, SubGroup.number, Achievement.agency_id, Achievement.year)
    )
    session.execute(
        insert(BudgetSummary).from_select(
            ["plan_id", "subgroup_number", "agency_id", "year", "budget", "spent"], sums
        )
    )
    if seen is None:
        session.add(SummaryState(plan_id=plan.id, stale=False, refreshed_at=utcnow()))
    else:
        session.execute(
            update(SummaryState)
            .where(SummaryState.plan_id == plan.id, SummaryState.changes == seen)
            .values(stale=False, refreshed_at=utcnow())
        )


def stale_plans(session: Session) -> list[int]:
    """Ids of the plans whose summaries are behind or were never built."""
    fresh = select(SummaryState.plan_id).where(SummaryState.stale == False)  # noqa: E712
    return list(session.execute(select(Plan.id).where(Plan.id.not_in(fresh))).scalars())


def _conflict(exc: DBAPIError) -> bool:
    """A deadlock, a serialisation failure or a lock wait: worth trying again."""
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    text_ = str(exc.orig).lower()
    return code in ("40P01", "40001", "55P03") or "deadlock" in text_ or "locked" in text_


def refresh_stale(engine: Engine) -> int:
    """Rebuild every stale plan's summaries, one transaction per plan; returns how many.
    Another process refreshing the same plan at the same moment wins quietly; a conflict with
    another writer is tried again, and if it persists the plan stays stale for the next reader
    (summaries are never older than the figures: readers refresh first). Never raises for a
    conflict: the figures that made the plan stale are committed already, and an upload must
    not be reported as failed because its summary came second."""
    with Session(engine) as session:
        ids = stale_plans(session)
    for plan_id in ids:
        for attempt in range(REFRESH_ATTEMPTS):
            with Session(engine, expire_on_commit=False) as session:
                try:
                    refresh_plan(session, session.get(Plan, plan_id))
                    session.commit()
                    break
                except IntegrityError:
                    session.rollback()
                    break
                except DBAPIError as exc:
                    session.rollback()
                    if not _conflict(exc):
                        raise
                    log.warning(
                        "summary refresh of plan %s: %s (try %d)", plan_id, exc.orig, attempt + 1
                    )
                    time.sleep(0.05 * (attempt + 1))
    return len(ids)


def national_status(
    session: Session, year: int | None = None, public: bool = False
) -> pd.DataFrame:
    """One row per plan: indicators, how many reported, counts per band and the mean capaian
    of the reported indicators (each capped at 100 %) in `year` (None: the whole period); as
    anonymous visitors see them when `public` (column `suppressed`: figures withheld)."""
    year_key = WHOLE_PERIOD if year is None else year
    names = ("indicators", "reported", *BAND_COLUMNS)
    counted = [getattr(PlanYearStatus, c) for c in names]
    query = (  # every plan, with no summary row (no indicator that year) as zeros
        select(Plan.code, Plan.title, *counted, PlanYearStatus.mean_capaian)
        .select_from(Plan)
        .outerjoin(
            PlanYearStatus,
            (PlanYearStatus.plan_id == Plan.id)
            & (PlanYearStatus.year == year_key)
            & (PlanYearStatus.public == public),
        )
        .order_by(Plan.code)
    )
    columns = ["plan", "title", *names, "mean_capaian"]
    frame = pd.DataFrame.from_records(session.execute(query).all(), columns=columns)
    counts = columns[2:-1]
    frame[counts] = frame[counts].fillna(0).astype(int)
    return frame.astype({"mean_capaian": "float64"})


def national_budget(session: Session, year: int | None = None) -> pd.DataFrame:
    """Pagu, realisasi and absorption per plan (in `year`, or over the whole period)."""
    joined = BudgetSummary.plan_id == Plan.id
    if year is not None:
        joined = joined & (BudgetSummary.year == year)
    query = (  # every plan, with nothing spent as no figure rather than no row
        select(Plan.code, Plan.title, func.sum(BudgetSummary.budget), func.sum(BudgetSummary.spent))
        .select_from(Plan)
        .outerjoin(BudgetSummary, joined)
        .group_by(Plan.code, Plan.title)
        .order_by(Plan.code)
    )
    frame = pd.DataFrame.from_records(
        session.execute(query).all(), columns=["plan", "title", "budget", "spent"]
    ).astype({"budget": "float64", "spent": "float64"})
    frame["absorption"] = frame["spent"] / frame["budget"] * 100
    return frame


def national_compliance(session: Session, year: int | None = None) -> pd.DataFrame:
    """Per plan and year: the plan's agencies (as compliance.compliance_table counts them: those
    of its region and any that reported for it, or whom its responsibility matrix expects), how
    many sent a counted report, and the share (never above 100 %: who reported is a part of who
    is counted)."""
    reported = (
        select(
            Submission.plan_id,
            Submission.year,
            func.count(func.distinct(Submission.agency_id)),
        )
        .where(Submission.status == SubmissionStatus.LOADED)
        .group_by(Submission.plan_id, Submission.year)
    )
    if year is not None:
        reported = reported.where(Submission.year == year)
    sent = {(p, y): n for p, y, n in session.execute(reported).all()}
    members = dict(
        session.execute(select(Agency.region_code, func.count()).group_by(Agency.region_code)).all()
    )
    # agencies from outside a plan's region that reported for it count among its agencies;
    # each (plan, agency) pair once before the joins (a national store has 66,000 submissions
    # of 3,000 pairs: a third of the time on PostgreSQL)
    pairs = select(Submission.plan_id, Submission.agency_id).distinct().subquery()
    outsiders = dict(
        session.execute(
            select(pairs.c.plan_id, func.count())
            .select_from(pairs)
            .join(Agency, pairs.c.agency_id == Agency.id)
            .join(Plan, pairs.c.plan_id == Plan.id)
            .where((Agency.region_code != Plan.region_code) | Agency.region_code.is_(None))
            .group_by(pairs.c.plan_id)
        ).all()
    )
    # a plan with a responsibility matrix, or with agencies that joined or left, counts whom
    # its own compliance page expects (compliance_table); the others, every agency of the region
    from indicators.compliance import compliance_table

    special = set(session.execute(select(Responsibility.plan_id).distinct()).scalars())
    changing = set(
        session.execute(
            select(Agency.region_code).where(
                Agency.active_from.is_not(None) | Agency.retired_on.is_not(None)
            )
        ).scalars()
    )
    records = []
    for plan_id, code, region, start, end in session.execute(
        select(Plan.id, Plan.code, Plan.region_code, Plan.start_year, Plan.end_year).order_by(
            Plan.code
        )
    ):
        table = None
        if plan_id in special or region in changing:
            table = compliance_table(session, session.get(Plan, plan_id))
        for y in range(start, end + 1):
            if year is not None and y != year:
                continue
            agencies = members.get(region, 0) + outsiders.get(plan_id, 0)
            n = sent.get((plan_id, y), 0)
            if table is not None:
                rows = table[(table["year"] == y) & (table["state"] != "not_expected")]
                agencies = len(rows)
                n = int(rows["state"].isin(["on_time", "late"]).sum())
            records.append(
                {
                    "plan": code,
                    "year": y,
                    "agencies": agencies,
                    "reported": n,
                    "share": n / agencies * 100 if agencies else None,
                }
            )
    columns = ["plan", "year", "agencies", "reported", "share"]
    return pd.DataFrame.from_records(records, columns=columns).astype({"share": "float64"})
