"""Illustrative demo achievements: real templates, filled with made-up values, loaded through the
same ingest path as any agency file, and marked as demo everywhere they show.

Nothing here is a real figure. The values are drawn from a seeded generator so every run makes
the same demo. The demo teaches the compliance page: its reports carry illustrative receipt
dates (most on time, some late), some agency-years are missing, one upload waits for review and
one was sent back. It sets an illustrative responsibility matrix when the plan has none. All of
it is marked demo, and `remove_demo` takes all of it out again, and nothing else.
"""

import hashlib
import random
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import openpyxl
from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlmodel import select

from indicators import audit
from indicators.compliance import plan_due
from indicators.db import session
from indicators.models import (
    Achievement,
    Activity,
    Agency,
    AuditEvent,
    Indicator,
    Kind,
    PendingUpload,
    Plan,
    Programme,
    Responsibility,
    ReviewStatus,
    SubGroup,
    Submission,
)
from indicators.queries import get_plan, indicator_rows, year_target_for
from indicators.responsibility import Item, has_matrix, replace
from indicators.summary import mark_stale, refresh_stale
from loaders.ingest import ingest_files
from loaders.report import Report
from loaders.template import COLUMNS, DATA_SHEET, HEADER_ROW, write_template

DEMO_NOTE = "DATA DEMO - ilustrasi, bukan capaian nyata"
DEMO_USER = "radtrack demo"

# Which agencies report on which bidang in the demo (by sub-group number, as lead); IOM and the
# NGO report on a few indicators each. An illustration of shared reporting, not the RAD's
# assignment (the RAD names no responsible agencies).
DEMO_REPORTERS = {
    "DISNAKERTRANS": {"subgroups": {1}},
    "DP3A": {"subgroups": {4}, "codes": {"1.a.1.1", "1.a.1.2"}},
    "DINSOS": {"subgroups": {2}},
    "POLRES": {"subgroups": {3}},
    "IOM": {"codes": {"1.a.1.1", "2.a.1.3", "2.b.1.1", "4.b.1.1", "4.b.1.4"}},
    "YTB": {"codes": {"1.a.1.1", "1.b.2.1", "1.b.2.2"}},
}


# Agency-years of the demo that show a state other than "on time" on the compliance page.
DEMO_STATES = {
    ("DINSOS", 2020): "late",
    ("POLRES", 2021): "late",
    ("DISNAKERTRANS", 2019): "late",
    ("YTB", 2019): "missing",
    ("IOM", 2021): "missing",
    ("YTB", 2022): "submitted",
    ("IOM", 2022): "returned",
}
RETURN_REASON = (
    "DEMO: contoh alasan pengembalian - kolom Realisasi Anggaran belum diisi untuk kegiatan "
    "yang berpagu."
)


def _column(key: str) -> int:
    return [c[0] for c in COLUMNS].index(key) + 1


def _value(rng: random.Random, kind: str, year_target: float | None, share: float, done: bool):
    if kind == Kind.MILESTONE:
        return "Sudah" if done else "Belum"
    if kind == Kind.PERCENTAGE:
        return round(rng.uniform(25, 85), 1)
    target = (year_target or 1) * share
    return max(0, round(target * rng.uniform(0.3, 1.4)))


def _mine(rules: dict, row: dict) -> bool:
    return row["subgroup_number"] in rules.get("subgroups", set()) or row["code"] in rules.get(
        "codes", set()
    )


def fill_demo_workbook(path: Path, rows: list[dict], plan: Plan, agency_code: str, year: int):
    """Fill an agency template at `path` with seeded demo values for `year` (rows found by
    their code: a template lists an agency's own indicators first)."""
    rng = random.Random(f"{plan.code}:{agency_code}:{year}")
    rules = DEMO_REPORTERS.get(agency_code, {})
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    at = {ws.cell(r, 1).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    for row in rows:
        if not _mine(rules, row) or rng.random() < 0.15:  # some rows left unreported on purpose
            continue
        reporters = sum(1 for r in DEMO_REPORTERS.values() if _mine(r, row))
        progress = (year - plan.start_year + 1) / (plan.end_year - plan.start_year + 1)
        milestone_rng = random.Random(f"{plan.code}:{row['code']}")
        done = milestone_rng.random() < progress
        yt = year_target_for(row["indicator"], plan, year)
        r = at[row["code"]]
        ws.cell(r, _column("value"), _value(rng, row["kind"], yt, 1 / reporters, done))
        budget = rng.randrange(5, 150) * 1_000_000
        ws.cell(r, _column("budget"), budget)
        ws.cell(r, _column("spent"), round(budget * rng.uniform(0.45, 1.0), -5))
        ws.cell(r, _column("note"), DEMO_NOTE)
    wb.save(path)


def _demo_matrix(s, plan: Plan, agencies: dict[str, Agency]) -> list[Item]:
    """DEMO_REPORTERS as a responsibility matrix: a bidang's activities led by its agency, the
    named indicators shared by the others."""
    activities = s.exec(
        select(SubGroup.number, Activity.id)
        .join(Programme, Activity.programme_id == Programme.id)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .where(SubGroup.plan_id == plan.id)
    ).all()
    indicators = {
        code: (ind_id, act_id)
        for code, ind_id, act_id in s.exec(
            select(Indicator.code, Indicator.id, Indicator.activity_id).where(
                Indicator.plan_id == plan.id, Indicator.retired_at.is_(None)
            )
        )
    }
    items = []
    for code, rules in DEMO_REPORTERS.items():
        if code not in agencies:
            continue
        agency_id = agencies[code].id
        for number, act_id in activities:
            if number in rules.get("subgroups", set()):
                items.append(Item(agency_id, act_id, None, True))
        for ind_code in sorted(rules.get("codes", set())):
            if ind_code in indicators:
                ind_id, act_id = indicators[ind_code]
                items.append(Item(agency_id, act_id, ind_id, False))
    return items


def _received(plan: Plan, code: str, year: int, now: datetime) -> datetime:
    """An illustrative receipt date: a few days to weeks before the due date, or after it for
    the agency-years DEMO_STATES marks late; never later than now."""
    rng = random.Random(f"{plan.code}:{code}:{year}:received")
    due = plan_due(plan, year)
    late = DEMO_STATES.get((code, year)) == "late"
    day = due + timedelta(days=rng.randint(5, 40)) if late else due - timedelta(rng.randint(0, 25))
    return min(datetime.combine(day, time(2, 30), tzinfo=UTC), now)


class DemoRemoved(Exception):
    """The secretariat removed the demo from this plan: it is not loaded again unasked."""

    def __init__(self, at: datetime) -> None:
        super().__init__(at.isoformat())
        self.at = at


def load_demo(
    engine: Engine, workdir: Path, plan_code: str | None = None, again: bool = False
) -> list[Report]:
    """Make and load the demo workbooks of every demo agency and plan year.

    Skips everything when demo data is already loaded, so `make run` can call it every time,
    and never touches an agency-year that holds a real (non-demo) submission: demo data must not
    replace a real report. Once the demo was removed from a plan, raises DemoRemoved unless
    `again`: a restart must not bring it back into a live task force's store.
    """
    now = datetime.now(UTC)
    with session(engine) as s:
        plan = get_plan(s, plan_code)
        if plan is None:
            raise LookupError("no plan in the store: run radtrack init first")
        removed = s.exec(
            select(AuditEvent.at)
            .where(AuditEvent.plan_id == plan.id, AuditEvent.action == "demo.removed")
            .order_by(AuditEvent.at.desc())
        ).first()
        if removed is not None and not again:
            raise DemoRemoved(removed)
        already = s.exec(
            select(Submission.id).where(Submission.plan_id == plan.id, Submission.is_demo == True)  # noqa: E712
        ).first()
        if already is not None:
            return []
        rows = indicator_rows(s, plan)
        agencies = {a.code: a for a in s.exec(select(Agency)) if a.code in DEMO_REPORTERS}
        if not has_matrix(s, plan):
            replace(s, plan, _demo_matrix(s, plan, agencies), "demo", DEMO_USER, demo=True)
            s.commit()
        real = set(
            s.exec(
                select(Submission.agency_id, Submission.year).where(
                    Submission.plan_id == plan.id,
                    Submission.is_demo == False,  # noqa: E712
                )
            )
        )
        files, waiting = [], []
        for code in sorted(agencies):
            for year in range(plan.start_year, plan.end_year + 1):
                state = DEMO_STATES.get((code, year))
                if (agencies[code].id, year) in real or state == "missing":
                    continue
                path = Path(workdir) / f"DEMO_{plan.code}_{code}_{year}.xlsx"
                write_template(s, plan, agencies[code], year, path)
                fill_demo_workbook(path, rows, plan, code, year)
                if state in ("submitted", "returned"):
                    waiting.append((agencies[code], year, state, path))
                else:
                    files.append(path)
        _add_waiting(s, plan, waiting, now)
        s.commit()
    reports = ingest_files(engine, files, demo=True, uploaded_by=DEMO_USER)
    with session(engine) as s:
        for sub, code in s.exec(
            select(Submission, Agency.code)
            .join(Agency, Submission.agency_id == Agency.id)
            .where(Submission.plan_id == plan.id, Submission.is_demo == True)  # noqa: E712
        ):
            sub.uploaded_at = _received(plan, code, sub.year, now)
            s.add(sub)
        mark_stale(s, plan.id)  # on time or late moves with the dates: a new version
        s.commit()
    refresh_stale(engine)
    return reports


def _add_waiting(s, plan: Plan, waiting: list, now: datetime) -> None:
    """The demo's upload waiting for review and the one sent back, as agency accounts'
    uploads are kept (the file itself), marked demo."""
    for agency, year, state, path in waiting:
        data = path.read_bytes()
        returned = state == "returned"
        s.add(
            PendingUpload(
                plan_id=plan.id,
                agency_id=agency.id,
                year=year,
                file_name=path.name,
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
                uploaded_by=DEMO_USER,
                uploaded_at=_received(plan, agency.code, year, now),
                status=ReviewStatus.RETURNED if returned else ReviewStatus.SUBMITTED,
                reason=RETURN_REASON if returned else "",
                decided_by=DEMO_USER if returned else "",
                decided_at=now if returned else None,
                is_demo=True,
            )
        )


def remove_demo(engine: Engine, actor: str, plan_code: str | None = None) -> dict:
    """Take every demo figure, submission, waiting upload and the demo's responsibility matrix
    out of the store (of one plan, or of all), and nothing else, in one transaction, audited.
    A real report that replaced a demo one keeps its figures; it no longer points at the demo
    file it replaced (nor lists changes against demo figures). Returns what was removed."""
    with session(engine) as s:
        plans = [get_plan(s, plan_code)] if plan_code else list(s.exec(select(Plan)))
        if plans == [None]:
            raise LookupError(f"unknown plan '{plan_code}'")
        done = {"submissions": 0, "figures": 0, "pending": 0, "responsibilities": 0}
        db = s.connection()
        for plan in plans:
            demo_subs = select(Submission.id).where(
                Submission.plan_id == plan.id,
                Submission.is_demo == True,  # noqa: E712
            )
            ids = list(s.exec(demo_subs))
            counts = {
                "figures": db.execute(
                    delete(Achievement).where(Achievement.submission_id.in_(ids))
                ).rowcount
                if ids
                else 0,
                "pending": db.execute(
                    delete(PendingUpload).where(
                        PendingUpload.plan_id == plan.id,
                        PendingUpload.is_demo == True,  # noqa: E712
                    )
                ).rowcount,
                "responsibilities": db.execute(
                    delete(Responsibility).where(
                        Responsibility.plan_id == plan.id,
                        Responsibility.is_demo == True,  # noqa: E712
                    )
                ).rowcount,
            }
            if ids:
                db.execute(
                    update(Submission)
                    .where(Submission.replaces_id.in_(ids), Submission.is_demo == False)  # noqa: E712
                    .values(replaces_id=None, changes=None)
                )
                db.execute(
                    update(PendingUpload)
                    .where(PendingUpload.submission_id.in_(ids))
                    .values(submission_id=None)
                )
                # demo files replacing demo files: unlink them before the rows go
                db.execute(
                    update(Submission).where(Submission.id.in_(ids)).values(replaces_id=None)
                )
                db.execute(delete(Submission).where(Submission.id.in_(ids)))
            counts["submissions"] = len(ids)
            if any(counts.values()):
                mark_stale(s, plan.id)
                audit.record(s, actor, "demo.removed", plan.code, plan.id, **counts)
            for key, value in counts.items():
                done[key] += value
        s.commit()
    refresh_stale(engine)
    return done
