"""Semesters: submission.semester and achievement.semester, and the one-counting-report index
keyed on them too (a semester report and an annual one of the same year are different periods).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WHERE = sa.text("status = 'LOADED'")


def _counting_index(*columns) -> None:
    op.create_index(
        "uq_submission_counting_period",
        "submission",
        ["plan_id", "agency_id", "year", *columns],
        unique=True,
        sqlite_where=WHERE,
        postgresql_where=WHERE,
    )


def upgrade() -> None:
    # plain ADD COLUMN: SQLite's batch mode would copy the table and lose the expression index
    op.add_column("submission", sa.Column("semester", sa.Integer(), nullable=True))
    op.add_column("achievement", sa.Column("semester", sa.Integer(), nullable=True))
    op.drop_index("uq_submission_counting_period", table_name="submission", if_exists=True)
    _counting_index(
        sa.text("coalesce(quarter, 0)"),
        sa.text("coalesce(semester, 0)"),
    )


def downgrade() -> None:
    op.drop_index("uq_submission_counting_period", table_name="submission", if_exists=True)
    with op.batch_alter_table("achievement") as batch_op:
        batch_op.drop_column("semester")
    with op.batch_alter_table("submission") as batch_op:
        batch_op.drop_column("semester")
    _counting_index(sa.text("coalesce(quarter, 0)"))  # after the copies, which drop it on SQLite
