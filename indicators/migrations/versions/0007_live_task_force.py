"""A live task force: agencies with a focal point and an active period, who reports what
(responsibility), the due rule and the reminders sent, and the demo's review states.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (with a default where NOT NULL): no table copy, and on SQLite no
    # reflection of the tables around (a batch would copy each table)
    op.add_column("plan", sa.Column("due_days", sa.Integer(), nullable=True))
    for name in ("secretariat_email", "public_url"):
        op.add_column("plan", sa.Column(name, sa.String(), nullable=False, server_default=""))
    for name in ("focal_name", "focal_email", "focal_phone"):
        op.add_column("agency", sa.Column(name, sa.String(), nullable=False, server_default=""))
    op.add_column(
        "agency", sa.Column("channel", sa.String(), nullable=False, server_default="email")
    )
    op.add_column("agency", sa.Column("active_from", sa.Date(), nullable=True))
    op.add_column("agency", sa.Column("retired_on", sa.Date(), nullable=True))
    op.add_column(
        "pending_upload",
        sa.Column("is_demo", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "responsibility",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id"), nullable=False),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=False),
        sa.Column("activity_id", sa.Integer(), sa.ForeignKey("activity.id"), nullable=False),
        sa.Column("indicator_id", sa.Integer(), sa.ForeignKey("indicator.id"), nullable=True),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
    )
    op.create_index(
        "uq_responsibility",
        "responsibility",
        ["plan_id", "agency_id", "activity_id", sa.text("coalesce(indicator_id, 0)")],
        unique=True,
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id"), nullable=False),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
    )
    op.create_index("ix_reminder_plan_id", "reminder", ["plan_id"])
    op.create_index(
        "uq_reminder_per_day",
        "reminder",
        [
            "plan_id",
            sa.text("coalesce(agency_id, 0)"),
            "year",
            sa.text("coalesce(quarter, 0)"),
            "channel",
            "sent_on",
        ],
        unique=True,
    )


def downgrade() -> None:
    op.drop_table("reminder")
    op.drop_table("responsibility")
    with op.batch_alter_table("pending_upload") as batch_op:
        batch_op.drop_column("is_demo")
    with op.batch_alter_table("agency") as batch_op:
        for name in (
            "retired_on",
            "active_from",
            "channel",
            "focal_phone",
            "focal_email",
            "focal_name",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("plan") as batch_op:
        for name in ("public_url", "secretariat_email", "due_days"):
            batch_op.drop_column(name)
