"""Errors of the escalation layer: a bad rules file (file:line:col: field: problem) and failed deliveries."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import CeasewatchError


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a rules file."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # "rules[0].when.killed_at_least"
    expected: str | None = None

    def __str__(self) -> str:
        where = self.file or "<rules>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.expected:
            text += f"; expected {self.expected}"
        return " ".join(text.split())


class RulesFileError(CeasewatchError):
    """A rules file that cannot be used. Nothing from it is loaded; ``errors`` lists every problem."""

    def __init__(self, errors: list[Problem] | Problem):
        self.errors: list[Problem] = [errors] if isinstance(errors, Problem) else list(errors)
        if not self.errors:
            raise ValueError("RulesFileError needs at least one problem")
        first = self.errors[0]
        self.file, self.line, self.column, self.field = first.file, first.line, first.column, first.field
        super().__init__(self._one_line())

    def _one_line(self) -> str:
        text = str(self.errors[0])
        if len(self.errors) > 1:
            more = len(self.errors) - 1
            text += f" (and {more} more error{'s' if more > 1 else ''})"
        return text

    def __str__(self) -> str:
        return self._one_line()

    def details(self) -> str:
        return "\n".join(str(p) for p in self.errors)


class DeliveryError(Exception):
    """One delivery attempt failed (timeout, refused connection, non-2xx answer, SMTP error)."""
