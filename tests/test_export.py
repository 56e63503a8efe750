"""Researcher exports from a store loaded through the real loaders: the files equal the store,
the columns follow the documented contract, the data package validates, formulas are defused."""

import io
import json
import re
import threading
from pathlib import Path

import frictionless
import openpyxl
import pandas as pd
import pytest
from sqlmodel import select
from werkzeug.serving import make_server

from indicators import export
from indicators.db import session
from indicators.models import Achievement, Agency, Indicator
from loaders.demo import load_demo
from loaders.ingest import ingest_file
from tests.conftest import fill, make_template

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
HOSTILE_NOTE = '=HYPERLINK("http://example.invalid","klik")'


@pytest.fixture
def loaded(store, tmp_path):
    """The demo data, then two agencies' real reports for 2019 and 2020 (replacing the demo for
    those periods), one with a formula-like note."""
    assert all(r.ok for r in load_demo(store, tmp_path / "demo"))
    polres = fill(
        make_template(store, tmp_path / "polres.xlsx", agency="POLRES", year=2019),
        {
            "3.a.1.1": {
                "value": 6,
                "budget": 40_000_000,
                "spent": 35_500_000,
                "note": HOSTILE_NOTE,
            },
            "3.b.1.1": {"value": 2},
            "3.d.1.1": {"value": "Sudah"},
        },
    )
    dinsos = fill(
        make_template(store, tmp_path / "dinsos.xlsx", agency="DINSOS", year=2020),
        {"2.a.1.3": {"value": 31, "note": "+62 812 rujukan"}, "2.b.1.3": {"value": 62.5}},
    )
    for path in (polres, dinsos):
        assert ingest_file(store, path).status == "replaced"
    return store


def _store_figures(engine, include_demo=False) -> pd.DataFrame:
    with session(engine) as s:
        rows = s.exec(
            select(Indicator.code, Agency.code, Achievement)
            .join(Indicator, Achievement.indicator_id == Indicator.id)
            .join(Agency, Achievement.agency_id == Agency.id)
        ).all()
    frame = pd.DataFrame(
        [
            {
                "indicator_code": code,
                "agency": agency,
                "year": a.year,
                "achievement": a.value,
                "budget": a.budget,
                "spent": a.spent,
                "source_row": a.source_row,
                "is_demo": a.is_demo,
            }
            for code, agency, a in rows
            if include_demo or not a.is_demo
        ]
    )
    return frame.sort_values(["indicator_code", "agency", "year"]).reset_index(drop=True)


def _documented(table: str) -> list[str]:
    section = README.split(f"#### `{table}`", 1)[1].split("####", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


@pytest.mark.parametrize("name", list(export.TABLES))
def test_columns_follow_the_documented_contract(name):
    assert _documented(name) == [c.name for c in export.TABLES[name]]


def test_csv_read_back_equals_the_store_and_leaves_demo_out(loaded, tmp_path):
    with session(loaded) as s:
        frame = export.table(s, "achievements", export.Filters())
    path = tmp_path / "a.csv"
    path.write_bytes(export.to_csv(frame))
    back = pd.read_csv(path, dtype={"indicator_code": str, "region_code": str})
    assert list(back.columns) == [c.name for c in export.ACHIEVEMENTS]
    assert not back["is_demo"].any()
    got = back[list(_store_figures(loaded).columns)]
    got = got.sort_values(["indicator_code", "agency", "year"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, _store_figures(loaded), check_dtype=False)
    assert set(back["region_code"]) == {"53.03"}
    row = back.set_index("indicator_code").loc["3.a.1.1"]
    assert (row.target, row.capaian, row.band) == (5, 120, "sangat_tinggi")
    assert (row.source_file, row.source_sheet) == ("polres.xlsx", "Laporan")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row.submitted_at)


def test_demo_is_included_only_when_asked_and_marked(loaded):
    with session(loaded) as s:
        everything = export.table(s, "achievements", export.Filters(include_demo=True))
        progress = export.table(s, "indicator_progress", export.Filters(year=2019))
    stored = _store_figures(loaded, True)
    assert everything["is_demo"].sum() == stored["is_demo"].sum() > 100
    assert (~everything["is_demo"]).sum() == 5
    # without demo data, 2019 progress comes from POLRES's real report alone
    reported = progress[progress["band"] != "no_report"]
    assert sorted(reported["indicator_code"]) == ["3.a.1.1", "3.b.1.1", "3.d.1.1"]
    assert set(reported["reporters"]) == {"POLRES"}


def test_formula_like_text_is_neutralised_in_csv_and_xlsx(loaded):
    with session(loaded) as s:
        frame = export.table(s, "achievements", export.Filters(agency="POLRES"))
        frames = {"achievements": frame}
    text = export.to_csv(frame).decode("utf-8")
    assert "'=HYPERLINK(" in text and ",=HYPERLINK(" not in text
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frames, "en")))
    sheet = wb["Achievements"]
    (column,) = [c.column_letter for c in sheet[1] if c.value == "note"]
    notes = [c.value for c in sheet[column]]
    assert notes[0] == "note" and "'" + HOSTILE_NOTE in notes
    with session(loaded) as s:
        dinsos = export.table(s, "achievements", export.Filters(agency="DINSOS"))
    assert "'+62 812 rujukan" in export.to_csv(dinsos).decode("utf-8")


def test_bom_option_for_excel_users(loaded):
    with session(loaded) as s:
        frame = export.table(s, "agencies", export.Filters())
    assert export.to_csv(frame, bom=True).startswith(b"\xef\xbb\xbfcode,name,kind")
    assert export.to_csv(frame).startswith(b"code,name,kind")


def test_xlsx_labels_in_indonesian_and_english_hold_the_same_data(loaded):
    with session(loaded) as s:
        frames = {name: export.table(s, name, export.Filters()) for name in export.TABLES}
    indonesian = pd.read_excel(
        io.BytesIO(export.to_xlsx(frames, "id")), sheet_name=None, engine="calamine"
    )
    english = pd.read_excel(
        io.BytesIO(export.to_xlsx(frames, "en")), sheet_name=None, engine="calamine"
    )
    assert list(indonesian) == [
        "Capaian",
        "Kemajuan indikator per tahun",
        "Katalog RAD",
        "Instansi",
        "Wilayah",
        "Angka konteks dari publikasi",
    ]
    assert list(english)[0] == "Achievements"
    ours, theirs = indonesian["Capaian"], english["Achievements"]
    assert list(ours.columns)[:3] == ["ID", "RAD", "Kode wilayah"]
    assert list(theirs.columns) == [c.name for c in export.ACHIEVEMENTS]
    pd.testing.assert_frame_equal(ours.set_axis(theirs.columns, axis=1), theirs)


def test_data_package_validates_with_frictionless(loaded, tmp_path):
    with session(loaded) as s:
        folder = export.write_datapackage(s, tmp_path / "dp", export.Filters(include_demo=True))
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == list(export.TABLES)
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert "Kokomakingi" in descriptor["citation"]
    kinds = descriptor["resources"][0]["schema"]["fields"][12]
    assert kinds["name"] == "kind" and kinds["constraints"]["enum"] == export.KINDS
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "| `capaian` | number |" in readme and "Includes DEMO data" in readme
    context = pd.read_csv(folder / "context_figures.csv", dtype={"region_code": str})
    assert context["citation"].notna().all() and "53.71" in set(context["region_code"])


@pytest.fixture
def served(loaded):
    """The dashboard's HTTP server on a loopback port, for real downloads."""
    from dashboard.app import create_app

    server = make_server("127.0.0.1", 0, create_app(loaded).server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_downloads_over_http_read_straight_into_pandas(served, loaded):
    url = f"{served}/download/achievements.csv?plan=TTU-2018-2022&year=2019"
    frame = pd.read_csv(url, dtype={"indicator_code": str})
    expected = _store_figures(loaded)
    expected = expected[expected["year"] == 2019]
    assert sorted(frame["indicator_code"]) == sorted(expected["indicator_code"])
    assert frame["achievement"].sum() == expected["achievement"].sum()
    body = json.loads(pd.io.common.urlopen(f"{served}/api/achievements?agency=dinsos").read())
    assert body["ok"] is True and body["columns"][:2] == ["id", "plan"]
    assert [r["indicator_code"] for r in body["rows"]] == ["2.a.1.3", "2.b.1.3"]


def test_api_errors_have_one_shape(loaded):
    from dashboard.app import create_app

    client = create_app(loaded).server.test_client()
    bad = client.get("/api/achievements?year=dua")
    assert bad.status_code == 400
    assert bad.json == {
        "ok": False,
        "error": "year must be a whole number, got 'dua'",
        "errors": [{"param": "year", "message": "year must be a whole number, got 'dua'"}],
    }
    missing = client.get("/api/achievements?plan=XX")
    assert (missing.status_code, missing.json["error"]) == (404, "unknown plan 'XX'")
    index = client.get("/api").json
    assert list(index["tables"]) == list(export.TABLES)
    package = client.get("/download/datapackage.zip")
    assert package.status_code == 200 and package.data[:2] == b"PK"


def test_the_progress_export_follows_the_dashboards_agency_and_triwulan_choice(store, tmp_path):
    """`indicator_progress?year=2020&agency=DP3A` echoed the agency and returned every
    agency's figures together, unlike the dashboard for the same choice; `tw` was dropped."""
    from indicators.queries import get_plan, status_table

    for agency, quarter, value in (("DP3A", 1, 100), ("YTB", 1, 40), ("DP3A", 3, 30)):
        path = fill(
            make_template(store, tmp_path / f"{agency}{quarter}.xlsx", agency, 2020, quarter),
            {"1.a.1.1": {"value": value}},
        )
        assert ingest_file(store, path).ok
    progress = export.indicator_progress
    with session(store) as s:
        plan = get_plan(s)
        mine = progress(s, export.Filters(year=2020, agency="DP3A")).set_index("indicator_code")
        first = progress(s, export.Filters(year=2020, quarter=1)).set_index("indicator_code")
        shown = status_table(s, plan, 2020, agency="DP3A").set_index("code")
    assert mine.loc["1.a.1.1", "realised"] == 130 == shown.loc["1.a.1.1", "realised"]
    assert first.loc["1.a.1.1", "realised"] == 140  # DP3A and YTB by the end of TW I
