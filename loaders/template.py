"""The agency reporting template: the RAD's indicators locked, cells to fill, data validation.

A hidden sheet `radtrack` names plan, agency, year and quarter, so the filled file loads back
without anyone retyping them.
"""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlmodel import Session

from indicators.models import Agency, Kind, Plan
from indicators.queries import indicator_rows, planned_year_target
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
    """Write the reporting workbook for `agency` and period (`year`, `quarter`) to `path`."""
    rows = indicator_rows(session, plan)
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

    for offset, row in enumerate(rows, start=1):
        r = HEADER_ROW + offset
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
