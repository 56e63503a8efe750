"""One band scale: plan.bands dropped (every plan uses the Permendagri 86/2017 bands of
indicators.bands; the per-plan setting could not be set and would have broken every summary),
and plan_year_status counts indicators with a figure but no target in a column of their own
(they were counted as "no report" there and as reported on the plan's own pages). Every plan is
marked stale so the next reader rebuilds the summary.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch_op:
        batch_op.drop_column("bands")
    with op.batch_alter_table("plan_year_status") as batch_op:
        batch_op.add_column(
            sa.Column("no_target", sa.Integer(), nullable=False, server_default="0")
        )
    op.execute("UPDATE summary_state SET stale = true, changes = changes + 1")


def downgrade() -> None:
    with op.batch_alter_table("plan_year_status") as batch_op:
        batch_op.drop_column("no_target")
    with op.batch_alter_table("plan") as batch_op:
        batch_op.add_column(sa.Column("bands", sa.JSON(), nullable=True))
    op.execute("UPDATE summary_state SET stale = true, changes = changes + 1")
