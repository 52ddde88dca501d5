"""The human review workflow of assessments: allowed transitions and the four-eyes rule.

possible -> under_review -> verified | not_substantiated | rejected. A verdict the engine found not
applicable can still be taken up (-> under_review) when an analyst disagrees, and a closed case can be
reopened (-> under_review) when new evidence arrives. "verified" needs ``verify_reviewers`` distinct
reviewers (two by default): the first reviewer's "verified" is recorded and leaves the case under review
until a different reviewer confirms it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import CeasewatchError
from ..store import ConflictError, Store

TRANSITIONS: dict[str, frozenset[str]] = {
    "possible": frozenset({"under_review"}),
    "not_applicable": frozenset({"under_review"}),
    "under_review": frozenset({"verified", "not_substantiated", "rejected"}),
    "not_substantiated": frozenset({"under_review"}),
    "rejected": frozenset({"under_review"}),
    "verified": frozenset({"under_review"}),
}
DECISIONS = ("under_review", "verified", "not_substantiated", "rejected")


class ReviewError(CeasewatchError):
    """A decision the workflow does not allow; nothing was recorded."""


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    verify_reviewers: int = 2  # the four-eyes rule; 1 turns it off


def decide(store: Store, assessment_id: int, *, status: str, reviewer: str, rationale: str,
           expected_version: int | None = None, policy: ReviewPolicy | None = None) -> dict[str, Any]:
    """Apply one reviewer's decision. Returns the assessment as stored afterwards.

    ``expected_version`` is the ``lock_version`` the reviewer saw; when another decision landed meanwhile
    the store refuses with a ConflictError (optimistic locking), so two reviewers never overwrite each other.
    """
    policy = policy or ReviewPolicy()
    if status not in DECISIONS:
        raise ReviewError(f"unknown decision {status!r}: expected one of {', '.join(DECISIONS)}")
    if not reviewer.strip():
        raise ReviewError("a decision needs a reviewer name")
    if not rationale.strip():
        raise ReviewError("a decision needs a written rationale")
    current = store.get_assessment(assessment_id)
    version = current["lock_version"] if expected_version is None else expected_version
    if version != current["lock_version"]:
        raise ConflictError(f"assessment {assessment_id} was changed by someone else meanwhile (version "
                            f"{version} is stale, now {current['lock_version']}): reload it and decide again")
    allowed = TRANSITIONS.get(current["status"], frozenset())
    if status not in allowed:
        raise ReviewError(f"assessment {assessment_id} is {current['status']}: it can go to "
                          f"{', '.join(sorted(allowed)) or 'nothing else'}, not {status}")
    new_status = status
    if status == "verified" and policy.verify_reviewers > 1:
        since_open = _decisions_since_opened(store.review_decisions(assessment_id))
        verifiers = {d["reviewer"] for d in since_open if d["action"] == "verified"}
        if reviewer in verifiers:
            raise ReviewError(f"four-eyes rule: {reviewer} already asked to verify assessment {assessment_id}; "
                              "a different reviewer must confirm")
        if len(verifiers) + 1 < policy.verify_reviewers:
            new_status = "under_review"  # recorded as a first verification, awaiting confirmation
    return store.set_assessment_status(assessment_id, status=new_status, reviewer=reviewer, rationale=rationale,
                                       expected_version=version, action=status)


def _decisions_since_opened(decisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Decisions since the case last entered review (a reopened case needs fresh verifications)."""
    start = 0
    for i, d in enumerate(decisions):
        if d["to_status"] == "under_review" and d["action"] == "under_review":
            start = i
    return decisions[start:]
