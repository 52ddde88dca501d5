"""Sources and Documents: a report exactly as received, with its provenance.

A Document's text is immutable once stored; its identity is the hash of the normalised text (plus the
canonical URL when there is one), so re-ingesting the same report is recognised as a duplicate.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Canonical form for identity: NFC, unified whitespace. Casing and punctuation are kept."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str, canonical_url: str | None = None) -> str:
    h = hashlib.sha256(normalise_text(text).encode("utf-8"))
    if canonical_url:
        h.update(b"\x00" + canonical_url.strip().encode("utf-8"))
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Source:
    """A publisher or channel, with the affiliation label that corroboration groups by."""

    name: str
    affiliation: str = "unknown"  # taxonomy.AFFILIATIONS
    party_id: str | None = None  # the party an official or aligned source speaks for


@dataclass(frozen=True, slots=True)
class Document:
    """A report as received. ``published_at`` is None when unknown (never silently "today")."""

    id: str
    text: str
    content_hash: str
    raw_hash: str
    source: Source
    title: str | None = None
    url: str | None = None
    published_at: date | datetime | None = None
    retrieved_at: datetime | None = None
    language: str | None = None
    media_type: str = "text/plain"
    origin: str | None = None  # where it came from: a file path, a feed URL
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published_at, datetime):
            return self.published_at.date()
        return self.published_at
