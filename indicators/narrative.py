"""Narratives: faktor pendorong, faktor penghambat (kendala) and tindak lanjut per bidang (and
optionally per indicator) and period, as agencies write them in their reports' "Narasi" sheet
and the secretariat on the dashboard.

Provenance like a figure's: a text from a file carries its submission, sheet and row, and counts
while that submission counts (a corrected file replaces it, a withdrawn one takes it along); a
text written on the dashboard carries who and when, and a newer one for the same place replaces
it (replaced_at set, kept as history).
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import update
from sqlmodel import Session, or_, select

from indicators import audit
from indicators.models import (
    Agency,
    Indicator,
    Narrative,
    Plan,
    Submission,
    SubmissionStatus,
    utcnow,
)

FIELDS = ("pendorong", "penghambat", "tindak_lanjut")
LIMIT = 4000  # characters of one text: a paragraph or a few, never a whole report


@dataclass
class Texts:
    pendorong: str = ""
    penghambat: str = ""
    tindak_lanjut: str = ""

    def clean(self) -> "Texts":
        return Texts(*(" ".join(str(getattr(self, f) or "").split())[:LIMIT] for f in FIELDS))

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f) for f in FIELDS)


def write(
    session: Session,
    plan: Plan,
    subgroup: int,
    year: int,
    quarter: int | None,
    texts: Texts,
    actor: str,
    indicator_id: int | None = None,
) -> Narrative:
    """The secretariat's text for a bidang (or an indicator) and period, replacing its earlier
    one (kept as history), audited, in the caller's transaction."""
    texts = texts.clean()
    now = utcnow()
    session.connection().execute(
        update(Narrative)
        .where(
            Narrative.plan_id == plan.id,
            Narrative.subgroup_number == subgroup,
            Narrative.year == year,
            Narrative.quarter.is_(None) if quarter is None else Narrative.quarter == quarter,
            Narrative.indicator_id.is_(None)
            if indicator_id is None
            else Narrative.indicator_id == indicator_id,
            Narrative.agency_id.is_(None),
            Narrative.submission_id.is_(None),
            Narrative.replaced_at.is_(None),
        )
        .values(replaced_at=now)
    )
    row = Narrative(
        plan_id=plan.id,
        subgroup_number=subgroup,
        indicator_id=indicator_id,
        year=year,
        quarter=quarter,
        written_by=actor,
        written_at=now,
        **{f: getattr(texts, f) for f in FIELDS},
    )
    session.add(row)
    session.flush()
    period = f"{year}" + (f" TW {quarter}" if quarter else "")
    audit.record(session, actor, "narrative.written", f"bidang {subgroup}", plan.id, period=period)
    return row


def current(
    session: Session,
    plan: Plan,
    year: int | None = None,
    agency: str | None = None,
    include_demo: bool = False,
) -> pd.DataFrame:
    """Every narrative that counts, with its provenance: from a counted file, or the newest
    dashboard text of its place. Columns: subgroup, indicator, agency ("" for the
    secretariat), year, quarter, the three texts, source (file, sheet, row or "dasbor"), by,
    at, demo."""
    query = (
        select(Narrative, Agency.code, Indicator.code, Submission.file_name)
        .join(Agency, Narrative.agency_id == Agency.id, isouter=True)
        .join(Indicator, Narrative.indicator_id == Indicator.id, isouter=True)
        .join(Submission, Narrative.submission_id == Submission.id, isouter=True)
        .where(
            Narrative.plan_id == plan.id,
            or_(
                Submission.status == SubmissionStatus.LOADED,
                (Narrative.submission_id.is_(None)) & (Narrative.replaced_at.is_(None)),
            ),
        )
        .order_by(Narrative.subgroup_number, Narrative.year, Narrative.quarter, Narrative.id)
    )
    if year is not None:
        query = query.where(Narrative.year == year)
    if agency:
        query = query.where(Agency.code == agency.upper())
    if not include_demo:
        query = query.where(Narrative.is_demo == False)  # noqa: E712
    records = []
    for n, agency_code, indicator_code, file_name in session.exec(query):
        source = f"{file_name}, {n.source_sheet}, {n.source_row}" if n.submission_id else "dasbor"
        records.append(
            {
                "subgroup": n.subgroup_number,
                "indicator": indicator_code or "",
                "agency": agency_code or "",
                "year": n.year,
                "quarter": n.quarter,
                **{f: getattr(n, f) for f in FIELDS},
                "source": source,
                "by": n.written_by,
                "at": n.written_at,
                "demo": n.is_demo,
            }
        )
    columns = ["subgroup", "indicator", "agency", "year", "quarter", *FIELDS]
    return pd.DataFrame.from_records(records, columns=[*columns, "source", "by", "at", "demo"])


def joined(table: pd.DataFrame, field: str) -> str:
    """One text of the rows of `table` for a document: each bidang's (and agency's) text with
    its origin, one after another ('Bidang 2 (DINSOS): ...')."""
    parts = []
    for r in table.itertuples():
        text = getattr(r, field)
        if text:
            who = r.agency or "sekretariat"
            where = f"Bidang {r.subgroup}" + (f", {r.indicator}" if r.indicator else "")
            parts.append(f"{where} ({who}): {text}")
    return " ".join(parts)
