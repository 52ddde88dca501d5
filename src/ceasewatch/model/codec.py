"""JSON shapes of Mentions and Incidents, both ways: the public contract of `--format json` and `extract`.

The store keeps Mentions in exactly this shape, and the CLI prints it. Documented in
docs/json/incident.schema.json; change only on purpose and bump JSON_SCHEMA_VERSION.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .assessments import Assessment
from .events import Actor, Claimant, Count, DateRange, Effect, Incident, Mention, Place, Span

JSON_SCHEMA_VERSION = "1.0"


def _evidence(evidence: dict[str, list[Span]], document_id: str | None = None) -> dict[str, list[list[Any]]]:
    return {
        name: [[s.start, s.end, s.document_id or document_id] for s in spans]
        for name, spans in sorted(evidence.items())
    }


def _event_fields(obj: Mention | Incident) -> dict[str, Any]:
    return {
        "date": obj.date.as_dict() if obj.date else None,
        "event_type": obj.event_type,
        "sub_event_type": obj.sub_event_type,
        "method": obj.method,
        "perpetrator": obj.perpetrator.as_dict() if obj.perpetrator else None,
        "affected_party": obj.affected_party,
        "claimants": [c.as_dict() for c in obj.claimants],
        "targets": list(obj.targets),
        "effects": [e.as_dict() for e in obj.effects],
        "killed": obj.killed.as_dict(),
        "injured": obj.injured.as_dict(),
        "places": [p.as_dict() for p in obj.places],
    }


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    return {
        "id": mention.id,
        "document_id": mention.document_id,
        **_event_fields(mention),
        "modality": mention.modality,
        "text": mention.text,
        "sentence": [mention.sentence.start, mention.sentence.end],
        "evidence": _evidence(mention.evidence, mention.document_id),
    }


def incident_to_dict(incident: Incident, assessments: list[Assessment] | None = None) -> dict[str, Any]:
    return {
        "id": incident.id,
        **_event_fields(incident),
        "sources": incident.document_ids,
        "mentions": [m.id for m in incident.mentions],
        "evidence": _evidence(incident.evidence),
        "contradictions": incident.contradictions,
        "corroboration": incident.corroboration,
        "assessments": [a.as_dict() for a in assessments or []],
    }


def _spans(raw: list[list[Any]] | None) -> list[Span]:
    return [Span(int(a), int(b), d) for a, b, d in (raw or [])]


def _count(raw: dict[str, Any] | None) -> Count:
    raw = raw or {}
    civ, kids = raw.get("civilians"), raw.get("children")
    return Count(raw.get("best"), raw.get("low"), raw.get("high"),
                 _count(civ) if civ else None, _count(kids) if kids else None)


def _date(raw: dict[str, Any] | None) -> DateRange | None:
    if not raw:
        return None
    return DateRange(date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"]), int(raw["precision"]))


def _actor(raw: dict[str, Any] | None) -> Actor | None:
    return Actor(**raw) if raw else None


def mention_from_dict(raw: dict[str, Any]) -> Mention:
    """Inverse of mention_to_dict (used by the store)."""
    return Mention(
        id=raw["id"],
        document_id=raw["document_id"],
        sentence=Span(raw["sentence"][0], raw["sentence"][1], raw["document_id"]),
        event_type=raw.get("event_type"),
        sub_event_type=raw.get("sub_event_type"),
        method=raw.get("method"),
        perpetrator=_actor(raw.get("perpetrator")),
        affected_party=raw.get("affected_party"),
        claimants=[Claimant(**c) for c in raw.get("claimants") or []],
        targets=list(raw.get("targets") or []),
        effects=[Effect(**e) for e in raw.get("effects") or []],
        killed=_count(raw.get("killed")),
        injured=_count(raw.get("injured")),
        date=_date(raw.get("date")),
        places=[Place(**p) for p in raw.get("places") or []],
        modality=raw.get("modality") or "asserted",
        evidence={k: _spans(v) for k, v in (raw.get("evidence") or {}).items()},
        text=raw.get("text") or "",
    )
