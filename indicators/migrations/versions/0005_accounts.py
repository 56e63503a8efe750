"""Accounts: sessions revocable (app_user.session_version) and a removed account's name free for
a new account (unique among active accounts only; the removed row stays for the audit log).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ACTIVE = sa.text("active")


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.drop_index("ix_app_user_username")
        batch_op.create_index("ix_app_user_username", ["username"], unique=False)
    op.create_index(
        "uq_app_user_active_username",
        "app_user",
        ["username"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )


def downgrade() -> None:
    # two rows of one name (a removed account and its successor) cannot go back to one
    # unique name: the removed ones are renamed, keeping the newest row under the name
    op.execute(
        "UPDATE app_user SET username = username || '~' || CAST(id AS VARCHAR) "
        "WHERE active = false AND username IN ("
        "SELECT username FROM app_user GROUP BY username HAVING COUNT(*) > 1)"
    )
    op.drop_index("uq_app_user_active_username", table_name="app_user")
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.drop_index("ix_app_user_username")
        batch_op.create_index("ix_app_user_username", ["username"], unique=True)
        batch_op.drop_column("session_version")
