"""A held-out corpus: agency report files the loader was NOT tuned on, each with the outcome a
careful secretariat officer of the Gugus Tugas PP-TPPO Kab. TTU would expect, written down before
the loader ever saw the file.

Same conventions as tests/corpus/files.py (Case, Exact, Refuse, ExactOrRefuse, F, S; figures are
{(code, agency, period, sex, age_group, kecamatan): value}; milestones 1.0 done / 0.0 not yet).
The files here deliberately use other agencies, other indicators, other years and other layouts
than files.py. Run `python -m tests.corpus.measure_heldout` to see how the loader does.
"""

from __future__ import annotations

from pathlib import Path

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
    _xls,
    _xlsx,
)

# --------------------------------------------------------------------------------------------
# Single files


def google_forms_timestamp_csv(folder: Path) -> Case:
    header = [
        "Timestamp",
        "Alamat email",
        "Nama Lembaga",
        "Tahun Pelaporan",
        "Kode Indikator",
        "Uraian Indikator",
        "Capaian",
        "Keterangan",
    ]
    email = "tapenbikomi.ttu@gmail.com"
    lembaga = "Yayasan Tapen Bikomi"
    path = _csv(
        folder / "Formulir Laporan Capaian RAD TPPO (Jawaban) - Jawaban Formulir 1.csv",
        [
            header,
            [
                "18/01/2021 09:14:02",
                email,
                lembaga,
                "2020",
                "1.b.2.2",
                S("1.b.2.2"),
                "10",
                "kelompok aktif di 10 kecamatan",
            ],
            [
                "18/01/2021 09:21:47",
                email,
                lembaga,
                "2020",
                "1.b.4.1",
                S("1.b.4.1"),
                "2",
                "Perdes Desa Maubesi dan Desa Sainoni",
            ],
            [
                "18/01/2021 09:30:15",
                email,
                lembaga,
                "2020",
                "3.c.1.2",
                S("3.c.1.2"),
                "Sudah",
                "pendampingan pelaporan 3 kasus ke Polres",
            ],
        ],
    )
    return Case(
        "google_forms_timestamp_csv",
        path,
        "Google Forms response export: Timestamp (Jan 2021) column, agency and year in columns "
        "'Nama Lembaga' / 'Tahun Pelaporan' (2020), one response row per indicator",
        Exact(
            {
                F("1.b.2.2", "YTB", "2020"): 10.0,
                F("1.b.4.1", "YTB", "2020"): 2.0,
                F("3.c.1.2", "YTB", "2020"): 1.0,
            }
        ),
    )


def letterhead_kepada_yth_row7(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA"],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI"],
            [
                "Jl. El Tari No. 12, Kefamenanu – Telp. (0388) 31456",
                None,
                None,
                None,
                "Kefamenanu, 10 Januari 2020",
            ],
            ["Kepada Yth. Ketua Gugus Tugas PP-TPPO Kabupaten Timor Tengah Utara"],
            ["di –", "Kefamenanu"],
            ["Perihal : Laporan Capaian Rencana Aksi Daerah PP-TPPO Tahun 2019"],
            ["Kode", "Uraian Indikator", "Satuan", "Target", "Realisasi", "Keterangan"],
            ["1.a.3.1", S("1.a.3.1"), "kali", 12, 7, "pembinaan PPTKIS di Kefamenanu"],
            ["1.a.1.3", S("1.a.1.3"), "baliho", 100, 20, "di 20 desa"],
            ["1.b.1.2", S("1.b.1.2"), "kegiatan", 1, "Sudah", "sosialisasi SOP ke pengawas"],
            [],
            [None, None, None, None, "Kepala Dinas,"],
            [None, None, None, None, "Yakobus Oki, S.Sos"],
        ]
    )
    return Case(
        "letterhead_kepada_yth_row7",
        _save(wb, folder / "Surat Disnakertrans ke Gugus Tugas.xlsx"),
        "letterhead, letter date Jan 2020, 'Kepada Yth.' block and Perihal with 'Tahun 2019'; "
        "the table header on row 7",
        Exact(
            {
                F("1.a.3.1", "DISNAKERTRANS", "2019"): 7.0,
                F("1.a.1.3", "DISNAKERTRANS", "2019"): 20.0,
                F("1.b.1.2", "DISNAKERTRANS", "2019"): 1.0,
            }
        ),
    )


def trw_quarter_columns_jumlah(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["REKAPITULASI CAPAIAN RAD PP-TPPO DINAS PPPA KAB. TTU TAHUN 2021"],
            [],
            ["No", "Kode", "Indikator", "Satuan", "Trw I", "Trw II", "Trw III", "Trw IV", "Jumlah"],
            [1, "4.d.1.2", S("4.d.1.2"), "kali", 0, 1, 0, 1, 2],
            [2, "1.a.1.1", S("1.a.1.1"), "orang", 120, 80, "–", 150, 350],
            [3, "4.a.3.1", S("4.a.3.1"), "kegiatan", "Belum", "Belum", "Sudah", "Sudah", None],
        ]
    )
    quarters = {
        F("4.d.1.2", "DP3A", "2021-TW1"): 0.0,
        F("4.d.1.2", "DP3A", "2021-TW2"): 1.0,
        F("4.d.1.2", "DP3A", "2021-TW3"): 0.0,
        F("4.d.1.2", "DP3A", "2021-TW4"): 1.0,
        F("1.a.1.1", "DP3A", "2021-TW1"): 120.0,
        F("1.a.1.1", "DP3A", "2021-TW2"): 80.0,
        F("1.a.1.1", "DP3A", "2021-TW4"): 150.0,
        F("4.a.3.1", "DP3A", "2021-TW1"): 0.0,
        F("4.a.3.1", "DP3A", "2021-TW2"): 0.0,
        F("4.a.3.1", "DP3A", "2021-TW3"): 1.0,
        F("4.a.3.1", "DP3A", "2021-TW4"): 1.0,
    }
    annual = {
        F("4.d.1.2", "DP3A", "2021"): 2.0,
        F("1.a.1.1", "DP3A", "2021"): 350.0,
        F("4.a.3.1", "DP3A", "2021"): 1.0,
    }
    return Case(
        "trw_quarter_columns_jumlah",
        _save(wb, folder / "Rekap_DPPPA_2021.xlsx"),
        "'Trw I | Trw II | Trw III | Trw IV | Jumlah', an en dash for not reported, a milestone "
        "row answered per quarter with no Jumlah",
        Exact(quarters, alternatives=[annual]),
    )


def two_tables_one_sheet(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO POLRES TIMOR TENGAH UTARA TAHUN 2022"],
            [],
            ["A. Capaian Tahun 2021 (sebagai pembanding)"],
            ["Kode", "Indikator", "Realisasi"],
            ["3.a.1.1", S("3.a.1.1"), 4],
            ["3.b.1.1", S("3.b.1.1"), 1],
            ["3.e.1.1", S("3.e.1.1"), 2],
            [],
            ["B. Capaian Tahun 2022"],
            ["Kode", "Indikator", "Realisasi"],
            ["3.a.1.1", S("3.a.1.1"), 6],
            ["3.b.1.1", S("3.b.1.1"), 2],
            ["3.e.1.1", S("3.e.1.1"), 2],
            ["3.d.1.1", S("3.d.1.1"), "Sudah"],
        ]
    )
    this_year = {
        F("3.a.1.1", "POLRES", "2022"): 6.0,
        F("3.b.1.1", "POLRES", "2022"): 2.0,
        F("3.e.1.1", "POLRES", "2022"): 2.0,
        F("3.d.1.1", "POLRES", "2022"): 1.0,
    }
    both = dict(this_year)
    both.update(
        {
            F("3.a.1.1", "POLRES", "2021"): 4.0,
            F("3.b.1.1", "POLRES", "2021"): 1.0,
            F("3.e.1.1", "POLRES", "2021"): 2.0,
        }
    )
    return Case(
        "two_tables_one_sheet",
        _save(wb, folder / "Polres_TTU_Laporan_2022.xlsx"),
        "a 2022 report whose sheet holds last year's table (labelled 'pembanding') above this "
        "year's, each under its own 'Capaian Tahun ...' line",
        ExactOrRefuse(
            this_year,
            "the report is 2022's; the 2021 table is for comparison. Storing it under 2021 is "
            "defensible; refusing two tables on one sheet is acceptable; mixing them is wrong",
            alternatives=[both],
        ),
    )


def values_with_units(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["INTERNATIONAL ORGANIZATION FOR MIGRATION (IOM) – KANTOR KUPANG"],
            ["Laporan Kontribusi terhadap Capaian RAD PP-TPPO Kab. TTU Tahun 2020"],
            ["Kode", "Indikator", "Capaian", "Keterangan"],
            ["3.a.1.2", S("3.a.1.2"), "12 org", "pelatihan terpadu APH di Kefamenanu"],
            ["1.a.2.2", S("1.a.2.2"), "3 kegiatan", "pembinaan calon PMI di BLK"],
            ["2.a.1.1", S("2.a.1.1"), "1 dok", "SOP rujukan disusun bersama Dinsos"],
            ["1.a.1.2", S("1.a.1.2"), "1.500 lbr", "dicetak dan dibagikan di 6 kecamatan"],
        ]
    )
    return Case(
        "values_with_units",
        _save(wb, folder / "IOM_kontribusi_RAD_TTU_2020.xlsx"),
        "values typed with units: '12 org', '3 kegiatan', '1 dok' (a document milestone), "
        "'1.500 lbr'",
        Exact(
            {
                F("3.a.1.2", "IOM", "2020"): 12.0,
                F("1.a.2.2", "IOM", "2020"): 3.0,
                F("2.a.1.1", "IOM", "2020"): 1.0,
                F("1.a.1.2", "IOM", "2020"): 1500.0,
            }
        ),
    )


def milestone_other_words(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO BIDANG KERJASAMA TAHUN 2020"],
            ["DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK KAB. TTU"],
            ["Kode", "Indikator", "Capaian", "Keterangan"],
            ["4.a.1.3", S("4.a.1.3"), "Ada (SK No. 5/2020)", "ditetapkan Maret"],
            ["4.a.5.2", S("4.a.5.2"), "Sudah ada", "ruang di kantor DP3A"],
            ["4.c.1.1", S("4.c.1.1"), "Dalam proses", "menunggu Renstra perubahan"],
            ["4.b.1.1", S("4.b.1.1"), "Tidak ada", "belum ada mitra swasta"],
        ]
    )
    return Case(
        "milestone_other_words",
        _save(wb, folder / "DP3A_Kerjasama_2020.xlsx"),
        "milestone answers 'Ada (SK No. 5/2020)', 'Sudah ada', 'Dalam proses', 'Tidak ada'",
        Exact(
            {
                F("4.a.1.3", "DP3A", "2020"): 1.0,
                F("4.a.5.2", "DP3A", "2020"): 1.0,
                F("4.c.1.1", "DP3A", "2020"): 0.0,
                F("4.b.1.1", "DP3A", "2020"): 0.0,
            }
        ),
    )


def note_without_value(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD GUGUS TUGAS PP-TPPO DINAS SOSIAL TAHUN 2022"],
            ["No", "Kode", "Indikator", "Satuan", "Realisasi", "Keterangan"],
            [1, "2.a.1.3", S("2.a.1.3"), "korban", 7, "dirujuk ke RSUD dan rumah aman"],
            [
                2,
                "2.b.1.2",
                S("2.b.1.2"),
                "kegiatan",
                None,
                "pelatihan lanjutan ditunda ke tahun 2023",
            ],
            [3, "2.b.2.1", S("2.b.2.1"), "unit", "Sudah", "pengadaan tempat tidur dan lemari"],
            [4, "2.d.1.1", S("2.d.1.1"), "kegiatan", None, "data ada pada Disnakertrans"],
        ]
    )
    return Case(
        "note_without_value",
        _save(wb, folder / "Dinsos TA. 2022.xlsx"),
        "two rows with a Keterangan but an empty value (one note names 2023); 'TA. 2022' in "
        "the file name",
        Exact({F("2.a.1.3", "DINSOS", "2022"): 7.0, F("2.b.2.1", "DINSOS", "2022"): 1.0}),
    )


def kecamatan_sub_total(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["YAYASAN TAPEN BIKOMI"],
            ["Rekap Kegiatan Pencegahan TPPO per Kecamatan Tahun 2019"],
            ["Kode", "Indikator", "Kecamatan", "Realisasi"],
            ["1.a.1.1", S("1.a.1.1"), "Insana Utara", 40],
            [None, None, "Biboki Selatan", 35],
            [None, None, "Sub Total", 75],
            ["1.b.2.1", S("1.b.2.1"), "Insana Utara", 1],
            [None, None, "Biboki Selatan", 1],
            [None, None, "Sub Total", 2],
        ]
    )
    return Case(
        "kecamatan_sub_total",
        _save(wb, folder / "YTB_per_kecamatan_2019.xlsx"),
        "kecamatan rows, the indicator given on the first row only (not merged), a 'Sub Total' "
        "row per indicator",
        Exact(
            {
                F("1.a.1.1", "YTB", "2019", kecamatan="Insana Utara"): 40.0,
                F("1.a.1.1", "YTB", "2019", kecamatan="Biboki Selatan"): 35.0,
                F("1.b.2.1", "YTB", "2019", kecamatan="Insana Utara"): 1.0,
                F("1.b.2.1", "YTB", "2019", kecamatan="Biboki Selatan"): 1.0,
            }
        ),
    )


def xls_merged_header(folder: Path) -> Case:
    path = folder / "LAPORAN DINSOS 2021.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("Lap")
    sh.write_merge(0, 0, 0, 5, "LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KABUPATEN TTU TAHUN 2021")
    sh.write_merge(1, 2, 0, 0, "No")
    sh.write_merge(1, 2, 1, 1, "Kode")
    sh.write_merge(1, 2, 2, 2, "Indikator")
    sh.write_merge(1, 1, 3, 4, "Realisasi")
    sh.write(2, 3, "L")
    sh.write(2, 4, "P")
    sh.write_merge(1, 2, 5, 5, "Keterangan")
    for r, row in enumerate(
        [
            [1, "2.a.1.3", S("2.a.1.3"), 3, 5, ""],
            [2, "2.b.1.1", S("2.b.1.1"), 4, 6, "pelatihan petugas di Kupang"],
        ],
        start=3,
    ):
        for c, v in enumerate(row):
            sh.write(r, c, v)
    book.save(str(path))
    return Case(
        "xls_merged_header",
        path,
        "old .xls (xlwt) with merged header cells: 'Realisasi' over L | P, others merged down",
        Exact(
            {
                F("2.a.1.3", "DINSOS", "2021", sex="L"): 3.0,
                F("2.a.1.3", "DINSOS", "2021", sex="P"): 5.0,
                F("2.b.1.1", "DINSOS", "2021", sex="L"): 4.0,
                F("2.b.1.1", "DINSOS", "2021", sex="P"): 6.0,
            },
            alternatives=[
                {F("2.a.1.3", "DINSOS", "2021"): 8.0, F("2.b.1.1", "DINSOS", "2021"): 10.0}
            ],
        ),
    )


def semicolon_csv_decimal_comma(folder: Path) -> Case:
    path = _csv(
        folder / "DP3A_TTU_2022.csv",
        [
            ["Laporan Capaian RAD TPPO DP3A Kab. TTU Tahun 2022", "", "", "", ""],
            ["", "", "", "", ""],
            ["Kode", "Indikator", "Satuan", "Capaian", "Keterangan"],
            ["2.b.1.3", S("2.b.1.3"), "%", "62,5", "post-test – 10 dari 16 petugas"],
            ["1.a.1.1", S("1.a.1.1"), "orang", "1.250", "sosialisasi di sekolah"],
            ["4.a.5.1", S("4.a.5.1"), "orang", "2", "staf sekretariat"],
        ],
        delimiter=";",
        encoding="cp1252",
    )
    return Case(
        "semicolon_csv_decimal_comma",
        path,
        "Excel CSV (Windows-1252, semicolons) with '62,5' (decimal comma) and '1.250' (grouping)",
        Exact(
            {
                F("2.b.1.3", "DP3A", "2022"): 62.5,
                F("1.a.1.1", "DP3A", "2022"): 1250.0,
                F("4.a.5.1", "DP3A", "2022"): 2.0,
            }
        ),
    )


def percent_on_count_indicator(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS TAHUN 2022"],
            ["Kode", "Indikator", "Satuan", "Capaian"],
            ["1.a.3.2", S("1.a.3.2"), "kali", 0.4],
            ["1.a.2.1", S("1.a.2.1"), "kali", 9],
        ]
    )
    ws["D3"].number_format = "0%"  # shown 40%
    return Case(
        "percent_on_count_indicator",
        _save(wb, folder / "Nakertrans_capaian_2022.xlsx"),
        "0.4 formatted as a percentage (shown 40%) on 1.a.3.2, a count of meetings",
        Refuse("a percentage is not a number of pembinaan; ask for the count", ["%"]),
    )


def hidden_rows_and_columns(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["IOM Indonesia – Laporan Capaian RAD TPPO Kab. TTU Tahun 2021"],
            ["Kode", "Indikator", "Capaian 2020", "Capaian 2021", "Keterangan"],
            ["1.a.1.1", S("1.a.1.1"), 250, 300, ""],
            ["2.b.1.1", S("2.b.1.1"), 10, 15, "pelatihan identifikasi korban"],
            ["2.b.1.1", "(draft) pelatihan petugas", 8, 12, "DRAFT – diganti baris di atas"],
            ["4.b.1.3", S("4.b.1.3"), "Sudah", "Sudah", ""],
        ]
    )
    ws.column_dimensions["C"].hidden = True
    ws.row_dimensions[5].hidden = True
    return Case(
        "hidden_rows_and_columns",
        _save(wb, folder / "IOM_TTU_2021.xlsx"),
        "last year's column 'Capaian 2020' hidden, and a hidden draft row repeating a code",
        Exact(
            {
                F("1.a.1.1", "IOM", "2021"): 300.0,
                F("2.b.1.1", "IOM", "2021"): 15.0,
                F("4.b.1.3", "IOM", "2021"): 1.0,
            }
        ),
    )


def police_letterhead_ta_year(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["KEPOLISIAN NEGARA REPUBLIK INDONESIA"],
            ["DAERAH NUSA TENGGARA TIMUR"],
            ["RESOR TIMOR TENGAH UTARA"],
            [],
            ["LAPORAN CAPAIAN RENCANA AKSI DAERAH PP-TPPO T.A 2020"],
            [],
            ["No", "Kode", "Indikator", "Realisasi TA. 2020", "Ket"],
            [1, "3.b.1.1", S("3.b.1.1"), 2, "Polsek Insana dan Polsek Biboki Anleu"],
            [2, "3.d.1.1", S("3.d.1.1"), "Sudah", "rakor dengan Kejari"],
            [3, "3.e.1.1", S("3.e.1.1"), 2, "Juni dan Desember"],
        ]
    )
    return Case(
        "police_letterhead_ta_year",
        _save(wb, folder / "Laporan_Capaian_RAD.xlsx"),
        "police letterhead (KEPOLISIAN ... / RESOR TIMOR TENGAH UTARA), year as 'T.A 2020' and "
        "'TA. 2020'; the file name names neither",
        Exact(
            {
                F("3.b.1.1", "POLRES", "2020"): 2.0,
                F("3.d.1.1", "POLRES", "2020"): 1.0,
                F("3.e.1.1", "POLRES", "2020"): 2.0,
            }
        ),
    )


def filename_agency_vs_title(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS TENAGA KERJA DAN TRANSMIGRASI KAB. TTU TAHUN 2021"],
            ["Kode", "Indikator", "Realisasi"],
            ["1.a.2.1", S("1.a.2.1"), 8],
            ["1.a.1.2", S("1.a.1.2"), "2.000"],
        ]
    )
    return Case(
        "filename_agency_vs_title",
        _save(wb, folder / "Laporan_DINSOS_2021.xlsx"),
        "file name says DINSOS, the title says Dinas Tenaga Kerja dan Transmigrasi",
        Refuse("two agencies named and nothing to choose between them", ["dinsos"]),
    )


def _nakertrans_2020(folder: Path, name: str, title: str, column: str, values: tuple) -> Path:
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


def semester_ii_juli_desember(folder: Path) -> Case:
    return Case(
        "semester_ii_juli_desember",
        _nakertrans_2020(
            folder,
            "Disnakertrans_Smt_II_2020.xlsx",
            "LAPORAN SEMESTER II (JULI S.D. DESEMBER) TAHUN 2020",
            "Realisasi Semester II",
            (5, 240),
        ),
        "'Semester II (Juli s.d. Desember)': the 's.d.' is a date range, not a to-date report",
        Exact(
            {
                F("1.a.2.1", "DISNAKERTRANS", "2020-S2"): 5.0,
                F("1.a.1.1", "DISNAKERTRANS", "2020-S2"): 240.0,
            }
        ),
    )


def nakertrans_2020_annual(folder: Path) -> Case:
    return Case(
        "nakertrans_2020_annual",
        _nakertrans_2020(
            folder,
            "Disnakertrans_Tahunan_2020.xlsx",
            "LAPORAN TAHUNAN CAPAIAN RAD TPPO TAHUN 2020",
            "Realisasi 2020",
            (9, 400),
        ),
        "the annual 2020 report of DISNAKERTRANS (includes semester II)",
        Exact(
            {
                F("1.a.2.1", "DISNAKERTRANS", "2020"): 9.0,
                F("1.a.1.1", "DISNAKERTRANS", "2020"): 400.0,
            }
        ),
    )


def _dinsos_2022_q(folder: Path, name: str, title: str, column: str, values: tuple) -> Path:
    wb, _ = _xlsx(
        [
            ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA – DINAS SOSIAL"],
            [title],
            [],
            ["No", "Kode", "Indikator", "Satuan", column, "Keterangan"],
            [1, "2.a.1.3", S("2.a.1.3"), "korban", values[0], ""],
            [2, "2.b.1.1", S("2.b.1.1"), "petugas", values[1], ""],
            [3, "1.a.1.1", S("1.a.1.1"), "orang", values[2], "sosialisasi di desa"],
        ]
    )
    return _save(wb, folder / name)


def dinsos_2022_tw1(folder: Path) -> Case:
    return Case(
        "dinsos_2022_tw1",
        _dinsos_2022_q(
            folder,
            "Dinsos_Trw_I_2022.xlsx",
            "LAPORAN CAPAIAN RAD TPPO TRIWULAN I TAHUN 2022",
            "Realisasi Trw. I",
            (3, 0, 50),
        ),
        "DINSOS TW I 2022 (a typed 0 is a real zero)",
        Exact(
            {
                F("2.a.1.3", "DINSOS", "2022-TW1"): 3.0,
                F("2.b.1.1", "DINSOS", "2022-TW1"): 0.0,
                F("1.a.1.1", "DINSOS", "2022-TW1"): 50.0,
            }
        ),
    )


def dinsos_2022_tw2(folder: Path) -> Case:
    return Case(
        "dinsos_2022_tw2",
        _dinsos_2022_q(
            folder,
            "Dinsos_Trw_II_2022.xlsx",
            "LAPORAN CAPAIAN RAD TPPO TRIWULAN II TAHUN 2022",
            "Realisasi Trw. II",
            (4, 10, 70),
        ),
        "DINSOS TW II 2022, the quarter's own figures",
        Exact(
            {
                F("2.a.1.3", "DINSOS", "2022-TW2"): 4.0,
                F("2.b.1.1", "DINSOS", "2022-TW2"): 10.0,
                F("1.a.1.1", "DINSOS", "2022-TW2"): 70.0,
            }
        ),
    )


def dinsos_2022_sd_tw3(folder: Path) -> Case:
    return Case(
        "dinsos_2022_sd_tw3",
        _dinsos_2022_q(
            folder,
            "Dinsos_sd_Trw_III_2022.xlsx",
            "LAPORAN CAPAIAN RAD TPPO S.D. TRIWULAN III TAHUN 2022 (KUMULATIF JANUARI – SEPTEMBER)",
            "Capaian s.d. Trw III",
            (12, 10, 200),
        ),
        "DINSOS to-date report up to TW III 2022, loaded alone (no TW I or TW II in the store)",
        Refuse(
            "a Jan-Sep total cannot be split into its quarters without TW I and TW II",
            ["s.d."],
        ),
    )


def _ytb_2021(folder: Path, name: str, title: str, values: tuple) -> Path:
    wb, _ = _xlsx(
        [
            [title],
            ["Kode", "Indikator", "Capaian", "Keterangan"],
            ["1.b.2.1", S("1.b.2.1"), values[0], "Insana, Insana Utara, Biboki Utara, Musi"],
            ["1.b.4.1", S("1.b.4.1"), values[1], ""],
            ["1.a.1.1", S("1.a.1.1"), values[2], "sosialisasi di sekolah dan gereja"],
        ]
    )
    return _save(wb, folder / name)


def ytb_2021_annual(folder: Path) -> Case:
    return Case(
        "ytb_2021_annual",
        _ytb_2021(
            folder,
            "Laporan_Tahunan_YTB_2021.xlsx",
            "YAYASAN TAPEN BIKOMI – LAPORAN TAHUNAN KEGIATAN ANTI-TPPO 2021",
            (4, 3, 500),
        ),
        "YTB's annual report 2021 (the year without the word 'Tahun')",
        Exact(
            {
                F("1.b.2.1", "YTB", "2021"): 4.0,
                F("1.b.4.1", "YTB", "2021"): 3.0,
                F("1.a.1.1", "YTB", "2021"): 500.0,
            }
        ),
    )


def ytb_2021_perbaikan(folder: Path) -> Case:
    return Case(
        "ytb_2021_perbaikan",
        _ytb_2021(
            folder,
            "Laporan_Tahunan_YTB_2021_perbaikan.xlsx",
            "YAYASAN TAPEN BIKOMI – LAPORAN TAHUNAN KEGIATAN ANTI-TPPO 2021 (PERBAIKAN)",
            (4, 2, 520),
        ),
        "YTB's corrected annual report 2021, '(PERBAIKAN)' in title and file name",
        Exact(
            {
                F("1.b.2.1", "YTB", "2021"): 4.0,
                F("1.b.4.1", "YTB", "2021"): 2.0,
                F("1.a.1.1", "YTB", "2021"): 520.0,
            }
        ),
    )


def typo_statements_no_codes(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2021"],
            ["No", "Indikator Kinerja", "Realisasi", "Ket."],
            [
                1,
                "Terlatihnya 25 penyidik polisi di tingkat polres dan polsek tentang perlindungan "
                "dan penangan kasus kasus TPPO",
                5,
                "",
            ],
            [
                2,
                "Tersedianya ruangan khusus, sarana dan prasarana layanan korban TPPO dan "
                "kekerasan lainya di 8 Polsek",
                1,
                "Polsek Noemuti",
            ],
            [
                3,
                "Tersediannya data terpilah, berkala setiap 6 bulan sekali dari kepolisian, "
                "kejaksaan dan pengadilan kpd gugus tugas TPPO",
                2,
                "",
            ],
            [
                4,
                "Masyarakat termasuk kelompok peduli TPPO melaporkan kasus TPPO kepada polisi",
                "Sudah",
                "2 laporan",
            ],
        ]
    )
    return Case(
        "typo_statements_no_codes",
        _save(wb, folder / "Polres TTU capaian 2021.xlsx"),
        "no codes; statements retyped with slips ('penangan', 'kasus kasus', 'lainya', "
        "'Tersediannya', 'termasuk' for 'termaksud')",
        Exact(
            {
                F("3.a.1.1", "POLRES", "2021"): 5.0,
                F("3.b.1.1", "POLRES", "2021"): 1.0,
                F("3.e.1.1", "POLRES", "2021"): 2.0,
                F("3.c.1.1", "POLRES", "2021"): 1.0,
            }
        ),
    )


def iom_tahun_column(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["REKAP KONTRIBUSI IOM TERHADAP RAD TPPO KABUPATEN TIMOR TENGAH UTARA"],
            ["Tahun", "Kode", "Indikator", "Capaian"],
            [2018, "1.a.2.2", S("1.a.2.2"), 2],
            [2018, "3.a.1.2", S("3.a.1.2"), 10],
            [2019, "1.a.2.2", S("1.a.2.2"), 4],
            [2019, "3.a.1.2", S("3.a.1.2"), 6],
        ]
    )
    return Case(
        "iom_tahun_column",
        _save(wb, folder / "IOM_rekap_2018_2019.xlsx"),
        "long format: a Tahun column (2018, 2019), file name '2018_2019'",
        Exact(
            {
                F("1.a.2.2", "IOM", "2018"): 2.0,
                F("3.a.1.2", "IOM", "2018"): 10.0,
                F("1.a.2.2", "IOM", "2019"): 4.0,
                F("3.a.1.2", "IOM", "2019"): 6.0,
            }
        ),
    )


def xls_year_sheets(folder: Path) -> Case:
    def sheet(values):
        return [
            ["Capaian RAD TPPO Disnakertrans TTU"],
            ["Kode", "Indikator", "Realisasi"],
            ["1.a.2.1", S("1.a.2.1"), values[0]],
            ["1.b.1.1", S("1.b.1.1"), values[1]],
        ]

    path = _xls(
        folder / "Disnakertrans_2018-2019.xls",
        {"Th 2018": sheet((6, "Belum")), "Th 2019": sheet((8, "Sudah"))},
    )
    return Case(
        "xls_year_sheets",
        path,
        ".xls with sheets 'Th 2018' and 'Th 2019', the year only in the sheet names",
        Exact(
            {
                F("1.a.2.1", "DISNAKERTRANS", "2018"): 6.0,
                F("1.b.1.1", "DISNAKERTRANS", "2018"): 0.0,
                F("1.a.2.1", "DISNAKERTRANS", "2019"): 8.0,
                F("1.b.1.1", "DISNAKERTRANS", "2019"): 1.0,
            }
        ),
    )


def realisasi_sd_previous_years(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2020"],
            [
                "Kode",
                "Indikator",
                "Target RAD 2018-2022",
                "Realisasi s.d. 2019",
                "Realisasi 2020",
                "Total s.d. 2020",
            ],
            ["1.a.1.1", S("1.a.1.1"), 5000, 1400, 600, 2000],
            ["1.a.1.2", S("1.a.1.2"), 5000, 2000, 1500, 3500],
        ]
    )
    return Case(
        "realisasi_sd_previous_years",
        _save(wb, folder / "DP3A_capaian_2020.xlsx"),
        "'Realisasi s.d. 2019' (2018+2019 together), 'Realisasi 2020', 'Total s.d. 2020'",
        Exact({F("1.a.1.1", "DP3A", "2020"): 600.0, F("1.a.1.2", "DP3A", "2020"): 1500.0}),
    )


def plan_year_2023(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2023"],
            ["Kode", "Indikator", "Capaian"],
            ["1.a.1.1", S("1.a.1.1"), 300],
            ["4.d.1.2", S("4.d.1.2"), 2],
        ]
    )
    return Case(
        "plan_year_2023",
        _save(wb, folder / "DP3A_2023.xlsx"),
        "a 2023 report against codes of the RAD 2018-2022, which had ended",
        Refuse("2023 is outside the plan's years; there is no plan to key it to", ["2023"]),
    )


def early_letter_tw2(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["IOM Indonesia – Sub Office Kupang", None, None, "Kupang, 24 Juni 2019"],
            ["Laporan Kegiatan Triwulan II Tahun 2019 – Dukungan RAD PP-TPPO Kab. TTU"],
            ["Kode", "Indikator", "Capaian Trw II", "Keterangan"],
            ["1.a.2.2", S("1.a.2.2"), 1, "pembinaan calon PMI Mei 2019"],
            ["1.a.1.1", S("1.a.1.1"), 80, "sosialisasi di Kec. Insana"],
        ]
    )
    return Case(
        "early_letter_tw2",
        _save(wb, folder / "IOM_Trw_II_2019.xlsx"),
        "a TW II 2019 report dated 24 Juni 2019, a week before the quarter ended",
        ExactOrRefuse(
            {
                F("1.a.2.2", "IOM", "2019-TW2"): 1.0,
                F("1.a.1.1", "IOM", "2019-TW2"): 80.0,
            },
            "agencies often send a quarter's report just before it ends; refusing a report "
            "dated before its period ended is an acceptable (documented) decision",
            mentions=["juni"],
        ),
    )


def code_statement_disagree(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL TAHUN 2020"],
            ["Kode", "Indikator", "Capaian"],
            ["2.a.1.3", S("2.a.1.3"), 5],
            ["2.b.1.1", S("2.b.1.3"), 60],
        ]
    )
    return Case(
        "code_statement_disagree",
        _save(wb, folder / "Dinsos_2020.xlsx"),
        "code 2.b.1.1 (petugas trained, a count) beside the statement of 2.b.1.3 (50% of "
        "petugas understand, a percentage), value 60",
        Refuse("60 petugas or 60%: the row cannot be placed without asking", ["2.b.1.1"]),
    )


def sheet_name_agency_only(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD GUGUS TUGAS PP-TPPO TAHUN 2019"],
            ["Kode", "Indikator", "Capaian", "Keterangan"],
            ["4.a.1.1", S("4.a.1.1"), "Sudah", "dokumen RAD selesai disusun"],
            ["4.a.2.1", S("4.a.2.1"), 1, "raker Agustus"],
            ["4.e.1.1", S("4.e.1.1"), "Belum", ""],
        ],
        title="DP3A",
    )
    return Case(
        "sheet_name_agency_only",
        _save(wb, folder / "Laporan RAD 2019.xlsx"),
        "the agency named only by the one sheet's name 'DP3A'",
        Exact(
            {
                F("4.a.1.1", "DP3A", "2019"): 1.0,
                F("4.a.2.1", "DP3A", "2019"): 1.0,
                F("4.e.1.1", "DP3A", "2019"): 0.0,
            }
        ),
    )


HELDOUT = [
    google_forms_timestamp_csv,
    letterhead_kepada_yth_row7,
    trw_quarter_columns_jumlah,
    two_tables_one_sheet,
    values_with_units,
    milestone_other_words,
    note_without_value,
    kecamatan_sub_total,
    xls_merged_header,
    semicolon_csv_decimal_comma,
    percent_on_count_indicator,
    hidden_rows_and_columns,
    police_letterhead_ta_year,
    filename_agency_vs_title,
    semester_ii_juli_desember,
    nakertrans_2020_annual,
    dinsos_2022_tw1,
    dinsos_2022_tw2,
    dinsos_2022_sd_tw3,
    ytb_2021_annual,
    ytb_2021_perbaikan,
    typo_statements_no_codes,
    iom_tahun_column,
    xls_year_sheets,
    realisasi_sd_previous_years,
    plan_year_2023,
    early_letter_tw2,
    code_statement_disagree,
    sheet_name_agency_only,
]


# --------------------------------------------------------------------------------------------
# Sequences

_DINSOS_TW1 = {
    F("2.a.1.3", "DINSOS", "2022-TW1"): 3.0,
    F("2.b.1.1", "DINSOS", "2022-TW1"): 0.0,
    F("1.a.1.1", "DINSOS", "2022-TW1"): 50.0,
}
_DINSOS_TW2 = {
    F("2.a.1.3", "DINSOS", "2022-TW2"): 4.0,
    F("2.b.1.1", "DINSOS", "2022-TW2"): 10.0,
    F("1.a.1.1", "DINSOS", "2022-TW2"): 70.0,
}
_DINSOS_TW3 = {  # s.d. TW III (12, 10, 200) minus TW I + TW II (7, 10, 120)
    F("2.a.1.3", "DINSOS", "2022-TW3"): 5.0,
    F("2.b.1.1", "DINSOS", "2022-TW3"): 0.0,
    F("1.a.1.1", "DINSOS", "2022-TW3"): 80.0,
}
_DINSOS_TW3_NO_ZERO = {k: v for k, v in _DINSOS_TW3.items() if v}

HELDOUT_SEQUENCES = [
    Sequence(
        "dinsos_tw1_tw2_then_sd_tw3",
        "DINSOS 2022: TW I, TW II, then a to-date report 's.d. Triwulan III'; TW III's own "
        "figure is the to-date figure minus TW I and TW II",
        [dinsos_2022_tw1, dinsos_2022_tw2, dinsos_2022_sd_tw3],
        {**_DINSOS_TW1, **_DINSOS_TW2, **_DINSOS_TW3},
        # 2.b.1.1: to-date 10 = TW I + TW II, so TW III's own is 0; leaving it unstored
        # loses nothing that counts
        alternatives=[{**_DINSOS_TW1, **_DINSOS_TW2, **_DINSOS_TW3_NO_ZERO}],
    ),
    Sequence(
        "dinsos_sd_tw3_before_tw2",
        "DINSOS 2022: TW I, then 's.d. Triwulan III' before TW II arrived (cannot be split: "
        "refused), then TW II",
        [dinsos_2022_tw1, dinsos_2022_sd_tw3, dinsos_2022_tw2],
        {**_DINSOS_TW1, **_DINSOS_TW2},
    ),
    Sequence(
        "ytb_annual_twice_then_perbaikan",
        "YTB 2021: the annual report, the same file sent again, then its correction; the "
        "correction's figures are what counts",
        [ytb_2021_annual, ytb_2021_annual, ytb_2021_perbaikan],
        {
            F("1.b.2.1", "YTB", "2021"): 4.0,
            F("1.b.4.1", "YTB", "2021"): 2.0,
            F("1.a.1.1", "YTB", "2021"): 520.0,
        },
    ),
    Sequence(
        "semester_ii_then_annual",
        "DISNAKERTRANS 2020: Semester II (Juli s.d. Desember), then the annual report; the "
        "year must count 9 meetings and 400 people, never 14 / 640",
        [semester_ii_juli_desember, nakertrans_2020_annual],
        {
            F("1.a.2.1", "DISNAKERTRANS", "2020"): 9.0,
            F("1.a.1.1", "DISNAKERTRANS", "2020"): 400.0,
        },
    ),
]
