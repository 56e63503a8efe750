"""The agency template: RAD columns locked, input cells open and validated, metadata hidden."""

import openpyxl

from loaders.template import DATA_SHEET, HEADER_ROW, META_SHEET
from tests.conftest import COL, make_template, row_of


def test_template_lists_every_indicator_with_targets(sqlite_store, tmp_path):
    path = make_template(sqlite_store, tmp_path / "t.xlsx", agency="DP3A", year=2020)
    ws = openpyxl.load_workbook(path)[DATA_SHEET]
    header = [c.value for c in ws[HEADER_ROW]]
    assert header == [
        "Kode",
        "Bidang",
        "Program",
        "Kegiatan",
        "Indikator",
        "Satuan",
        "Jenis",
        "Target RAD",
        "Target tahun ini",
        "Capaian",
        "Pagu (Rp)",
        "Realisasi Anggaran (Rp)",
        "Keterangan",
    ]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(rows) == 47
    first = dict(zip(header, rows[0], strict=True))
    assert first["Kode"] == "1.a.1.1"
    assert (first["Satuan"], first["Jenis"], first["Target RAD"], first["Target tahun ini"]) == (
        "orang",
        "kumulatif",
        5000,
        1000,
    )
    milestone = dict(zip(header, rows[7], strict=True))
    assert (milestone["Kode"], milestone["Target RAD"]) == ("1.b.1.1", "Sudah")
    assert "DP3A" in ws["A3"].value and "2020" in ws["A4"].value


def test_rad_columns_are_locked_and_inputs_open(sqlite_store, tmp_path):
    ws = openpyxl.load_workbook(make_template(sqlite_store, tmp_path / "t.xlsx"))[DATA_SHEET]
    assert ws.protection.sheet is True
    r = HEADER_ROW + 1
    assert ws.cell(r, COL["statement"]).protection.locked is True
    assert ws.cell(r, COL["plan_target"]).protection.locked is True
    for key in ("value", "budget", "spent", "note"):
        assert ws.cell(r, COL[key]).protection.locked is False


def test_inputs_carry_data_validation_by_kind(sqlite_store, tmp_path):
    path = make_template(sqlite_store, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)[DATA_SHEET]
    by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_cell[rng.coord] = dv
    first_row = HEADER_ROW + 1
    assert by_cell[f"J{first_row}"].type == "decimal"  # 1.a.1.1 cumulative
    assert by_cell[f"J{first_row}"].operator == "greaterThanOrEqual"
    assert by_cell[f"J{row_of(path, '1.b.1.1')}"].formula1 == '"Sudah,Belum"'
    percent = by_cell[f"J{row_of(path, '2.b.1.3')}"]  # the only percentage indicator
    assert (percent.type, percent.formula1, percent.formula2) == ("decimal", "0", "100")
    assert by_cell[f"K{first_row}:L{first_row}"].operator == "greaterThanOrEqual"


def test_metadata_sheet_is_hidden_and_names_the_period(sqlite_store, tmp_path):
    wb = openpyxl.load_workbook(
        make_template(sqlite_store, tmp_path / "t.xlsx", agency="IOM", year=2021, quarter=3)
    )
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    values = {row[0]: row[1] for row in meta.iter_rows(values_only=True)}
    assert values["plan"] == "TTU-2018-2022"
    assert (values["agency"], values["year"], values["quarter"]) == ("IOM", 2021, 3)


def test_year_targets_of_whole_things_are_written_as_a_planner_would(sqlite_store, tmp_path):
    """8 Polsek over five years is not 1,6 Polsek a year: the rounded-up targets to date are
    2, 4, 5, 7, 8, so the years ask 2, 2, 1, 2, 1 (and they add up to the RAD's 8)."""
    years = []
    for year in range(2018, 2023):
        path = make_template(sqlite_store, tmp_path / f"t{year}.xlsx", agency="POLRES", year=year)
        ws = openpyxl.load_workbook(path)[DATA_SHEET]
        header = [c.value for c in ws[HEADER_ROW]]
        rows = [
            dict(zip(header, r, strict=True))
            for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
        ]
        polsek = next(r for r in rows if r["Kode"] == "3.b.1.1")
        years.append(polsek["Target tahun ini"])
    assert years == [2, 2, 1, 2, 1] and sum(years) == polsek["Target RAD"]
