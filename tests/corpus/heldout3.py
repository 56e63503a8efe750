"""Round-3 blind corpus: agency report files of the Gugus Tugas PP-TPPO Kab. TTU, each with the
outcome a careful secretariat officer expects, written down before the loader saw the file.

Same conventions as tests/corpus/files.py and heldout.py. Situations deliberately differ from
those two corpora. Built by a helper who had not read the loader; on the loader of that day 12
files and 1 sequence stored wrong figures (each fixed since, with the rule it broke), 7 were
refused though an officer would load them (three load since; the rest are STILL_REFUSED in
tests/test_corpus.py). Measure with
`python -m tests.corpus.measure_heldout3`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import xlwt

from tests.corpus.files import (
    Case,
    Exact,
    ExactOrRefuse,
    F,
    Refuse,
    S,
    Sequence,
    _csv,
    _save,
    _xlsx,
)

# --------------------------------------------------------------------------------------------
# helpers


def _template(folder: Path, agency_code: str, year: int, quarter=None) -> Path:
    """The real agency template radtrack hands out, written from a throw-away store."""
    from sqlmodel import select

    from indicators.catalogue import load_bundled
    from indicators.db import make_engine, session
    from indicators.models import Agency, Plan
    from indicators.schema import upgrade
    from loaders.template import template_name, write_template

    work = folder / "_tplstore"
    work.mkdir(exist_ok=True)
    engine = make_engine(f"sqlite:///{work / 's.sqlite'}")
    upgrade(engine)
    with session(engine) as s:
        load_bundled(s)
        s.commit()
    with session(engine) as s:
        plan = s.exec(select(Plan)).first()
        agency = s.exec(select(Agency).where(Agency.code == agency_code)).one()
        path = work / template_name(plan, agency, year, quarter)
        write_template(s, plan, agency, year, path, quarter)
    engine.dispose()
    return path


def _fill_template(src: Path, dest: Path, values: dict) -> Path:
    """Fill the template's yellow cells: values = {code: {"value":..., "budget":..., ...}}."""
    wb = openpyxl.load_workbook(src)
    ws = wb["Laporan"]
    head = {ws.cell(7, c).value: c for c in range(1, ws.max_column + 1)}
    cols = {
        "value": head["Capaian"],
        "budget": head["Pagu (Rp)"],
        "spent": head["Realisasi Anggaran (Rp)"],
        "note": head["Keterangan"],
    }
    for r in range(8, ws.max_row + 1):
        code = ws.cell(r, 1).value
        if code in values:
            for key, v in values[code].items():
                ws.cell(r, cols[key]).value = v
    wb.save(dest)
    return dest


SIGN_DINSOS = [
    [],
    [None, None, None, "Kefamenanu, 15 Januari 2021"],
    [None, None, None, "Kepala Dinas Sosial"],
    [None, None, None, "Kabupaten Timor Tengah Utara,"],
    [],
    [],
    [None, None, None, "Drs. Yohanes Taek"],
    [None, None, None, "Pembina Utama Muda (IV/c)"],
    [None, None, None, "NIP. 19680304 199303 1 007"],
]


# --------------------------------------------------------------------------------------------
# Single files


def dukcapil_unknown_agency(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA"],
            ["DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"],
            ["Laporan Capaian RAD PP-TPPO Tahun 2021"],
            ["Kepada Yth. Ketua Gugus Tugas PP-TPPO c.q. Sekretariat (DP3A Kab. TTU)"],
            [],
            ["No", "Kode", "Indikator", "Capaian", "Keterangan"],
            [1, "4.a.4.1", S("4.a.4.1"), "Sudah", "perekaman KTP-el di 24 kecamatan"],
            [2, "4.a.1.2", S("4.a.1.2"), "Sudah", "hadir rakor Gugus Tugas"],
        ]
    )
    return Case(
        "dukcapil_unknown_agency",
        _save(wb, folder / "Laporan RAD Disdukcapil TTU 2021.xlsx"),
        "a Dukcapil report (agency not in the store) addressed to the DP3A secretariat",
        Refuse(
            "Dukcapil is not a known agency; its figures must not load under DP3A, which is "
            "only named as the addressee",
            ["kependudukan"],
        ),
    )


def rp_in_value_column(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO TAHUN 2021"],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI KAB. TTU"],
            ["Kode", "Indikator", "Satuan", "Realisasi", "Keterangan"],
            ["1.a.1.1", S("1.a.1.1"), "orang", "Rp 15.000.000", "sosialisasi 6 kecamatan"],
            ["1.a.2.1", S("1.a.2.1"), "kali", 9, ""],
        ]
    )
    return Case(
        "rp_in_value_column",
        _save(wb, folder / "Disnakertrans_2021.xlsx"),
        "'Rp 15.000.000' (money) typed in the Realisasi column of 1.a.1.1 (a count of people)",
        Refuse("a rupiah amount is not a number of people; ask for the count", ["rp"]),
    )


def tw3_own_and_sd_columns(folder: Path) -> Case:
    return Case(
        "tw3_own_and_sd_columns",
        _dp3a_tw3_own_sd(folder, "DP3A_TW_III_2021.xlsx", (60, 1), (310, 2)),
        "TW III report with 'Realisasi TW III' and 'Realisasi s.d. TW III' side by side, no "
        "earlier quarter in the store",
        ExactOrRefuse(
            {F("1.a.1.1", "DP3A", "2021-TW3"): 60.0, F("4.d.1.2", "DP3A", "2021-TW3"): 1.0},
            "the TW III column is the quarter's own figure; the s.d. column is context (it "
            "cannot be checked without TW I/II); refusing is acceptable",
        ),
    )


def copy_sheet_differs(folder: Path) -> Case:
    wb = openpyxl.Workbook()
    a = wb.active
    a.title = "Laporan"
    b = wb.create_sheet("Laporan (2)")
    for ws, v in ((a, 12), (b, 10)):
        for row in (
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2020"],
            ["Kode", "Indikator", "Capaian"],
            ["1.a.1.1", S("1.a.1.1"), 450],
            ["4.d.1.2", S("4.d.1.2"), 2],
            ["2.b.1.1", S("2.b.1.1"), v],
        ):
            ws.append(row)
    return Case(
        "copy_sheet_differs",
        _save(wb, folder / "DP3A_2020.xlsx"),
        "two visible sheets 'Laporan' and its Excel copy 'Laporan (2)', same year, 2.b.1.1 "
        "differs (12 vs 10)",
        Refuse("which sheet is the report? 12 or 10 petugas; never sum or pick", ["2.b.1.1"]),
    )


def letterspaced_jumlah(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RENCANA AKSI DAERAH PP-TPPO"],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI KABUPATEN TTU TAHUN 2020"],
            [],
            ["NO", "KODE", "INDIKATOR", "SATUAN", "REALISASI"],
            [1, "1.a.1.1", S("1.a.1.1"), "orang", 300],
            [2, "1.a.1.2", S("1.a.1.2"), "brosur", 1000],
            [3, "1.a.1.3", S("1.a.1.3"), "baliho", 20],
            [None, None, "J U M L A H", None, 1320],
        ]
    )
    return Case(
        "letterspaced_jumlah",
        _save(wb, folder / "NAKERTRANS RAD 2020.xlsx"),
        "a total row typed letter-spaced 'J U M L A H' under three different indicators",
        Exact(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2020"): 300.0,
                F("1.a.1.2", "DISNAKERTRANS", "2020"): 1000.0,
                F("1.a.1.3", "DISNAKERTRANS", "2020"): 20.0,
            }
        ),
    )


def excel_date_in_value(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2021"],
            ["Kode", "Indikator", "Realisasi", "Keterangan"],
            ["3.a.1.1", S("3.a.1.1"), 5, "pelatihan di Polda NTT"],
            ["3.e.1.1", S("3.e.1.1"), dt.datetime(2021, 2, 2), "data semester I dan II"],
        ]
    )
    ws["C4"].number_format = "d-mmm"  # the officer typed 2/2 ("2 of 2"); Excel made it 2-Feb
    return Case(
        "excel_date_in_value",
        _save(wb, folder / "Polres_TTU_2021.xlsx"),
        "'2/2' typed in the value cell of 3.e.1.1, turned by Excel into the date 2-Feb-2021",
        Refuse("a date is not a figure; its serial number (44229) must never be stored", []),
    )


def grouped_hidden_kecamatan_rows(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["YAYASAN TAPEN BIKOMI"],
            ["Laporan Capaian Kegiatan Anti-TPPO Tahun 2021"],
            ["Kode", "Indikator", "Kecamatan", "Realisasi"],
            ["1.a.1.1", S("1.a.1.1"), "Total", 180],
            [None, None, "Insana", 70],
            [None, None, "Biboki Utara", 60],
            [None, None, "Musi", 50],
            ["1.b.2.1", S("1.b.2.1"), "Total", 3],
            [None, None, "Insana", 1],
            [None, None, "Biboki Utara", 1],
            [None, None, "Musi", 1],
        ]
    )
    for r in (5, 6, 7, 9, 10, 11):
        ws.row_dimensions[r].outlineLevel = 1
        ws.row_dimensions[r].hidden = True
    return Case(
        "grouped_hidden_kecamatan_rows",
        _save(wb, folder / "YTB_2021.xlsx"),
        "kecamatan detail rows grouped and collapsed (hidden); the visible row carries the total",
        Exact(
            {F("1.a.1.1", "YTB", "2021"): 180.0, F("1.b.2.1", "YTB", "2021"): 3.0},
            alternatives=[
                {
                    F("1.a.1.1", "YTB", "2021", kecamatan="Insana"): 70.0,
                    F("1.a.1.1", "YTB", "2021", kecamatan="Biboki Utara"): 60.0,
                    F("1.a.1.1", "YTB", "2021", kecamatan="Musi"): 50.0,
                    F("1.b.2.1", "YTB", "2021", kecamatan="Insana"): 1.0,
                    F("1.b.2.1", "YTB", "2021", kecamatan="Biboki Utara"): 1.0,
                    F("1.b.2.1", "YTB", "2021", kecamatan="Musi"): 1.0,
                }
            ],
        ),
    )


def kecamatan_columns_wide(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["YAYASAN TAPEN BIKOMI – REKAP SOSIALISASI PER KECAMATAN TAHUN 2022"],
            ["Kode", "Indikator", "Kecamatan", None, None, "Jumlah"],
            [None, None, "Insana", "Noemuti", "Miomaffo Barat", None],
            ["1.a.1.1", S("1.a.1.1"), 40, 25, 35, 100],
            ["1.b.4.1", S("1.b.4.1"), 1, "-", 1, 2],
        ]
    )
    ws.merge_cells("C2:E2")
    for col in "ABF":
        ws.merge_cells(f"{col}2:{col}3")
    kec = {
        F("1.a.1.1", "YTB", "2022", kecamatan="Insana"): 40.0,
        F("1.a.1.1", "YTB", "2022", kecamatan="Noemuti"): 25.0,
        F("1.a.1.1", "YTB", "2022", kecamatan="Miomaffo Barat"): 35.0,
        F("1.b.4.1", "YTB", "2022", kecamatan="Insana"): 1.0,
        F("1.b.4.1", "YTB", "2022", kecamatan="Miomaffo Barat"): 1.0,
    }
    return Case(
        "kecamatan_columns_wide",
        _save(wb, folder / "YTB_sosialisasi_2022.xlsx"),
        "kecamatan as columns under a merged 'Kecamatan' header, then a 'Jumlah' column",
        Exact(
            kec,
            alternatives=[{F("1.a.1.1", "YTB", "2022"): 100.0, F("1.b.4.1", "YTB", "2022"): 2.0}],
        ),
    )


def columns_reordered_target_capaian(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD GUGUS TUGAS PP-TPPO KAB. TTU"],
            ["Instansi : Dinas Sosial", None, None, None, "Tahun : 2021"],
            [
                "No",
                "Uraian Indikator Kinerja",
                "Satuan",
                "Target Capaian 2021",
                "Realisasi Capaian 2021",
                "Kode RAD",
            ],
            [1, S("2.a.1.3"), "korban", 30, 22, "2.a.1.3"],
            [2, S("2.b.1.1"), "petugas", 20, 15, "2.b.1.1"],
            [3, S("2.b.2.1"), "unit", "Sudah", "Belum", "2.b.2.1"],
        ]
    )
    return Case(
        "columns_reordered_target_capaian",
        _save(wb, folder / "capaian rad dinsos.xlsx"),
        "code column last, 'Target Capaian 2021' before 'Realisasi Capaian 2021' (both say "
        "'Capaian')",
        Exact(
            {
                F("2.a.1.3", "DINSOS", "2021"): 22.0,
                F("2.b.1.1", "DINSOS", "2021"): 15.0,
                F("2.b.2.1", "DINSOS", "2021"): 0.0,
            }
        ),
    )


def semester_columns_recurring(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2021"],
            ["Kode", "Indikator", "Semester I", "Semester II", "Jumlah"],
            ["3.e.1.1", S("3.e.1.1"), 1, 1, 2],
            ["3.a.1.1", S("3.a.1.1"), 3, 2, 5],
        ]
    )
    return Case(
        "semester_columns_recurring",
        _save(wb, folder / "Polres_RAD_2021.xlsx"),
        "'Semester I | Semester II | Jumlah' columns in a yearly report",
        Exact(
            {
                F("3.e.1.1", "POLRES", "2021-S1"): 1.0,
                F("3.e.1.1", "POLRES", "2021-S2"): 1.0,
                F("3.a.1.1", "POLRES", "2021-S1"): 3.0,
                F("3.a.1.1", "POLRES", "2021-S2"): 2.0,
            },
            alternatives=[
                {F("3.e.1.1", "POLRES", "2021"): 2.0, F("3.a.1.1", "POLRES", "2021"): 5.0}
            ],
        ),
    )


def joint_report_two_agencies(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN BERSAMA"],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI KAB. TTU DAN IOM INDONESIA"],
            ["Capaian RAD PP-TPPO Tahun 2020"],
            ["Kode", "Indikator", "Realisasi", "Keterangan"],
            ["1.a.2.2", S("1.a.2.2"), 4, "pembinaan calon PMI di BLK"],
            ["3.a.1.2", S("3.a.1.2"), 10, "pelatihan terpadu"],
        ]
    )
    return Case(
        "joint_report_two_agencies",
        _save(wb, folder / "Laporan_Bersama_Disnakertrans_IOM_2020.xlsx"),
        "a joint report of Disnakertrans and IOM, no per-row agency",
        Refuse("two agencies named; whose figures are these?", ["iom"]),
    )


def agency_only_in_signature(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RENCANA AKSI DAERAH PP-TPPO TAHUN 2020"],
            [],
            ["No", "Kode", "Indikator", "Realisasi", "Keterangan"],
            [1, "2.a.1.3", S("2.a.1.3"), 9, ""],
            [2, "2.c.1.1", S("2.c.1.1"), 2, "Juni dan Desember"],
        ]
        + SIGN_DINSOS
    )
    return Case(
        "agency_only_in_signature",
        _save(wb, folder / "Laporan RAD TPPO 2020.xlsx"),
        "the agency is named only in the signature block 'Kepala Dinas Sosial'",
        ExactOrRefuse(
            {F("2.a.1.3", "DINSOS", "2020"): 9.0, F("2.c.1.1", "DINSOS", "2020"): 2.0},
            "the signatory's office is the sender; asking for the agency is acceptable",
            mentions=["instansi"],
        ),
    )


def english_excel_decimal_for_thousands(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DISNAKERTRANS KAB. TTU TAHUN 2021"],
            ["Kode", "Indikator", "Satuan", "Realisasi"],
            ["1.a.1.1", S("1.a.1.1"), "orang", 800],
            ["1.a.1.2", S("1.a.1.2"), "brosur", 1.5],  # typed 1.500 in an English-locale Excel
        ]
    )
    return Case(
        "english_excel_decimal_for_thousands",
        _save(wb, folder / "Disnakertrans TTU 2021.xlsx"),
        "'1.500' brosur typed in an English-locale Excel: the cell holds the number 1.5",
        Refuse(
            "1,5 brosur is not a count of leaflets (most likely 1.500); the reading is not certain",
            ["1.a.1.2"],
        ),
    )


def duplicate_indicator_two_activities(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["YAYASAN TAPEN BIKOMI"],
            ["LAPORAN KEGIATAN PENCEGAHAN TPPO TAHUN 2020"],
            ["Kode", "Indikator", "Kegiatan", "Realisasi (orang)"],
            ["1.a.1.1", S("1.a.1.1"), "Sosialisasi di SMA/SMK", 150],
            ["1.a.1.1", S("1.a.1.1"), "Sosialisasi di gereja dan posyandu", 200],
            ["1.b.2.1", S("1.b.2.1"), "Pembentukan kelompok peduli", 2],
        ]
    )
    return Case(
        "duplicate_indicator_two_activities",
        _save(wb, folder / "YTB_kegiatan_2020.xlsx"),
        "the same indicator on two rows, one per activity (150 + 200)",
        ExactOrRefuse(
            {F("1.a.1.1", "YTB", "2020"): 350.0, F("1.b.2.1", "YTB", "2020"): 2.0},
            "two activities of one indicator add up; refusing a duplicate code is acceptable; "
            "storing one of them is wrong",
            mentions=["1.a.1.1"],
        ),
    )


def sd_years_columns(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["REKAP KONTRIBUSI IOM TERHADAP RAD PP-TPPO KAB. TTU 2018-2020 (KUMULATIF)"],
            ["Kode", "Indikator", "Realisasi 2018", "Realisasi s.d. 2019", "Realisasi s.d. 2020"],
            ["3.a.1.2", S("3.a.1.2"), 5, 9, 15],
            ["1.a.2.2", S("1.a.2.2"), 2, 5, 6],
        ]
    )
    diffs = {
        F("3.a.1.2", "IOM", "2018"): 5.0,
        F("3.a.1.2", "IOM", "2019"): 4.0,
        F("3.a.1.2", "IOM", "2020"): 6.0,
        F("1.a.2.2", "IOM", "2018"): 2.0,
        F("1.a.2.2", "IOM", "2019"): 3.0,
        F("1.a.2.2", "IOM", "2020"): 1.0,
    }
    return Case(
        "sd_years_columns",
        _save(wb, folder / "IOM_rekap_kumulatif.xlsx"),
        "'Realisasi 2018 | s.d. 2019 | s.d. 2020': each year's own figure is the difference",
        ExactOrRefuse(
            diffs,
            "to-date columns become each year's own figure; refusing is acceptable; storing a "
            "to-date figure as a year's is wrong",
            # loading 2018 only and treating the s.d. columns as context loses, not falsifies
            alternatives=[{k: v for k, v in diffs.items() if k[2] == "2018"}],
        ),
    )


def kumulatif_title_quarter_columns(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN KUMULATIF RAD TPPO DP3A KAB. TTU TAHUN 2021"],
            ["(angka kumulatif s.d. akhir triwulan berkenaan)"],
            ["Kode", "Indikator", "TW I", "TW II", "TW III", "TW IV"],
            ["1.a.1.1", S("1.a.1.1"), 100, 250, 300, 420],
            ["4.d.1.2", S("4.d.1.2"), 0, 1, 1, 2],
        ]
    )
    q = {
        F("1.a.1.1", "DP3A", "2021-TW1"): 100.0,
        F("1.a.1.1", "DP3A", "2021-TW2"): 150.0,
        F("1.a.1.1", "DP3A", "2021-TW3"): 50.0,
        F("1.a.1.1", "DP3A", "2021-TW4"): 120.0,
        F("4.d.1.2", "DP3A", "2021-TW1"): 0.0,
        F("4.d.1.2", "DP3A", "2021-TW2"): 1.0,
        F("4.d.1.2", "DP3A", "2021-TW3"): 0.0,
        F("4.d.1.2", "DP3A", "2021-TW4"): 1.0,
    }
    return Case(
        "kumulatif_title_quarter_columns",
        _save(wb, folder / "DP3A_kumulatif_2021.xlsx"),
        "'KUMULATIF' in the title, TW I..TW IV columns holding to-date figures (100, 250, 300, "
        "420)",
        ExactOrRefuse(
            q,
            "each quarter's own figure is the difference; the year is 420 / 2; adding the "
            "columns (1070) is wrong",
            alternatives=[
                {k: v for k, v in q.items() if v},
                {F("1.a.1.1", "DP3A", "2021"): 420.0, F("4.d.1.2", "DP3A", "2021"): 2.0},
            ],
        ),
    )


def sheet_name_tw3_title_year(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU TAHUN 2021"],
            ["Kode", "Indikator", "Realisasi"],
            ["2.a.1.3", S("2.a.1.3"), 4],
            ["2.b.1.1", S("2.b.1.1"), 8],
        ],
        title="TW III",
    )
    return Case(
        "sheet_name_tw3_title_year",
        _save(wb, folder / "Dinsos_RAD_2021.xlsx"),
        "the one sheet is named 'TW III'; title and file name give only the year 2021",
        Exact({F("2.a.1.3", "DINSOS", "2021-TW3"): 4.0, F("2.b.1.1", "DINSOS", "2021-TW3"): 8.0}),
    )


def quarter_sheets_plus_rekap(folder: Path) -> Case:
    data = {"TW I": (2, 50), "TW II": (3, 80), "TW III": (1, 0), "TW IV": (4, 120)}
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (a, b) in data.items():
        ws = wb.create_sheet(name)
        for row in (
            ["LAPORAN CAPAIAN RAD TPPO DISNAKERTRANS KAB. TTU TAHUN 2022"],
            ["Kode", "Indikator", "Realisasi"],
            ["1.a.2.1", S("1.a.2.1"), a],
            ["1.a.1.1", S("1.a.1.1"), b],
        ):
            ws.append(row)
    rk = wb.create_sheet("Rekap")
    for row in (
        ["REKAPITULASI CAPAIAN RAD TPPO DISNAKERTRANS TAHUN 2022"],
        ["Kode", "Indikator", "TW I", "TW II", "TW III", "TW IV", "Jumlah"],
        ["1.a.2.1", S("1.a.2.1"), 2, 3, 1, 4, 10],
        ["1.a.1.1", S("1.a.1.1"), 50, 80, 0, 120, 250],
    ):
        rk.append(row)
    q = {}
    for n, (_name, (a, b)) in enumerate(data.items(), start=1):
        q[F("1.a.2.1", "DISNAKERTRANS", f"2022-TW{n}")] = float(a)
        q[F("1.a.1.1", "DISNAKERTRANS", f"2022-TW{n}")] = float(b)
    return Case(
        "quarter_sheets_plus_rekap",
        _save(wb, folder / "Disnakertrans_2022_per_TW.xlsx"),
        "sheets 'TW I'..'TW IV' plus a 'Rekap' sheet repeating them with a Jumlah",
        ExactOrRefuse(
            q,
            "the quarters are the figures; the Rekap repeats them and must not be added",
            alternatives=[
                {k: v for k, v in q.items() if v},
                {
                    F("1.a.2.1", "DISNAKERTRANS", "2022"): 10.0,
                    F("1.a.1.1", "DISNAKERTRANS", "2022"): 250.0,
                },
            ],
        ),
    )


def repeated_header_hierarchy_no_codes(folder: Path) -> Case:
    hdr = ["No", "Program / Kegiatan / Indikator", "Satuan", "Realisasi", "Keterangan"]
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD PP-TPPO DINAS SOSIAL KABUPATEN TIMOR TENGAH UTARA"],
            ["TAHUN 2020"],
            hdr,
            ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["II", "PENANGANAN KESEHATAN, SOSIAL, REHABILITASI DAN PEMULANGAN"],
            [
                "a.",
                "SOP mekanisme rujukan dan koordinasi pada bidang penanganan kesehatan sosial "
                "rehabilitasi korban dan pemulangan",
            ],
            ["1.", "Rapat koordinasi OPD terkait dalam merumuskan mekanisme rujukan layanan"],
            [None, "- " + S("2.a.1.2"), "unit", "Sudah", "rumah aman Dinsos"],
            [None, "- " + S("2.a.1.3"), "korban", 11, ""],
            ["b.", "Pengembangan SDM pengadaan sarana prasarana rehabilitasi"],
            hdr,
            ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["1.", "Pengembangan kapasitas petugas pelaksana"],
            [None, "- " + S("2.b.1.1"), "petugas", 14, "pelatihan Kupang"],
            ["c.", "Database korban TPPO"],
            [None, "- " + S("2.c.1.1"), "kali", 2, ""],
        ]
    )
    return Case(
        "repeated_header_hierarchy_no_codes",
        _save(wb, folder / "Dinsos_2020_capaian.xlsx"),
        "no codes; bidang/programme/activity rows, '- ' bulleted statements, the header and "
        "the (1)..(5) row repeated for the second printed page",
        Exact(
            {
                F("2.a.1.2", "DINSOS", "2020"): 1.0,
                F("2.a.1.3", "DINSOS", "2020"): 11.0,
                F("2.b.1.1", "DINSOS", "2020"): 14.0,
                F("2.c.1.1", "DINSOS", "2020"): 2.0,
            }
        ),
    )


def juli_september_title(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["KEPOLISIAN RESOR TIMOR TENGAH UTARA"],
            ["LAPORAN CAPAIAN RAD PP-TPPO PERIODE JULI – SEPTEMBER 2021"],
            ["Kode", "Indikator", "Realisasi"],
            ["3.a.1.1", S("3.a.1.1"), 2],
            ["3.b.1.1", S("3.b.1.1"), 1],
        ]
    )
    return Case(
        "juli_september_title",
        _save(wb, folder / "Polres_Jul-Sep_2021.xlsx"),
        "'PERIODE JULI – SEPTEMBER 2021': a TW III report named by months",
        ExactOrRefuse(
            {F("3.a.1.1", "POLRES", "2021-TW3"): 2.0, F("3.b.1.1", "POLRES", "2021-TW3"): 1.0},
            "July-September is TW III; storing it as the whole year 2021 is wrong",
            mentions=["juli"],
        ),
    )


def monthly_report_oktober(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KAB. TTU"],
            ["LAPORAN BULANAN KEGIATAN PP-TPPO BULAN OKTOBER 2021"],
            ["Kode", "Indikator", "Realisasi Bulan Ini", "Keterangan"],
            ["1.a.1.1", S("1.a.1.1"), 45, "sosialisasi di SMPN 1 Kefamenanu"],
            ["4.a.3.1", S("4.a.3.1"), "Sudah", "rakor kasus 12 Oktober"],
        ]
    )
    return Case(
        "monthly_report_oktober",
        _save(wb, folder / "DP3A_Bulanan_Oktober_2021.xlsx"),
        "a monthly report (Oktober 2021): no such period in the store",
        Refuse(
            "a month is neither the year nor a triwulan; stored as 2021 it would stand for the "
            "whole year",
            ["oktober"],
        ),
    )


def sd_30_september_header(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU"],
            ["TAHUN ANGGARAN 2021"],
            ["Kode", "Indikator", "Target 2021", "Realisasi s.d. 30 September 2021"],
            ["2.a.1.3", S("2.a.1.3"), 30, 17],
            ["2.b.1.1", S("2.b.1.1"), 20, 12],
        ]
    )
    return Case(
        "sd_30_september_header",
        _save(wb, folder / "Dinsos_TA_2021.xlsx"),
        "'Realisasi s.d. 30 September 2021' in a 'TAHUN ANGGARAN 2021' file: a Jan-Sep to-date "
        "figure, no earlier quarter in the store",
        Refuse(
            "Jan-Sep is not the year, and without TW I/II it cannot be split into TW III",
            ["september"],
        ),
    )


def unit_word_contradicts(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO TAHUN 2021 – DINAS NAKERTRANS KAB. TTU"],
            ["Kode", "Indikator", "Realisasi", "Keterangan"],
            ["1.a.1.1", S("1.a.1.1"), "300 orang", ""],
            ["1.a.2.1", S("1.a.2.1"), "45 orang", "peserta pembinaan calon PMI"],
        ]
    )
    return Case(
        "unit_word_contradicts",
        _save(wb, folder / "Nakertrans_TTU_2021.xlsx"),
        "'45 orang' (participants) for 1.a.2.1, which counts sessions (kali)",
        Refuse("45 people is not 45 sessions; ask for the number of pembinaan", ["orang"]),
    )


def milestone_with_counts(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2019"],
            ["Kode", "Indikator", "Capaian", "Keterangan"],
            ["4.a.1.2", S("4.a.1.2"), "3 kali", "rakor per bidang"],
            ["4.b.1.4", S("4.b.1.4"), "1 kali", "seminar Oktober"],
            ["4.e.1.1", S("4.e.1.1"), "2 laporan", "monev semester"],
        ]
    )
    return Case(
        "milestone_with_counts",
        _save(wb, folder / "DP3A_2019_capaian.xlsx"),
        "milestone indicators answered with counts: '3 kali', '1 kali', '2 laporan'",
        ExactOrRefuse(
            {
                F("4.a.1.2", "DP3A", "2019"): 1.0,
                F("4.b.1.4", "DP3A", "2019"): 1.0,
                F("4.e.1.1", "DP3A", "2019"): 1.0,
            },
            "a milestone done several times is done (1); storing 3 or 2 on a done/not-done "
            "indicator is wrong",
        ),
    )


def fraction_for_percentage(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2022"],
            ["Kode", "Indikator", "Satuan", "Capaian", "Keterangan"],
            ["2.b.1.1", S("2.b.1.1"), "petugas", 16, ""],
            ["2.b.1.3", S("2.b.1.3"), "%", 16 / 26, "16 dari 26 lulus post-test"],
        ]
    )
    return Case(
        "fraction_for_percentage",
        _save(wb, folder / "DP3A_2022_capaian.xlsx"),
        "the percentage indicator given as the fraction 0.6153846 (General format, not %)",
        ExactOrRefuse(
            {F("2.b.1.1", "DP3A", "2022"): 16.0, F("2.b.1.3", "DP3A", "2022"): 100 * 16 / 26},
            "0,615 on a percent indicator is 61,5 % or a question; 0,615 % is wrong",
            mentions=["2.b.1.3"],
        ),
    )


def template_2020_renamed_2021(folder: Path) -> Case:
    src = _template(folder, "DINSOS", 2020)
    dest = _fill_template(
        src,
        folder / "DINSOS_2021.xlsx",
        {"2.a.1.3": {"value": 14}, "2.b.1.1": {"value": 20}, "2.a.1.2": {"value": "Sudah"}},
    )
    return Case(
        "template_2020_renamed_2021",
        dest,
        "last year's template (metadata and Periode: 2020) filled with 2021 figures and "
        "renamed DINSOS_2021.xlsx",
        Refuse("the file says 2020 inside and 2021 outside", ["2020", "2021"]),
    )


def template_dinsos_used_by_polres(folder: Path) -> Case:
    src = _template(folder, "DINSOS", 2021)
    dest = _fill_template(
        src,
        folder / "Laporan Polres TTU 2021.xlsx",
        {"3.a.1.1": {"value": 6}, "3.b.1.1": {"value": 2}, "3.e.1.1": {"value": 2}},
    )
    return Case(
        "template_dinsos_used_by_polres",
        dest,
        "Polres filled the Dinas Sosial template (metadata DINSOS) and named the file Polres",
        Refuse("the template says DINSOS, the file name Polres", ["polres"]),
    )


def template_tw2_text_values(folder: Path) -> Case:
    src = _template(folder, "DP3A", 2021, 2)
    dest = _fill_template(
        src,
        folder / src.name,
        {
            "1.a.1.1": {
                "value": "150 orang",
                "budget": "Rp 15.000.000",
                "spent": "Rp 14.250.000",
                "note": "sosialisasi 3 sekolah",
            },
            "4.a.2.1": {"value": "1 kali"},
            "4.d.1.2": {"value": "-", "note": "dijadwalkan TW III"},
            "4.a.1.2": {"value": "Sudah"},
        },
    )
    return Case(
        "template_tw2_text_values",
        dest,
        "the DP3A template for TW II 2021 filled with '150 orang', 'Rp 15.000.000', '-' and "
        "'Sudah'",
        Exact(
            {
                F("1.a.1.1", "DP3A", "2021-TW2"): 150.0,
                F("4.a.2.1", "DP3A", "2021-TW2"): 1.0,
                F("4.a.1.2", "DP3A", "2021-TW2"): 1.0,
            }
        ),
    )


def statement_number_swapped(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS TTU TAHUN 2020"],
            ["No", "Indikator", "Realisasi"],
            [
                1,
                "Terlaksananya 30 kali pembinaan bagi calon TKI tentang penempatan tenaga kerja "
                "secara prosedural",
                7,
            ],
            [2, S("1.a.1.3"), 20],
        ]
    )
    return Case(
        "statement_number_swapped",
        _save(wb, folder / "Nakertrans_2020.xlsx"),
        "no codes; 1.a.2.1's statement ('penempatan tenaga kerja') retyped with 30 kali "
        "(the number of 1.a.2.2, 'bermigrasi')",
        ExactOrRefuse(
            {
                F("1.a.2.1", "DISNAKERTRANS", "2020"): 7.0,
                F("1.a.1.3", "DISNAKERTRANS", "2020"): 20.0,
            },
            "the wording is 1.a.2.1's; the number matches 1.a.2.2: loading under 1.a.2.1 or "
            "asking are both fine, 1.a.2.2 is wrong",
            mentions=["1.a.2.1"],
        ),
    )


def ambiguous_pptkis_statement(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS TTU TAHUN 2021"],
            ["No", "Indikator", "Realisasi"],
            [1, "Pembinaan PPTKIS tentang bermigrasi secara prosedural", 4],
            [2, S("1.a.1.1"), 250],
        ]
    )
    return Case(
        "ambiguous_pptkis_statement",
        _save(wb, folder / "Nakertrans_2021_capaian.xlsx"),
        "no codes; 'Pembinaan PPTKIS tentang bermigrasi secara prosedural' fits 1.a.3.1 and "
        "1.a.3.2 alike",
        Refuse("two indicators fit; never guess", ["1.a.3.1", "1.a.3.2"]),
    )


def header_year_vs_title_year(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2021"],
            ["Kode", "Indikator", "Target", "Realisasi 2020"],
            ["1.a.1.1", S("1.a.1.1"), 1000, 520],
            ["4.d.1.2", S("4.d.1.2"), 2, 2],
        ]
    )
    return Case(
        "header_year_vs_title_year",
        _save(wb, folder / "DP3A_capaian.xlsx"),
        "title TAHUN 2021 over a single value column 'Realisasi 2020' (last year's form reused)",
        Refuse("2021 or 2020: the file says both", ["2020", "2021"]),
    )


def plan_span_title_only(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD PP-TPPO KAB. TTU 2018-2022"],
            ["Instansi : Yayasan Tapen Bikomi"],
            ["Tahun Pelaporan : 2021"],
            ["Kode", "Indikator", "Capaian"],
            ["1.b.2.2", S("1.b.2.2"), 12],
            ["3.c.1.2", S("3.c.1.2"), "Sudah"],
            [],
            [None, None, "Kefamenanu, 10 Januari 2022"],
            [None, None, "Direktur,"],
            [None, None, "Maria Taek"],
        ]
    )
    return Case(
        "plan_span_title_only",
        _save(wb, folder / "Laporan_YTB.xlsx"),
        "'RAD ... 2018-2022' in the title, 'Tahun Pelaporan : 2021', signed 10 Januari 2022",
        Exact({F("1.b.2.2", "YTB", "2021"): 12.0, F("3.c.1.2", "YTB", "2021"): 1.0}),
    )


def wps_semicolon_csv_signature(folder: Path) -> Case:
    path = _csv(
        folder / "Laporan RAD DP3A 2021.csv",
        [
            ["LAPORAN CAPAIAN RAD PP-TPPO DP3A KAB. TTU TAHUN 2021", "", "", "", "", ""],
            ["No", "Kode", "Indikator", "Capaian", "Pagu", "Realisasi Anggaran"],
            ["1", "2.b.1.3", S("2.b.1.3"), "87,50%", "", ""],
            ["2", "1.a.1.1", S("1.a.1.1"), "1.234", "Rp 15.000.000", "Rp 14.500.000"],
            ["3", "4.a.5.1", S("4.a.5.1"), "2 orang", "", ""],
            ["", "", "Jumlah", "", "Rp 15.000.000", "Rp 14.500.000"],
            ["", "", "", "", "", ""],
            ["", "", "", "Kefamenanu, 14 Januari 2022", "", ""],
            ["", "", "", "Kepala Dinas PPPA Kab. TTU", "", ""],
            ["", "", "", "", "", ""],
            ["", "", "", "Dra. Yuliana Bano", "", ""],
            ["", "", "", "NIP. 19700101 199503 2 001", "", ""],
        ],
        delimiter=";",
        encoding="cp1252",
    )
    return Case(
        "wps_semicolon_csv_signature",
        path,
        "';' CSV with '87,50%', '1.234', '2 orang', 'Rp 15.000.000', a Jumlah row of money and "
        "a signature block with a NIP",
        Exact(
            {
                F("2.b.1.3", "DP3A", "2021"): 87.5,
                F("1.a.1.1", "DP3A", "2021"): 1234.0,
                F("4.a.5.1", "DP3A", "2021"): 2.0,
            }
        ),
    )


def xls_laki_perempuan_rows(folder: Path) -> Case:
    path = folder / "POLRES TTU 2022.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("Capaian")
    sh.write_merge(0, 0, 0, 4, "LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2022")
    for c, h in enumerate(["No", "Kode", "Indikator", "Jenis Kelamin", "Realisasi"]):
        sh.write(1, c, h)
    r = 2
    for n, (code, men, women) in enumerate((("3.a.1.1", 4, 2), ("3.a.1.2", 3, 1)), start=1):
        sh.write_merge(r, r + 2, 0, 0, n)
        sh.write_merge(r, r + 2, 1, 1, code)
        sh.write_merge(r, r + 2, 2, 2, S(code))
        for k, (label, v) in enumerate(
            (("Laki-laki", men), ("Perempuan", women), ("Jumlah", men + women))
        ):
            sh.write(r + k, 3, label)
            sh.write(r + k, 4, v)
        r += 3
    book.save(str(path))
    return Case(
        "xls_laki_perempuan_rows",
        path,
        ".xls, indicator merged over 'Laki-laki' / 'Perempuan' / 'Jumlah' rows",
        Exact(
            {
                F("3.a.1.1", "POLRES", "2022", sex="L"): 4.0,
                F("3.a.1.1", "POLRES", "2022", sex="P"): 2.0,
                F("3.a.1.2", "POLRES", "2022", sex="L"): 3.0,
                F("3.a.1.2", "POLRES", "2022", sex="P"): 1.0,
            },
            alternatives=[
                {F("3.a.1.1", "POLRES", "2022"): 6.0, F("3.a.1.2", "POLRES", "2022"): 4.0}
            ],
        ),
    )


def filename_date_stamp(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU TAHUN 2020"],
            ["Kode", "Indikator", "Realisasi"],
            ["2.a.1.3", S("2.a.1.3"), 13],
            ["2.d.1.1", S("2.d.1.1"), "Sudah"],
        ]
    )
    return Case(
        "filename_date_stamp",
        _save(wb, folder / "Lap_RAD_Dinsos_15012021.xlsx"),
        "file name carries the sending date 15012021 (15 Jan 2021); title says TAHUN 2020",
        Exact({F("2.a.1.3", "DINSOS", "2020"): 13.0, F("2.d.1.1", "DINSOS", "2020"): 1.0}),
    )


def ranged_greater_than(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO YAYASAN TAPEN BIKOMI TAHUN 2022"],
            ["Kode", "Indikator", "Capaian"],
            ["1.a.1.1", S("1.a.1.1"), "> 200 orang"],
            ["1.b.2.2", S("1.b.2.2"), 8],
        ]
    )
    return Case(
        "ranged_greater_than",
        _save(wb, folder / "YTB_2022.xlsx"),
        "'> 200 orang': a lower bound, not a count",
        Refuse("more than 200 is not a figure", [">"]),
    )


def words_disagree_number(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2020"],
            ["Kode", "Indikator", "Capaian"],
            ["4.d.1.2", S("4.d.1.2"), "3 (dua) kali"],
            ["4.a.2.1", S("4.a.2.1"), 1],
        ]
    )
    return Case(
        "words_disagree_number",
        _save(wb, folder / "DP3A_2020_lap.xlsx"),
        "'3 (dua) kali': the digits and the words disagree",
        Refuse("3 or 2?", ["dua"]),
    )


# --- files for the sequences -----------------------------------------------------------------


def _dp3a_2021_q(folder: Path, name: str, title: str, column: str, values: tuple) -> Path:
    wb, _ = _xlsx(
        [
            ["DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KAB. TTU"],
            [title],
            ["Kode", "Indikator", column],
            ["1.a.1.1", S("1.a.1.1"), values[0]],
            ["4.d.1.2", S("4.d.1.2"), values[1]],
        ]
    )
    return _save(wb, folder / name)


def _dp3a_tw3_own_sd(folder: Path, name: str, own: tuple, sd: tuple) -> Path:
    wb, _ = _xlsx(
        [
            ["DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KAB. TTU"],
            ["LAPORAN CAPAIAN RAD PP-TPPO TRIWULAN III TAHUN 2021"],
            ["Kode", "Indikator", "Target 2021", "Realisasi TW III", "Realisasi s.d. TW III"],
            ["1.a.1.1", S("1.a.1.1"), 1000, own[0], sd[0]],
            ["4.d.1.2", S("4.d.1.2"), 2, own[1], sd[1]],
        ]
    )
    return _save(wb, folder / name)


def dp3a_2021_tw1(folder: Path) -> Case:
    return Case(
        "dp3a_2021_tw1",
        _dp3a_2021_q(
            folder,
            "DP3A_TW_I_2021.xlsx",
            "LAPORAN CAPAIAN RAD TRIWULAN I TAHUN 2021",
            "Realisasi TW I",
            (100, 1),
        ),
        "DP3A TW I 2021",
        Exact({F("1.a.1.1", "DP3A", "2021-TW1"): 100.0, F("4.d.1.2", "DP3A", "2021-TW1"): 1.0}),
    )


def dp3a_2021_tw2(folder: Path) -> Case:
    return Case(
        "dp3a_2021_tw2",
        _dp3a_2021_q(
            folder,
            "DP3A_TW_II_2021.xlsx",
            "LAPORAN CAPAIAN RAD TRIWULAN II TAHUN 2021",
            "Realisasi TW II",
            (150, 0),
        ),
        "DP3A TW II 2021",
        Exact({F("1.a.1.1", "DP3A", "2021-TW2"): 150.0, F("4.d.1.2", "DP3A", "2021-TW2"): 0.0}),
    )


def dp3a_2021_sem1(folder: Path) -> Case:
    return Case(
        "dp3a_2021_sem1",
        _dp3a_2021_q(
            folder,
            "DP3A_Semester_I_2021.xlsx",
            "LAPORAN CAPAIAN RAD SEMESTER I TAHUN 2021",
            "Realisasi Semester I",
            (260, 1),
        ),
        "DP3A Semester I 2021 (260 people: TW I + TW II gave 250)",
        Exact({F("1.a.1.1", "DP3A", "2021-S1"): 260.0, F("4.d.1.2", "DP3A", "2021-S1"): 1.0}),
    )


def dp3a_2021_tw3_consistent(folder: Path) -> Case:
    return Case(
        "dp3a_2021_tw3_consistent",
        _dp3a_tw3_own_sd(folder, "DP3A_TW_III_2021.xlsx", (60, 1), (310, 2)),
        "DP3A TW III 2021 with own and s.d. columns agreeing with TW I + TW II",
        ExactOrRefuse(
            {F("1.a.1.1", "DP3A", "2021-TW3"): 60.0, F("4.d.1.2", "DP3A", "2021-TW3"): 1.0}, ""
        ),
    )


def dp3a_2021_tw3_inconsistent(folder: Path) -> Case:
    return Case(
        "dp3a_2021_tw3_inconsistent",
        _dp3a_tw3_own_sd(folder, "DP3A_TW_III_2021_b.xlsx", (60, 1), (400, 2)),
        "DP3A TW III 2021 whose s.d. TW III (400) disagrees with TW I + TW II + TW III (310)",
        ExactOrRefuse(
            {F("1.a.1.1", "DP3A", "2021-TW3"): 60.0, F("4.d.1.2", "DP3A", "2021-TW3"): 1.0}, ""
        ),
    )


def dp3a_2020_annual(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2020"],
            ["Kode", "Indikator", "Capaian"],
            ["1.a.1.1", S("1.a.1.1"), 300],
            ["4.d.1.2", S("4.d.1.2"), 2],
        ]
    )
    return Case(
        "dp3a_2020_annual",
        _save(wb, folder / "DP3A_Tahunan_2020.xlsx"),
        "DP3A annual 2020",
        Exact({F("1.a.1.1", "DP3A", "2020"): 300.0, F("4.d.1.2", "DP3A", "2020"): 2.0}),
    )


def dp3a_2021_with_2020_column(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2021"],
            ["Kode", "Indikator", "Realisasi 2020", "Realisasi 2021"],
            ["1.a.1.1", S("1.a.1.1"), 320, 400],
            ["4.d.1.2", S("4.d.1.2"), 2, 2],
        ]
    )
    return Case(
        "dp3a_2021_with_2020_column",
        _save(wb, folder / "DP3A_Tahunan_2021.xlsx"),
        "DP3A 2021 report that repeats 2020 beside it, with 320 where the 2020 report said 300",
        ExactOrRefuse(
            {
                F("1.a.1.1", "DP3A", "2020"): 320.0,
                F("4.d.1.2", "DP3A", "2020"): 2.0,
                F("1.a.1.1", "DP3A", "2021"): 400.0,
                F("4.d.1.2", "DP3A", "2021"): 2.0,
            },
            "alone, the file holds two years",
        ),
    )


HELDOUT3 = [
    dukcapil_unknown_agency,
    rp_in_value_column,
    tw3_own_and_sd_columns,
    copy_sheet_differs,
    letterspaced_jumlah,
    excel_date_in_value,
    grouped_hidden_kecamatan_rows,
    kecamatan_columns_wide,
    columns_reordered_target_capaian,
    semester_columns_recurring,
    joint_report_two_agencies,
    agency_only_in_signature,
    english_excel_decimal_for_thousands,
    duplicate_indicator_two_activities,
    sd_years_columns,
    kumulatif_title_quarter_columns,
    sheet_name_tw3_title_year,
    quarter_sheets_plus_rekap,
    repeated_header_hierarchy_no_codes,
    juli_september_title,
    monthly_report_oktober,
    sd_30_september_header,
    unit_word_contradicts,
    milestone_with_counts,
    fraction_for_percentage,
    template_2020_renamed_2021,
    template_dinsos_used_by_polres,
    template_tw2_text_values,
    statement_number_swapped,
    ambiguous_pptkis_statement,
    header_year_vs_title_year,
    plan_span_title_only,
    wps_semicolon_csv_signature,
    xls_laki_perempuan_rows,
    filename_date_stamp,
    ranged_greater_than,
    words_disagree_number,
]

_TW1 = {F("1.a.1.1", "DP3A", "2021-TW1"): 100.0, F("4.d.1.2", "DP3A", "2021-TW1"): 1.0}
_TW2 = {F("1.a.1.1", "DP3A", "2021-TW2"): 150.0, F("4.d.1.2", "DP3A", "2021-TW2"): 0.0}
_TW3 = {F("1.a.1.1", "DP3A", "2021-TW3"): 60.0, F("4.d.1.2", "DP3A", "2021-TW3"): 1.0}
_Y2020 = {F("1.a.1.1", "DP3A", "2020"): 300.0, F("4.d.1.2", "DP3A", "2020"): 2.0}
_Y2021 = {F("1.a.1.1", "DP3A", "2021"): 400.0, F("4.d.1.2", "DP3A", "2021"): 2.0}

HELDOUT3_SEQUENCES = [
    Sequence(
        "tw1_tw2_then_semester_1",
        "DP3A 2021: TW I, TW II, then Semester I (260, which replaces them); never 250 + 260",
        [dp3a_2021_tw1, dp3a_2021_tw2, dp3a_2021_sem1],
        {F("1.a.1.1", "DP3A", "2021-S1"): 260.0, F("4.d.1.2", "DP3A", "2021-S1"): 1.0},
        # refusing the semester because it disagrees with the quarters keeps the quarters
        alternatives=[{**_TW1, **_TW2}],
    ),
    Sequence(
        "tw1_tw2_then_tw3_with_sd_consistent",
        "DP3A 2021: TW I, TW II, then TW III with an s.d. column that agrees (310 = 100+150+60)",
        [dp3a_2021_tw1, dp3a_2021_tw2, dp3a_2021_tw3_consistent],
        {**_TW1, **_TW2, **_TW3},
    ),
    Sequence(
        "tw1_tw2_then_tw3_with_sd_inconsistent",
        "DP3A 2021: TW I, TW II, then TW III whose s.d. column (400) disagrees with the "
        "quarters (100+150+60 = 310): the file must be refused",
        [dp3a_2021_tw1, dp3a_2021_tw2, dp3a_2021_tw3_inconsistent],
        {**_TW1, **_TW2},
    ),
    Sequence(
        "annual_2020_then_2021_repeating_2020",
        "DP3A: the 2020 report (300), then the 2021 report repeating 2020 as 320: 2020 must "
        "never count twice, 2021 = 400",
        [dp3a_2020_annual, dp3a_2021_with_2020_column],
        {**_Y2020, **_Y2021},
        alternatives=[
            dict(_Y2020),  # the 2021 file refused: its 2020 disagrees with the store
            {
                F("1.a.1.1", "DP3A", "2020"): 320.0,
                F("4.d.1.2", "DP3A", "2020"): 2.0,
                **_Y2021,
            },  # read as a correction of 2020
        ],
    ),
]


def _dinsos_year(folder: Path, year: int, values: tuple) -> Path:
    wb, _ = _xlsx(
        [
            [f"LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU TAHUN {year}"],
            ["Kode", "Indikator", "Realisasi"],
            ["2.a.1.3", S("2.a.1.3"), values[0]],
            ["2.b.1.1", S("2.b.1.1"), values[1]],
        ]
    )
    return _save(wb, folder / f"Dinsos_Tahunan_{year}.xlsx")


def dinsos_2018(folder: Path) -> Case:
    return Case(
        "dinsos_2018",
        _dinsos_year(folder, 2018, (3, 2)),
        "DINSOS 2018",
        Exact({F("2.a.1.3", "DINSOS", "2018"): 3.0, F("2.b.1.1", "DINSOS", "2018"): 2.0}),
    )


def dinsos_2019(folder: Path) -> Case:
    return Case(
        "dinsos_2019",
        _dinsos_year(folder, 2019, (4, 3)),
        "DINSOS 2019",
        Exact({F("2.a.1.3", "DINSOS", "2019"): 4.0, F("2.b.1.1", "DINSOS", "2019"): 3.0}),
    )


def dinsos_2020(folder: Path) -> Case:
    return Case(
        "dinsos_2020",
        _dinsos_year(folder, 2020, (5, 4)),
        "DINSOS 2020",
        Exact({F("2.a.1.3", "DINSOS", "2020"): 5.0, F("2.b.1.1", "DINSOS", "2020"): 4.0}),
    )


_DINSOS_PRIOR = {
    F("2.a.1.3", "DINSOS", "2018"): 3.0,
    F("2.b.1.1", "DINSOS", "2018"): 2.0,
    F("2.a.1.3", "DINSOS", "2019"): 4.0,
    F("2.b.1.1", "DINSOS", "2019"): 3.0,
    F("2.a.1.3", "DINSOS", "2020"): 5.0,
    F("2.b.1.1", "DINSOS", "2020"): 4.0,
}

HELDOUT3_SEQUENCES.append(
    Sequence(
        "prior_years_then_sd_30_september",
        "DINSOS 2018-2020 annual reports, then 'Realisasi s.d. 30 September 2021' (Jan-Sep 2021 "
        "of TA 2021: 17, 12): never 17 - (3+4+5) stored as the year 2021",
        [dinsos_2018, dinsos_2019, dinsos_2020, sd_30_september_header],
        dict(_DINSOS_PRIOR),
    )
)
