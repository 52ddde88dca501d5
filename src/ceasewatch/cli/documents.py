"""`ceasewatch ingest` and `ceasewatch documents ...`: reports in, and what was stored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..ingest.ingest import DEFAULT_BATCH_SIZE
from .app import open_store, parse_date
from .output import Format, console, err_console, print_json, print_table

documents_app = typer.Typer(help="List and inspect ingested documents.", no_args_is_help=True)


# ------------------------------------------------------------------------------------------------ ingest
def _field_map(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    out = {}
    for v in values:
        key, sep, col = v.partition("=")
        if not sep or not key.strip() or not col.strip():
            raise typer.BadParameter(f"{v!r}: expected FIELD=COLUMN, e.g. text=body", param_hint="--map")
        out[key.strip()] = col.strip()
    return out


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Report files, folders (walked recursively), .zip/.tar.gz "
                                               "archives, JSONL/CSV files, RSS/Atom feeds, or http(s) URLs.")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for reports that "
                                                  "carry none.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Publisher name to record.")] = None,
    affiliation: Annotated[str | None, typer.Option(help="Affiliation label of the publisher (party_official, "
                                                    "party_aligned_media, independent_media, monitor, ...).")] = None,
    party: Annotated[str | None, typer.Option(help="Party the publisher speaks for (e.g. UA, RU).")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse a report (file, archive member, record) larger than "
                                           "this.")] = 20 * 1024 * 1024,
    max_container_bytes: Annotated[int, typer.Option(help="Refuse a JSONL/CSV file or archive larger than "
                                                     "this.")] = 4 * 1024 ** 3,
    field_map: Annotated[list[str] | None, typer.Option("--map", help="CSV/JSONL column for a field, "
                                                        "FIELD=COLUMN (text, title, url, published, publisher, "
                                                        "affiliation, party, language); repeatable.")] = None,
    jobs: Annotated[int, typer.Option(help="Worker processes preparing files (0: one per core).")] = 0,
    batch_size: Annotated[int, typer.Option(help="Documents per transaction.")] = DEFAULT_BATCH_SIZE,
    no_syndication: Annotated[bool, typer.Option("--no-syndication", help="Skip near-duplicate "
                                                 "(syndication) detection.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and check, store nothing.")] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Ingest reports: each stored once, with provenance; syndicated copies linked to the first seen."""
    from ..ingest import IngestOptions
    from ..model.taxonomy import AFFILIATIONS

    if affiliation and affiliation not in AFFILIATIONS:
        raise typer.BadParameter(f"{affiliation!r}: expected one of {', '.join(AFFILIATIONS)}",
                                 param_hint="--affiliation")
    options = IngestOptions(published=parse_date(published), publisher=publisher, affiliation=affiliation,
                            party_id=party, max_bytes=max_bytes, max_container_bytes=max_container_bytes,
                            dry_run=dry_run, field_map=_field_map(field_map), jobs=jobs, batch_size=batch_size,
                            syndication=not no_syndication)
    store = None if dry_run else open_store()
    inputs: list[Path | str] = [p if p.lower().startswith(("http://", "https://")) else Path(p) for p in paths]
    try:
        summary = _run_with_progress(store, inputs, options, show=not no_progress and fmt is Format.table)
    finally:
        if store:
            store.close()
    if fmt is Format.json:
        print_json(summary.as_json())
    else:
        _print_summary(summary, dry_run)
    if summary.rejected:
        raise typer.Exit(1)


def _run_with_progress(store, inputs, options, *, show: bool):  # type: ignore[no-untyped-def]
    from ..ingest import ingest_paths
    from ..ingest.sources import count_files

    files = [p for p in inputs if isinstance(p, Path)]
    total = count_files(files) + sum(1 for p in inputs if isinstance(p, str)) if show else 0
    if not show or total < 20:
        return ingest_paths(store, inputs, options)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    reports = 0
    with Progress(TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                  TimeRemainingColumn(), console=err_console, transient=False) as bar:
        task = bar.add_task("ingest", total=total, rate="")
        import time

        start = time.monotonic()

        def on_report(_origin: str) -> None:
            nonlocal reports
            reports += 1
            if reports % 200 == 0:
                bar.update(task, rate=f"{reports / max(1e-6, time.monotonic() - start):,.0f} reports/s")

        return ingest_paths(store, inputs, options, progress=on_report,
                            file_done=lambda _f: bar.advance(task))


def _print_summary(summary, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    shown = 50
    for origin, warning in summary.warnings[:shown]:
        err_console.print(f"[yellow]warning[/yellow]: {origin}: {warning}", markup=True, highlight=False)
    if summary.warnings_total > shown:
        err_console.print(f"[yellow]... {summary.warnings_total - shown} more warnings[/yellow] "
                          "(--format json lists them)")
    for origin, reason in summary.skipped[:shown]:
        err_console.print(f"[dim]skipped {origin}: {reason}[/dim]", highlight=False)
    if summary.skipped_total > shown:
        err_console.print(f"[dim]... {summary.skipped_total - shown} more skipped[/dim]")
    for origin, reason in summary.rejected[:shown * 4]:
        line = reason if reason.startswith(origin) else origin + ": " + reason
        err_console.print(f"[red]rejected[/red]: {line}", highlight=False)
    verb = "would ingest" if dry_run else "ingested"
    console.print(f"{verb}: {len(summary.new)} new ({len(summary.syndicated)} of them syndicated copies), "
                  f"{len(summary.duplicate)} duplicate (already stored), {len(summary.rejected)} rejected"
                  + (f"; {summary.mentions} mentions from incident datasets" if summary.mentions else ""))
    if summary.rejected:
        console.print("rejected by reason: " + "; ".join(f"{n} x {r}" for r, n in summary.rejection_reasons().items()))


# ------------------------------------------------------------------------------------------------ watch
def watch(
    feeds: Annotated[list[str] | None, typer.Argument(help="Feed URLs to poll.")] = None,
    config: Annotated[Path | None, typer.Option(help="YAML list of feeds: URLs or {url, publisher, "
                                                "affiliation, party, interval}.")] = None,
    interval: Annotated[float, typer.Option(help="Seconds between polls of a feed.")] = 300.0,
    max_backoff: Annotated[float, typer.Option(help="Longest wait after repeated failures (seconds).")] = 3600.0,
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once and exit.")] = False,
    timeout: Annotated[float, typer.Option(help="HTTP timeout (seconds).")] = 20.0,
    max_bytes: Annotated[int, typer.Option(help="Refuse a response larger than this.")] = 20 * 1024 * 1024,
) -> None:
    """Poll RSS/Atom feeds on an interval (conditional GET, back-off on failure); Ctrl-C stops cleanly."""
    import signal

    from ..ingest.feeds import FeedConfig, HttpFetcher, Watcher, WatchOptions, load_feed_config
    from ..ingest.watch import ingest_feed_items

    configured = [FeedConfig(u) for u in feeds or []] + (load_feed_config(str(config)) if config else [])
    if not configured:
        raise typer.BadParameter("give feed URLs or --config FILE", param_hint="FEEDS")
    fetcher = HttpFetcher(timeout=timeout, max_bytes=max_bytes)
    with open_store() as store:
        watcher = Watcher(store, configured, fetcher, lambda f, items: ingest_feed_items(store, f, items),
                          WatchOptions(interval=interval, max_backoff=max_backoff, max_rounds=1 if once else None,
                                       max_bytes=max_bytes))

        def report(r):  # type: ignore[no-untyped-def]
            if r.status == "failed":
                err_console.print(f"[red]failed[/red] {r.url}: {r.error}", highlight=False)
            else:
                console.print(f"{r.url}: {r.status}, {r.new} new ({r.syndicated} syndicated), "
                              f"{r.duplicate} duplicate", highlight=False)

        watcher.on_poll = report
        previous = signal.signal(signal.SIGINT, lambda *_: watcher.stop.set())
        try:
            rounds = watcher.run()
        finally:
            signal.signal(signal.SIGINT, previous)
            fetcher.close()
    console.print(f"watch stopped after {rounds} round(s)")


# ------------------------------------------------------------------------------------------------ documents
@documents_app.command("list")
def documents_list(
    publisher: Annotated[str | None, typer.Option(help="Only this publisher (case-insensitive).")] = None,
    affiliation: Annotated[str | None, typer.Option(help="Only this affiliation label.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    since: Annotated[str | None, typer.Option(help="Only published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only published on or before (YYYY-MM-DD).")] = None,
    syndicated: Annotated[bool | None, typer.Option("--syndicated/--originals", help="Only syndicated copies, "
                                                    "or only originals.")] = None,
    search: Annotated[str | None, typer.Option(help="Substring of title, URL or origin.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List ingested documents (JSON: id, url, publisher, affiliation, published_at, language, content_hash,
    syndicated_with, ...)."""
    with open_store() as store:
        docs = store.query_documents(publisher=publisher, affiliation=affiliation, language=language,
                                     since=parse_date(since, "--since"), until=parse_date(until, "--until"),
                                     syndicated=syndicated, search=search, limit=limit)
    if fmt is Format.json:
        print_json(docs)
    else:
        print_table(docs, title="documents",
                    columns=["id", "published_at", "publisher", "affiliation", "language", "syndicated_with",
                             "title"])


@documents_app.command("show")
def documents_show(
    document_id: str,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Show one document: provenance, syndication and text."""
    with open_store() as store:
        data: dict[str, Any] = store.document_record(document_id)
    if fmt is Format.json:
        print_json(data)
    else:
        for k, v in data.items():
            if k != "text":
                console.print(f"[bold]{k}[/bold]: {v}", highlight=False)
        console.print()
        console.print(data["text"], markup=False, highlight=False)
