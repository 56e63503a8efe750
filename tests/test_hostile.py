"""Hostile and broken files: each refused with a clear message, the store left exactly as it was.
Computed formulas are read by their values; a formula never calculated is refused, because its
empty cell would otherwise pass for "not reported"."""

import io
import random
import re
import string
import struct
import zipfile
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import pytest
import xlsxwriter

from loaders.ingest import Overrides, ingest_bytes, ingest_file
from tests.conftest import fill, make_template, snapshot


def _xlsx(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, part: str, body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = body if item.filename == part else src.read(item.filename)
            dst.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


GOOD = [["Kode", "Capaian"], ["3.a.1.1", 4]]


def _loaded(store, tmp_path):
    path = fill(
        make_template(store, tmp_path / "t.xlsx", agency="POLRES"), {"3.a.1.1": {"value": 2}}
    )
    assert ingest_file(store, path).ok
    return snapshot(store)


def test_zip_bomb_is_refused_before_parsing(store, tmp_path):
    before = _loaded(store, tmp_path)
    bomb = _rewrite(_xlsx(GOOD), "xl/worksheets/sheet1.xml", b" " * 70_000_000)
    assert len(bomb) < 1_000_000
    report = ingest_bytes(store, bomb, "bomb.xlsx")
    assert [p.code for p in report.errors] == ["zip-bomb"]
    assert snapshot(store) == before


def test_xml_entity_expansion_is_refused(store, tmp_path):
    before = _loaded(store, tmp_path)
    good = _xlsx(GOOD)
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        workbook = z.read("xl/workbook.xml")
    declaration_end = workbook.index(b"?>") + 2 if workbook.startswith(b"<?xml") else 0
    laughs = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    hostile = workbook[:declaration_end] + laughs + workbook[declaration_end:]
    data = _rewrite(good, "xl/workbook.xml", hostile)
    report = ingest_bytes(store, data, "lol.xlsx")
    assert [(p.code, p.found) for p in report.errors] == [("xml-entities", "xl/workbook.xml")]
    assert "DTD/ENTITY" in report.errors[0].message()
    assert snapshot(store) == before


def test_a_million_rows_is_refused(store, tmp_path):
    before = _loaded(store, tmp_path)
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 1_000_001))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    data = _rewrite(_xlsx(GOOD), "xl/worksheets/sheet1.xml", sheet)
    report = ingest_bytes(store, data, "sejuta.xlsx")
    assert [(p.code, p.expected) for p in report.errors] == [("too-many-rows", "20.000")]
    assert "limit 20,000" in report.errors[0].message("en")
    assert snapshot(store) == before


def test_a_part_larger_than_its_archive_says_is_refused(store, tmp_path):
    """A worksheet whose central-directory size understates it: read only as far as declared,
    the formula check could miss what lies beyond; the file is refused as broken instead."""
    before = _loaded(store, tmp_path)
    data = bytearray(_xlsx(GOOD))
    name = b"xl/worksheets/sheet1.xml"
    entry = bytes(data).rfind(b"PK\x01\x02", 0, bytes(data).rfind(name))
    struct.pack_into("<L", data, entry + 24, 10)  # uncompressed size: 10 bytes
    report = ingest_bytes(store, bytes(data), "bohong.xlsx")
    assert [p.code for p in report.errors] == ["unreadable-file"]
    assert "sheet1.xml" in report.errors[0].detail
    assert snapshot(store) == before


def test_password_protected_workbook_is_refused(store, tmp_path):
    before = _loaded(store, tmp_path)
    encrypted = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(_xlsx(GOOD))).encrypt("rahasia", encrypted)
    report = ingest_bytes(store, encrypted.getvalue(), "terkunci.xlsx")
    assert [p.code for p in report.errors] == ["password-protected"]
    assert "kata sandi" in report.errors[0].message("id")
    assert snapshot(store) == before


def test_formula_never_calculated_is_refused(store, tmp_path):
    before = _loaded(store, tmp_path)
    data = _xlsx([["POLRES 2021"], ["Kode", "A", "B", "Capaian"], ["3.a.1.1", 2, 3, "=B3+C3"]])
    report = ingest_bytes(store, data, "rumus.xlsx")
    assert report.places() == [("Sheet", 3, "D", "formula-without-value")]
    assert snapshot(store) == before


def test_calculated_formula_is_read_by_its_value(sqlite_store):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("2021")
    sheet.write_row(0, 0, ["Kode", "Laki", "Perempuan", "Capaian"])
    sheet.write_row(1, 0, ["3.a.1.1", 2, 3])
    sheet.write_formula(1, 3, "=B2+C2", None, 5)
    book.close()
    report = ingest_bytes(sqlite_store, buffer.getvalue(), "POLRES.xlsx")
    assert report.status == "loaded", report.to_dict()
    assert report.rows_loaded == 1


def test_long_cell_text_is_not_kept_in_the_parsing_caches(sqlite_store):
    """The header and period caches keep short labels across files; a workbook full of long
    texts must not grow a server's memory with them."""
    from loaders.layout import _meaning, _normalised
    from loaders.period import period_in

    caches = (_normalised, _meaning, period_in)
    before = [c.cache_info().currsize for c in caches]
    book = io.BytesIO()
    workbook = xlsxwriter.Workbook(book)
    sheet = workbook.add_worksheet("Tahun 2020 " + "x" * 20)
    for row in range(30):
        sheet.write_row(row, 0, [f"{row} judul panjang " + "y" * 500 for _ in range(5)])
    workbook.close()
    report = ingest_bytes(sqlite_store, book.getvalue(), "panjang.xlsx", dry_run=True)
    assert [p.code for p in report.errors] == ["no-data-sheet"]
    assert [c.cache_info().currsize for c in caches] == before
    assert period_in("laporan tahun 2020 " + "z" * 1000, range(2018, 2023)) == (2020, None)
    assert [c.cache_info().currsize for c in caches] == before


def test_a_tiny_workbook_reaching_column_xfd_is_refused_before_any_grid(store, tmp_path):
    """A1 and XFD20000 only: 4.7 KB on disk, a 20,000 x 16,384 grid in the reader (a 10 GB
    allocation that killed the server). Refused from the sheet's own XML, store unchanged."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Kode"
    ws["XFD20000"] = 1
    path = tmp_path / "kecil.xlsx"
    wb.save(path)
    assert path.stat().st_size < 10_000
    before = snapshot(store)
    report = ingest_file(store, path, dry_run=True)
    assert [(p.code, p.found) for p in report.errors] == [("sheet-too-large", "20.000 × 16.384")]
    assert snapshot(store) == before


def _padded_dtd(part: bytes) -> bytes:
    """`part` with a DTD after a 5 KB comment: past the first 4 KB, still in the prolog."""
    end = part.index(b"?>") + 2 if part.startswith(b"<?xml") else 0
    laughs = b'<!DOCTYPE lolz [<!ENTITY lol "lol">]>'
    return part[:end] + b"<!-- " + b"x" * 5000 + b" -->" + laughs + part[end:]


def test_a_dtd_past_the_first_4_kb_or_an_xml_error_in_the_reader_spares_the_batch(store, tmp_path):
    """A DTD placed after a long comment passed the prolog check and made the XML library raise
    inside the formula check: a traceback that stopped a batch of good files. Now the file is
    refused with its own message and every other file of the batch loads."""
    rumus = _xlsx([["POLRES 2021"], ["Kode", "A", "B", "Capaian"], ["3.a.1.1", 2, 3, "=B3+C3"]])
    with zipfile.ZipFile(io.BytesIO(rumus)) as z:
        workbook, sheet = z.read("xl/workbook.xml"), z.read("xl/worksheets/sheet1.xml")
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    (hostile / "b_dtd.xlsx").write_bytes(_rewrite(rumus, "xl/workbook.xml", _padded_dtd(workbook)))
    (hostile / "e_sheet_dtd.xlsx").write_bytes(
        _rewrite(rumus, "xl/worksheets/sheet1.xml", _padded_dtd(sheet))
    )
    broken = sheet.replace(b"</sheetData>", b"<row r='9'><c r='A9'><f>1+</sheetData>")
    (hostile / "c_broken_xml.xlsx").write_bytes(_rewrite(rumus, "xl/worksheets/sheet1.xml", broken))
    good = []
    for n, (agency, year) in enumerate([("POLRES", 2019), ("DINSOS", 2019), ("POLRES", 2020)]):
        path = make_template(store, hostile / f"{'adz'[n]}_{agency}_{year}.xlsx", agency, year)
        good.append(fill(path, {"3.a.1.1" if agency == "POLRES" else "2.a.1.3": {"value": 3}}))
    from loaders.ingest import ingest_files

    reports = {r.file: r for r in ingest_files(store, sorted(hostile.iterdir()))}
    assert [p.code for p in reports["b_dtd.xlsx"].errors] == ["xml-entities"]
    assert [p.found for p in reports["e_sheet_dtd.xlsx"].errors] == ["xl/worksheets/sheet1.xml"]
    assert reports["c_broken_xml.xlsx"].errors, "a broken worksheet is refused"
    assert {p.code for p in reports["c_broken_xml.xlsx"].errors} <= {"unreadable-file"}
    assert all(reports[p.name].ok for p in good), [reports[p.name].errors for p in good]


def _ods_with(tmp_path, name: str, extra_rows: str) -> bytes:
    """An OpenDocument spreadsheet (written as LibreOffice does) with `extra_rows` appended."""
    from tests.corpus.files import _ods

    rows = [["POLRES 2021"], ["Kode", "Capaian"], ["3.a.1.1", 4]]
    return _ods(tmp_path / name, {"Laporan": rows}, tail=extra_rows).read_bytes()


def test_an_ods_that_repeats_a_cell_across_the_sheet_is_refused_before_any_grid(store, tmp_path):
    """OpenDocument repeats rows and cells by attribute: 850 bytes asked the reader for 1,000
    rows x 16,000 columns (1.6 GB and 3 s) or 20,000 x 500 before the row limit was looked at.
    Bounded from content.xml itself; the empty repeats LibreOffice writes after the last cell
    (a million empty rows) still load."""
    before = snapshot(store)
    wide = '<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'  # noqa: E501
    long = wide.replace('"1000"', '"20000"').replace('"16000"', '"3"')
    for name, rows, code in (
        ("lebar.ods", wide, "sheet-too-large"),
        ("panjang.ods", long, "too-many-rows"),
    ):
        data = _ods_with(tmp_path, name, rows)
        assert len(data) < 2_000
        report = ingest_bytes(store, data, name, dry_run=True)
        assert [p.code for p in report.errors] == [code], name
    libreoffice = (
        '<table:table-row table:number-rows-repeated="1048573">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    report = ingest_bytes(
        store, _ods_with(tmp_path, "biasa.ods", libreoffice), "biasa.ods", dry_run=True
    )
    assert report.ok, report.errors
    assert snapshot(store) == before


def test_any_surprise_while_reading_one_file_is_that_files_refusal(store, tmp_path, monkeypatch):
    """Whatever a reader library raises on a file (a parser bug, a format nobody foresaw) is
    reported on that file, and the rest of the batch loads."""
    from loaders import ingest

    real = ingest.read_source

    def surprising(data, file):
        if file.startswith("b_"):
            raise RuntimeError("parser fell over")
        return real(data, file)

    monkeypatch.setattr(ingest, "read_source", surprising)
    paths = [
        fill(
            make_template(store, tmp_path / f"{p}_POLRES_{y}.xlsx", "POLRES", y),
            {"3.a.1.1": {"value": 2}},
        )
        for p, y in (("a", 2019), ("b", 2020), ("c", 2021))
    ]
    reports = {r.file: r for r in ingest.ingest_files(store, paths)}
    assert reports["a_POLRES_2019.xlsx"].ok and reports["c_POLRES_2021.xlsx"].ok
    problem = reports["b_POLRES_2020.xlsx"].errors[0]
    assert (problem.code, problem.detail) == ("unreadable-file", "RuntimeError: parser fell over")


def _sheet_of(rows: str, root: str = "worksheet", prefix: str = "") -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    declared = f'xmlns:{prefix[:-1]}="{ns}"' if prefix else f'xmlns="{ns}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{prefix}{root} {declared}>'
        f"<{prefix}sheetData>{rows}</{prefix}sheetData></{prefix}{root}>"
    ).encode()


# Each a few KB at most; each asked the reader for a grid of millions of cells (up to 900 MB)
# while the byte checks saw a small sheet: they read only `<row r="` and two-letter columns.
HIDDEN_REACH = {
    # rows without `r` and a cell far down (the reader places cells by their own reference)
    "tanpa_r.xlsx": '<row><c r="A1" t="inlineStr"><is><t>Kode</t></is></c></row>'
    '<row><c r="Z900000"><v>1</v></c></row>',
    # a row of 2,000 cells without `r`, each placed after the one before, and row 15,000
    "sel_tanpa_r.xlsx": '<row r="1">' + "<c><v>1</v></c>" * 2000 + "</row>"
    '<row r="15000"><c r="A15000"><v>1</v></c></row>',
    # references in single quotes
    "kutip.xlsx": "<row r='1'><c r='A1'><v>1</v></c></row>"
    "<row r='30000'><c r='Z30000'><v>1</v></c></row>",
    # the reference after an attribute whose quoted value holds a `>`
    "kurung.xlsx": '<row r="1"><c r="A1"><v>1</v></c></row>'
    '<row r="2"><c s="0" x="a>b" r="Z900000"><v>1</v></c></row>',
    # a cell's reference below its row's
    "loncat.xlsx": '<row r="1"><c r="A1"><v>1</v></c><c r="Z900000"><v>1</v></c></row>',
}


def test_a_sheet_reaching_far_in_any_form_the_reader_accepts_is_refused_before_any_grid(
    store, tmp_path
):
    """The reader places rows and cells by their `r` attribute, or without one after the one
    before, and reads `<x:row>` as a row: every such way to ask for a huge grid is measured
    from the XML and refused before the reader builds it; the store stays as it was."""
    from loaders.safety import sniff

    before = _loaded(store, tmp_path)
    good = _xlsx(GOOD)
    cases = {name: _sheet_of(rows) for name, rows in HIDDEN_REACH.items()}
    cases["awalan.xlsx"] = _sheet_of(  # every element with a prefix, rows without `r`
        '<x:row><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="900000"><x:c r="Z900000">'
        "<x:v>1</x:v></x:c></x:row>",
        prefix="x:",
    )
    for name, sheet in cases.items():
        data = _rewrite(good, "xl/worksheets/sheet1.xml", sheet)
        assert len(data) < 10_000, name
        codes = [p.code for p in sniff(data, name).problems]
        assert codes in (["too-many-rows"], ["sheet-too-large"]), (name, codes)
        report = ingest_bytes(store, data, name, dry_run=True)
        assert [p.code for p in report.errors] == codes, name
    bad = _rewrite(good, "xl/worksheets/sheet1.xml", _sheet_of('<row r="1"><c r="AB"/></row>'))
    report = ingest_bytes(store, bad, "rusak.xlsx")
    assert [p.code for p in report.errors] == ["unreadable-file"]
    assert "r=AB" in report.errors[0].detail
    assert snapshot(store) == before


def _rewritten_sheet(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    return _rewrite(data, "xl/worksheets/sheet1.xml", change(sheet))


def _shown_book(rows: list[list], hidden_row: int | None = None, percent: str | None = None):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    if hidden_row:
        wb.active.row_dimensions[hidden_row].hidden = True
    if percent:
        wb.active[percent].number_format = "0.0%"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_sheets_written_with_prefixes_without_references_or_with_r_later_still_load(
    sqlite_store,
):
    """What real writers send: the Open XML SDK's `<x:row>` (and `<x:f>`), rows and cells
    without `r`, `r` after other attributes, attributes in single quotes. Each is read as the
    plain file is: the same figures, the hidden example row left out, a percent format seen
    (the prefixed formula without a value is refused, as a plain one is)."""
    import re

    def prefixed(sheet: bytes) -> bytes:
        sheet = re.sub(rb"<(/?)(?!\?)([A-Za-z])", rb"<\1x:\2", sheet)
        return sheet.replace(b'xmlns="', b'xmlns:x="', 1)

    def without_r(sheet: bytes) -> bytes:
        return re.sub(rb' r="[A-Z]*\d+"', b"", sheet)

    def r_later(sheet: bytes) -> bytes:
        return re.sub(rb'<(row|c) r="([A-Z]*\d+)"([^>]*?)(/?)>', rb'<\1\3 r="\2"\4>', sheet)

    def single_quotes(sheet: bytes) -> bytes:
        head, body = sheet.split(b"<sheetData", 1)
        return head + b"<sheetData" + re.sub(rb'="([^"]*)"', rb"='\1'", body)

    rows = [["POLRES 2021"], ["Kode", "Capaian"], ["3.a.1.1", 99], ["3.a.1.1", 4]]
    hidden = _shown_book(rows + [["3.a.1.2", 2]], hidden_row=3)
    percent = _shown_book(rows[:2] + [["3.a.1.1", 0.5]], percent="B3")
    formula = _xlsx([["POLRES 2021"], ["Kode", "A", "B", "Capaian"], ["3.a.1.1", 2, 3, "=B3+C3"]])
    plain = {}
    for book, data in (("hidden", hidden), ("percent", percent), ("formula", formula)):
        report = ingest_bytes(sqlite_store, data, "POLRES.xlsx", dry_run=True)
        plain[book] = (report.mapping, report.places(), [p.code for p in report.problems])
    assert [row["row"] for row in plain["hidden"][0]] == [4, 5], plain["hidden"]
    assert "hidden-rows" in plain["hidden"][2]
    assert plain["percent"][2] == ["percent-for-count"]
    assert plain["formula"][1] == [("Sheet", 3, "D", "formula-without-value")]
    for name, change in (
        ("x", prefixed),
        ("no-r", without_r),
        ("r-later", r_later),
        ("quotes", single_quotes),
    ):
        for book, data in (("hidden", hidden), ("percent", percent), ("formula", formula)):
            report = ingest_bytes(
                sqlite_store, _rewritten_sheet(data, change), "POLRES.xlsx", dry_run=True
            )
            read = (report.mapping, report.places(), [p.code for p in report.problems])
            assert read == plain[book], (name, book, read)


def test_the_measured_extent_is_never_short_of_where_the_reader_puts_cells():
    """Sheets written every way the reader accepts (prefixes, rows and cells with or without
    `r`, `r` late, single quotes, cells beyond their row, columns past Z, rows past 9,999): the
    byte check's extent always reaches at least the reader's last cell, so no grid is larger
    than the check allowed (a part past a limit may be measured only that far: it is refused)."""
    import random

    from python_calamine import CalamineWorkbook

    from loaders.safety import _too_large, sheet_extent

    def letters(n: int) -> str:
        text = ""
        while n:
            n, rest = divmod(n - 1, 26)
            text = chr(65 + rest) + text
        return text

    rng = random.Random(18)
    refused = 0
    for case in range(150):
        prefix = rng.choice(["", "", "x:"])
        quote = rng.choice(['"', '"', "'"])
        parts, row = [], 0
        for _ in range(rng.randint(1, 6)):
            row = rng.choice(
                [row + 1, row + rng.randint(1, 40), rng.choice([9_999, 10_000, 10_003])]
            )
            with_r = rng.random() < 0.7
            attrs = f" r={quote}{row}{quote}" if with_r else ""
            if rng.random() < 0.2:
                attrs = f' spans="1:3"{attrs}'
            cells, column = [], 0
            for _ in range(rng.randint(0, 5)):
                column = rng.choice([column + 1, column + 1, rng.randint(1, 40), 27, 28, 60])
                column = 702 if rng.random() < 0.02 else column
                cell_row = rng.choice([row, row, rng.randint(1, 12)])
                ref = f" r={quote}{letters(column)}{cell_row}{quote}" if rng.random() < 0.7 else ""
                if ref and rng.random() < 0.2:
                    ref = f' s="0"{ref}'
                cells.append(f"<{prefix}c{ref}><{prefix}v>1</{prefix}v></{prefix}c>")
            parts.append(f"<{prefix}row{attrs}>{''.join(cells)}</{prefix}row>")
        sheet = _sheet_of("".join(parts), prefix=prefix)
        rows, columns = sheet_extent(sheet)
        if _too_large(rows, columns, "x.xlsx") is not None:
            refused += 1
            continue
        data = _rewrite(_xlsx(GOOD), "xl/worksheets/sheet1.xml", sheet)
        grid = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Sheet")
        if grid.end is None:
            continue
        last_row, last_column = grid.end
        assert rows >= last_row + 1 and columns >= last_column + 1, (case, sheet, grid.end)
    assert refused < 15  # most cases are measured, not refused


def test_a_tiny_xls_reaching_far_is_refused_before_any_grid(store, tmp_path):
    """One cell at IV65536 in a 6 KB .xls: the reader built a 65,536 x 256 grid (1 GB, 0.6 s)
    before the row limit was looked at. Its records are measured first now; a cell that is
    only formatted (a BLANK record, which the reader places nowhere) is no reach."""
    import xlwt

    from loaders.safety import sniff

    before = snapshot(store)

    def xls(*cells) -> bytes:
        book = xlwt.Workbook()
        sheet = book.add_sheet("Laporan")
        for row, column, value in cells:
            sheet.write(row, column, value, xlwt.easyxf("borders: left thin"))
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    far = xls((0, 0, "Kode"), (65_535, 255, 1))
    assert len(far) < 10_000
    assert [p.code for p in sniff(far, "jauh.xls").problems] == ["too-many-rows"]
    wide = xls((0, 0, "Kode"), (10_000, 250, 1))  # 10,001 x 251: past the cell limit
    assert [(p.code, p.found) for p in sniff(wide, "lebar.xls").problems] == [
        ("sheet-too-large", "10.001 × 251")
    ]
    report = ingest_bytes(store, far, "jauh.xls", dry_run=True)
    assert [p.code for p in report.errors] == ["too-many-rows"]
    formatted = xls(
        (0, 0, "POLRES 2021"),
        (1, 0, "Kode"),
        (1, 1, "Capaian"),
        (2, 0, "3.a.1.1"),
        (2, 1, 4),
        (60_000, 200, None),  # a bordered empty cell far away: formatting, no reach
    )
    assert sniff(formatted, "POLRES.xls").problems == []
    report = ingest_bytes(store, formatted, "POLRES.xls", dry_run=True)
    assert report.ok, report.errors
    assert [m["code"] for m in report.mapping] == ["3.a.1.1"]
    assert snapshot(store) == before


def test_an_excel_binary_workbook_is_refused_with_what_to_do():
    """An .xlsb's sheets are binary records the byte checks do not measure: refused (save it as
    .xlsx), never handed to the reader, which would build whatever grid its records ask for."""
    from loaders.safety import sniff

    good = _xlsx(GOOD)
    with zipfile.ZipFile(io.BytesIO(good)) as src:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                name = item.filename.replace("workbook.xml", "workbook.bin")
                dst.writestr(name, src.read(item.filename))
    problems = sniff(out.getvalue(), "laporan.xlsb").problems
    assert [p.code for p in problems] == ["unreadable-file"]
    assert ".xlsx" in problems[0].message("id") and ".xlsb" in problems[0].message("en")


PAD = "<a></a>"  # filler the reader passes over


# Each placed a cell beyond what the byte checks measured (found by a review reading calamine's
# own parser): every one is refused now, either measured past a limit or not read as plain XML.
TRICKS = {
    # the reader takes a cell's last `r`
    "r_dua_kali": '<row r="1"><c r="A1" r="WW1"><v>1</v></c></row>',
    # an `r` right after a quote, no space
    "r_tanpa_spasi": '<row r="1"><c r="A1" s="0"r="WW1"><v>1</v></c></row>',
    "baris_tanpa_spasi": '<row spans="1:1"r="30000"><c><v>1</v></c></row>',
    # a word before `r`: the reader's key is "x r", so the cell has no `r` and follows the last
    "kata_sebelum_r": '<row r="2">' + '<c x r="A2"><v>1</v></c>' * 600 + "</row>",
    # row end tags closing something else: the reader counts every one
    "penutup_lebih": '<row r="1"><c r="A1"><v>1</v></c></row>'
    + "<a></row>" * 30_000
    + "<row><c><v>1</v></c></row>",
    # prefixes the reader takes as any other
    "awalan_kosong": '<row r="1"><c r="A1"><v>1</v></c>' + "<:c><v>1</v></:c>" * 600 + "</row>",
    "awalan_angka": '<row r="1"><c r="A1"><v>1</v></c>' + "<1:c><v>1</v></1:c>" * 600 + "</row>",
    # a quote in a comment that a tag pattern would read as a value running over real tags
    "kutip_di_komentar": '<!-- <c r="A1" a=\' -->'
    + '<row r="2"><c r="WW2"><v>1</v></c></row><row><c><v>1</v></c></row><!-- \' -->',
}


@pytest.mark.parametrize("name", sorted(TRICKS))
def test_a_worksheet_written_to_fool_the_measure_is_refused(name):
    from python_calamine import CalamineWorkbook

    from loaders.safety import sniff

    data = _rewrite(_xlsx(GOOD), "xl/worksheets/sheet1.xml", _sheet_of(TRICKS[name]))
    try:  # what the reader would have built (kept small here: row 30,000 or column 600)
        grid = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Sheet")
        reach = (grid.end[0] + 1, grid.end[1] + 1) if grid.end else (0, 0)
    except Exception:
        reach = None
    assert reach is None or reach[0] > 20_000 or reach[1] > 500, (name, reach)
    codes = [p.code for p in sniff(data, f"{name}.xlsx").problems]
    assert codes and set(codes) <= {"too-many-rows", "sheet-too-large", "unreadable-file"}, codes


@pytest.mark.parametrize(
    "target", ["worksheets/sheet1.dat", "foo.xml", "worksheets/sheet1.XML", "../s.xml"]
)
def test_a_worksheet_stored_under_another_name_is_measured(target):
    """The reader finds a worksheet wherever the workbook's relationships point: it is measured
    by what it holds, not by its name."""
    from loaders.safety import sniff

    far = _sheet_of('<row r="30000"><c r="WW30000"><v>1</v></c></row>')
    good = _xlsx(GOOD)
    part = "xl/" + target if not target.startswith("..") else "s.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(b"worksheets/sheet1.xml", target.encode())
            if item.filename == "xl/worksheets/sheet1.xml":
                dst.writestr(part, far, compress_type=zipfile.ZIP_DEFLATED)
                continue
            dst.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    assert [p.code for p in sniff(out.getvalue(), "x.xlsx").problems] == ["too-many-rows"]


HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


@pytest.mark.parametrize(
    "name",
    [
        "dua_akhir_arsip.xlsx",  # two end records: zipfile reads the last, the reader skips it
        "zip64_lain.xlsx",  # a ZIP64 locator only zipfile follows, to another directory
        "xlsb_huruf_besar.xlsx",  # XL/workbook.bin: the reader finds parts in any case
        "workbook_yatim.xls",  # an orphan Workbook entry the reader takes, olefile never sees
    ],
)
def test_a_container_read_differently_by_the_checks_and_the_reader_is_refused(name):
    """Files built by a review so that Python's zip and OLE readers (the checks) and the
    reader's own (Rust) see different sheets: the reader would have built a grid reaching row
    30,000 from the part the checks never saw. Refused: only a plainly laid-out container is
    read the same by both."""
    from python_calamine import CalamineWorkbook

    from loaders.safety import sniff

    data = (HOSTILE / name).read_bytes()
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    reach = book.get_sheet_by_name(book.sheet_names[0]).end
    assert reach is not None and reach[0] >= 20_000  # what the reader would have built
    assert [p.code for p in sniff(data, name).problems] == ["unreadable-file"]


def test_row_or_cell_tags_inside_a_cell_are_refused():
    """The reader skips a value, formula or string whole: a `<row r="1"/>` inside `<v>` moved
    the check's count back while the reader's went on (row 30,000 measured as 20,000), and a
    hidden row was looked for in the wrong place. A tag inside a cell is refused."""
    from loaders.safety import sniff

    inside = (
        '<row r="20000"><c r="A20000"><v>1<row r="1"/></v></c></row>'
        + "<row/>" * 10_000
        + "<row><c><v>7</v></c></row>"
    )
    data = _rewrite(_xlsx(GOOD), "xl/worksheets/sheet1.xml", _sheet_of(inside))
    problems = sniff(data, "dalam.xlsx").problems
    assert [p.code for p in problems] == ["unreadable-file"]
    assert "inside a cell" in problems[0].detail


def test_a_part_marked_encrypted_is_refused_not_raised():
    """A zip part whose flags say it is encrypted made the check raise (zipfile asks for a
    password): refused with a message like any unreadable file."""
    from loaders.safety import sniff

    data = bytearray(_xlsx(GOOD))
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = bytes(data).find(signature)
        while at >= 0:
            data[at + flags_at] |= 0x01
            at = bytes(data).find(signature, at + 4)
    assert [p.code for p in sniff(bytes(data), "sandi.xlsx").problems] == ["unreadable-file"]


def test_a_csv_line_of_separators_is_not_made_a_grid(store, tmp_path):
    """A 2 MB CSV whose second line is two million semicolons took 23 GB (the table is made
    rectangular: every row padded to the widest) and was killed. Separators at the end of a
    line are padding, dropped; what is left loads as the rows say."""
    before = _loaded(store, tmp_path)
    data = ("Kode;Capaian\n" + ";" * 2_000_000 + "\n" + "3.a.1.1;4" + ";" * 30 + "\n").encode()
    report = ingest_bytes(
        store, data, "polres.csv", overrides=Overrides(agency="POLRES", year=2021)
    )
    assert report.ok, [p.message("en") for p in report.errors]
    values = snapshot(store)["values"]
    assert len(values) == len(before["values"]) + 1
    assert any(v[2] == 2021 and v[3] == 4.0 for v in values)


@pytest.mark.parametrize(
    "body",
    [
        "Kode;Capaian;" + ";".join(["x"] * 600) + "\n3.a.1.1;4\n",  # 602 columns filled
        "Kode;Capaian;" + ";".join(["x"] * 400) + "\n" + "3.a.1.1;4\n" * 5_000,  # 2 million cells
    ],
    ids=["too-wide", "too-many-cells"],
)
def test_a_csv_wider_than_the_limits_is_refused(store, tmp_path, body):
    before = _loaded(store, tmp_path)
    report = ingest_bytes(store, body.encode(), "lebar.csv", overrides=Overrides(agency="POLRES"))
    assert [p.code for p in report.errors] == ["sheet-too-large"]
    assert snapshot(store) == before


def test_sizes_and_limits_are_written_in_each_language_s_number_format(store):
    """A limit's figures read 2.000.000 in Indonesian and 2,000,000 in English; a figure quoted
    from the file is left as the file wrote it."""
    body = "Kode;Capaian;" + ";".join(["x"] * 400) + "\n" + "3.a.1.1;4\n" * 5_000
    report = ingest_bytes(store, body.encode(), "lebar.csv", overrides=Overrides(agency="POLRES"))
    (problem,) = report.errors
    assert re.search(r"\(4\.\d{3} × 402; batas 500 kolom, 2\.000\.000 sel\)", problem.message("id"))
    assert re.search(
        r"\(4,\d{3} × 402; limits 500 columns, 2,000,000 cells\)", problem.message("en")
    )
    assert problem.to_dict("en")["expected"] == "500 columns, 2,000,000 cells"
    assert problem.to_dict("id")["expected"] == "500 kolom, 2.000.000 sel"


ODS_CELL = (
    '<table:table-cell {c} office:value-type="float" office:value="1"><text:p>1</text:p>'
    "</table:table-cell>"
)


@pytest.mark.parametrize(
    ("rows", "columns"),
    [
        ("table:number-rows-repeated='1000'", "table:number-columns-repeated='16000'"),
        ('table:number-rows-repeated = "1000"', 'table:number-columns-repeated = "16000"'),
        ('table:number-rows-repeated="+1000"', 'table:number-columns-repeated="+16000"'),
        (
            'table:style-name=">" table:number-rows-repeated="1000"',
            'table:style-name=">" table:number-columns-repeated="16000"',
        ),
    ],
    ids=["single-quotes", "spaces", "plus-sign", "gt-in-an-earlier-attribute"],
)
def test_an_ods_repeat_written_any_legal_way_is_measured(store, tmp_path, rows, columns):
    """An 880-byte .ods whose repeat counts were spelt so the patterns missed them took up to
    3.9 GB in the reader (or killed the process); content.xml is now read as XML."""
    from tests.corpus.files import _ods

    before = _loaded(store, tmp_path)
    tail = f"<table:table-row {rows}>" + ODS_CELL.format(c=columns) + "</table:table-row>"
    path = _ods(
        tmp_path / "polres.ods", {"Laporan": [["Kode", "Capaian"], ["3.a.1.1", 4]]}, tail=tail
    )
    report = ingest_file(store, path, overrides=Overrides(agency="POLRES", year=2021))
    assert [p.code for p in report.errors] == ["sheet-too-large"]
    assert snapshot(store) == before


ROWS_NEVER_CLOSED = "".join(
    f'<table:table-row table:style-name="r{random.Random(n).getrandbits(64):x}">'
    for n in range(40_000)
)  # each style name its own: the archive's ratio stays plausible


def test_an_ods_of_rows_never_closed_is_refused_in_one_pass(store, tmp_path):
    """Rows opened 40,000 times and never closed made the patterns scan to the end from every
    row: 172 KB took 91 s."""
    from tests.corpus.files import _ods

    path = _ods(tmp_path / "p.ods", {"Laporan": [["Kode", "Capaian"]]}, tail=ROWS_NEVER_CLOSED)
    report = ingest_file(store, path, overrides=Overrides(agency="POLRES", year=2021))
    assert [p.code for p in report.errors] == ["unreadable-file"]


def test_one_long_shared_string_in_many_cells_is_refused_before_the_reader(store, tmp_path):
    """One 1 MB shared string referred to by 2,000 cells: 650 KB on disk, 4 GB of copies in the
    reader (and a panic it raised past every `except Exception`)."""
    before = _loaded(store, tmp_path)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)  # xlsxwriter keeps text in shared strings
    sheet_of_book = book.add_worksheet()
    for r, row in enumerate([["Kode", "Capaian"], ["3.a.1.1", 4]]):
        sheet_of_book.write_row(r, 0, row)
    book.close()
    good = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>0</v></c></row>'
        for r in range(3, 2003)
    )
    sheet = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", rows.encode() + b"</sheetData>"
    )
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>"
        + "".join(random.choices(string.ascii_letters, k=1_000_000)).encode()
        + b"</t></si></sst>"
    )
    data = _rewrite(
        _rewrite(good, "xl/worksheets/sheet1.xml", sheet), "xl/sharedStrings.xml", strings
    )
    report = ingest_bytes(
        store, data, "panjang.xlsx", overrides=Overrides(agency="POLRES", year=2021)
    )
    assert [p.code for p in report.errors] == ["zip-bomb"]
    assert snapshot(store) == before


def test_a_file_wrong_everywhere_lists_its_first_problems_only(store):
    """A 400 KB CSV of 2,000 rows × 98 duplicate period columns gave 196,000 problems: 90 MB to
    show, minutes to print. Reading stops after 200."""
    header = "Kode;Indikator;" + ";".join(
        f"Realisasi {2018 + i % 5} TW {1 + i % 4}" for i in range(98)
    )
    body = header + "\n" + ("1.a.1.1;x;" + ";".join(["5"] * 98) + "\n") * 2_000
    report = ingest_bytes(store, body.encode(), "p.csv", overrides=Overrides(agency="POLRES"))
    assert 200 <= len(report.errors) < 400
    assert report.errors[-1].code == "too-many-problems"


def test_a_csv_line_shorter_than_its_header_and_a_late_bad_byte(store):
    """A line without its last, empty figure crashed the reading (IndexError); a byte no
    encoding reads after the first 4 KB gave a Python error as the message."""
    short = b"Kode;Indikator;Capaian\n1.a.1.1;Tersosialisasikannya;\n"
    report = ingest_bytes(store, short, "p.csv", overrides=Overrides(agency="POLRES", year=2021))
    assert not [p for p in report.errors if "IndexError" in p.detail]
    late = b"Kode;Capaian\n" + b"3.a.1.1;4\n" * 500 + b"\x81\n"
    report = ingest_bytes(store, late, "p.csv", overrides=Overrides(agency="POLRES", year=2021))
    assert [p.code for p in report.errors] == ["unreadable-file"]
    assert "UTF-8" in report.errors[0].message("en")


def test_a_file_name_cannot_hide_its_extension_or_carry_escapes():
    from loaders.safety import safe_file_name

    assert safe_file_name("POLRES\u202ecsv.exe_2021.csv") == "POLRES_csv.exe_2021.csv"
    assert safe_file_name("a\x9bb\u200bc\u2028d.xlsx") == "a_b_c_d.xlsx"
    assert safe_file_name("Laporan DP3A – TW II.xlsx") == "Laporan DP3A – TW II.xlsx"
