"""Errors raised by the store."""

from ..errors import CeasewatchError


class StoreError(CeasewatchError):
    """The database cannot be used as asked (bad URL, not initialised, newer schema, I/O failure)."""


class NotFoundError(StoreError):
    pass


class ConflictError(StoreError):
    """A concurrent or contradictory change was refused; nothing was written."""
