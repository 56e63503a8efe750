"""A revised catalogue changes the plan without losing a figure: renumbered indicators take their
figures along, removed ones with figures are retired (kept, out of current views, flagged in
exports), removed ones without figures go, and loading the first version again brings it all
back. Shown before it is written (--dry-run) and recorded in the audit log."""

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from sqlmodel import select

from indicators.audit import audit_table
from indicators.catalogue import BUNDLED_PLANS, catalogue_tree
from indicators.db import session
from indicators.models import Achievement, Indicator
from indicators.queries import get_plan, indicator_rows, list_subgroups, plan_status
from loaders.ingest import Overrides, ingest_file
from radtrack.cli import main
from tests.conftest import fill, make_template, snapshot

BUNDLED = BUNDLED_PLANS[0]
RENAMED = "Tersosialisasikannya bahaya TPPO kepada 5.000 orang (rumusan revisi 2020)"
NEW = "Terbentuknya satuan tugas desa anti-TPPO di desa kantong pekerja migran"


def _cli(engine, tmp_path, *args):
    env = {
        "RADTRACK_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "RADTRACK_BACKUP_DIR": str(tmp_path / "backups"),
    }
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def _indicators(tree):
    for sg in tree["subgroups"]:
        for pr in sg["programmes"]:
            for ac in pr["activities"]:
                yield ac, ac["indicators"]


def revised(tmp_path):
    """The bundled TTU catalogue with a mid-term revision: 2.a.1.3 and 1.a.1.2 dropped, 3.a.1.1
    renumbered 3.a.1.9, 1.a.1.1 reworded, 1.a.1.3 retargeted, one indicator added."""
    tree = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    for _activity, indicators in _indicators(tree):
        for ind in list(indicators):
            if ind["code"] in ("2.a.1.3", "1.a.1.2"):
                indicators.remove(ind)
            elif ind["code"] == "3.a.1.1":
                ind["code"] = "3.a.1.9"
            elif ind["code"] == "1.a.1.1":
                ind["statement"] = RENAMED
            elif ind["code"] == "1.a.1.3":
                ind["target"] = (ind.get("target") or 0) + 7
        if indicators and indicators[0]["code"].startswith("1.a.1."):
            indicators.append({"code": "1.a.1.8", "statement": NEW, "kind": "milestone"})
    path = tmp_path / "ttu_revisi_2020.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _load_figures(store, tmp_path):
    for agency, values in (
        ("DINSOS", {"2.a.1.3": {"value": 30}}),
        ("POLRES", {"3.a.1.1": {"value": 4}}),
        ("DP3A", {"1.a.1.1": {"value": 12}}),
    ):
        path = fill(make_template(store, tmp_path / f"{agency}.xlsx", agency, 2019), values)
        assert ingest_file(store, path).ok


def _figures(store):
    with session(store) as s:
        rows = s.exec(select(Indicator.code, Achievement.value).join(Achievement)).all()
    return sorted(rows)


def _export(store, tmp_path, table):
    out = tmp_path / f"{table}.csv"
    assert _cli(store, tmp_path, "export", "--table", table, "-o", out).exit_code == 0
    return pd.read_csv(out, dtype={"indicator_code": str})


def test_dry_run_lists_the_revision_and_writes_nothing(store, tmp_path):
    _load_figures(store, tmp_path)
    before = snapshot(store)
    result = _cli(store, tmp_path, "catalogue", "import", revised(tmp_path), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "TTU-2018-2022 ditambah: 1.a.1.8" in lines
    assert "TTU-2018-2022 diganti kodenya: 3.a.1.1 -> 3.a.1.9" in lines
    assert "TTU-2018-2022 dipensiunkan (angkanya disimpan): 2.a.1.3" in lines
    assert "TTU-2018-2022 dihapus (tanpa angka): 1.a.1.2" in lines
    assert any(x.startswith("TTU-2018-2022 diganti pernyataannya: 1.a.1.1:") for x in lines)
    assert any(x.startswith("TTU-2018-2022 diganti targetnya: 1.a.1.3 target:") for x in lines)
    assert lines[-1].startswith("RAD diperiksa: TTU-2018-2022")
    assert snapshot(store) == before


def test_revision_keeps_every_figure_and_retires_what_left(store, tmp_path):
    _load_figures(store, tmp_path)
    result = _cli(store, tmp_path, "catalogue", "import", revised(tmp_path))
    assert result.exit_code == 0, result.output

    # every figure is still there; the renumbered one under its new code
    assert _figures(store) == [("1.a.1.1", 12.0), ("2.a.1.3", 30.0), ("3.a.1.9", 4.0)]
    with session(store) as s:
        plan = get_plan(s)
        current = [r["code"] for r in indicator_rows(s, plan)]
        yearly = plan_status(s, plan).yearly
        renamed = s.exec(select(Indicator).where(Indicator.code == "1.a.1.1")).one()
        log = audit_table(s)
    assert "2.a.1.3" not in current and "1.a.1.2" not in current and "3.a.1.1" not in current
    assert "3.a.1.9" in current and "1.a.1.8" in current and len(current) == 46
    assert renamed.statement == RENAMED
    realised = yearly[yearly["year"] == 2019].set_index("code")["realised"]
    assert realised["3.a.1.9"] == 4 and realised["1.a.1.1"] == 12
    assert "2.a.1.3" not in realised.index  # retired: out of the current plan's progress
    (event,) = log[log["action"] == "catalogue.revised"].to_dict("records")
    assert "2.a.1.3" in str(event["detail"]) and "3.a.1.9" in str(event["detail"])

    # exports keep the retired indicator and its figure, flagged
    achievements = _export(store, tmp_path, "achievements")
    flags = dict(
        zip(achievements["indicator_code"], achievements["indicator_retired"], strict=True)
    )
    assert flags == {"1.a.1.1": False, "2.a.1.3": True, "3.a.1.9": False}
    catalogue = _export(store, tmp_path, "catalogue").set_index("indicator_code")
    assert bool(catalogue.loc["2.a.1.3", "indicator_retired"]) is True
    assert "1.a.1.2" not in catalogue.index and len(catalogue) == 47

    # agencies can no longer report on it: not in the template, refused by the loader
    template = make_template(store, tmp_path / "dinsos_2020.xlsx", "DINSOS", 2020)
    assert "2.a.1.3" not in pd.read_excel(template, header=None, engine="openpyxl").to_string()
    late = tmp_path / "late.csv"
    late.write_text("Kode,Capaian\n2.a.1.3,5\n", encoding="utf-8")
    report = ingest_file(store, late, overrides=_overrides("DINSOS", 2020))
    assert not report.ok and [p.code for p in report.errors] == ["unknown-indicator"]


def test_loading_the_first_version_again_brings_everything_back(store, tmp_path):
    _load_figures(store, tmp_path)
    first = _figures(store)
    assert _cli(store, tmp_path, "catalogue", "import", revised(tmp_path)).exit_code == 0
    again = _cli(store, tmp_path, "catalogue", "import", BUNDLED)
    assert again.exit_code == 0, again.output
    assert "TTU-2018-2022 dipulihkan: 2.a.1.3" in again.output
    assert "TTU-2018-2022 diganti kodenya: 3.a.1.9 -> 3.a.1.1" in again.output
    assert "TTU-2018-2022 ditambah: 1.a.1.2" in again.output
    assert "TTU-2018-2022 dihapus (tanpa angka): 1.a.1.8" in again.output
    assert _figures(store) == first
    with session(store) as s:
        assert len(indicator_rows(s, get_plan(s))) == 47
        retired = s.exec(select(Indicator).where(Indicator.retired_at.is_not(None))).all()
    assert retired == []
    # and a third load of the same file changes nothing
    third = _cli(store, tmp_path, "catalogue", "import", BUNDLED)
    assert "ditambah" not in third.output and "dipulihkan" not in third.output


def test_codes_that_trade_places_keep_their_figures(store, tmp_path):
    """Two indicators swapping codes is two renumberings, applied without a collision."""
    _load_figures(store, tmp_path)
    tree = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    codes = {"2.a.1.3": "2.a.1.1", "2.a.1.1": "2.a.1.3"}
    for _activity, indicators in _indicators(tree):
        for ind in indicators:
            ind["code"] = codes.get(ind["code"], ind["code"])
    path = tmp_path / "swap.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    result = _cli(store, tmp_path, "catalogue", "import", path)
    assert result.exit_code == 0, result.output
    assert "2.a.1.1 -> 2.a.1.3" in result.output and "2.a.1.3 -> 2.a.1.1" in result.output
    assert ("2.a.1.1", 30.0) in _figures(store)


def test_a_code_given_to_another_indicator_leaves_the_retired_one_its_figures(store, tmp_path):
    """2.a.1.3 (figures) leaves the plan and its code goes to 3.a.1.1's statement, which moved:
    the figures of each stay with their own statement, the retired one as 2.a.1.3~r1."""
    _load_figures(store, tmp_path)
    tree = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    moved = None
    for _activity, indicators in _indicators(tree):
        for ind in list(indicators):
            if ind["code"] == "3.a.1.1":
                moved = ind
                indicators.remove(ind)
    for _activity, indicators in _indicators(tree):
        for index, ind in enumerate(indicators):
            if ind["code"] == "2.a.1.3":
                indicators[index] = {**moved, "code": "2.a.1.3"}
    path = tmp_path / "reuse.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    result = _cli(store, tmp_path, "catalogue", "import", path)
    assert result.exit_code == 0, result.output
    assert "dipensiunkan (angkanya disimpan): 2.a.1.3 -> 2.a.1.3~r1" in result.output
    assert "diganti kodenya: 3.a.1.1 -> 2.a.1.3" in result.output
    assert _figures(store) == [("1.a.1.1", 12.0), ("2.a.1.3", 4.0), ("2.a.1.3~r1", 30.0)]
    with session(store) as s:
        now = s.exec(select(Indicator).where(Indicator.code == "2.a.1.3")).one()
        old = s.exec(select(Indicator).where(Indicator.code == "2.a.1.3~r1")).one()
    assert now.statement == moved["statement"] and now.retired_at is None
    assert old.retired_at is not None and old.statement != now.statement


def test_an_invalid_catalogue_file_is_refused_with_its_place(store, tmp_path):
    before = snapshot(store)
    path = tmp_path / "rusak.yaml"
    tree = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    tree["subgroups"][0]["programmes"][0]["activities"][0]["indicators"][0]["kind"] = "sekali"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    result = _cli(store, tmp_path, "catalogue", "import", path)
    assert result.exit_code == 1
    assert "Error: rusak.yaml, kolom subgroups.0.programmes.0.activities.0.indicators.0.kind" in (
        result.output
    )
    assert snapshot(store) == before


def _overrides(agency, year):
    return Overrides(agency=agency, year=year)


def _yaml(tmp_path, name, change):
    tree = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    for _activity, indicators in _indicators(tree):
        for ind in list(indicators):
            change(indicators, ind)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    return path


def test_a_correction_keeps_the_figures_on_retired_indicators(store, tmp_path):
    """DINSOS reported 2.a.1.3 before the revision retired it; a later correction of that
    report cannot name 2.a.1.3 any more, and its figure stays (carried to the correction)."""
    _load_figures(store, tmp_path)

    def drop(indicators, ind):
        if ind["code"] == "2.a.1.3":
            indicators.remove(ind)

    assert (
        _cli(store, tmp_path, "catalogue", "import", _yaml(tmp_path, "r.yaml", drop)).exit_code == 0
    )
    template = make_template(store, tmp_path / "dinsos_fix.xlsx", "DINSOS", 2019)
    report = ingest_file(store, fill(template, {"2.a.1.1": {"value": "Sudah"}}))
    assert report.status == "replaced"
    assert report.periods[0]["changes"]["removed"] == []  # the retired figure is not "removed"
    assert ("2.a.1.3", 30.0) in _figures(store) and ("2.a.1.1", 1.0) in _figures(store)
    with session(store) as s:
        holder = s.exec(
            select(Achievement.submission_id).join(Indicator).where(Indicator.code == "2.a.1.3")
        ).one()
    assert holder == report.submission_id


def test_a_code_given_an_unrelated_statement_retires_the_old_indicator(store, tmp_path):
    """2.a.1.3 (victims referred, cumulative) becomes a village-regulation milestone: its
    figure must not become a milestone's; the old indicator is retired as 2.a.1.3~r1."""
    _load_figures(store, tmp_path)

    def reuse(indicators, ind):
        if ind["code"] == "2.a.1.3":
            ind.update(statement="Tersusunnya peraturan desa tentang TPPO", kind="milestone")
            ind.pop("target", None)
            ind.pop("unit", None)
            ind.pop("sensitive", None)  # a milestone counts nobody

    result = _cli(store, tmp_path, "catalogue", "import", _yaml(tmp_path, "r.yaml", reuse))
    assert result.exit_code == 0, result.output
    assert "ditambah: 2.a.1.3" in result.output
    assert "dipensiunkan (angkanya disimpan): 2.a.1.3 -> 2.a.1.3~r1" in result.output
    assert ("2.a.1.3~r1", 30.0) in _figures(store)
    assert not any(code == "2.a.1.3" for code, _v in _figures(store))


def test_a_retired_statement_that_returns_under_a_new_code_is_reinstated(store, tmp_path):
    _load_figures(store, tmp_path)

    def drop(indicators, ind):
        if ind["code"] == "2.a.1.3":
            indicators.remove(ind)

    def renumber(indicators, ind):
        if ind["code"] == "2.a.1.3":
            ind["code"] = "2.a.1.9"

    assert (
        _cli(store, tmp_path, "catalogue", "import", _yaml(tmp_path, "a.yaml", drop)).exit_code == 0
    )
    result = _cli(store, tmp_path, "catalogue", "import", _yaml(tmp_path, "b.yaml", renumber))
    assert "dipulihkan: 2.a.1.9" in result.output
    assert "diganti kodenya: 2.a.1.3 -> 2.a.1.9" in result.output
    assert ("2.a.1.9", 30.0) in _figures(store)
    with session(store) as s:
        rows = plan_status(s, get_plan(s)).yearly
    assert rows[rows["year"] == 2019].set_index("code").loc["2.a.1.9", "realised"] == 30


def test_an_old_template_after_a_renumbering_is_refused_not_misplaced(store, tmp_path):
    """A template made before 1.a.1.2 and 1.a.1.3 traded codes names each row by its old code
    and its statement: the two readings disagree, and the row is refused naming both."""
    template = make_template(store, tmp_path / "dinsos_2020.xlsx", "DINSOS", 2020)
    old = fill(template, {"1.a.1.2": {"value": 1200}})

    def swap(indicators, ind):
        ind["code"] = {"1.a.1.2": "1.a.1.3", "1.a.1.3": "1.a.1.2"}.get(ind["code"], ind["code"])

    assert (
        _cli(store, tmp_path, "catalogue", "import", _yaml(tmp_path, "s.yaml", swap)).exit_code == 0
    )
    before = snapshot(store)
    report = ingest_file(store, old)
    assert [(p.code, p.found) for p in report.errors] == [("code-statement-disagree", "1.a.1.2")]
    assert "1.a.1.3" in report.errors[0].expected
    assert snapshot(store) == before


def test_init_backs_up_before_a_revised_bundled_catalogue(store, tmp_path, monkeypatch):
    import radtrack.cli as cli

    _load_figures(store, tmp_path)

    def drop(indicators, ind):
        if ind["code"] == "2.a.1.3":
            indicators.remove(ind)

    monkeypatch.setattr(cli, "BUNDLED_PLANS", [_yaml(tmp_path, "ttu.yaml", drop)])
    monkeypatch.setattr("indicators.catalogue.BUNDLED_PLANS", cli.BUNDLED_PLANS)
    result = _cli(store, tmp_path, "init")
    assert result.exit_code == 0, result.output
    assert "Cadangan dibuat:" in result.output and "before-catalogue" in result.output
    assert "dipensiunkan (angkanya disimpan): 2.a.1.3" in result.output
    assert [p.name for p in (tmp_path / "backups").iterdir()][0].startswith("radtrack-")


def test_a_bidang_left_with_retired_indicators_only_leaves_current_views(store, tmp_path):
    _load_figures(store, tmp_path)  # 3.a.1.1 has a figure: bidang 3 keeps a retired indicator

    tree = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    tree["subgroups"] = [sg for sg in tree["subgroups"] if sg["number"] != 3]
    path = tmp_path / "tanpa3.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    assert _cli(store, tmp_path, "catalogue", "import", path).exit_code == 0
    with session(store) as s:
        assert [n for n, _name in list_subgroups(s, get_plan(s))] == [1, 2, 4]
        tree = catalogue_tree(s)
    assert [sg["number"] for sg in tree["subgroups"]] == [1, 2, 4]
    assert ("3.a.1.1", 4.0) in _figures(store)  # kept, retired


@pytest.mark.parametrize(
    "args",
    [
        ["db", "current"],
        ["catalogue"],
        ["ingest", "."],
        ["export", "--format", "csv", "-o", "out.csv"],
        ["serve", "--port", "8998"],
        ["user", "list"],
        ["audit"],
    ],
)
def test_an_unreachable_store_is_an_error_line(tmp_path, args):
    result = _cli_url("postgresql://postgres@127.0.0.1:9/nowhere", tmp_path, *args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: the store cannot be reached:")
    assert "Traceback" not in result.output and len(result.output.splitlines()) == 1


def _cli_url(url, tmp_path, *args):
    env = {"RADTRACK_DATABASE_URL": url, "RADTRACK_BACKUP_DIR": str(tmp_path / "backups")}
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
