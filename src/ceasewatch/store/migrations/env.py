"""Alembic environment: runs migrations on the connection the Store hands over (no alembic.ini needed)."""

from alembic import context

from ceasewatch.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table rebuilds for ALTER
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("ceasewatch migrations run online only, through `ceasewatch init`")
run_migrations_online()
