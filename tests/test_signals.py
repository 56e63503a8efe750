"""What a file says about itself, read as a person reads it: the year of a legal act or a letter
is not the reporting year, two sources that disagree are refused naming both, a period not yet
over is refused, and the warnings that a load carries (hidden rows, a total that does not add up)
name the rows."""

from datetime import date

import openpyxl

from loaders.ingest import ingest_file
from loaders.period import file_period, period_in
from tests.conftest import snapshot

YEARS = range(2018, 2023)
S_2A13 = (
    "150 korban TPPO dan TKI bermasalah dirujuk dan ditangani oleh unit layanan penanganan "
    "kesehatan, sosial, rehabilitasi korban dan pemulangan bagi korban TPPO"
)


def _book(path, rows, hidden=(), percent=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for number in hidden:
        ws.row_dimensions[number].hidden = True
    for ref in percent:
        ws[ref].number_format = "0.0%"
    wb.save(path)
    return path


def test_legal_acts_and_dates_are_not_reporting_years():
    assert period_in("Laporan Tahun 2022 (Perbup TTU Nomor 17 Tahun 2018)", YEARS) == (2022, None)
    assert period_in("SK Bupati Nomor 190/KEP/HK/IV/2018; capaian 2020", YEARS) == (2020, None)
    assert period_in("UU 21/2007, laporan tahun 2021", YEARS) == (2021, None)
    assert period_in("Kefamenanu, 8 Januari 2021. Laporan Triwulan IV", YEARS) == (None, 4)
    # the task force's own name is not a legal act
    assert period_in("RAD GUGUS TUGAS PP-TPPO TAHUN 2019", YEARS) == (2019, None)


def test_disagreeing_sources_are_refused_naming_each():
    found = file_period("Laporan_DINSOS_2021.xlsx", ["CAPAIAN TAHUN 2020"], YEARS, date.today())
    (problem,) = found.problems
    assert problem.code == "period-disagrees"
    assert "→ 2021" in problem.found and "→ 2020" in problem.found


def test_a_period_not_over_when_the_letter_was_written_is_refused():
    found = file_period(
        "surat.xlsx", ["Kefamenanu, 15 Desember 2020 — Laporan Tahunan 2020"], YEARS, date.today()
    )
    assert [p.code for p in found.problems] == ["period-not-ended"]
    assert found.problems[0].expected == "2020-12-15"


def test_to_date_title_and_the_templates_own_words():
    to_date = file_period("x.xlsx", ["CAPAIAN S.D. TRIWULAN II TAHUN 2022"], YEARS, date.today())
    assert (to_date.year, to_date.quarter, to_date.to_date) == (2022, 2, True)
    template = file_period(
        "x.xlsx",
        ["Periode: 2020 triwulan 2 Isi capaian periode ini saja (bukan akumulasi tahun lalu)"],
        YEARS,
        date.today(),
    )
    assert (template.quarter, template.to_date) == (2, False)


def test_total_that_does_not_add_up_is_a_warning_naming_both(sqlite_store, tmp_path):
    path = _book(
        tmp_path / "dinsos_2022.xlsx",
        [
            ["KORBAN DIRUJUK PER KECAMATAN, DINAS SOSIAL TAHUN 2022"],
            ["Kode", "Kecamatan", "Realisasi"],
            ["2.a.1.3", "Insana", 6],
            ["2.a.1.3", "Noemuti", 5],
            [None, "JUMLAH", 12],
        ],
    )
    report = ingest_file(sqlite_store, path)
    assert report.ok and report.rows_loaded == 2
    (warning,) = [p for p in report.warnings if p.code == "total-mismatch"]
    assert (warning.row, warning.found, warning.expected) == (5, "12", "11")


def test_hidden_rows_are_not_read_and_said(sqlite_store, tmp_path):
    path = _book(
        tmp_path / "dinsos_2020.xlsx",
        [
            ["LAPORAN DINAS SOSIAL TAHUN 2020"],
            ["Kode", "Indikator", "Realisasi"],
            ["2.a.1.3", "CONTOH – jangan diisi", 99],
            ["2.a.1.3", S_2A13, 7],
        ],
        hidden=[3],
    )
    report = ingest_file(sqlite_store, path)
    assert report.ok and report.rows_loaded == 1
    assert [(p.code, p.found) for p in report.warnings] == [("hidden-rows", "3")]


def test_a_percent_formatted_count_is_refused(sqlite_store, tmp_path):
    path = _book(
        tmp_path / "dinsos_2020.xlsx",
        [["LAPORAN DINAS SOSIAL TAHUN 2020"], ["Kode", "Realisasi"], ["2.a.1.3", 0.8]],
        percent=["B3"],
    )
    before = snapshot(sqlite_store)
    report = ingest_file(sqlite_store, path)
    assert [(p.code, p.found) for p in report.errors] == [("percent-for-count", "80%")]
    assert snapshot(sqlite_store) == before


def test_hidden_columns_are_not_read_and_said(sqlite_store, tmp_path):
    path = _book(
        tmp_path / "dinsos.xlsx",
        [
            ["LAPORAN DINAS SOSIAL"],
            ["Kode", "Realisasi 2019", "Realisasi 2020"],
            ["2.a.1.3", 99, 7],
        ],
    )
    wb = openpyxl.load_workbook(path)
    wb.active.column_dimensions["B"].hidden = True
    wb.save(path)
    report = ingest_file(sqlite_store, path)
    assert report.ok and [p["year"] for p in report.periods] == [2020]
    assert [(p.code, p.found) for p in report.warnings] == [("hidden-columns", "B")]


def test_a_comma_before_three_digits_reads_two_ways_and_is_refused(sqlite_store, tmp_path):
    path = tmp_path / "POLRES_2020.csv"
    path.write_text('Kode,Realisasi\n3.a.1.1,"1,000"\n', encoding="utf-8")
    report = ingest_file(sqlite_store, path)
    assert [(p.code, p.found, p.expected) for p in report.errors] == [
        ("ambiguous-number", "1,000", "1 / 1000")
    ]


def test_a_percent_of_target_beside_the_count_is_checked_not_loaded(sqlite_store, tmp_path):
    path = _book(
        tmp_path / "dinsos_2020.xlsx",
        [
            ["LAPORAN DINAS SOSIAL TAHUN 2020"],
            ["Kode", "Realisasi", "Capaian (%)"],
            ["2.a.1.3", 15, 50],  # 15 of the year's 30 is 50 %: agrees
            ["2.b.1.1", 10, 90],  # 10 of the year's 20 is 50 %, not 90 %
        ],
    )
    report = ingest_file(sqlite_store, path)
    assert report.ok and report.rows_loaded == 2
    assert [(p.code, p.row, p.found, p.expected) for p in report.warnings] == [
        ("progress-mismatch", 4, "90%", "50,0%")
    ]
    assert "50.0%" in report.warnings[0].message("en")  # each language's decimal mark


def test_a_workbook_last_saved_before_its_period_ended_is_refused(sqlite_store, tmp_path):
    import re
    import zipfile

    made = _book(
        tmp_path / "made.xlsx",
        [["LAPORAN DINAS SOSIAL TAHUN 2021"], ["Kode", "Realisasi"], ["2.a.1.3", 4]],
    )
    path = tmp_path / "dinsos_2021.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2021-09-30T08:00:00Z", data
                )
            target.writestr(item, data)
    report = ingest_file(sqlite_store, path)
    assert [(p.code, p.found, p.expected) for p in report.errors] == [
        ("period-not-ended", "2021", "2021-09-30")
    ]


def test_a_note_that_starts_like_a_signature_is_still_a_figure(sqlite_store, tmp_path):
    path = _book(
        tmp_path / "dinsos_2020.xlsx",
        [
            ["LAPORAN DINAS SOSIAL TAHUN 2020"],
            ["Kode", "Realisasi", "Keterangan"],
            ["2.a.1.3", 7, "Kepala desa ikut merujuk"],
            ["2.b.1.1", 4, "NIP pelatih dicatat"],
            [None, "Kepala Dinas,"],
            [None, "Drs. Yohanes Taek"],
        ],
    )
    report = ingest_file(sqlite_store, path)
    assert report.ok and report.rows_loaded == 2, report.problems


def test_a_named_row_with_total_in_its_kecamatan_cell_is_the_undivided_figure(
    sqlite_store, tmp_path
):
    """'1.a.1.1 | ... | Total | 180' with its kecamatan rows grouped below: hidden, the row is the
    indicator's figure (before, it was skipped as a sum and the file loaded nothing); shown,
    the rows naming no indicator are not taken for its parts (refused, never 180 + 70 + 60)."""
    import openpyxl

    from loaders.ingest import Overrides

    def build(hidden: bool):
        wb = openpyxl.Workbook()
        ws = wb.active
        for row in [
            ["Kode", "Kecamatan", "Realisasi"],
            ["1.a.1.1", "Total", 180],
            [None, "Insana", 70],
            [None, "Musi", 110],
        ]:
            ws.append(row)
        for r in (3, 4):
            ws.row_dimensions[r].outlineLevel = 1
            ws.row_dimensions[r].hidden = hidden
        path = tmp_path / f"ytb_{hidden}.xlsx"
        wb.save(path)
        return path

    over = Overrides(agency="YTB", year=2021)
    shown = ingest_file(sqlite_store, build(False), overrides=over)
    assert [p.code for p in shown.errors] == ["missing-code", "missing-code"]
    hidden = ingest_file(sqlite_store, build(True), overrides=over)
    assert hidden.ok and hidden.rows_loaded == 1
