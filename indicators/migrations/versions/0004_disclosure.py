"""Suppression of sensitive counts for anonymous visitors: indicator.sensitive, the plan's
threshold k and kecamatan setting, and plan_year_status kept twice (signed-in and public).

plan_year_status is a materialised summary: it is rebuilt with `public` in its key and every
plan is marked stale, so the next reader refreshes it from the figures.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COUNTS = (
    "indicators",
    "reported",
    "sangat_tinggi",
    "tinggi",
    "sedang",
    "rendah",
    "sangat_rendah",
    "no_report",
)


def _year_status(public: bool) -> sa.Table:
    columns = [
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.Column("mean_capaian", sa.Float(), nullable=True),
    ]
    key = ["plan_id", "year"]
    if public:
        columns.insert(1, sa.Column("public", sa.Boolean(), nullable=False))
        columns.append(sa.Column("suppressed", sa.Integer(), nullable=False))
        key = ["plan_id", "public", "year"]
    return op.create_table("plan_year_status", *columns, sa.PrimaryKeyConstraint(*key))


def _rebuild(public: bool) -> None:
    """plan_year_status made again with or without `public`, keeping the signed-in rows."""
    kept = ", ".join(("plan_id", "year", *COUNTS, "mean_capaian"))
    where = " WHERE public = false" if not public else ""
    rows = [dict(r._mapping) for r in op.get_bind().execute(
        sa.text(f"SELECT {kept} FROM plan_year_status{where}")
    )]  # fmt: skip
    op.drop_table("plan_year_status")
    table = _year_status(public)
    if public:
        rows = [{**r, "public": False, "suppressed": 0} for r in rows]
    if rows:
        op.bulk_insert(table, rows)


def _all_stale() -> None:
    op.execute("UPDATE summary_state SET stale = true, changes = changes + 1")


def upgrade() -> None:
    with op.batch_alter_table("indicator") as batch_op:
        batch_op.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("plan") as batch_op:
        batch_op.add_column(sa.Column("k_threshold", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("publish_kecamatan", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    _rebuild(public=True)
    _all_stale()  # the public rows are made by the next refresh


def downgrade() -> None:
    _rebuild(public=False)
    with op.batch_alter_table("plan") as batch_op:
        batch_op.drop_column("publish_kecamatan")
        batch_op.drop_column("k_threshold")
    with op.batch_alter_table("indicator") as batch_op:
        batch_op.drop_column("sensitive")
