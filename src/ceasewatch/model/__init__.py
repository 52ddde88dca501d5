"""Pure domain types of ceasewatch: no I/O, no persistence, no framework imports."""

from .agreements import (
    Agreement,
    Commitment,
    GeoScope,
    Reading,
    SourceRef,
    StatusChange,
    Threshold,
    TimeWindow,
)
from .assessments import Assessment, Criterion
from .audit import AuditEntry
from .documents import Document, Source, content_hash, normalise_text
from .events import Actor, Claimant, Count, DateRange, Effect, Incident, Mention, Place, Span
from .parties import KNOWN_PARTIES, Party, party_by_id
from .positions import Amount, Pledge, Position

__all__ = [
    "KNOWN_PARTIES",
    "Actor",
    "Agreement",
    "Amount",
    "Assessment",
    "AuditEntry",
    "Claimant",
    "Commitment",
    "Count",
    "Criterion",
    "DateRange",
    "Document",
    "Effect",
    "GeoScope",
    "Incident",
    "Mention",
    "Party",
    "Place",
    "Pledge",
    "Position",
    "Reading",
    "Source",
    "SourceRef",
    "Span",
    "StatusChange",
    "Threshold",
    "TimeWindow",
    "content_hash",
    "normalise_text",
    "party_by_id",
]
