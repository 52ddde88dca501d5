"""Persistence: the Store (SQLAlchemy 2 on SQLite or PostgreSQL) and its Alembic migrations."""

from .errors import ConflictError, NotFoundError, StoreError
from .store import AddResult, AuditCheck, Store, default_url

__all__ = ["AddResult", "AuditCheck", "ConflictError", "NotFoundError", "Store", "StoreError", "default_url"]
