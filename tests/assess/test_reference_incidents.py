"""The three incidents of the reference article (Paris, 27 March 2025) against the bundled agreements."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the shared builders, under any pytest import mode
from cw_assess_helpers import (  # noqa: E402
    bundled,
    day,
    drone_strikes,
    energy_strike,
    incident,
    kherson_shelling,
    reading,
)

from ceasewatch.assess import assess, assess_incident, summarise
from ceasewatch.model import Actor, Count, Effect, Place
from ceasewatch.model.agreements import StatusChange

CRITERIA = ["time_window", "area", "act", "target", "obligor", "conditions"]


def energy(inc, party=None):
    a = bundled("energy-moratorium-2025")
    c = a.commitment("energy-strikes")
    return assess(inc, a, c, reading(a, "energy-strikes", party))


def trace(assessment):
    return {c.name: c for c in assessment.rule_trace}


@pytest.mark.parametrize("party", [None, "RU", "UA"])
@pytest.mark.parametrize("with_place", [True, False])
def test_energy_strike_is_a_possible_violation_under_every_reading(party, with_place):
    result = energy(energy_strike(with_place), party)
    assert result.verdict == "possible_violation"
    assert result.reading == (party or "text")
    t = trace(result)
    assert [c.name for c in result.rule_trace] == CRITERIA
    assert all(c.result == "met" for c in result.rule_trace)
    assert "not specific" in t["target"].detail and "'energy'" in t["target"].detail
    assert t["target"].incident_fields == ("targets",)
    assert t["obligor"].detail == "perpetrator RU (stated) is an obligor"
    assert t["time_window"].clause.startswith("energy-moratorium-2025@1#energy-strikes.window")
    assert any("generic target" in f for f in result.flags)
    assert result.status == "possible" and result.major is False


def test_kherson_shelling_is_indeterminate_with_a_power_outage_flag():
    for party in (None, "RU", "UA"):
        result = energy(kherson_shelling(), party)
        assert result.verdict == "indeterminate"
        t = trace(result)
        assert t["target"].result == "unknown"
        assert "power_outage" in t["target"].detail and "'civilians'" in t["target"].detail
        assert t["obligor"].result == "unknown"
        assert "review: power outage effect may indicate a strike on electricity infrastructure" in result.flags
        assert result.major is False and any("major if confirmed" in f for f in result.flags)


def test_drone_strikes_on_civilians_are_not_applicable():
    result = energy(drone_strikes())
    assert result.verdict == "not_applicable" and result.status == "not_applicable"
    t = trace(result)
    assert t["target"].result == "not_met" and "'civilians'" in t["target"].detail
    assert t["obligor"].result == "met" and t["area"].result == "met"


def test_assess_incident_covers_every_commitment_and_reading():
    agreements = [bundled(i) for i in ("energy-moratorium-2025", "black-sea-2025", "jeddah-ceasefire-2025",
                                       "reassurance-force-2025")]
    expected = sum(len(a.readings_of(c.id)) for a in agreements for c in a.commitments)
    for inc in (kherson_shelling(), drone_strikes(), energy_strike()):
        results = assess_incident(inc, agreements)
        assert len(results) == expected
        keys = {(r.agreement_id, r.commitment_id, r.reading) for r in results}
        assert len(keys) == expected
        assert ("energy-moratorium-2025", "energy-strikes", "UA") in keys
        verdicts = {(r.agreement_id, r.reading): r.verdict for r in results if r.commitment_id == "energy-strikes"}
        assert len(set(verdicts.values())) == 1  # the three readings agree on 27 March
        for r in results:
            if r.agreement_id != "energy-moratorium-2025":
                assert r.verdict == "not_applicable", summarise(r)


def test_jeddah_ceasefire_is_never_a_violation_because_it_was_only_proposed():
    a = bundled("jeddah-ceasefire-2025")
    c = a.commitment("full-ceasefire")
    strike = incident(method="missile", perpetrator=Actor("Russia", party_id="RU"), targets=["residential"],
                      killed=Count(best=3, low=3, high=3), places=[Place("Kyiv", country_code="UA", admin1="Kyiv")])
    result = assess(strike, a, c, a.readings_of(c.id)[0])
    assert result.verdict == "not_applicable"
    cond = trace(result)["conditions"]
    assert cond.result == "not_met" and "agreement not in force (proposed)" in cond.detail
    # Everything else about a full ceasefire matches: any act, any target, anywhere, any time.
    assert all(c.result == "met" for c in result.rule_trace if c.name != "conditions")


def test_black_sea_arrangement_is_not_in_force_and_the_trace_says_why():
    a = bundled("black-sea-2025")
    attack = incident(method="drone", perpetrator=Actor("Russia", party_id="RU"), targets=["commercial_vessel"],
                      places=[Place("Black Sea", precision=7, feature="sea")])
    for r in a.readings_of("no-force"):
        result = assess(attack, a, a.commitment("no-force"), r)
        assert result.verdict == "not_applicable"
        cond = trace(result)["conditions"]
        assert cond.result == "not_met" and "not in force (announced)" in cond.detail
        assert trace(result)["area"].result == "met"
    # Were it in force, Russia's reading would still hold it back for its unmet conditions precedent,
    # while Ukraine's reading (no conditions) would see a possible violation.
    in_force = replace(a, status_history=(StatusChange("in_force", date(2025, 3, 25)),))
    ru = assess(attack, in_force, in_force.commitment("no-force"), reading(in_force, "no-force", "RU"))
    assert ru.verdict == "not_applicable" and "conditions precedent unmet" in trace(ru)["conditions"].detail
    ua = assess(attack, in_force, in_force.commitment("no-force"), reading(in_force, "no-force", "UA"))
    assert ua.verdict == "possible_violation"
    nav = assess(attack, in_force, in_force.commitment("safe-navigation"), reading(in_force, "safe-navigation", None))
    assert trace(nav)["target"].result == "met" and trace(nav)["conditions"].result == "not_met"


def test_ukraines_warship_reading_binds_only_under_ukraines_reading():
    a = bundled("black-sea-2025")
    a = replace(a, status_history=(StatusChange("in_force", date(2025, 3, 25)),))
    c = a.commitment("warships-east")
    move = incident(method="warship_movement", perpetrator=Actor("Russia", party_id="RU"),
                    places=[Place("north-western Black Sea", precision=7, feature="sea")])
    text = assess(move, a, c, reading(a, "warships-east", None))
    assert text.verdict == "not_applicable"
    assert "published text contains no such commitment" in trace(text)["conditions"].detail
    ua = assess(move, a, c, reading(a, "warships-east", "UA"))
    assert ua.verdict == "possible_violation"
    assert any("exceptions not checked" in f for f in ua.flags)
    # The same movement by Ukraine's navy is outside this commitment (Russia is its only obligor).
    mirrored = replace(move, perpetrator=Actor("Ukraine", party_id="UA"))
    assert assess(mirrored, a, c, reading(a, "warships-east", "UA")).verdict == "not_applicable"


def test_us_market_access_and_the_reassurance_pledge_cannot_be_breached_by_incidents():
    for agreement_id, cid in (("black-sea-2025", "us-market-access"), ("reassurance-force-2025", "deploy-force")):
        a = bundled(agreement_id)
        result = assess(energy_strike(), a, a.commitment(cid), a.readings_of(cid)[0])
        assert result.verdict == "not_applicable"
        assert "cannot breach it" in trace(result)["act"].detail


def test_readings_disagree_near_the_window_ends():
    # 20 March: in the text's and Russia's window; before Ukraine's (which starts 25 March).
    early = energy_strike(date=day(date(2025, 3, 20)))
    assert energy(early).verdict == "possible_violation"
    assert energy(early, "RU").verdict == "possible_violation"
    ua = energy(early, "UA")
    assert ua.verdict == "not_applicable" and trace(ua)["time_window"].result == "not_met"
    # 16 April is the last day of the 30 from 18 March; 17 April is outside the text's window, inside Ukraine's.
    assert energy(energy_strike(date=day(date(2025, 4, 16)))).verdict == "possible_violation"
    late = energy_strike(date=day(date(2025, 4, 17)))
    text = energy(late)
    assert text.verdict == "not_applicable" and trace(text)["time_window"].result == "not_met"
    assert "expired" in trace(text)["conditions"].detail
    assert energy(late, "UA").verdict == "possible_violation"
    assert energy(energy_strike(date=day(date(2025, 4, 24))), "UA").verdict == "not_applicable"


def test_a_date_range_across_the_window_end_is_unknown_not_a_violation():
    straddling = energy_strike(date=day(date(2025, 4, 15), date(2025, 4, 18)))
    result = energy(straddling)
    assert result.verdict == "indeterminate"
    assert trace(result)["time_window"].result == "unknown"
    assert "straddles" in trace(result)["time_window"].detail
    assert trace(result)["conditions"].result == "unknown"  # in force, then expired, within the range


def test_no_date_is_unknown():
    result = energy(energy_strike(date=None))
    assert result.verdict == "indeterminate"
    assert trace(result)["time_window"].result == "unknown"


@pytest.mark.parametrize("perpetrator, result, verdict", [
    (Actor("Russia", party_id="RU"), "met", "possible_violation"),
    (Actor("Ukraine", party_id="UA"), "met", "possible_violation"),
    (Actor("Russian forces", party_id="RU", basis="inferred", reason="front line"), "met", "possible_violation"),
    (None, "unknown", "indeterminate"),
    (Actor("unidentified drones"), "unknown", "indeterminate"),
    (Actor("United States", party_id="US"), "not_met", "not_applicable"),
])
def test_perpetrator_against_obligors(perpetrator, result, verdict):
    outcome = energy(energy_strike(perpetrator=perpetrator))
    assert trace(outcome)["obligor"].result == result
    assert outcome.verdict == verdict
    if perpetrator is not None and perpetrator.basis == "inferred":
        assert "inferred" in trace(outcome)["obligor"].detail
        assert "review: perpetrator inferred, not stated" in outcome.flags


@pytest.mark.parametrize("targets, effects, result", [
    (["energy.power.substation"], [], "met"),
    (["energy.nuclear"], [], "met"),
    (["energy"], [], "met"),
    (["civilians", "energy.oil_refinery"], [], "met"),
    (["residential"], [], "not_met"),
    (["residential"], ["gas_outage"], "unknown"),
    (["residential"], ["water_outage"], "not_met"),
    (["infrastructure"], [], "unknown"),
    ([], [], "unknown"),
    ([], ["damaged"], "unknown"),
])
def test_target_rules(targets, effects, result):
    outcome = energy(energy_strike(targets=targets, effects=[Effect(e) for e in effects]))
    assert trace(outcome)["target"].result == result


def test_major_threshold():
    assert energy(energy_strike(targets=["energy.nuclear"])).major is True
    assert energy(energy_strike(targets=["energy.hydro_dam"])).major is True
    assert energy(energy_strike(killed=Count(best=2, low=2, high=2))).major is True
    assert energy(energy_strike(targets=["energy.power.plant"])).major is False
    assert energy(energy_strike(targets=["energy"])).major is False  # generic: the category is not known
    # Never major when not a possible violation.
    assert energy(drone_strikes()).major is False


def test_assess_is_pure():
    inc = energy_strike()
    before = repr(inc)
    first = energy(inc)
    assert energy(inc).as_dict() == first.as_dict()
    assert repr(inc) == before
