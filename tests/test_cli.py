"""The `radtrack` command line as a secretariat uses it: exit codes, messages, JSON, CSV."""

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from radtrack.cli import main
from tests.conftest import fill, row_of

EXPORT_HEADER = (
    "id,plan,region_code,subgroup_number,subgroup,programme_letter,programme,activity_number,"
    "activity,indicator_code,indicator,unit,kind,direction,agency,year,quarter,semester,sex,"
    "age_group,kecamatan,target,plan_target,achievement,capaian,band,budget,spent,note,"
    "source_file,source_sheet,source_row,submitted_at,is_demo,indicator_retired,withheld"
)


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Run radtrack against a fresh SQLite store in tmp_path."""
    monkeypatch.setenv("RADTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    monkeypatch.setenv("RADTRACK_LANG", "id")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    assert run("init").exit_code == 0
    return run


def test_init_twice_is_harmless(cli):
    result = cli("init")
    assert result.exit_code == 0
    assert "1 RAD, 6 instansi, 23 wilayah, 31 angka konteks" in result.output


def test_catalogue_json_has_subgroups_and_agencies(cli):
    result = cli("catalogue", "--json")
    tree = json.loads(result.output)
    assert [sg["number"] for sg in tree["subgroups"]] == [1, 2, 3, 4]
    first = tree["subgroups"][0]["programmes"][0]["activities"][0]["indicators"][0]
    assert first == {
        "code": "1.a.1.1",
        "statement": (
            "Tersosialisasikannya kepada 5.000 orang kepada aparat dan seluruh lapisan "
            "masyarakat tentang bahaya TPPO serta prosedur penempatan tenaga kerja ke dalam dan "
            "luar negeri secara resmi"
        ),
        "unit": "orang",
        "kind": "cumulative",
        "direction": "higher",
        "target": 5000.0,
        "note": "",
        "sensitive": False,
    }
    victims = tree["subgroups"][1]["programmes"][0]["activities"][0]["indicators"][2]
    assert (victims["code"], victims["sensitive"]) == ("2.a.1.3", True)
    assert (tree["plan"]["k_threshold"], tree["plan"]["publish_kecamatan"]) == (11, False)
    assert {"code": "YTB", "name": "Yayasan Tapen Bikomi", "kind": "ngo"} in tree["agencies"]


def test_template_ingest_export_round_trip(cli, tmp_path):
    template = tmp_path / "polres_2020.xlsx"
    assert cli("template", "--agency", "polres", "--year", 2020, "-o", template).exit_code == 0
    fill(template, {"3.a.1.1": {"value": 12, "budget": 40_000_000, "spent": 35_000_000}})
    result = cli("ingest", template)
    assert result.exit_code == 0
    assert "DIMUAT: polres_2020.xlsx (POLRES 2020, 1 baris)" in result.output
    again = cli("ingest", template)
    assert again.exit_code == 0 and "SUDAH ADA" in again.output

    out = tmp_path / "achievements.csv"
    assert cli("export", "--format", "csv", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == EXPORT_HEADER
    table = pd.read_csv(out, dtype={"indicator_code": str})
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.indicator_code, row.agency, row.year, row.achievement) == (
        "3.a.1.1",
        "POLRES",
        2020,
        12,
    )
    assert (row.budget, row.spent, row.target, row.plan_target) == (40e6, 35e6, 5, 25)
    assert (row.source_file, row.source_sheet) == ("polres_2020.xlsx", "Laporan")
    assert row.source_row == row_of(template, "3.a.1.1")
    assert not row.is_demo


def test_rejected_file_exits_1_with_every_problem_and_json(cli, tmp_path):
    template = tmp_path / "t.xlsx"
    cli("template", "--agency", "DINSOS", "--year", 2019, "-o", template)
    fill(template, {"2.a.1.3": {"value": -1}, "2.b.1.1": {"value": "banyak"}})
    result = cli("ingest", template, "--json", "--lang", "en")
    assert result.exit_code == 1
    body = json.loads(result.output)
    assert body["ok"] is False
    errors = body["files"][0]["errors"]
    assert [(e["row"], e["column"], e["code"]) for e in errors] == [
        (row_of(template, "2.a.1.3"), "J (Capaian)", "negative-value"),
        (row_of(template, "2.b.1.1"), "J (Capaian)", "not-a-number"),
    ]
    assert errors[1]["message"] == "'banyak' is not a number; expected a number of 0 or more."
    plain = cli("ingest", template)
    assert plain.exit_code == 1
    assert "DITOLAK (tidak ada yang ditulis): t.xlsx" in plain.output
    assert f"t.xlsx, lembar Laporan, baris {row_of(template, '2.b.1.1')}, kolom J" in plain.output
    assert "Traceback" not in plain.output


def test_dry_run_prints_the_mapping(cli, tmp_path):
    template = tmp_path / "t.xlsx"
    cli("template", "--agency", "DINSOS", "--year", 2019, "-o", template)
    fill(template, {"2.a.1.3": {"value": 4}})
    result = cli("ingest", "--dry-run", template)
    assert result.exit_code == 0
    assert f"baris {row_of(template, '2.a.1.3')} -> 2.a.1.3" in result.output
    assert cli("export", "-o", tmp_path / "e.csv").output.startswith("0 baris")


def test_unknown_agency_is_a_clear_error(cli, tmp_path):
    result = cli("template", "--agency", "XX", "--year", 2019, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown agency 'XX'; known: DINSOS, DISNAKERTRANS")


def test_demo_is_labelled_and_loaded_once(cli, tmp_path):
    result = cli("demo")
    assert result.exit_code == 0 and "DEMO" in result.output
    assert "sudah dimuat" in cli("demo").output
    out = tmp_path / "demo.csv"
    assert cli("export", "-o", out).output.startswith("0 baris")
    cli("export", "--include-demo", "-o", out)
    table = pd.read_csv(out)
    assert len(table) > 100
    assert table["is_demo"].all()
    assert table["note"].str.contains("DATA DEMO").all()
    assert table["source_file"].str.startswith("DEMO_").all()


def test_many_files_one_bad_the_others_load_and_a_summary_shows(cli, tmp_path):
    good = []
    for agency in ("DINSOS", "POLRES"):
        path = tmp_path / f"{agency}.xlsx"
        cli("template", "--agency", agency, "--year", 2021, "-o", path)
        good.append(fill(path, {"2.a.1.3" if agency == "DINSOS" else "3.a.1.1": {"value": 3}}))
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"%PDF-1.4 bukan excel")
    result = cli("ingest", good[0], bad, good[1])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "DIMUAT: DINSOS.xlsx (DINSOS 2021, 1 baris)" in lines
    assert "DIMUAT: POLRES.xlsx (POLRES 2021, 1 baris)" in lines
    assert "3 berkas: 2 diterima, 1 ditolak." in lines
    summary = lines[lines.index(next(line for line in lines if line.startswith("Berkas"))) :]
    assert [line.split()[:2] for line in summary[1:4]] == [
        ["DINSOS.xlsx", "loaded"],
        ["rusak.xlsx", "rejected"],
        ["POLRES.xlsx", "loaded"],
    ]


def test_dry_run_shows_what_a_correction_would_change(cli, tmp_path):
    template = tmp_path / "t.xlsx"
    cli("template", "--agency", "DINSOS", "--year", 2019, "-o", template)
    first = fill(template, {"2.a.1.3": {"value": 4}, "2.b.1.1": {"value": 9}}, tmp_path / "a.xlsx")
    assert cli("ingest", first).exit_code == 0
    second = fill(template, {"2.a.1.3": {"value": 6}, "2.c.1.1": {"value": 2}}, tmp_path / "b.xlsx")
    result = cli("ingest", "--dry-run", second)
    assert result.exit_code == 0
    assert "      + 2.c.1.1: 2" in result.output
    assert "      ~ 2.a.1.3: 4 -> 6" in result.output
    assert "      - 2.b.1.1: 9" in result.output


def test_demo_never_replaces_a_real_report(cli, tmp_path):
    template = tmp_path / "polres_2019.xlsx"
    cli("template", "--agency", "POLRES", "--year", 2019, "-o", template)
    fill(template, {"3.a.1.1": {"value": 7}})
    assert cli("ingest", template).exit_code == 0
    assert cli("demo").exit_code == 0
    out = tmp_path / "all.csv"
    cli("export", "--include-demo", "-o", out)
    table = pd.read_csv(out, dtype={"indicator_code": str})
    polres_2019 = table[(table["agency"] == "POLRES") & (table["year"] == 2019)]
    assert polres_2019[["indicator_code", "achievement", "is_demo"]].values.tolist() == [
        ["3.a.1.1", 7, False]
    ]
    assert table["is_demo"].sum() > 100
