"""What a file is about, resolved before its rows are read: plan, agency and period from the
command line, the template's metadata or what the file says of itself (loaders.period), and the
catalogue a batch reads once."""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from openpyxl.utils.cell import coordinate_from_string
from sqlalchemy import bindparam
from sqlmodel import Session, select

from indicators.models import (
    Agency,
    Indicator,
    Plan,
    Region,
    Responsibility,
    SubGroup,
)
from indicators.queries import list_plans
from indicators.responsibility import assignments, has_matrix
from indicators.vocabulary import fold
from loaders.layout import Table, find_table, normalise
from loaders.match import Matcher
from loaders.narrative import is_narrative
from loaders.period import AgencyNames, file_period, file_stem, plan_in
from loaders.report import Problem, Report, Shown
from loaders.safety import formulas_without_values
from loaders.workbook import META_SHEET, Source

TABLE_COLUMNS = "Kode/Indikator dan Capaian/Realisasi"


@dataclass
class Overrides:
    """Period and agency given on the command line; they win over what the file says."""

    plan: str | None = None
    agency: str | None = None
    year: int | None = None
    quarter: int | None = None
    semester: int | None = None


class StoreRef(NamedTuple):
    """What writing a file needs of its plan or agency."""

    id: int
    code: str


@dataclass
class Context:
    """What the whole file is about, once resolved."""

    plan: Plan | None = None
    agency: Agency | None = None
    year: int | None = None
    quarter: int | None = None
    tables: list[Table] = field(default_factory=list)
    to_date: bool = False  # the title says its figures run up to the period's end ("s.d. TW II")
    said_to_date: bool = False  # a title says "kumulatif" or "s.d." of no triwulan it names
    semester: int | None = None  # a semester report ("Semester I", "Januari-Juni")
    sheet_agencies: dict[str, str] = field(default_factory=dict)  # sheet -> agency, one each
    narrative_grids: list = field(default_factory=list)  # "Narasi" sheets: words, not figures


PLAN_BY_CODE = select(Plan.id, Plan.code, Plan.start_year, Plan.end_year, Plan.region_code).where(
    Plan.code == bindparam("code")
)


INDICATOR_FIELDS = (
    Indicator.id,
    Indicator.code,
    Indicator.statement,
    Indicator.kind,
    Indicator.unit,
    Indicator.target,
    Indicator.direction,
    Indicator.year_targets,
)
PLAN_INDICATORS = (
    select(*INDICATOR_FIELDS)
    .where(Indicator.plan_id == bindparam("plan_id"), Indicator.retired_at.is_(None))
    .order_by(Indicator.id)
)
# the same for every plan at once (Catalogue.read_all), in the same order
ALL_INDICATORS = (
    select(Indicator.plan_id, *INDICATOR_FIELDS)
    .where(Indicator.retired_at.is_(None))
    .order_by(Indicator.id)
)
ALL_PLANS = select(Plan.id, Plan.code, Plan.start_year, Plan.end_year, Plan.region_code)
SUBGROUP_FIELDS = (SubGroup.number, SubGroup.name, SubGroup.aliases)
PLAN_SUBGROUPS = (
    select(*SUBGROUP_FIELDS).where(SubGroup.plan_id == bindparam("plan_id")).order_by(SubGroup.id)
)
SUBGROUPS = select(SubGroup.plan_id, *SUBGROUP_FIELDS).order_by(SubGroup.id)
PLANS_WITH_MATRIX = select(Responsibility.plan_id).distinct()


class Catalogue:
    """Plans, agencies and each plan's indicators with their matcher, read from the store once
    for a batch of files (one command-line run, one upload) rather than once per file. A batch
    sees the catalogue as it stood when it first needed each part; the catalogue changes only
    through `radtrack catalogue`, never during an ingest."""

    def __init__(self) -> None:
        self._plans: dict[str, object] = {}
        self._agencies: dict[str, StoreRef] = {}
        self._matchers: dict[int, Matcher] = {}
        self._names: AgencyNames | None = None
        self._retired: dict[int, date | None] | None = None
        self._matrices: dict[int, dict[int, dict[int, bool]] | None] = {}
        self._narrative_keys: dict[int, tuple[dict, dict]] = {}
        self._complete = False  # every plan's parts read at once (read_all)

    def read_all(self, session: Session) -> None:
        """Every plan's parts at once: a handful of queries instead of several for each plan a
        file names. For a large batch (a national run names dozens of plans, a few files each);
        one upload reads only what its file needs."""
        conn = session.connection()
        self._plans = {row.code: row for row in conn.execute(ALL_PLANS)}
        indicators: dict[int, list] = {plan.id: [] for plan in self._plans.values()}
        for row in conn.execute(ALL_INDICATORS):
            indicators.setdefault(row.plan_id, []).append(row)
        subgroups: dict[int, list] = {plan_id: [] for plan_id in indicators}
        for plan_id, *rest in conn.execute(SUBGROUPS):
            subgroups.setdefault(plan_id, []).append(rest)
        with_matrix = set(conn.execute(PLANS_WITH_MATRIX).scalars())
        for plan_id, rows in indicators.items():
            self._matchers[plan_id] = Matcher(rows)
            codes = ((row.code, row.id) for row in rows)
            self._narrative_keys[plan_id] = _narrative_keys(subgroups.get(plan_id, []), codes)
            if plan_id not in with_matrix:
                self._matrices[plan_id] = None
        # and the agencies every file is checked against
        self.agency(session, "")
        self.names(session)
        self.retired_on(session, 0)
        self._complete = True

    def plan(self, session: Session, code: str):
        """The plan's id, code, years and region (a row, all a check needs), or None."""
        if code not in self._plans and not self._complete:
            found = session.connection().execute(PLAN_BY_CODE, {"code": code}).first()
            self._plans[code] = found
        return self._plans.get(code)

    def agency(self, session: Session, code: str) -> StoreRef | None:
        if not self._agencies:  # a batch names many agencies: one read of all their codes
            rows = session.connection().execute(select(Agency.id, Agency.code))
            self._agencies = {code: StoreRef(id, code) for id, code in rows}
        return self._agencies.get(code.upper())

    def names(self, session: Session) -> AgencyNames:
        """Which agency a text names (read once for the batch)."""
        if self._names is None:
            rows = session.connection().execute(
                select(Agency.code, Agency.name, Agency.aliases, Agency.region_code)
            )
            self._names = AgencyNames(rows)
        return self._names

    def retired_on(self, session: Session, agency_id: int) -> date | None:
        """When the agency left the task force (None: a member), for every agency at once."""
        if self._retired is None:
            rows = session.connection().execute(select(Agency.id, Agency.retired_on))
            self._retired = dict(rows.all())
        return self._retired.get(agency_id)

    def matrix(self, session: Session, plan) -> dict[int, dict[int, bool]] | None:
        """Who reports what in `plan` (indicators.responsibility.assignments), or None when the
        secretariat set no matrix."""
        if plan.id not in self._matrices:
            given = assignments(session, plan) if has_matrix(session, plan) else None
            self._matrices[plan.id] = given
        return self._matrices[plan.id]

    def narrative_keys(self, session: Session, plan_id: int) -> tuple[dict, dict]:
        """What a narrative row may name: bidang (by number, name and alias, folded) -> number,
        and current indicator code -> (id, its bidang's number)."""
        if plan_id not in self._narrative_keys:
            rows = session.connection().execute(PLAN_SUBGROUPS, {"plan_id": plan_id}).all()
            codes = ((row.code, row.id) for row in self._matcher(session, plan_id).indicators)
            self._narrative_keys[plan_id] = _narrative_keys(rows, codes)
        return self._narrative_keys[plan_id]

    def matcher(self, session: Session, plan: Plan) -> Matcher:
        return self._matcher(session, plan.id)

    def _matcher(self, session: Session, plan_id: int) -> Matcher:
        """The plan's current indicators (the narrative keys' codes come from them too)."""
        if plan_id not in self._matchers:
            # Plain rows, not ORM objects: a tenth of the cost, and all a match needs.
            rows = session.connection().execute(PLAN_INDICATORS, {"plan_id": plan_id})
            self._matchers[plan_id] = Matcher(list(rows))
        return self._matchers[plan_id]


def _narrative_keys(subgroup_rows, codes) -> tuple[dict, dict]:
    """Folded bidang texts (number, name, "number name", aliases) -> number, from (number,
    name, aliases) rows; current indicator code -> (id, its bidang's number), from (code, id)."""
    subgroups = {}
    for number, name, aliases in subgroup_rows:
        for text in (str(number), name, f"{number} {name}", *(aliases or [])):
            subgroups[fold(text)] = number
    by_code = {  # an indicator's code starts with its bidang's number
        code: (ind_id, int(code.split(".")[0]))
        for code, ind_id in codes
        if code.split(".")[0].isdigit()
    }
    return subgroups, by_code


# The head of an institution's letterhead: an office, a service, a foundation.
INSTITUTION = re.compile(
    r"(?:dinas|badan|kantor|kejaksaan|kepolisian|polres|polsek|pengadilan|inspektorat|"
    r"sekretariat daerah|satuan polisi|satpol|rsud|rumah sakit|puskesmas|yayasan|lembaga|lsm|"
    r"perkumpulan|komisi|balai|upt|bp3mi|bp2mi|imigrasi|kementerian|organisasi|international)\b"
)


# The first line of a national body's letterhead ("KEPOLISIAN NEGARA REPUBLIK INDONESIA" over
# "DAERAH NUSA TENGGARA TIMUR" over "RESOR TIMOR TENGAH UTARA"): the parent, not the sender.
PARENT = re.compile(r"\b(?:republik indonesia|negara|ri)$")


def resolve(
    session: Session, catalogue: Catalogue, source: Source, over: Overrides, report: Report
) -> Context:
    """Plan, agency, year and quarter: command line, else template metadata, else what the
    titles, sheet names and file name say."""
    ctx = Context()
    file, meta = source.file, source.meta
    for grid in source.grids:
        table = find_table(grid)
        if table is None and is_narrative(grid):  # words only: a sheet of figures that has a
            ctx.narrative_grids.append(grid)  # "Kendala" column stays a sheet of figures
            continue
        if table is not None:
            ctx.tables.append(table)
    if not ctx.tables:
        report.problems.append(Problem("no-data-sheet", file, detail=TABLE_COLUMNS))
        return ctx
    hints = " ".join([file_stem(file), *(t.title for t in ctx.tables)])
    if len(ctx.tables) == 1:  # one table: its sheet's name speaks for the file ("DP3A")
        hints += " " + ctx.tables[0].sheet

    # Named plans and agencies are looked up by code; only guessing from titles needs them all.
    plan_code = over.plan or meta.get("plan") or ""
    if plan_code:
        ctx.plan = catalogue.plan(session, plan_code)
        if ctx.plan is None:
            known = ", ".join(p.code for p in list_plans(session))
            report.problems.append(
                Problem("unknown-plan", file, META_SHEET, found=plan_code, expected=known)
            )
            return ctx
    elif len(plans := list_plans(session)) == 1:
        ctx.plan = plans[0]
    else:
        names = {r.code: r.name for r in session.exec(select(Region))}
        ctx.plan = plan_in(hints, plans, names) or _plan_of_agency(
            catalogue.names(session), plans, over, meta, hints, file, ctx.tables, report
        )
        if ctx.plan is None:
            if not report.errors:
                report.problems.append(Problem("missing-metadata", file, expected="plan"))
            return ctx

    agency_code = (over.agency or meta.get("agency") or "").strip()
    if agency_code:
        ctx.agency = catalogue.agency(session, agency_code)
        if ctx.agency is None:
            known = ", ".join(a.code for a in session.exec(select(Agency).order_by(Agency.code)))
            report.problems.append(
                Problem("unknown-agency", file, META_SHEET, found=agency_code, expected=known)
            )
    agencies = catalogue.names(session)
    if not agency_code:
        found = agencies.find(hints)
        ctx.agency = catalogue.agency(session, found) if found else None
        # A heading naming an institution that is no member agency ("KEJAKSAAN NEGERI TIMOR
        # TENGAH UTARA" over "... koordinasi dengan Polres TTU"): the file may be its report,
        # whatever other agency the titles mention.
        heading = next(
            (
                line
                for t in ctx.tables
                for line in t.title_lines
                if INSTITUTION.match(text := normalise(line))
                and not PARENT.search(text)
                and agencies.find(line) is None
            ),
            None,
        )
        if heading is not None:
            also = (
                Shown(f" (nama berkas atau judul juga menyebut {found})", f" (the file name or "
                      f"titles also name {found})")
                if found
                else ""
            )  # fmt: skip
            report.problems.append(
                Problem("agency-not-member", file, found=f"'{heading[:80]}'", detail=also)
            )
            return ctx
    elif ctx.agency is not None and not over.agency:
        # another agency's template, filled and named by the one reporting ("Laporan Polres
        # TTU 2021.xlsx" on the Dinas Sosial template): which one reported is not certain
        in_name = agencies.find(file_stem(file))
        if in_name is not None and in_name != ctx.agency.code:
            named = f"'{file_stem(file)}' → {in_name}; "
            found = Shown(
                f"{named}templat → {ctx.agency.code}", f"{named}template → {ctx.agency.code}"
            )
            report.problems.append(Problem("agencies-disagree", file, found=found))
    # Each sheet that names an agency (in its name or its title) must name this one: a workbook
    # of several agencies' sheets is never loaded under one of them.
    named = {
        t.sheet: found
        for t in ctx.tables
        if (found := agencies.find(t.sheet) or agencies.find(t.title))
    }
    others = {code for code in named.values() if ctx.agency is None or code != ctx.agency.code}
    if (
        not agency_code
        and ctx.agency is None
        and len(set(named.values())) > 1
        and len(named) == len(ctx.tables)
    ):
        ctx.sheet_agencies = named  # one sheet per agency, each naming its own: loaded as such
    elif others and (len(set(named.values())) > 1 or ctx.agency is not None):
        shown = "; ".join(f"'{sheet}' → {code}" for sheet, code in named.items())
        if ctx.agency is not None:
            shown += f"; {'--agency' if over.agency else 'berkas/file'} → {ctx.agency.code}"
        report.problems.append(Problem("agencies-disagree", file, found=shown))
    elif ctx.agency is None and not agency_code:
        report.problems.append(Problem("missing-metadata", file, expected="agency"))

    if ctx.agency is not None:
        # an agency of another kabupaten (a Kupang agency's file on a TTU plan, or a TTU
        # account's upload naming Kupang's plan): not a member of this plan's task force
        region, plan_region = agencies.regions.get(ctx.agency.code), ctx.plan.region_code
        if (
            region
            and plan_region
            and not (region.startswith(plan_region) or plan_region.startswith(region))
        ):
            report.problems.append(
                Problem(
                    "agency-not-in-plan",
                    file,
                    found=f"{ctx.agency.code} ({region})",
                    expected=f"{ctx.plan.code} ({plan_region})",
                )
            )
    years = range(ctx.plan.start_year, ctx.plan.end_year + 1)
    # radtrack's template writes its title from its metadata: the metadata speaks for it
    texts = [] if meta.get("year") else [t.title for t in ctx.tables]
    if len(ctx.tables) == 1:
        texts.append(ctx.tables[0].sheet)  # one table: its sheet name speaks for the file
    if meta.get("year"):  # radtrack's template: its metadata is one more source
        texts.append(
            f"tahun {meta['year']}" + (f" tw {meta['quarter']}" if meta.get("quarter") else "")
        )
    named = file_period(file, texts, years, date.today(), source.saved_on)
    if over.year is None:
        report.problems.extend(named.problems)  # a period given on the command line wins
    ctx.to_date = named.to_date
    ctx.said_to_date = named.said_to_date and not named.to_date
    if over.semester is not None:
        ctx.semester = over.semester
    elif over.quarter is None and not meta.get("quarter"):
        ctx.semester = named.semester
    hinted_year, hinted_quarter = named.year, named.quarter
    raw_year = over.year if over.year is not None else meta.get("year") or hinted_year
    if raw_year not in (None, ""):
        try:
            ctx.year = int(str(raw_year).strip())
        except ValueError:
            ctx.year = -1
        if ctx.year not in years:
            report.problems.append(
                Problem(
                    "bad-year",
                    file,
                    META_SHEET,
                    found=str(raw_year),
                    expected=f"{years.start}-{years.stop - 1}",
                )
            )
    raw_quarter = over.quarter if over.quarter is not None else meta.get("quarter") or None
    if raw_quarter in (None, "") and not meta:
        raw_quarter = hinted_quarter
    if raw_quarter not in (None, ""):
        if str(raw_quarter).strip() in {"1", "2", "3", "4"}:
            ctx.quarter = int(str(raw_quarter).strip())
        else:
            report.problems.append(Problem("bad-quarter", file, META_SHEET, found=str(raw_quarter)))
    report.plan = ctx.plan.code
    report.agency = ctx.agency.code if ctx.agency else ""
    report.year, report.quarter = ctx.year, ctx.quarter
    report.semester = ctx.semester if ctx.quarter is None else None
    return ctx


def _plan_of_agency(agencies, plans, over, meta, hints, file, tables, report):
    """The one plan of the agency's region that covers the file's year, for a file that names
    no plan in a store of several; None (with a problem naming them when several could be
    meant) when that is still not certain."""
    code = (over.agency or meta.get("agency") or "").strip().upper() or agencies.find(hints)
    region = agencies.regions.get(code) if code else None
    if region is None:
        return None
    years = range(min(p.start_year for p in plans), max(p.end_year for p in plans) + 1)
    year = over.year or (int(meta["year"]) if str(meta.get("year", "")).isdigit() else None)
    if year is None:
        year = file_period(file, [t.title for t in tables], years, date.today()).year
    fits = [
        p
        for p in plans
        if p.region_code == region and (year is None or p.start_year <= year <= p.end_year)
    ]
    if len(fits) == 1:
        return fits[0]
    if len(fits) > 1:
        shown = ", ".join(p.code for p in fits)
        report.problems.append(Problem("plan-ambiguous", file, found=code, expected=shown))
    return None


def formula_problems(data: bytes, source: Source, tables: list[Table]) -> list[Problem]:
    if not source.formula_parts:
        return []
    problems = []
    for table in tables:
        try:
            cells = formulas_without_values(data, table.sheet)
        except Exception as exc:  # the XML reader's own refusal or a broken part: this file's
            detail = f"{table.sheet}: {type(exc).__name__}: {str(exc)[:160]}"
            kind = "xml-entities" if "Forbidden" in type(exc).__name__ else "unreadable-file"
            found = table.sheet if kind == "xml-entities" else ""
            return [Problem(kind, source.file, found=found, detail=detail)]
        for cell in cells[:20]:
            letter, row = coordinate_from_string(cell)
            problems.append(
                Problem("formula-without-value", source.file, table.sheet, row, letter, found=cell)
            )
    return problems
