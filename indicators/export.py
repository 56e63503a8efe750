"""Researcher exports: stable tables with the source of every figure, as CSV, XLSX, JSON and a
Frictionless data package. The column contract below is the single source for the files, the
Table Schemas, the README data dictionary and the HTTP API.

Demo data is left out unless asked for, and marked `is_demo` when included.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlmodel import Session, select

from indicators.bands import BAND_KEYS, NO_REPORT, NO_TARGET, SUPPRESSED, predicate
from indicators.disclosure import K_SOURCE as DISCLOSURE_SOURCE
from indicators.disclosure import cell_of, merge_rows, threshold
from indicators.models import (
    Achievement,
    Activity,
    Agency,
    Indicator,
    Plan,
    Programme,
    Region,
    SubGroup,
    Submission,
)
from indicators.progress import capaian
from indicators.queries import (
    context_figures,
    get_plan,
    list_plans,
    plan_release,
    status_table,
    year_target_for,
)


@dataclass(frozen=True)
class Col:
    """One exported column: Table Schema type, descriptions (English, Indonesian), constraints."""

    name: str
    type: str
    en: str
    id: str
    label_id: str
    constraints: dict | None = None


KINDS = ["cumulative", "recurring", "percentage", "milestone"]
BANDS = [*BAND_KEYS, NO_TARGET.key]
STATUS_BANDS = [*BAND_KEYS, NO_REPORT.key, NO_TARGET.key, SUPPRESSED.key]

_PLAN = Col("plan", "string", "Plan (RAD) code", "Kode RAD", "RAD", {"required": True})
_REGION = Col(
    "region_code",
    "string",
    "Kemendagri region code of the plan, as text (53.03)",
    "Kode wilayah Kemendagri RAD, sebagai teks (53.03)",
    "Kode wilayah",
)
_SG_NO = Col(
    "subgroup_number", "integer", "Sub-group (bidang) number", "Nomor bidang", "No. bidang"
)
_SG = Col("subgroup", "string", "Sub-group (bidang) name", "Nama bidang", "Bidang")
_PR_L = Col(
    "programme_letter", "string", "Programme letter (a, b, ...)", "Huruf program", "Huruf program"
)
_PR = Col("programme", "string", "Programme name", "Nama program", "Program")
_AC_NO = Col(
    "activity_number",
    "integer",
    "Activity number within the programme",
    "Nomor kegiatan dalam program",
    "No. kegiatan",
)
_AC = Col("activity", "string", "Activity name", "Nama kegiatan", "Kegiatan")
_CODE = Col(
    "indicator_code",
    "string",
    "Stable indicator code within the plan: bidang.programme.activity.indicator",
    "Kode indikator yang tetap dalam RAD: bidang.program.kegiatan.indikator",
    "Kode",
    {"required": True},
)
_IND = Col(
    "indicator",
    "string",
    "Indicator statement as written in the RAD",
    "Pernyataan indikator sesuai RAD",
    "Indikator",
)
_UNIT = Col(
    "unit",
    "string",
    "Unit of the target and the achievement",
    "Satuan target dan capaian",
    "Satuan",
)
_KIND = Col(
    "kind",
    "string",
    "How values add up: cumulative (sum over years), recurring (a target each year), "
    "percentage (latest value), milestone (done or not)",
    "Cara nilai dijumlahkan: kumulatif, tahunan, persentase (nilai terakhir), tonggak "
    "(sudah/belum)",
    "Jenis",
    {"enum": KINDS},
)
_DIR = Col(
    "direction",
    "string",
    "higher (more is better) or lower (cases, victims)",
    "higher (makin tinggi makin baik) atau lower (kasus, korban)",
    "Arah",
    {"enum": ["higher", "lower"]},
)
_PLAN_TARGET = Col(
    "plan_target",
    "number",
    "Target as the RAD states it: plan-period total (cumulative), per year "
    "(recurring), a percentage, or 1 (milestone)",
    "Target sesuai RAD: total periode (kumulatif), per tahun (tahunan), persen, atau 1 (tonggak)",
    "Target RAD",
)

_WITHHELD = Col(
    "withheld",
    "boolean",
    "true where a count of a sensitive indicator (victims, cases) is withheld from this public "
    "export: below the plan's threshold k, or a figure that would give such a count away",
    "true bila angka indikator sensitif (korban, kasus) dirahasiakan dalam ekspor publik ini: "
    "kurang dari ambang k RAD, atau angka yang dapat membuka angka kecil itu",
    "Dirahasiakan",
    {"required": True},
)
_RETIRED = Col(
    "indicator_retired",
    "boolean",
    "true when a revised RAD dropped the indicator: its figures are kept here, and it is left "
    "out of the current plan's progress and pages",
    "true bila RAD yang direvisi menghapus indikator ini: angkanya tetap disimpan di sini, "
    "tetapi tidak lagi dihitung dalam kemajuan dan halaman RAD saat ini",
    "Indikator dipensiunkan",
    {"required": True},
)

# Where a row sits in the RAD, the same in every table that names an indicator.
RAD_CONTEXT = [
    _PLAN,
    _REGION,
    _SG_NO,
    _SG,
    _PR_L,
    _PR,
    _AC_NO,
    _AC,
    _CODE,
    _IND,
    _UNIT,
    _KIND,
    _DIR,
]

ACHIEVEMENTS = [
    Col(
        "id",
        "integer",
        "Row id in this export (the store's achievement id)",
        "Nomor baris dalam ekspor ini",
        "ID",
        {"required": True, "unique": True},
    ),
    *RAD_CONTEXT,
    Col(
        "agency",
        "string",
        "Code of the reporting agency",
        "Kode instansi pelapor",
        "Instansi",
        {"required": True},
    ),
    Col("year", "integer", "Year the figure is for", "Tahun capaian", "Tahun", {"required": True}),
    Col(
        "quarter",
        "integer",
        "Quarter (triwulan 1-4); empty for an annual figure",
        "Triwulan 1-4; kosong untuk capaian tahunan",
        "Triwulan",
        {"minimum": 1, "maximum": 4},
    ),
    Col(
        "semester",
        "integer",
        "Semester (1: January-June, 2: July-December) of a six-monthly figure; empty otherwise",
        "Semester (1: Januari-Juni, 2: Juli-Desember) untuk capaian enam bulanan; kosong bila "
        "bukan",
        "Semester",
        {"minimum": 1, "maximum": 2},
    ),
    Col(
        "sex",
        "string",
        "Sex disaggregation: L (male) or P (female); empty if not disaggregated",
        "Pilah jenis kelamin: L atau P; kosong bila tidak dipilah",
        "Jenis kelamin",
        {"enum": ["L", "P"]},
    ),
    Col(
        "age_group",
        "string",
        "Age-group disaggregation as reported",
        "Kelompok umur",
        "Kelompok umur",
    ),
    Col(
        "kecamatan",
        "string",
        "Kecamatan (sub-district) disaggregation as reported",
        "Pilah kecamatan",
        "Kecamatan",
    ),
    Col(
        "target",
        "number",
        "The indicator's target for that year alone (a cumulative plan target spread evenly)",
        "Target indikator untuk tahun itu saja (target kumulatif dibagi rata)",
        "Target tahun",
    ),
    _PLAN_TARGET,
    Col(
        "achievement",
        "number",
        "The figure the agency reported (milestones: 1 done, 0 not yet)",
        "Capaian yang dilaporkan instansi (tonggak: 1 sudah, 0 belum)",
        "Capaian",
    ),
    Col(
        "capaian",
        "number",
        "This figure as a percentage of that year's target (lower-is-better: (2T - R) / T)",
        "Capaian ini sebagai persen target tahun itu (arah lower: (2T - R) / T)",
        "Capaian (%)",
    ),
    Col(
        "band",
        "string",
        "Predicate band of capaian (Permendagri 86/2017)",
        "Predikat capaian (Permendagri 86/2017)",
        "Predikat",
        {"enum": BANDS},
    ),
    Col(
        "budget",
        "number",
        "Budget (pagu) in rupiah",
        "Pagu anggaran (Rp)",
        "Pagu (Rp)",
        {"minimum": 0},
    ),
    Col(
        "spent",
        "number",
        "Spending (realisasi anggaran) in rupiah",
        "Realisasi anggaran (Rp)",
        "Realisasi anggaran (Rp)",
        {"minimum": 0},
    ),
    Col("note", "string", "The agency's note", "Keterangan instansi", "Keterangan"),
    Col(
        "source_file",
        "string",
        "Name of the uploaded file the figure came from",
        "Nama berkas asal angka",
        "Berkas sumber",
    ),
    Col("source_sheet", "string", "Sheet of that file", "Lembar berkas itu", "Lembar sumber"),
    Col("source_row", "integer", "Row of that sheet", "Baris lembar itu", "Baris sumber"),
    Col(
        "submitted_at",
        "datetime",
        "When the file was loaded (UTC)",
        "Waktu berkas dimuat (UTC)",
        "Waktu unggah",
    ),
    Col(
        "is_demo",
        "boolean",
        "true for illustrative demo data, which is not a real achievement",
        "true untuk data demo ilustrasi, bukan capaian nyata",
        "Data demo",
        {"required": True},
    ),
    _RETIRED,
    _WITHHELD,
]

PROGRESS = [
    _PLAN,
    _SG_NO,
    _SG,
    _CODE,
    _IND,
    _UNIT,
    _KIND,
    _PLAN_TARGET,
    Col("year", "integer", "Plan year", "Tahun RAD", "Tahun", {"required": True}),
    Col(
        "expected",
        "number",
        "What should have been reached by the end of the year",
        "Target yang mestinya tercapai sampai akhir tahun",
        "Target s.d. tahun",
    ),
    Col(
        "realised",
        "number",
        "What all agencies together reached, by the indicator's kind",
        "Capaian semua instansi, menurut jenis indikator",
        "Capaian",
    ),
    Col("capaian", "number", "realised / expected x 100", "capaian / target x 100", "Capaian (%)"),
    Col(
        "band",
        "string",
        "Predicate band; no_report when nothing was reported that year; suppressed when withheld "
        "from a public export",
        "Predikat; no_report bila tidak ada laporan tahun itu",
        "Predikat",
        {"enum": STATUS_BANDS, "required": True},
    ),
    Col(
        "reporters",
        "string",
        "Agencies that reported, comma-separated",
        "Instansi yang melapor",
        "Pelapor",
    ),
    _WITHHELD,
]

CATALOGUE = [
    *RAD_CONTEXT,
    _PLAN_TARGET,
    Col(
        "note",
        "string",
        "How an ambiguity in the RAD text was decided",
        "Keputusan atas bagian RAD yang ambigu",
        "Catatan",
    ),
    _RETIRED,
]

AGENCIES = [
    Col("code", "string", "Agency code", "Kode instansi", "Kode", {"required": True}),
    Col("name", "string", "Agency name", "Nama instansi", "Nama"),
    Col(
        "kind",
        "string",
        "government, police, ngo or international",
        "pemerintah, polisi, LSM atau internasional",
        "Jenis",
        {"enum": ["government", "police", "ngo", "international"]},
    ),
    Col("region_code", "string", "Kemendagri code of its region", "Kode wilayah", "Kode wilayah"),
    Col(
        "source",
        "string",
        "Where the agency is named as a task-force member",
        "Sumber penyebutan sebagai anggota gugus tugas",
        "Sumber",
    ),
]

REGIONS = [
    Col(
        "code",
        "string",
        "Kemendagri region code, as text",
        "Kode wilayah Kemendagri",
        "Kode",
        {"required": True},
    ),
    Col("name", "string", "Region name", "Nama wilayah", "Nama"),
    Col(
        "level",
        "string",
        "provinsi, kabupaten or kota",
        "provinsi, kabupaten atau kota",
        "Tingkat",
        {"enum": ["provinsi", "kabupaten", "kota"]},
    ),
    Col("parent_code", "string", "Code of the province", "Kode provinsi", "Induk"),
]

CONTEXT = [
    Col(
        "region_code",
        "string",
        "Kemendagri region code",
        "Kode wilayah",
        "Kode wilayah",
        {"required": True},
    ),
    Col(
        "measure",
        "string",
        "cases_reported, cases_resolved, victims, deaths_total/legal/illegal, migrants_intercepted",
        "Ukuran",
        "Ukuran",
        {"required": True},
    ),
    Col("year", "integer", "Year", "Tahun", "Tahun", {"required": True}),
    Col("value", "number", "The published figure", "Angka yang dipublikasikan", "Nilai"),
    Col("unit", "string", "Unit", "Satuan", "Satuan"),
    Col(
        "period",
        "string",
        "Period the figure covers (may be part of a year)",
        "Periode yang dicakup",
        "Periode",
    ),
    Col(
        "note",
        "string",
        "What the figure counts, as the source says",
        "Apa yang dihitung, menurut sumber",
        "Keterangan",
    ),
    Col(
        "citation",
        "string",
        "The publication the figure is taken from",
        "Publikasi sumber angka",
        "Sitasi",
        {"required": True},
    ),
]

TABLES: dict[str, list[Col]] = {
    "achievements": ACHIEVEMENTS,
    "indicator_progress": PROGRESS,
    "catalogue": CATALOGUE,
    "agencies": AGENCIES,
    "regions": REGIONS,
    "context_figures": CONTEXT,
}
TITLES = {
    "achievements": ("Achievements", "Capaian"),
    "indicator_progress": ("Indicator progress per year", "Kemajuan indikator per tahun"),
    "catalogue": ("RAD catalogue", "Katalog RAD"),
    "agencies": ("Agencies", "Instansi"),
    "regions": ("Regions", "Wilayah"),
    "context_figures": ("Context figures from publications", "Angka konteks dari publikasi"),
}
PRIMARY_KEYS = {
    "achievements": ["id"],
    "indicator_progress": ["plan", "indicator_code", "year"],
    "catalogue": ["plan", "indicator_code"],
    "agencies": ["code"],
    "regions": ["code"],
    "context_figures": ["region_code", "measure", "year"],
}
FOREIGN_KEYS = {
    "achievements": [
        (["plan", "indicator_code"], "catalogue", ["plan", "indicator_code"]),
        (["agency"], "agencies", ["code"]),
        (["region_code"], "regions", ["code"]),
    ],
    "indicator_progress": [(["plan", "indicator_code"], "catalogue", ["plan", "indicator_code"])],
    "catalogue": [(["region_code"], "regions", ["code"])],
    "context_figures": [(["region_code"], "regions", ["code"])],
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


@dataclass
class Filters:
    """What a researcher asked for. Demo data is out unless include_demo is set."""

    plan: str | None = None
    year: int | None = None
    subgroup: int | None = None
    agency: str | None = None
    include_demo: bool = False
    quarter: int | None = None  # with a year: the triwulan (statuses as at its end)
    # The plans the asker may see (None: every plan); set by the web app for anonymous visitors.
    allowed: frozenset[str] | None = None
    # As anonymous visitors may see it: small counts of sensitive indicators withheld
    # (indicators.disclosure); set by the web app for them.
    public: bool = False

    def as_dict(self) -> dict:
        """The filters as JSON-ready values (what was asked, not who may see what)."""
        return {k: v for k, v in self.__dict__.items() if k not in ("allowed", "public")}


def _plans(session: Session, filters: Filters) -> list[Plan]:
    allowed = filters.allowed
    if filters.plan:
        plan = get_plan(session, filters.plan)
        if plan is None or (allowed is not None and plan.code not in allowed):
            raise LookupError(f"unknown plan '{filters.plan}'")  # unpublished looks unknown
        return [plan]
    return [p for p in list_plans(session) if allowed is None or p.code in allowed]


def _rad_context(plan, sg, prog, act, ind) -> dict:
    """The RAD_CONTEXT columns of one indicator."""
    return {
        "plan": plan.code,
        "region_code": plan.region_code,
        "subgroup_number": sg.number,
        "subgroup": sg.name,
        "programme_letter": prog.letter,
        "programme": prog.name,
        "activity_number": act.number,
        "activity": act.name,
        "indicator_code": ind.code,
        "indicator": ind.statement,
        "unit": ind.unit,
        "kind": ind.kind.value,
        "direction": ind.direction.value,
    }


def achievements(session: Session, filters: Filters) -> pd.DataFrame:
    """One row per counted figure, with its target, capaian, band and source."""
    plan_ids = [p.id for p in _plans(session, filters)]
    query = (
        select(Achievement, Indicator, Activity, Programme, SubGroup, Plan, Agency, Submission)
        .join(Indicator, Achievement.indicator_id == Indicator.id)
        .join(Activity, Indicator.activity_id == Activity.id)
        .join(Programme, Activity.programme_id == Programme.id)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .join(Plan, Indicator.plan_id == Plan.id)
        .join(Agency, Achievement.agency_id == Agency.id)
        .join(Submission, Achievement.submission_id == Submission.id)
        .where(Plan.id.in_(plan_ids))
        .order_by(
            Plan.code,
            Indicator.position,
            Agency.code,
            Achievement.year,
            Achievement.quarter,
            Achievement.id,
        )
    )
    if filters.year is not None:
        query = query.where(Achievement.year == filters.year)
    if filters.subgroup is not None:
        query = query.where(SubGroup.number == filters.subgroup)
    if filters.agency:
        query = query.where(Agency.code == filters.agency.upper())
    if filters.quarter is not None:
        query = query.where(Achievement.quarter == filters.quarter)
    if not filters.include_demo:
        query = query.where(Achievement.is_demo == False)  # noqa: E712  (SQL comparison)
    records = []
    releases = {}
    for ach, ind, act, prog, sg, plan, agency, sub in session.exec(query):
        if filters.public and plan.id not in releases:
            releases[plan.id] = plan_release(session, plan)
        target = year_target_for(ind, plan, ach.year)
        value = None
        band = None
        if ach.value is not None and target:
            value = capaian(ach.value, target, ind.direction)
            band = predicate(value).key
        elif ach.value is not None:
            band = NO_TARGET.key
        records.append(
            {
                "id": ach.id,
                **_rad_context(plan, sg, prog, act, ind),
                "agency": agency.code,
                "year": ach.year,
                "quarter": ach.quarter,
                "semester": ach.semester,
                "sex": ach.sex,
                "age_group": ach.age_group,
                "kecamatan": ach.kecamatan,
                "target": target,
                "plan_target": ind.target,
                "achievement": ach.value,
                "capaian": value,
                "band": band,
                "budget": ach.budget,
                "spent": ach.spent,
                "note": ach.note,
                "source_file": sub.file_name,
                "source_sheet": ach.source_sheet,
                "source_row": ach.source_row,
                "submitted_at": _utc(sub.uploaded_at),
                "is_demo": bool(ach.is_demo),
                "indicator_retired": ind.retired_at is not None,
                "withheld": False,
                "_cell": (plan, ind, cell_of(plan, agency.code, ach)),
            }
        )
    if filters.public:
        records = _public_rows(records, releases)
    return _frame(records, ACHIEVEMENTS)


def _public_rows(records: list[dict], releases: dict) -> list[dict]:
    """The achievements of sensitive indicators as anonymous visitors may see them: one row per
    public cell (disclosure.merge_rows), withheld counts blank, capaian of a merged cell anew."""

    def key_of(r):
        plan, ind, cell = r["_cell"]
        return (plan.id, ind.code, cell) if ind.code in releases[plan.id].sensitive else None

    amounts = ("achievement", "budget", "spent")
    out = []
    for key, r in merge_rows(
        records, key_of, amounts, "source_file", ("source_sheet", "source_row")
    ):
        out.append(r)
        if key is None:
            continue
        plan, ind, _ = r["_cell"]
        if r["achievement"] is not None and releases[plan.id].withheld(ind.code, key[-1].key()):
            r.update(achievement=None, capaian=None, band=None, withheld=True)
        elif r["achievement"] is not None and r["target"]:
            r["capaian"] = capaian(r["achievement"], r["target"], ind.direction)
            r["band"] = predicate(r["capaian"]).key
    return out


def indicator_progress(session: Session, filters: Filters) -> pd.DataFrame:
    """One row per indicator and plan year with its status: all agencies together, or one
    agency's contribution (`agency`), as at the end of a triwulan with `year` and `quarter`:
    the figures the dashboard shows for the same choice."""
    frames = []
    for plan in _plans(session, filters):
        years = [filters.year] if filters.year else range(plan.start_year, plan.end_year + 1)
        for year in years:
            table = status_table(
                session,
                plan,
                year,
                include_demo=filters.include_demo,
                agency=filters.agency.upper() if filters.agency else None,
                quarter=filters.quarter if filters.year else None,
                public=filters.public,
            )
            table["withheld"] = table["band"] == SUPPRESSED.key
            table = table.rename(
                columns={
                    "code": "indicator_code",
                    "statement": "indicator",
                    "target": "plan_target",
                }
            )
            table["plan"] = plan.code
            frames.append(table)
    if not frames:
        return _frame([], PROGRESS)
    table = pd.concat(frames, ignore_index=True)
    if filters.subgroup is not None:
        table = table[table["subgroup_number"] == filters.subgroup]
    table["reporters"] = table["reporters"].replace("", None)
    return _frame(table.to_dict("records"), PROGRESS)


def catalogue(session: Session, filters: Filters) -> pd.DataFrame:
    """The RAD rows themselves."""
    plan_ids = [p.id for p in _plans(session, filters)]
    query = (
        select(Indicator, Activity, Programme, SubGroup, Plan)
        .join(Activity, Indicator.activity_id == Activity.id)
        .join(Programme, Activity.programme_id == Programme.id)
        .join(SubGroup, Programme.subgroup_id == SubGroup.id)
        .join(Plan, Indicator.plan_id == Plan.id)
        .where(Plan.id.in_(plan_ids))
        .order_by(Plan.code, Indicator.position)
    )
    if filters.subgroup is not None:
        query = query.where(SubGroup.number == filters.subgroup)
    records = [
        {
            **_rad_context(plan, sg, prog, act, ind),
            "plan_target": ind.target,
            "note": ind.note or None,
            "indicator_retired": ind.retired_at is not None,
        }
        for ind, act, prog, sg, plan in session.exec(query)
    ]
    return _frame(records, CATALOGUE)


def agencies(session: Session, filters: Filters) -> pd.DataFrame:
    """Every agency (for a reader of some plans only, those of their regions and those of no
    region: an unpublished plan's members are no more public than its figures)."""
    rows = list(session.exec(select(Agency).order_by(Agency.code)))
    if filters.allowed is not None:
        regions = {p.region_code for p in list_plans(session) if p.code in filters.allowed}
        rows = [a for a in rows if a.region_code is None or a.region_code in regions]
    return _frame([a.model_dump() for a in rows], AGENCIES)


def regions(session: Session, filters: Filters) -> pd.DataFrame:
    """NTT province and its kabupaten/kota."""
    rows = session.exec(select(Region).order_by(Region.code))
    return _frame([r.model_dump() for r in rows], REGIONS)


def context(session: Session, filters: Filters) -> pd.DataFrame:
    """Published context figures with their citations."""
    return _frame(context_figures(session).to_dict("records"), CONTEXT)


BUILDERS = {
    "achievements": achievements,
    "indicator_progress": indicator_progress,
    "catalogue": catalogue,
    "agencies": agencies,
    "regions": regions,
    "context_figures": context,
}


def table(session: Session, name: str, filters: Filters) -> pd.DataFrame:
    """Export table `name` (see TABLES) under `filters`."""
    if name not in BUILDERS:
        raise LookupError(f"unknown table '{name}'; tables: {', '.join(BUILDERS)}")
    return BUILDERS[name](session, filters)


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; they were stored in UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}


def _frame(records: list[dict], columns: list[Col]) -> pd.DataFrame:
    names = [c.name for c in columns]
    frame = (
        pd.DataFrame.from_records(records, columns=names)
        if records
        else pd.DataFrame(columns=names)
    )
    frame = frame[names]
    for col in columns:
        if col.type in PANDAS_TYPES:
            frame[col.name] = frame[col.name].astype(PANDAS_TYPES[col.type])
        else:
            frame[col.name] = frame[col.name].astype("object").where(frame[col.name].notna(), None)
    return frame


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe, in every
    column that may hold text (object, pandas' string and category dtypes alike)."""
    safe = frame.copy()
    for name in safe.columns:
        dtype = safe[name].dtype
        if not (
            pd.api.types.is_numeric_dtype(dtype)
            or pd.api.types.is_bool_dtype(dtype)
            or pd.api.types.is_datetime64_any_dtype(dtype)
        ):
            safe[name] = safe[name].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v
            )
    return safe


def to_csv(frame: pd.DataFrame, bom: bool = False) -> bytes:
    """CSV bytes: raw numbers with a dot decimal, ISO times, formulas neutralised."""
    text = neutralise(frame).to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig" if bom else "utf-8")


def labels(name: str, lang: str) -> dict[str, str]:
    """Column labels of table `name`: Indonesian ('id') or English ('en', the column names)."""
    if lang == "en":
        return {c.name: c.name for c in TABLES[name]}
    return {c.name: c.label_id for c in TABLES[name]}


def to_xlsx(frames: dict[str, pd.DataFrame], lang: str = "id") -> bytes:
    """An XLSX workbook, one sheet per table, labels in Indonesian or English, same data."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            title = TITLES[name][0 if lang == "en" else 1][:31]
            out = neutralise(frame).rename(columns=labels(name, lang))
            out.to_excel(writer, sheet_name=title, index=False)
    return buffer.getvalue()


def to_json(name: str, frame: pd.DataFrame, filters: Filters) -> bytes:
    """{"ok": true, "table": ..., "filters": ..., "columns": [...], "rows": [...]}."""
    body = {
        "ok": True,
        "table": name,
        "filters": filters.as_dict(),
        "columns": [c.name for c in TABLES[name]],
        "rows": json.loads(frame.to_json(orient="records", date_format="iso")),
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def schema(name: str) -> dict:
    """The Table Schema of table `name`."""
    fields = []
    for col in TABLES[name]:
        field = {
            "name": col.name,
            "title": col.label_id,
            "type": col.type,
            "description": f"{col.en} / {col.id}",
        }
        if col.constraints:
            field["constraints"] = dict(col.constraints)
        if col.type == "boolean":
            field["trueValues"] = ["True", "true"]
            field["falseValues"] = ["False", "false"]
        fields.append(field)
    descriptor = {"fields": fields, "primaryKey": PRIMARY_KEYS[name], "missingValues": [""]}
    keys = FOREIGN_KEYS.get(name, [])
    if keys:
        descriptor["foreignKeys"] = [
            {"fields": own, "reference": {"resource": resource, "fields": theirs}}
            for own, resource, theirs in keys
        ]
    return descriptor


def write_datapackage(
    session: Session,
    directory: Path,
    filters: Filters,
    license: dict | None = None,
) -> Path:
    """A Frictionless data package in `directory`: one CSV per table, datapackage.json with a
    Table Schema per resource, and a README data dictionary."""
    from frictionless import Package

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    plans = _plans(session, filters)
    resources = []
    for name in TABLES:
        frame = table(session, name, filters)
        (directory / f"{name}.csv").write_bytes(to_csv(frame))
        resources.append(
            {
                "name": name,
                "title": f"{TITLES[name][0]} / {TITLES[name][1]}",
                "path": f"{name}.csv",
                "format": "csv",
                "encoding": "utf-8",
                "schema": schema(name),
            }
        )
    citation = " ; ".join(f"{p.code}: {p.citation}" for p in plans if p.citation)
    descriptor = {
        "name": "radtrack-rad-achievements",
        "title": "RAD PP-TPPO achievements / Capaian RAD PP-TPPO",
        "description": (
            "Target versus achievement of the regional action plans (RAD) of Indonesian "
            "anti-trafficking task forces, with the source file, sheet and row of every figure. "
            + (
                "Includes DEMO data (is_demo = true), which is illustrative, not real. "
                if filters.include_demo
                else "Demo data excluded. "
            )
            + _suppression_text(session, plans, filters)
            + "Filters: "
            + json.dumps(filters.as_dict())
        ),
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [license or DEFAULT_LICENSE],
        "sources": [{"title": p.citation} for p in plans if p.citation],
        "citation": citation,
        "resources": resources,
    }
    Package.from_descriptor(descriptor, basepath=str(directory))  # checks the metadata
    (directory / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (directory / "README.md").write_text(data_dictionary(descriptor), encoding="utf-8")
    return directory


def _suppression_text(session: Session, plans: list[Plan], filters: Filters) -> str:
    """What a public data package withheld and why (empty for signed-in readers)."""
    if not filters.public:
        return ""
    parts = []
    for plan in plans:
        release = plan_release(session, plan)
        if release.sensitive:
            parts.append(
                f"{plan.code}: indicators {', '.join(sorted(release.sensitive))} count victims or "
                f"cases; counts below k = {threshold(plan)} are withheld (withheld = true), and so "
                "is any other figure that would give one away"
                + ("" if plan.publish_kecamatan else "; kecamatan detail is not published")
                + ". "
            )
    if not parts:
        return ""
    return (
        "PUBLIC EXPORT: " + "".join(parts) + f"Threshold source: {DISCLOSURE_SOURCE}. "
        "Signed-in users of the task force see every figure. "
    )


def data_dictionary(descriptor: dict) -> str:
    """The README of a data package: what it is, its licence and citation, every column."""
    lines = [
        f"# {descriptor['title']}",
        "",
        descriptor["description"],
        "",
        f"Licence: {descriptor['licenses'][0]['title']} ({descriptor['licenses'][0]['path']})",
        "",
        f"Cite as: {descriptor['citation'] or '-'}",
        "",
    ]
    for resource in descriptor["resources"]:
        lines += [f"## {resource['path']}: {resource['title']}", ""]
        lines += ["| column | type | description |", "|---|---|---|"]
        for field in resource["schema"]["fields"]:
            lines.append(f"| `{field['name']}` | {field['type']} | {field['description']} |")
        lines += ["", f"Primary key: {', '.join(resource['schema']['primaryKey'])}", ""]
    return "\n".join(lines)


def zip_directory(directory: Path) -> bytes:
    """A directory as zip bytes (for downloading a data package)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(Path(directory).iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()
