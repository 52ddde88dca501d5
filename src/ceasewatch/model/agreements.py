"""Agreements, their Commitments, and each party's Reading of a commitment.

A commitment says who must refrain from (or ensure, or report) which acts against which targets, where and
when. Parties often read the same commitment differently (a different start date, a different area), so
each Reading overrides parts of the commitment with its own source; assessments are computed per reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class SourceRef:
    url: str | None = None
    publisher: str | None = None
    quote: str | None = None
    date: date | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: str  # proposed, agreed, in_force, suspended, lapsed, extended, expired
    date: date
    source: SourceRef | None = None
    note: str | None = None
    parties: tuple[str, ...] = ()  # whom the change concerns (e.g. the party that accepted); empty: all


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
    in_text: bool = True  # False: not in the published text; binding only under the readings that say so
    release: str | None = None  # what frees a party from the commitment (e.g. a violation by the other side)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """One party's reading of a commitment: the fields it reads differently, and where it said so."""

    party_id: str | None  # None: the text as published
    window: TimeWindow | None = None
    scope: GeoScope | None = None
    targets: tuple[str, ...] | None = None
    source: SourceRef | None = None
    note: str | None = None
    acts: tuple[str, ...] | None = None
    obligors: tuple[str, ...] | None = None
    # Conditions precedent as this party reads them; ``conditions_met`` counts only when ``conditions`` is set.
    conditions: tuple[str, ...] | None = None
    conditions_met: bool | None = None
    binding: bool | None = None  # None: as the commitment (``in_text``); True/False: this party's view
    status_history: tuple[StatusChange, ...] | None = None  # this party's dates for the agreement's status
    sources: tuple[SourceRef, ...] = ()  # further sources, after ``source``

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
        if self.acts is not None:
            changes["acts"] = self.acts
        if self.obligors is not None:
            changes["obligors"] = self.obligors
        if self.conditions is not None:
            changes["conditions"] = self.conditions
            changes["conditions_met"] = self.conditions_met if self.conditions else True
        return replace(commitment, **changes) if changes else commitment

    def binds(self, commitment: Commitment) -> bool:
        """Whether this reading holds the commitment to be binding at all."""
        return commitment.in_text if self.binding is None else self.binding


@dataclass(frozen=True, slots=True)
class PartyPosition:
    """A party's stance on an agreement or proposal (supports, opposes, conditions, undecided, proposes)."""

    party_id: str
    stance: str
    note: str | None = None
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class PledgeTerm:
    """What a pledge or coalition record offers: troops, money, equipment, as a range when only that is known."""

    parties: tuple[str, ...]
    kind: str  # troops, money, equipment, support
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # "troops", or an ISO 4217 currency code
    status: str = "proposed"  # proposed, pledged, delivered, uncertain
    note: str | None = None
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class ViolationClaim:
    """One party's public accusation that another violated the agreement. Recorded, never adjudicated."""

    claimant: str  # party id of who accuses
    accused: str  # party id of who is accused
    summary: str
    date: date | None = None  # when the alleged violation happened (or began)
    commitment_id: str | None = None
    source: SourceRef | None = None


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
    guarantors: tuple[str, ...] = ()
    valid_from: date | None = None  # the period this version of the agreement record covers
    valid_until: date | None = None  # exclusive; None: open
    positions: tuple[PartyPosition, ...] = ()
    pledges: tuple[PledgeTerm, ...] = ()
    claims: tuple[ViolationClaim, ...] = ()  # competing public accusations of violation, all kept
    notes: tuple[str, ...] = ()

    def status_on(self, day: date, history: tuple[StatusChange, ...] | None = None) -> str | None:
        """The status in force on ``day`` under ``history`` (default: the agreement's own status history)."""
        current = None
        for change in sorted(self.status_history if history is None else history, key=lambda c: c.date):
            if change.date <= day:
                current = change.status
        return current

    def commitment(self, commitment_id: str) -> Commitment | None:
        for c in self.commitments:
            if c.id == commitment_id:
                return c
        return None

    def readings_of(self, commitment_id: str) -> tuple[Reading, ...]:
        """The text's own reading first, then each party's."""
        return (Reading(None), *self.readings.get(commitment_id, ()))


_SIDES_KINDS = frozenset(("ceasefire", "partial_moratorium", "maritime_arrangement"))


def conflict_sides(agreements: Iterable[Agreement]) -> tuple[str, str] | None:
    """The two sides of the conflict that the monitored agreements regulate: the parties common to every
    ceasefire, partial moratorium and maritime arrangement, when exactly two (sorted); else None, and callers keep
    their default. A coalition's pledges (pledge_coalition) do not name sides."""
    common: set[str] | None = None
    for a in agreements:
        if a.kind in _SIDES_KINDS:
            common = set(a.parties) if common is None else common & set(a.parties)
    if common is None or len(common) != 2:
        return None
    first, second = sorted(common)
    return first, second
