"""Documentation kept in step with the code: every CLI command is in docs/cli.md, every JSON command in
docs/cli-json.md, every module named in docs/architecture.md, README's quick start matches the Makefile."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from ceasewatch.cli.app import app

ROOT = Path(__file__).resolve().parents[1]


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    for name, sub in sorted(getattr(group, "commands", {}).items()):
        if hasattr(sub, "commands"):
            yield from _commands(sub, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), sub


def test_every_command_is_documented() -> None:
    doc = (ROOT / "docs/cli.md").read_text()
    missing = [path for path, _ in _commands(typer.main.get_command(app)) if f"ceasewatch {path}" not in doc]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_every_json_output_is_documented() -> None:
    doc = (ROOT / "docs/cli-json.md").read_text() + (ROOT / "docs/escalation.md").read_text()
    for path, command in _commands(typer.main.get_command(app)):
        if any(getattr(p, "name", None) == "fmt" for p in command.params):
            assert f"ceasewatch {path}" in doc, f"{path} prints JSON but its shape is not documented"


def test_architecture_names_every_package() -> None:
    doc = (ROOT / "docs/architecture.md").read_text()
    packages = [p.name for p in (ROOT / "src/ceasewatch").iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    missing = [p for p in packages if f"{p}/" not in doc]
    assert not missing, f"packages missing from docs/architecture.md: {missing}"


def test_every_module_has_a_docstring() -> None:
    import ast

    bare = [str(p.relative_to(ROOT)) for p in (ROOT / "src/ceasewatch").rglob("*.py")
            if "migrations" not in p.parts and p.stat().st_size > 0
            and ast.get_docstring(ast.parse(p.read_text())) is None]
    assert not bare, f"modules without a docstring: {bare}"


def test_readme_quick_start_is_the_run_script_and_ci_uses_it() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^\./run (\w+)", readme, re.MULTILINE)
    assert commands[:2] == ["demo", "test"]
    script = (ROOT / "run").read_text()
    for command in commands[:2]:
        assert re.search(rf"^  {command}\)", script, re.MULTILINE)
    assert (ROOT / "run").stat().st_mode & 0o111
    assert "./run test" in (ROOT / ".ci/run").read_text()
