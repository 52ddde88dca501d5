"""Builders of hand-made domain objects shared by tests (no extraction needed)."""

from __future__ import annotations

import hashlib
from datetime import date

from ceasewatch.model import (
    Actor,
    Claimant,
    Count,
    DateRange,
    Document,
    Mention,
    Place,
    Source,
    Span,
    content_hash,
)

KHERSON = Place("Kherson", 706448, 46.6354, 32.6169, 1, "UA", "Kherson Oblast", feature="populated_place")
KHERSON_OBLAST = Place("Kherson Oblast", 706442, 46.5, 33.5, 4, "UA", "Kherson Oblast", feature="admin1")
ODESA = Place("Odesa", 698740, 46.4775, 30.7326, 1, "UA", "Odesa Oblast", feature="populated_place")


def make_doc(body: str, publisher: str = "Example Wire", affiliation: str = "independent_media",
             party_id: str | None = None) -> Document:
    digest = content_hash(body)
    return Document(id="doc-" + digest[:16], text=body, content_hash=digest,
                    raw_hash=hashlib.sha256(body.encode()).hexdigest(),
                    source=Source(publisher, affiliation, party_id), published_at=date(2025, 3, 28))


def make_mention(doc_id: str, n: int = 0, *, day: int = 27, place: Place = KHERSON, killed: int | None = 1,
                 targets: tuple[str, ...] = ("residential",), method: str = "artillery",
                 perpetrator: str | None = None, claimant: Claimant | None = None) -> Mention:
    m = Mention(
        id=f"{doc_id}:m{n}", document_id=doc_id, sentence=Span(0, 40),
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        method=method, targets=list(targets),
        killed=Count(killed, killed, killed) if killed is not None else Count(),
        date=DateRange(date(2025, 3, day), date(2025, 3, day), 1), places=[place],
        perpetrator=Actor(perpetrator, "stated", perpetrator[:2].upper()) if perpetrator else None,
        claimants=[claimant] if claimant else [],
    )
    m.add_evidence("event_type", Span(0, 8))
    return m
