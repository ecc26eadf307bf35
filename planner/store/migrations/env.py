"""Alembic environment: migrates the connection the planner passes in; there is no alembic.ini.

``planner.store.database`` builds the configuration in code and puts an open connection, inside
a transaction, in ``config.attributes["connection"]``. To write a new revision, do the same
with a database at head and call ``alembic.command.revision(config, message,
autogenerate=True)``, then read the result and edit it by hand.
"""

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

from planner.store.models import UTCDateTime

target_metadata = SQLModel.metadata


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render the models' column types as plain SQLAlchemy ones.

    A migration is frozen history: it must not import the models it was generated from.
    """
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    if type_ == "type" and isinstance(obj, AutoString):
        return "sa.String()"
    return False


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters a table by copying it
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if context.is_offline_mode() or not isinstance(_connection, Connection):
    raise RuntimeError(
        "The planner's migrations run only on a connection passed in "
        'config.attributes["connection"] (see planner.store.database).'
    )
run_migrations(_connection)
