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


@review_app.command("decide")
def decide(
    assessment_id: int,
    status: Annotated[str, typer.Option("--status", help="under_review, verified, not_substantiated or rejected.")],
    reviewer: Annotated[str, typer.Option("--reviewer", help="Who decides.")],
    rationale: Annotated[str, typer.Option("--rationale", help="Why (required).")],
    expect_version: Annotated[int | None, typer.Option(
        "--expect-version", help="The lock_version you reviewed; refused if the assessment changed since.")] = None,
    single_reviewer: Annotated[bool, typer.Option(
        "--single-reviewer", help="Turn off the four-eyes rule for this decision.")] = False,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Record a review decision (four-eyes for "verified"; refused on a stale --expect-version)."""
    from ..assess.workflow import ReviewPolicy
    from ..assess.workflow import decide as apply_decision
    from .app import open_store
    from .output import console

    with open_store() as store:
        result = apply_decision(store, assessment_id, status=status, reviewer=reviewer, rationale=rationale,
                                expected_version=expect_version,
                                policy=ReviewPolicy(verify_reviewers=1 if single_reviewer else 2))
    if fmt is Format.json:
        print_json(result)
    elif status == "verified" and result["status"] != "verified":
        console.print(f"assessment {assessment_id}: verification by {reviewer} recorded; "
                      "a second reviewer must confirm (four-eyes rule)")
    else:
        console.print(f"assessment {assessment_id}: {result['status']} (version {result['lock_version']})")
