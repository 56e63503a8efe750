"""A clearly synthetic national dataset for the benchmark: 552 plans (one per kabupaten/kota and
province), ~90 indicators each, six agencies, every indicator reported per triwulan for five
years. Every name says SINTETIS; nothing here is a real figure. Bulk inserts with SQLAlchemy
Core, ids assigned here so no round trip is needed per row."""

import hashlib
import random
from datetime import UTC, datetime

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine

from indicators.models import (
    Achievement,
    Activity,
    Agency,
    Indicator,
    Kind,
    Plan,
    Programme,
    Region,
    SubGroup,
    Submission,
)

PLANS = 552
INDICATORS = 90
AGENCIES = 6
YEARS = range(2018, 2023)
QUARTERS = (1, 2, 3, 4)
NOTE = "SINTETIS: data benchmark buatan scripts, bukan data nyata"
KINDS = [Kind.CUMULATIVE] * 3 + [Kind.RECURRING, Kind.PERCENTAGE] + [Kind.MILESTONE] * 4
TARGETS = {Kind.CUMULATIVE: 100.0, Kind.RECURRING: 4.0, Kind.PERCENTAGE: 80.0}


def plan_code(n: int) -> str:
    return f"SINT-{n:03d}"


def agency_code(plan: int, k: int) -> str:
    return f"S{plan:03d}-A{k}"


def _chunks(rows: list[dict], size: int = 20_000):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def build(engine: Engine, plans: int = PLANS, achievements: bool = True) -> int:
    """Write the catalogue (and, unless told not to, the achievements); returns rows written
    to the achievement table."""
    rng = random.Random(2026)
    tables: dict[type, list[dict]] = {t: [] for t in (Region, Plan, SubGroup, Programme)}
    tables.update({Activity: [], Indicator: [], Agency: [], Submission: [], Achievement: []})
    tables[Region].append({"code": "99", "name": "Provinsi Sintetis", "level": "provinsi"})
    ids = {"subgroup": 0, "programme": 0, "activity": 0, "indicator": 0, "submission": 0}
    for p in range(1, plans + 1):
        region = f"99.{p:03d}"
        tables[Region].append(
            {
                "code": region,
                "name": f"Kabupaten Sintetis {p:03d}",
                "level": "kabupaten",
                "parent_code": "99",
            }
        )
        tables[Plan].append(
            {
                "id": p,
                "code": plan_code(p),
                "region_code": region,
                "title": f"RAD SINTETIS {p:03d} (benchmark, bukan data nyata)",
                "start_year": 2018,
                "end_year": 2022,
                "citation": NOTE,
            }
        )
        activity_of = {}
        for sg in range(1, 5):
            ids["subgroup"] += 1
            tables[SubGroup].append(
                {
                    "id": ids["subgroup"],
                    "plan_id": p,
                    "number": sg,
                    "name": f"Bidang sintetis {sg}",
                    "aliases": [],
                }
            )
            for letter in "abcd":
                ids["programme"] += 1
                ids["activity"] += 1
                tables[Programme].append(
                    {
                        "id": ids["programme"],
                        "subgroup_id": ids["subgroup"],
                        "letter": letter,
                        "name": f"Program sintetis {sg}.{letter}",
                    }
                )
                tables[Activity].append(
                    {
                        "id": ids["activity"],
                        "programme_id": ids["programme"],
                        "number": 1,
                        "name": f"Kegiatan sintetis {sg}.{letter}.1",
                        "agencies": [],
                    }
                )
                activity_of[(sg, letter)] = ids["activity"]
        first_agency = (p - 1) * AGENCIES + 1
        for k in range(AGENCIES):
            tables[Agency].append(
                {
                    "id": first_agency + k,
                    "code": agency_code(p, k),
                    "kind": "government",
                    "name": f"Instansi sintetis {k} Kabupaten Sintetis {p:03d}",
                    "region_code": region,
                    "aliases": [],
                    "source": NOTE,
                }
            )
        indicator_ids = []
        for i in range(INDICATORS):
            sg, letter, n = i % 4 + 1, "abcd"[(i // 4) % 4], i // 16 + 1
            kind = KINDS[i % len(KINDS)]
            ids["indicator"] += 1
            indicator_ids.append((ids["indicator"], kind, first_agency + i % AGENCIES))
            tables[Indicator].append(
                {
                    "id": ids["indicator"],
                    "plan_id": p,
                    "activity_id": activity_of[(sg, letter)],
                    "code": f"{sg}.{letter}.1.{n}",
                    "position": i,
                    "kind": kind,
                    "statement": f"Indikator sintetis {sg}.{letter}.1.{n}",
                    "unit": "unit",
                    "direction": "higher",
                    "target": TARGETS.get(kind),
                    "note": NOTE,
                }
            )
        if not achievements:
            continue
        submission_of = {}
        for k in range(AGENCIES):
            for year in YEARS:
                for q in QUARTERS:
                    ids["submission"] += 1
                    submission_of[(first_agency + k, year, q)] = ids["submission"]
                    tables[Submission].append(
                        {
                            "id": ids["submission"],
                            "plan_id": p,
                            "agency_id": first_agency + k,
                            "year": year,
                            "quarter": q,
                            "file_name": f"sintetis_{p}_{k}_{year}_{q}.xlsx",
                            "sha256": hashlib.sha256(f"{p}{k}{year}{q}".encode()).hexdigest(),
                            "uploaded_by": "bench",
                            "status": "loaded",
                            "row_count": 15,
                            "sheet": "Capaian",
                            "uploaded_at": datetime(
                                year + (q == 4), q * 3 % 12 + 1, 15, tzinfo=UTC
                            ),
                        }
                    )
        for indicator_id, kind, agency_id in indicator_ids:
            for year in YEARS:
                for q in QUARTERS:
                    if kind == Kind.MILESTONE:
                        value = 1.0 if rng.random() < 0.3 else 0.0
                    elif kind == Kind.PERCENTAGE:
                        value = round(rng.uniform(20, 90), 1)
                    else:
                        value = float(rng.randrange(0, 8))
                    tables[Achievement].append(
                        {
                            "indicator_id": indicator_id,
                            "agency_id": agency_id,
                            "submission_id": submission_of[(agency_id, year, q)],
                            "year": year,
                            "quarter": q,
                            "value": value,
                            "budget": 25_000_000.0,
                            "spent": float(rng.randrange(5, 25) * 1_000_000),
                            "note": "",
                            "source_sheet": "Capaian",
                            "source_row": 5,
                            "is_demo": False,
                        }
                    )
    with engine.begin() as conn:
        for table, rows in tables.items():
            for chunk in _chunks(rows):
                conn.execute(insert(table), chunk)
    if engine.dialect.name == "postgresql":
        # The rows carry their ids: move each table's id sequence past them, or the first row
        # radtrack itself inserts (a load in the load test) collides with one of them.
        with engine.begin() as conn:
            for table in tables:
                if "id" in table.__table__.c:
                    name = table.__tablename__
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                            f'(SELECT coalesce(max(id), 0) + 1 FROM "{name}"), false)'
                        )
                    )
        # A bulk load leaves the planner without statistics until autovacuum comes round;
        # a deployment that bulk-loads should ANALYZE too (see README, Deploying).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    return len(tables[Achievement])
