"""Loading agency files into the store: validate everything first, then write in one transaction.

A file with any error writes nothing. The same file twice (same SHA-256) changes nothing. A new
file for the same plan, agency and period replaces the earlier submission's values, and the
replaced submission stays in history with what changed. A file may hold several periods (one
year per sheet or per column); each becomes its own submission, all in the same transaction.

This module runs the batch (checking, writing in groups, worker processes); each rule lives in a
module of its own: what a file is about (loaders.context, loaders.period), its rows as entries
(loaders.entries, loaders.totals), what may count (loaders.counting) and writing submissions
(loaders.submissions).
"""

import gc
import hashlib
import logging
import multiprocessing
import os
import threading
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session

from indicators import audit
from indicators.models import (
    Narrative,
    SubmissionStatus,
    utcnow,
)
from indicators.summary import mark_stale
from loaders.context import (
    Catalogue,
    Context,
    Overrides,
    StoreRef,
    formula_problems,
    resolve,
)
from loaders.counting import period_label, plan_periods
from loaders.entries import (
    Entry,
    IndicatorRef,
    collect,
    period_order,
    to_period_values,
    warn_far_above,
)
from loaders.narrative import read_narratives
from loaders.report import WARNING, Problem, Report
from loaders.responsibility import membership_problems
from loaders.rows import AgencyRow
from loaders.safety import safe_file_name
from loaders.submissions import (
    NEW_SUBMISSION,
    carry_retired,
    diff,
    insert_values,
    retire,
    value_rows,
)
from loaders.workbook import META_SHEET, read_source

log = logging.getLogger(__name__)
NEW_NARRATIVE = insert(Narrative)


class _Overtaken(Exception):
    """Another upload for the same agency and period got there first: what this file would
    replace stopped counting meanwhile, or its own submission could not be counted."""


GROUP_FILES = 50  # files written in one transaction by a batch (one commit, one stale mark)


DEFAULT_JOBS = max(1, min(4, os.cpu_count() or 1))  # processes checking a large batch


PARALLEL_FROM = 50  # files in a batch before a worker process is worth starting (measured)


WORKER_CHUNK = 8  # files handed to a worker at a time


@dataclass
class _Checked:
    """A file that passed validation, waiting to be written."""

    report: Report
    ctx: Context
    entries: list[Entry]
    checked_problems: int  # how many of report.problems the check found (the rest: writing)
    file_name: str
    narratives: list = field(default_factory=list)  # loaders.narrative.NarrativeRow
    narrative_period: tuple | None = None  # (year, quarter, semester) they belong to


@dataclass
class _Multi:
    """A workbook of one sheet per agency that passed validation: one part per agency, written
    together (all or nothing), reported as one file."""

    report: Report
    parts: list[_Checked]
    file_name: str
    checked_problems: int = -1

    def __post_init__(self) -> None:
        if self.checked_problems < 0:
            self.checked_problems = len(self.report.problems)


class _PartRefused(Exception):
    """One agency's part of a multi-agency workbook was refused while being written: the whole
    file is rolled back."""


def _report_of(item: "_Checked | Report") -> Report:
    return item if isinstance(item, Report) else item.report


class Batch:
    """Files validated one by one and written in groups: up to `group` files share one
    transaction and one commit, as a database's group commit (a commit costs more than a
    90-row file's inserts). Each file is still all or nothing: a file that fails while being
    written (another upload for the same agency and period committed first) rolls its group
    back, and the group's files are written again one transaction each, so only that file is
    refused. Reports of a group say what is in the store once the group commits: on leaving
    the `with` block, or every `group` files.

    Keywords are those of ingest_bytes."""

    def __init__(
        self,
        engine: Engine,
        *,
        overrides: Overrides | None = None,
        dry_run: bool = False,
        demo: bool = False,
        uploaded_by: str = "",
        lang: str = "id",
        allowed_agency: str | None = None,
        catalogue: Catalogue | None = None,
        group: int = GROUP_FILES,
        jobs: int = 1,
        reinstate: bool = False,
    ) -> None:
        self.engine = engine
        self.jobs = jobs
        self.over = overrides or Overrides()
        self.dry_run, self.demo, self.lang = dry_run, demo, lang
        self.uploaded_by, self.allowed_agency = uploaded_by, allowed_agency
        self.reinstate = reinstate  # load a file that was replaced or withdrawn again
        self.catalogue = catalogue or Catalogue()
        self.group = max(1, group)
        self._session: Session | None = None
        self._pending: list[_Checked] = []  # written in the open transaction, not committed
        self._marked: set[int] = set()  # plans whose figures the open transaction changed
        # Rows for the open group, inserted together (one statement each) before anything
        # reads them and on commit.
        self._values: list[tuple] = []  # achievement rows (loaders.submissions.value_rows)
        self._events: list[dict] = []

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, kind, _value, _trace) -> None:
        try:
            if kind is None:
                self.commit()
        finally:
            if self._session is not None:
                self._session.close()  # rolls back whatever was not committed
                self._session = None

    @property
    def _options(self) -> dict:
        """The keywords a worker process's batch checks with."""
        return {
            "overrides": self.over,
            "dry_run": self.dry_run,
            "demo": self.demo,
            "uploaded_by": self.uploaded_by,
            "lang": self.lang,
            "allowed_agency": self.allowed_agency,
            "reinstate": self.reinstate,
        }

    @property
    def session(self) -> Session:
        if self._session is None:
            # Reads and writes share one transaction per group; closing without commit()
            # rolls all of it back.
            self._session = Session(self.engine, expire_on_commit=False)
        return self._session

    def add_files(self, paths: Iterable[Path]) -> Iterator[Report]:
        """Validate and load files from disk, `group` at a time: the group's files are all
        checked, then all written in one transaction. Keeping the reading and the writing
        apart keeps each one's code warm in the CPU's caches (here a small query right after
        reading a workbook took five times as long as after another query). Yields each
        file's report, in order, once its group is committed."""
        paths = list(paths)
        if len(paths) < PARALLEL_FROM:
            yield from self._add_in_groups(paths)
            return
        self.catalogue.read_all(self.session)  # before any worker starts: they inherit it
        with _quiet_gc():
            if self.jobs > 1 and _can_fork(self.engine):
                yield from self._write_from_workers(paths, multiprocessing.get_context("fork"))
            else:
                yield from self._add_in_groups(paths)

    def _add_in_groups(self, paths: list[Path]) -> Iterator[Report]:
        todo = iter(paths)
        while chunk := list(islice(todo, self.group)):
            checked = [self._check_file(path) for path in chunk]
            reports = [self._write_checked(item) for item in checked]
            self.commit()
            yield from reports

    def _write_from_workers(self, paths: list[Path], context) -> Iterator[Report]:
        """add_files with the checking (reading, validating) shared with `jobs - 1` worker
        processes while this process writes, in the files' order. The catalogue does not change
        during an ingest: the workers inherit this process's (Catalogue.read_all).

        The workers check chunks of files ahead; this process writes them in order
        and, whenever the next chunk in order is not checked yet, checks the next unassigned
        chunk itself rather than wait. So `jobs` processes are busy, never more: on a small
        machine a writer idling beside as many workers as cores only crowds them."""
        todo = deque(paths[i : i + WORKER_CHUNK] for i in range(0, len(paths), WORKER_CHUNK))
        workers = max(1, self.jobs - 1)
        # The workers start at once: the catalogue (Catalogue.read_all) is read already, and
        # this process checks a chunk of its own while they fork.
        ahead: deque = deque()
        reports: list[Report] = []
        with ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self.engine, self._options, self.catalogue),
        ) as pool:
            while todo or ahead:
                while todo and sum(isinstance(a, Future) for a in ahead) < 3 * workers:
                    ahead.append(pool.submit(_check_in_worker, todo.popleft()))
                head = ahead[0]
                if isinstance(head, Future) and not head.done() and todo:
                    ahead.append([self._check_file(path) for path in todo.popleft()])
                    continue
                ahead.popleft()
                items = head if isinstance(head, list) else map(self._bind, head.result())
                for item in items:
                    reports.append(self._write_checked(item))
                    if len(reports) >= self.group:
                        self.commit()
                        yield from reports
                        reports = []
            self.commit()
            yield from reports

    def _bind(self, item: "_Portable | _Multi | Report") -> "_Checked | _Multi | Report":
        """A worker's checked file with this process's catalogue objects."""
        if isinstance(item, Report):
            return item
        if isinstance(item, _Multi):
            parts = [self._bind(part) for part in item.parts]
            return _Multi(item.report, parts, item.file_name, item.checked_problems)
        entries = [
            Entry(
                row,
                sheet,
                IndicatorRef(*ref),
                year,
                quarter,
                AgencyRow.model_construct(**dict(zip(ROW_FIELDS, values, strict=True))),
                *rest,
            )
            for row, sheet, ref, year, quarter, values, *rest in item.entries
        ]
        ctx = Context(StoreRef(*item.plan), StoreRef(*item.agency), item.year, item.quarter)
        ctx.semester = item.semester
        return _Checked(
            item.report,
            ctx,
            entries,
            item.checked_problems,
            item.file_name,
            item.narratives,
            item.narrative_period,
        )

    def add(self, data: bytes, file_name: str) -> Report:
        """Validate one file and, unless it is rejected or a dry run, write it in the open
        group's transaction (committed every `group` files and on leaving the block)."""
        report = self._write_checked(self._check(data, file_name))
        if len(self._pending) >= self.group:
            self.commit()
        return report

    def _check_file(self, path: Path) -> _Checked | Report:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            report = Report(file=path.name)
            report.problems.append(
                Problem("unreadable-file", path.name, detail=exc.strerror or str(exc))
            )
            return report
        return self._check(data, path.name)

    def _write_checked(self, checked: "_Checked | _Multi | Report") -> Report:
        if isinstance(checked, Report):
            return checked  # rejected: nothing to write
        try:
            wrote = self._write(checked)
        except _PartRefused:
            # one agency's sheets of a workbook were refused after another's were written: the
            # group is rolled back and written again without this file, whose report says why
            pending = self._pending
            self._rollback()
            self._write_alone(pending)
            _unwritten(checked.report)
            return checked.report
        except _Overtaken:
            # Another upload for the same agency and period committed while this file was
            # being written (see the uq_submission_counting_period index and retire()): this
            # file writes nothing; the rest of its group is written again without it.
            pending = self._pending
            self._rollback()
            self._write_alone(pending)
            _refuse(checked)
            return checked.report
        if wrote:
            self._pending.append(checked)
        return checked.report

    def commit(self) -> None:
        """Mark the changed plans' summaries stale and commit the open group. Marking comes
        last and in plan order, as a single upload's does: every writer takes the counting
        rows first and the plans' summary rows after, so writers never wait on each other in
        a circle."""
        if self._session is not None:
            self._flush()
            for plan_id in sorted(self._marked):
                mark_stale(self._session, plan_id)
            self._session.commit()
        self._pending, self._marked = [], set()

    def _flush(self) -> None:
        """Insert the open group's buffered values and audit events."""
        if self._values:
            insert_values(self.session.connection(), self._values)
        audit.record_all(self.session, self._events)
        self._values, self._events = [], []

    def _rollback(self) -> None:
        self.session.rollback()
        self._pending, self._marked, self._values, self._events = [], set(), [], []

    def _check(self, data: bytes, file_name: str) -> "_Checked | _Multi | Report":
        file_name = safe_file_name(file_name)
        try:
            return self._check_unguarded(data, file_name)
        except SQLAlchemyError:
            raise  # the store, not the file: the batch stops and says so
        except Exception as exc:  # a reader's surprise is this file's refusal, never the batch's
            log.exception("checking %s", file_name)
            report = Report(file=file_name, sha256=hashlib.sha256(data).hexdigest())
            detail = f"{type(exc).__name__}: {str(exc)[:160]}"
            report.problems.append(Problem("unreadable-file", file_name, detail=detail))
            return report

    def _check_unguarded(self, data: bytes, file_name: str) -> "_Checked | _Multi | Report":
        report = Report(file=file_name, sha256=hashlib.sha256(data).hexdigest())
        source, problems = read_source(data, file_name)
        report.problems.extend(problems)
        if source is None:
            return report
        ctx = resolve(self.session, self.catalogue, source, self.over, report)
        if ctx.sheet_agencies and not report.errors:
            return self._check_sheets(data, file_name, source, ctx.sheet_agencies, report)
        return self._check_source(data, file_name, source, ctx, report)

    def _check_sheets(self, data, file_name, source, sheet_agencies, report) -> "_Multi | Report":
        """A workbook of one sheet per agency, each sheet naming its agency: each agency's
        sheets checked as that agency's report; the file loads (all of it) or is refused."""
        parts = []
        for code in dict.fromkeys(sheet_agencies.values()):
            grids = [g for g in source.grids if sheet_agencies.get(g.name) == code]
            part_report = Report(file=file_name, sha256=report.sha256)
            part_source = replace(source, grids=grids)
            over = replace(self.over, agency=code)
            ctx = resolve(self.session, self.catalogue, part_source, over, part_report)
            parts.append(self._check_source(data, file_name, part_source, ctx, part_report))
        report.agency = ", ".join(dict.fromkeys(sheet_agencies.values()))
        report.problems = [p for part in parts for p in _report_of(part).problems]
        if report.errors:
            report.status = "rejected"
            return report
        first = parts[0].report
        report.plan, report.year, report.quarter = first.plan, first.year, first.quarter
        report.semester = first.semester
        report.sheet = ", ".join(p.report.sheet for p in parts)
        return _Multi(report, parts, file_name)

    def _check_source(self, data, file_name, source, ctx, report) -> "_Checked | Report":
        session = self.session
        if (
            self.allowed_agency
            and ctx.agency is not None
            and ctx.agency.code != self.allowed_agency
        ):
            report.problems.append(
                Problem(
                    "agency-not-allowed",
                    file_name,
                    META_SHEET,
                    found=ctx.agency.code,
                    expected=self.allowed_agency,
                )
            )
        report.sheet = ", ".join(t.sheet for t in ctx.tables)
        for sheet, columns in source.hidden_columns.items():
            report.problems.append(
                Problem(
                    "hidden-columns", file_name, sheet, found=", ".join(columns), severity=WARNING
                )
            )
        for sheet, rows in source.hidden_rows.items():  # as Excel shows the sheet: not read
            shown = ", ".join(str(r) for r in rows[:20]) + (" …" if len(rows) > 20 else "")
            report.problems.append(
                Problem("hidden-rows", file_name, sheet, found=shown, severity=WARNING)
            )
        entries = []
        if ctx.plan is not None and ctx.agency is not None and not report.errors:
            report.problems.extend(formula_problems(data, source, ctx.tables))
            matcher = self.catalogue.matcher(session, ctx.plan)
            entries = collect(ctx, matcher, report, self.lang, self.over)
            report.problems.extend(
                membership_problems(session, self.catalogue, ctx, entries, file_name)
            )
        narratives, narrative_period = [], None
        if ctx.narrative_grids and ctx.plan is not None and not report.errors:
            narratives, problems = read_narratives(
                self.catalogue.narrative_keys(session, ctx.plan.id), ctx.narrative_grids, file_name
            )
            report.problems.extend(problems)
            periods = {(e.year, e.quarter, e.semester) for e in entries}
            if not entries and ctx.year is not None:
                periods = {(ctx.year, ctx.quarter, ctx.semester if ctx.quarter is None else None)}
            if narratives and len(periods) != 1:
                shown = ", ".join(period_label(*p) for p in sorted(periods, key=str)) or "-"
                report.problems.append(Problem("narrative-period", file_name, found=shown))
            elif narratives:
                narrative_period = next(iter(periods))
        if report.errors:
            report.status = "rejected"
            report.mapping = []
            return report
        return _Checked(
            report, ctx, entries, len(report.problems), file_name, narratives, narrative_period
        )

    def _write(self, checked: "_Checked | _Multi") -> bool:
        if isinstance(checked, _Multi):
            return self._write_multi(checked)
        return self._write_one(checked)

    def _write_multi(self, multi: "_Multi") -> bool:
        """Each agency's part in the same transaction; the file's report says what all did."""
        wrote = False
        for part in multi.parts:
            wrote = self._write_one(part) or wrote
        report = multi.report
        del report.problems[multi.checked_problems :]
        for part in multi.parts:
            report.problems += part.report.problems[part.checked_problems :]
        report.mapping = [m for part in multi.parts for m in part.report.mapping]
        report.periods = [
            {**period, "agency": part.ctx.agency.code}
            for part in multi.parts
            for period in part.report.periods
        ]
        report.rows_loaded = sum(p.report.rows_loaded for p in multi.parts)
        report.status = _overall([p.report.status for p in multi.parts])
        report.submission_id = multi.parts[0].report.submission_id
        if any(p.report.status == "rejected" for p in multi.parts):
            report.status = "rejected"
            if wrote:
                raise _PartRefused  # another agency's part was written: undo the whole file
        return wrote

    def _write_one(self, checked: _Checked) -> bool:
        """Write one checked file in the open transaction; True when it wrote anything.
        Raises _Overtaken when another upload for the same agency and period got there first
        (the counting-period index refused this one, or PostgreSQL gave up on this transaction
        for another's sake)."""
        try:
            return self._write_now(checked)
        except IntegrityError as exc:
            raise _Overtaken from exc
        except OperationalError as exc:
            if _lost_race(exc):
                raise _Overtaken from exc
            raise

    def _other_periods(self, checked: _Checked, reported: dict, plans: dict) -> list[Problem]:
        """A file about one period (its title, name or template says which) that also holds
        figures of another period already reported by another file ("Realisasi 2020" beside
        the 2021 report, "TW II (revisi)" in the TW III report): where they are the stored
        figures, they are context, not written again; where they differ, or would drop some,
        which report is right is not certain: refused, naming both. An empty file never
        replaces a report of its own period either (a blank template sent as a 'revisi')."""
        ctx, report = checked.ctx, checked.report
        if ctx.year is None:
            return []  # a file of several periods, none its own: each is its report
        own = (ctx.year, ctx.quarter, ctx.semester if ctx.quarter is None else None)
        problems = []
        for key, group in list(reported.items()):
            plan = plans[key]
            earlier = [c for c in (plan.previous, *plan.contained) if c is not None]
            if not earlier or any(c.sha256 == report.sha256 for c in earlier):
                continue
            if _within(key, own):
                if not checked.entries and plan.previous is not None:
                    problems.append(
                        Problem(
                            "empty-replaces",
                            report.file,
                            found=period_label(*key),
                            expected=plan.previous.file_name,
                        )
                    )
                continue
            self._flush()  # the earlier report's values may still wait in this group's buffer
            changes = diff(self.session, plan.previous, group) if plan.previous else None
            if changes is not None and not plan.contained and not any(changes.values()):
                del reported[key]  # the stored figures, repeated: context
                checked.entries = [
                    e for e in checked.entries if (e.year, e.quarter, e.semester) != key
                ]
                continue
            names = ", ".join(sorted({c.file_name for c in earlier}))
            problems.append(
                Problem(
                    "other-period-replaces",
                    report.file,
                    found=period_label(*key),
                    expected=names,
                    detail=period_label(*own),
                )
            )
        return problems

    def _write_now(self, checked: _Checked) -> bool:
        report, ctx, file_name = checked.report, checked.ctx, checked.file_name
        _reset(checked)  # a rewrite starts from the check
        session = self.session
        reported: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in checked.entries:
            reported[(entry.year, entry.quarter, entry.semester)].append(entry)
        if not reported and ctx.year is not None:
            empty = (ctx.year, ctx.quarter, ctx.semester if ctx.quarter is None else None)
            reported[empty] = []  # an empty report is still a report
        plans, refusals = plan_periods(
            session,
            file_name,
            report.sha256,
            ctx.plan.id,
            ctx.agency.id,
            reported,
            self.reinstate,
        )
        if refusals:
            report.problems.extend(refusals)
            report.status = "rejected"
            return False
        refusals = self._other_periods(checked, reported, plans)
        if refusals:
            report.problems.extend(refusals)
            report.status = "rejected"
            return False
        if any(e.to_date for e in checked.entries):
            self._flush()  # to-date figures are turned into the period's from what is stored
        entries = to_period_values(session, ctx, checked.entries, report)
        warn_far_above(entries, report)

        by_period: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in entries:
            by_period[(entry.year, entry.quarter, entry.semester)].append(entry)
        if not by_period and reported:
            by_period[next(iter(reported))] = []

        statuses = []
        db = session.connection()  # Core statements straight to the transaction's connection
        for key, group in sorted(by_period.items(), key=lambda i: period_order(*i[0])):
            year, quarter, semester = key
            previous, quarters = plans[key].previous, plans[key].contained
            period = {"year": year, "quarter": quarter, "semester": semester, "rows": len(group)}
            if previous is not None and previous.sha256 == report.sha256:
                period.update(status="unchanged", submission_id=previous.id)
                statuses.append("unchanged")
                report.periods.append(period)
                continue
            if previous is not None or quarters:
                self._flush()  # their values may still wait in this group's buffer
            changes = diff(session, previous, group)
            for replaced in quarters:  # a longer period replaces the shorter ones within it
                changes["removed"] += [
                    {**value, "period": replaced.label}
                    for value in diff(session, replaced, [])["removed"]
                ]
            if quarters:
                changes["replaced_periods"] = [q.label for q in quarters]
            period["changes"] = changes
            if self.dry_run:
                period["status"] = "dry-run"
                report.periods.append(period)
                statuses.append("dry-run")
                continue
            for replaced in [previous, *quarters]:
                if replaced is not None and not retire(
                    session, replaced.id, SubmissionStatus.REPLACED
                ):
                    raise _Overtaken
            submission_id = db.execute(
                NEW_SUBMISSION,
                {
                    "plan_id": ctx.plan.id,
                    "agency_id": ctx.agency.id,
                    "year": year,
                    "quarter": quarter,
                    "semester": semester,
                    "file_name": Path(file_name).name,
                    "sha256": report.sha256,
                    "uploaded_at": utcnow(),
                    "uploaded_by": self.uploaded_by,
                    "status": SubmissionStatus.LOADED,
                    "is_demo": self.demo,
                    "row_count": len(group),
                    "sheet": ", ".join(sorted({e.sheet for e in group})) or report.sheet,
                    "replaces_id": (previous or quarters[0]).id if previous or quarters else None,
                    "changes": changes,
                },
            ).scalar_one()
            for replaced in [previous, *quarters]:
                if replaced is not None:
                    carry_retired(session, replaced.id, submission_id)
            self._values += value_rows(group, ctx, submission_id, self.demo)
            if checked.narratives and key == checked.narrative_period:
                db.execute(
                    NEW_NARRATIVE,
                    [
                        {
                            "plan_id": ctx.plan.id,
                            "subgroup_number": n.subgroup,
                            "indicator_id": n.indicator_id,
                            "agency_id": ctx.agency.id,
                            "year": year,
                            "quarter": quarter,
                            "pendorong": n.pendorong,
                            "penghambat": n.penghambat,
                            "tindak_lanjut": n.tindak_lanjut,
                            "submission_id": submission_id,
                            "source_sheet": n.sheet,
                            "source_row": n.row,
                            "written_by": self.uploaded_by or "command line",
                            "written_at": utcnow(),
                            "replaced_at": None,
                            "is_demo": self.demo,
                        }
                        for n in checked.narratives
                    ],
                )
            status = "replaced" if previous is not None or quarters else "loaded"
            self._events.append(
                audit.event(
                    self.uploaded_by or "command line",
                    f"submission.{status}",
                    Path(file_name).name,
                    ctx.plan.id,
                    agency=ctx.agency.code,
                    period=period_label(year, quarter, semester),
                    rows_before=sum(p.row_count for p in [previous, *quarters] if p is not None),
                    replaced_periods=[q.label for q in quarters],
                    reinstated=self.reinstate,
                    rows_after=len(group),
                    demo=self.demo,
                )
            )
            period.update(status=status, submission_id=submission_id)
            if previous is not None or quarters:
                first = (previous or quarters[0]).id
                period["replaced_submission"] = first
                report.replaced_submission = report.replaced_submission or first
            report.submission_id = report.submission_id or submission_id
            statuses.append(status)
            report.periods.append(period)
        wrote = any(s in ("loaded", "replaced") for s in statuses)
        if wrote:
            self._marked.add(ctx.plan.id)  # marked stale on commit
        report.rows_loaded = sum(p["rows"] for p in report.periods if p["status"] != "unchanged")
        report.status = _overall(statuses)
        if report.status == "unchanged":
            report.rows_loaded = 0
        if len(report.periods) == 1:
            first = report.periods[0]
            report.year, report.quarter = first["year"], first["quarter"]
            report.semester = first.get("semester")
        return wrote

    def _write_alone(self, files: list[_Checked]) -> None:
        """After a group was rolled back: write each of `files` again in a transaction of its
        own, reading afresh what counts; one that now fails is refused."""
        for checked in files:
            try:
                self._write(checked)
                self.commit()
            except _PartRefused:
                self._rollback()
                _unwritten(checked.report)
            except _Overtaken:
                self._rollback()
                _refuse(checked)


def _lost_race(exc: OperationalError) -> bool:
    """PostgreSQL gave up on this transaction for another's sake (a deadlock between two
    batches taking the same agencies' periods in different orders, or a serialisation
    failure): the file met a concurrent upload."""
    orig = exc.orig
    return getattr(orig, "sqlstate", None) in ("40P01", "40001")


def _reset(checked: "_Checked | _Multi") -> None:
    """Its report back to what the check found, before anything was written."""
    if isinstance(checked, _Multi):
        for part in checked.parts:
            _reset(part)
        checked.report.status = "rejected"
    report = checked.report
    del report.problems[checked.checked_problems :]
    report.periods, report.rows_loaded = [], 0
    report.submission_id = report.replaced_submission = None


def _unwritten(report: Report) -> None:
    """A report whose file was rolled back: its problems stay, nothing was written."""
    report.status = "rejected"
    report.periods, report.rows_loaded = [], 0
    report.submission_id = report.replaced_submission = None


def _refuse(checked: _Checked) -> None:
    """Report a checked file as refused because another upload got there first."""
    _reset(checked)
    checked.report.problems.append(Problem("concurrent-upload", checked.file_name))
    checked.report.status = "rejected"


def _overall(statuses: list[str]) -> str:
    for status in ("dry-run", "replaced", "loaded"):
        if status in statuses:
            return status
    return "unchanged" if statuses else "rejected"


def _within(period: tuple, own: tuple) -> bool:
    """Whether `period` (year, quarter, semester) lies within a file's `own` period: the
    triwulan and semesters of its year, the triwulan of its semester, or itself."""
    year, quarter, semester = period
    own_year, own_quarter, own_semester = own
    if year != own_year:
        return False
    if own_quarter is not None:
        return quarter == own_quarter
    if own_semester is not None:
        return semester == own_semester or (
            quarter is not None and (quarter + 1) // 2 == own_semester
        )
    return True


@dataclass
class _Portable:
    """A checked file as a worker process sends it back: plain values, no store objects."""

    report: Report
    plan: tuple[int, str]  # (id, code)
    agency: tuple[int, str]
    year: int | None
    quarter: int | None
    entries: list[tuple]  # Entry fields: indicator (id, code, kind, unit), the row as values
    checked_problems: int
    file_name: str
    semester: int | None = None
    narratives: list = field(default_factory=list)  # NarrativeRow: plain values, pickled as is
    narrative_period: tuple | None = None


ROW_FIELDS = tuple(AgencyRow.model_fields)  # validated already: rebuilt without validation


_worker: Batch | None = None  # in a worker process: its own batch, engine and catalogue


BATCH_GC_THRESHOLD = 5_000  # allocations between young collections during a large batch


_gc_lock = threading.Lock()
_gc_batches = 0  # large batches running in this process (threads of the dashboard)
_gc_saved: tuple | None = None  # the thresholds and freeze the first of them found


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """A large batch with less of the garbage collector's time: everything read before it (the
    catalogue, the session, the modules) frozen out of its passes, and young collections every
    5,000 allocations instead of 700. Each workbook's grids are thousands of short-lived lists;
    collecting after every few hundred took 7-10 % of a national batch's time (measured: 140-180
    ms of 1.9 s for 500 workbooks, 30 ms after). Objects frozen before a fork are also never
    visited by a worker's collector, so the memory workers share with this process stays shared
    (not copied on write). A process that froze its own objects already (the dashboard, after
    start-up) keeps them as they are: only the thresholds change there. Batches running at once
    in one process (threads) share the setting: the last to finish puts back what the first
    found."""
    global _gc_batches, _gc_saved
    with _gc_lock:
        if _gc_batches == 0:
            thresholds = gc.get_threshold()
            freeze = gc.get_freeze_count() == 0
            _gc_saved = (thresholds, freeze)
            if freeze:
                gc.freeze()
            gc.set_threshold(max(BATCH_GC_THRESHOLD, thresholds[0]), *thresholds[1:])
        _gc_batches += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_batches -= 1
            if _gc_batches == 0 and _gc_saved is not None:
                thresholds, freeze = _gc_saved
                gc.set_threshold(*thresholds)
                if freeze:
                    gc.unfreeze()
                _gc_saved = None


def _can_fork(engine: Engine) -> bool:
    in_memory = engine.url.get_backend_name() == "sqlite" and engine.url.database in (
        None,
        "",
        ":memory:",
    )
    return not in_memory and "fork" in multiprocessing.get_all_start_methods()


def _start_worker(engine: Engine, options: dict, catalogue: Catalogue) -> None:
    global _worker
    # The parent's pooled connections must never be used (or closed) here: a fresh pool. The
    # catalogue holds plain rows, no connection: this process's copy of the parent's.
    engine.dispose(close=False)
    _worker = Batch(engine, catalogue=catalogue, **options)


def _check_in_worker(paths: list[Path]) -> list[_Portable | Report]:
    return [_portable(_worker._check_file(path)) for path in paths]


def _portable(checked: "_Checked | _Multi | Report"):
    if isinstance(checked, Report):
        return checked
    if isinstance(checked, _Multi):  # its parts travel as any checked file does
        parts = [_portable(part) for part in checked.parts]
        return _Multi(checked.report, parts, checked.file_name, checked.checked_problems)
    ctx = checked.ctx
    entries = [
        (
            e.row,
            e.sheet,
            tuple(e.indicator),
            e.year,
            e.quarter,
            tuple(getattr(e.data, name) for name in ROW_FIELDS),  # plain values pickle fast
            e.to_date,
            e.year_target,
            e.semester,
        )
        for e in checked.entries
    ]
    return _Portable(
        checked.report,
        (ctx.plan.id, ctx.plan.code),
        (ctx.agency.id, ctx.agency.code),
        ctx.year,
        ctx.quarter,
        entries,
        checked.checked_problems,
        checked.file_name,
        ctx.semester,
        checked.narratives,
        checked.narrative_period,
    )


def ingest_bytes(engine: Engine, data: bytes, file_name: str, **kwargs) -> Report:
    """Validate one file and, unless it is rejected or a dry run, load it in one transaction.

    Keywords: overrides (period, agency, plan given by the user), dry_run, demo, uploaded_by,
    lang, allowed_agency (an uploader's account may report only for its own agency: a file
    for any other is refused), catalogue (one Catalogue for every file of a batch, so the
    catalogue is read once)."""
    with Batch(engine, **kwargs) as batch:
        return batch.add(data, file_name)


def ingest_file(engine: Engine, path: Path, **kwargs) -> Report:
    """Load one file from disk (see ingest_bytes)."""
    with Batch(engine, **kwargs) as batch:
        return next(batch.add_files([path]))


def ingest_files(engine: Engine, paths: list[Path], **kwargs) -> list[Report]:
    """Load a batch of files from disk, reading the catalogue once and committing in groups
    (see Batch; ingest_bytes for the keywords)."""
    with Batch(engine, **kwargs) as batch:
        return list(batch.add_files(paths))
