"""Data files people edit (YAML or JSON): parsed to plain values with the position of every value, and
problems reported one per line as ``file:line:column: field: what is wrong; expected ...``.

Agreement files and escalation rules share this, so every file a user writes gets the same kind of error.
Dates and timestamps are kept as the ISO strings written in the file (so the value is JSON as-is); the
callers' schemas parse them. Duplicate keys are errors, as they silently drop data otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import CeasewatchError


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a data file."""

    message: str  # what is wrong, without the location
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # "commitments[0].targets[2]"; None for the whole file
    expected: str | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
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


class FileProblemsError(CeasewatchError):
    """A data file that cannot be used; nothing from it is loaded.

    ``file``, ``line``, ``column``, ``field`` and ``expected`` describe the first problem; ``errors`` holds
    every problem found (``str()`` shows the first and how many more there are).
    """

    def __init__(self, errors: list[Problem] | Problem):
        self.errors: list[Problem] = [errors] if isinstance(errors, Problem) else list(errors)
        if not self.errors:
            raise ValueError(f"{type(self).__name__} needs at least one problem")
        first = self.errors[0]
        self.file, self.line, self.column = first.file, first.line, first.column
        self.field, self.expected = first.field, first.expected
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


Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

_BOOL_TRUE = {"yes", "true", "on", "y"}
_CONSTRUCTOR = yaml.SafeLoader("")  # only its scalar constructors are used


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in _BOOL_TRUE
    if tag == "tag:yaml.org,2002:int":
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == "tag:yaml.org,2002:float":
        return _CONSTRUCTOR.construct_yaml_float(node)
    return value  # str, timestamp (kept as written), anything else as text


def _convert(node: yaml.Node, path: Path_, positions: Positions, problems: list[Problem], file: str) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*path, i), positions, problems, file) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem("a mapping key must be a plain name", file,
                                        key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        dotted(path) or None))
                continue
            key = str(key_node.value)
            if key in out:
                problems.append(Problem(f"duplicate key '{key}'", file, key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1, dotted((*path, key)),
                                        "each key once per mapping"))
                continue
            out[key] = _convert(value_node, (*path, key), positions, problems, file)
        return out
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover


def dotted(path: Path_) -> str:
    """The path of a value as people write it: commitments[0].targets[2]."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text




def read_text_file(path: Path, error: type[FileProblemsError] = FileProblemsError) -> tuple[str, bytes]:
    """A UTF-8 file's text (a BOM is dropped) and bytes, or ``error`` saying why it cannot be read."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(Problem(f"cannot read the file: {exc.strerror or exc}", name)) from None
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(Problem("the file is not UTF-8 text", name, line, None, None, "UTF-8")) from None


def load_marked(text: str, file: str, *, is_json: bool = False,
                error: type[FileProblemsError] = FileProblemsError,
                expected: str = "a mapping") -> tuple[Any, Positions]:
    """Parse ``text``; return (plain value, positions) or raise ``error`` naming ``file:line:col``.

    ``expected`` says what an empty file should have held (for the message).
    """
    if is_json:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise error(Problem(f"JSON syntax error: {exc.msg}", file, exc.lineno, exc.colno,
                                             None, "valid JSON")) from None
        # JSON's values are authoritative; the YAML composer only supplies positions (and finds duplicate
        # keys). Tabs may only be whitespace in JSON, so replacing them keeps every line and column.
        positions: Positions = {}
        problems: list[Problem] = []
        try:
            node = yaml.compose(text.replace("\t", " "), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            node = None
        if node is not None:
            _convert(node, (), positions, problems, file)
        if problems:
            raise error(problems)
        return value, positions
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise error(Problem(f"YAML syntax error: {problem}", file,
                                         mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                                         None, "valid YAML")) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise error(Problem(f"YAML error: {exc}", file, None, None, None, "valid YAML")) from None
    if node is None:
        raise error(Problem("the file is empty", file, 1, 1, None, expected))
    positions: Positions = {}
    problems: list[Problem] = []
    value = _convert(node, (), positions, problems, file)
    if problems:
        raise error(problems)
    return value, positions
