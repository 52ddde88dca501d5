"""AgreementFileError: one readable line per problem, naming the file, the line, the field and what was expected."""

from __future__ import annotations

from dataclasses import dataclass

try:  # the project-wide base of user-facing errors, when present
    from ..errors import CeasewatchError as _Base
except ImportError:  # pragma: no cover - older trees
    _Base = Exception


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an agreement file."""

    message: str  # what is wrong, without the location
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # "commitments[0].targets[2]"; None for the whole file
    expected: str | None = None

    def __str__(self) -> str:
        where = self.file or "<agreement>"
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
        return " ".join(text.split())  # always one line


class AgreementFileError(_Base):
    """An agreement file (or dict) that cannot be loaded. Nothing from it is loaded.

    ``file``, ``line``, ``column``, ``field`` and ``expected`` describe the first problem; ``errors`` holds
    every problem found (``str()`` shows the first and how many more there are).
    """

    def __init__(self, errors: list[Problem] | Problem):
        self.errors: list[Problem] = [errors] if isinstance(errors, Problem) else list(errors)
        if not self.errors:
            raise ValueError("AgreementFileError needs at least one problem")
        first = self.errors[0]
        self.file = first.file
        self.line = first.line
        self.column = first.column
        self.field = first.field
        self.expected = first.expected
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
        """Every problem, one per line."""
        return "\n".join(str(p) for p in self.errors)
