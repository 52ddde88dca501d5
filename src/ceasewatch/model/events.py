"""Claims about events: evidence spans, counts, dates, places, actors, Mentions and Incidents.

A Mention is one claim of an event found in one Document; it always records who asserts it (claimants) and
the character spans that justify each field, because ceasewatch never stores a claim as a fact. An Incident
is a cluster of Mentions believed to describe the same event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Basis = Literal["stated", "inferred"]
# asserted: the text claims the event happened; denied; hypothetical (threats, conditionals); background
# (history); unspecified: a text that names places but states no event (a dateline, a coded dataset's
# where-description) - kept for its places, never an incident candidate.
Modality = Literal["asserted", "denied", "hypothetical", "background", "unspecified"]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) in a Document's text."""

    start: int
    end: int
    document_id: str | None = None

    def as_list(self) -> list[int | str | None]:
        return [self.start, self.end, self.document_id]

    def with_document(self, document_id: str) -> Span:
        return Span(self.start, self.end, document_id)


Evidence = dict[str, list[Span]]


@dataclass(frozen=True, slots=True)
class Count:
    """A casualty figure as UCDP codes it: best estimate with a low and high bound, each possibly unknown, and
    the parts of it stated to be civilians and children.

    "more than 20" is low=21, best=None, high=None; "at least 7" is low=7; "5" is best=low=high=5.
    """

    best: int | None = None
    low: int | None = None
    high: int | None = None
    # the part of the figure stated to be civilians / children ("five civilians, including two children, were
    # killed": civilians 5, children 2); None when the text does not say. Children are counted as civilians
    # only where the text says so.
    civilians: Count | None = None
    children: Count | None = None

    @property
    def known(self) -> bool:
        return self.best is not None or self.low is not None or self.high is not None

    def floor(self) -> int | None:
        """The smallest figure the claim supports (what a threshold such as ">= 1 killed" compares with)."""
        if self.low is not None:
            return self.low
        return self.best

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"best": self.best, "low": self.low, "high": self.high}
        if self.civilians is not None:
            out["civilians"] = self.civilians.as_dict()
        if self.children is not None:
            out["children"] = self.children.as_dict()
        return out


@dataclass(frozen=True, slots=True)
class DateRange:
    """When an event happened; ``precision`` is UCDP's date_prec (1 exact day … 5 year)."""

    start: date
    end: date
    precision: int = 1

    def as_dict(self) -> dict[str, str | int]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place; ``precision`` is UCDP's where_prec (1 exact … 6 country, 7 sea or air)."""

    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 6
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature: str | None = None  # "populated_place", "admin1", "admin2", "country", "sea", "region"
    basis: Basis = "stated"

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "geonames_id": self.geonames_id,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "feature": self.feature,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """The party said to have carried out an event. ``basis`` says whether the text names it."""

    name: str
    basis: Basis = "stated"
    party_id: str | None = None
    reason: str | None = None  # why an inferred attribution was made

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "basis": self.basis, "party_id": self.party_id, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who asserts a claim ("according to Ukrainian officials") and how they are affiliated."""

    name: str
    affiliation: str = "unknown"
    party_id: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "affiliation": self.affiliation, "party_id": self.party_id}


@dataclass(frozen=True, slots=True)
class Effect:
    code: str  # taxonomy.EFFECTS
    quantity: int | None = None  # e.g. consumers without power, when stated

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "quantity": self.quantity}


@dataclass(slots=True, kw_only=True)
class EventFields:
    """What a claim says about an event; shared by a Mention (one report) and an Incident (merged)."""

    event_type: str | None = None
    sub_event_type: str | None = None
    method: str | None = None
    perpetrator: Actor | None = None
    affected_party: str | None = None
    claimants: list[Claimant] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    killed: Count = field(default_factory=Count)
    injured: Count = field(default_factory=Count)
    date: DateRange | None = None
    places: list[Place] = field(default_factory=list)


@dataclass(slots=True)
class Mention(EventFields):
    """One claim of an event in one Document, with the spans that justify every field."""

    id: str
    document_id: str
    sentence: Span
    modality: Modality = "asserted"
    evidence: Evidence = field(default_factory=dict)
    text: str = ""  # the sentence(s) quoted, for reviewers

    def add_evidence(self, field_name: str, span: Span) -> None:
        spans = self.evidence.setdefault(field_name, [])
        if span not in spans:
            spans.append(span)


@dataclass(slots=True)
class Incident(EventFields):
    """A deduplicated event: the Mentions of it, and figures merged from them (contradictions kept)."""

    id: str
    mentions: list[Mention]
    merge_reasons: list[dict[str, object]] = field(default_factory=list)
    contradictions: list[dict[str, object]] = field(default_factory=list)  # differing claims, side by side
    corroboration: dict[str, object] = field(default_factory=dict)  # who independently says so

    @property
    def document_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.document_id, None)
        return list(seen)

    @property
    def evidence(self) -> Evidence:
        merged: Evidence = {}
        for m in self.mentions:
            for name, spans in m.evidence.items():
                for s in spans:
                    s = s if s.document_id else s.with_document(m.document_id)
                    merged.setdefault(name, [])
                    if s not in merged[name]:
                        merged[name].append(s)
        return merged
