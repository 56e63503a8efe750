"""A corpus of ugly-but-valid agency files, built for real, each loading to exactly the expected
figures; then every file re-loaded in shuffled order, which must change nothing."""

import csv
import random

import openpyxl
import pytest
import xlwt
from sqlmodel import select

from indicators.db import session
from indicators.models import Achievement, Agency, Indicator
from loaders.ingest import Overrides, ingest_file
from tests.conftest import snapshot

S = {  # statements as printed in the RAD, by code
    "1.a.1.1": "Tersosialisasikannya kepada 5.000 orang kepada aparat dan seluruh lapisan "
    "masyarakat tentang bahaya TPPO serta prosedur penempatan tenaga kerja ke dalam dan luar "
    "negeri secara resmi",
    "1.a.2.1": "Terlaksananya 60 kali pembinaan bagi calon TKI tentang penempatan tenaga kerja "
    "secara procedural",
    "1.b.1.1": "Tersusunnya SOP pengawasan perekrutan dan penempatan TKI untuk mencegah "
    "terjadinya TPPO dalam migrasi TKI",
    "2.a.1.3": "150 korban TPPO dan TKI bermasalah dirujuk dan ditangani oleh unit layanan "
    "penanganan kesehatan, sosial, rehabilitasi korban dan pemulangan bagi korban TPPO",
    "2.b.1.1": "Terlatihnya 100 petugas pelaksana layanan penanganan kesehatan, sosial, "
    "rehabilitasi korban dan pemulangan",
    "2.b.1.3": "50% petugas pelaksana layanan rehabilitasi korban dan pemulangan yang terlatih "
    "memahami mekanisme rujukan pemulangan (bantuan hukum, layanan kesehatan dan lain-lain).",
}


def key(code, agency, year, quarter=None, sex=None, age=None, kec=None):
    return (code, agency, year, quarter, sex, age, kec)


def _save(wb, path):
    wb.save(path)
    return path


def own_workbook_with_titles(d):
    """Titles, merged Program/Kegiatan cells, no codes, statements retyped, '5.000', '60 kali'."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Capaian"
    ws.append(["LAPORAN CAPAIAN RAD GUGUS TUGAS TPPO KAB. TTU TAHUN 2020"])
    ws.append(["DINAS SOSIAL KABUPATEN TIMOR TENGAH UTARA"])
    ws.append([])
    ws.append(["No", "Program", "Kegiatan", "Indikator", "Target", "Realisasi", "Keterangan"])
    ws.append(
        [
            1,
            "a. SOP mekanisme rujukan",
            "Rapat koordinasi OPD",
            S["2.a.1.3"].upper(),
            "150 korban",
            "35",
            "rujukan ke P2TP2A",
        ]
    )
    ws.append([2, None, None, "  " + S["2.b.1.1"].replace(",", " ,") + " ", "100", "5.000"])
    ws.append([3, None, None, "- " + S["2.b.1.3"].replace("rujukan", "rujukkan"), "50%", "62,5%"])
    ws.append([None, "Catatan: data sementara", None, None, None, None])
    ws.merge_cells("B5:B7")
    ws.merge_cells("C5:C7")
    path = _save(wb, d / "capaian_dinsos.xlsx")
    expected = {
        key("2.a.1.3", "DINSOS", 2020): (35, None, None),
        key("2.b.1.1", "DINSOS", 2020): (5000, None, None),
        key("2.b.1.3", "DINSOS", 2020): (62.5, None, None),
    }
    return path, Overrides(), expected


def bidang_headings_spelled_differently(d):
    """Section rows for each bidang ('Bid. Pencegahan', 'PENANGANAN KESEHATAN, SOSIAL...')."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Laporan DP3A TTU 2022"])
    ws.append(["Kode", "Uraian Indikator", "Capaian", "Pagu (Rp)", "Realisasi Anggaran (Rp)"])
    ws.append([None, "Bid. Pencegahan", None, None, None])
    ws.append(["1.a.1.1", S["1.a.1.1"], "1.250", "Rp 12.500.000", "Rp 10.000.000"])
    ws.append([None, "PENANGANAN KESEHATAN, SOSIAL, REHABILITASI DAN PEMULANGAN", None, None])
    ws.append(["2.a.1.3", "", 7, 5000000, 4250000.5])
    path = _save(wb, d / "dp3a-2022.xlsx")
    expected = {
        key("1.a.1.1", "DP3A", 2022): (1250, 12_500_000, 10_000_000),
        key("2.a.1.3", "DP3A", 2022): (7, 5_000_000, 4_250_000.5),
    }
    return path, Overrides(), expected


def one_year_per_sheet(d):
    """Sheets '2019', 'Tahun 2020', '2021'; agency only in the file name."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    values = {2019: 4, 2020: 6, 2021: 3}
    for year, name in ((2019, "2019"), (2020, "Tahun 2020"), (2021, "2021")):
        ws = wb.create_sheet(name)
        ws.append(["Kode", "Capaian"])
        ws.append(["3.a.1.1", values[year]])
    path = _save(wb, d / "Laporan_POLRES_TTU.xlsx")
    expected = {key("3.a.1.1", "POLRES", y): (v, None, None) for y, v in values.items()}
    return path, Overrides(), expected


def one_year_per_column(d):
    """'Realisasi 2018 | Realisasi 2019 | Realisasi 2020' on one header row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Disnakertrans TTU: capaian 2018-2020"])
    ws.append(["Kode", "Indikator", "Realisasi 2018", "Realisasi 2019", "Realisasi 2020"])
    ws.append(["1.a.2.1", S["1.a.2.1"], 10, "12 kali", None])
    ws.append(["1.a.1.2", "", 800, 900, 1000])
    path = _save(wb, d / "disnakertrans.xlsx")
    expected = {
        key("1.a.2.1", "DISNAKERTRANS", 2018): (10, None, None),
        key("1.a.2.1", "DISNAKERTRANS", 2019): (12, None, None),
        key("1.a.1.2", "DISNAKERTRANS", 2018): (800, None, None),
        key("1.a.1.2", "DISNAKERTRANS", 2019): (900, None, None),
        key("1.a.1.2", "DISNAKERTRANS", 2020): (1000, None, None),
    }
    return path, Overrides(), expected


def two_row_header(d):
    """'Realisasi' merged over '2019 | 2020 | 2021', 'Kode' merged down two rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["REKAP CAPAIAN DPPPA KAB. TTU"])
    ws.append(["Kode", "Indikator", "Realisasi", None, None])
    ws.append([None, None, "2019", "2020", "2021"])
    ws.merge_cells("C2:E2")
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.append(["4.d.1.2", "dialog dengan legislatif", 1, 2, 2])
    ws.append(["4.a.1.3", "", "belum", "Sudah", "-"])
    path = _save(wb, d / "rekap.xlsx")
    expected = {
        key("4.d.1.2", "DP3A", 2019): (1, None, None),
        key("4.d.1.2", "DP3A", 2020): (2, None, None),
        key("4.d.1.2", "DP3A", 2021): (2, None, None),
        key("4.a.1.3", "DP3A", 2019): (0, None, None),
        key("4.a.1.3", "DP3A", 2020): (1, None, None),
    }
    return path, Overrides(), expected


def csv_from_indonesian_excel(d):
    """Semicolons, decimal commas, cp1252; agency and year given on the command line."""
    path = d / "ytb.csv"
    with open(path, "w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Indikator", "Capaian", "Keterangan"])
        w.writerow([S["1.a.1.1"].replace("5.000", "5000"), "1.250", "sosialisasi – desa"])
        w.writerow([S["1.b.1.1"], "Sudah", ""])
        w.writerow([S["2.b.1.3"], "62,5", ""])
    expected = {
        key("1.a.1.1", "YTB", 2021): (1250, None, None),
        key("1.b.1.1", "YTB", 2021): (1, None, None),
        key("2.b.1.3", "YTB", 2021): (62.5, None, None),
    }
    return path, Overrides(agency="YTB", year=2021), expected


def old_xls_long_format(d):
    """An .xls with a Tahun column: one row per indicator and year."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    rows = [
        ["Kode", "Tahun", "Capaian", "Pagu"],
        ["2.a.1.3", 2018, 4, 1000000],
        ["2.a.1.3", 2019, 9, 2000000],
        ["4.b.1.4", 2019, "terlaksana", ""],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = d / "IOM laporan.xls"
    book.save(str(path))
    expected = {
        key("2.a.1.3", "IOM", 2018): (4, 1_000_000, None),
        key("2.a.1.3", "IOM", 2019): (9, 2_000_000, None),
        key("4.b.1.4", "IOM", 2019): (1, None, None),
    }
    return path, Overrides(), expected


def quarter_in_title(d):
    """'TRIWULAN II TAHUN 2021' in the title row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["LAPORAN TRIWULAN II TAHUN 2021 - DINAS SOSIAL"])
    ws.append(["Kode", "Capaian"])
    ws.append(["2.c.1.1", 1])
    path = _save(wb, d / "tw2.xlsx")
    return path, Overrides(), {key("2.c.1.1", "DINSOS", 2021, 2): (1, None, None)}


def disaggregated_by_sex_and_kecamatan(d):
    """Indicator merged over L/P rows, with a Kecamatan column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Yayasan Tapen Bikomi - 2022"])
    ws.append(["Kode", "Jenis Kelamin", "Kecamatan", "Capaian"])
    ws.append(["1.a.1.1", "Laki-laki", "Insana", 120])
    ws.append([None, "P", "Insana", 140])
    ws.append(["1.b.2.1", None, "Biboki Anleu", 1])
    ws.merge_cells("A3:A4")
    path = _save(wb, d / "ytb_2022.xlsx")
    expected = {
        key("1.a.1.1", "YTB", 2022, None, "L", None, "Insana"): (120, None, None),
        key("1.a.1.1", "YTB", 2022, None, "P", None, "Insana"): (140, None, None),
        key("1.b.2.1", "YTB", 2022, None, None, None, "Biboki Anleu"): (1, None, None),
    }
    return path, Overrides(), expected


def local_evaluation_form(d):
    """'Target' and 'Realisasi' each over 'K | Rp', as local evaluation forms print them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["EVALUASI RENJA POLRES TTU TAHUN 2022"])
    ws.append(["Kode", "Indikator", "Target", None, "Realisasi", None])
    ws.append([None, None, "K", "Rp", "K", "Rp"])
    ws.merge_cells("C2:D2")
    ws.merge_cells("E2:F2")
    ws.append(["3.b.1.1", "ruang khusus di Polsek", 2, 50000000, 3, 48000000])
    path = _save(wb, d / "evaluasi.xlsx")
    return path, Overrides(), {key("3.b.1.1", "POLRES", 2022): (3, None, 48_000_000)}


def to_date_quarter_columns(d):
    """'Capaian s.d. TW I ... s.d. TW IV' for cumulative indicators: stored per quarter."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Disnakertrans 2021"])
    ws.append(["Kode", "Capaian s.d. TW I", "Capaian s.d. TW II", "s.d. TW III", "s.d. TW IV"])
    ws.append(["1.a.3.1", 2, 5, 5, 9])
    path = _save(wb, d / "sd_tw.xlsx")
    expected = {
        key("1.a.3.1", "DISNAKERTRANS", 2021, 1): (2, None, None),
        key("1.a.3.1", "DISNAKERTRANS", 2021, 2): (3, None, None),
        key("1.a.3.1", "DISNAKERTRANS", 2021, 3): (0, None, None),
        key("1.a.3.1", "DISNAKERTRANS", 2021, 4): (4, None, None),
    }
    return path, Overrides(), expected


def macro_workbook_with_milestone_words(d):
    """An .xlsm with 'ada', 'N/A' and 'tidak' for milestones."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Capaian", "Keterangan"])
    ws.append(["4.b.1.1", "ada", "MoU dengan swasta"])
    ws.append(["4.b.1.5", "N/A", ""])
    ws.append(["4.c.1.1", "Tidak", ""])
    path = _save(wb, d / "iom_2020.xlsm")
    expected = {
        key("4.b.1.1", "IOM", 2020): (1, None, None),
        key("4.c.1.1", "IOM", 2020): (0, None, None),
    }
    return path, Overrides(), expected


LAYOUTS = [
    own_workbook_with_titles,
    bidang_headings_spelled_differently,
    one_year_per_sheet,
    one_year_per_column,
    two_row_header,
    csv_from_indonesian_excel,
    old_xls_long_format,
    quarter_in_title,
    disaggregated_by_sex_and_kecamatan,
    local_evaluation_form,
    to_date_quarter_columns,
    macro_workbook_with_milestone_words,
]


def stored(engine) -> dict:
    with session(engine) as s:
        rows = s.exec(
            select(Indicator.code, Agency.code, Achievement)
            .join(Indicator, Achievement.indicator_id == Indicator.id)
            .join(Agency, Achievement.agency_id == Agency.id)
        ).all()
    out = {}
    for code, agency, a in rows:
        k = key(code, agency, a.year, a.quarter, a.sex, a.age_group, a.kecamatan)
        assert k not in out, f"{k} stored twice"
        out[k] = (a.value, a.budget, a.spent)
    return out


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_layout_loads_exact_figures(store, tmp_path, layout):
    path, overrides, expected = layout(tmp_path)
    report = ingest_file(store, path, overrides=overrides)
    assert report.errors == [], [p.to_dict() for p in report.errors]
    assert report.status == "loaded"
    assert stored(store) == expected


def test_every_layout_in_shuffled_order_twice_counts_each_figure_once(store, tmp_path):
    files = [layout(tmp_path) for layout in LAYOUTS]
    expected = {}
    for _path, _over, figures in files:
        assert not set(figures) & set(expected)  # the corpus covers distinct periods
        expected.update(figures)
    rng = random.Random(2018)
    for _ in range(2):
        rng.shuffle(files)
        for path, overrides, _ in files:
            assert ingest_file(store, path, overrides=overrides).ok
    first = snapshot(store)
    assert stored(store) == expected
    rng.shuffle(files)
    for path, overrides, _ in files:
        assert ingest_file(store, path, overrides=overrides).status == "unchanged"
    assert snapshot(store) == first


def test_uncertain_statements_name_their_closest_candidates(sqlite_store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indikator", "Capaian"])
    ws.append(["Terselenggaranya kali pembinaan PPTKIS tentang bermigrasi secara prosedur", 3])
    ws.append(["Jumlah sekolah adiwiyata", 4])
    path = _save(wb, tmp_path / "POLRES 2020.xlsx")
    before = snapshot(sqlite_store)
    report = ingest_file(sqlite_store, path)
    assert [(p.row, p.code) for p in report.errors] == [
        (2, "ambiguous-indicator"),
        (3, "unknown-statement"),
    ]
    assert report.errors[1].message("en").startswith("The statement 'Jumlah sekolah adiwiyata'")
    assert report.errors[1].expected.count("%") == 3  # its three closest candidates
    assert report.errors[0].expected.startswith("1.a.3.")
    assert "1.a.3.2" in report.errors[0].expected and "1.a.3.1" in report.errors[0].expected
    assert snapshot(sqlite_store) == before


def test_to_date_value_that_falls_is_a_warning_and_not_loaded(sqlite_store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "s.d. TW I", "s.d. TW II"])
    ws.append(["1.a.3.1", 6, 4])
    path = _save(wb, tmp_path / "DISNAKERTRANS 2020.xlsx")
    report = ingest_file(sqlite_store, path)
    assert report.status == "loaded"
    assert [(p.code, p.found, p.expected) for p in report.warnings] == [
        ("cumulative-falls", "4", "6")
    ]
    assert stored(sqlite_store) == {key("1.a.3.1", "DISNAKERTRANS", 2020, 1): (6, None, None)}


def test_value_far_above_target_warns(sqlite_store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Capaian"])
    ws.append(["3.a.1.1", 50])  # 25 officers over five years: 5 a year
    path = _save(wb, tmp_path / "POLRES 2019.xlsx")
    report = ingest_file(sqlite_store, path)
    assert report.status == "loaded"
    assert [(p.code, p.found, p.expected) for p in report.warnings] == [
        ("far-above-target", "50", "5")
    ]


def test_correction_records_what_changed(sqlite_store, tmp_path):
    def report_with(values):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Kode", "Capaian"])
        for code, value in values.items():
            ws.append([code, value])
        return _save(wb, tmp_path / f"POLRES 2019 {len(values)}.xlsx")

    ingest_file(sqlite_store, report_with({"3.a.1.1": 5, "3.a.1.2": 3, "3.b.1.1": 1}))
    report = ingest_file(sqlite_store, report_with({"3.a.1.1": 6, "3.b.1.1": 1}), dry_run=True)
    changes = report.periods[0]["changes"]
    assert [c["code"] for c in changes["added"]] == []
    assert [(c["code"], c["old"]["value"], c["new"]["value"]) for c in changes["changed"]] == [
        ("3.a.1.1", 5, 6)
    ]
    assert [c["code"] for c in changes["removed"]] == ["3.a.1.2"]


def test_title_with_plan_period_uses_the_stated_year_and_two_years_ask(sqlite_store, tmp_path):
    def sheet(title, name):
        wb = openpyxl.Workbook()
        wb.active.append([title])
        wb.active.append(["Kode", "Capaian"])
        wb.active.append(["3.a.1.1", 2])
        return _save(wb, tmp_path / name)

    stated = sheet("RAD GUGUS TUGAS TPPO 2018-2022 - POLRES - TAHUN 2020", "a.xlsx")
    assert ingest_file(sqlite_store, stated).year == 2020
    unclear = sheet("POLRES: capaian 2019 dan 2020", "b.xlsx")
    report = ingest_file(sqlite_store, unclear)
    assert [p.code for p in report.errors] == ["no-period"]


def test_title_naming_two_agencies_asks_instead_of_guessing(sqlite_store, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Laporan Dinas Sosial kepada DP3A selaku sekretariat, tahun 2020"])
    wb.active.append(["Kode", "Capaian"])
    wb.active.append(["2.a.1.3", 2])
    report = ingest_file(sqlite_store, _save(wb, tmp_path / "laporan.xlsx"))
    assert [(p.code, p.expected) for p in report.errors] == [("missing-metadata", "agency")]
    fixed = ingest_file(
        sqlite_store, tmp_path / "laporan.xlsx", overrides=Overrides(agency="DINSOS")
    )
    assert fixed.status == "loaded" and fixed.agency == "DINSOS" and fixed.year == 2020
