"""The Alembic migrations produce exactly the schema the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from ceasewatch.store import Store
from ceasewatch.store.schema import Base


def test_migrated_schema_matches_declared_metadata(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_init_is_idempotent(store: Store) -> None:
    assert store.init() == store.init() == store.revision()
