"""Review workflow on both backends: transitions, rationale, four-eyes, optimistic locking, audit."""

from __future__ import annotations

import pytest

from ceasewatch.assess.workflow import ReviewError, ReviewPolicy, decide
from ceasewatch.model import Assessment, Criterion
from ceasewatch.resolve import resolve_incidents
from ceasewatch.store import ConflictError, Store
from helpers import make_doc, make_mention


@pytest.fixture
def assessment_id(store: Store) -> int:
    d = make_doc("A report of shelling in Kherson.")
    store.add_document(d, b"x")
    store.save_extraction(d.id, [make_mention(d.id)], [], [], language="en", warnings=[])
    incidents = resolve_incidents(store.mentions())
    store.replace_incidents(incidents)
    store.save_assessments([Assessment(incidents[0].id, "energy", "c1", "text", "possible_violation",
                                       [Criterion("target", "met", "energy")])])
    return store.assessments()[0]["id"]


def test_illegal_transitions_and_missing_rationale_are_refused(store: Store, assessment_id: int) -> None:
    with pytest.raises(ReviewError, match="can go to under_review"):
        decide(store, assessment_id, status="verified", reviewer="ana", rationale="looks right")
    with pytest.raises(ReviewError, match="rationale"):
        decide(store, assessment_id, status="under_review", reviewer="ana", rationale="  ")
    with pytest.raises(ReviewError, match="unknown decision"):
        decide(store, assessment_id, status="approved", reviewer="ana", rationale="x")
    assert store.get_assessment(assessment_id)["status"] == "possible"


def test_verified_needs_two_different_reviewers(store: Store, assessment_id: int) -> None:
    decide(store, assessment_id, status="under_review", reviewer="ana", rationale="taking it")
    first = decide(store, assessment_id, status="verified", reviewer="ana", rationale="photos match")
    assert first["status"] == "under_review"
    with pytest.raises(ReviewError, match="four-eyes"):
        decide(store, assessment_id, status="verified", reviewer="ana", rationale="again")
    final = decide(store, assessment_id, status="verified", reviewer="ben", rationale="confirmed by monitors")
    assert final["status"] == "verified" and final["reviewer"] == "ben"
    history = store.review_decisions(assessment_id)
    assert [(d["reviewer"], d["action"], d["to_status"]) for d in history] == [
        ("ana", "under_review", "under_review"), ("ana", "verified", "under_review"), ("ben", "verified", "verified")]
    assert store.verify_audit().ok
    assert [e.action for e in store.audit_entries()].count("decide") == 3


def test_single_reviewer_policy(store: Store, assessment_id: int) -> None:
    decide(store, assessment_id, status="under_review", reviewer="ana", rationale="taking it")
    done = decide(store, assessment_id, status="verified", reviewer="ana", rationale="ok",
                  policy=ReviewPolicy(verify_reviewers=1))
    assert done["status"] == "verified"


def test_two_reviewers_at_once_one_wins(store: Store, assessment_id: int) -> None:
    seen = store.get_assessment(assessment_id)["lock_version"]
    decide(store, assessment_id, status="under_review", reviewer="ana", rationale="mine", expected_version=seen)
    with pytest.raises(ConflictError, match="changed by someone else"):
        decide(store, assessment_id, status="under_review", reviewer="ben", rationale="mine too",
               expected_version=seen)
    assert store.get_assessment(assessment_id)["reviewer"] == "ana"


def test_decisions_survive_reassessment(store: Store, assessment_id: int) -> None:
    row = store.get_assessment(assessment_id)
    decide(store, assessment_id, status="under_review", reviewer="ana", rationale="checking")
    store.save_assessments([Assessment(row["incident_id"], "energy", "c1", "text", "indeterminate",
                                       [Criterion("target", "unknown", "no target stated")])])
    after = store.get_assessment(assessment_id)
    assert after["status"] == "under_review" and after["verdict"] == "indeterminate"
