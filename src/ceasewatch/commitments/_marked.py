"""YAML/JSON to plain JSON-able values, keeping where each value sits in the file (1-based line and column).

Dates and timestamps are kept as the ISO strings written in the file (so the raw dict is JSON as-is); the
schema and the converter parse them. Duplicate keys are errors, as they silently drop data otherwise.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from .errors import Problem

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
                                        _dotted(path) or None))
                continue
            key = str(key_node.value)
            if key in out:
                problems.append(Problem(f"duplicate key '{key}'", file, key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1, _dotted((*path, key)),
                                        "each key once per mapping"))
                continue
            out[key] = _convert(value_node, (*path, key), positions, problems, file)
        return out
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


dotted = _dotted


def load_marked(text: str, file: str, *, is_json: bool = False) -> tuple[Any, Positions]:
    """Parse ``text``; return (plain value, positions) or raise AgreementFileError with ``file:line:col``."""
    from .errors import AgreementFileError

    if is_json:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise AgreementFileError(Problem(f"JSON syntax error: {exc.msg}", file, exc.lineno, exc.colno,
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
            raise AgreementFileError(problems)
        return value, positions
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise AgreementFileError(Problem(f"YAML syntax error: {problem}", file,
                                         mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                                         None, "valid YAML")) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise AgreementFileError(Problem(f"YAML error: {exc}", file, None, None, None, "valid YAML")) from None
    if node is None:
        raise AgreementFileError(Problem("the file is empty", file, 1, 1, None, "an agreement mapping"))
    positions: Positions = {}
    problems: list[Problem] = []
    value = _convert(node, (), positions, problems, file)
    if problems:
        raise AgreementFileError(problems)
    return value, positions
