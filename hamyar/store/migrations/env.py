"""Alembic environment: migrations always run on the connection hamyar hands over."""

from alembic import context

from hamyar.store.schema import Base
from hamyar.store.schema_history import EvaluationRow  # noqa: F401 (registers the table)
from hamyar.store.schema_users import UserRow  # noqa: F401 (registers the tables)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
