"""AgreementFileError: one readable line per problem, naming the file, the line, the field and what was expected."""

from __future__ import annotations

from ..datafile import FileProblemsError, Problem

__all__ = ["AgreementFileError", "Problem"]


class AgreementFileError(FileProblemsError):
    """An agreement file (or dict) that cannot be loaded. Nothing from it is loaded."""
