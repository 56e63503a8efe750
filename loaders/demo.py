"""Illustrative demo achievements: real templates, filled with made-up values, loaded through the
same ingest path as any agency file, and marked as demo everywhere they show.

Nothing here is a real figure. The values are drawn from a seeded generator so every run makes
the same demo.
"""

import random
from pathlib import Path

import openpyxl
from sqlalchemy.engine import Engine
from sqlmodel import select

from indicators.db import session
from indicators.models import Agency, Kind, Plan, Submission
from indicators.queries import get_plan, indicator_rows, year_target_for
from indicators.summary import refresh_stale
from loaders.ingest import ingest_files
from loaders.report import Report
from loaders.template import COLUMNS, DATA_SHEET, HEADER_ROW, write_template

DEMO_NOTE = "DATA DEMO - ilustrasi, bukan capaian nyata"
DEMO_USER = "radtrack demo"

# Which agencies report on which bidang in the demo (by sub-group number); IOM and the NGO
# report on a few indicators each. An illustration of shared reporting, not the RAD's assignment.
DEMO_REPORTERS = {
    "DISNAKERTRANS": {"subgroups": {1}},
    "DP3A": {"subgroups": {4}, "codes": {"1.a.1.1", "1.a.1.2"}},
    "DINSOS": {"subgroups": {2}},
    "POLRES": {"subgroups": {3}},
    "IOM": {"codes": {"1.a.1.1", "2.a.1.3", "2.b.1.1", "4.b.1.1", "4.b.1.4"}},
    "YTB": {"codes": {"1.a.1.1", "1.b.2.1", "1.b.2.2"}},
}


def _column(key: str) -> int:
    return [c[0] for c in COLUMNS].index(key) + 1


def _value(rng: random.Random, kind: str, year_target: float | None, share: float, done: bool):
    if kind == Kind.MILESTONE:
        return "Sudah" if done else "Belum"
    if kind == Kind.PERCENTAGE:
        return round(rng.uniform(25, 85), 1)
    target = (year_target or 1) * share
    return max(0, round(target * rng.uniform(0.3, 1.4)))


def fill_demo_workbook(path: Path, rows: list[dict], plan: Plan, agency_code: str, year: int):
    """Fill an agency template at `path` with seeded demo values for `year`."""
    rng = random.Random(f"{plan.code}:{agency_code}:{year}")
    rules = DEMO_REPORTERS.get(agency_code, {})
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    for offset, row in enumerate(rows, start=1):
        mine = row["subgroup_number"] in rules.get("subgroups", set()) or row["code"] in rules.get(
            "codes", set()
        )
        if not mine or rng.random() < 0.15:  # some rows left unreported on purpose
            continue
        reporters = sum(
            1
            for r in DEMO_REPORTERS.values()
            if row["subgroup_number"] in r.get("subgroups", set())
            or row["code"] in r.get("codes", set())
        )
        progress = (year - plan.start_year + 1) / (plan.end_year - plan.start_year + 1)
        milestone_rng = random.Random(f"{plan.code}:{row['code']}")
        done = milestone_rng.random() < progress
        yt = year_target_for(row["indicator"], plan, year)
        r = HEADER_ROW + offset
        ws.cell(r, _column("value"), _value(rng, row["kind"], yt, 1 / reporters, done))
        budget = rng.randrange(5, 150) * 1_000_000
        ws.cell(r, _column("budget"), budget)
        ws.cell(r, _column("spent"), round(budget * rng.uniform(0.45, 1.0), -5))
        ws.cell(r, _column("note"), DEMO_NOTE)
    wb.save(path)


def load_demo(engine: Engine, workdir: Path, plan_code: str | None = None) -> list[Report]:
    """Make and load the demo workbooks of every demo agency and plan year.

    Skips everything when demo data is already loaded, so `make run` can call it every time,
    and never touches an agency-year that holds a real (non-demo) submission: demo data must not
    replace a real report.
    """
    with session(engine) as s:
        plan = get_plan(s, plan_code)
        if plan is None:
            raise LookupError("no plan in the store: run `radtrack init` first")
        already = s.exec(
            select(Submission.id).where(Submission.plan_id == plan.id, Submission.is_demo == True)  # noqa: E712
        ).first()
        if already is not None:
            return []
        rows = indicator_rows(s, plan)
        agencies = {a.code: a for a in s.exec(select(Agency)) if a.code in DEMO_REPORTERS}
        real = set(
            s.exec(
                select(Submission.agency_id, Submission.year).where(
                    Submission.plan_id == plan.id,
                    Submission.is_demo == False,  # noqa: E712
                )
            )
        )
        files = []
        for code in sorted(agencies):
            for year in range(plan.start_year, plan.end_year + 1):
                if (agencies[code].id, year) in real:
                    continue
                path = Path(workdir) / f"DEMO_{plan.code}_{code}_{year}.xlsx"
                write_template(s, plan, agencies[code], year, path)
                fill_demo_workbook(path, rows, plan, code, year)
                files.append(path)
    reports = ingest_files(engine, files, demo=True, uploaded_by=DEMO_USER)
    refresh_stale(engine)
    return reports
