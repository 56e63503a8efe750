"""The bundled catalogue against Tabel 1.1 of the source paper, and its loading into the store."""

import re
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from indicators.catalogue import (
    BUNDLED_PLANS,
    CatalogueFile,
    catalogue_tree,
    load_bundled,
    read_catalogue,
)
from indicators.db import session
from indicators.models import ContextFigure, Indicator, Kind, Region
from tests.conftest import snapshot

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "002_fbee8aa2f4584e36.txt"
TTU = next(p for p in BUNDLED_PLANS if p.name == "ttu_2018_2022.yaml")


def _indicators(cat: CatalogueFile):
    return [
        ind
        for sg in cat.subgroups
        for pr in sg.programmes
        for ac in pr.activities
        for ind in ac.indicators
    ]


def test_ttu_catalogue_has_the_shape_of_tabel_1_1():
    cat = read_catalogue(TTU)
    assert [sg.name for sg in cat.subgroups] == [
        "Pencegahan, Pembinaan Trafficking dan Tenaga Kerja",
        "Penanganan Kesehatan, Sosial, Rehabilitasi dan Pemulangan",
        "Pengembangan dan Penegakan Hukum",
        "Kerjasama dan Penertiban Dokumen Kependudukan",
    ]
    assert [[pr.letter for pr in sg.programmes] for sg in cat.subgroups] == [
        ["a", "b"],
        ["a", "b", "c", "d"],
        ["a", "b", "c", "d", "e"],
        ["a", "b", "c", "d", "e"],
    ]
    assert len(_indicators(cat)) == 47
    assert (cat.plan.start_year, cat.plan.end_year, cat.plan.region) == (2018, 2022, "53.03")


@pytest.mark.parametrize(
    ("code", "target", "unit", "kind"),
    [
        ("1.a.1.1", 5000, "orang", Kind.CUMULATIVE),
        ("1.a.1.2", 5000, "brosur", Kind.CUMULATIVE),
        ("1.a.1.3", 500, "baliho", Kind.CUMULATIVE),
        ("1.a.2.1", 60, "kali", Kind.CUMULATIVE),
        ("1.a.2.2", 30, "kali", Kind.CUMULATIVE),
        ("1.a.3.1", 60, "kali", Kind.CUMULATIVE),
        ("1.a.3.2", 30, "kali", Kind.CUMULATIVE),
        ("1.b.2.1", 24, "kecamatan", Kind.CUMULATIVE),
        ("1.b.2.2", 24, "kecamatan", Kind.RECURRING),
        ("1.b.4.1", 24, "desa", Kind.CUMULATIVE),
        ("2.a.1.2", 1, "unit", Kind.MILESTONE),
        ("2.a.1.3", 150, "korban", Kind.CUMULATIVE),
        ("2.b.1.1", 100, "petugas", Kind.CUMULATIVE),
        ("2.b.1.3", 50, "%", Kind.PERCENTAGE),
        ("3.a.1.1", 25, "orang", Kind.CUMULATIVE),
        ("3.a.1.2", 15, "orang", Kind.CUMULATIVE),
        ("3.b.1.1", 8, "Polsek", Kind.CUMULATIVE),
        ("3.e.1.1", 2, "kali", Kind.RECURRING),
        ("4.a.2.1", 4, "kali", Kind.CUMULATIVE),
        ("4.a.5.1", 2, "orang", Kind.RECURRING),
        ("4.d.1.2", 2, "kali", Kind.RECURRING),
    ],
)
def test_numeric_targets_match_the_rad(code, target, unit, kind):
    ind = {i.code: i for i in _indicators(read_catalogue(TTU))}[code]
    assert (ind.target, ind.unit, ind.kind) == (target, unit, kind)


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _in_paper(statement: str, paper: str) -> bool:
    """Verbatim in the paper, or in two verbatim pieces where a page break splits the table."""
    if _squash(statement) in paper:
        return True
    words = statement.split()
    return any(
        _squash(" ".join(words[:cut])) in paper and _squash(" ".join(words[cut:])) in paper
        for cut in range(2, len(words) - 1)
    )


@pytest.mark.skipif(not SEED.exists(), reason="source paper not beside the checkout")
def test_every_statement_is_transcribed_from_the_paper():
    paper = _squash(SEED.read_text(encoding="utf-8"))
    missing = [
        i.code for i in _indicators(read_catalogue(TTU)) if not _in_paper(i.statement, paper)
    ]
    assert missing == []


def test_qualitative_indicators_are_milestones_not_dropped():
    kinds = [i.kind for i in _indicators(read_catalogue(TTU))]
    assert {k: kinds.count(k) for k in Kind} == {
        Kind.CUMULATIVE: 15,
        Kind.RECURRING: 5,
        Kind.PERCENTAGE: 1,
        Kind.MILESTONE: 26,
    }
    assert all(i.target is not None for i in _indicators(read_catalogue(TTU)))


def test_init_is_idempotent(engine):
    with session(engine) as s:
        load_bundled(s)
        s.commit()
    first = snapshot(engine)
    with session(engine) as s:
        load_bundled(s)
        s.commit()
    assert snapshot(engine) == first
    assert first["counts"]["indicator"] == 47
    assert first["counts"]["subgroup"] == 4


def test_region_codes_stay_text(store):
    with session(store) as s:
        codes = set(s.exec(select(Region.code)))
    assert {"53", "53.03", "53.10", "53.20", "53.71"} <= codes
    assert "53.1" not in codes and "53.2" not in codes
    assert len(codes) == 23


def test_every_context_figure_has_a_citation(store):
    with session(store) as s:
        figures = list(s.exec(select(ContextFigure)))
    assert len(figures) == 31
    assert all(f.citation.strip() for f in figures)
    kupang = {(f.measure, f.year): f.value for f in figures if f.region_code == "53.71"}
    assert kupang[("cases_reported", 2024)] == 22 and kupang[("cases_resolved", 2024)] == 14
    ttu = {(f.measure, f.year): f.value for f in figures if f.region_code == "53.03"}
    assert ttu[("victims", 2020)] == 427


def test_catalogue_tree_lists_subgroups_and_agencies(store):
    with session(store) as s:
        tree = catalogue_tree(s)
        count = s.exec(select(func.count()).select_from(Indicator)).one()
    assert [a["code"] for a in tree["agencies"]] == [
        "DINSOS",
        "DISNAKERTRANS",
        "DP3A",
        "IOM",
        "POLRES",
        "YTB",
    ]
    leaves = [
        ind
        for sg in tree["subgroups"]
        for pr in sg["programmes"]
        for ac in pr["activities"]
        for ind in ac["indicators"]
    ]
    assert len(leaves) == count == 47
    assert set(leaves[0]) >= {"code", "statement", "unit", "kind", "target"}


def test_catalogue_with_duplicate_codes_is_refused():
    data = read_catalogue(TTU).model_dump()
    data["subgroups"][0]["programmes"][0]["activities"][0]["indicators"][1]["code"] = "1.a.1.1"
    with pytest.raises(ValueError, match="duplicate indicator codes: 1.a.1.1"):
        CatalogueFile.model_validate(data)
