"""Documents: narratives per bidang and period (faktor pendorong, penghambat, tindak lanjut) with
provenance, and the words of the place per plan (planning agency, place, signatories).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name in ("planning_agency", "place"):
        op.add_column("plan", sa.Column(name, sa.String(), nullable=False, server_default=""))
    op.add_column("plan", sa.Column("signatories", sa.JSON(), nullable=True))
    op.create_table(
        "narrative",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id"), nullable=False),
        sa.Column("subgroup_number", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), sa.ForeignKey("indicator.id"), nullable=True),
        sa.Column("agency_id", sa.Integer(), sa.ForeignKey("agency.id"), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=True),
        sa.Column("pendorong", sa.String(), nullable=False),
        sa.Column("penghambat", sa.String(), nullable=False),
        sa.Column("tindak_lanjut", sa.String(), nullable=False),
        sa.Column("submission_id", sa.Integer(), sa.ForeignKey("submission.id"), nullable=True),
        sa.Column("source_sheet", sa.String(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("written_by", sa.String(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_narrative_plan_year", "narrative", ["plan_id", "year"])
    op.create_index("ix_narrative_submission_id", "narrative", ["submission_id"])


def downgrade() -> None:
    op.drop_table("narrative")
    with op.batch_alter_table("plan") as batch_op:
        for name in ("signatories", "place", "planning_agency"):
            batch_op.drop_column(name)
