"""Acceptance: the reference article (Paris summit, 27 March 2025) through the whole pipeline.

ingest -> extract -> resolve -> assess -> report, on SQLite and PostgreSQL, through the library API.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from ceasewatch.ingest import IngestOptions, ingest_paths
from ceasewatch.pipeline import load_bundled_agreements, process
from ceasewatch.report import write_report
from ceasewatch.store import Store
from conftest import REFERENCE_ARTICLE

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs/json/incident.schema.json").read_text())


@pytest.fixture
def processed(store: Store, reference_article: str) -> tuple[Store, list[dict], str]:
    load_bundled_agreements(store)
    s = ingest_paths(store, [REFERENCE_ARTICLE], IngestOptions(published=date(2025, 3, 27)))
    assert s.ok and len(s.new) == 1
    process(store)
    return store, store.incidents(), reference_article


def _energy(inc: dict) -> list[dict]:
    return [a for a in inc["assessments"] if a["agreement_id"] == "energy-moratorium-2025" and a["reading"] == "text"]


def _spans_hold(inc: dict, text: str) -> bool:
    return all(text[a:b].strip() for spans in inc["evidence"].values() for a, b, _doc in spans)


def test_kherson_shelling(processed: tuple[Store, list[dict], str]) -> None:
    _store, incidents, text = processed
    kherson = [i for i in incidents if any(p["name"] == "Kherson" for p in i["places"])]
    assert len(kherson) == 1
    inc = kherson[0]
    assert inc["method"] == "artillery"
    assert inc["killed"]["best"] == 1
    assert {"code": "power_outage", "quantity": None} in inc["effects"]
    assert any(c["party_id"] == "UA" and c["affiliation"] == "party_official" for c in inc["claimants"])
    assert inc["perpetrator"] is None or inc["perpetrator"]["basis"] == "inferred"
    verdicts = {a["verdict"] for a in _energy(inc)}
    assert verdicts == {"indeterminate"}
    assert any("power outage" in f for a in _energy(inc) for f in a["flags"])
    assert "power outage" in text[inc["evidence"]["effects"][0][0]:inc["evidence"]["effects"][0][1]] or \
        "power" in text[inc["evidence"]["effects"][0][0]:inc["evidence"]["effects"][0][1]]


def test_drone_strikes(processed: tuple[Store, list[dict], str]) -> None:
    _store, incidents, text = processed
    drones = [i for i in incidents if i["method"] == "drone" and i["injured"]["low"] == 21]
    assert len(drones) == 1
    inc = drones[0]
    assert inc["injured"] == {"best": None, "low": 21, "high": None}
    assert inc["perpetrator"]["party_id"] == "RU" and inc["perpetrator"]["basis"] == "stated"
    assert any(c["party_id"] == "UA" for c in inc["claimants"])
    assert {a["verdict"] for a in _energy(inc)} == {"not_applicable"}
    a, b, _ = inc["evidence"]["injured"][0]
    assert "more than 20" in text[a:b]


def test_energy_strike_is_a_possible_violation(processed: tuple[Store, list[dict], str]) -> None:
    _store, incidents, _text = processed
    energy = [i for i in incidents if any(t.startswith("energy") for t in i["targets"])]
    assert len(energy) == 1
    inc = energy[0]
    assert inc["date"]["start"] == "2025-03-27" and inc["date"]["precision"] == 1
    assert inc["perpetrator"]["party_id"] == "RU"
    assert any("Zelensky" in c["name"] for c in inc["claimants"])
    assert not any(p["name"] == "Paris" for p in inc["places"])
    assert {a["verdict"] for a in _energy(inc)} == {"possible_violation"}


def test_every_incident_is_evidenced_and_valid_json(processed: tuple[Store, list[dict], str]) -> None:
    _store, incidents, text = processed
    assert incidents
    for inc in incidents:
        jsonschema.validate(inc, SCHEMA)
        assert inc["evidence"] and _spans_hold(inc, text)
        for field in ("event_type", "killed", "injured", "places", "targets", "perpetrator"):
            value = inc[field]
            stated = value not in (None, [], {"best": None, "low": None, "high": None})
            if stated and not (field == "places" and all(p["basis"] == "inferred" for p in value)) \
                    and not (field == "perpetrator" and value["basis"] == "inferred"):
                assert inc["evidence"].get(field), f"{inc['id']}: {field} has no evidence span"


def test_diplomacy_is_not_an_incident(processed: tuple[Store, list[dict], str]) -> None:
    _store, incidents, _text = processed
    assert len(incidents) == 3
    statements = _store.statements()
    assert any(s["type"] == "pledge" and any(a["unit"] == "EUR" and a["value"] == 2e9 for a in s["amounts"])
               for s in statements)


def test_processing_again_changes_nothing_and_report_is_written(processed: tuple[Store, list[dict], str],
                                                               tmp_path: Path) -> None:
    store, incidents, _ = processed
    audit_before = len(store.audit_entries())
    summary = process(store)
    assert summary.extracted == 0 and summary.incidents_changed == 0 and summary.assessments["new"] == 0
    assert store.incidents() == incidents
    assert len(store.audit_entries()) == audit_before and store.verify_audit().ok
    files = write_report(incidents, store.agreements(), store.statements(), tmp_path)
    body = files.markdown.read_text()
    assert "possible violation" in body and "Kherson" in body
    # the report words a pledge as firm as it was stated: the troop figure was only "could involve"
    assert "France pledged equipment: 2,000,000,000 EUR" in body
    assert "may provide troops: 10,000–30,000 troops" in body and "Türkiye offered facilitation" in body
