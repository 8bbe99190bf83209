"""Alembic environment: migrations run on the connection marsad hands over, or on the
URL in alembic.ini / MARSAD_DB when a developer runs the `alembic` command."""

from alembic import context
from sqlalchemy import create_engine

from marsad.settings import Settings
from marsad.store.schema import metadata


def run(connection) -> None:
    # Batch mode lets SQLite, which cannot ALTER most things, take the same migrations.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with create_engine(context.config.get_main_option("sqlalchemy.url") or Settings().db).begin() as own:
        run(own)
