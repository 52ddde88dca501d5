"""Targets, methods, event types and effects."""

from __future__ import annotations

import pytest

from .conftest import only


@pytest.mark.parametrize("sentence,method,event_type,sub", [
    ("A Shahed drone hit a school in Kharkiv.", "drone", "Explosions/Remote violence", "Air/drone strike"),
    ("Geran-2 drones struck a warehouse in Odesa.", "drone", "Explosions/Remote violence", "Air/drone strike"),
    ("Kalibr cruise missiles struck a power plant in Kyiv.", "missile.cruise", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("An Iskander missile hit a hotel in Kharkiv.", "missile.ballistic", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("ATACMS missiles struck an airfield near Kherson.", "missile.ballistic", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("A KAB glide bomb hit an apartment block in Kharkiv.", "guided_aerial_bomb", "Explosions/Remote violence",
     "Air/drone strike"),
    ("Grad rockets hit a market in Kherson.", "mlrs", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("Mortar fire hit a village near Kharkiv.", "mortar", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("A tractor hit a landmine near Kherson, injuring the driver.", "mine", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("Clashes near Kharkiv killed three soldiers.", None, "Battles", "Armed clash"),
])
def test_method_and_event_type(ex, sentence, method, event_type, sub):
    m = only(ex(sentence))
    assert m.method == method
    assert (m.event_type, m.sub_event_type) == (event_type, sub)
    if method:
        assert m.evidence["method"]


@pytest.mark.parametrize("sentence,targets", [
    ("A drone strike hit an oil refinery in Odesa.", ["energy.oil_refinery"]),
    ("A missile damaged a substation in Kharkiv.", ["energy.power.substation"]),
    ("Drones struck a thermal power plant in Kyiv.", ["energy.power.plant"]),
    ("Shelling hit the Zaporizhzhia nuclear power plant.", ["energy.nuclear"]),
    ("Russian strikes damaged energy infrastructure in Odesa.", ["energy"]),
    ("A strike hit a gas pumping station in Kharkiv.", ["energy.oil_gas"]),
    ("A missile hit a hospital and a school in Kharkiv.", ["healthcare", "education"]),
    ("Drones attacked the port of Odesa.", ["transport.port"]),
    ("A drone hit a cargo ship near Odesa.", ["commercial_vessel"]),
    ("A strike destroyed a grain silo in Odesa.", ["agriculture"]),
])
def test_targets(ex, sentence, targets):
    m = only(ex(sentence))
    assert m.targets == targets
    assert len(m.evidence["targets"]) >= len(targets)


def test_people_are_civilians(ex):
    m = only(ex("A drone strike injured four people in Kharkiv."))
    assert m.targets == ["civilians"]


@pytest.mark.parametrize("sentence,code,qty", [
    ("A drone hit a substation in Odesa, leaving 12,000 households without power.", "power_outage", 12000),
    ("Shelling in Kherson knocked out power in several areas.", "power_outage", None),
    ("A strike on Kharkiv cut power to 3,000 homes.", "power_outage", 3000),
    ("A missile strike left parts of Kyiv without water.", "water_outage", None),
    ("A strike on a boiler house left 40 buildings in Kharkiv without heating.", "heating_outage", 40),
    ("A drone strike sparked a fire at a warehouse in Odesa.", "fire", None),
    ("A missile strike destroyed a bridge in Kherson.", "destroyed", None),
])
def test_effects(ex, sentence, code, qty):
    m = only(ex(sentence))
    eff = {e.code: e.quantity for e in m.effects}
    assert code in eff and eff[code] == qty


def test_opened_fire_is_not_a_fire(ex):
    r = ex("Gunmen opened fire on a checkpoint near Kharkiv, killing two soldiers.")
    assert all(e.code != "fire" for m in r.mentions for e in m.effects)
