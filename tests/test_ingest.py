"""Template -> filled workbook -> ingest, on SQLite and PostgreSQL: exact values, clear errors,
nothing half-loaded, nothing counted twice."""

import io
import zipfile

import openpyxl
import pytest
import xlsxwriter
from sqlmodel import select

from indicators.db import session
from indicators.models import Achievement, Agency, Indicator, Submission, SubmissionStatus
from loaders.ingest import Overrides, ingest_bytes, ingest_file
from loaders.template import DATA_SHEET
from tests.conftest import fill, make_template, row_of, snapshot


def _values(engine) -> dict:
    with session(engine) as s:
        rows = s.exec(
            select(Indicator.code, Agency.code, Achievement)
            .join(Indicator, Achievement.indicator_id == Indicator.id)
            .join(Agency, Achievement.agency_id == Agency.id)
        ).all()
    return {
        (code, agency, a.year): (a.value, a.budget, a.spent, a.note, a.source_row)
        for code, agency, a in rows
    }


def test_filled_template_loads_exact_values_with_source_rows(store, tmp_path):
    path = make_template(store, tmp_path / "dinsos_2019.xlsx")
    fill(
        path,
        {
            "2.a.1.3": {"value": 31, "budget": 25_000_000, "spent": 19_500_000, "note": "Rujukan"},
            "2.b.1.3": {"value": 62.5},
            "2.a.1.1": {"value": "Sudah"},
            "2.a.1.2": {"value": "belum"},
        },
    )
    report = ingest_file(store, path)
    assert report.status == "loaded", report.to_dict()
    assert report.rows_loaded == 4
    values = _values(store)
    assert values == {
        ("2.a.1.3", "DINSOS", 2019): (31, 25e6, 19.5e6, "Rujukan", row_of(path, "2.a.1.3")),
        ("2.b.1.3", "DINSOS", 2019): (62.5, None, None, "", row_of(path, "2.b.1.3")),
        ("2.a.1.1", "DINSOS", 2019): (1.0, None, None, "", row_of(path, "2.a.1.1")),
        ("2.a.1.2", "DINSOS", 2019): (0.0, None, None, "", row_of(path, "2.a.1.2")),
    }
    with session(store) as s:
        sub = s.exec(select(Submission)).one()
        achievements = s.exec(select(Achievement)).all()
    assert sub.file_name == "dinsos_2019.xlsx" and len(sub.sha256) == 64
    assert all(a.submission_id == sub.id and a.source_sheet == DATA_SHEET for a in achievements)


def test_indonesian_number_text_is_read_the_indonesian_way(store, tmp_path):
    path = make_template(store, tmp_path / "t.xlsx", agency="DISNAKERTRANS")
    fill(
        path,
        {
            "1.a.1.1": {"value": "5.000", "budget": "Rp 12.500.000", "spent": "1.250,5"},
            "1.a.1.2": {"value": "1.250"},
        },
    )
    assert ingest_file(store, path).ok
    values = _values(store)
    assert values[("1.a.1.1", "DISNAKERTRANS", 2019)][:3] == (5000, 12_500_000, 1250.5)
    assert values[("1.a.1.2", "DISNAKERTRANS", 2019)][0] == 1250


def _sheet(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for row in [["Kode", "Capaian"], *rows]:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("code", "cell", "problem", "says"),
    [
        # money typed where the achievement goes: 15 million people at a far-above warning
        ("1.a.1.1", "Rp 15.000.000", "money-for-count", "1.a.1.1 (orang)"),
        # a unit word of another kind of thing: 45 people on a row of sessions held
        ("1.a.2.1", "45 orang", "unit-disagrees", "1.a.2.1 (kali)"),
        ("1.b.2.1", "12 desa", "unit-disagrees", "1.b.2.1 (kecamatan)"),
        # 1.500 typed in an English-locale Excel: the cell holds 1.5 brochures
        ("1.a.1.2", 1.5, "fraction-for-count", "1.a.1.2 (brosur)"),
        ("2.b.1.1", "12,5", "fraction-for-count", "2.b.1.1 (petugas)"),
        # a share Excel keeps unformatted: 0.615 % or 61.5 %
        ("2.b.1.3", 16 / 26, "ambiguous-percentage", "0.615385% / 61.5385%"),
        ("2.b.1.3", "0,5", "ambiguous-percentage", "0.5% / 50%"),
    ],
)
def test_a_figure_that_reads_as_something_else_is_refused_naming_both(
    store, code, cell, problem, says
):
    before = snapshot(store)
    data = _sheet([[code, cell], ["1.a.1.1", 40]])
    report = ingest_bytes(store, data, "dinas.xlsx", overrides=Overrides(agency="DP3A", year=2021))
    assert [(p.code, p.row, p.column) for p in report.errors] == [(problem, 2, "B (Capaian)")]
    assert says in report.errors[0].message("en")
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("code", "cell", "value"),
    [
        ("1.a.1.1", "45 orang", 45),
        ("1.a.1.1", "300 peserta", 300),  # participants are people
        ("2.a.1.3", "7 orang", 7),  # the unit is korban: people too
        ("1.a.2.1", "3 kegiatan", 3),  # activities held, counted in times
        ("3.b.1.1", "8 unit", 8),
        ("1.a.2.1", "Terlaksana 2 kali", 2),
        ("1.a.1.1", "12 paket", 12),  # a word of no group says nothing either way
        ("2.b.1.3", "61,5%", 61.5),
        ("2.b.1.3", 1, 1),  # 1 is read as 1 %: only a fraction below one reads two ways
        ("1.a.1.2", 3.0000000001, 3),  # a formula's rounding noise
    ],
)
def test_a_figure_with_its_own_unit_or_a_whole_count_loads(store, code, cell, value):
    data = _sheet([[code, cell]])
    report = ingest_bytes(store, data, "dinas.xlsx", overrides=Overrides(agency="DP3A", year=2021))
    assert report.ok, [p.message("en") for p in report.errors]
    assert _values(store)[(code, "DP3A", 2021)][0] == value


def test_bad_values_are_all_reported_with_place_and_nothing_is_written(store, tmp_path):
    good = fill(make_template(store, tmp_path / "good.xlsx"), {"2.a.1.3": {"value": 10}})
    assert ingest_file(store, good).ok
    before = snapshot(store)
    path = make_template(store, tmp_path / "bad.xlsx", year=2020)
    fill(
        path,
        {
            "2.a.1.3": {"value": -3},
            "2.b.1.1": {"value": "sepuluh"},
            "2.b.1.3": {"value": 130},
            "2.a.1.1": {"value": "mungkin"},
            "2.c.1.1": {"value": 2, "budget": -5},
            "2.b.2.1": {"value": "Sudah"},  # a valid row must not load either
        },
    )
    report = ingest_file(store, path)
    assert report.status == "rejected"
    assert report.places() == [
        ("Laporan", row_of(path, "2.a.1.1"), "J (Capaian)", "bad-milestone"),
        ("Laporan", row_of(path, "2.a.1.3"), "J (Capaian)", "negative-value"),
        ("Laporan", row_of(path, "2.b.1.1"), "J (Capaian)", "not-a-number"),
        ("Laporan", row_of(path, "2.b.1.3"), "J (Capaian)", "percentage-out-of-range"),
        ("Laporan", row_of(path, "2.c.1.1"), "K (Pagu (Rp))", "negative-value"),
    ]
    messages = [p.message("id") for p in report.errors]
    assert "'sepuluh' bukan angka; diharapkan bilangan 0 atau lebih." in messages
    assert report.errors[0].place("en") == (
        f"bad.xlsx, sheet Laporan, row {row_of(path, '2.a.1.1')}, column J (Capaian)"
    )
    assert snapshot(store) == before


def _sheet_with(rows: list[list], meta: dict | None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Laporan"
    for row in rows:
        ws.append(row)
    if meta is not None:
        m = wb.create_sheet("radtrack")
        for key, value in meta.items():
            m.append([key, value])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


META = {"plan": "TTU-2018-2022", "agency": "POLRES", "year": 2021}


def test_unknown_and_duplicate_indicator_codes_are_errors(store):
    data = _sheet_with(
        [
            ["LAPORAN POLRES TTU"],
            ["Kode", "Indikator", "Capaian"],
            ["3.a.1.1", "Terlatihnya 25 penyidik", 5],
            ["9.z.9.9", "bukan indikator RAD", 3],
            ["3.a.1.1", "lagi", 6],
            [None, "baris catatan", None],
            [None, None, 4],
        ],
        META,
    )
    before = snapshot(store)
    report = ingest_bytes(store, data, "polres.xlsx")
    assert report.places() == [
        ("Laporan", 4, "A (Kode)", "unknown-indicator"),
        ("Laporan", 5, "A (Kode)", "duplicate-indicator"),
        ("Laporan", 7, "A (Kode)", "missing-code"),
    ]
    assert report.errors[1].expected == "3"
    assert snapshot(store) == before


def test_missing_metadata_and_bad_period_are_errors(store):
    rows = [["Kode", "Capaian"], ["3.a.1.1", 5]]
    report = ingest_bytes(store, _sheet_with(rows, None), "plain.xlsx")
    assert [(p.code, p.expected) for p in report.errors] == [("missing-metadata", "agency")]
    report = ingest_bytes(store, _sheet_with(rows, {"agency": "POLRES"}), "plain.xlsx")
    assert report.places() == [("Laporan", 2, "B (Capaian)", "no-period")]
    report = ingest_bytes(store, _sheet_with(rows, {**META, "year": 2030}), "late.xlsx")
    assert [p.code for p in report.errors] == ["bad-year"]
    report = ingest_bytes(store, _sheet_with(rows, {**META, "agency": "KUA"}), "kua.xlsx")
    assert [(p.code, p.found) for p in report.errors] == [("unknown-agency", "KUA")]


def test_command_line_period_overrides_the_file(store):
    rows = [["Kode", "Capaian"], ["3.a.1.1", 5]]
    report = ingest_bytes(
        store,
        _sheet_with(rows, None),
        "plain.xlsx",
        overrides=Overrides(agency="POLRES", year=2020, quarter=2),
    )
    assert report.status == "loaded"
    with session(store) as s:
        sub = s.exec(select(Submission)).one()
    assert (sub.year, sub.quarter) == (2020, 2)


def test_same_file_twice_changes_nothing(store, tmp_path):
    path = fill(make_template(store, tmp_path / "t.xlsx"), {"2.a.1.3": {"value": 12}})
    assert ingest_file(store, path).status == "loaded"
    before = snapshot(store)
    again = ingest_file(store, path)
    assert again.status == "unchanged"
    assert snapshot(store) == before


def test_corrected_file_replaces_the_earlier_submission(store, tmp_path):
    template = make_template(store, tmp_path / "t.xlsx")
    first = fill(template, {"2.a.1.3": {"value": 12}, "2.b.1.1": {"value": 4}}, tmp_path / "a.xlsx")
    second = fill(template, {"2.a.1.3": {"value": 20}}, tmp_path / "b.xlsx")
    assert ingest_file(store, first).status == "loaded"
    report = ingest_file(store, second)
    assert report.status == "replaced"
    assert _values(store) == {
        ("2.a.1.3", "DINSOS", 2019): (20, None, None, "", row_of(second, "2.a.1.3"))
    }
    with session(store) as s:
        statuses = [sub.status for sub in s.exec(select(Submission).order_by(Submission.id))]
    assert statuses == [SubmissionStatus.REPLACED, SubmissionStatus.LOADED]


def test_two_agencies_on_one_indicator_both_count(store, tmp_path):
    a = fill(make_template(store, tmp_path / "a.xlsx", agency="DINSOS"), {"2.a.1.3": {"value": 7}})
    b = fill(make_template(store, tmp_path / "b.xlsx", agency="IOM"), {"2.a.1.3": {"value": 5}})
    assert ingest_file(store, a).ok and ingest_file(store, b).ok
    values = _values(store)
    assert values[("2.a.1.3", "DINSOS", 2019)][0] == 7
    assert values[("2.a.1.3", "IOM", 2019)][0] == 5


def test_other_years_are_separate_periods(store, tmp_path):
    y19 = fill(make_template(store, tmp_path / "a.xlsx", year=2019), {"2.a.1.3": {"value": 7}})
    y20 = fill(make_template(store, tmp_path / "b.xlsx", year=2020), {"2.a.1.3": {"value": 9}})
    assert ingest_file(store, y19).status == "loaded"
    assert ingest_file(store, y20).status == "loaded"
    assert len(_values(store)) == 2


def test_dry_run_validates_and_maps_but_writes_nothing(store, tmp_path):
    path = fill(make_template(store, tmp_path / "t.xlsx"), {"2.a.1.3": {"value": 3}})
    before = snapshot(store)
    report = ingest_file(store, path, dry_run=True)
    assert report.status == "dry-run"
    assert report.mapping == [
        {
            "sheet": "Laporan",
            "row": row_of(path, "2.a.1.3"),
            "code": "2.a.1.3",
            "by": "code",
            "year": 2019,
            "quarter": None,
            "semester": None,
        }
    ]
    assert report.periods[0]["changes"]["added"] == [
        {
            "code": "2.a.1.3",
            "sex": None,
            "age_group": None,
            "kecamatan": None,
            "value": 3.0,
            "budget": None,
            "spent": None,
        }
    ]
    assert snapshot(store) == before


def test_spending_above_budget_warns_but_loads(store, tmp_path):
    path = fill(
        make_template(store, tmp_path / "t.xlsx"),
        {"2.a.1.3": {"value": 3, "budget": 1_000_000, "spent": 2_000_000}},
    )
    report = ingest_file(store, path)
    assert report.status == "loaded"
    assert [p.code for p in report.warnings] == ["spent-over-budget"]


def test_broken_and_hostile_files_are_refused_and_change_nothing(store, tmp_path):
    good = fill(make_template(store, tmp_path / "good.xlsx"), {"2.a.1.3": {"value": 10}})
    whole = good.read_bytes()
    assert ingest_file(store, good).ok
    before = snapshot(store)

    zip_buffer = io.BytesIO()
    with zipfile.ZipFile(zip_buffer, "w") as z:
        z.writestr("hello.txt", "not a workbook")

    no_table = io.BytesIO()
    book = xlsxwriter.Workbook(no_table)
    book.add_worksheet("Data").write_row(0, 0, ["Nama", "Umur"])
    book.close()

    cases = {
        "empty.xlsx": b"",
        "renamed.xlsx": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
        "truncated.xlsx": whole[: len(whole) // 2],
        "other.xlsx": zip_buffer.getvalue(),
        "no_table.xlsx": no_table.getvalue(),
    }
    codes = {}
    for name, data in cases.items():
        report = ingest_bytes(store, data, name)
        assert report.status == "rejected"
        codes[name] = [p.code for p in report.errors]
        assert all(p.file == name for p in report.errors)
    assert codes == {
        "empty.xlsx": ["empty-file"],
        "renamed.xlsx": ["unreadable-file"],
        "truncated.xlsx": ["unreadable-file"],
        "other.xlsx": ["unreadable-file"],
        "no_table.xlsx": ["no-data-sheet"],
    }
    assert snapshot(store) == before


def test_failure_while_writing_rolls_everything_back(store, tmp_path, monkeypatch):
    first = fill(make_template(store, tmp_path / "a.xlsx"), {"2.a.1.3": {"value": 1}})
    assert ingest_file(store, first).ok
    before = snapshot(store)
    second = fill(make_template(store, tmp_path / "b.xlsx"), {"2.a.1.3": {"value": 2}})

    import loaders.ingest as ingest_module

    def broken_write(*_args, **_kwargs):
        raise RuntimeError("disk full")

    # the last write before the commit: the submission, its values and the audit entry are
    # already written in the transaction when it fails
    monkeypatch.setattr(ingest_module, "mark_stale", broken_write)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_file(store, second)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Sudah (draft)", None),  # done, or a draft not yet adopted? refused
        ("Ada (rancangan perbup)", None),
        ("Sudah (SK No. 5/2020)", 1),  # evidence in brackets
        ("Belum (proses pembahasan)", 0),  # not done, and says why
    ],
)
def test_a_milestone_answer_taken_back_in_brackets_is_refused(store, cell, value):
    data = _sheet([["1.b.1.1", cell]])
    report = ingest_bytes(store, data, "dinas.xlsx", overrides=Overrides(agency="DP3A", year=2021))
    if value is None:
        assert [p.code for p in report.errors] == ["bad-milestone"]
    else:
        assert report.ok and _values(store)[("1.b.1.1", "DP3A", 2021)][0] == value


def test_an_agencys_year_of_a_percentage_is_its_latest_figure_never_a_sum(store):
    """The indicator page's chart by agency added DP3A's 45 % (TW I) and 55 % (TW III) up to
    100 %, while every table said 55 %; a milestone reported done twice was 2."""
    from indicators.queries import get_plan, indicator_agency_years, indicator_rows

    for quarter, percent, done in ((1, "45%", "Sudah"), (3, "55%", "Sudah")):
        data = _sheet([["2.b.1.3", percent], ["1.b.1.1", done], ["1.a.1.1", 10], ["4.a.5.1", 2]])
        over = Overrides(agency="DP3A", year=2020, quarter=quarter)
        report = ingest_bytes(store, data, f"dp3a_tw{quarter}.xlsx", overrides=over)
        assert report.ok, [p.message("en") for p in report.errors]
    with session(store) as s:
        plan = get_plan(s)
        rows = {r["code"]: r for r in indicator_rows(s, plan)}
        figures = {
            code: indicator_agency_years(s, plan, rows[code]).set_index(["year", "agency"])
            for code in ("2.b.1.3", "1.b.1.1", "1.a.1.1", "4.a.5.1")
        }
    assert figures["2.b.1.3"].loc[(2020, "DP3A"), "value"] == 55
    assert figures["1.b.1.1"].loc[(2020, "DP3A"), "value"] == 1
    assert figures["1.a.1.1"].loc[(2020, "DP3A"), "value"] == 20  # counts add up
    assert figures["4.a.5.1"].loc[(2020, "DP3A"), "value"] == 2  # a level (2 staff) does not
