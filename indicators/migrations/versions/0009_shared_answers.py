"""Shared answers: a partial index on the audit events that are not one plan's figures, so the
newest of them (part of every shared page's version) is found at once however many loads
follow it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

NOT_FIGURES = "action NOT IN ('submission.loaded', 'submission.replaced', 'submission.withdrawn')"


def upgrade() -> None:
    op.create_index(
        "ix_audit_event_not_figures",
        "audit_event",
        ["id"],
        sqlite_where=sa.text(NOT_FIGURES),
        postgresql_where=sa.text(NOT_FIGURES),
    )


def downgrade() -> None:
    op.drop_index("ix_audit_event_not_figures", table_name="audit_event")
