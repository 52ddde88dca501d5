"""Assessments of an Incident against a Commitment under one Reading, with the rule trace behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Verdict = Literal["possible_violation", "not_applicable", "indeterminate"]
CriterionResult = Literal["met", "not_met", "unknown"]
# Review workflow: possible -> under_review -> verified | not_substantiated | rejected.
Status = Literal["possible", "under_review", "verified", "not_substantiated", "rejected", "not_applicable"]


@dataclass(frozen=True, slots=True)
class Criterion:
    """One line of a rule trace: what was checked, the result, and the incident fields / clauses used."""

    name: str  # time_window, area, act, target, obligor, conditions
    result: CriterionResult
    detail: str
    incident_fields: tuple[str, ...] = ()
    clause: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "result": self.result,
            "detail": self.detail,
            "incident_fields": list(self.incident_fields),
            "clause": self.clause,
        }


@dataclass(slots=True)
class Assessment:
    incident_id: str
    agreement_id: str
    commitment_id: str
    reading: str  # "text" or the party id whose reading was applied
    verdict: Verdict
    rule_trace: list[Criterion]
    status: Status = "possible"
    flags: list[str] = field(default_factory=list)  # e.g. "review: power outage may indicate an energy target"
    major: bool = False
    reviewer: str | None = None
    rationale: str | None = None
    decided_at: datetime | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "agreement_id": self.agreement_id,
            "commitment_id": self.commitment_id,
            "reading": self.reading,
            "verdict": self.verdict,
            "status": self.status,
            "flags": list(self.flags),
            "major": self.major,
            "rule_trace": [c.as_dict() for c in self.rule_trace],
        }
