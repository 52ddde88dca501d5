"""Agreements, their Commitments, and each party's Reading of a commitment.

A commitment says who must refrain from (or ensure, or report) which acts against which targets, where and
when. Parties often read the same commitment differently (a different start date, a different area), so
each Reading overrides parts of the commitment with its own source; assessments are computed per reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class SourceRef:
    url: str | None = None
    publisher: str | None = None
    quote: str | None = None
    date: date | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: str  # proposed, agreed, in_force, suspended, lapsed, extended, expired
    date: date
    source: SourceRef | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """[start, end) in the commitment's time zone; ``end`` None means open-ended."""

    start: datetime | None
    end: datetime | None = None
    timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class GeoScope:
    """Where a commitment applies. Empty means everywhere; a GeoJSON geometry may refine it."""

    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2
    admin1: tuple[str, ...] = ()  # names of first-order regions
    areas: tuple[str, ...] = ()  # named areas: "Black Sea", "Sea of Azov"
    geojson: dict | None = None

    @property
    def unrestricted(self) -> bool:
        return not (self.countries or self.admin1 or self.areas or self.geojson)


@dataclass(frozen=True, slots=True)
class Threshold:
    """What makes a violation major: e.g. killed >= 1, or any strike on listed targets."""

    min_killed: int | None = None
    min_injured: int | None = None
    targets: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    id: str
    text: str
    obligors: tuple[str, ...]  # party ids, or ("*",) for all parties
    kind: str = "refrain"  # refrain, ensure, report
    acts: tuple[str, ...] = ()  # method or sub-event selectors; empty = any use of force
    targets: tuple[str, ...] = ()  # target selectors; empty = any target
    window: TimeWindow = field(default_factory=lambda: TimeWindow(None))
    scope: GeoScope = field(default_factory=GeoScope)
    exceptions: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()  # conditions precedent, as text
    conditions_met: bool | None = True  # None: disputed / unknown
    reciprocity: str | None = None
    major: Threshold | None = None
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """One party's reading of a commitment: the fields it reads differently, and where it said so."""

    party_id: str | None  # None: the text as published
    window: TimeWindow | None = None
    scope: GeoScope | None = None
    targets: tuple[str, ...] | None = None
    source: SourceRef | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return self.party_id or "text"

    def apply(self, commitment: Commitment) -> Commitment:
        changes: dict[str, object] = {}
        if self.window is not None:
            changes["window"] = self.window
        if self.scope is not None:
            changes["scope"] = self.scope
        if self.targets is not None:
            changes["targets"] = self.targets
        return replace(commitment, **changes) if changes else commitment


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    title: str
    kind: str  # ceasefire, partial_moratorium, maritime_arrangement, pledge_coalition
    parties: tuple[str, ...]
    commitments: tuple[Commitment, ...] = ()
    readings: dict[str, tuple[Reading, ...]] = field(default_factory=dict)  # commitment id -> readings
    mediators: tuple[str, ...] = ()
    announced: date | None = None
    signed: date | None = None
    monitoring_body: str | None = None
    status_history: tuple[StatusChange, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    version: int = 1

    def status_on(self, day: date) -> str | None:
        current = None
        for change in sorted(self.status_history, key=lambda c: c.date):
            if change.date <= day:
                current = change.status
        return current

    def readings_of(self, commitment_id: str) -> tuple[Reading, ...]:
        """The text's own reading first, then each party's."""
        return (Reading(None), *self.readings.get(commitment_id, ()))
