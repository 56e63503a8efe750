"""Who reports what: the responsibility matrix of a plan (indicator or activity x agency, the lead
agency marked), as the secretariat sets it.

An agency answers for an indicator when a row names the indicator, or names its activity (every
indicator of the activity, including ones a later catalogue revision adds). A plan without a
matrix expects every agency of its region to report on everything, as before.
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, insert
from sqlmodel import Session, select

from indicators import audit
from indicators.models import Activity, Agency, Indicator, Plan, Programme, Responsibility, SubGroup
from indicators.queries import year_target_for


@dataclass(frozen=True)
class Item:
    """One row of a matrix: `agency_id` answers for the activity, or one of its indicators."""

    agency_id: int
    activity_id: int
    indicator_id: int | None
    lead: bool


def activity_codes(session: Session, plan: Plan) -> dict[str, int]:
    """'1.a.1' -> activity id, for every activity of `plan`."""
    rows = session.exec(
        select(SubGroup.number, Programme.letter, Activity.number, Activity.id)
        .join(Programme, Activity.programme_id == Programme.id)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .where(SubGroup.plan_id == plan.id)
    )
    return {f"{s}.{p}.{a}": i for s, p, a, i in rows}


def replace(
    session: Session, plan: Plan, items: list[Item], source: str, actor: str, demo: bool = False
) -> dict:
    """Make `items` the plan's whole matrix (in the caller's transaction), audited with the
    count of rows before and after. The demo's matrix is marked as demo."""
    mine = Responsibility.plan_id == plan.id
    before = len(session.exec(select(Responsibility.id).where(mine)).all())
    session.connection().execute(delete(Responsibility).where(Responsibility.plan_id == plan.id))
    # one row per agency and place; named twice (a bidang and one of its activities), it is
    # the lead when either says so
    merged: dict[tuple, bool] = {}
    for i in items:
        key = (i.agency_id, i.activity_id, i.indicator_id)
        merged[key] = merged.get(key, False) or i.lead
    unique = [Item(a, act, ind, lead) for (a, act, ind), lead in merged.items()]
    if unique:
        session.connection().execute(
            insert(Responsibility),
            [
                {
                    "plan_id": plan.id,
                    "agency_id": i.agency_id,
                    "activity_id": i.activity_id,
                    "indicator_id": i.indicator_id,
                    "lead": i.lead,
                    "source": source,
                    "is_demo": demo,
                }
                for i in unique
            ],
        )
    counts = {"rows_before": before, "rows_after": len(unique)}
    audit.record(session, actor, "responsibility.imported", source, plan.id, demo=demo, **counts)
    return counts


def has_matrix(session: Session, plan: Plan) -> bool:
    """Whether the secretariat set who reports what for `plan`."""
    found = select(Responsibility.id).where(Responsibility.plan_id == plan.id).limit(1)
    return session.exec(found).first() is not None


def demo_only_matrix(session: Session, plan: Plan) -> bool:
    """Whether the plan's matrix is the demo's illustration (no row of the task force's own)."""
    own = select(Responsibility.id).where(
        Responsibility.plan_id == plan.id,
        Responsibility.is_demo == False,  # noqa: E712
    )
    return session.exec(own.limit(1)).first() is None


def assignments(session: Session, plan: Plan) -> dict[int, dict[int, bool]]:
    """agency id -> {indicator id: lead} for every current indicator the agency answers for."""
    indicators = session.exec(
        select(Indicator.id, Indicator.activity_id).where(
            Indicator.plan_id == plan.id, Indicator.retired_at.is_(None)
        )
    ).all()
    by_activity: dict[int, list[int]] = {}
    for ind_id, act_id in indicators:
        by_activity.setdefault(act_id, []).append(ind_id)
    current = {i for i, _ in indicators}
    out: dict[int, dict[int, bool]] = {}
    rows = session.exec(select(Responsibility).where(Responsibility.plan_id == plan.id))
    for r in rows:
        mine = out.setdefault(r.agency_id, {})
        targets = (
            [r.indicator_id] if r.indicator_id is not None else by_activity.get(r.activity_id, [])
        )
        for ind_id in targets:
            if ind_id in current:
                mine[ind_id] = mine.get(ind_id, False) or r.lead
    return out


def due_in(session: Session, plan: Plan, year: int) -> set[int]:
    """Current indicators with something to report in `year`: all but those whose target for
    the year is zero (a plan that spreads its work over chosen years)."""
    indicators = session.exec(
        select(Indicator).where(Indicator.plan_id == plan.id, Indicator.retired_at.is_(None))
    )
    return {i.id for i in indicators if year_target_for(i, plan, year) != 0}


def matrix_table(session: Session, plan: Plan) -> pd.DataFrame:
    """The matrix as the secretariat wrote it, a row each: code (activity or indicator),
    agency code, lead ('ya' or ''), source. Importing this table back gives the same matrix."""
    acts = {v: k for k, v in activity_codes(session, plan).items()}
    rows = session.exec(
        select(Responsibility, Agency.code, Indicator.code)
        .join(Agency, Responsibility.agency_id == Agency.id)
        .join(Indicator, Responsibility.indicator_id == Indicator.id, isouter=True)
        .where(Responsibility.plan_id == plan.id)
    )
    records = [
        {
            "kode": ind_code or acts.get(r.activity_id, ""),
            "instansi": agency_code,
            "utama": "ya" if r.lead else "",
            "sumber": "demo" if r.is_demo else r.source,
            "demo": r.is_demo,
        }
        for r, agency_code, ind_code in rows
    ]
    table = pd.DataFrame.from_records(
        records, columns=["kode", "instansi", "utama", "sumber", "demo"]
    )
    return table.sort_values(["kode", "instansi"], key=_code_order).reset_index(drop=True)


def _code_order(column: pd.Series) -> pd.Series:
    if column.name != "kode":
        return column
    return column.map(lambda c: ".".join(p.zfill(4) for p in c.split(".")))
