"""The bundled catalogue: a RAD transcribed as YAML, NTT regions, agencies and context figures.

Loading is idempotent: every row is found by its natural key and updated, or inserted.
"""

import csv
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlmodel import Session, select

from indicators import audit
from indicators.db import ROOT
from indicators.models import (
    Activity,
    Agency,
    ContextFigure,
    Direction,
    Indicator,
    Kind,
    Plan,
    Programme,
    Region,
    SubGroup,
)
from indicators.revision import Revision, plan_revision, prune, renumber, retire
from indicators.summary import mark_stale

DATA = ROOT / "data"
BUNDLED_PLANS = sorted((DATA / "catalogue").glob("*.yaml"))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class IndicatorEntry(_Strict):
    """One indicator row of a catalogue file."""

    code: str = Field(pattern=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")
    statement: str = Field(min_length=3)
    unit: str = ""
    kind: Kind
    direction: Direction = Direction.HIGHER
    target: float | None = Field(default=None, ge=0)
    year_targets: dict[int, float] | None = None
    note: str = ""
    # Counts victims or cases (indicators.disclosure). None: not stated, so a revision keeps
    # what the store has (a spreadsheet catalogue cannot state it) and a new indicator is not.
    sensitive: bool | None = None

    @model_validator(mode="after")
    def _sensitive_counts_only(self):
        if self.sensitive and self.kind not in (Kind.CUMULATIVE, Kind.RECURRING):
            raise ValueError(
                f"indicator {self.code}: only a count (kind cumulative or recurring) can be "
                f"sensitive; a {self.kind.value} indicator is not a count of people"
            )
        return self


class ActivityEntry(_Strict):
    """One activity of a catalogue file, with its indicators."""

    number: int = Field(ge=1)
    name: str
    agencies: list[str] = []
    note: str = ""
    indicators: list[IndicatorEntry] = Field(min_length=1)


class ProgrammeEntry(_Strict):
    """One programme of a catalogue file."""

    letter: str = Field(pattern=r"^[a-z]$")
    name: str
    activities: list[ActivityEntry] = Field(min_length=1)


class SubGroupEntry(_Strict):
    """One bidang of a catalogue file."""

    number: int = Field(ge=1)
    name: str
    aliases: list[str] = []
    programmes: list[ProgrammeEntry] = Field(min_length=1)


class PlanEntry(_Strict):
    """The plan header of a catalogue file."""

    code: str
    region: str = Field(pattern=r"^\d{2}(\.\d{2})?$")
    title: str
    start_year: int = Field(ge=2000, le=2100)
    end_year: int = Field(ge=2000, le=2100)
    legal_basis: str = ""
    citation: str = ""
    # Public suppression of sensitive indicators (indicators.disclosure): the threshold k
    # (None: disclosure.DEFAULT_K) and whether their kecamatan detail may be published.
    k_threshold: int | None = Field(default=None, ge=2, le=1000)
    publish_kecamatan: bool = False
    # the regional planning agency as the plan names it (Bappeda, BAPELITBANG, Bappelitbangda)
    planning_agency: str = ""


class CatalogueFile(_Strict):
    """A whole catalogue file: a plan and its tree."""

    plan: PlanEntry
    subgroups: list[SubGroupEntry] = Field(min_length=1)

    @field_validator("subgroups")
    @classmethod
    def _codes_unique(cls, subgroups: list[SubGroupEntry]) -> list[SubGroupEntry]:
        codes = [
            ind.code
            for sg in subgroups
            for pr in sg.programmes
            for ac in pr.activities
            for ind in ac.indicators
        ]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"duplicate indicator codes: {', '.join(duplicates)}")
        return subgroups


def read_catalogue(path: Path) -> CatalogueFile:
    """Parse and validate a catalogue YAML file."""
    with open(path, encoding="utf-8") as fh:
        return CatalogueFile.model_validate(yaml.safe_load(fh))


def _upsert(session: Session, model, key: dict, values: dict):
    row = session.exec(select(model).filter_by(**key)).first()
    if row is None:
        row = model(**key, **values)
    else:
        for name, value in values.items():
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return row


def load_regions(session: Session, path: Path = DATA / "regions.csv") -> int:
    """Load regions (codes stay text). Returns the number of rows."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # Parents first so the foreign key always points at an existing row.
    rows.sort(key=lambda r: len(r["code"]))
    for r in rows:
        _upsert(
            session,
            Region,
            {"code": r["code"]},
            {"name": r["name"], "level": r["level"], "parent_code": r["parent_code"] or None},
        )
    return len(rows)


def load_agencies(session: Session, path: Path = DATA / "agencies.csv") -> int:
    """Add the member agencies the papers name, when the store does not have them yet. An
    agency already in the store is the secretariat's (renamed, aliased, retired, with its focal
    point): `radtrack init` never writes over it. Returns the number of rows of the file."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    have = set(session.exec(select(Agency.code)))
    for r in rows:
        if r["code"] in have:
            continue
        _upsert(
            session,
            Agency,
            {"code": r["code"]},
            {
                "name": r["name"],
                "kind": r["kind"],
                "region_code": r["region_code"] or None,
                "aliases": [a.strip() for a in r["aliases"].split(";") if a.strip()],
                "source": r["source"],
            },
        )
    return len(rows)


def load_context_figures(session: Session, path: Path = DATA / "context_figures.csv") -> int:
    """Load published context figures with their citations. Returns the number of rows."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if not r["citation"].strip():
            raise ValueError(f"{path.name}: figure {r['measure']} {r['year']} has no citation")
        _upsert(
            session,
            ContextFigure,
            {"region_code": r["region_code"], "measure": r["measure"], "year": int(r["year"])},
            {
                "value": float(r["value"]),
                "unit": r["unit"],
                "period": r["period"],
                "note": r["note"],
                "citation": r["citation"],
            },
        )
    return len(rows)


def load_plan(session: Session, catalogue: CatalogueFile, actor: str = "command line") -> Revision:
    """Insert or update a plan and its whole tree; a revised catalogue keeps every figure (see
    indicators.revision), and its changes are recorded in the audit log. Returns the revision,
    its `stored` the plan."""
    revision = plan_revision(session, catalogue)
    p = catalogue.plan
    plan = _upsert(
        session,
        Plan,
        {"code": p.code},
        {
            "region_code": p.region,
            "title": p.title,
            "start_year": p.start_year,
            "end_year": p.end_year,
            "legal_basis": p.legal_basis,
            "citation": p.citation,
            "k_threshold": p.k_threshold,
            "publish_kecamatan": p.publish_kecamatan,
        },
    )
    if p.planning_agency and not plan.planning_agency:  # a setting changed since stays
        plan.planning_agency = p.planning_agency
        session.add(plan)
    retire(session, plan.id, revision)  # first: frees codes the revision gives to others
    if revision.renumbered:
        renumber(session, plan.id, revision)
    kept: set[tuple] = set()
    position = 0
    for sg in catalogue.subgroups:
        kept.add((sg.number,))
        subgroup = _upsert(
            session,
            SubGroup,
            {"plan_id": plan.id, "number": sg.number},
            {"name": sg.name, "aliases": sg.aliases},
        )
        for pr in sg.programmes:
            kept.add((sg.number, pr.letter))
            programme = _upsert(
                session,
                Programme,
                {"subgroup_id": subgroup.id, "letter": pr.letter},
                {"name": pr.name},
            )
            for ac in pr.activities:
                kept.add((sg.number, pr.letter, ac.number))
                activity = _upsert(
                    session,
                    Activity,
                    {"programme_id": programme.id, "number": ac.number},
                    {"name": ac.name, "agencies": ac.agencies, "note": ac.note},
                )
                for ind in ac.indicators:
                    position += 1
                    _upsert(
                        session,
                        Indicator,
                        {"plan_id": plan.id, "code": ind.code},
                        {
                            "activity_id": activity.id,
                            "position": position,
                            "statement": ind.statement,
                            "unit": ind.unit,
                            "kind": ind.kind,
                            "direction": ind.direction,
                            "target": ind.target,
                            "year_targets": (
                                {str(y): v for y, v in ind.year_targets.items()}
                                if ind.year_targets
                                else None
                            ),
                            "note": ind.note,
                            "retired_at": None,
                            **({} if ind.sensitive is None else {"sensitive": ind.sensitive}),
                        },
                    )
    session.flush()
    prune(session, plan.id, kept)
    mark_stale(session, plan.id)  # targets or kinds may have changed
    if not revision.empty:
        audit.record(session, actor, "catalogue.revised", plan.code, plan.id, **revision.detail())
    revision.stored = plan
    return revision


def load_bundled(session: Session, revisions: list | None = None) -> dict[str, int]:
    """Load everything in data/ in one go; returns counts of what is there now, and appends each
    plan's Revision to `revisions` when given."""
    counts = {"regions": load_regions(session), "agencies": load_agencies(session)}
    counts["plans"] = 0
    for path in BUNDLED_PLANS:
        revision = load_plan(session, read_catalogue(path))
        if revisions is not None:
            revisions.append(revision)
        counts["plans"] += 1
    counts["context_figures"] = load_context_figures(session)
    return counts


def catalogue_tree(session: Session, plan_code: str | None = None) -> dict:
    """The plan(s) as a tree, plus agencies: what `radtrack catalogue --json` prints.

    With one plan (or `plan_code` given) the tree's subgroups are at the top level under
    `subgroups`; every plan is also listed under `plans`.
    """
    query = select(Plan).order_by(Plan.code)
    if plan_code:
        query = query.where(Plan.code == plan_code)
    plans = session.exec(query).all()
    out_plans = []
    for plan in plans:
        subgroups = []
        for sg in session.exec(
            select(SubGroup).where(SubGroup.plan_id == plan.id).order_by(SubGroup.number)
        ):
            programmes = []
            for pr in session.exec(
                select(Programme).where(Programme.subgroup_id == sg.id).order_by(Programme.letter)
            ):
                activities = []
                for ac in session.exec(
                    select(Activity).where(Activity.programme_id == pr.id).order_by(Activity.number)
                ):
                    indicators = [
                        {
                            "code": ind.code,
                            "statement": ind.statement,
                            "unit": ind.unit,
                            "kind": ind.kind.value,
                            "direction": ind.direction.value,
                            "target": ind.target,
                            "note": ind.note,
                            "sensitive": ind.sensitive,
                        }
                        for ind in session.exec(
                            select(Indicator)
                            .where(Indicator.activity_id == ac.id, Indicator.retired_at.is_(None))
                            .order_by(Indicator.position)
                        )
                    ]
                    if indicators:  # an activity holding only retired ones is not current
                        activities.append(
                            {"number": ac.number, "name": ac.name, "indicators": indicators}
                        )
                if activities:
                    programmes.append(
                        {"letter": pr.letter, "name": pr.name, "activities": activities}
                    )
            if programmes:
                subgroups.append({"number": sg.number, "name": sg.name, "programmes": programmes})
        out_plans.append(
            {
                "code": plan.code,
                "region": plan.region_code,
                "title": plan.title,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
                "citation": plan.citation,
                "k_threshold": plan.k_threshold,
                "publish_kecamatan": plan.publish_kecamatan,
                "subgroups": subgroups,
            }
        )
    agencies = [
        {"code": a.code, "name": a.name, "kind": a.kind}
        for a in session.exec(select(Agency).order_by(Agency.code))
    ]
    first = out_plans[0] if out_plans else {"code": None, "subgroups": []}
    return {
        "plan": {k: v for k, v in first.items() if k != "subgroups"},
        "subgroups": first["subgroups"],
        "agencies": agencies,
        "plans": out_plans,
    }
