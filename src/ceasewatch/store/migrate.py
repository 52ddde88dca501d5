"""Schema migrations with Alembic, run programmatically on the Store's own connection."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from .errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def verify_revision(revision: str) -> None:
    if revision not in known_revisions():
        raise StoreError(f"the database schema (revision {revision}) is newer than this ceasewatch "
                         f"(newest known {head_revision()}): upgrade ceasewatch; nothing was changed")


def upgrade_to_head(connection: Connection) -> str:
    revision = current_revision(connection)
    if revision is not None:
        verify_revision(revision)
    command.upgrade(_config(connection), "head")
    return head_revision()
