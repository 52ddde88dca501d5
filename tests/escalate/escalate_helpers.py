"""Hand-made incident dicts and a helper that stores them (imported by the escalation tests)."""

from __future__ import annotations

import copy
import socket
from datetime import UTC, datetime
from typing import Any

T0 = datetime(2025, 3, 28, 12, 0, tzinfo=UTC)


def make_incident(iid: str, day: str = "2025-03-24", *, party: str | None = "RU", basis: str = "stated",
                  killed: int | None = None, injured: int | None = None, targets: list[str] | None = None,
                  places: list[str] | None = None, effects: list[dict[str, Any]] | None = None,
                  assessments: list[dict[str, Any]] | None = None, precision: int = 1) -> dict[str, Any]:
    """An incident JSON dict as Store.incidents() returns it (docs/json/incident.schema.json)."""
    return {
        "id": iid,
        "date": {"start": day, "end": day, "precision": precision},
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "method": "drone",
        "perpetrator": {"name": party, "basis": basis, "party_id": party, "reason": None} if party else None,
        "affected_party": None,
        "claimants": [],
        "targets": list(targets or []),
        "effects": list(effects or []),
        "killed": {"best": killed, "low": killed, "high": killed},
        "injured": {"best": injured, "low": injured, "high": injured},
        "places": [{"name": p, "geonames_id": None, "lat": None, "lon": None, "precision": 3} for p in places or []],
        "sources": [f"doc-{iid}"],
        "mentions": [f"m-{iid}"],
        "evidence": {},
        "contradictions": [],
        "assessments": list(assessments or []),
    }


def make_assessment(aid: int | None = None, *, status: str = "possible", verdict: str = "possible_violation",
                    major: bool = False, agreement: str = "energy-moratorium-2025",
                    commitment: str = "no-energy-strikes", reading: str = "text") -> dict[str, Any]:
    return {"id": aid, "agreement_id": agreement, "commitment_id": commitment, "reading": reading,
            "verdict": verdict, "status": status, "flags": [], "major": major, "rule_trace": []}


def swap_parties(incidents: list[dict[str, Any]], a: str = "RU", b: str = "UA") -> list[dict[str, Any]]:
    out = copy.deepcopy(incidents)
    for inc in out:
        perp = inc.get("perpetrator")
        if perp and perp.get("party_id") in (a, b):
            other = b if perp["party_id"] == a else a
            perp["party_id"] = perp["name"] = other
    return out


def put_incidents(store: Any, incidents: list[dict[str, Any]]) -> None:
    """Write incident bodies and their assessments directly (the pipeline is not under test here)."""
    from ceasewatch.store.schema import AssessmentRow, IncidentRow

    with store.transaction() as s:
        for inc in incidents:
            body = {k: v for k, v in inc.items() if k != "assessments"}
            s.add(IncidentRow(id=inc["id"], date_start=inc["date"]["start"] if inc.get("date") else None,
                              event_type=inc.get("event_type"), body=body, updated_at=T0))
        s.flush()
        for inc in incidents:
            for a in inc.get("assessments") or []:
                body = {k: v for k, v in a.items() if k not in ("id", "status")}
                s.add(AssessmentRow(incident_id=inc["id"], agreement_id=a["agreement_id"],
                                    commitment_id=a["commitment_id"], reading=a["reading"], verdict=a["verdict"],
                                    status=a["status"], major=bool(a.get("major")), body=body, lock_version=1,
                                    updated_at=T0))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (just now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
