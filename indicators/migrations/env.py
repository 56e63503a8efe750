"""Alembic's environment for radtrack.

indicators.schema runs it with a connection already inside a transaction, so a whole upgrade
is one transaction (SQLite included) and a failing step leaves the store as it was. Developers
may also run the `alembic` command from the checkout (alembic.ini), against
RADTRACK_DATABASE_URL, e.g. `alembic revision --autogenerate -m "..."` after changing a model.
"""

from alembic import context
from sqlmodel import SQLModel

from indicators import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from indicators.db import database_url, make_engine

config = context.config


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,  # SQLite alters a table by copying it: alembic's batch mode
        compare_type=True,
        compare_server_default=False,
    )


def run() -> None:
    """Run the migrations on the given connection, or on the store's URL."""
    if context.is_offline_mode():
        raise SystemExit("radtrack migrations run against a store, not as offline SQL")
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    with engine.begin() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run()
