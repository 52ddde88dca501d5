"""Positions and Pledges: who said what about a proposal, who pledged what, and on which conditions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .events import Span

Stance = Literal["supports", "opposes", "conditions", "undecided", "proposes"]
PledgeStatus = Literal["pledged", "delivered", "proposed", "uncertain"]


@dataclass(slots=True)
class Position:
    speaker: str
    proposal: str
    stance: Stance
    party_id: str | None = None
    condition: str | None = None
    document_id: str | None = None
    evidence: dict[str, list[Span]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    unit: str  # ISO 4217 currency code, or "troops"
    low: float | None = None
    high: float | None = None


@dataclass(slots=True)
class Pledge:
    donor: str
    kind: str  # money, troops, equipment, facilitation
    recipient: str | None = None
    amounts: list[Amount] = field(default_factory=list)  # "EUR 2 billion ($2.15 billion)" keeps both
    items: list[str] = field(default_factory=list)
    party_id: str | None = None
    document_id: str | None = None
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    # how firm the offer is, as stated: pledged ("announced", "will provide"), delivered ("has sent"),
    # proposed ("would send", "offered", "ready to"), uncertain ("could involve", "is considering"); the
    # vocabulary of an agreement's pledge terms (ceasewatch.model.agreements.PledgeTerm.status)
    status: PledgeStatus = "pledged"
    condition: str | None = None  # "once a ceasefire is agreed", "if the US provides a backstop"
