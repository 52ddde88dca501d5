"""Errors of the escalation layer: a bad rules file (file:line:col: field: problem) and failed deliveries."""

from __future__ import annotations

from ..datafile import FileProblemsError, Problem

__all__ = ["DeliveryError", "Problem", "RulesFileError"]


class RulesFileError(FileProblemsError):
    """A rules file that cannot be used. Nothing from it is loaded; ``errors`` lists every problem."""


class DeliveryError(Exception):
    """One delivery attempt failed (timeout, refused connection, non-2xx answer, SMTP error)."""
