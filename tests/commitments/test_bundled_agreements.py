"""The bundled real agreements: valid, faithful to their sources, and round-trippable."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pytest

from ceasewatch.commitments import (
    FORMAT_ID,
    agreement_from_dict,
    agreement_schema,
    agreement_to_dict,
    bundled_agreement_paths,
    load_agreement_file,
    load_bundled,
)
from ceasewatch.model import taxonomy

SHARED = Path(__file__).resolve().parents[3] / "shared"
IDS = {"energy-moratorium-2025", "black-sea-2025", "jeddah-ceasefire-2025", "reassurance-force-2025"}


@pytest.fixture(scope="module")
def bundled():
    return {la.id: la for la in load_bundled()}


def test_schema_is_valid_draft_2020_12_and_json():
    schema = agreement_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    text = json.dumps(schema)
    for term in (*taxonomy.TARGETS, *taxonomy.METHODS, *taxonomy.AGREEMENT_STATUSES):
        assert json.dumps(term) in text
    agreement_schema()["$defs"].clear()  # a copy: callers cannot damage the module's schema
    assert agreement_schema()["$defs"]


def test_every_bundled_file_is_loaded(bundled):
    paths = bundled_agreement_paths()
    assert {p.suffix for p in paths} <= {".yaml", ".yml", ".json"}
    assert len(paths) == len(bundled) == 4
    assert set(bundled) == IDS


@pytest.mark.parametrize("path", bundled_agreement_paths(), ids=lambda p: p.name)
def test_bundled_file_validates_and_round_trips(path):
    la = load_agreement_file(path)
    assert la.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert la.path == path
    json.dumps(la.raw)  # plain JSON: the store keeps it as is
    assert la.raw["format"] == FORMAT_ID
    jsonschema.Draft202012Validator(agreement_schema()).validate(la.raw)
    assert agreement_from_dict(la.raw) == la.agreement
    again = agreement_to_dict(la.agreement)
    jsonschema.Draft202012Validator(agreement_schema()).validate(again)
    assert agreement_from_dict(json.loads(json.dumps(again))) == la.agreement
    # Every agreement and every commitment cites at least one source.
    assert la.agreement.sources
    for c in la.agreement.commitments:
        assert c.sources, c.id
    for readings in la.agreement.readings.values():
        for r in readings:
            assert r.source is not None and (r.source.url or r.source.publisher)


def test_energy_moratorium_facts(bundled):
    a = bundled["energy-moratorium-2025"].agreement
    assert a.kind == "partial_moratorium"
    assert set(a.parties) == {"RU", "UA"} and a.mediators == ("US",)
    (c,) = a.commitments
    assert set(c.obligors) == {"RU", "UA"} and c.kind == "refrain"
    assert set(c.targets) == {"energy.oil_refinery", "energy.oil_gas", "energy.power", "energy.nuclear",
                              "energy.hydro_dam"}
    assert c.window.start == datetime(2025, 3, 18) and c.window.end == datetime(2025, 4, 17)
    assert c.window.timezone == "Europe/Moscow"
    assert "free from its obligations" in c.reciprocity
    assert a.status_on(date(2025, 3, 17)) is None
    assert a.status_on(date(2025, 3, 27)) == "in_force"
    assert a.status_on(date(2025, 4, 18)) == "expired"
    readings = {r.party_id: r for r in a.readings["energy-strikes"]}
    assert set(readings) == {"RU", "UA"}
    assert readings["UA"].window.start.date() == date(2025, 3, 25)
    assert readings["UA"].window.timezone == "Europe/Kyiv"
    assert readings["RU"].window.start.date() == date(2025, 3, 18)
    assert [r.label for r in a.readings_of("energy-strikes")] == ["text", "RU", "UA"]
    # Competing claims are all kept: each side accuses the other.
    assert {(cl.claimant, cl.accused) for cl in a.claims} == {("UA", "RU"), ("RU", "UA")}
    # The Kremlin statement of 18 April on expiry is cited.
    assert any(ch.status == "expired" and ch.source and "expired" in (ch.source.quote or "")
               for ch in a.status_history)


def test_black_sea_facts(bundled):
    a = bundled["black-sea-2025"].agreement
    assert a.kind == "maritime_arrangement"
    assert a.status_on(date(2025, 3, 27)) == "announced"
    no_force = a.commitment("no-force")
    assert no_force.scope.areas == ("Black Sea",) and no_force.conditions_met is False
    assert any("SWIFT" in cond for cond in no_force.conditions)
    assert a.commitment("us-market-access").obligors == ("US",)
    warships = a.commitment("warships-east")
    assert warships.in_text is False and warships.obligors == ("RU",)
    (ua,) = a.readings["warships-east"]
    assert ua.party_id == "UA" and ua.binds(warships) and not a.readings_of("warships-east")[0].binds(warships)


def test_jeddah_and_reassurance_facts(bundled):
    j = bundled["jeddah-ceasefire-2025"].agreement
    assert j.kind == "ceasefire" and j.status_on(date(2025, 3, 27)) == "proposed"
    (full,) = j.commitments
    assert full.acts == () and full.targets == () and full.scope.unrestricted
    stances = {p.party_id: p.stance for p in j.positions}
    assert stances == {"US": "proposes", "UA": "supports", "RU": "conditions"}
    r = bundled["reassurance-force-2025"].agreement
    assert r.kind == "pledge_coalition" and set(r.parties) == {"FR", "GB"}
    (pledge,) = r.pledges
    assert (pledge.low, pledge.high, pledge.unit) == (10000, 30000, "troops")
    stances = {p.party_id: p for p in r.positions}
    assert stances["FR"].stance == stances["GB"].stance == "proposes"
    assert "not unanimous" in stances["EU"].source.quote
    assert stances["US"].stance == "undecided"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _quotes(value):
    if isinstance(value, dict):
        if value.get("quote"):
            yield value
        for v in value.values():
            yield from _quotes(v)
    elif isinstance(value, list):
        for v in value:
            yield from _quotes(v)


@pytest.mark.skipif(not (SHARED / "data" / "agreements").is_dir(), reason="shared/ data not available")
def test_quotes_of_shared_statements_are_verbatim(bundled):
    """Quotes from the White House statements and the reference article appear word for word in them."""
    statements = {}
    for md in (SHARED / "data" / "agreements").glob("*.md"):
        text = md.read_text(encoding="utf-8")
        url = re.search(r"source_url: (\S+)", text).group(1)
        statements[url] = _norm(text)
    article = _norm((SHARED / "reference" / "paris-summit-2025-03-27.txt").read_text(encoding="utf-8"))
    checked = 0
    for la in bundled.values():
        for src in _quotes(la.raw):
            if src.get("url") in statements:
                assert _norm(src["quote"]) in statements[src["url"]], src["quote"]
                checked += 1
            elif (src.get("publisher") or "").startswith("News report"):
                assert _norm(src["quote"]) in article, src["quote"]
                checked += 1
    assert checked >= 15
