"""The main job: run every stage over what the Store holds, each stage idempotent and resumable.

``process`` = extract every pending document (one transaction per document) -> resolve all asserted
mentions into incidents (one transaction) -> assess every incident against every stored agreement (one
transaction). Interrupting it and running it again finishes the job without duplicates, because progress
lives in the database: extracted documents are marked, incident ids are stable, assessments are keyed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .ingest import IngestOptions, IngestSummary, ingest_paths
from .model import Agreement, Incident
from .model.agreements import conflict_sides
from .model.codec import mention_to_dict
from .resolve import corroboration, merge_fields, resolve_incidents
from .store import Store


@dataclass(slots=True)
class ProcessSummary:
    extracted: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    mentions: int = 0
    incidents: int = 0
    incidents_changed: int = 0
    assessments: dict[str, int] = field(default_factory=dict)
    alerts_raised: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)


def extract_pending(store: Store, summary: ProcessSummary,
                    progress: Callable[[str], None] | None = None) -> None:
    from .extract import extract

    docs = store.pending_documents()
    # the sides of the conflict the stored agreements regulate ("the enemy" in one side's statement is the other)
    sides = conflict_sides(stored_agreements(store)) if docs else None
    for doc in docs:
        try:
            result = extract(doc.text, published=doc.published_date, document_id=doc.id, language=doc.language,
                             conflict_parties=sides)
        except Exception as exc:  # one broken document must never block the others
            store.record_extract_failure(doc.id, f"{type(exc).__name__}: {exc}")
            summary.failed.append((doc.id, f"{type(exc).__name__}: {exc}"))
            continue
        store.save_extraction(doc.id, result.mentions, result.positions, result.pledges,
                              language=result.language, warnings=result.warnings)
        summary.extracted += 1
        summary.mentions += len(result.mentions)
        summary.warnings.extend((doc.id, w) for w in result.warnings)
        if progress:
            progress(doc.id)


def resolve_stage(store: Store, summary: ProcessSummary) -> list[Incident]:
    incidents = resolve_incidents(store.mentions(modality=None), store.overrides(),
                                  store.document_sources())
    counts = store.replace_incidents(incidents)
    summary.incidents = counts["incidents"]
    summary.incidents_changed = counts["changed"]
    return incidents


def stored_agreements(store: Store) -> list[Agreement]:
    from .commitments import agreement_from_dict

    return [agreement_from_dict(a["body"]) for a in store.agreements()]


def stored_incidents(store: Store) -> list[Incident]:
    sources = store.document_sources()
    incidents = [merge_fields(Incident(id=incident_id, mentions=ms))
                 for incident_id, ms in store.incident_mentions().items()]
    for inc in incidents:
        inc.corroboration = corroboration(inc, sources)
    return incidents


def assess_stage(store: Store, summary: ProcessSummary, incidents: list[Incident] | None = None) -> None:
    from .assess import assess_incident

    agreements = stored_agreements(store)
    incidents = incidents if incidents is not None else stored_incidents(store)
    results = [a for inc in incidents for a in assess_incident(inc, agreements)]
    summary.assessments = store.save_assessments(results)


def apply_analyst_override(store: Store, kind: str, incident_ids: list[str], mention_ids: list[str], *,
                           analyst: str, rationale: str) -> str:
    """Record a merge (of whole incidents) or split (of mentions off one incident), then re-resolve and
    re-assess. Returns the id of the resulting incident."""
    from .errors import CeasewatchError

    if not rationale.strip() or not analyst.strip():
        raise CeasewatchError(f"a {kind} needs --analyst and a written --rationale")
    membership = {i: [m.id for m in ms] for i, ms in store.incident_mentions().items()}
    unknown = [i for i in incident_ids if i not in membership]
    if unknown:
        raise CeasewatchError(f"no incident {', '.join(unknown)}")
    if kind == "merge":
        ids = [m for i in incident_ids for m in membership[i]]
    else:
        foreign = [m for m in mention_ids if m not in membership[incident_ids[0]]]
        if foreign or not mention_ids:
            raise CeasewatchError(f"mentions not in {incident_ids[0]}: {', '.join(foreign) or '(none given)'}")
        if len(mention_ids) == len(membership[incident_ids[0]]):
            raise CeasewatchError("a split must leave at least one mention in the incident")
        ids = list(mention_ids)
    store.add_override(kind, ids, analyst=analyst, rationale=rationale)
    summary = ProcessSummary()
    incidents = resolve_stage(store, summary)
    assess_stage(store, summary, incidents)
    return next(inc.id for inc in incidents if any(m.id == ids[0] for m in inc.mentions))


def incidents_for_publication(store: Store) -> list[dict[str, Any]]:
    """Stored incidents (JSON contract) with their severity score, as the CLI and reports publish them.

    Severity is computed at read time from the current assessments and the other incidents (repetition by
    the same alleged party), so it never goes stale when reviewers decide or new reports arrive.
    """
    from .assess.severity import severity

    incidents = store.incidents()
    for inc in incidents:
        inc["severity"] = severity(inc, history=incidents).as_dict()
    return incidents


def escalate_stage(store: Store, summary: ProcessSummary, rules_path: Path | None = None) -> None:
    """Raise alerts for what the escalation rules match (stored once each). Delivery is left to
    `ceasewatch alerts deliver|check`, so a slow webhook can never hold up processing."""
    from .escalate import evaluate, load_rules_file, raise_alerts

    report = raise_alerts(store, evaluate(store.incidents(), load_rules_file(rules_path)), actor="process")
    summary.alerts_raised = len(report.new)


def process(store: Store, progress: Callable[[str], None] | None = None,
            rules_path: Path | None = None) -> ProcessSummary:
    """The main job: extract pending documents, resolve, assess, raise alerts. Resumable and idempotent."""
    summary = ProcessSummary()
    extract_pending(store, summary, progress)
    incidents = resolve_stage(store, summary)
    assess_stage(store, summary, incidents)
    escalate_stage(store, summary, rules_path)
    return summary


def load_bundled_agreements(store: Store) -> list[tuple[str, bool]]:
    """Load the agreements shipped with ceasewatch; returns (id@version, newly stored) pairs."""
    from .commitments import load_bundled

    return [load_agreement(store, loaded) for loaded in load_bundled()]


def load_agreement(store: Store, loaded: Any) -> tuple[str, bool]:  # loaded: commitments.LoadedAgreement
    a = loaded.agreement
    new = store.save_agreement(a.id, a.version, a.title, a.kind, loaded.raw, loaded.sha256, str(loaded.path))
    return f"{a.id}@{a.version}", new


def example_reports_dir() -> Path:
    return Path(__file__).parent / "data" / "examples" / "reports"


def ingest_examples(store: Store) -> IngestSummary:
    return ingest_paths(store, [example_reports_dir()], IngestOptions(actor="demo"))


def extract_record(text: str, *, published: date | str | None = None,
                   record_id: object = None) -> dict[str, Any]:
    """Stateless extraction of one text, in the JSON shape of `ceasewatch extract` (no database)."""
    from dataclasses import asdict

    from .extract import extract

    document_id = str(record_id) if record_id is not None else "doc"
    result = extract(text, published=published, document_id=document_id)
    return {
        "id": record_id,
        "language": result.language,
        "mentions": [mention_to_dict(m) for m in result.mentions],
        "positions": [_statement(asdict(p), p.evidence) for p in result.positions],
        "pledges": [_statement(asdict(p), p.evidence) for p in result.pledges],
        "warnings": list(result.warnings),
    }


def _statement(body: dict[str, Any], evidence: dict[str, Any]) -> dict[str, Any]:
    body["evidence"] = {k: [[s.start, s.end] for s in spans] for k, spans in evidence.items()}
    return body
