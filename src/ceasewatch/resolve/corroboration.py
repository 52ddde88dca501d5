"""Corroboration: how many independent voices assert an incident, grouped by affiliation.

The voice of a mention is whoever asserts it: its claimants ("according to Ukrainian officials") when the
text names them, else the publisher itself. An independent outlet relaying a party's claim therefore adds
that party's voice, not an independent one. Syndicated copies of one story collapse into their original,
so twenty reprints of a wire story count once.
"""

from __future__ import annotations

from typing import Any

from ..model import Incident
from ..model.parties import party_by_id

PARTISAN = ("party_official", "party_aligned_media")
INDEPENDENT = ("independent_media", "monitor")


def _party_name(party_id: str | None) -> str:
    party = party_by_id(party_id) if party_id else None
    return party.name if party else (party_id or "unknown party")


def corroboration(incident: Incident, sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Summarise who asserts the incident: groups of voices and a one-line label."""
    voices: dict[str, set[str]] = {}  # group -> distinct voices (publisher or claimant)
    origins: set[str] = set()
    for m in incident.mentions:
        meta = sources.get(m.document_id, {})
        origin = meta.get("syndicated_with") or m.document_id
        origins.add(origin)
        publisher = meta.get("publisher") or origin
        if m.claimants:
            for c in m.claimants:
                group = f"{c.affiliation}:{c.party_id}" if c.affiliation in PARTISAN else c.affiliation
                voices.setdefault(group, set()).add(f"{c.name} (via {publisher})")
        else:
            aff = meta.get("affiliation") or "unknown"
            group = f"{aff}:{meta.get('party_id')}" if aff in PARTISAN else aff
            voices.setdefault(group, set()).add(publisher)
    parties = sorted({g.split(":", 1)[1] for g in voices if ":" in g and g.split(":", 1)[1] != "None"})
    independent = sorted(g for g in voices if g in INDEPENDENT)
    if independent:
        label = "independently corroborated"
        if parties:
            label += " (also claimed by " + " and ".join(_party_name(p) for p in parties) + " sources)"
    elif len(parties) >= 2:
        label = "confirmed by both parties" if len(parties) == 2 else "asserted by several parties"
    elif len(parties) == 1:
        label = f"claimed by {_party_name(parties[0])} sources only"
    else:
        label = "unattributed"
    return {
        "label": label,
        "independent_sources": len(origins),
        "documents": len(incident.document_ids),
        "groups": {g: sorted(v) for g, v in sorted(voices.items())},
    }
