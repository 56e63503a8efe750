"""Shared answers: a partial index on the audit events that may change what a page shows, other
than one plan's figures (loads, withdrawals) and what no page shows (logins, reminders sent),
so the newest of them (part of every shared page's version) is found at once however many loads
and logins follow it.

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

# as written here, frozen; indicators.models.OTHER_CHANGES says the same
OTHER_CHANGES = (
    "action NOT IN ('submission.loaded', 'submission.replaced', 'submission.withdrawn', "
    "'login.failed', 'login.succeeded', 'user.logged_out', 'user.password_changed', "
    "'user.added', 'user.removed', 'templates.downloaded', 'reminder.sent', 'reminder.failed')"
)


def upgrade() -> None:
    op.create_index(
        "ix_audit_event_other_changes",
        "audit_event",
        ["id"],
        sqlite_where=sa.text(OTHER_CHANGES),
        postgresql_where=sa.text(OTHER_CHANGES),
    )


def downgrade() -> None:
    op.drop_index("ix_audit_event_other_changes", table_name="audit_event")
