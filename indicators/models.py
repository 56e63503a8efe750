"""The store's tables: a RAD catalogue, the agencies that report on it, and what they reported.

Aggregate counts only: no table here may ever hold a person-level record of a victim.
"""

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint, column, func, text
from sqlmodel import Field, SQLModel


class Kind(StrEnum):
    """How an indicator's values add up; declared once per indicator, applied everywhere."""

    CUMULATIVE = "cumulative"  # counts add up over the years; target is the plan-period total
    RECURRING = "recurring"  # a level or count to reach each year; target is per year
    PERCENTAGE = "percentage"  # the latest value counts; target is a percentage
    MILESTONE = "milestone"  # exists or not; target is 1 (done)


class Direction(StrEnum):
    """Whether more is better (people trained) or less is better (cases, victims)."""

    HIGHER = "higher"
    LOWER = "lower"


class SubmissionStatus(StrEnum):
    """Life of an uploaded file: it counts while `loaded`, and stops counting once replaced by
    a newer file for the same period or withdrawn by the secretariat (with a reason)."""

    LOADED = "loaded"
    REPLACED = "replaced"
    WITHDRAWN = "withdrawn"


def utcnow() -> datetime:
    """Timezone-aware now, for timestamps stored in UTC."""
    return datetime.now(UTC)


class Region(SQLModel, table=True):
    """A province or kabupaten/kota, keyed by its Kemendagri code as text (53.10, not 53.1)."""

    code: str = Field(primary_key=True, max_length=13)
    name: str
    level: str  # provinsi, kabupaten, kota
    parent_code: str | None = Field(default=None, foreign_key="region.code", index=True)


class Plan(SQLModel, table=True):
    """A regional action plan (RAD) of one task force."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    region_code: str = Field(foreign_key="region.code", index=True)
    title: str
    start_year: int
    end_year: int
    legal_basis: str = ""
    citation: str = ""
    # Anonymous visitors see a plan only once the secretariat publishes it.
    published: bool = False
    # Uploads by agency accounts wait for the secretariat's approval before they count.
    review: bool = True
    # Public suppression of sensitive indicators (indicators.disclosure): counts below k are
    # withheld from anonymous visitors; None means disclosure.DEFAULT_K. Kecamatan detail of a
    # sensitive indicator is published only when publish_kecamatan is set.
    k_threshold: int | None = None
    publish_kecamatan: bool = False
    # When a period's report is due (indicators.compliance.due_date): None is the end of the
    # month after the period; a number is that many working days after the period ends
    # (Saturdays, Sundays and Indonesian public holidays not counted).
    due_days: int | None = None
    # Where `radtrack remind` sends the secretariat's digest; the upload link it gives.
    secretariat_email: str = ""
    public_url: str = ""
    # Words of the place, for the documents radtrack makes: the planning agency as the plan
    # names it (TTU: BAPELITBANG; "" is Bappeda), where documents are signed, and who signs
    # them ({"disusun": {"name", "nip", "title"}, "dievaluasi": {...}}): settings, never
    # invented (an unset name is a blank line to fill by hand).
    planning_agency: str = ""
    place: str = ""
    signatories: dict = Field(default_factory=dict, sa_column=Column(JSON))


class SubGroup(SQLModel, table=True):
    """A bidang / sub gugus tugas; sub-groups belong to the plan, never to code."""

    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    number: int
    name: str
    aliases: list = Field(default_factory=list, sa_column=Column(JSON))


class Programme(SQLModel, table=True):
    """A programme (a., b., ...) of a sub-group."""

    __table_args__ = (UniqueConstraint("subgroup_id", "letter"),)
    id: int | None = Field(default=None, primary_key=True)
    subgroup_id: int = Field(foreign_key="subgroup.id", index=True)
    letter: str
    name: str


class Activity(SQLModel, table=True):
    """An activity (kegiatan) of a programme."""

    __table_args__ = (UniqueConstraint("programme_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    programme_id: int = Field(foreign_key="programme.id", index=True)
    number: int
    name: str
    agencies: list = Field(default_factory=list, sa_column=Column(JSON))
    note: str = ""


class Indicator(SQLModel, table=True):
    """An indicator with its target, as the RAD states it.

    `target` is the number the RAD gives, read according to `kind` (see Kind). `year_targets`
    optionally overrides it per year as {"2019": 12, ...}.
    """

    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    code: str
    position: int = 0
    statement: str
    unit: str = ""
    kind: Kind
    direction: Direction = Direction.HIGHER
    target: float | None = None
    year_targets: dict | None = Field(default=None, sa_column=Column(JSON))
    note: str = ""
    # Set when a revised catalogue dropped an indicator that has figures: it is kept (with its
    # figures, in exports with a flag) but leaves every current view; None while in the plan.
    retired_at: datetime | None = None
    # Counts victims or cases: anonymous visitors see its small counts suppressed (see
    # indicators.disclosure).
    sensitive: bool = False


class Agency(SQLModel, table=True):
    """A reporting member of the task force: OPD, police, NGO or international partner."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    name: str
    kind: str  # government, police, ngo, international
    region_code: str | None = Field(default=None, foreign_key="region.code")
    aliases: list = Field(default_factory=list, sa_column=Column(JSON))  # names agencies write
    source: str = ""
    # The person who answers for the agency's reports, and how reminders reach them
    # ("email", or "whatsapp": the admin page offers a wa.me link to send by hand).
    focal_name: str = ""
    focal_email: str = ""
    focal_phone: str = ""  # E.164 without '+', e.g. 6281234567890
    channel: str = "email"
    # Member of the task force from / until (inclusive); a retired agency keeps every figure
    # and its history but is expected to report nothing after `retired_on`.
    active_from: date | None = None
    retired_on: date | None = None


class Responsibility(SQLModel, table=True):
    """Who reports what: an agency answers for one indicator, or for every indicator of one
    activity (indicator_id None), in a plan; `lead` marks the agency that leads it."""

    __table_args__ = (
        # one row per agency and activity or indicator (NULLs are distinct to a plain UNIQUE)
        Index(
            "uq_responsibility",
            "plan_id",
            "agency_id",
            "activity_id",
            func.coalesce(column("indicator_id"), 0),
            unique=True,
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    agency_id: int = Field(foreign_key="agency.id")
    activity_id: int = Field(foreign_key="activity.id")
    indicator_id: int | None = Field(default=None, foreign_key="indicator.id")
    lead: bool = False
    source: str = ""  # the file it was imported from, or "dasbor"
    is_demo: bool = False  # set by `radtrack demo`, removed by `radtrack demo --remove`


class Reminder(SQLModel, table=True):
    """A reminder sent: to an agency's focal point for one period, or the secretariat's digest
    (agency_id None, year 0). At most one per plan, agency, period, channel and day."""

    __table_args__ = (
        Index(
            "uq_reminder_per_day",
            "plan_id",
            func.coalesce(column("agency_id"), 0),
            "year",
            func.coalesce(column("quarter"), 0),
            "channel",
            "sent_on",
            unique=True,
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    year: int
    quarter: int | None = None
    channel: str  # email, whatsapp, digest
    recipient: str
    sent_on: date
    at: datetime = Field(default_factory=utcnow)
    actor: str = ""


class Submission(SQLModel, table=True):
    """One uploaded file for one agency and period."""

    __table_args__ = (
        # At most one counting submission per plan, agency and period, whatever races: two
        # uploads committing at the same moment cannot both count (the second is refused).
        Index(
            "uq_submission_counting_period",
            "plan_id",
            "agency_id",
            "year",
            func.coalesce(column("quarter"), 0),
            func.coalesce(column("semester"), 0),
            unique=True,
            # the column holds the enum's name (SQLAlchemy's Enum default)
            sqlite_where=text("status = 'LOADED'"),
            postgresql_where=text("status = 'LOADED'"),
        ),
        # "is any counted figure demo data?" is asked on every page
        Index("ix_submission_demo", "is_demo", "status"),
        # who reported per plan and year (compliance of every plan): answered from the index
        Index("ix_submission_counted", "status", "plan_id", "year", "agency_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    year: int
    quarter: int | None = None
    semester: int | None = None  # 1 (Jan-Jun) or 2 (Jul-Dec); with quarter None
    file_name: str
    sha256: str = Field(index=True, max_length=64)
    uploaded_at: datetime = Field(default_factory=utcnow)
    uploaded_by: str = ""
    status: SubmissionStatus = SubmissionStatus.LOADED
    is_demo: bool = False
    row_count: int = 0
    sheet: str = ""
    replaces_id: int | None = Field(default=None, foreign_key="submission.id")
    # What this file changed against the submission it replaced (kept as history):
    # {"added": [...], "changed": [{"key": ..., "old": ..., "new": ...}], "removed": [...]}
    changes: dict | None = Field(default=None, sa_column=Column(JSON))


class Achievement(SQLModel, table=True):
    """One reported value: indicator x agency x period (x optional disaggregation)."""

    __table_args__ = (Index("ix_achievement_indicator_year", "indicator_id", "year"),)
    id: int | None = Field(default=None, primary_key=True)
    # no index of its own: ix_achievement_indicator_year (indicator_id, year) serves lookups by it
    indicator_id: int = Field(foreign_key="indicator.id")
    agency_id: int = Field(foreign_key="agency.id", index=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    year: int
    quarter: int | None = None
    semester: int | None = None  # a six-monthly figure: 1 (Jan-Jun) or 2 (Jul-Dec)
    sex: str | None = None
    age_group: str | None = None
    kecamatan: str | None = None
    value: float | None = None  # milestones: 1 done, 0 not yet
    budget: float | None = None  # pagu, Rp
    spent: float | None = None  # realisasi anggaran, Rp
    note: str = ""
    source_sheet: str = ""
    source_row: int = 0
    is_demo: bool = False


class ContextFigure(SQLModel, table=True):
    """A published figure about trafficking in a region, always with its citation."""

    __table_args__ = (UniqueConstraint("region_code", "measure", "year"),)
    id: int | None = Field(default=None, primary_key=True)
    region_code: str = Field(foreign_key="region.code", index=True)
    measure: str
    year: int
    value: float
    unit: str = ""
    period: str = ""
    note: str = ""
    citation: str


class IndicatorStatus(SQLModel, table=True):
    """Materialised status of an indicator in a plan year (year 0: the whole plan period), as
    indicators.progress computes it, demo figures included as the dashboard shows them.

    A summary for the all-plans views, like DHIS2's analytics tables: rebuilt per plan by
    indicators.summary whenever the plan's figures or catalogue changed; never edited by hand.
    """

    __tablename__ = "indicator_status"
    # the all-plans views read one year of every plan: a covering index answers them
    __table_args__ = (Index("ix_indicator_status_year", "year", "plan_id", "band", "capaian"),)
    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", primary_key=True)
    year: int = Field(primary_key=True)  # 0: the whole plan period
    subgroup_number: int
    expected: float | None = None
    realised: float | None = None
    capaian: float | None = None
    band: str


class BudgetSummary(SQLModel, table=True):
    """Materialised pagu and realisasi per plan, bidang, agency and year (see IndicatorStatus)."""

    __tablename__ = "budget_summary"
    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    subgroup_number: int = Field(primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True)
    year: int = Field(primary_key=True)
    budget: float | None = None
    spent: float | None = None


class PlanYearStatus(SQLModel, table=True):
    """Materialised per plan year (0: the whole period): indicators, how many reported, how many
    fall in each band, and the mean capaian of the reported ones (each capped at 100 %); what
    the all-plans overview shows, one row per plan (see IndicatorStatus). `public` rows are the
    same counts as anonymous visitors see them (sensitive figures withheld, see
    indicators.disclosure); the others are what signed-in readers see."""

    __tablename__ = "plan_year_status"
    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    public: bool = Field(default=False, primary_key=True)
    year: int = Field(primary_key=True)
    indicators: int = 0
    reported: int = 0
    sangat_tinggi: int = 0
    tinggi: int = 0
    sedang: int = 0
    rendah: int = 0
    sangat_rendah: int = 0
    no_report: int = 0
    no_target: int = 0  # a figure, but no target to measure it against: reported, in no band
    suppressed: int = 0  # public rows: indicators whose figure is withheld
    mean_capaian: float | None = None


class SummaryState(SQLModel, table=True):
    """Whether a plan's summaries are behind its figures: set in the transaction that changes
    them, cleared by the refresh."""

    __tablename__ = "summary_state"
    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    stale: bool = True
    changes: int = 0  # bumped by every marking: a refresh only clears what it has seen
    marked_at: datetime | None = None  # with `changes`, the version of the plan's figures
    refreshed_at: datetime | None = None


class Role(StrEnum):
    """What an account may do (see dashboard.auth for where it is enforced)."""

    ADMIN = "admin"  # the secretariat: agencies, plans, users, publishing, every upload
    UPLOADER = "uploader"  # one agency: upload and correct that agency's reports only
    VIEWER = "viewer"  # internal read of every plan


class User(SQLModel, table=True):
    """An account. Only an argon2 hash of the password is stored. A removed account stays (the
    audit log names it) and its name may be given to a new account: unique among active ones."""

    __tablename__ = "app_user"
    __table_args__ = (
        Index(
            "uq_app_user_active_username",
            "username",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True)
    password_hash: str
    role: Role
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    # Part of every session's id: bumped by logout, a new password or removal, which ends every
    # session of the account, copied cookies included.
    session_version: int = 0


# The audit actions that change only their plan's figures: their plan's summary state moves
# with them (indicators.summary.mark_stale), so readers of other plans need not notice them.
FIGURE_ACTIONS = ("submission.loaded", "submission.replaced", "submission.withdrawn")
# The actions that change nothing an anonymous reader's page or table shows (who is signed in,
# a reminder sent, templates fetched): a shared answer stays right through them. The role a
# reader has (open dashboard or anonymous) is worked out per request.
UNSEEN_ACTIONS = (
    "login.failed",
    "login.succeeded",
    "user.logged_out",
    "user.password_changed",
    "user.added",
    "user.removed",
    "templates.downloaded",
    "reminder.sent",
    "reminder.failed",
)
OTHER_CHANGES = "action NOT IN ({})".format(
    ", ".join(f"'{a}'" for a in (*FIGURE_ACTIONS, *UNSEEN_ACTIONS))
)


class AuditEvent(SQLModel, table=True):
    """One change to the store: who, when, what, and the counts before and after."""

    __tablename__ = "audit_event"
    __table_args__ = (
        # the newest event that may change what any page shows, other than one plan's figures:
        # found at once however many loads and logins follow it (dashboard.answers keys every
        # shared answer by it, besides its plan's version)
        Index(
            "ix_audit_event_other_changes",
            "id",
            sqlite_where=text(OTHER_CHANGES),
            postgresql_where=text(OTHER_CHANGES),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str  # a username, or how the change was made ("command line", "open dashboard")
    action: str  # submission.loaded, submission.replaced, user.added, plan.published, ...
    target: str  # what it touched: a file, a username, a plan code
    plan_id: int | None = Field(default=None, foreign_key="plan.id")
    detail: dict | None = Field(default=None, sa_column=Column(JSON))


class ReviewStatus(StrEnum):
    """Where an agency's upload stands with the secretariat."""

    SUBMITTED = "submitted"  # waiting for review; counts nowhere yet
    RETURNED = "returned"  # sent back with a reason; counts nowhere
    APPROVED = "approved"  # loaded through the normal ingest: now a counting submission


class PendingUpload(SQLModel, table=True):
    """An upload by an agency account that waits for review: the file itself, as sent, and
    what the check said about it. Approval loads it through the same ingest as any file."""

    __tablename__ = "pending_upload"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    year: int | None = None
    quarter: int | None = None
    file_name: str
    sha256: str = Field(max_length=64)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    rows: int = 0
    uploaded_by: str
    uploaded_at: datetime = Field(default_factory=utcnow)
    status: ReviewStatus = ReviewStatus.SUBMITTED
    reason: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    submission_id: int | None = Field(default=None, foreign_key="submission.id")
    is_demo: bool = False  # the demo's waiting and returned uploads


class Narrative(SQLModel, table=True):
    """What an agency or the secretariat says of a period, per bidang (and optionally per
    indicator): faktor pendorong, faktor penghambat (kendala), tindak lanjut. With provenance
    like a figure: from a file (submission, sheet, row; it counts while its submission does)
    or written on the dashboard (by whom, when; a newer text for the same place replaces it,
    kept as history)."""

    __table_args__ = (Index("ix_narrative_plan_year", "plan_id", "year"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    subgroup_number: int
    indicator_id: int | None = Field(default=None, foreign_key="indicator.id")
    agency_id: int | None = Field(default=None, foreign_key="agency.id")  # None: secretariat
    year: int
    quarter: int | None = None
    pendorong: str = ""
    penghambat: str = ""
    tindak_lanjut: str = ""
    submission_id: int | None = Field(default=None, foreign_key="submission.id", index=True)
    source_sheet: str = ""
    source_row: int = 0
    written_by: str = ""
    written_at: datetime = Field(default_factory=utcnow)
    replaced_at: datetime | None = None
    is_demo: bool = False
