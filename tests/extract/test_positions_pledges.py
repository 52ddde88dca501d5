"""Positions (stances on proposals) and Pledges (money, troops, equipment, facilitation)."""

from __future__ import annotations

from .conftest import PUBLISHED


def _pos(r, stance):
    return [p for p in r.positions if p.stance == stance]


def test_proposal_by_two_parties(ex):
    r = ex("Germany and France proposed a monitoring mission for the Black Sea.")
    ps = _pos(r, "proposes")
    assert {p.party_id for p in ps} == {"DE", "FR"}
    assert all("monitoring mission" in p.proposal for p in ps)


def test_conditions(ex):
    r = ex("Russia has tied a ceasefire to the lifting of sanctions on its banks.")
    (p,) = _pos(r, "conditions")
    assert p.party_id == "RU" and p.condition == "the lifting of sanctions on its banks"
    assert p.evidence["condition"]


def test_opposes_and_supports(ex):
    r = ex("Germany rejected the proposal for a buffer zone. Türkiye's support for a ceasefire in Ukraine was "
           "reiterated.")
    assert any(p.party_id == "DE" for p in _pos(r, "opposes"))
    assert any(p.party_id == "TR" and "ceasefire" in p.proposal for p in _pos(r, "supports"))


def test_undecided(ex):
    r = ex("European leaders remain divided over sending troops to Ukraine.")
    (p,) = _pos(r, "undecided")
    assert p.proposal == "sending troops to Ukraine"


def test_money_pledge_keeps_both_currencies(ex):
    t = "The Paris summit closed. French President Emmanuel Macron announced a €2 billion ($2.15 billion) aid package for Ukraine."
    r = ex(t)
    (p,) = [p for p in r.pledges if p.amounts and p.kind != "troops"]
    assert [(a.unit, a.value) for a in p.amounts] == [("EUR", 2e9), ("USD", 2.15e9)]
    assert p.party_id == "FR" and p.recipient == "Ukraine" and p.kind == "money"


def test_equipment_items(ex):
    t = "Germany announced a €500 million military package for Ukraine, including drones, artillery shells and radars."
    r = ex(t)
    (p,) = r.pledges
    assert p.kind == "equipment" and p.items == ["drones", "artillery shells", "radars"]
    assert (p.amounts[0].unit, p.amounts[0].value) == ("EUR", 5e8)


def test_troop_range(ex):
    r = ex("The United Kingdom said it could deploy 10,000 to 30,000 troops to Ukraine.")
    (p,) = [p for p in r.pledges if p.kind == "troops"]
    assert (p.amounts[0].low, p.amounts[0].high, p.amounts[0].unit) == (10000, 30000, "troops")


def test_facilitation(ex):
    r = ex("Turkish Foreign Minister Hakan Fidan said Türkiye was ready to host talks.")
    assert any(p.kind == "facilitation" and p.party_id == "TR" for p in r.pledges)


def test_no_positions_in_incident_report(ex):
    r = ex("A drone strike damaged a school in Kharkiv on Monday.", published=PUBLISHED)
    assert r.positions == [] and r.pledges == []


def _firmness(ex, text):
    (p,) = ex(text).pledges
    ev = p.evidence.get("status")
    return p.status, (text[ev[0].start:ev[0].end] if ev else None), p.condition


def test_pledge_firmness_is_read_from_its_verb(ex):
    # a hedge is not a pledge: "could deploy" and "is considering" are recorded as uncertain, with the word
    assert _firmness(ex, "The United Kingdom said it could deploy 10,000 to 30,000 troops to Ukraine.") == (
        "uncertain", "could", None)
    assert _firmness(ex, "Canada is considering sending 500 troops to Ukraine, the minister said.")[:2] == (
        "uncertain", "considering")
    # an announcement of what one will do is a pledge; an offer on terms is a proposal with its condition
    assert _firmness(ex, "Britain announced it would send 5,000 troops to Ukraine.")[:2] == ("pledged", "announced")
    assert _firmness(ex, "Britain would send 5,000 troops once a ceasefire is agreed, Starmer said.") == (
        "proposed", "would", "a ceasefire is agreed")
    assert _firmness(ex, "Germany has delivered €3 billion in military aid to Ukraine, Scholz said.")[:2] == (
        "delivered", "delivered")
    assert _firmness(ex, "Germany announced a €500 million military package for Ukraine.")[0] == "pledged"


def test_facilitation_is_an_offer(ex):
    r = ex("Turkish Foreign Minister Hakan Fidan said Türkiye was ready to host talks.")
    (p,) = [p for p in r.pledges if p.kind == "facilitation"]
    assert p.status == "proposed" and p.evidence["status"]


def test_pledge_items_stop_at_the_attribution(ex):
    r = ex("Germany announced a EUR 3 billion military aid package for Ukraine on Thursday, including air defence "
           "systems and artillery ammunition, a government spokesman said.")
    (p,) = r.pledges
    assert p.items == ["air defence systems", "artillery ammunition"]
