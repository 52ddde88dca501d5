"""`ceasewatch ingest` and `ceasewatch documents ...`: reports in, and what was stored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from .app import open_store, parse_date
from .output import Format, console, err_console, print_json, print_table

documents_app = typer.Typer(help="List and inspect ingested documents.", no_args_is_help=True)


# ------------------------------------------------------------------------------------------------ ingest
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders (walked recursively).")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for reports that "
                                                  "carry none.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Publisher name to record.")] = None,
    affiliation: Annotated[str | None, typer.Option(help="Affiliation label of the publisher (party_official, "
                                                    "party_aligned_media, independent_media, monitor, ...).")] = None,
    party: Annotated[str | None, typer.Option(help="Party the publisher speaks for (e.g. UA, RU).")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = 20 * 1024 * 1024,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and check, store nothing.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Ingest report files: each stored once, with provenance."""
    from ..ingest import IngestOptions, ingest_paths
    from ..model.taxonomy import AFFILIATIONS

    if affiliation and affiliation not in AFFILIATIONS:
        raise typer.BadParameter(f"{affiliation!r}: expected one of {', '.join(AFFILIATIONS)}",
                                 param_hint="--affiliation")
    options = IngestOptions(published=parse_date(published), publisher=publisher, affiliation=affiliation,
                            party_id=party, max_bytes=max_bytes, dry_run=dry_run)
    store = None if dry_run else open_store()
    try:
        summary = ingest_paths(store, paths, options)
    finally:
        if store:
            store.close()
    if fmt is Format.json:
        print_json({"new": summary.new, "duplicate": summary.duplicate,
                    "rejected": [{"origin": o, "reason": r} for o, r in summary.rejected],
                    "skipped": [{"origin": o, "reason": r} for o, r in summary.skipped],
                    "warnings": [{"origin": o, "warning": w} for o, w in summary.warnings]})
    else:
        for origin, warning in summary.warnings:
            err_console.print(f"[yellow]warning[/yellow]: {origin}: {warning}")
        for origin, reason in summary.skipped:
            err_console.print(f"[dim]skipped {origin}: {reason}[/dim]")
        for origin, reason in summary.rejected:
            err_console.print(f"[red]rejected[/red]: {reason if reason.startswith(origin) else origin + ': ' + reason}")
        verb = "would ingest" if dry_run else "ingested"
        console.print(f"{verb}: {len(summary.new)} new, {len(summary.duplicate)} duplicate (already stored), "
                      f"{len(summary.rejected)} rejected")
    if summary.rejected:
        raise typer.Exit(1)


# ------------------------------------------------------------------------------------------------ documents
@documents_app.command("list")
def documents_list(
    publisher: Annotated[str | None, typer.Option(help="Only this publisher.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    since: Annotated[str | None, typer.Option(help="Only published on or after (YYYY-MM-DD).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List ingested documents."""
    with open_store() as store:
        docs = store.list_documents(publisher=publisher, language=language, since=parse_date(since, "--since"),
                                    limit=limit)
    if fmt is Format.json:
        print_json(docs)
    else:
        print_table(docs, title="documents",
                    columns=["id", "published_at", "publisher", "affiliation", "language", "title"])


@documents_app.command("show")
def documents_show(
    document_id: str,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Show one document: provenance and text."""
    with open_store() as store:
        doc = store.get_document(document_id)
    data: dict[str, Any] = {
        "id": doc.id, "title": doc.title, "url": doc.url, "publisher": doc.source.name,
        "affiliation": doc.source.affiliation, "party_id": doc.source.party_id,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "retrieved_at": doc.retrieved_at.isoformat() if doc.retrieved_at else None,
        "language": doc.language, "content_hash": doc.content_hash, "raw_hash": doc.raw_hash,
        "media_type": doc.media_type, "origin": doc.origin, "warnings": list(doc.warnings), "text": doc.text,
    }
    if fmt is Format.json:
        print_json(data)
    else:
        for k, v in data.items():
            if k != "text":
                console.print(f"[bold]{k}[/bold]: {v}")
        console.print()
        console.print(doc.text, markup=False, highlight=False)


