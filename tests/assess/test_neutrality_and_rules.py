"""Neutrality (swapping the parties mirrors the verdict) and the engine's rules, on generated incidents."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))  # the shared builders, under any pytest import mode
from cw_assess_helpers import bundled, swap_agreement, swap_incident  # noqa: E402

from ceasewatch.assess import assess, assess_incident  # noqa: E402
from ceasewatch.model import Actor, Count, DateRange, Effect, Incident, Place, taxonomy  # noqa: E402
from ceasewatch.model.agreements import (  # noqa: E402
    Agreement,
    Commitment,
    GeoScope,
    Reading,
    StatusChange,
    TimeWindow,
)

PROPERTY = settings(max_examples=150, deadline=None)  # per test: other suites keep their own settings

parties = st.sampled_from(["RU", "UA"])
maybe_party = st.one_of(st.none(), parties, st.just("US"))


@st.composite
def incidents(draw):
    start = draw(st.dates(min_value=date(2025, 3, 1), max_value=date(2025, 5, 1)))
    span = draw(st.sampled_from([0, 0, 0, 1, 5]))
    perp_party = draw(maybe_party)
    perpetrator = None if perp_party is None and draw(st.booleans()) else Actor(
        name={"RU": "Russia", "UA": "Ukraine", "US": "United States", None: "unknown forces"}[perp_party],
        party_id=perp_party, basis=draw(st.sampled_from(["stated", "inferred"])))
    places = [Place(name=c, country_code=c, precision=draw(st.sampled_from([1, 4, 6])),
                    admin1=None, basis=draw(st.sampled_from(["stated", "inferred"])))
              for c in draw(st.lists(st.sampled_from(["RU", "UA", "BY"]), max_size=2))]
    sub = draw(st.one_of(st.none(), st.sampled_from(list(taxonomy.SUB_EVENT_TO_TYPE))))
    return Incident(
        id="gen", mentions=[],
        event_type=draw(st.one_of(st.none(), st.sampled_from(list(taxonomy.EVENT_TYPES)))) if sub is None
        else taxonomy.SUB_EVENT_TO_TYPE[sub],
        sub_event_type=sub,
        method=draw(st.one_of(st.none(), st.sampled_from(taxonomy.METHODS + taxonomy.EXTRA_ACTS))),
        perpetrator=perpetrator,
        affected_party=draw(st.one_of(st.none(), parties)),
        targets=draw(st.lists(st.sampled_from(taxonomy.TARGETS), max_size=3, unique=True)),
        effects=[Effect(e) for e in draw(st.lists(st.sampled_from(taxonomy.EFFECTS), max_size=2, unique=True))],
        killed=Count(best=draw(st.one_of(st.none(), st.integers(0, 5)))),
        injured=Count(low=draw(st.one_of(st.none(), st.integers(0, 30)))),
        date=None if draw(st.integers(0, 9)) == 0 else DateRange(start, start + timedelta(days=span)),
        places=places,
    )


@st.composite
def agreements(draw):
    """A random agreement between RU and UA, with per-party readings."""
    obligors = tuple(draw(st.lists(parties, min_size=1, max_size=2, unique=True)))
    scope = GeoScope(countries=tuple(draw(st.lists(parties, max_size=2, unique=True))))
    start = draw(st.dates(min_value=date(2025, 3, 1), max_value=date(2025, 4, 1)))
    window = TimeWindow(datetime(start.year, start.month, start.day),
                        datetime(2025, 4, 30) if draw(st.booleans()) else None,
                        draw(st.sampled_from(["Europe/Kyiv", "Europe/Moscow", "UTC"])))
    commitment = Commitment(
        id="c", text="generated", obligors=obligors,
        kind=draw(st.sampled_from(["refrain", "ensure"])),
        acts=tuple(draw(st.lists(st.sampled_from(taxonomy.act_selectors()), max_size=2, unique=True))),
        targets=tuple(draw(st.lists(st.sampled_from(taxonomy.TARGETS), max_size=3, unique=True))),
        window=window, scope=scope,
        conditions=("generated",) if draw(st.booleans()) else (),
        conditions_met=draw(st.sampled_from([True, False, None])),
    )
    readings = []
    for party in draw(st.lists(parties, max_size=2, unique=True)):
        readings.append(Reading(party, window=replace(window, start=window.start + timedelta(days=draw(
            st.integers(0, 10)))), scope=GeoScope(countries=(party,)) if draw(st.booleans()) else None))
    history = (StatusChange("in_force", start),) if draw(st.booleans()) else (
        StatusChange("proposed", start), StatusChange("in_force", start + timedelta(days=5)))
    return Agreement(id="gen", title="generated", kind="ceasefire", parties=("RU", "UA"),
                     commitments=(commitment,), readings={"c": tuple(readings)}, status_history=history)


def outcome(a):
    return a.verdict, [(c.name, c.result) for c in a.rule_trace], a.major


@PROPERTY
@given(incidents(), agreements())
def test_swapping_the_parties_everywhere_mirrors_every_verdict(inc, agreement):
    """Rules name no party: exchanging Russia and Ukraine in the incident and the agreement changes nothing
    but the labels (a reading by RU becomes the reading by UA)."""
    mirrored = swap_agreement(agreement)
    original = {a.reading: outcome(a) for a in assess_incident(inc, [agreement])}
    swapped = {a.reading: outcome(a) for a in assess_incident(swap_incident(inc), [mirrored])}
    relabel = {"RU": "UA", "UA": "RU", "text": "text"}
    assert {relabel[k]: v for k, v in original.items()} == swapped


@PROPERTY
@given(incidents())
def test_the_bundled_moratorium_treats_both_sides_alike(inc):
    """The energy moratorium binds both sides in the same terms: swapping the incident's parties gives the
    same verdict under every reading (the readings differ in dates only, never by who struck whom)."""
    a = bundled("energy-moratorium-2025")
    original = [outcome(x) for x in assess_incident(inc, [a])]
    swapped = [outcome(x) for x in assess_incident(swap_incident(inc), [a])]
    assert original == swapped


@PROPERTY
@given(incidents(), agreements())
def test_verdict_rules(inc, agreement):
    for a in assess_incident(inc, [agreement]):
        results = [c.result for c in a.rule_trace]
        assert [c.name for c in a.rule_trace] == ["time_window", "area", "act", "target", "obligor", "conditions"]
        if "not_met" in results:
            assert a.verdict == "not_applicable"
        elif "unknown" in results:
            assert a.verdict == "indeterminate"
        else:
            assert a.verdict == "possible_violation"
        assert all(c.detail and c.clause for c in a.rule_trace)
        if a.major:
            assert a.verdict == "possible_violation"


@PROPERTY
@given(incidents(), agreements())
def test_unknown_only_when_the_incident_is_silent(inc, agreement):
    """A criterion is unknown only when the incident leaves the matter open, never for stated facts."""
    for a in assess_incident(inc, [agreement]):
        t = {c.name: c for c in a.rule_trace}
        if inc.perpetrator is not None and inc.perpetrator.party_id is not None:
            assert t["obligor"].result != "unknown"
        if inc.date is not None and inc.date.start == inc.date.end and not (
                agreement.status_history and len(agreement.status_history) > 1):
            # a single day is inside or outside a window given in whole local days
            assert t["time_window"].result != "unknown"


def test_an_incident_without_a_perpetrator_is_never_not_applicable_on_that_ground():
    a = bundled("energy-moratorium-2025")
    inc = Incident("x", [], method="drone", targets=["energy.power"], date=DateRange(date(2025, 3, 27), date(2025, 3, 27)))
    (text, *_) = assess_incident(inc, [a])
    assert text.verdict == "indeterminate"
    assert {c.name: c.result for c in text.rule_trace}["obligor"] == "unknown"


# ------------------------------------------------------------------------------------------ act rules
def _act_result(acts, **incident_fields):
    c = Commitment("c", "t", ("RU", "UA"), acts=tuple(acts))
    a = Agreement("a", "t", "ceasefire", ("RU", "UA"), commitments=(c,))
    inc = Incident("x", [], **incident_fields)
    return {x.name: x.result for x in assess(inc, a, c, Reading(None)).rule_trace}["act"]


@pytest.mark.parametrize("acts, fields, expected", [
    (["drone"], {"method": "drone"}, "met"),
    (["missile"], {"method": "missile.cruise"}, "met"),
    (["missile.cruise"], {"method": "missile"}, "unknown"),
    (["missile"], {"method": "artillery"}, "not_met"),
    (["Air/drone strike"], {"method": "drone"}, "met"),
    (["Air/drone strike"], {"method": "missile"}, "unknown"),
    (["Air/drone strike"], {"method": "artillery"}, "not_met"),
    (["Air/drone strike"], {"sub_event_type": "Air/drone strike"}, "met"),
    (["drone"], {"sub_event_type": "Air/drone strike"}, "unknown"),
    (["drone"], {"sub_event_type": "Armed clash"}, "not_met"),
    (["Explosions/Remote violence"], {"sub_event_type": "Air/drone strike"}, "met"),
    (["Battles"], {"event_type": "Explosions/Remote violence"}, "not_met"),
    (["artillery"], {"event_type": "Explosions/Remote violence"}, "unknown"),
    (["artillery"], {}, "unknown"),
    (["warship_movement"], {"method": "warship_movement"}, "met"),
    ([], {"method": "drone"}, "met"),
    ([], {"event_type": "Strategic developments", "sub_event_type": "Agreement"}, "not_met"),
    ([], {"effects": [Effect("destroyed")]}, "met"),
    ([], {"killed": Count(best=1)}, "met"),
    ([], {}, "unknown"),
])
def test_act_rules(acts, fields, expected):
    assert _act_result(acts, **fields) == expected


def test_disputed_conditions_are_unknown_and_readings_can_differ():
    c = Commitment("c", "t", ("RU", "UA"), conditions=("sanctions relief",), conditions_met=None)
    readings = (Reading("RU", conditions=("sanctions relief",), conditions_met=False), Reading("UA", conditions=()))
    a = Agreement("a", "t", "maritime_arrangement", ("RU", "UA"), commitments=(c,), readings={"c": readings})
    inc = Incident("x", [], method="naval", perpetrator=Actor("Russia", party_id="RU"),
                   date=DateRange(date(2025, 3, 27), date(2025, 3, 27)))
    got = {x.reading: (x.verdict, {k.name: k.result for k in x.rule_trace}["conditions"])
           for x in assess_incident(inc, [a])}
    assert got == {"text": ("indeterminate", "unknown"), "RU": ("not_applicable", "not_met"),
                   "UA": ("possible_violation", "met")}


def test_all_parties_obligor():
    c = Commitment("c", "t", ("*",))
    a = Agreement("a", "t", "ceasefire", ("RU", "UA"), commitments=(c,))
    for party, result in (("RU", "met"), ("UA", "met"), ("BY", "not_met")):
        inc = Incident("x", [], method="drone", perpetrator=Actor(party, party_id=party))
        assert {k.name: k.result for k in assess(inc, a, c, Reading(None)).rule_trace}["obligor"] == result
