"""Two uploads for the same agency and period at the same moment: exactly one counts, the other
is refused with a clear message, and no figure is lost or counted twice."""

import threading

import pytest
from sqlmodel import select

import loaders.counting as counting
from indicators.db import session
from indicators.models import Achievement, Submission, SubmissionStatus
from loaders.ingest import ingest_file
from tests.conftest import fill, make_template


def _both_at_once(store, monkeypatch, first, second):
    """Ingest two files in two threads that both read the current submission before either
    writes (the moment a lost update would happen)."""
    barrier = threading.Barrier(2, timeout=20)
    read = counting.counted_in_year

    def then_wait(*args):
        found = read(*args)
        barrier.wait()
        return found

    monkeypatch.setattr(counting, "counted_in_year", then_wait)
    reports = {}

    def run(path):
        reports[path.name] = ingest_file(store, path)

    threads = [threading.Thread(target=run, args=(p,)) for p in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return reports


@pytest.mark.parametrize("replacing", [False, True], ids=["first-report", "correction"])
def test_two_simultaneous_uploads_leave_one_winner(store, tmp_path, monkeypatch, replacing):
    template = make_template(store, tmp_path / "t.xlsx", agency="POLRES", year=2020)
    if replacing:
        earlier = fill(template, {"3.a.1.1": {"value": 1}}, tmp_path / "earlier.xlsx")
        assert ingest_file(store, earlier).status == "loaded"
    a = fill(template, {"3.a.1.1": {"value": 5}}, tmp_path / "a.xlsx")
    b = fill(template, {"3.a.1.1": {"value": 7}}, tmp_path / "b.xlsx")

    reports = _both_at_once(store, monkeypatch, a, b)

    statuses = sorted(r.status for r in reports.values())
    assert statuses == sorted(["rejected", "replaced" if replacing else "loaded"])
    loser = next(r for r in reports.values() if r.status == "rejected")
    winner = next(r for r in reports.values() if r.status != "rejected")
    assert [p.code for p in loser.problems] == ["concurrent-upload"]
    assert "same agency and period" in loser.problems[0].message("en")
    with session(store) as s:
        counting = s.exec(
            select(Submission).where(Submission.status == SubmissionStatus.LOADED)
        ).all()
        assert len(counting) == 1 and counting[0].file_name == winner.file
        values = [a.value for a in s.exec(select(Achievement))]
    assert values == [5.0 if winner.file == "a.xlsx" else 7.0]
