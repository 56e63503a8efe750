"""Levels: a recurring indicator counting what stands (staff, active kecamatan) is read as a
level (a year is each agency's latest triwulan, the target stands all year), no longer as the
sum of its triwulan. No table changes; every plan's stored summaries were computed the old way,
so each plan is marked stale (its summaries are rebuilt before anyone reads them, and its
version moves on, so no shared answer of the old reading is served).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE summary_state SET stale = TRUE, changes = changes + 1"))


def downgrade() -> None:
    op.execute(sa.text("UPDATE summary_state SET stale = TRUE, changes = changes + 1"))
