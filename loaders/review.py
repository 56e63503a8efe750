"""Review before it counts: an agency account's upload waits as a PendingUpload until the
secretariat approves it (then it is loaded by the same ingest as any file) or returns it with a
reason; a report that counts can later be withdrawn, with a reason. Every step is in the audit
log."""

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from indicators import audit
from indicators.models import (
    Agency,
    PendingUpload,
    Plan,
    ReviewStatus,
    Submission,
    SubmissionStatus,
    utcnow,
)
from indicators.queries import get_plan, plan_codes
from indicators.summary import mark_stale
from loaders.counting import period_label
from loaders.ingest import ingest_bytes
from loaders.report import Problem, Report, shown
from loaders.submissions import counting_submission, retire


class ReviewError(ValueError):
    """A review step that cannot be taken (the message is for the user)."""


class Refused(ReviewError):
    """A file not taken into the review queue, with the reason as a Problem of the file."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message("en"))
        self.problem = problem


# What one agency may keep waiting for review at a time: enough for every period of a year
# twice over, and a bound on what a compromised or careless account can pile up.
QUOTA_FILES = 20
QUOTA_BYTES = 50 * 1024 * 1024


def _refuse_duplicate_or_over_quota(
    s: Session, plan: Plan, agency: Agency, sha: str, size: int, file_name: str
) -> None:
    waiting = s.exec(
        select(PendingUpload.file_name, PendingUpload.uploaded_at).where(
            PendingUpload.sha256 == sha,
            PendingUpload.plan_id == plan.id,
            PendingUpload.status == ReviewStatus.SUBMITTED,
        )
    ).first()
    if waiting is not None:
        when = f"{waiting[1]:%Y-%m-%d %H:%M}"
        raise Refused(Problem("review-duplicate", file_name, found=waiting[0], expected=when))
    counted = s.exec(
        select(Submission.file_name).where(
            Submission.sha256 == sha,
            Submission.plan_id == plan.id,
            Submission.status == SubmissionStatus.LOADED,
        )
    ).first()
    if counted is not None:
        raise Refused(Problem("review-counted", file_name, found=counted))
    files, size_waiting = s.exec(
        select(func.count(), func.coalesce(func.sum(func.length(PendingUpload.data)), 0)).where(
            PendingUpload.agency_id == agency.id,
            PendingUpload.status == ReviewStatus.SUBMITTED,
        )
    ).one()
    if files >= QUOTA_FILES or size_waiting + size > QUOTA_BYTES:
        raise Refused(
            Problem(
                "review-quota",
                file_name,
                found=agency.code,
                detail=shown("{} ({} MB)", files, size_waiting / 1e6, spec=(",", ",.1f")),
                expected=shown("{}, {} MB", QUOTA_FILES, QUOTA_BYTES / 1e6, spec=(",", ",.0f")),
            )
        )


def needs_review(engine: Engine, plan_code: str) -> bool:
    """Whether uploads by agency accounts wait for approval in this plan."""
    with Session(engine) as s:
        plan = s.exec(select(Plan).where(Plan.code == plan_code)).first()
        return plan is not None and plan.review


def submit(engine: Engine, data: bytes, file_name: str, checked: Report, by: str) -> int:
    """Keep a file that passed the check (`checked`, a dry run) for review; returns its id."""
    if not checked.ok or not checked.plan or not checked.agency:
        raise ReviewError("only a file that passed the check can be submitted")
    with Session(engine) as s:
        plan = s.exec(select(Plan).where(Plan.code == checked.plan)).one()
        agency = s.exec(select(Agency).where(Agency.code == checked.agency)).one()
        _refuse_duplicate_or_over_quota(s, plan, agency, checked.sha256, len(data), file_name)
        pending = PendingUpload(
            plan_id=plan.id,
            agency_id=agency.id,
            year=checked.year,
            quarter=checked.quarter,
            file_name=file_name,
            sha256=checked.sha256,
            data=data,
            rows=sum(p["rows"] for p in checked.periods),
            uploaded_by=by,
        )
        s.add(pending)
        s.flush()
        audit.record(
            s,
            by,
            "submission.submitted",
            file_name,
            plan.id,
            agency=agency.code,
            pending=pending.id,
        )
        s.commit()
        return pending.id


def _open(s: Session, pending_id: int) -> PendingUpload:
    pending = s.get(PendingUpload, pending_id)
    if pending is None or pending.status != ReviewStatus.SUBMITTED:
        raise ReviewError("this upload is not waiting for review (any more)")
    return pending


def approve(engine: Engine, pending_id: int, by: str, lang: str = "id") -> Report:
    """Load the waiting file through the normal ingest; mark it approved if it loaded."""
    with Session(engine) as s:
        pending = _open(s, pending_id)
        data, name, uploader = pending.data, pending.file_name, pending.uploaded_by
        demo = pending.is_demo  # the demo's waiting upload loads as demo, like the rest of it
    report = ingest_bytes(engine, data, name, uploaded_by=uploader, lang=lang, demo=demo)
    if report.ok and report.status == "unchanged":
        return report  # the same file already counts: nothing loaded, nothing to approve
    if report.ok:
        with Session(engine) as s:
            pending = _open(s, pending_id)
            pending.status = ReviewStatus.APPROVED
            pending.decided_by, pending.decided_at = by, utcnow()
            pending.submission_id = report.submission_id
            s.add(pending)
            audit.record(
                s,
                by,
                "submission.approved",
                name,
                pending.plan_id,
                pending=pending_id,
                submitted_by=uploader,
                rows_after=report.rows_loaded,
            )
            s.commit()
    return report


def send_back(engine: Engine, pending_id: int, by: str, reason: str) -> str:
    """Return the waiting file to its agency with the reason (required); its file name."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("say why the upload goes back")
    with Session(engine) as s:
        pending = _open(s, pending_id)
        pending.status = ReviewStatus.RETURNED
        pending.reason = reason[:1000]
        pending.decided_by, pending.decided_at = by, utcnow()
        s.add(pending)
        audit.record(
            s, by, "submission.returned", pending.file_name, pending.plan_id,
            pending=pending_id, reason=pending.reason,
        )  # fmt: skip
        s.commit()
        return pending.file_name


@dataclass
class Withdrawn:
    """What a withdrawal took out of the counts."""

    plan: str
    agency: str
    period: str
    file_name: str
    rows: int


def withdraw(
    engine: Engine,
    agency_code: str,
    year: int,
    quarter: int | None,
    reason: str,
    by: str,
    plan_code: str | None = None,
    semester: int | None = None,
) -> Withdrawn:
    """Stop counting what `agency_code` reported for `year` (and `quarter`) in the plan (the
    only one when none is named): its figures leave every table and the period is due again;
    the submission stays in history as withdrawn. `reason` is required. One transaction."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("say why the report is withdrawn")
    period = period_label(year, quarter, semester)
    with Session(engine) as s:
        if plan_code:
            plan = get_plan(s, plan_code)
        else:  # the only plan, when there is just one
            plan = get_plan(s) if len(plan_codes(s)) == 1 else None
        if plan is None:
            known = ", ".join(plan_codes(s))
            raise ReviewError(
                f"name the plan ({known})"
                if not plan_code
                else f"unknown plan '{plan_code}' ({known})"
            )
        agency = s.exec(select(Agency).where(Agency.code == agency_code.upper())).first()
        if agency is None:
            raise ReviewError(f"unknown agency '{agency_code}'")
        counting = counting_submission(s, plan, agency, year, quarter, semester)
        if counting is None:
            raise ReviewError(f"nothing counts for {agency.code} {period} in {plan.code}")
        if not retire(s, counting.id, SubmissionStatus.WITHDRAWN):  # replaced meanwhile
            raise ReviewError(f"the report of {agency.code} {period} changed meanwhile: try again")
        mark_stale(s, plan.id)
        audit.record(
            s,
            by,
            "submission.withdrawn",
            counting.file_name,
            plan.id,
            agency=agency.code,
            period=period,
            rows_before=counting.row_count,
            rows_after=0,
            reason=reason[:1000],
        )
        s.commit()
        return Withdrawn(plan.code, agency.code, period, counting.file_name, counting.row_count)
