"""`ceasewatch agreements ...`: validate, load, list and show agreement files; print their JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import CeasewatchError
from .output import Format, console, err_console, print_json, print_table

agreements_app = typer.Typer(help="Agreements and their commitments, as data.", no_args_is_help=True)


def _summary(stored: dict[str, Any]) -> dict[str, Any]:
    from ..commitments import agreement_from_dict

    a = agreement_from_dict(stored["body"])
    history = sorted(a.status_history, key=lambda c: c.date)
    return {
        "id": a.id, "version": a.version, "title": a.title, "kind": a.kind,
        "status": history[-1].status if history else None,
        "status_history": [{"status": c.status, "date": c.date.isoformat()} for c in history],
        "announced": a.announced.isoformat() if a.announced else None,
        "parties": list(a.parties),
        "commitments": [{
            "id": c.id, "obligors": list(c.obligors), "kind": c.kind,
            "from": c.window.start.isoformat() if c.window.start else None,
            "until": c.window.end.isoformat() if c.window.end else None,
            "readings": [r.label for r in a.readings_of(c.id)],
        } for c in a.commitments],
        "origin": stored["origin"], "sha256": stored["sha256"],
    }


@agreements_app.command("schema")
def schema() -> None:
    """Print the JSON Schema of agreement files."""
    from ..commitments import agreement_schema

    print_json(agreement_schema())


@agreements_app.command("validate")
def validate(files: Annotated[list[Path], typer.Argument(help="Agreement files (.yaml, .yml, .json).")]) -> None:
    """Check agreement files; report every problem as file:line:column: field: what was expected."""
    from ..commitments import AgreementFileError, check_versions, load_agreement_file

    loaded, failed = [], 0
    for f in files:
        try:
            loaded.append(load_agreement_file(f))
        except AgreementFileError as exc:
            failed += 1
            for problem in exc.errors:
                err_console.print(str(problem), markup=False, highlight=False)
    if loaded and not failed:
        check_versions(loaded)
    if failed:
        raise CeasewatchError(f"{failed} of {len(files)} agreement files are invalid")
    console.print(f"{len(loaded)} agreement files valid")


@agreements_app.command("load")
def load(files: Annotated[list[Path], typer.Argument(help="Agreement files to store.")]) -> None:
    """Validate and store agreement files (all or nothing); an edit needs a new version number."""
    from ..commitments import load_agreement_files
    from ..pipeline import load_agreement
    from .app import open_store

    loaded = load_agreement_files(files)  # raises before anything is stored
    with open_store() as store:
        results = [load_agreement(store, la) for la in loaded]
    for key, new in results:
        console.print(f"{key}: {'stored' if new else 'already stored'}")
    console.print("run `ceasewatch assess` to re-assess stored incidents")


@agreements_app.command("list")
def list_(fmt: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """List stored agreements (newest version of each)."""
    from .app import open_store

    with open_store() as store:
        rows = [_summary(a) for a in store.agreements()]
    if fmt is Format.json:
        print_json(rows)
    else:
        print_table([{**r, "commitments": len(r["commitments"]), "parties": ", ".join(r["parties"])}
                     for r in rows], title="agreements",
                    columns=["id", "version", "kind", "status", "announced", "parties", "commitments", "title"])


@agreements_app.command("show")
def show(agreement_id: str, version: Annotated[int | None, typer.Option(help="A specific version.")] = None) -> None:
    """Show a stored agreement as JSON (the file's content, normalised)."""
    from .app import open_store

    with open_store() as store:
        found = [a for a in store.agreements(all_versions=version is not None)
                 if a["id"] == agreement_id and (version is None or a["version"] == version)]
    if not found:
        raise CeasewatchError(f"no agreement {agreement_id!r}" + (f" version {version}" if version else ""))
    print(json.dumps(found[0]["body"], ensure_ascii=False, indent=2))
