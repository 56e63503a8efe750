# ruff: noqa: E501  (literal XML parts of hand-made workbooks)
"""Round-4 blind corpus: agency report files of the Gugus Tugas PP-TPPO Kab. TTU, each with the
outcome a careful secretariat officer expects, written down BEFORE the loader saw the file.

Same conventions as tests/corpus/files.py, heldout.py and heldout3.py; situations chosen to differ
from those rounds (E.81-like evaluation forms with budget codes, hand-written ODS with repeated /
covered / percentage / formula cells, xlsxwriter files with cached formulas, a hand-made xlsx with
inline strings and a wrong dimension, percentages typed many ways, codes typed many ways, two
years stacked, transposed tables, merged value cells, quarter spellings, ...).
Built blind by a helper; on the loader of that day 7 files stored wrong figures or dropped them
silently (each fixed since), 4 were refused though an officer would load them (one loads since;
the rest are STILL_REFUSED in tests/test_corpus.py). Measure with
`python -m tests.corpus.measure_heldout4`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import xlsxwriter

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
from tests.corpus.heldout3 import _fill_template, _template

# --------------------------------------------------------------------------------------------
# helpers

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
)


def c_str(v):
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(str(v))}</text:p></table:table-cell>"
    )


def c_num(v, rep=1, shown=None):
    r = f' table:number-columns-repeated="{rep}"' if rep > 1 else ""
    return (
        f'<table:table-cell{r} office:value-type="float" office:value="{v}">'
        f"<text:p>{shown if shown is not None else v}</text:p></table:table-cell>"
    )


def c_pct(v, shown):
    return (
        f'<table:table-cell office:value-type="percentage" office:value="{v}">'
        f"<text:p>{shown}</text:p></table:table-cell>"
    )


def c_formula(formula, v):
    return (
        f'<table:table-cell table:formula="{escape(formula)}" office:value-type="float" '
        f'office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
    )


def c_empty(rep=1):
    return (
        f'<table:table-cell table:number-columns-repeated="{rep}"/>'
        if rep > 1
        else "<table:table-cell/>"
    )


def row_xml(*cells, rep=1):
    r = f' table:number-rows-repeated="{rep}"' if rep > 1 else ""
    return f"<table:table-row{r}>" + "".join(cells) + "</table:table-row>"


def _ods_raw(path: Path, sheets: dict[str, list[str]]) -> Path:
    """An .ods written from raw row XML, as LibreOffice saves it (repeats, covered cells,
    percentage and formula cells, the trailing 1M empty rows)."""
    tail = row_xml(c_empty(1024), rep=1048500)
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        '<table:table-column table:number-columns-repeated="1024"/>'
        + "".join(rows)
        + tail
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {_NS}office:version="1.2">'
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


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _odd_xlsx(path: Path, rows: list, dimension: str = "A1") -> Path:
    """A bare xlsx as small exporters (WPS plug-ins, PHP libraries) write it: inline strings,
    no styles.xml, no sharedStrings, and a <dimension> that does not cover the data."""
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row, start=1):
            ref = f"{_col(c)}{r}"
            if v is None:
                continue
            if isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
        sheet_rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>'
        + "".join(sheet_rows)
        + "</sheetData></worksheet>"
    )
    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    wb = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    wbrels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _simple(folder: Path, name: str, title: list, head: list, rows: list, sheet="Sheet1"):
    wb, ws = _xlsx([*title, head, *rows], title=sheet)
    return _save(wb, folder / name), ws


# --------------------------------------------------------------------------------------------
# Permendagri 86/2017 evaluation forms (E.81-like)


def _e81(ws, top: int):
    """Header of an E.81-like form: 1 No, 2 Sasaran, 3 Kode, 4 Program/Kegiatan, 5 Indikator,
    6..13 K|Rp pairs (cols 6-11), triwulan I-IV (cols 12-19), 13-16 (cols 20-27), 17, 18."""
    heads = [
        (1, "No", 1),
        (2, "Sasaran", 1),
        (3, "Kode", 1),
        (4, "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", 1),
        (5, "Indikator Kinerja Program (outcome)/ Kegiatan (output)", 1),
        (6, "Target Kinerja Capaian Renstra PD pada Tahun 2022 (Akhir Periode Renstra PD)", 2),
        (8, "Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu", 2),
        (10, "Target Kinerja dan Anggaran Renja PD Tahun Berjalan yang Dievaluasi", 2),
        (12, "Realisasi Kinerja Pada Triwulan", 8),
        (20, "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi", 2),
        (22, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang dievaluasi (%)", 2),
        (24, "Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun Berjalan", 2),
        (26, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun Berjalan (%)", 2),
        (28, "Perangkat Daerah Penanggung Jawab", 1),
        (29, "Keterangan", 1),
    ]
    number = 0
    for col, text, width in heads:
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


def e81_budget_codes_dp3a_tw2(folder: Path) -> Case:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "E.81 TW II"
    for r in (
        ["EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN TIMOR TENGAH UTARA"],
        ["PERANGKAT DAERAH : DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK"],
        ["PERIODE PELAKSANAAN : TRIWULAN II TAHUN 2022"],
        [],
    ):
        ws.append(r)
    _e81(ws, 5)  # rows 5-8
    jt = 1_000_000
    W = [None] * 29

    def put(values: dict):
        row = list(W)
        for k, v in values.items():
            row[k - 1] = v
        ws.append(row)

    put({1: "I", 4: "URUSAN PEMERINTAHAN BIDANG PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK"})
    put({3: "2.08.04", 4: "PROGRAM PERLINDUNGAN PEREMPUAN", 11: 180 * jt, 13: 30 * jt, 15: 42 * jt})
    put(
        {
            3: "2.08.04.2.01",
            4: "Pencegahan Kekerasan terhadap Perempuan dan TPPO",
            11: 120 * jt,
            13: 25 * jt,
            15: 35 * jt,
        }
    )
    put(
        {
            1: 1,
            3: "2.08.04.2.01.01",
            5: S("1.a.1.1"),
            6: 5000,
            8: 1800,
            10: 1000,
            11: 60 * jt,
            12: 120,
            13: "12.500.000",
            14: 180,
            15: "17.000.000",
            20: 300,
            21: "29.500.000",
            22: 30,
            23: 49.17,
            24: 2100,
            26: 42,
            28: "Bidang PP",
            29: "sosialisasi sekolah",
        }
    )
    put(
        {
            1: 2,
            3: "2.08.04.2.01.02",
            5: S("4.d.1.2"),
            6: 10,
            8: 6,
            10: 2,
            11: 10 * jt,
            12: "-",
            13: "-",
            14: 1,
            15: "4.500.000",
            20: 1,
            21: "4.500.000",
            22: 50,
            23: 45,
            28: "Sekretariat",
            29: "dialog dengan DPRD Mei 2022",
        }
    )
    put(
        {
            3: "2.08.05.2.02",
            4: "Penguatan kapasitas petugas layanan",
            11: 60 * jt,
            13: 5 * jt,
            15: 7 * jt,
        }
    )
    put(
        {
            1: 3,
            3: "2.08.05.2.02.01",
            5: S("2.b.1.3"),
            6: "50%",
            8: "40%",
            10: "50%",
            11: 15 * jt,
            12: None,
            14: "55%",
            15: "7.000.000",
            20: "55%",
            22: 110,
            28: "Bidang PPA",
            29: "post-test pelatihan",
        }
    )
    put({4: "JUMLAH", 11: 180 * jt, 13: 30 * jt, 15: 42 * jt})
    put({4: "Rata-rata capaian kinerja (%)", 22: 63.33})
    put({4: "Predikat kinerja", 22: "Rendah"})
    put({4: "Faktor pendorong keberhasilan pencapaian:", 5: "dukungan IOM"})
    put({4: "Faktor penghambat pencapaian kinerja:", 5: "anggaran terbatas"})
    ws.append([])
    put({20: "Kefamenanu, 8 Juli 2022"})
    put({20: "Kepala Dinas P3A Kab. TTU"})
    put({20: "Maria G. Sasi, S.Sos"})
    put({20: "NIP. 19750101 200003 2 005"})
    return Case(
        "e81_budget_codes_dp3a_tw2",
        _save(wb, folder / "E81_DP3A_TW2_2022.xlsx"),
        "E.81-like evaluation form filled by DP3A for TW II 2022: a Kode column holding budget "
        "codes (2.08.04.2.01.01), statements from the RAD, triwulan I and II filled, Rp as "
        "text '12.500.000', percentages '55%' in K cells",
        Exact(
            {
                F("1.a.1.1", "DP3A", "2022-TW1"): 120.0,
                F("1.a.1.1", "DP3A", "2022-TW2"): 180.0,
                F("4.d.1.2", "DP3A", "2022-TW2"): 1.0,
                F("2.b.1.3", "DP3A", "2022-TW2"): 55.0,
            }
        ),
    )


def e81_only_year_column_dinsos(folder: Path) -> Case:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Evaluasi Renja"
    for r in (
        ["EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH"],
        ["DINAS SOSIAL KABUPATEN TIMOR TENGAH UTARA"],
        ["PERIODE PELAKSANAAN : TAHUN 2021"],
        [],
    ):
        ws.append(r)
    _e81(ws, 5)
    W = [None] * 29

    def put(values: dict):
        row = list(W)
        for k, v in values.items():
            row[k - 1] = v
        ws.append(row)

    put({1: "II", 4: "PENANGANAN KESEHATAN, SOSIAL, REHABILITASI DAN PEMULANGAN"})
    put(
        {
            1: 1,
            5: S("2.a.1.3"),
            6: 150,
            8: 40,
            10: 30,
            20: 24,
            22: 80,
            24: 64,
            26: 42.67,
            28: "Bidang Rehsos",
        }
    )
    put(
        {
            1: 2,
            5: S("2.b.1.1"),
            6: 100,
            8: 35,
            10: 20,
            20: 15,
            22: 75,
            24: 50,
            26: 50,
            28: "Bidang Rehsos",
        }
    )
    put(
        {
            1: 3,
            5: S("2.a.1.2"),
            6: 1,
            8: 1,
            10: 1,
            20: "Ada",
            22: 100,
            24: "Ada",
            26: 100,
            28: "Bidang Rehsos",
            29: "rumah aman Kefamenanu",
        }
    )
    return Case(
        "e81_only_year_column_dinsos",
        _save(wb, folder / "Evaluasi_Renja_Dinsos_2021_final.xlsx"),
        "E.81-like form for the year 2021 with the triwulan columns left empty and only column "
        "13 'Realisasi Capaian Kinerja ... yang Dievaluasi' (the year) and the Renstra to-date "
        "column 15 filled",
        ExactOrRefuse(
            {
                F("2.a.1.3", "DINSOS", "2021"): 24.0,
                F("2.b.1.1", "DINSOS", "2021"): 15.0,
                F("2.a.1.2", "DINSOS", "2021"): 1.0,
            },
            "column 13 is the year's realisation; the Renstra to-date column (64, 50) must never "
            "be stored as the year; refusing a form without triwulan figures is acceptable",
        ),
    )


# --------------------------------------------------------------------------------------------
# LibreOffice .ods


def ods_repeated_equal_cells(folder: Path) -> Case:
    rows = [
        row_xml(c_str("LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2021")),
        row_xml(),
        row_xml(
            c_str("Kode"),
            c_str("Indikator"),
            c_str("TW I"),
            c_str("TW II"),
            c_str("TW III"),
            c_str("TW IV"),
        ),
        # 2, 2, 2, 0: LibreOffice stores equal neighbours once, repeated
        row_xml(c_str("3.a.1.1"), c_str(S("3.a.1.1")), c_num(2, rep=3), c_num(0)),
        # 1, 1, 1, 1
        row_xml(c_str("3.b.1.1"), c_str(S("3.b.1.1")), c_num(1, rep=4)),
        row_xml(c_str("3.e.1.1"), c_str(S("3.e.1.1")), c_empty(), c_num(1), c_empty(), c_num(1)),
    ]
    path = _ods_raw(folder / "Polres_TTU_2021.ods", {"Lembar1": rows})
    return Case(
        "ods_repeated_equal_cells",
        path,
        "LibreOffice .ods where equal neighbouring values are one cell with "
        "number-columns-repeated (2,2,2 and 1,1,1,1), plus the 1M-row empty tail",
        Exact(
            {
                F("3.a.1.1", "POLRES", "2021-TW1"): 2.0,
                F("3.a.1.1", "POLRES", "2021-TW2"): 2.0,
                F("3.a.1.1", "POLRES", "2021-TW3"): 2.0,
                F("3.a.1.1", "POLRES", "2021-TW4"): 0.0,
                F("3.b.1.1", "POLRES", "2021-TW1"): 1.0,
                F("3.b.1.1", "POLRES", "2021-TW2"): 1.0,
                F("3.b.1.1", "POLRES", "2021-TW3"): 1.0,
                F("3.b.1.1", "POLRES", "2021-TW4"): 1.0,
                F("3.e.1.1", "POLRES", "2021-TW2"): 1.0,
                F("3.e.1.1", "POLRES", "2021-TW4"): 1.0,
            },
            alternatives=[
                {
                    F("3.a.1.1", "POLRES", "2021"): 6.0,
                    F("3.b.1.1", "POLRES", "2021"): 4.0,
                    F("3.e.1.1", "POLRES", "2021"): 2.0,
                }
            ],
        ),
    )


def ods_percentage_and_formula(folder: Path) -> Case:
    rows = [
        row_xml(c_str("LAPORAN CAPAIAN RAD PP-TPPO TAHUN 2022")),
        row_xml(c_str("Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kab. TTU")),
        row_xml(
            c_str("Kode"),
            c_str("Indikator"),
            c_str("Satuan"),
            c_str("Target"),
            c_str("Realisasi"),
            c_str("Keterangan"),
        ),
        row_xml(
            c_str("2.b.1.1"),
            c_str(S("2.b.1.1")),
            c_str("petugas"),
            c_num(20),
            c_formula("of:=12+4", 16),
            c_str("2 angkatan"),
        ),
        row_xml(
            c_str("2.b.1.3"),
            c_str(S("2.b.1.3")),
            c_str("%"),
            c_pct(0.5, "50%"),
            c_pct(0.55, "55%"),
            c_str("hasil post-test"),
        ),
        row_xml(
            c_str("1.a.1.1"),
            c_str(S("1.a.1.1")),
            c_str("orang"),
            c_num(1000),
            c_num(350, shown="350"),
        ),
    ]
    path = _ods_raw(folder / "DP3A_Capaian_RAD_2022.ods", {"Capaian": rows})
    return Case(
        "ods_percentage_and_formula",
        path,
        ".ods with percentage-typed cells (0.55 shown 55%) on 2.b.1.3 and a formula cell "
        "of:=12+4 with its value 16",
        Exact(
            {
                F("2.b.1.1", "DP3A", "2022"): 16.0,
                F("2.b.1.3", "DP3A", "2022"): 55.0,
                F("1.a.1.1", "DP3A", "2022"): 350.0,
            }
        ),
    )


def ods_covered_cells_lp(folder: Path) -> Case:
    span = (
        '<table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="1" '
        'office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    )
    rows = [
        row_xml(c_str("YAYASAN TAPEN BIKOMI")),
        row_xml(c_str("Laporan Capaian RAD PP-TPPO Kab. TTU Tahun 2020")),
        row_xml(c_str("Kode"), c_str("Indikator"), c_str("Jenis Kelamin"), c_str("Realisasi")),
        row_xml(span.format("2.a.1.3"), span.format(escape(S("2.a.1.3"))), c_str("L"), c_num(4)),
        row_xml("<table:covered-table-cell/>", "<table:covered-table-cell/>", c_str("P"), c_num(9)),
        row_xml(span.format("1.a.1.1"), span.format(escape(S("1.a.1.1"))), c_str("L"), c_num(110)),
        row_xml(
            "<table:covered-table-cell/>", "<table:covered-table-cell/>", c_str("P"), c_num(140)
        ),
    ]
    path = _ods_raw(folder / "YTB_RAD_2020.ods", {"Sheet1": rows})
    return Case(
        "ods_covered_cells_lp",
        path,
        ".ods with code and statement merged over L / P rows (covered-table-cell)",
        Exact(
            {
                F("2.a.1.3", "YTB", "2020", sex="L"): 4.0,
                F("2.a.1.3", "YTB", "2020", sex="P"): 9.0,
                F("1.a.1.1", "YTB", "2020", sex="L"): 110.0,
                F("1.a.1.1", "YTB", "2020", sex="P"): 140.0,
            },
            alternatives=[{F("2.a.1.3", "YTB", "2020"): 13.0, F("1.a.1.1", "YTB", "2020"): 250.0}],
        ),
    )


# --------------------------------------------------------------------------------------------
# xlsx written by other programs


def gsheets_cached_formulas(folder: Path) -> Case:
    path = folder / "Capaian RAD YTB 2020 - Sheet1.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet1")
    bold = wb.add_format({"bold": True, "font_name": "Arial"})
    ws.write_row(0, 0, ["Yayasan Tapen Bikomi - Capaian RAD PP-TPPO Tahun 2020"], bold)
    ws.write_row(2, 0, ["Kode", "Indikator", "Kecamatan", "Realisasi"], bold)
    ws.write_row(3, 0, ["1.a.1.1", S("1.a.1.1"), "Insana"])
    ws.write_number(3, 3, 45)
    ws.write_row(4, 0, [None, None, "Biboki Utara"])
    ws.write_formula(4, 3, "=20+18", None, 38)
    ws.write_row(5, 0, [None, None, "Jumlah"])
    ws.write_formula(5, 3, "=SUM(D4:D5)", None, 83)
    ws.write_row(6, 0, ["1.a.1.2", S("1.a.1.2"), None])
    ws.write_formula(6, 3, "=250*4", None, 1000)
    wb.close()
    return Case(
        "gsheets_cached_formulas",
        path,
        "Google-Sheets-like .xlsx: formulas with cached values in value cells (=20+18) and a "
        "Jumlah SUM row under kecamatan rows",
        Exact(
            {
                F("1.a.1.1", "YTB", "2020", kecamatan="Insana"): 45.0,
                F("1.a.1.1", "YTB", "2020", kecamatan="Biboki Utara"): 38.0,
                F("1.a.1.2", "YTB", "2020"): 1000.0,
            },
            alternatives=[{F("1.a.1.1", "YTB", "2020"): 83.0, F("1.a.1.2", "YTB", "2020"): 1000.0}],
        ),
    )


def literal_percent_format(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["IOM Indonesia - Kontribusi RAD PP-TPPO Kab. TTU Tahun 2021"],
            ["Kode", "Indikator", "Capaian", "Keterangan"],
            ["2.b.1.3", S("2.b.1.3"), 60, "pelatihan bersama Dinsos"],
            ["1.a.1.2", S("1.a.1.2"), 1500, "brosur migrasi aman"],
        ]
    )
    ws["C3"].number_format = '0"%"'  # shows 60% but the cell holds 60
    ws["C4"].number_format = "#,##0"
    return Case(
        "literal_percent_format",
        _save(wb, folder / "IOM_RAD_TTU_2021.xlsx"),
        '60 in a cell formatted 0"%" (a literal percent sign: shown 60%, holds 60) on 2.b.1.3',
        Exact({F("2.b.1.3", "IOM", "2021"): 60.0, F("1.a.1.2", "IOM", "2021"): 1500.0}),
    )


def percent_format_on_sixty(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL TTU TAHUN 2022"],
            ["Kode", "Indikator", "Capaian"],
            ["2.b.1.3", S("2.b.1.3"), 60],
            ["2.b.1.1", S("2.b.1.1"), 9],
        ]
    )
    ws["C3"].number_format = "0%"  # Excel shows 6000%
    return Case(
        "percent_format_on_sixty",
        _save(wb, folder / "Dinsos_2022.xlsx"),
        "60 typed into a cell formatted as a percentage: Excel shows 6000%",
        Refuse("6000% of petugas is impossible; 60 or 0,6 must be asked", ["2.b.1.3"]),
    )


def odd_exporter_inline_strings(folder: Path) -> Case:
    path = _odd_xlsx(
        folder / "export_laporan_polres_2022.xlsx",
        [
            ["LAPORAN CAPAIAN RAD TPPO KEPOLISIAN RESOR TIMOR TENGAH UTARA TAHUN 2022"],
            ["Kode", "Indikator", "Realisasi", "Keterangan"],
            ["3.a.1.1", S("3.a.1.1"), 4, "diklat Polda NTT"],
            ["3.b.1.1", S("3.b.1.1"), 2, "Polsek Insana, Polsek Miomaffo Barat"],
            ["3.e.1.1", S("3.e.1.1"), 2, "data semester I dan II"],
        ],
        dimension="A1",
    )
    return Case(
        "odd_exporter_inline_strings",
        path,
        "bare .xlsx from an exporter: inline strings, no styles/sharedStrings, <dimension "
        'ref="A1"> though data reaches D5',
        Exact(
            {
                F("3.a.1.1", "POLRES", "2022"): 4.0,
                F("3.b.1.1", "POLRES", "2022"): 2.0,
                F("3.e.1.1", "POLRES", "2022"): 2.0,
            }
        ),
    )


# --------------------------------------------------------------------------------------------
# percentages for 2.b.1.3


def pct_persen_word(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Dinsos_RAD_2020.xlsx",
        [["LAPORAN CAPAIAN RAD PP-TPPO DINAS SOSIAL KAB. TTU TAHUN 2020"]],
        ["Kode", "Indikator", "Realisasi"],
        [["2.b.1.1", S("2.b.1.1"), 12], ["2.b.1.3", S("2.b.1.3"), "60 persen"]],
    )
    return Case(
        "pct_persen_word",
        path,
        "'60 persen' on the percentage indicator",
        Exact({F("2.b.1.1", "DINSOS", "2020"): 12.0, F("2.b.1.3", "DINSOS", "2020"): 60.0}),
    )


def pct_dari_petugas(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "YTB_2021.xlsx",
        [["Yayasan Tapen Bikomi"], ["Laporan Capaian RAD TPPO Tahun 2021"]],
        ["Kode", "Indikator", "Capaian"],
        [["2.b.1.3", S("2.b.1.3"), "15 dari 25 petugas (60%)"], ["1.a.1.1", S("1.a.1.1"), 220]],
    )
    return Case(
        "pct_dari_petugas",
        path,
        "'15 dari 25 petugas (60%)' on the percentage indicator",
        ExactOrRefuse(
            {F("2.b.1.3", "YTB", "2021"): 60.0, F("1.a.1.1", "YTB", "2021"): 220.0},
            "60 % is written and agrees with 15/25; 15 or 25 stored is wrong",
            mentions=["2.b.1.3"],
        ),
    )


def pct_over_hundred(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "DP3A_2019.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2019"]],
        ["Kode", "Indikator", "Target", "Realisasi"],
        [["2.b.1.3", S("2.b.1.3"), "50%", "120%"], ["2.b.1.1", S("2.b.1.1"), 20, 18]],
    )
    return Case(
        "pct_over_hundred",
        path,
        "'120%' for the share of trained petugas (probably capaian vs target 50%, or a typo)",
        Refuse("a share of petugas cannot exceed 100 %", ["2.b.1.3"]),
    )


def pct_nbsp_csv(folder: Path) -> Case:
    path = _csv(
        folder / "DP3A_capaian_2021.csv",
        [
            ["Laporan Capaian RAD TPPO DP3A Kab. TTU Tahun 2021"],
            ["Kode", "Indikator", "Capaian"],
            ["2.b.1.3", S("2.b.1.3"), "62,5\u00a0%"],
            ["1.a.1.1", S("1.a.1.1"), "1\u00a0250"],
        ],
        delimiter=";",
    )
    return Case(
        "pct_nbsp_csv",
        path,
        "';' CSV: '62,5\\u00a0%' (no-break space before %), '1\\u00a0250' (NBSP grouping)",
        ExactOrRefuse(
            {F("2.b.1.3", "DP3A", "2021"): 62.5, F("1.a.1.1", "DP3A", "2021"): 1250.0},
            "NBSP grouping is unambiguous but may be refused; 1 or 250 is wrong",
        ),
    )


# --------------------------------------------------------------------------------------------
# numbers as text


def numbers_text_whitespace(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Disnakertrans_2020.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS KAB. TTU TAHUN 2020"]],
        ["Kode", "Indikator", "Realisasi"],
        [
            ["1.a.1.1", S("1.a.1.1"), " 300 "],
            ["1.a.2.1", S("1.a.2.1"), "12\t"],
            ["1.a.1.3", S("1.a.1.3"), "\u00a020"],
        ],
    )
    return Case(
        "numbers_text_whitespace",
        path,
        "numbers stored as text with stray spaces, a trailing tab and a leading NBSP",
        Exact(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2020"): 300.0,
                F("1.a.2.1", "DISNAKERTRANS", "2020"): 12.0,
                F("1.a.1.3", "DISNAKERTRANS", "2020"): 20.0,
            }
        ),
    )


def numbers_apostrophe_space_group(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Disnakertrans_2021.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS KAB. TTU TAHUN 2021"]],
        ["Kode", "Indikator", "Realisasi"],
        [
            ["1.a.2.2", S("1.a.2.2"), "'25"],
            ["1.a.1.2", S("1.a.1.2"), "1 000"],
        ],
    )
    return Case(
        "numbers_apostrophe_space_group",
        path,
        "a literal apostrophe \"'25\" (pasted from a text export) and '1 000' (space grouping)",
        ExactOrRefuse(
            {
                F("1.a.2.2", "DISNAKERTRANS", "2021"): 25.0,
                F("1.a.1.2", "DISNAKERTRANS", "2021"): 1000.0,
            },
            "both readings are clear to a person; refusing is acceptable; 1 or 0 is wrong",
        ),
    )


def decimal_comma_people(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "DP3A_2021_RAD.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2021"]],
        ["Kode", "Indikator", "Satuan", "Capaian"],
        [["2.b.1.1", S("2.b.1.1"), "petugas", "2,5"], ["1.a.1.1", S("1.a.1.1"), "orang", 300]],
    )
    return Case(
        "decimal_comma_people",
        path,
        "'2,5' petugas trained: half a person; a slip for 25 or 2",
        Refuse("a count of people cannot be 2,5; ask", ["2.b.1.1"]),
    )


def negative_in_parentheses(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "DP3A_2020.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2020"]],
        ["Kode", "Indikator", "Capaian"],
        [["1.a.1.1", S("1.a.1.1"), "(5)"], ["4.a.2.1", S("4.a.2.1"), 1]],
    )
    return Case(
        "negative_in_parentheses",
        path,
        "'(5)': an accountant's negative, or a note",
        Refuse("neither -5 nor 5 can be stored without asking", ["1.a.1.1"]),
    )


def zero_dash_empty_nihil(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Dinsos_TTU_2022.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU TAHUN 2022"]],
        ["Kode", "Indikator", "Realisasi", "Keterangan"],
        [
            ["2.a.1.3", S("2.a.1.3"), 0, "tidak ada rujukan"],
            ["2.b.1.1", S("2.b.1.1"), "-", ""],
            ["2.b.1.3", S("2.b.1.3"), None, "belum diukur"],
            ["2.c.1.1", S("2.c.1.1"), "0 (nol)", ""],
            ["2.a.1.2", S("2.a.1.2"), 0, "belum ada rumah aman"],
            ["2.b.2.1", S("2.b.2.1"), "Nihil", ""],
        ],
    )
    return Case(
        "zero_dash_empty_nihil",
        path,
        "0, '-', empty, '0 (nol)', 0 on a milestone and 'Nihil' on a milestone",
        Exact(
            {
                F("2.a.1.3", "DINSOS", "2022"): 0.0,
                F("2.c.1.1", "DINSOS", "2022"): 0.0,
                F("2.a.1.2", "DINSOS", "2022"): 0.0,
                F("2.b.2.1", "DINSOS", "2022"): 0.0,
            }
        ),
    )


def words_only_counts(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "DP3A_Laporan_2020.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU TAHUN 2020"]],
        ["Kode", "Indikator", "Capaian"],
        [["4.d.1.2", S("4.d.1.2"), "dua kali"], ["4.a.2.1", S("4.a.2.1"), "satu kali"]],
    )
    return Case(
        "words_only_counts",
        path,
        "counts written only in words: 'dua kali', 'satu kali'",
        ExactOrRefuse(
            {F("4.d.1.2", "DP3A", "2020"): 2.0, F("4.a.2.1", "DP3A", "2020"): 1.0},
            "clear to a person; refusing is acceptable",
        ),
    )


# --------------------------------------------------------------------------------------------
# milestones


def milestone_answers_mix(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "DP3A_Kelembagaan_2021.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO BIDANG KERJASAMA"], ["DP3A KABUPATEN TTU TAHUN 2021"]],
        ["Kode", "Indikator", "Capaian", "Keterangan"],
        [
            ["4.a.1.1", S("4.a.1.1"), "Ada", "dokumen RAD"],
            ["4.a.1.3", S("4.a.1.3"), "Belum ada", "menunggu Perbup"],
            ["4.c.1.1", S("4.c.1.1"), "Dalam proses", ""],
            ["4.b.1.4", S("4.b.1.4"), "Terlaksana", "seminar November"],
            ["4.b.1.1", S("4.b.1.1"), "Tidak", ""],
            ["4.e.1.1", S("4.e.1.1"), "Ya", "laporan monev"],
        ],
    )
    return Case(
        "milestone_answers_mix",
        path,
        "milestones 'Ada', 'Belum ada', 'Dalam proses', 'Terlaksana', 'Tidak', 'Ya'",
        Exact(
            {
                F("4.a.1.1", "DP3A", "2021"): 1.0,
                F("4.a.1.3", "DP3A", "2021"): 0.0,
                F("4.c.1.1", "DP3A", "2021"): 0.0,
                F("4.b.1.4", "DP3A", "2021"): 1.0,
                F("4.b.1.1", "DP3A", "2021"): 0.0,
                F("4.e.1.1", "DP3A", "2021"): 1.0,
            }
        ),
    )


def milestone_sudah_draft(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Nakertrans_RAD_2019.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS TTU TAHUN 2019"]],
        ["Kode", "Indikator", "Capaian"],
        [["1.b.1.1", S("1.b.1.1"), "Sudah (draft)"], ["1.a.2.1", S("1.a.2.1"), 8]],
    )
    return Case(
        "milestone_sudah_draft",
        path,
        "'Sudah (draft)' on 'Tersusunnya SOP': drafted, not finished",
        ExactOrRefuse(
            {
                F("1.b.1.1", "DISNAKERTRANS", "2019"): 0.0,
                F("1.a.2.1", "DISNAKERTRANS", "2019"): 8.0,
            },
            "a draft SOP is not yet 'tersusun'; 1 (done) is a silently optimistic reading",
            mentions=["1.b.1.1"],
        ),
    )


# --------------------------------------------------------------------------------------------
# codes and statements


def code_variants_with_statements(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Disnakertrans_RAD_2021.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS KAB. TTU TAHUN 2021"]],
        ["Kode", "Indikator", "Realisasi"],
        [
            ["1.a.1.1.", S("1.a.1.1"), 400],
            ["1 .a.1.2", S("1.a.1.2"), 1000],
            ["I.a.1.3", S("1.a.1.3"), 25],
            ["1A21", S("1.a.2.1"), 6],
            ["1.a.2.2 ", S("1.a.2.2"), 3],
        ],
    )
    return Case(
        "code_variants_with_statements",
        path,
        "codes typed '1.a.1.1.', '1 .a.1.2', 'I.a.1.3', '1A21', '1.a.2.2 ' beside the RAD's "
        "statements",
        Exact(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2021"): 400.0,
                F("1.a.1.2", "DISNAKERTRANS", "2021"): 1000.0,
                F("1.a.1.3", "DISNAKERTRANS", "2021"): 25.0,
                F("1.a.2.1", "DISNAKERTRANS", "2021"): 6.0,
                F("1.a.2.2", "DISNAKERTRANS", "2021"): 3.0,
            }
        ),
    )


def numeric_letter_codes(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Dinsos_2021_RAD.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU TAHUN 2021"]],
        ["No. Indikator", "Indikator", "Realisasi"],
        [
            ["2.1.1.3", S("2.a.1.3"), 11],
            ["2.2.1.1", S("2.b.1.1"), 8],
        ],
    )
    return Case(
        "numeric_letter_codes",
        path,
        "codes with the programme letter as a number ('2.2.1.1' for 2.b.1.1) beside the RAD's "
        "statements",
        ExactOrRefuse(
            {F("2.a.1.3", "DINSOS", "2021"): 11.0, F("2.b.1.1", "DINSOS", "2021"): 8.0},
            "the statements say which indicator; refusing the odd codes is acceptable",
        ),
    )


def short_names_no_codes(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Nakertrans_2022.xlsx",
        [["REKAP KEGIATAN PENCEGAHAN TPPO DINAS NAKERTRANS TTU TAHUN 2022"]],
        ["No", "Kegiatan", "Volume", "Satuan"],
        [
            [1, "Sosialisasi bahaya TPPO & prosedur penempatan TK", 350, "orang"],
            [2, "Brosur", 800, "lembar"],
            [3, "Baliho", 10, "buah"],
        ],
    )
    return Case(
        "short_names_no_codes",
        path,
        "no codes; activities named in two or three words ('Brosur', 'Baliho')",
        ExactOrRefuse(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2022"): 350.0,
                F("1.a.1.2", "DISNAKERTRANS", "2022"): 800.0,
                F("1.a.1.3", "DISNAKERTRANS", "2022"): 10.0,
            },
            "only one indicator counts brochures, one billboards; refusing short names is fine",
        ),
    )


def same_indicator_two_target_groups(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Disnakertrans_TTU_2022.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS KAB. TTU TAHUN 2022"]],
        ["Kode", "Indikator", "Sasaran", "Realisasi"],
        [
            ["1.a.1.1", S("1.a.1.1"), "Pelajar/Mahasiswa", 200],
            ["1.a.1.1", S("1.a.1.1"), "Aparat desa/kelurahan", 150],
            ["1.a.1.2", S("1.a.1.2"), "Masyarakat umum", 500],
        ],
    )
    return Case(
        "same_indicator_two_target_groups",
        path,
        "1.a.1.1 on two rows for two target groups (Sasaran column): 200 pelajar + 150 aparat",
        ExactOrRefuse(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2022"): 350.0,
                F("1.a.1.2", "DISNAKERTRANS", "2022"): 500.0,
            },
            "the indicator's figure is 350; 200 or 150 alone is wrong",
            mentions=["1.a.1.1"],
        ),
    )


def keterangan_contradicts(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Polres_TTU_2020.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2020"]],
        ["Kode", "Indikator", "Realisasi", "Keterangan"],
        [
            ["3.a.1.1", S("3.a.1.1"), 6, "4 penyidik Polres dan 3 penyidik Polsek"],
            ["3.b.1.1", S("3.b.1.1"), 1, "Polsek Kefamenanu Kota"],
        ],
    )
    return Case(
        "keterangan_contradicts",
        path,
        "Realisasi 6 penyidik while the Keterangan lists 4 + 3",
        ExactOrRefuse(
            {F("3.a.1.1", "POLRES", "2020"): 6.0, F("3.b.1.1", "POLRES", "2020"): 1.0},
            "the value column is the figure; asking about the note is acceptable; 7 is not "
            "what the column says",
        ),
    )


# --------------------------------------------------------------------------------------------
# layouts


def two_years_stacked(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD PP-TPPO DINAS SOSIAL KABUPATEN TIMOR TENGAH UTARA"],
            [],
            ["TAHUN 2019"],
            ["Kode", "Indikator", "Realisasi"],
            ["2.a.1.3", S("2.a.1.3"), 6],
            ["2.b.1.1", S("2.b.1.1"), 10],
            [],
            ["TAHUN 2020"],
            ["Kode", "Indikator", "Realisasi"],
            ["2.a.1.3", S("2.a.1.3"), 9],
            ["2.b.1.1", S("2.b.1.1"), 14],
        ]
    )
    return Case(
        "two_years_stacked",
        _save(wb, folder / "Dinsos_2019_2020.xlsx"),
        "two yearly blocks stacked on one sheet, each under its 'TAHUN ...' line",
        ExactOrRefuse(
            {
                F("2.a.1.3", "DINSOS", "2019"): 6.0,
                F("2.b.1.1", "DINSOS", "2019"): 10.0,
                F("2.a.1.3", "DINSOS", "2020"): 9.0,
                F("2.b.1.1", "DINSOS", "2020"): 14.0,
            },
            "each block is its year; any mixing is wrong; refusing is acceptable",
        ),
    )


def transposed_table(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["YAYASAN TAPEN BIKOMI - CAPAIAN RAD TPPO TAHUN 2020"],
            ["Kode", "1.a.1.1", "1.b.2.1", "1.b.4.1"],
            ["Indikator", S("1.a.1.1"), S("1.b.2.1"), S("1.b.4.1")],
            ["Realisasi", 250, 3, 2],
        ]
    )
    return Case(
        "transposed_table",
        _save(wb, folder / "YTB_Capaian_2020.xlsx"),
        "transposed: indicators as columns, one 'Realisasi' row",
        ExactOrRefuse(
            {
                F("1.a.1.1", "YTB", "2020"): 250.0,
                F("1.b.2.1", "YTB", "2020"): 3.0,
                F("1.b.4.1", "YTB", "2020"): 2.0,
            },
            "a person reads it at once; refusing is acceptable",
        ),
    )


def merged_value_across_quarters(folder: Path) -> Case:
    wb, ws = _xlsx(
        [
            ["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU TAHUN 2021"],
            ["Kode", "Indikator", "TW I", "TW II", "TW III", "TW IV"],
            ["2.a.1.3", S("2.a.1.3"), 2, 3, 1, 4],
            ["2.c.1.1", S("2.c.1.1"), 2, None, None, None],
        ]
    )
    ws.merge_cells("C4:F4")  # '2' for the whole year, merged over the four quarters
    return Case(
        "merged_value_across_quarters",
        _save(wb, folder / "Dinsos_2021_per_TW.xlsx"),
        "2.c.1.1's value 2 merged across TW I..TW IV (the year's figure), the other row per TW",
        ExactOrRefuse(
            {F("2.a.1.3", "DINSOS", "2021"): 10.0, F("2.c.1.1", "DINSOS", "2021"): 2.0},
            "the merged 2 is the year's; storing it in TW I only, or 2 in every quarter (8), "
            "is wrong; refusing is the safe answer",
        ),
    )


def recurring_level_quarters_jumlah(folder: Path) -> Case:
    wb, _ = _xlsx(
        [
            ["YAYASAN TAPEN BIKOMI"],
            ["LAPORAN CAPAIAN RAD PP-TPPO TAHUN 2020 PER TRIWULAN"],
            ["Kode", "Indikator", "TW I", "TW II", "TW III", "TW IV", "Jumlah"],
            ["1.b.2.2", S("1.b.2.2"), 20, 22, 24, 24, 90],
            ["1.a.1.1", S("1.a.1.1"), 50, 60, 40, 50, 200],
        ]
    )
    quarters = {
        F("1.b.2.2", "YTB", "2020-TW1"): 20.0,
        F("1.b.2.2", "YTB", "2020-TW2"): 22.0,
        F("1.b.2.2", "YTB", "2020-TW3"): 24.0,
        F("1.b.2.2", "YTB", "2020-TW4"): 24.0,
        F("1.a.1.1", "YTB", "2020-TW1"): 50.0,
        F("1.a.1.1", "YTB", "2020-TW2"): 60.0,
        F("1.a.1.1", "YTB", "2020-TW3"): 40.0,
        F("1.a.1.1", "YTB", "2020-TW4"): 50.0,
    }
    return Case(
        "recurring_level_quarters_jumlah",
        _save(wb, folder / "YTB_2020_per_triwulan.xlsx"),
        "TW I..IV + Jumlah for 1.b.2.2 (a yearly level: kecamatan with active groups, 24 max): "
        "the Jumlah 90 is a meaningless sum",
        ExactOrRefuse(
            quarters,
            "quarters are the figures; 90 kecamatan stored as the year is wrong",
            alternatives=[{F("1.b.2.2", "YTB", "2020"): 24.0, F("1.a.1.1", "YTB", "2020"): 200.0}],
        ),
    )


def budget_volume_columns(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Disnakertrans_Fisik_Keuangan_2022.xlsx",
        [
            ["LAPORAN REALISASI KEGIATAN RAD PP-TPPO"],
            ["DINAS TENAGA KERJA DAN TRANSMIGRASI KAB. TTU"],
            ["TAHUN ANGGARAN 2022"],
        ],
        [
            "Kode",
            "Uraian Indikator",
            "Satuan",
            "Volume Target",
            "Volume Realisasi",
            "Pagu Anggaran (Rp)",
            "Realisasi Anggaran (Rp)",
            "Sisa Anggaran (Rp)",
            "%",
        ],
        [
            [
                "1.a.2.1",
                S("1.a.2.1"),
                "kali",
                12,
                10,
                "Rp. 45.000.000,-",
                "Rp. 44.750.000,-",
                "Rp. 250.000,-",
                "99,44",
            ],
            [
                "1.a.3.1",
                S("1.a.3.1"),
                "kali",
                12,
                11,
                "Rp. 30.000.000,-",
                "Rp. 27.000.000,-",
                "Rp. 3.000.000,-",
                "90,00",
            ],
        ],
    )
    return Case(
        "budget_volume_columns",
        path,
        "'Volume Target | Volume Realisasi | Pagu | Realisasi Anggaran | Sisa | %': the count is "
        "Volume Realisasi",
        Exact(
            {
                F("1.a.2.1", "DISNAKERTRANS", "2022"): 10.0,
                F("1.a.3.1", "DISNAKERTRANS", "2022"): 11.0,
            }
        ),
    )


# --------------------------------------------------------------------------------------------
# agencies


def bapelitbang_rekap_instansi_column(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Rekap RAD TPPO 2021 Bapelitbang.xlsx",
        [
            ["REKAPITULASI CAPAIAN RAD PP-TPPO SELURUH PERANGKAT DAERAH"],
            ["BAPELITBANG KABUPATEN TIMOR TENGAH UTARA TAHUN 2021"],
        ],
        ["Kode", "Indikator", "Instansi", "Realisasi"],
        [
            ["2.a.1.3", S("2.a.1.3"), "Dinas Sosial", 8],
            ["1.a.1.1", S("1.a.1.1"), "DP3A", 500],
            ["3.a.1.1", S("3.a.1.1"), "Polres TTU", 5],
        ],
    )
    return Case(
        "bapelitbang_rekap_instansi_column",
        path,
        "the planning agency's compilation: one 'Instansi' column naming a different agency per "
        "row; BAPELITBANG itself is not a member agency",
        ExactOrRefuse(
            {
                F("2.a.1.3", "DINSOS", "2021"): 8.0,
                F("1.a.1.1", "DP3A", "2021"): 500.0,
                F("3.a.1.1", "POLRES", "2021"): 5.0,
            },
            "each row is its agency's; all under one agency is wrong",
        ),
    )


def kejaksaan_mentions_polres(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Laporan RAD Kejari TTU 2021.xlsx",
        [
            ["KEJAKSAAN NEGERI TIMOR TENGAH UTARA"],
            ["Laporan Capaian RAD PP-TPPO Tahun 2021 (koordinasi dengan Polres TTU)"],
        ],
        ["Kode", "Indikator", "Realisasi", "Keterangan"],
        [
            ["3.a.1.2", S("3.a.1.2"), 3, "2 JPU, 1 penyidik Polres TTU"],
            ["3.d.1.1", S("3.d.1.1"), "Sudah", "persidangan 2 perkara"],
        ],
    )
    return Case(
        "kejaksaan_mentions_polres",
        path,
        "a Kejaksaan Negeri report (not a member agency in the store) whose title and notes "
        "mention Polres TTU",
        Refuse(
            "Kejaksaan is not a known agency; its figures must not load under Polres", ["kejaksaan"]
        ),
    )


# --------------------------------------------------------------------------------------------
# periods


def iom_fiscal_year(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "IOM_TTU_FY2022.xlsx",
        [
            ["IOM Indonesia - Sub Office Kupang"],
            ["Laporan Kontribusi RAD PP-TPPO Kab. TTU"],
            ["Periode: Juli 2021 - Juni 2022"],
        ],
        ["Kode", "Indikator", "Capaian"],
        [["1.a.1.1", S("1.a.1.1"), 400], ["3.a.1.2", S("3.a.1.2"), 10]],
    )
    return Case(
        "iom_fiscal_year",
        path,
        "IOM's fiscal year July 2021 - June 2022: spans two plan years, no plan period",
        Refuse("no plan period is July-June; it would be wrong under 2021 or 2022", ["juli"]),
    )


def title_tw2_filename_tw3(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Laporan Polres TTU TW 3 2021.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO POLRES TTU TRIWULAN II TAHUN 2021"]],
        ["Kode", "Indikator", "Realisasi"],
        [["3.a.1.1", S("3.a.1.1"), 3], ["3.e.1.1", S("3.e.1.1"), 1]],
    )
    return Case(
        "title_tw2_filename_tw3",
        path,
        "title TRIWULAN II, file name TW 3",
        Refuse("the file says TW II inside and TW 3 outside", ["2021"]),
    )


def triwulan_kedua_words(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Dinsos Laporan RAD.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DINAS SOSIAL KAB. TTU"], ["TRIWULAN KEDUA TAHUN 2021"]],
        ["Kode", "Indikator", "Realisasi"],
        [["2.a.1.3", S("2.a.1.3"), 3], ["2.b.1.1", S("2.b.1.1"), 4]],
    )
    return Case(
        "triwulan_kedua_words",
        path,
        "'TRIWULAN KEDUA TAHUN 2021': the quarter in words",
        Exact({F("2.a.1.3", "DINSOS", "2021-TW2"): 3.0, F("2.b.1.1", "DINSOS", "2021-TW2"): 4.0}),
    )


def trw_dot_filename(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Lap.Trw.III-2020 Polres TTU.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO POLRES TTU TAHUN 2020"]],
        ["Kode", "Indikator", "Realisasi"],
        [["3.a.1.1", S("3.a.1.1"), 2], ["3.b.1.1", S("3.b.1.1"), 1]],
    )
    return Case(
        "trw_dot_filename",
        path,
        "file 'Lap.Trw.III-2020 Polres TTU.xlsx', title gives only the year",
        Exact({F("3.a.1.1", "POLRES", "2020-TW3"): 2.0, F("3.b.1.1", "POLRES", "2020-TW3"): 1.0}),
    )


def q4_filename(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "RAD TTU - YTB - 2021 Q4.xlsx",
        [["Capaian RAD PP-TPPO Yayasan Tapen Bikomi 2021"]],
        ["Kode", "Indikator", "Capaian"],
        [["1.a.1.1", S("1.a.1.1"), 75], ["1.b.4.1", S("1.b.4.1"), 1]],
    )
    return Case(
        "q4_filename",
        path,
        "'Q4' in the file name (a Google Sheets user's quarter)",
        ExactOrRefuse(
            {F("1.a.1.1", "YTB", "2021-TW4"): 75.0, F("1.b.4.1", "YTB", "2021-TW4"): 1.0},
            "Q4 is TW IV; storing as the whole year 2021 is wrong; asking is acceptable",
        ),
    )


def period_dates_april_juni(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "IOM_kontribusi_RAD.xlsx",
        [
            ["IOM Indonesia"],
            ["Laporan Kontribusi RAD PP-TPPO Kab. TTU"],
            ["Periode : 1 April s/d 30 Juni 2022"],
        ],
        ["Kode", "Indikator", "Capaian"],
        [["1.a.2.2", S("1.a.2.2"), 2], ["4.b.1.3", S("4.b.1.3"), "Terlaksana"]],
    )
    return Case(
        "period_dates_april_juni",
        path,
        "'Periode : 1 April s/d 30 Juni 2022' = TW II 2022",
        ExactOrRefuse(
            {F("1.a.2.2", "IOM", "2022-TW2"): 2.0, F("4.b.1.3", "IOM", "2022-TW2"): 1.0},
            "April-June is TW II; 's/d' here is a date range, not a to-date figure; as the year "
            "or as Jan-Jun it is wrong",
        ),
    )


def ods_hidden_example_row(folder: Path) -> Case:
    hidden = (
        '<table:table-row table:visibility="collapse">'
        + c_str("1.a.1.3")
        + c_str("CONTOH PENGISIAN - jangan diisi")
        + c_num(99)
        + "</table:table-row>"
    )
    rows = [
        row_xml(c_str("LAPORAN CAPAIAN RAD TPPO DINAS NAKERTRANS KAB. TTU TAHUN 2021")),
        row_xml(c_str("Kode"), c_str("Indikator"), c_str("Realisasi")),
        hidden,
        row_xml(c_str("1.a.1.1"), c_str(S("1.a.1.1")), c_num(420)),
        row_xml(c_str("1.a.2.1"), c_str(S("1.a.2.1")), c_num(7)),
    ]
    path = _ods_raw(folder / "Nakertrans_RAD_2021.ods", {"Lembar1": rows})
    return Case(
        "ods_hidden_example_row",
        path,
        ".ods with a hidden (collapsed) example row 'CONTOH PENGISIAN' holding 99 on 1.a.1.3",
        ExactOrRefuse(
            {
                F("1.a.1.1", "DISNAKERTRANS", "2021"): 420.0,
                F("1.a.2.1", "DISNAKERTRANS", "2021"): 7.0,
            },
            "the hidden example row is not a report; 99 baliho stored is wrong",
        ),
    )


def triwulan_ketiga_filename(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Laporan_Triwulan_Ketiga_2020_YTB.xlsx",
        [["YAYASAN TAPEN BIKOMI"], ["Laporan Capaian RAD PP-TPPO Kab. TTU Tahun 2020"]],
        ["Kode", "Indikator", "Capaian"],
        [["1.a.1.1", S("1.a.1.1"), 60], ["1.b.2.1", S("1.b.2.1"), 1]],
    )
    return Case(
        "triwulan_ketiga_filename",
        path,
        "'Triwulan_Ketiga' (third quarter in words) only in the file name; the title gives the year",
        ExactOrRefuse(
            {F("1.a.1.1", "YTB", "2020-TW3"): 60.0, F("1.b.2.1", "YTB", "2020-TW3"): 1.0},
            "a TW III report; stored as the whole year 2020 is wrong",
        ),
    )


# --------------------------------------------------------------------------------------------
# the radtrack template


def template_text_pct_thousands(folder: Path) -> Case:
    src = _template(folder, "DP3A", 2022)
    dest = _fill_template(
        src,
        folder / src.name,
        {
            "1.a.1.1": {"value": "1.250", "budget": "Rp. 25.000.000,-", "spent": "Rp 24.500.000"},
            "2.b.1.3": {"value": "55 %"},
            "4.a.1.2": {"value": "Terlaksana"},
            "4.d.1.2": {"value": "2 kali", "note": "Maret dan Oktober"},
        },
    )
    return Case(
        "template_text_pct_thousands",
        dest,
        "DP3A template 2022 filled with text: '1.250', '55 %', 'Terlaksana', '2 kali', money "
        "with 'Rp.' and ',-'",
        Exact(
            {
                F("1.a.1.1", "DP3A", "2022"): 1250.0,
                F("2.b.1.3", "DP3A", "2022"): 55.0,
                F("4.a.1.2", "DP3A", "2022"): 1.0,
                F("4.d.1.2", "DP3A", "2022"): 2.0,
            }
        ),
    )


def template_copied_to_new_book(folder: Path) -> Case:
    src = _template(folder, "DINSOS", 2021, 3)
    filled = _fill_template(
        src,
        folder / "_filled.xlsx",
        {"2.a.1.3": {"value": 4}, "2.b.1.1": {"value": 7}, "2.a.1.2": {"value": "Sudah"}},
    )
    old = openpyxl.load_workbook(filled)["Laporan"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in old.iter_rows(values_only=True):
        ws.append(list(row))
    return Case(
        "template_copied_to_new_book",
        _save(wb, folder / "Laporan RAD Dinsos TW III 2021.xlsx"),
        "the template's Laporan sheet pasted (values) into a new workbook: no hidden metadata "
        "sheet, the title rows 'Instansi: DINSOS' and 'Periode: 2021 triwulan 3' remain",
        Exact(
            {
                F("2.a.1.3", "DINSOS", "2021-TW3"): 4.0,
                F("2.b.1.1", "DINSOS", "2021-TW3"): 7.0,
                F("2.a.1.2", "DINSOS", "2021-TW3"): 1.0,
            }
        ),
    )


HELDOUT4 = [
    e81_budget_codes_dp3a_tw2,
    e81_only_year_column_dinsos,
    ods_repeated_equal_cells,
    ods_percentage_and_formula,
    ods_covered_cells_lp,
    gsheets_cached_formulas,
    literal_percent_format,
    percent_format_on_sixty,
    odd_exporter_inline_strings,
    pct_persen_word,
    pct_dari_petugas,
    pct_over_hundred,
    pct_nbsp_csv,
    numbers_text_whitespace,
    numbers_apostrophe_space_group,
    decimal_comma_people,
    negative_in_parentheses,
    zero_dash_empty_nihil,
    words_only_counts,
    milestone_answers_mix,
    milestone_sudah_draft,
    code_variants_with_statements,
    numeric_letter_codes,
    short_names_no_codes,
    same_indicator_two_target_groups,
    keterangan_contradicts,
    two_years_stacked,
    transposed_table,
    merged_value_across_quarters,
    recurring_level_quarters_jumlah,
    budget_volume_columns,
    bapelitbang_rekap_instansi_column,
    kejaksaan_mentions_polres,
    iom_fiscal_year,
    title_tw2_filename_tw3,
    triwulan_kedua_words,
    trw_dot_filename,
    q4_filename,
    period_dates_april_juni,
    template_text_pct_thousands,
    template_copied_to_new_book,
    ods_hidden_example_row,
    triwulan_ketiga_filename,
]

# --------------------------------------------------------------------------------------------
# sequences


def dp3a_2022_tw1(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "DP3A_TW_I_2022.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU"], ["TRIWULAN I TAHUN 2022"]],
        ["Kode", "Indikator", "Realisasi"],
        [
            ["2.b.1.1", S("2.b.1.1"), 10],
            ["2.b.1.3", S("2.b.1.3"), "40%"],
            ["4.a.1.2", S("4.a.1.2"), "Sudah"],
            ["4.d.1.2", S("4.d.1.2"), 1],
        ],
    )
    return Case("dp3a_2022_tw1", path, "DP3A TW I 2022", Exact({}))


def dp3a_2022_sd_tw2(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "DP3A_sd_TW_II_2022.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO DP3A KAB. TTU"], ["KUMULATIF s/d TRIWULAN II TAHUN 2022"]],
        ["Kode", "Indikator", "Realisasi s/d TW II"],
        [
            ["2.b.1.1", S("2.b.1.1"), 16],
            ["2.b.1.3", S("2.b.1.3"), "55%"],
            ["4.a.1.2", S("4.a.1.2"), "Sudah"],
            ["4.d.1.2", S("4.d.1.2"), 2],
        ],
    )
    return Case("dp3a_2022_sd_tw2", path, "DP3A s/d TW II 2022 (to date)", Exact({}))


def polres_2021_tw1(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Polres_TW1_2021.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO POLRES TTU TRIWULAN I TAHUN 2021"]],
        ["Kode", "Indikator", "Realisasi"],
        [["3.a.1.1", S("3.a.1.1"), 2], ["3.b.1.1", S("3.b.1.1"), 1]],
    )
    return Case("polres_2021_tw1", path, "POLRES TW I 2021", Exact({}))


def polres_2021_sd_tw2_column(folder: Path) -> Case:
    path, _ = _simple(
        folder,
        "Polres_TW2_2021.xlsx",
        [["LAPORAN CAPAIAN RAD TPPO POLRES TTU TRIWULAN II TAHUN 2021"]],
        ["Kode", "Indikator", "Realisasi s/d TW II"],
        [["3.a.1.1", S("3.a.1.1"), 5], ["3.b.1.1", S("3.b.1.1"), 1]],
    )
    return Case("polres_2021_sd_tw2_column", path, "POLRES TW II 2021, s/d column", Exact({}))


def _ytb_template(folder: Path, name: str, values: dict) -> Path:
    sub = folder / ("_" + name.replace(".", "_"))
    sub.mkdir(exist_ok=True)
    src = _template(sub, "YTB", 2021)
    return _fill_template(src, folder / name, values)


def ytb_2021_template_first(folder: Path) -> Case:
    path = _ytb_template(
        folder,
        "YTB_2021_laporan.xlsx",
        {"1.a.1.1": {"value": 300}, "1.b.4.1": {"value": 2}, "1.b.2.1": {"value": 3}},
    )
    return Case("ytb_2021_template_first", path, "YTB 2021 template", Exact({}))


def ytb_2021_template_corrected(folder: Path) -> Case:
    path = _ytb_template(
        folder,
        "YTB_2021_laporan_perbaikan.xlsx",
        {"1.a.1.1": {"value": 320}, "1.b.4.1": {"value": 2}},
    )
    return Case("ytb_2021_template_corrected", path, "YTB 2021 template, corrected", Exact({}))


HELDOUT4_SEQUENCES = [
    Sequence(
        "pct_and_milestone_sd_tw2",
        "DP3A 2022: TW I (10 petugas, 40 %, Sudah, 1 dialog), then 's/d TW II' (16, 55 %, "
        "Sudah, 2): TW II is 6 petugas, 55 % (a percentage is never differenced: 15 is wrong), "
        "the milestone still done, 1 dialog",
        [dp3a_2022_tw1, dp3a_2022_sd_tw2],
        {
            F("2.b.1.1", "DP3A", "2022-TW1"): 10.0,
            F("2.b.1.3", "DP3A", "2022-TW1"): 40.0,
            F("4.a.1.2", "DP3A", "2022-TW1"): 1.0,
            F("4.d.1.2", "DP3A", "2022-TW1"): 1.0,
            F("2.b.1.1", "DP3A", "2022-TW2"): 6.0,
            F("2.b.1.3", "DP3A", "2022-TW2"): 55.0,
            F("4.a.1.2", "DP3A", "2022-TW2"): 1.0,
            F("4.d.1.2", "DP3A", "2022-TW2"): 1.0,
        },
        alternatives=[
            {  # the to-date milestone not restated for TW II
                F("2.b.1.1", "DP3A", "2022-TW1"): 10.0,
                F("2.b.1.3", "DP3A", "2022-TW1"): 40.0,
                F("4.a.1.2", "DP3A", "2022-TW1"): 1.0,
                F("4.d.1.2", "DP3A", "2022-TW1"): 1.0,
                F("2.b.1.1", "DP3A", "2022-TW2"): 6.0,
                F("2.b.1.3", "DP3A", "2022-TW2"): 55.0,
                F("4.d.1.2", "DP3A", "2022-TW2"): 1.0,
            },
            {  # the to-date file refused
                F("2.b.1.1", "DP3A", "2022-TW1"): 10.0,
                F("2.b.1.3", "DP3A", "2022-TW1"): 40.0,
                F("4.a.1.2", "DP3A", "2022-TW1"): 1.0,
                F("4.d.1.2", "DP3A", "2022-TW1"): 1.0,
            },
        ],
    ),
    Sequence(
        "polres_tw1_then_sd_slash_tw2",
        "POLRES 2021: TW I (2, 1), then TW II whose column says 'Realisasi s/d TW II' (5, 1): "
        "TW II's own figures are 3 and 0",
        [polres_2021_tw1, polres_2021_sd_tw2_column],
        {
            F("3.a.1.1", "POLRES", "2021-TW1"): 2.0,
            F("3.b.1.1", "POLRES", "2021-TW1"): 1.0,
            F("3.a.1.1", "POLRES", "2021-TW2"): 3.0,
            F("3.b.1.1", "POLRES", "2021-TW2"): 0.0,
        },
        alternatives=[
            {F("3.a.1.1", "POLRES", "2021-TW1"): 2.0, F("3.b.1.1", "POLRES", "2021-TW1"): 1.0}
        ],
    ),
    Sequence(
        "template_correction_drops_value",
        "YTB 2021 template (300, 2, 3), then its correction (320, 2, 1.b.2.1 left empty): the "
        "correction replaces the report, so 1.b.2.1 is no longer held",
        [ytb_2021_template_first, ytb_2021_template_corrected],
        {F("1.a.1.1", "YTB", "2021"): 320.0, F("1.b.4.1", "YTB", "2021"): 2.0},
    ),
]
