"""JSON shapes of Mentions and Incidents: the public contract of `--format json` and `extract`.

Documented in docs/json/incident.schema.json; change only on purpose and bump JSON_SCHEMA_VERSION.
"""

from __future__ import annotations

from typing import Any

from ..model import Assessment, Incident, Mention, Span

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
        "assessments": [a.as_dict() for a in assessments or []],
    }
