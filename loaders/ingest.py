"""Loading agency files into the store: validate everything first, then write in one transaction.

A file with any error writes nothing. The same file twice (same SHA-256) changes nothing. A new
file for the same plan, agency and period replaces the earlier submission's values.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from indicators.models import (
    Achievement,
    Agency,
    Indicator,
    Plan,
    Submission,
    SubmissionStatus,
    utcnow,
)
from indicators.queries import get_plan, list_plans
from loaders.report import EXPECTED, WARNING, Problem, Report
from loaders.rows import AgencyRow, validate_row
from loaders.workbook import META_SHEET, ParsedWorkbook, read_workbook

EXPECTS = {"value": "count", "budget": "money", "spent": "money"}


@dataclass
class Overrides:
    """Period and agency given on the command line; they win over what the file says."""

    plan: str | None = None
    agency: str | None = None
    year: int | None = None
    quarter: int | None = None


def _shown(cell: object) -> str:
    """A cell as the user typed it: 5.0 shows as 5."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell if cell is not None else "")


def _expected_text(kind: str, lang: str) -> str:
    id_text, en_text = EXPECTED[kind]
    return en_text if lang == "en" else id_text


def _resolve_period(
    session: Session, parsed: ParsedWorkbook, over: Overrides, report: Report
) -> tuple[Plan | None, Agency | None]:
    """Plan, agency, year and quarter from overrides, else the template's metadata."""
    meta = parsed.meta
    file = parsed.file
    plan_code = over.plan or meta.get("plan") or None
    plan = get_plan(session, plan_code) if plan_code else None
    if plan_code and plan is None:
        known = ", ".join(p.code for p in list_plans(session))
        report.problems.append(
            Problem("unknown-plan", file, META_SHEET, found=plan_code, expected=known)
        )
    if not plan_code:
        plans = list_plans(session)
        if len(plans) == 1:
            plan = plans[0]
        else:
            report.problems.append(Problem("missing-metadata", file, expected="plan"))

    agency_code = (over.agency or meta.get("agency") or "").strip()
    agency = None
    if not agency_code:
        report.problems.append(Problem("missing-metadata", file, expected="agency"))
    else:
        agency = session.exec(select(Agency).where(Agency.code == agency_code.upper())).first()
        if agency is None:
            known = ", ".join(a.code for a in session.exec(select(Agency).order_by(Agency.code)))
            report.problems.append(
                Problem("unknown-agency", file, META_SHEET, found=agency_code, expected=known)
            )

    raw_year = over.year if over.year is not None else meta.get("year", "")
    if raw_year in ("", None):
        report.problems.append(Problem("missing-metadata", file, expected="year"))
    else:
        try:
            report.year = int(str(raw_year).strip())
        except ValueError:
            report.year = None
        if plan and (report.year is None or not plan.start_year <= report.year <= plan.end_year):
            report.problems.append(
                Problem(
                    "bad-year",
                    file,
                    META_SHEET,
                    found=str(raw_year),
                    expected=f"{plan.start_year}-{plan.end_year}",
                )
            )

    raw_quarter = over.quarter if over.quarter is not None else meta.get("quarter", "")
    if raw_quarter not in ("", None):
        if str(raw_quarter).strip() in {"1", "2", "3", "4"}:
            report.quarter = int(str(raw_quarter).strip())
        else:
            report.problems.append(Problem("bad-quarter", file, META_SHEET, found=str(raw_quarter)))
    report.plan = plan.code if plan else ""
    report.agency = agency.code if agency else ""
    return plan, agency


def _validate_rows(
    session: Session, parsed: ParsedWorkbook, plan: Plan, report: Report, lang: str
) -> list[tuple[int, Indicator, AgencyRow]]:
    """Every row checked in one pass; returns the rows to load."""
    indicators = {
        ind.code: ind for ind in session.exec(select(Indicator).where(Indicator.plan_id == plan.id))
    }
    file, sheet, columns = parsed.file, parsed.sheet, parsed.columns
    seen: dict[str, int] = {}
    accepted = []
    for data_row in parsed.rows:
        cells = data_row.cells
        raw_code = cells.get("code")
        code = (
            AgencyRow.model_validate({"code": raw_code}).code if raw_code not in (None, "") else ""
        )
        has_input = any(str(cells.get(k, "") or "").strip() for k in ("value", "budget", "spent"))
        if not code:
            if has_input:
                report.problems.append(
                    Problem("missing-code", file, sheet, data_row.number, columns["code"])
                )
            continue
        indicator = indicators.get(code)
        if indicator is None:
            report.problems.append(
                Problem(
                    "unknown-indicator",
                    file,
                    sheet,
                    data_row.number,
                    columns["code"],
                    found=code,
                    expected=plan.code,
                )
            )
            continue
        if code in seen:
            report.problems.append(
                Problem(
                    "duplicate-indicator",
                    file,
                    sheet,
                    data_row.number,
                    columns["code"],
                    found=code,
                    expected=str(seen[code]),
                )
            )
            continue
        seen[code] = data_row.number
        row, failures = validate_row(cells, indicator.kind)
        for field_name, error_code in failures:
            expects = EXPECTS.get(field_name, "count")
            if field_name == "value" and indicator.kind in ("percentage", "milestone"):
                expects = indicator.kind.value
            report.problems.append(
                Problem(
                    error_code,
                    file,
                    sheet,
                    data_row.number,
                    columns.get(field_name, field_name),
                    found=_shown(cells.get(field_name)),
                    expected=_expected_text(expects, lang),
                )
            )
        if row is None or row.is_empty:
            continue
        if row.budget is not None and row.spent is not None and row.spent > row.budget:
            report.problems.append(
                Problem(
                    "spent-over-budget",
                    file,
                    sheet,
                    data_row.number,
                    columns.get("spent", ""),
                    found=f"{row.spent:,.0f}",
                    expected=f"{row.budget:,.0f}",
                    severity=WARNING,
                )
            )
        accepted.append((data_row.number, indicator, row))
        report.mapping.append({"row": data_row.number, "code": code})
    return accepted


def _current_submission(
    session: Session, plan: Plan, agency: Agency, year: int, quarter: int | None
) -> Submission | None:
    """The submission that counts now for this plan, agency and period, if any."""
    period = Submission.quarter == quarter if quarter is not None else Submission.quarter.is_(None)
    return session.exec(
        select(Submission).where(
            Submission.plan_id == plan.id,
            Submission.agency_id == agency.id,
            Submission.year == year,
            period,
            Submission.status == SubmissionStatus.LOADED,
        )
    ).first()


def ingest_bytes(
    engine: Engine,
    data: bytes,
    file_name: str,
    *,
    overrides: Overrides | None = None,
    dry_run: bool = False,
    demo: bool = False,
    uploaded_by: str = "",
    lang: str = "id",
) -> Report:
    """Validate one file and, unless it is rejected or a dry run, load it in one transaction."""
    overrides = overrides or Overrides()
    report = Report(file=file_name, sha256=hashlib.sha256(data).hexdigest())
    parsed, problems = read_workbook(data, file_name)
    report.problems.extend(problems)
    if parsed is None:
        return report
    report.sheet = parsed.sheet

    with Session(engine, expire_on_commit=False) as session:
        plan, agency = _resolve_period(session, parsed, overrides, report)
        if plan is None or agency is None or report.errors:
            rows = []
        else:
            rows = _validate_rows(session, parsed, plan, report, lang)
        if report.errors:
            report.status = "rejected"
            report.mapping = []
            return report

        # Reads here and writes below share one transaction; leaving the `with Session`
        # block without commit() (any exception) rolls all of it back.
        previous = _current_submission(session, plan, agency, report.year, report.quarter)
        if previous is not None and previous.sha256 == report.sha256:
            report.status = "unchanged"
            report.submission_id = previous.id
            return report
        if dry_run:
            report.status = "dry-run"
            report.rows_loaded = len(rows)
            return report

        submission = Submission(
            plan_id=plan.id,
            agency_id=agency.id,
            year=report.year,
            quarter=report.quarter,
            file_name=Path(file_name).name,
            sha256=report.sha256,
            uploaded_at=utcnow(),
            uploaded_by=uploaded_by,
            is_demo=demo,
            row_count=len(rows),
            sheet=parsed.sheet,
            replaces_id=previous.id if previous else None,
        )
        if previous is not None:
            session.execute(delete(Achievement).where(Achievement.submission_id == previous.id))
            previous.status = SubmissionStatus.REPLACED
            session.add(previous)
            report.replaced_submission = previous.id
        session.add(submission)
        session.flush()
        if rows:
            session.execute(
                insert(Achievement),
                [
                    {
                        "indicator_id": indicator.id,
                        "agency_id": agency.id,
                        "submission_id": submission.id,
                        "year": report.year,
                        "quarter": report.quarter,
                        "value": row.value,
                        "budget": row.budget,
                        "spent": row.spent,
                        "note": row.note,
                        "source_sheet": parsed.sheet,
                        "source_row": number,
                        "is_demo": demo,
                    }
                    for number, indicator, row in rows
                ],
            )
        session.commit()
        report.submission_id = submission.id
        report.status = "replaced" if previous is not None else "loaded"
        report.rows_loaded = len(rows)
        return report


def ingest_file(engine: Engine, path: Path, **kwargs) -> Report:
    """Load one file from disk (see ingest_bytes)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report = Report(file=path.name)
        report.problems.append(
            Problem("unreadable-file", path.name, detail=exc.strerror or str(exc))
        )
        return report
    return ingest_bytes(engine, data, path.name, **kwargs)
