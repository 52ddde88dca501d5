"""The `ceasewatch` command line: a thin layer over the library (every command calls one library function).

Errors the user can fix print one line on stderr and exit 1 (2 for usage errors); `--debug` shows the
traceback. Commands with `--format json` print documented, versioned JSON (docs/cli-json.md).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import __version__
from ..errors import CeasewatchError
from ..model.dates import read_date
from ..store import Store, default_url
from .output import Format, console, err_console, print_json, print_table

app = typer.Typer(
    name="ceasewatch",
    help="Monitor ceasefires and the commitments parties make: ingest reports, extract incidents, "
    "assess them against agreements, and publish with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
incidents_app = typer.Typer(help="List and inspect incidents.", no_args_is_help=True)
app.add_typer(incidents_app, name="incidents")


def _register_subcommands() -> None:
    from .agreements import agreements_app
    from .alerts import alerts_app
    from .documents import documents_app, ingest, watch
    from .review import review_app

    app.command()(ingest)
    app.command()(watch)
    app.add_typer(documents_app, name="documents")
    app.add_typer(agreements_app, name="agreements")
    app.add_typer(review_app, name="review")
    app.add_typer(alerts_app, name="alerts")


class State:
    db_url: str = default_url()
    debug: bool = False


state = State()


def _version(value: bool) -> None:
    if value:
        console.print(f"ceasewatch {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: Annotated[str, typer.Option("--db", envvar="CEASEWATCH_DB", help="Database URL (SQLite file or "
                                    "postgresql+psycopg://...).", show_default=True)] = default_url(),
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    state.db_url = db
    state.debug = debug


def processing_status(what: str):  # type: ignore[no-untyped-def]
    """A spinner while the pipeline runs; says so when the first run must build the gazetteer index."""
    from ..geo import cache_path

    note = "" if cache_path().exists() else " (first run: building the gazetteer index, about 20 s)"
    return err_console.status(f"{what}{note}…")


def open_store(*, create: bool = False) -> Store:
    return Store.open(state.db_url, create=create)


def parse_date(value: str | None, option: str = "--published") -> date | None:
    if value is None:
        return None
    d, _warning = read_date(value)
    if d is None:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD", param_hint=option)
    return d


# ------------------------------------------------------------------------------------------------ init
@app.command()
def init(
    no_agreements: Annotated[bool, typer.Option("--no-agreements", help="Do not load the bundled agreements.")] = False,
) -> None:
    """Create (or upgrade) the database and load the bundled agreements."""
    from ..pipeline import load_bundled_agreements

    with open_store(create=True) as store:
        revision = store.init()
        loaded = [] if no_agreements else load_bundled_agreements(store)
    console.print(f"database ready at {state.db_url} (schema {revision}); "
                  f"{sum(1 for _, new in loaded if new)} agreements loaded, "
                  f"{sum(1 for _, new in loaded if not new)} already present")


# ------------------------------------------------------------------------------------------------ process
@app.command()
def process(
    rules: Annotated[Path | None, typer.Option("--rules", help="Escalation rules file (default: the bundled "
                                               "rules).")] = None,
) -> None:
    """Run extract -> resolve -> assess -> raise alerts over everything stored (resumable, idempotent)."""
    from ..pipeline import process as run_process

    with open_store() as store, processing_status("extracting, resolving, assessing"):
        s = run_process(store, rules_path=rules)
    for doc_id, reason in s.failed:
        err_console.print(f"[red]extraction failed[/red] for {doc_id}: {reason}")
    console.print(f"extracted {s.extracted} documents ({s.mentions} mentions); {s.incidents} incidents "
                  f"({s.incidents_changed} new or changed); assessments: "
                  + ", ".join(f"{v} {k}" for k, v in s.assessments.items())
                  + f"; {s.alerts_raised} alerts raised (deliver with `ceasewatch alerts deliver`)")


@app.command()
def assess() -> None:
    """Re-assess every stored incident against every stored agreement (after loading agreements)."""
    from ..pipeline import ProcessSummary, assess_stage

    summary = ProcessSummary()
    with open_store() as store:
        assess_stage(store, summary)
    console.print("assessments: " + ", ".join(f"{v} {k}" for k, v in summary.assessments.items()))


# ------------------------------------------------------------------------------------------------ incidents
@incidents_app.command("list")
def incidents_list(
    fmt: Annotated[Format, typer.Option("--format", help="table for people, json for scripts.")] = Format.table,
) -> None:
    """List incidents with their assessments."""
    from ..pipeline import incidents_for_publication
    from ..report import summary_rows

    with open_store() as store:
        incidents = incidents_for_publication(store)
    if fmt is Format.json:
        print_json(incidents)
    else:
        print_table(summary_rows(incidents), title="incidents",
                    columns=["id", "date", "event", "place", "perpetrator", "claimed by", "killed", "injured",
                             "assessment"])


@incidents_app.command("show")
def incidents_show(incident_id: Annotated[str, typer.Argument(help="Incident id.")]) -> None:
    """Show one incident in full (JSON), with evidence spans and rule traces."""
    from ..pipeline import incidents_for_publication

    with open_store() as store:
        found = [i for i in incidents_for_publication(store) if i["id"] == incident_id]
    if not found:
        raise CeasewatchError(f"no incident {incident_id!r}")
    print_json(found[0])


@incidents_app.command("merge")
def incidents_merge(
    incident_ids: Annotated[list[str], typer.Argument(help="Two or more incident ids to merge.")],
    analyst: Annotated[str, typer.Option("--analyst", help="Who decides.")],
    rationale: Annotated[str, typer.Option("--rationale", help="Why (required).")],
) -> None:
    """Merge incidents into one; the decision is kept when resolution runs again."""
    from ..pipeline import apply_analyst_override

    if len(incident_ids) < 2:
        raise CeasewatchError("merge needs at least two incident ids")
    with open_store() as store:
        result = apply_analyst_override(store, "merge", incident_ids, [], analyst=analyst, rationale=rationale)
    console.print(f"merged into {result}")


@incidents_app.command("split")
def incidents_split(
    incident_id: Annotated[str, typer.Argument(help="The incident to split.")],
    mentions: Annotated[list[str], typer.Option("--mention", help="A mention id to split off (repeatable).")],
    analyst: Annotated[str, typer.Option("--analyst", help="Who decides.")],
    rationale: Annotated[str, typer.Option("--rationale", help="Why (required).")],
) -> None:
    """Split the given mentions off an incident into a new one; kept when resolution runs again."""
    from ..pipeline import apply_analyst_override

    with open_store() as store:
        result = apply_analyst_override(store, "split", [incident_id], mentions, analyst=analyst,
                                        rationale=rationale)
    console.print(f"split off as {result}")


# ------------------------------------------------------------------------------------------------ report
@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the report into.")] = Path("reports"),
) -> None:
    """Write the report (Markdown + JSON) of all incidents and assessments; prints the paths."""
    from ..pipeline import incidents_for_publication
    from ..report import write_report

    with open_store() as store:
        files = write_report(incidents_for_publication(store), store.agreements(), store.statements(), out)
    console.print(f"report written: {files.markdown}")
    console.print(f"json: {files.json}")


# ------------------------------------------------------------------------------------------------ extract
@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="A text file, or - for standard input.")] = "-",
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) to resolve "
                                                  "relative dates.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Input is JSON Lines {id, text, published}; output "
                                        "one line per record, streaming.")] = False,
    fmt: Annotated[Format, typer.Option("--format")] = Format.json,
) -> None:
    """Extract mentions, positions and pledges from text without a database."""
    from ..pipeline import extract_record

    stream = sys.stdin if source == "-" else _open_text(source)
    if jsonl:
        for n, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            rec: Any = None
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                    raise ValueError("a record needs a string 'text'")
                out = extract_record(rec["text"], published=rec.get("published"), record_id=rec.get("id", n))
            except Exception as exc:  # one bad record never stops the stream
                rid = rec.get("id", n) if isinstance(rec, dict) else n  # the line number when there is no id
                out = {"id": rid, "error": f"{type(exc).__name__}: {exc}"}
            sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str) + "\n")
            sys.stdout.flush()
        return
    text = stream.read()
    out = extract_record(text, published=published, record_id=None if source == "-" else source)
    if fmt is Format.json:
        print_json(out)
    else:
        from ..report.daily import summary_rows

        print_table(summary_rows([{**m, "sources": [m["document_id"]]} for m in out["mentions"]]),
                    title="mentions", columns=["date", "event", "place", "perpetrator", "claimed by",
                                               "killed", "injured", "targets"])


def _open_text(path: str):  # type: ignore[no-untyped-def]
    try:
        return open(path, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed at exit of the command
    except OSError as exc:
        raise CeasewatchError(f"{path}: cannot read: {exc.strerror}") from None


# ------------------------------------------------------------------------------------------------ audit
audit_app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(
    export: Annotated[Path | None, typer.Option("--export", help="Verify an exported log file instead of "
                                                "the database.")] = None,
    key: Annotated[Path | None, typer.Option("--key", help="Public key (PEM) for --export.")] = None,
) -> None:
    """Recompute the audit hash chain and report the first broken link (or check an export offline)."""
    if export is not None:
        from ..audit import verify_export

        if key is None:
            raise typer.BadParameter("--export needs --key PUBLIC_KEY.pem", param_hint="--key")
        result = verify_export(export, key)
        if not result.ok:
            raise CeasewatchError(f"audit export does not verify: {result.message}")
        console.print(f"audit export verified: {result.message}")
        return
    with open_store() as store:
        check = store.verify_audit()
    if not check.ok:
        raise CeasewatchError(f"audit chain broken at entry {check.first_broken}: {check.message}")
    console.print(f"audit trail intact: {check.message}")


@audit_app.command("keygen")
def audit_keygen(out: Annotated[Path, typer.Option("--out", help="Folder for the key pair.")] = Path("keys")) -> None:
    """Create an Ed25519 key pair for signing audit checkpoints."""
    from ..audit import generate_keypair

    private, public = generate_keypair(out)
    console.print(f"private key: {private} (keep it secret)\npublic key: {public} (give it to verifiers)")


@audit_app.command("checkpoint")
def audit_checkpoint(key: Annotated[Path, typer.Option("--key", help="Private key (PEM).")]) -> None:
    """Sign the current head of the audit chain."""
    from ..audit import sign_checkpoint

    with open_store() as store:
        cp = sign_checkpoint(store, key)
    console.print(f"signed entry {cp['seq']} ({cp['hash'][:16]}…) with key {cp['key_id']}")


@audit_app.command("export")
def audit_export(path: Annotated[Path, typer.Argument(help="Output file (JSON Lines).")]) -> None:
    """Export the audit chain and its signed checkpoints for third-party verification."""
    from ..audit import export_log

    with open_store() as store:
        n = export_log(store, path)
    console.print(f"exported {n} entries to {path}")


# ------------------------------------------------------------------------------------------------ demo
@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the report.")] = Path("reports"),
) -> None:
    """The main job on the embedded default: bundled agreements and example reports, end to end."""
    from ..pipeline import (
        example_reports_dir,
        incidents_for_publication,
        ingest_examples,
        load_bundled_agreements,
    )
    from ..pipeline import process as run_process
    from ..report import summary_rows, write_report

    with open_store(create=True) as store:
        store.init()
        load_bundled_agreements(store)
        summary = ingest_examples(store)
        console.print(f"ingested example reports from {example_reports_dir()}: {len(summary.new)} new, "
                      f"{len(summary.duplicate)} already stored")
        with processing_status("extracting, resolving, assessing"):
            s = run_process(store)
        incidents = incidents_for_publication(store)
        files = write_report(incidents, store.agreements(), store.statements(), out)
    console.print(f"extracted {s.extracted} documents, {s.incidents} incidents")
    print_table(summary_rows(incidents), title="incidents",
                columns=["date", "event", "place", "perpetrator", "killed", "injured", "sources", "assessment"])
    console.print(f"report written: {files.markdown}")


_register_subcommands()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning user-fixable errors into one line and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        app(args=args, prog_name="ceasewatch")  # standalone: usage errors print and exit 2
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except CeasewatchError as exc:
        if debug:
            raise
        err_console.print(f"error: {exc}", markup=False, highlight=False)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if debug:
            raise
        err_console.print(f"error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                          markup=False, highlight=False)
        return 1
    return 0
