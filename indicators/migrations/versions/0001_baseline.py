"""Baseline: the schema of radtrack's main at commit 15331d8, the last one before migrations.

Frozen here as plain SQLAlchemy tables (never the live models, which move on): a new store is
created from it, and a store that main made without a version table is adopted by it
(indicators.schema: missing tables and indexes added as that main did on every start, then
stamped). Every change after it is a migration of its own.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def baseline_metadata() -> sa.MetaData:
    """The baseline's tables, indexes and enum types."""
    metadata = sa.MetaData()
    sa.Table(
        "region",
        metadata,
        sa.Column("code", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("parent_code", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["parent_code"], ["region.code"]),
        sa.PrimaryKeyConstraint("code"),
        sa.Index("ix_region_parent_code", "parent_code", unique=False),
    )
    sa.Table(
        "agency",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.Index("ix_agency_code", "code", unique=True),
    )
    sa.Table(
        "contextfigure",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("measure", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("citation", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("region_code", "measure", "year"),
        sa.Index("ix_contextfigure_region_code", "region_code", unique=False),
    )
    sa.Table(
        "plan",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("region_code", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("end_year", sa.Integer(), nullable=False),
        sa.Column("legal_basis", sa.String(), nullable=False),
        sa.Column("citation", sa.String(), nullable=False),
        sa.Column("bands", sa.JSON(), nullable=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("review", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.Index("ix_plan_code", "code", unique=True),
        sa.Index("ix_plan_region_code", "region_code", unique=False),
    )
    sa.Table(
        "app_user",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(), nullable=False),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("role", sa.Enum("ADMIN", "UPLOADER", "VIEWER", name="role"), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.Index("ix_app_user_username", "username", unique=True),
    )
    sa.Table(
        "audit_event",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.Index("ix_audit_event_at", "at", unique=False),
    )
    sa.Table(
        "budget_summary",
        metadata,
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("subgroup_number", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("budget", sa.Float(), nullable=True),
        sa.Column("spent", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.PrimaryKeyConstraint("plan_id", "subgroup_number", "agency_id", "year"),
    )
    sa.Table(
        "plan_year_status",
        metadata,
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicators", sa.Integer(), nullable=False),
        sa.Column("reported", sa.Integer(), nullable=False),
        sa.Column("sangat_tinggi", sa.Integer(), nullable=False),
        sa.Column("tinggi", sa.Integer(), nullable=False),
        sa.Column("sedang", sa.Integer(), nullable=False),
        sa.Column("rendah", sa.Integer(), nullable=False),
        sa.Column("sangat_rendah", sa.Integer(), nullable=False),
        sa.Column("no_report", sa.Integer(), nullable=False),
        sa.Column("mean_capaian", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.PrimaryKeyConstraint("plan_id", "year"),
    )
    sa.Table(
        "subgroup",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "number"),
        sa.Index("ix_subgroup_plan_id", "plan_id", unique=False),
    )
    sa.Table(
        "submission",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("LOADED", "REPLACED", "WITHDRAWN", name="submissionstatus"),
            nullable=False,
        ),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("sheet", sa.String(), nullable=False),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.ForeignKeyConstraint(["replaces_id"], ["submission.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.Index("ix_submission_agency_id", "agency_id", unique=False),
        sa.Index("ix_submission_counted", "status", "plan_id", "year", "agency_id", unique=False),
        sa.Index("ix_submission_demo", "is_demo", "status", unique=False),
        sa.Index("ix_submission_plan_id", "plan_id", unique=False),
        sa.Index("ix_submission_sha256", "sha256", unique=False),
        sa.Index(
            "uq_submission_counting_period",
            "plan_id",
            "agency_id",
            "year",
            sa.func.coalesce(sa.column("quarter"), 0),
            unique=True,
            sqlite_where=sa.text("status = 'LOADED'"),
            postgresql_where=sa.text("status = 'LOADED'"),
        ),
    )
    sa.Table(
        "summary_state",
        metadata,
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.PrimaryKeyConstraint("plan_id"),
    )
    sa.Table(
        "pending_upload",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("quarter", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.String(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum("SUBMITTED", "RETURNED", "APPROVED", name="reviewstatus"),
            nullable=False,
        ),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.Index("ix_pending_upload_agency_id", "agency_id", unique=False),
        sa.Index("ix_pending_upload_plan_id", "plan_id", unique=False),
    )
    sa.Table(
        "programme",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subgroup_id", sa.Integer(), nullable=False),
        sa.Column("letter", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["subgroup_id"], ["subgroup.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subgroup_id", "letter"),
        sa.Index("ix_programme_subgroup_id", "subgroup_id", unique=False),
    )
    sa.Table(
        "activity",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("agencies", sa.JSON(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["programme.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("programme_id", "number"),
        sa.Index("ix_activity_programme_id", "programme_id", unique=False),
    )
    sa.Table(
        "indicator",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("statement", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("CUMULATIVE", "RECURRING", "PERCENTAGE", "MILESTONE", name="kind"),
            nullable=False,
        ),
        sa.Column("direction", sa.Enum("HIGHER", "LOWER", name="direction"), nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("year_targets", sa.JSON(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activity.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "code"),
        sa.Index("ix_indicator_activity_id", "activity_id", unique=False),
        sa.Index("ix_indicator_plan_id", "plan_id", unique=False),
    )
    sa.Table(
        "achievement",
        metadata,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(), nullable=True),
        sa.Column("age_group", sa.String(), nullable=True),
        sa.Column("kecamatan", sa.String(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("budget", sa.Float(), nullable=True),
        sa.Column("spent", sa.Float(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("source_sheet", sa.String(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agency.id"]),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"]),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.Index("ix_achievement_agency_id", "agency_id", unique=False),
        sa.Index("ix_achievement_indicator_year", "indicator_id", "year", unique=False),
        sa.Index("ix_achievement_submission_id", "submission_id", unique=False),
    )
    sa.Table(
        "indicator_status",
        metadata,
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("subgroup_number", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Float(), nullable=True),
        sa.Column("realised", sa.Float(), nullable=True),
        sa.Column("capaian", sa.Float(), nullable=True),
        sa.Column("band", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"]),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"]),
        sa.PrimaryKeyConstraint("plan_id", "indicator_id", "year"),
        sa.Index("ix_indicator_status_year", "year", "plan_id", "band", "capaian", unique=False),
    )
    return metadata


def upgrade() -> None:
    baseline_metadata().create_all(op.get_bind())


def downgrade() -> None:
    baseline_metadata().drop_all(op.get_bind())
