"""The agency reporting template: the RAD's indicators locked, cells to fill, data validation.

A hidden sheet `radtrack` names plan, agency, year and quarter, so the filled file loads back
without anyone retyping them.
"""

import io
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlmodel import Session, select

from indicators.agencies import active_on
from indicators.compliance import period_end, period_start
from indicators.models import Agency, Kind, Plan
from indicators.queries import indicator_rows, plan_agencies, planned_year_target
from indicators.responsibility import assignments, has_matrix
from indicators.vocabulary import KIND_LABELS

TEMPLATE_VERSION = "1"
DATA_SHEET = "Laporan"
META_SHEET = "radtrack"
HEADER_ROW = 7

# (key, Indonesian header, width); the reader finds columns by these headers.
COLUMNS = [
    ("code", "Kode", 10),
    ("subgroup", "Bidang", 22),
    ("programme", "Program", 30),
    ("activity", "Kegiatan", 34),
    ("statement", "Indikator", 60),
    ("unit", "Satuan", 11),
    ("kind", "Jenis", 14),
    ("plan_target", "Target RAD", 11),
    ("year_target", "Target tahun ini", 12),
    ("value", "Capaian", 12),
    ("budget", "Pagu (Rp)", 16),
    ("spent", "Realisasi Anggaran (Rp)", 16),
    ("note", "Keterangan", 30),
]
INPUT_KEYS = ("value", "budget", "spent", "note")
INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
OTHER_FILL = PatternFill("solid", fgColor="EDEDED")  # the optional rows' locked cells
SECTION_FILL = PatternFill("solid", fgColor="D9E1F2")


def _column(key: str) -> str:
    index = [c[0] for c in COLUMNS].index(key) + 1
    return get_column_letter(index)


def _validation(kind: str) -> DataValidation:
    if kind == Kind.MILESTONE:
        dv = DataValidation(type="list", formula1='"Sudah,Belum"', allow_blank=True)
        dv.error = "Isi Sudah atau Belum."
    elif kind == Kind.PERCENTAGE:
        dv = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
        )
        dv.error = "Isi persentase 0 sampai 100 (tanpa tanda %)."
    else:
        dv = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        dv.error = "Isi bilangan 0 atau lebih."
    dv.errorTitle = "Nilai tidak valid"
    dv.showErrorMessage = True
    return dv


def write_template(
    session: Session,
    plan: Plan,
    agency: Agency,
    year: int,
    path: Path,
    quarter: int | None = None,
) -> Path:
    """Write the reporting workbook for `agency` and period (`year`, `quarter`) to `path`.

    With a responsibility matrix, the agency's own indicators come first (its leads marked),
    then a line, then every other indicator, optional, greyed."""
    rows = indicator_rows(session, plan)
    mine = assignments(session, plan).get(agency.id, {}) if has_matrix(session, plan) else None
    if mine is not None:
        rows = [r for r in rows if r["indicator_id"] in mine] + [
            None,  # the line between the agency's indicators and the others
            *(r for r in rows if r["indicator_id"] not in mine),
        ]
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    period = f"{year}" if quarter is None else f"{year} triwulan {quarter}"
    ws["A1"] = "LAPORAN CAPAIAN RAD GUGUS TUGAS PP-TPPO"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = plan.title
    ws["A3"] = f"Instansi: {agency.code} - {agency.name}"
    ws["A4"] = f"Periode: {period}"
    ws["A5"] = (
        f"Isi kolom kuning dengan capaian periode {period} saja (bukan akumulasi tahun "
        "sebelumnya). Indikator tonggak: Sudah/Belum. Persentase: 0-100. Kosongkan bila tidak "
        "ada laporan; jangan isi 0 untuk 'tidak tahu'."
    )
    ws["A5"].alignment = Alignment(wrap_text=False)
    if mine is not None:
        leads = sum(mine.values())
        ws["A6"] = (
            f"Indikator tanggung jawab {agency.code}: {len(mine)} (utama: {leads}), di bagian "
            "atas. Indikator lain di bawah garis boleh diisi bila instansi Anda juga "
            "melaksanakannya (opsional)."
        )
        ws["A6"].font = Font(italic=True)

    for index, (_key, header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = width

    validations = {kind: _validation(kind) for kind in Kind}
    money = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
    )
    money.error = "Isi jumlah rupiah 0 atau lebih, tanpa 'Rp' dan titik."
    money.errorTitle = "Nilai tidak valid"
    money.showErrorMessage = True

    optional = False
    for offset, row in enumerate(rows, start=1):
        r = HEADER_ROW + offset
        if row is None:
            optional = True
            cell = ws.cell(r, 2, "Indikator lain (opsional)")
            cell.font = Font(bold=True, italic=True)
            for c in range(1, len(COLUMNS) + 1):
                ws.cell(r, c).fill = SECTION_FILL
            continue
        ind = row["indicator"]
        year_target = planned_year_target(ind, plan, year)
        milestone = row["kind"] == Kind.MILESTONE
        values = {
            "code": row["code"],
            "subgroup": f"{row['subgroup_number']}. {row['subgroup']}",
            "programme": f"{row['programme_letter']}. {row['programme']}",
            "activity": f"{row['activity_number']}. {row['activity']}",
            "statement": row["statement"],
            "unit": row["unit"],
            "kind": KIND_LABELS[row["kind"]][0],
            "plan_target": "Sudah" if milestone else row["target"],
            "year_target": "Sudah" if milestone else year_target,
        }
        for key, value in values.items():
            cell = ws[f"{_column(key)}{r}"]
            cell.value = value
            cell.alignment = Alignment(wrap_text=key in ("statement", "activity", "programme"))
            if optional:
                cell.fill = OTHER_FILL
            elif mine and mine.get(row["indicator_id"]) and key == "code":
                cell.font = Font(bold=True)  # the agency leads this indicator
        for key in INPUT_KEYS:
            cell = ws[f"{_column(key)}{r}"]
            cell.protection = Protection(locked=False)
            cell.fill = INPUT_FILL
        validations[row["kind"]].add(f"{_column('value')}{r}")
        money.add(f"{_column('budget')}{r}:{_column('spent')}{r}")
        for key in ("year_target", "budget", "spent"):
            ws[f"{_column(key)}{r}"].number_format = "#,##0.##"

    for dv in [*validations.values(), money]:
        if dv.sqref:
            ws.add_data_validation(dv)
    ws.freeze_panes = ws[f"B{HEADER_ROW + 1}"]
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False

    _narrative_sheet(wb, rows, period)

    meta = wb.create_sheet(META_SHEET)
    for r, (key, value) in enumerate(
        [
            ("template_version", TEMPLATE_VERSION),
            ("plan", plan.code),
            ("agency", agency.code),
            ("year", year),
            ("quarter", quarter if quarter is not None else ""),
            ("header_row", HEADER_ROW),
        ],
        start=1,
    ):
        meta.cell(row=r, column=1, value=key)
        meta.cell(row=r, column=2, value=value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


NARRATIVE_SHEET = "Narasi"
NARRATIVE_COLUMNS = [
    ("Bidang", 34),
    ("Kode indikator (opsional)", 14),
    ("Faktor pendorong", 45),
    ("Faktor penghambat", 45),
    ("Tindak lanjut", 45),
]


def _narrative_sheet(wb: Workbook, rows: list, period: str) -> None:
    """The optional 'Narasi' sheet: per bidang, what helped, what hindered, what comes next."""
    ws = wb.create_sheet(NARRATIVE_SHEET)
    ws["A1"] = f"NARASI CAPAIAN PERIODE {period.upper()} (opsional)"
    ws["A1"].font = Font(bold=True)
    ws["A2"] = (
        "Per bidang: faktor pendorong, faktor penghambat (kendala) dan tindak lanjut. Isi kode "
        "indikator bila teks hanya tentang satu indikator; tambahkan baris bila perlu."
    )
    head = 4
    for c, (text, width) in enumerate(NARRATIVE_COLUMNS, start=1):
        cell = ws.cell(head, c, text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = width
    bidang = list(dict.fromkeys((r["subgroup_number"], r["subgroup"]) for r in rows if r))
    for offset, (number, name) in enumerate(sorted(bidang), start=1):
        ws.cell(head + offset, 1, f"{number}. {name}")
        for c in range(2, 6):
            cell = ws.cell(head + offset, c)
            cell.fill = INPUT_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def template_name(plan: Plan, agency: Agency, year: int, quarter: int | None = None) -> str:
    """The file name of an agency's template: plan, agency and period, nothing to retype."""
    period = f"{year}" + (f"_TW{quarter}" if quarter else "")
    return f"{plan.code}_{agency.code}_{period}.xlsx"


def write_all(
    session: Session, plan: Plan, year: int, directory: Path, quarter: int | None = None
) -> list[Path]:
    """One template per agency that is a member during the period (the plan's region's and
    any other active member), in `directory`. Returns the files written, by agency code."""
    start, end = period_start(year, quarter), period_end(year, quarter)
    written = []
    # the plan's own: its region's agencies, those its matrix names and those that reported
    # for it (another region's agencies are another plan's)
    members = {a.id for a in plan_agencies(session, plan)} | set(assignments(session, plan))
    for agency in session.exec(select(Agency).order_by(Agency.code)):
        if agency.id in members and active_on(agency, start, end):
            path = Path(directory) / template_name(plan, agency, year, quarter)
            written.append(write_template(session, plan, agency, year, path, quarter))
    return written


def zip_all(session: Session, plan: Plan, year: int, quarter: int | None = None) -> bytes:
    """Every member's template for the period, as one zip (the dashboard's download)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as work, zipfile.ZipFile(buffer, "w") as zipped:
        for path in write_all(session, plan, year, Path(work), quarter):
            zipped.write(path, path.name, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
