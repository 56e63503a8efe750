"""A corpus of agency report files as Indonesian agencies really send them, each with the outcome
written down before the loader ever saw it.

One builder per file: `def name(folder: Path) -> Case` writes the file into `folder` and says what
loading it must do. Expectations:

- `Exact(figures)`: the file loads and the store holds exactly these figures from it
  (`alternatives` lists other figure sets that are equally right, e.g. quarterly or annual);
- `Refuse(reason, mentions)`: the file is rejected and nothing is stored; a good message contains
  each of `mentions` (short lowercase substrings);
- `ExactOrRefuse(figures, reason)`: refusing is acceptable (a product decision), but any stored
  figure other than these is wrong.

Figures are {(code, agency, period, sex, age_group, kecamatan): value}; periods are "2020"
(annual), "2020-TW2" (triwulan) and "2021-S1" (semester); milestones are 1.0 done / 0.0 not yet.

`SEQUENCES` are files loaded one after another into one store, with the figures the store must
hold at the end. Run `python -m tests.corpus.measure` to see how the loader does on all of them.
"""

from __future__ import annotations

import csv
import functools
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import xlwt
import yaml

CATALOGUE = Path(__file__).resolve().parents[2] / "data" / "catalogue" / "ttu_2018_2022.yaml"

# --------------------------------------------------------------------------------------------
# Expectations


@dataclass
class Exact:
    figures: dict
    alternatives: list = field(default_factory=list)  # other figure sets that are equally right


@dataclass
class Refuse:
    reason: str
    mentions: list = field(default_factory=list)


@dataclass
class ExactOrRefuse:
    figures: dict
    reason: str
    alternatives: list = field(default_factory=list)
    mentions: list = field(default_factory=list)  # what a refusal should name, if it refuses


@dataclass
class Case:
    name: str
    path: Path
    description: str
    expect: Exact | Refuse | ExactOrRefuse
    overrides: dict = field(default_factory=dict)


@dataclass
class Sequence:
    name: str
    description: str
    steps: list  # builders, loaded in this order; a builder named twice loads its same file again
    final: dict  # what the store must hold after the last step
    alternatives: list = field(default_factory=list)


def F(code, agency, period, sex=None, age_group=None, kecamatan=None):
    """A figure's key."""
    return (code, agency, period, sex, age_group, kecamatan)


# --------------------------------------------------------------------------------------------
# Helpers


@functools.cache
def _statements() -> dict[str, str]:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return {
        ind["code"]: " ".join(ind["statement"].split())
        for group in data["subgroups"]
        for prog in group["programmes"]
        for act in prog["activities"]
        for ind in act["indicators"]
    }


def S(code: str) -> str:
    """The indicator statement as printed in the RAD."""
    return _statements()[code]


def _xlsx(rows: list, title: str = "Sheet1"):
    """A one-sheet workbook with `rows`; returns (workbook, sheet) for further touches."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    return wb, ws


def _save(wb, path: Path) -> Path:
    wb.save(path)
    return path


def _xls(path: Path, sheets: dict[str, list]) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path


def _csv(path: Path, rows: list, delimiter=",", encoding="utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def _ods(path: Path, sheets: dict[str, list], tail: str = "") -> Path:
    """An OpenDocument spreadsheet written by hand (odfpy is not installed): numbers as float
    cells, everything else as text, as LibreOffice Calc saves them; `tail`, raw rows of
    content.xml, ends every table (LibreOffice's trailing repeats, or a hostile repeat)."""

    def cell(value):
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, (int, float)):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            '<table:table-cell office:value-type="string">'
            f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
        )

    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + tail
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


KOP_DINSOS = [  # the letterhead every Dinas Sosial document starts with
    ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA"],
    ["DINAS SOSIAL"],
    ["Jalan Basuki Rahmat No. 5, Kefamenanu – Timor, NTT 85613"],
    ["Telp. (0388) 31123  Email: dinsos.ttu@gmail.com"],
    ["_" * 90],
]


# --------------------------------------------------------------------------------------------
# The files


def percent_cell_format(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD GUGUS TUGAS PP-TPPO TAHUN 2021"],
            ["DP3A KABUPATEN TIMOR TENGAH UTARA"],
            [],
            ["Kode", "Indikator", "Satuan", "Target", "Capaian"],
            ["2.b.1.1", S("2.b.1.1"), "petugas", 20, 12],
            ["2.b.1.3", S("2.b.1.3"), "%", 0.5, 0.625],
        ]
    )
    ws["D6"].number_format = "0%"
    ws["E6"].number_format = "0.0%"  # Excel shows 62,5% in an Indonesian locale
    return Case(
        "percent_cell_format",
        _save(wb, folder / "DP3A_capaian_2021.xlsx"),
        "0.625 in a cell formatted as a percentage (shown 62,5%) on the percentage indicator",
        Exact({F("2.b.1.1", "DP3A", "2021"): 12.0, F("2.b.1.3", "DP3A", "2021"): 62.5}),
    )


def hidden_example_row(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU TAHUN 2020"],
            ["Kode", "Indikator", "Capaian", "Keterangan"],
            ["2.a.1.3", "CONTOH – jangan diisi", 10, "contoh pengisian"],
            ["2.a.1.3", S("2.a.1.3"), 12, "rujukan ke RSUD Kefamenanu"],
            ["2.b.1.1", S("2.b.1.1"), 6, ""],
        ]
    )
    ws.row_dimensions[3].hidden = True
    return Case(
        "hidden_example_row",
        _save(wb, folder / "Dinsos_TTU_2020.xlsx"),
        "a hidden example row 'CONTOH – jangan diisi' with numbers, on a real code",
        Exact({F("2.a.1.3", "DINSOS", "2020"): 12.0, F("2.b.1.1", "DINSOS", "2020"): 6.0}),
    )


def hidden_sheet_old_data(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["Polres TTU — Laporan Capaian RAD TPPO Tahun 2022"],
            ["Kode", "Indikator", "Realisasi"],
            ["3.a.1.1", S("3.a.1.1"), 4],
            ["3.b.1.1", S("3.b.1.1"), 2],
        ],
        title="2022",
    )
    old = wb.create_sheet("2021 (lama)")
    for row in (
        ["Polres TTU — Laporan Capaian RAD TPPO Tahun 2021"],
        ["Kode", "Realisasi"],
        ["3.a.1.1", 6],
        ["3.e.1.1", 2],
    ):
        old.append(row)
    old.sheet_state = "hidden"
    return Case(
        "hidden_sheet_old_data",
        _save(wb, folder / "Polres_TTU_2022.xlsx"),
        "last year's sheet left in the workbook, hidden",
        Exact({F("3.a.1.1", "POLRES", "2022"): 4.0, F("3.b.1.1", "POLRES", "2022"): 2.0}),
    )


def capaian_kinerja_percent_beside_count(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN KINERJA RAD TPPO TAHUN 2019"],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI KABUPATEN TIMOR TENGAH UTARA"],
            ["No", "Indikator", "Satuan", "Target", "Realisasi", "Capaian Kinerja (%)", "Ket."],
            [1, S("1.a.2.1"), "kali", 12, 9, 75, ""],
            [2, S("1.a.3.1"), "kali", 12, 6, 50, "keterbatasan anggaran"],
        ]
    )
    return Case(
        "capaian_kinerja_percent_beside_count",
        _save(wb, folder / "capaian_disnakertrans_2019.xlsx"),
        "'Capaian Kinerja (%)' (realisasi/target) beside the count column 'Realisasi'",
        Exact(
            {F("1.a.2.1", "DISNAKERTRANS", "2019"): 9.0, F("1.a.3.1", "DISNAKERTRANS", "2019"): 6.0}
        ),
    )


def only_realisasi_fisik_percent(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN PELAKSANAAN RAD TPPO DINAS SOSIAL TAHUN 2020"],
            ["Kode", "Uraian Indikator", "Satuan", "Target", "Realisasi Fisik (%)", "Keterangan"],
            ["2.a.1.3", S("2.a.1.3"), "korban", 30, "80%", ""],
            ["2.b.1.1", S("2.b.1.1"), "petugas", 20, 100, "pelatihan selesai"],
        ]
    )
    return Case(
        "only_realisasi_fisik_percent",
        _save(wb, folder / "Dinsos_2020_fisik.xlsx"),
        "the only figure is 'Realisasi Fisik (%)' (percent of target) for count indicators",
        Refuse(
            "a percentage of the target is not the count the indicators ask for; converting "
            "it back through the target would be a guess",
            ["fisik"],
        ),
    )


def target_and_target_renja(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD GUGUS TUGAS PP-TPPO TAHUN 2022"],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI"],
            [
                "Kode",
                "Indikator",
                "Satuan",
                "Target (RAD 2018-2022)",
                "Target Renja 2022",
                "Realisasi",
                "Keterangan",
            ],
            ["1.a.1.1", S("1.a.1.1"), "orang", 5000, 1000, 850, "sosialisasi di 12 desa"],
            ["1.a.2.1", S("1.a.2.1"), "kali", 60, 12, 11, ""],
        ]
    )
    return Case(
        "target_and_target_renja",
        _save(wb, folder / "Laporan RAD Disnakertrans 2022.xlsx"),
        "'Target (RAD 2018-2022)' and 'Target Renja 2022' columns next to Realisasi",
        Exact(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2022"): 850.0,
                F("1.a.2.1", "DISNAKERTRANS", "2022"): 11.0,
            }
        ),
    )


def sd_tw2_without_tw1(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN S.D. TRIWULAN II TAHUN 2022 (kumulatif Januari–Juni)"],
            ["DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KAB. TTU"],
            ["Kode", "Indikator", "Capaian s.d. TW II"],
            ["1.a.1.1", S("1.a.1.1"), 600],
            ["4.d.1.2", S("4.d.1.2"), 1],
        ]
    )
    return Case(
        "sd_tw2_without_tw1",
        _save(wb, folder / "DP3A_sd_TW2_2022.xlsx"),
        "a to-date (Jan–Jun) report for TW II with no TW I report loaded before it",
        Refuse(
            "without TW I the to-date figure cannot be split into TW I and TW II; stored as "
            "TW II it would count twice once TW I arrives (reading it as 2022-S1 is a "
            "possible product decision, not taken here)",
            ["s.d."],
        ),
    )


def _semester(folder: Path, numeral: str, values: tuple[int, int], name: str) -> Path:
    wb, _ = _xlsx(
        [
            [f"LAPORAN CAPAIAN RAD TPPO SEMESTER {numeral} TAHUN 2021"],
            ["DINAS SOSIAL KABUPATEN TIMOR TENGAH UTARA"],
            ["No", "Kode", "Indikator", "Satuan", "Realisasi"],
            [1, "2.a.1.3", S("2.a.1.3"), "korban", values[0]],
            [2, "2.c.1.1", S("2.c.1.1"), "kali", values[1]],
        ]
    )
    return _save(wb, folder / name)


def semester_1_2021(folder: Path) -> Case:
    return Case(
        "semester_1_2021",
        _semester(folder, "I", (8, 1), "Dinsos_Semester_I_2021.xlsx"),
        "'SEMESTER I TAHUN 2021': a six-month period",
        Exact({F("2.a.1.3", "DINSOS", "2021-S1"): 8.0, F("2.c.1.1", "DINSOS", "2021-S1"): 1.0}),
    )


def semester_2_2021(folder: Path) -> Case:
    return Case(
        "semester_2_2021",
        _semester(folder, "II", (11, 1), "Dinsos_Semester_II_2021.xlsx"),
        "'SEMESTER II TAHUN 2021' (Roman II must not be read as I)",
        Exact({F("2.a.1.3", "DINSOS", "2021-S2"): 11.0, F("2.c.1.1", "DINSOS", "2021-S2"): 1.0}),
    )


def perbup_2018_in_title(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN PELAKSANAAN RENCANA AKSI DAERAH GUGUS TUGAS PP-TPPO"],
            ["berdasarkan Peraturan Bupati Timor Tengah Utara Nomor 17 Tahun 2018"],
            ["Dinas Pemberdayaan Perempuan dan Perlindungan Anak"],
            [],
            ["Kode", "Indikator", "Realisasi Tahun 2022", "Keterangan"],
            ["4.a.1.2", S("4.a.1.2"), "Sudah", "rapat koordinasi 3 bidang"],
            ["4.d.1.2", S("4.d.1.2"), 2, "RDP dengan DPRD"],
        ]
    )
    return Case(
        "perbup_2018_in_title",
        _save(wb, folder / "Laporan_RAD_TPPO_DP3A_2022.xlsx"),
        "title cites 'Peraturan Bupati ... Nomor 17 Tahun 2018'; header and file name say 2022",
        ExactOrRefuse(
            {F("4.a.1.2", "DP3A", "2022"): 1.0, F("4.d.1.2", "DP3A", "2022"): 2.0},
            "2018 is the regulation's year, not the report's; refusing is fine if it names both",
            mentions=["2018", "2022"],
        ),
    )


def covering_letter_tw4_no_year(folder: Path) -> Case:
    wb, _ = _xlsx(
        KOP_DINSOS
        + [
            [None, None, None, "Kefamenanu, 8 Januari 2021"],
            ["Nomor", ": 460/015/DINSOS"],
            ["Lampiran", ": 1 (satu) berkas"],
            ["Perihal", ": Laporan Capaian RAD Gugus Tugas PP-TPPO Triwulan IV"],
            [],
            ["Kepada Yth. Ketua Gugus Tugas PP-TPPO Kabupaten TTU di Kefamenanu"],
            ["Bersama ini kami sampaikan laporan capaian kegiatan Triwulan IV sebagai berikut:"],
            [],
            ["Kode", "Indikator", "Realisasi TW IV", "Keterangan"],
            ["2.a.1.3", S("2.a.1.3"), 5, ""],
            ["2.c.1.1", S("2.c.1.1"), 1, "pemutakhiran data Desember"],
            [],
            [None, None, None, "Kepala Dinas Sosial"],
            [None, None, None, "Kabupaten Timor Tengah Utara,"],
            [],
            [None, None, None, "Drs. Yohanes Taek"],
            [None, None, None, "NIP. 19680304 199303 1 007"],
        ],
        title="Surat",
    )
    return Case(
        "covering_letter_tw4_no_year",
        _save(wb, folder / "Surat_laporan_TW_IV_Dinsos.xlsx"),
        "letter dated 'Kefamenanu, 8 Januari 2021' about 'Triwulan IV' with no year",
        Refuse(
            "a January 2021 letter about Triwulan IV is most likely TW IV 2020, but the file "
            "never says so; the user must give the year",
            ["tahun"],
        ),
    )


def title_year_vs_filename_year(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2020"],
            ["Kode", "Indikator", "Realisasi"],
            ["3.a.1.1", S("3.a.1.1"), 3],
            ["3.c.1.1", S("3.c.1.1"), "Sudah"],
        ]
    )
    return Case(
        "title_year_vs_filename_year",
        _save(wb, folder / "POLRES_2021.xlsx"),
        "title says TAHUN 2020, file name says 2021",
        Refuse("two different years and nothing to choose between them", ["2020", "2021"]),
    )


def kecamatan_rows_with_jumlah(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["YAYASAN TAPEN BIKOMI"],
            ["Laporan Sosialisasi Bahaya TPPO per Kecamatan Tahun 2021"],
            ["Kode", "Indikator", "Kecamatan", "Realisasi (orang)"],
            ["1.a.1.1", S("1.a.1.1"), "Insana", 45],
            [None, None, "Biboki Anleu", 60],
            [None, None, "Miomaffo Barat", 30],
            [None, None, "Jumlah", 135],
        ]
    )
    ws.merge_cells("A4:A7")
    ws.merge_cells("B4:B7")
    return Case(
        "kecamatan_rows_with_jumlah",
        _save(wb, folder / "YTB_sosialisasi_2021.xlsx"),
        "per-kecamatan rows under a merged indicator, then a 'Jumlah' row",
        Exact(
            {
                F("1.a.1.1", "YTB", "2021", kecamatan="Insana"): 45.0,
                F("1.a.1.1", "YTB", "2021", kecamatan="Biboki Anleu"): 60.0,
                F("1.a.1.1", "YTB", "2021", kecamatan="Miomaffo Barat"): 30.0,
            }
        ),
    )


def total_row_mismatch(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["DATA KORBAN TPPO YANG DIRUJUK DAN DITANGANI - DINAS SOSIAL TAHUN 2022"],
            ["No", "Kode", "Kecamatan", "Realisasi (korban)"],
            [1, "2.a.1.3", "Kota Kefamenanu", 6],
            [2, "2.a.1.3", "Insana", 3],
            [3, "2.a.1.3", "Noemuti", 2],
            [None, None, "TOTAL", 12],
        ]
    )
    return Case(
        "total_row_mismatch",
        _save(wb, folder / "Dinsos_korban_per_kecamatan_2022.xlsx"),
        "a TOTAL row (12) that does not match the rows above it (11)",
        # Issue #13: total rows are not loaded but checked against the rows above, and a
        # mismatch is a warning (total-mismatch, naming 12 and 11; see tests/test_totals.py).
        Exact(
            {
                F("2.a.1.3", "DINSOS", "2022", kecamatan="Kota Kefamenanu"): 6.0,
                F("2.a.1.3", "DINSOS", "2022", kecamatan="Insana"): 3.0,
                F("2.a.1.3", "DINSOS", "2022", kecamatan="Noemuti"): 2.0,
            }
        ),
    )


def _two_agency_sheets(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheets = {
        "DINSOS": [
            ["Kode", "Indikator", "Realisasi"],
            ["2.a.1.3", S("2.a.1.3"), 9],
            ["2.b.2.1", S("2.b.2.1"), "Sudah"],
        ],
        "POLRES": [
            ["Kode", "Indikator", "Realisasi"],
            ["3.a.1.1", S("3.a.1.1"), 5],
            ["3.e.1.1", S("3.e.1.1"), 2],
        ],
    }
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([f"REKAP LAPORAN ANGGOTA GUGUS TUGAS PP-TPPO TAHUN 2021 – {name}"])
        for row in rows:
            ws.append(row)
    return _save(wb, path)


AGENCY_SHEETS = {
    F("2.a.1.3", "DINSOS", "2021"): 9.0,
    F("2.b.2.1", "DINSOS", "2021"): 1.0,
    F("3.a.1.1", "POLRES", "2021"): 5.0,
    F("3.e.1.1", "POLRES", "2021"): 2.0,
}


def one_sheet_per_agency(folder: Path) -> Case:
    return Case(
        "one_sheet_per_agency",
        _two_agency_sheets(folder / "Rekap_GT_TPPO_2021.xlsx"),
        "sheets 'DINSOS' and 'POLRES', each agency named only in its sheet name",
        ExactOrRefuse(
            AGENCY_SHEETS,
            "each sheet under its own agency is right; refusing a "
            "workbook of several agencies is an acceptable product decision",
        ),
    )


def one_sheet_per_agency_with_override(folder: Path) -> Case:
    return Case(
        "one_sheet_per_agency_with_override",
        _two_agency_sheets(folder / "Rekap_GT_TPPO_2021_kirim_ulang.xlsx"),
        "the same two-agency workbook loaded with --agency DINSOS",
        Refuse(
            "the POLRES sheet is not Dinas Sosial's report; --agency must not relabel it",
            ["polres"],
        ),
        overrides={"agency": "DINSOS"},
    )


def summary_sheet_beside_agency_sheets(folder: Path) -> Case:
    wb = openpyxl.Workbook()
    rekap = wb.active
    rekap.title = "Rekap"
    for row in (
        ["REKAPITULASI CAPAIAN RAD TPPO KAB. TTU TAHUN 2022 (SEMUA ANGGOTA)"],
        ["Kode", "Indikator", "Total Realisasi"],
        ["2.a.1.3", S("2.a.1.3"), 13],
        ["1.a.1.1", S("1.a.1.1"), 700],
    ):
        rekap.append(row)
    for agency, rows in {
        "DINSOS": [["2.a.1.3", 9]],
        "DP3A": [["2.a.1.3", 4], ["1.a.1.1", 700]],
    }.items():
        ws = wb.create_sheet(agency)
        ws.append([f"Laporan {agency} Tahun 2022"])
        ws.append(["Kode", "Realisasi"])
        for row in rows:
            ws.append(row)
    return Case(
        "summary_sheet_beside_agency_sheets",
        _save(wb, folder / "Rekapitulasi_RAD_2022.xlsx"),
        "a 'Rekap' sheet of totals over all agencies beside the DINSOS and DP3A sheets",
        ExactOrRefuse(
            {
                F("2.a.1.3", "DINSOS", "2022"): 9.0,
                F("2.a.1.3", "DP3A", "2022"): 4.0,
                F("1.a.1.1", "DP3A", "2022"): 700.0,
            },
            "the agency sheets are the figures; the Rekap repeats them (storing it counts twice);"
            " refusing the compilation is acceptable",
        ),
    )


def orang_with_sex_in_text(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["Disnakertrans TTU – Laporan Capaian RAD TPPO Tahun 2020"],
            ["Kode", "Indikator", "Realisasi", "Keterangan"],
            ["1.a.1.1", S("1.a.1.1"), "200 orang (L: 120, P: 80)", "sosialisasi di BLK"],
            ["1.a.2.1", S("1.a.2.1"), "4 kali", ""],
        ]
    )
    return Case(
        "orang_with_sex_in_text",
        _save(wb, folder / "Disnakertrans_2020.xlsx"),
        "'200 orang (L: 120, P: 80)' in one cell",
        Exact(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2020", sex="L"): 120.0,
                F("1.a.1.1", "DISNAKERTRANS", "2020", sex="P"): 80.0,
                F("1.a.2.1", "DISNAKERTRANS", "2020"): 4.0,
            },
            alternatives=[
                {
                    F("1.a.1.1", "DISNAKERTRANS", "2020"): 200.0,
                    F("1.a.2.1", "DISNAKERTRANS", "2020"): 4.0,
                }
            ],
        ),
    )


def tiga_kali_xls(folder: Path) -> Case:
    path = _xls(
        folder / "DISNAKERTRANS TTU 2019.xls",
        {
            "Laporan": [
                ["LAPORAN CAPAIAN RAD GUGUS TUGAS TPPO TAHUN 2019"],
                ["No", "Kode", "Indikator", "Capaian"],
                [1, "1.a.3.2", S("1.a.3.2"), "3 (tiga) kali"],
                [2, "1.a.2.2", S("1.a.2.2"), "5 (lima) kali"],
            ]
        },
    )
    return Case(
        "tiga_kali_xls",
        path,
        "'3 (tiga) kali': number, the number in words, and the unit, in an old .xls",
        Exact(
            {F("1.a.3.2", "DISNAKERTRANS", "2019"): 3.0, F("1.a.2.2", "DISNAKERTRANS", "2019"): 5.0}
        ),
    )


def milestone_words_csv_bom(folder: Path) -> Case:
    path = _csv(
        folder / "DP3A_capaian_2019.csv",
        [
            ["Kode", "Indikator", "Capaian", "Keterangan"],
            ["4.a.1.1", S("4.a.1.1"), "Sudah terlaksana", ""],
            ["4.a.1.3", S("4.a.1.3"), "Belum terlaksana", "menunggu penetapan Bupati"],
            ["4.a.5.2", S("4.a.5.2"), "Sudah", "ruang sekretariat di kantor DP3A"],
            ["4.d.1.2", S("4.d.1.2"), "Terlaksana 2 kali", "RDP Komisi IV"],
        ],
        delimiter=";",
        encoding="utf-8-sig",
    )
    return Case(
        "milestone_words_csv_bom",
        path,
        "Excel 'CSV UTF-8' (BOM, semicolons): 'Sudah terlaksana', 'Belum terlaksana', "
        "'Terlaksana 2 kali'",
        Exact(
            {
                F("4.a.1.1", "DP3A", "2019"): 1.0,
                F("4.a.1.3", "DP3A", "2019"): 0.0,
                F("4.a.5.2", "DP3A", "2019"): 1.0,
                F("4.d.1.2", "DP3A", "2019"): 2.0,
            }
        ),
    )


def budget_rp_with_dash_xls(folder: Path) -> Case:
    path = _xls(
        folder / "Dinsos_RAD_2019.xls",
        {
            "Capaian": [
                ["DINAS SOSIAL KABUPATEN TIMOR TENGAH UTARA"],
                ["Laporan Capaian dan Anggaran RAD TPPO Tahun 2019"],
                [
                    "Kode",
                    "Indikator",
                    "Realisasi",
                    "Pagu (Rp)",
                    "Realisasi Anggaran (Rp)",
                    "Sumber Dana",
                ],
                ["2.b.1.1", S("2.b.1.1"), 8, "Rp. 12.500.000,-", "Rp. 11.750.000,-", "APBD Kab"],
                ["2.a.1.2", S("2.a.1.2"), "Sudah", "Rp. 150.000.000,-", "Rp. 148.200.000,-", "DAK"],
            ]
        },
    )
    return Case(
        "budget_rp_with_dash_xls",
        path,
        "'Rp. 12.500.000,-' in the budget columns of an .xls",
        Exact({F("2.b.1.1", "DINSOS", "2019"): 8.0, F("2.a.1.2", "DINSOS", "2019"): 1.0}),
    )


def approximate_value(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2019"],
            ["Kode", "Indikator", "Realisasi"],
            ["3.a.1.1", S("3.a.1.1"), "± 4"],
            ["3.e.1.1", S("3.e.1.1"), 2],
        ]
    )
    return Case(
        "approximate_value",
        _save(wb, folder / "Polres_2019.xlsx"),
        "'± 4': an approximate count",
        Refuse("an approximation is not a figure to add up; ask for the count", ["±"]),
    )


def range_value_csv(folder: Path) -> Case:
    path = _csv(
        folder / "Polres_TTU_2021.csv",
        [
            ["Kode", "Indikator", "Realisasi", "Keterangan"],
            ["3.e.1.1", S("3.e.1.1"), "1-2", "data dari Polsek belum lengkap"],
            ["3.a.1.1", S("3.a.1.1"), "3", ""],
        ],
    )
    return Case(
        "range_value_csv",
        path,
        "'1-2' (a range, not a date) in a comma CSV",
        Refuse("a range is not a figure; neither end may be picked", ["1-2"]),
    )


def tidak_ada_kegiatan(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO TAHUN 2020 – DINAS NAKERTRANS KAB. TTU"],
            ["Kode", "Indikator", "Realisasi", "Keterangan"],
            ["1.a.1.1", S("1.a.1.1"), 150, ""],
            ["1.a.2.1", S("1.a.2.1"), "tidak ada kegiatan", "refocusing anggaran Covid-19"],
        ]
    )
    return Case(
        "tidak_ada_kegiatan",
        _save(wb, folder / "Nakertrans_2020.xlsx"),
        "'tidak ada kegiatan' in the value column of a count indicator",
        ExactOrRefuse(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2020"): 150.0,
                F("1.a.2.1", "DISNAKERTRANS", "2020"): 0.0,
            },
            "'no activity took place' is a zero for a count of activities; reading it as not "
            "reported, or asking, are defensible too",
            alternatives=[{F("1.a.1.1", "DISNAKERTRANS", "2020"): 150.0}],
        ),
    )


def year_headers_as_floats(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["REKAP CAPAIAN RAD TPPO POLRES TTU 2019-2021"],
            ["Kode", "Indikator", "Realisasi", None, None],
            [None, None, 2019.0, 2020.0, 2021.0],
            ["3.a.1.1", S("3.a.1.1"), 3, 5, 4],
            ["3.b.1.1", S("3.b.1.1"), 1, 2, 2],
        ]
    )
    ws.merge_cells("C2:E2")
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    for cell in ws[3][2:5]:
        cell.number_format = "0.0"  # shown 2019,0 2020,0 2021,0
    return Case(
        "year_headers_as_floats",
        _save(wb, folder / "Rekap_Polres.xlsx"),
        "year headers typed as numbers 2019.0 | 2020.0 | 2021.0 under a merged 'Realisasi'",
        Exact(
            {
                F("3.a.1.1", "POLRES", "2019"): 3.0,
                F("3.a.1.1", "POLRES", "2020"): 5.0,
                F("3.a.1.1", "POLRES", "2021"): 4.0,
                F("3.b.1.1", "POLRES", "2019"): 1.0,
                F("3.b.1.1", "POLRES", "2020"): 2.0,
                F("3.b.1.1", "POLRES", "2021"): 2.0,
            }
        ),
    )


def permendagri_86_form(folder: Path) -> Case:
    """Evaluasi terhadap Hasil Renja Perangkat Daerah: 17 numbered columns, K | Rp pairs."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Form Evaluasi"
    for row in (
        ["EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN TIMOR TENGAH UTARA"],
        ["RENJA PERANGKAT DAERAH DINAS SOSIAL KABUPATEN TIMOR TENGAH UTARA"],
        ["PERIODE PELAKSANAAN: TAHUN 2021"],
        [
            "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD: "
            "Meningkatnya perlindungan korban TPPO"
        ],
        [],
    ):
        ws.append(row)
    top = 6  # three header rows: 6, 7, 8; column numbers (1)..(17) on row 9
    heads = {  # first column (1-based): (text, width)
        1: ("No", 1),
        2: ("Sasaran", 1),
        3: ("Program/Kegiatan", 1),
        4: ("Indikator Kinerja Program (outcome)/ Kegiatan (output)", 1),
        5: ("Target Kinerja Capaian Renstra PD pada Tahun 2022 (Akhir Periode Renstra PD)", 2),
        7: ("Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu (2020)", 2),
        9: ("Target Kinerja dan Anggaran Renja PD Tahun Berjalan (2021) yang Dievaluasi", 2),
        11: ("Realisasi Kinerja Pada Triwulan", 8),
        19: ("Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi", 2),
        21: ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang dievaluasi (%)", 2),
        23: (
            "Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun 2021 (Akhir Tahun "
            "Pelaksanaan Renja PD)",
            2,
        ),
        25: ("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun 2021 (%)", 2),
        27: ("Unit PD Penanggung Jawab", 1),
        28: ("Keterangan", 1),
    }
    number = 0
    for col, (text, width) in heads.items():
        ws.cell(top, col, text)
        if width == 1:
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 2, end_column=col)
        elif width == 8:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + 7)
            for q, roman in enumerate(("I", "II", "III", "IV")):
                ws.cell(top + 1, col + 2 * q, roman)
                ws.merge_cells(
                    start_row=top + 1,
                    start_column=col + 2 * q,
                    end_row=top + 1,
                    end_column=col + 2 * q + 1,
                )
        else:
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col + 1)
        for c in range(col, col + width, 1 if width == 1 else 2):
            number += 1
            ws.cell(top + 3, c, f"({number})")
            if width >= 2:
                ws.cell(top + 2, c, "K")
                ws.cell(top + 2, c + 1, "Rp")
                ws.merge_cells(start_row=top + 3, start_column=c, end_row=top + 3, end_column=c + 1)

    def row(*cells):
        ws.append(list(cells))

    def footer(label, *right):  # label in column C, the rest from column U (13 K | 13 Rp)
        row(None, None, label, *([None] * 17), *right)

    jt = 1_000_000
    # fmt: off
    row("II", "PENANGANAN KESEHATAN, SOSIAL, REHABILITASI DAN PEMULANGAN")
    row(1, "Meningkatnya layanan rehabilitasi bagi korban TPPO", "Program Rehabilitasi Sosial",
        None, None, 750 * jt, None, 120 * jt, None, 150 * jt, None, 22 * jt, None, 41 * jt,
        None, 23 * jt, None, 40 * jt, None, 126 * jt, None, 84.0)
    row(None, None, "Rapat koordinasi OPD terkait dalam merumuskan mekanisme rujukan layanan")
    #                        (4)            (5) renstra   (6) s.d. lalu  (7) renja  (8) TW I ...
    row(None, None, None, S("2.a.1.3"), 150, 600 * jt, 31, 90 * jt, 30, 110 * jt, 2, 20 * jt,
        3, 30 * jt, 1, 20 * jt, 4, 35 * jt, 10, 105 * jt, 33.33, 95.45, 41, 195 * jt, 27.33,
        32.5, "Bidang Rehabilitasi Sosial", "")
    row(None, None, None, S("2.b.1.1"), 100, 100 * jt, 20, 20 * jt, 20, 25 * jt, "-", "-",
        5, 8 * jt, "-", "-", "-", "-", 5, 8 * jt, 25, 32, 25, 28 * jt, 25, 28,
        "Bidang Rehabilitasi Sosial", "pelatihan di Kupang")
    row(None, None, None, S("2.c.1.1"), 10, 50 * jt, 4, 10 * jt, 2, 15 * jt, "-", 2 * jt,
        1, 3 * jt, "-", 3 * jt, 1, 5 * jt, 2, 13 * jt, 100, 86.67, 6, 23 * jt, 60, 46,
        "Bidang Linjamsos", "")
    row(None, None, "Jumlah", None, None, 750 * jt, None, 120 * jt, None, 150 * jt, None,
        22 * jt, None, 41 * jt, None, 23 * jt, None, 40 * jt, None, 126 * jt, None, 84.0)
    footer("Rata-rata capaian kinerja (%)", 52.78, 84.0)
    footer("Predikat kinerja", "Rendah", "Tinggi")
    row(None, None, "Faktor pendorong keberhasilan pencapaian:",
        "Dukungan IOM dan koordinasi dengan P2TP2A")
    row(None, None, "Faktor penghambat pencapaian kinerja:", "Refocusing anggaran Covid-19")
    row(None, None, "Tindak lanjut yang diperlukan dalam triwulan berikutnya:",
        "Percepatan pelatihan petugas")
    row(None, None, "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah kabupaten "
        "berikutnya:", "Penambahan pagu pelatihan")
    row()
    footer("Disusun", "Dievaluasi")
    footer("Kefamenanu, 14 Januari 2022", "Kefamenanu, 20 Januari 2022")
    footer("Kepala Dinas Sosial Kabupaten Timor Tengah Utara",
           "Kepala BAPELITBANG Kabupaten Timor Tengah Utara")
    row()
    footer("Drs. Yohanes Taek", "Ir. Maria Bano, M.Si")
    footer("NIP. 19680304 199303 1 007", "NIP. 19710615 199803 2 004")
    # fmt: on
    quarters = {
        F("2.a.1.3", "DINSOS", "2021-TW1"): 2.0,
        F("2.a.1.3", "DINSOS", "2021-TW2"): 3.0,
        F("2.a.1.3", "DINSOS", "2021-TW3"): 1.0,
        F("2.a.1.3", "DINSOS", "2021-TW4"): 4.0,
        F("2.b.1.1", "DINSOS", "2021-TW2"): 5.0,
        F("2.c.1.1", "DINSOS", "2021-TW2"): 1.0,
        F("2.c.1.1", "DINSOS", "2021-TW4"): 1.0,
    }
    annual = {
        F("2.a.1.3", "DINSOS", "2021"): 10.0,
        F("2.b.1.1", "DINSOS", "2021"): 5.0,
        F("2.c.1.1", "DINSOS", "2021"): 2.0,
    }
    return Case(
        "permendagri_86_form",
        _save(wb, folder / "Evaluasi_Renja_Dinsos_2021.xlsx"),
        "Permendagri 86/2017 form: 3 header rows over K|Rp, (1)..(17), bidang/program rows, "
        "totals, footer, signatures; only columns 8-11 (or 12) are this year's figures",
        Exact(quarters, alternatives=[annual]),
    )


def realisasi_fisik_keuangan(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["LAPORAN REALISASI FISIK DAN KEUANGAN"],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI KABUPATEN TIMOR TENGAH UTARA"],
            ["TAHUN ANGGARAN 2020"],
            [
                "No",
                "Kode",
                "Indikator",
                "Target Volume",
                "Satuan",
                "Pagu Anggaran (Rp)",
                "Realisasi",
                None,
                None,
                None,
                "Sisa Anggaran (Rp)",
            ],
            [
                None,
                None,
                None,
                None,
                None,
                None,
                "Volume",
                "Fisik (%)",
                "Keuangan (Rp)",
                "Keuangan (%)",
                None,
            ],
            [
                1,
                "1.a.1.1",
                S("1.a.1.1"),
                1000,
                "orang",
                25_000_000,
                850,
                85,
                23_400_000,
                93.6,
                1_600_000,
            ],
            [
                2,
                "1.a.2.1",
                S("1.a.2.1"),
                12,
                "kali",
                36_000_000,
                10,
                83.33,
                30_000_000,
                83.33,
                6_000_000,
            ],
        ]
    )
    ws.merge_cells("G4:J4")
    for col in "ABCDEFK":
        ws.merge_cells(f"{col}4:{col}5")
    return Case(
        "realisasi_fisik_keuangan",
        _save(wb, folder / "Realisasi_Fisik_Keuangan_Nakertrans_2020.xlsx"),
        "'Realisasi' over Volume | Fisik (%) | Keuangan (Rp) | Keuangan (%): Volume is the figure",
        Exact(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2020"): 850.0,
                F("1.a.2.1", "DISNAKERTRANS", "2020"): 10.0,
            }
        ),
    )


def realisasi_l_p_jumlah(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2022"],
            ["Kode", "Indikator", "Satuan", "Realisasi", None, None],
            [None, None, None, "L", "P", "Jumlah"],
            ["2.a.1.3", S("2.a.1.3"), "korban", 7, 12, 19],
            ["1.a.1.1", S("1.a.1.1"), "orang", 210, 265, 475],
        ]
    )
    ws.merge_cells("D2:F2")
    for col in "ABC":
        ws.merge_cells(f"{col}2:{col}3")
    return Case(
        "realisasi_l_p_jumlah",
        _save(wb, folder / "DP3A_2022_terpilah.xlsx"),
        "'Realisasi' merged over L | P | Jumlah",
        Exact(
            {
                F("2.a.1.3", "DP3A", "2022", sex="L"): 7.0,
                F("2.a.1.3", "DP3A", "2022", sex="P"): 12.0,
                F("1.a.1.1", "DP3A", "2022", sex="L"): 210.0,
                F("1.a.1.1", "DP3A", "2022", sex="P"): 265.0,
            },
            alternatives=[
                {F("2.a.1.3", "DP3A", "2022"): 19.0, F("1.a.1.1", "DP3A", "2022"): 475.0}
            ],
        ),
    )


def letterhead_dinsos(folder: Path) -> Case:
    wb, _ = _xlsx(
        KOP_DINSOS
        + [
            [],
            ["LAPORAN CAPAIAN RAD GUGUS TUGAS PP-TPPO TAHUN 2019"],
            [],
            ["No", "Kode", "Indikator", "Satuan", "Capaian", "Keterangan"],
            [1, "2.a.1.2", S("2.a.1.2"), "unit", "Belum", "lahan sudah tersedia"],
            [2, "2.a.1.3", S("2.a.1.3"), "korban", 6, ""],
        ]
    )
    return Case(
        "letterhead_dinsos",
        _save(wb, folder / "laporan dinsos.xlsx"),
        "a 5-row letterhead (kop surat) above the title and the table",
        Exact({F("2.a.1.2", "DINSOS", "2019"): 0.0, F("2.a.1.3", "DINSOS", "2019"): 6.0}),
    )


def abbreviated_statements(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DISNAKERTRANS KAB. TTU TAHUN 2021"],
            ["No", "Indikator", "Realisasi"],
            [
                1,
                "Tersosialisasikannya kpd 5.000 org aparat & seluruh lapisan masy. ttg bahaya TPPO "
                "serta prosedur penempatan naker ke dlm dan luar negeri scr resmi",
                420,
            ],
            [
                2,
                "Tersedianya 5000 brosur ttg mekanisme penempatan naker & TPPO kpd aparat dan "
                "seluruh lapisan masyarakat",
                "1.000",
            ],
            [
                3,
                "Tersedianya 500 baliho ttg mekanisme penempatan naker dan TPPO pd tempat2 umum",
                25,
            ],
            [
                4,
                "Terlaksananya 60 kali pembinaan bagi calon TKI/PMI ttg penempatan naker secara "
                "prosedural",
                "12 kali",
            ],
            [
                5,
                "Terbentuknya & penguatan kelompok peduli TPPO di 24 kec. sbg tempat pengaduan & "
                "informasi ttg bermigrasi scr prosedural",
                3,
            ],
        ]
    )
    return Case(
        "abbreviated_statements",
        _save(wb, folder / "Disnakertrans_TTU_2021.xlsx"),
        "no codes; statements retyped with 'kpd', 'naker', 'TKI/PMI', 'kec.', 'ttg', '&'",
        Exact(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2021"): 420.0,
                F("1.a.1.2", "DISNAKERTRANS", "2021"): 1000.0,
                F("1.a.1.3", "DISNAKERTRANS", "2021"): 25.0,
                F("1.a.2.1", "DISNAKERTRANS", "2021"): 12.0,
                F("1.b.2.1", "DISNAKERTRANS", "2021"): 3.0,
            }
        ),
    )


def google_sheets_csv(folder: Path) -> Case:
    path = _csv(
        folder / "Capaian RAD - Sheet1.csv",
        [
            [
                "Kode",
                "Indikator",
                "Satuan",
                "Capaian",
                "Pagu (Rp)",
                "Realisasi Anggaran (Rp)",
                "Keterangan",
            ],
            ["2.b.1.3", S("2.b.1.3"), "%", "62.5", "", "", "post-test, 16 dari 26 petugas"],
            ["1.a.1.1", S("1.a.1.1"), "orang", "1250", "12500000", "11875000", ""],
            ["4.a.2.1", S("4.a.2.1"), "kali", "1", "", "", "rapat kerja Maret"],
        ],
    )
    return Case(
        "google_sheets_csv",
        path,
        "Google Sheets CSV export (en-US: dot decimal, no grouping); file names neither agency "
        "nor year, so the user types them",
        Exact(
            {
                F("2.b.1.3", "DP3A", "2022"): 62.5,
                F("1.a.1.1", "DP3A", "2022"): 1250.0,
                F("4.a.2.1", "DP3A", "2022"): 1.0,
            }
        ),
        overrides={"agency": "DP3A", "year": 2022},
    )


def utf16_unicode_text(folder: Path) -> Case:
    path = _csv(
        folder / "Laporan Polres TTU 2020.txt",
        [
            ["Laporan Capaian RAD TPPO – Polres Timor Tengah Utara – Tahun 2020"],
            ["No", "Kode", "Indikator", "Realisasi", "Keterangan"],
            ["1", "3.a.1.1", S("3.a.1.1"), "4", "pelatihan di Polda NTT – Kupang"],
            ["2", "3.c.1.1", S("3.c.1.1"), "Sudah", "laporan masyarakat Desa Napan"],
            ["3", "3.e.1.1", S("3.e.1.1"), "2", ""],
        ],
        delimiter="\t",
        encoding="utf-16",
    )  # Excel's "Unicode Text (*.txt)": UTF-16 LE + BOM
    return Case(
        "utf16_unicode_text",
        path,
        "Excel 'Unicode Text' save: UTF-16 with BOM, tab-separated, .txt",
        Exact(
            {
                F("3.a.1.1", "POLRES", "2020"): 4.0,
                F("3.c.1.1", "POLRES", "2020"): 1.0,
                F("3.e.1.1", "POLRES", "2020"): 2.0,
            }
        ),
    )


def ods_libreoffice(folder: Path) -> Case:
    path = _ods(
        folder / "YTB_laporan_2020.ods",
        {
            "Laporan": [
                ["Yayasan Tapen Bikomi – Laporan Kegiatan Anti-TPPO Tahun 2020"],
                [],
                ["Kode", "Indikator", "Capaian", "Keterangan"],
                ["1.b.2.1", S("1.b.2.1"), 3, "Insana, Biboki Anleu, Noemuti"],
                ["1.b.4.1", S("1.b.4.1"), 2, "Perdes di Desa Maubesi dan Desa Oelbonak"],
                ["3.c.1.1", S("3.c.1.1"), "Sudah", ""],
            ]
        },
    )
    return Case(
        "ods_libreoffice",
        path,
        "LibreOffice .ods with a title and a blank row",
        Exact(
            {
                F("1.b.2.1", "YTB", "2020"): 3.0,
                F("1.b.4.1", "YTB", "2020"): 2.0,
                F("3.c.1.1", "YTB", "2020"): 1.0,
            }
        ),
    )


def tw_columns_with_jumlah_xls(folder: Path) -> Case:
    path = _xls(
        folder / "Polres TTU 2022.xls",
        {
            "Rekap": [
                ["REKAPITULASI CAPAIAN RAD TPPO POLRES TTU TAHUN 2022"],
                ["Kode", "Indikator", "TW I", "TW II", "TW III", "TW IV", "Jumlah"],
                ["3.a.1.1", S("3.a.1.1"), 2, 0, 3, "-", 5],
                ["3.e.1.1", S("3.e.1.1"), "-", 1, "-", 1, 2],
            ]
        },
    )
    return Case(
        "tw_columns_with_jumlah_xls",
        path,
        "TW I..TW IV columns and a 'Jumlah' column after them (must not be added on top)",
        Exact(
            {
                F("3.a.1.1", "POLRES", "2022-TW1"): 2.0,
                F("3.a.1.1", "POLRES", "2022-TW2"): 0.0,
                F("3.a.1.1", "POLRES", "2022-TW3"): 3.0,
                F("3.e.1.1", "POLRES", "2022-TW2"): 1.0,
                F("3.e.1.1", "POLRES", "2022-TW4"): 1.0,
            },
            alternatives=[
                {F("3.a.1.1", "POLRES", "2022"): 5.0, F("3.e.1.1", "POLRES", "2022"): 2.0}
            ],
        ),
    )


# --- files that also make up the sequences --------------------------------------------------


def _dp3a_2020(folder: Path, name: str, title: str, values: tuple) -> Path:
    wb, _ = _xlsx(
        [
            [title],
            ["Kode", "Indikator", "Capaian"],
            ["1.a.1.1", S("1.a.1.1"), values[0]],
            ["4.a.1.2", S("4.a.1.2"), values[1]],
            ["4.d.1.2", S("4.d.1.2"), values[2]],
        ]
    )
    return _save(wb, folder / name)


def dp3a_2020_original(folder: Path) -> Case:
    return Case(
        "dp3a_2020_original",
        _dp3a_2020(
            folder, "DP3A_2020.xlsx", "LAPORAN CAPAIAN RAD TPPO DP3A TAHUN 2020", (300, "Belum", 1)
        ),
        "the first report of DP3A for 2020",
        Exact(
            {
                F("1.a.1.1", "DP3A", "2020"): 300.0,
                F("4.a.1.2", "DP3A", "2020"): 0.0,
                F("4.d.1.2", "DP3A", "2020"): 1.0,
            }
        ),
    )


def dp3a_2020_revisi(folder: Path) -> Case:
    return Case(
        "dp3a_2020_revisi",
        _dp3a_2020(
            folder,
            "DP3A_2020_revisi.xlsx",
            "LAPORAN CAPAIAN RAD TPPO DP3A TAHUN 2020 (REVISI)",
            (320, "Sudah", 2),
        ),
        "the revised report of DP3A for 2020, 'REVISI' in title and file name",
        Exact(
            {
                F("1.a.1.1", "DP3A", "2020"): 320.0,
                F("4.a.1.2", "DP3A", "2020"): 1.0,
                F("4.d.1.2", "DP3A", "2020"): 2.0,
            }
        ),
    )


def _nakertrans_2021(folder: Path, name: str, title: str, column: str, values: tuple) -> Path:
    wb, _ = _xlsx(
        [
            [title],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI KAB. TTU"],
            ["Kode", "Indikator", column],
            ["1.a.2.1", S("1.a.2.1"), values[0]],
            ["1.a.1.1", S("1.a.1.1"), values[1]],
        ]
    )
    return _save(wb, folder / name)


def nakertrans_2021_tw1(folder: Path) -> Case:
    return Case(
        "nakertrans_2021_tw1",
        _nakertrans_2021(
            folder,
            "Disnakertrans_TW_I_2021.xlsx",
            "LAPORAN TRIWULAN I TAHUN 2021",
            "Realisasi TW I",
            (4, 100),
        ),
        "a quarterly report, TW I 2021",
        Exact(
            {
                F("1.a.2.1", "DISNAKERTRANS", "2021-TW1"): 4.0,
                F("1.a.1.1", "DISNAKERTRANS", "2021-TW1"): 100.0,
            }
        ),
    )


def nakertrans_2021_tw2(folder: Path) -> Case:
    return Case(
        "nakertrans_2021_tw2",
        _nakertrans_2021(
            folder,
            "Disnakertrans_TW_II_2021.xlsx",
            "LAPORAN TRIWULAN II TAHUN 2021",
            "Realisasi TW II",
            (10, 150),
        ),
        "a quarterly report, TW II 2021 (the quarter's own figures)",
        Exact(
            {
                F("1.a.2.1", "DISNAKERTRANS", "2021-TW2"): 10.0,
                F("1.a.1.1", "DISNAKERTRANS", "2021-TW2"): 150.0,
            }
        ),
    )


def nakertrans_2021_annual(folder: Path) -> Case:
    return Case(
        "nakertrans_2021_annual",
        _nakertrans_2021(
            folder,
            "Disnakertrans_Tahunan_2021.xlsx",
            "LAPORAN TAHUNAN CAPAIAN RAD TPPO TAHUN 2021",
            "Realisasi Tahun 2021",
            (18, 400),
        ),
        "the annual report for 2021 (whole year, includes TW I and TW II)",
        Exact(
            {
                F("1.a.2.1", "DISNAKERTRANS", "2021"): 18.0,
                F("1.a.1.1", "DISNAKERTRANS", "2021"): 400.0,
            }
        ),
    )


CASES = [
    percent_cell_format,
    hidden_example_row,
    hidden_sheet_old_data,
    capaian_kinerja_percent_beside_count,
    only_realisasi_fisik_percent,
    target_and_target_renja,
    sd_tw2_without_tw1,
    semester_1_2021,
    semester_2_2021,
    perbup_2018_in_title,
    covering_letter_tw4_no_year,
    title_year_vs_filename_year,
    kecamatan_rows_with_jumlah,
    total_row_mismatch,
    one_sheet_per_agency,
    one_sheet_per_agency_with_override,
    summary_sheet_beside_agency_sheets,
    orang_with_sex_in_text,
    tiga_kali_xls,
    milestone_words_csv_bom,
    budget_rp_with_dash_xls,
    approximate_value,
    range_value_csv,
    tidak_ada_kegiatan,
    year_headers_as_floats,
    permendagri_86_form,
    realisasi_fisik_keuangan,
    realisasi_l_p_jumlah,
    letterhead_dinsos,
    abbreviated_statements,
    google_sheets_csv,
    utf16_unicode_text,
    ods_libreoffice,
    tw_columns_with_jumlah_xls,
    dp3a_2020_original,
    dp3a_2020_revisi,
    nakertrans_2021_tw1,
    nakertrans_2021_tw2,
    nakertrans_2021_annual,
]


SEQUENCES = [
    Sequence(
        "semester_1_then_2",
        "Semester I then Semester II of DINSOS 2021: the second must not replace the first",
        [semester_1_2021, semester_2_2021],
        {
            F("2.a.1.3", "DINSOS", "2021-S1"): 8.0,
            F("2.c.1.1", "DINSOS", "2021-S1"): 1.0,
            F("2.a.1.3", "DINSOS", "2021-S2"): 11.0,
            F("2.c.1.1", "DINSOS", "2021-S2"): 1.0,
        },
    ),
    Sequence(
        "original_revision_original_again",
        "DP3A 2020: original, its revision, then the original sent again by mistake; the "
        "original must not silently come back",
        [dp3a_2020_original, dp3a_2020_revisi, dp3a_2020_original],
        {
            F("1.a.1.1", "DP3A", "2020"): 320.0,
            F("4.a.1.2", "DP3A", "2020"): 1.0,
            F("4.d.1.2", "DP3A", "2020"): 2.0,
        },
    ),
    Sequence(
        "quarters_then_annual",
        "DISNAKERTRANS 2021: TW I (4), TW II (10), then the annual report (18); the year's "
        "total must be 18, never 32",
        [nakertrans_2021_tw1, nakertrans_2021_tw2, nakertrans_2021_annual],
        {F("1.a.2.1", "DISNAKERTRANS", "2021"): 18.0, F("1.a.1.1", "DISNAKERTRANS", "2021"): 400.0},
    ),
]
