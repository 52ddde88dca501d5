"""YAML to plain values, remembering the line and column of every value (for file:line error messages)."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Problem, RulesFileError

Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

_CONSTRUCTOR = yaml.SafeLoader("")


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in {"yes", "true", "on", "y"}
    if tag == "tag:yaml.org,2002:int":
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == "tag:yaml.org,2002:float":
        return _CONSTRUCTOR.construct_yaml_float(node)
    return value


def dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text


def _convert(node: yaml.Node, path: Path_, positions: Positions, problems: list[Problem], file: str) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(c, (*path, i), positions, problems, file) for i, c in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem("a mapping key must be a plain name", file, line, col, dotted(path) or None))
                continue
            key = str(key_node.value)
            if key in out:
                problems.append(Problem(f"duplicate key '{key}'", file, line, col, dotted((*path, key))))
                continue
            out[key] = _convert(value_node, (*path, key), positions, problems, file)
        return out
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover


def load_marked(text: str, file: str) -> tuple[Any, Positions]:
    """Parse YAML ``text``; return (value, positions) or raise RulesFileError naming ``file:line:col``."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise RulesFileError(Problem(f"YAML syntax error: {problem}", file, mark.line + 1 if mark else None,
                                     mark.column + 1 if mark else None)) from None
    except yaml.YAMLError as exc:  # pragma: no cover
        raise RulesFileError(Problem(f"YAML error: {exc}", file)) from None
    if node is None:
        raise RulesFileError(Problem("the file is empty", file, 1, 1, None, "a mapping with 'rules'"))
    positions: Positions = {}
    problems: list[Problem] = []
    value = _convert(node, (), positions, problems, file)
    if problems:
        raise RulesFileError(problems)
    return value, positions
