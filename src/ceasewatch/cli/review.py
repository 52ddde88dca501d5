"""`ceasewatch review ...`: the queue of assessments awaiting a human decision."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import CeasewatchError
from .output import Format, print_json, print_table

review_app = typer.Typer(help="Human review of assessments.", no_args_is_help=True)

OPEN_STATUSES = ("possible", "under_review")


@review_app.command("queue")
def queue(fmt: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Assessments flagged by the engine (possible violation or needs review) and not yet decided."""
    from .app import open_store

    with open_store() as store:
        rows = [a for a in store.assessments(statuses=OPEN_STATUSES) if a["verdict"] != "not_applicable"]
    if fmt is Format.json:
        print_json(rows)
    else:
        print_table([{**r, "flags": "; ".join(r.get("flags") or [])} for r in rows], title="review queue",
                    columns=["id", "incident_id", "agreement_id", "commitment_id", "reading", "verdict", "status",
                             "major", "flags"])


@review_app.command("show")
def show(assessment_id: int) -> None:
    """One assessment with its rule trace, as JSON."""
    from .app import open_store

    with open_store() as store:
        found = [a for a in store.assessments() if a["id"] == assessment_id]
    if not found:
        raise CeasewatchError(f"no assessment {assessment_id}")
    print_json(found[0])
