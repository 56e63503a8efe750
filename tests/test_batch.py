"""Batches: files checked, then written a group per transaction, optionally by worker processes.
Whatever the grouping and however many processes check the files, each file is loaded or
refused exactly as it would be on its own."""

import pytest
from sqlmodel import select

import loaders.counting as counting
import loaders.ingest as ingest
from indicators.db import make_engine, session
from indicators.models import Achievement, Agency, Indicator, Submission, SubmissionStatus
from indicators.queries import get_plan
from loaders.ingest import ingest_file, ingest_files
from tests.conftest import fill, make_template, row_of

AGENCIES = ("DINSOS", "POLRES", "DP3A", "DISNAKERTRANS")


def _batch_files(store, tmp_path):
    """Eight good reports, a correction of the first, a negative count and a broken file."""
    files, expected = [], {}
    for year in (2019, 2020):
        for n, agency in enumerate(AGENCIES, start=1):
            template = make_template(store, tmp_path / f"t-{agency}-{year}.xlsx", agency, year)
            value = 10 * year % 7 + n
            files.append(
                fill(template, {"3.a.1.1": {"value": value}}, tmp_path / f"{agency}-{year}.xlsx")
            )
            expected[(agency, year)] = float(value)
    correction = make_template(store, tmp_path / "t-fix.xlsx", "DINSOS", 2019)
    files.append(fill(correction, {"3.a.1.1": {"value": 99}}, tmp_path / "DINSOS-2019-fix.xlsx"))
    expected[("DINSOS", 2019)] = 99.0
    negative = make_template(store, tmp_path / "t-neg.xlsx", "POLRES", 2021)
    files.append(fill(negative, {"3.a.1.1": {"value": -3}}, tmp_path / "POLRES-2021.xlsx"))
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    files.append(broken)
    return files, expected


def _counted(store) -> dict:
    with session(store) as s:
        query = (
            select(Agency.code, Achievement.year, Achievement.value)
            .join(Agency, Achievement.agency_id == Agency.id)
            .join(Indicator, Achievement.indicator_id == Indicator.id)
            .where(Indicator.code == "3.a.1.1")
        )
        return {(code, year): value for code, year, value in s.exec(query)}


@pytest.mark.parametrize("jobs", [1, 2, 3], ids=["one-process", "one-worker", "two-workers"])
def test_a_batch_loads_each_file_as_alone(store, tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2)  # workers for this small batch too
    monkeypatch.setattr(ingest, "WORKER_CHUNK", 1)  # the writer checks some files itself too
    files, expected = _batch_files(store, tmp_path)

    reports = ingest_files(store, files, jobs=jobs, group=4)  # groups end mid-batch

    assert [r.file for r in reports] == [f.name for f in files]  # in the files' order
    assert [r.status for r in reports] == ["loaded"] * 8 + ["replaced", "rejected", "rejected"]
    negative = row_of(files[9], "3.a.1.1")
    assert reports[9].places() == [("Laporan", negative, "J (Capaian)", "negative-value")]
    assert [p.code for p in reports[10].errors] == ["unreadable-file"]
    assert reports[8].replaced_submission == reports[0].submission_id
    assert _counted(store) == expected
    with session(store) as s:
        statuses = sorted(str(x.status.value) for x in s.exec(select(Submission)))
    assert statuses == sorted(["loaded"] * 8 + ["replaced"])


@pytest.mark.parametrize("frozen", [False, True], ids=["command-line", "dashboard"])
def test_a_large_batch_leaves_the_garbage_collector_as_it_found_it(
    store, tmp_path, monkeypatch, frozen
):
    """A large batch freezes what it read first and collects less often while it runs (see
    loaders.ingest._quiet_gc); afterwards the thresholds are the process's own again, and a
    process that froze its own objects (the dashboard) still has them frozen, the batch's
    objects not added to them."""
    import gc

    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2)
    files, _expected = _batch_files(store, tmp_path)
    thresholds = gc.get_threshold()
    gc.set_threshold(700, 9, 11)
    try:
        gc.unfreeze()  # as a new command-line process: nothing frozen (an app test froze some)
        if frozen:
            gc.freeze()
        before = gc.get_freeze_count()
        seen = []
        for report in ingest.Batch(store, jobs=1).add_files(files):
            seen.append((gc.get_threshold()[0], gc.get_freeze_count() > 0, report.status))
        assert {s[0] for s in seen} == {ingest.BATCH_GC_THRESHOLD}  # while it ran
        assert all(s[1] for s in seen)
        assert gc.get_threshold() == (700, 9, 11)
        if frozen:  # still frozen, nothing of the batch's added (a frozen object may be freed)
            assert 0 < gc.get_freeze_count() <= before
        else:
            assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_batches_overlapping_in_threads_put_back_what_the_first_found():
    """Two large batches in one process (the dashboard's threads), the first ending first: the
    thresholds stay raised until the second ends, then are the process's own again."""
    import gc

    thresholds = gc.get_threshold()
    gc.set_threshold(700, 9, 11)
    try:
        first, second = ingest._quiet_gc(), ingest._quiet_gc()
        first.__enter__()
        second.__enter__()
        assert gc.get_threshold()[0] == ingest.BATCH_GC_THRESHOLD
        first.__exit__(None, None, None)
        assert gc.get_threshold()[0] == ingest.BATCH_GC_THRESHOLD  # the second still runs
        second.__exit__(None, None, None)
        assert gc.get_threshold() == (700, 9, 11)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_a_file_overtaken_mid_group_is_refused_and_the_rest_of_its_group_loads(
    store, tmp_path, monkeypatch
):
    if store.dialect.name != "postgresql":
        pytest.skip("on SQLite a group holds the write lock: no upload can commit within it")
    a, b, c = (
        fill(
            make_template(store, tmp_path / f"t-{code}.xlsx", code, 2019), {"3.a.1.1": {"value": n}}
        )
        for n, code in enumerate(("DINSOS", "POLRES", "DP3A"), start=1)
    )
    other = fill(
        make_template(store, tmp_path / "t-other.xlsx", "DP3A", 2019),
        {"3.a.1.1": {"value": 42}},
        tmp_path / "dp3a-elsewhere.xlsx",
    )
    read = counting.counted_in_year
    raced = {}
    with session(store) as s:
        dp3a = s.exec(select(Agency).where(Agency.code == "DP3A")).one().id

    def another_upload_commits_first(session_, plan_id, agency_id, year, *rest):
        found = read(session_, plan_id, agency_id, year, *rest)
        if agency_id == dp3a and not raced:
            raced["other"] = None
            raced["other"] = ingest_file(store, other)  # its own transaction, committed now
        return found

    monkeypatch.setattr(counting, "counted_in_year", another_upload_commits_first)
    reports = ingest_files(store, [a, b, c])

    assert raced["other"].status == "loaded"
    assert [r.status for r in reports] == ["loaded", "loaded", "rejected"]
    assert [p.code for p in reports[2].problems] == ["concurrent-upload"]
    assert _counted(store) == {("DINSOS", 2019): 1.0, ("POLRES", 2019): 2.0, ("DP3A", 2019): 42.0}
    with session(store) as s:
        counted = s.exec(select(Submission).where(Submission.status == SubmissionStatus.LOADED))
        assert sorted(x.file_name for x in counted) == sorted([a.name, b.name, other.name])


def test_an_in_memory_store_is_checked_in_this_process():
    assert not ingest._can_fork(make_engine("sqlite://"))


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "one-worker"])
def test_a_batch_keeps_every_files_narrative(store, tmp_path, monkeypatch, jobs):
    """A Narasi sheet read by a worker process travels back with the file's figures (it was
    once dropped on the way: figures loaded, narratives silently lost)."""
    from indicators import narrative
    from tests.test_reports import _with_narrative

    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2)
    monkeypatch.setattr(ingest, "WORKER_CHUNK", 1)
    codes = ["DINSOS", "POLRES", "DP3A", "DISNAKERTRANS", "YTB", "IOM"]
    files = []
    for code in codes:
        path = fill(
            make_template(store, tmp_path / f"{code}.xlsx", code, 2021),
            {"3.a.1.1": {"value": 1}},
        )
        files.append(_with_narrative(path, {"D7": f"Hambatan {code}"}))

    reports = ingest_files(store, files, jobs=jobs, group=2)

    assert all(r.ok for r in reports), [r.problems for r in reports]
    with session(store) as s:
        texts = narrative.current(s, get_plan(s), 2021)
    assert sorted(texts["penghambat"]) == sorted(f"Hambatan {code}" for code in codes)


def test_a_catalogue_read_at_once_is_the_catalogue_read_plan_by_plan(store, tmp_path):
    """A large batch reads every plan's catalogue in a few queries (Catalogue.read_all); what a
    check sees of each plan is what reading it plan by plan gives: its current indicators in
    the same order, its bidang names, its matrix or none, and no plan for an unknown code."""
    from datetime import UTC, datetime

    from indicators.models import Plan, Responsibility
    from loaders.context import INDICATOR_FIELDS, Catalogue
    from tests.test_answers import _second_plan

    second = _second_plan(store, tmp_path)
    with session(store) as s:
        ttu = get_plan(s, "TTU-2018-2022")
        retired = s.exec(select(Indicator).where(Indicator.plan_id == ttu.id)).first()
        retired.retired_at = datetime.now(UTC)
        agency = s.exec(select(Agency).where(Agency.code == "DINSOS")).one()
        indicator = s.exec(
            select(Indicator).where(Indicator.plan_id == ttu.id, Indicator.id != retired.id)
        ).first()
        s.add(
            Responsibility(
                plan_id=ttu.id,
                agency_id=agency.id,
                activity_id=indicator.activity_id,
                indicator_id=indicator.id,
                lead=True,
            )
        )
        s.commit()
        plans = s.exec(select(Plan).order_by(Plan.id)).all()
        assert {p.code for p in plans} >= {"TTU-2018-2022", second}

        at_once, one_by_one = Catalogue(), Catalogue()
        at_once.read_all(s)
        for plan in plans:
            assert at_once.plan(s, plan.code) == one_by_one.plan(s, plan.code)
            fields = [column.key for column in INDICATOR_FIELDS]
            rows = [
                [
                    tuple(getattr(row, name) for name in fields)
                    for row in c.matcher(s, plan).indicators
                ]
                for c in (at_once, one_by_one)
            ]
            assert rows[0] == rows[1]
            assert at_once.narrative_keys(s, plan.id) == one_by_one.narrative_keys(s, plan.id)
            assert at_once.matrix(s, plan) == one_by_one.matrix(s, plan)
        assert at_once.plan(s, "TIDAK-ADA") is None and one_by_one.plan(s, "TIDAK-ADA") is None
        ttu_codes = {row.code for row in at_once.matcher(s, ttu).indicators}
        assert retired.code not in ttu_codes and indicator.code in ttu_codes
        assert at_once.matrix(s, ttu) == {agency.id: {indicator.id: True}}
        assert at_once.matrix(s, next(p for p in plans if p.code == second)) is None
