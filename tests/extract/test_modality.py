"""Modality: asserted, denied, hypothetical/threatened, background; and the event-qualification rule."""

from __future__ import annotations

import pytest

from .conftest import only


@pytest.mark.parametrize("sentence,modality", [
    ("A Russian drone strike damaged a substation in Odesa on Monday.", "asserted"),
    ("Russia denied striking a substation in Odesa on Monday.", "denied"),
    ("Russia could strike energy facilities in Odesa again.", "hypothetical"),
    ("Moscow threatened to strike government buildings in Kyiv.", "hypothetical"),
    ("Any strike on the power plant would be a violation of the agreement.", "hypothetical"),
    ("If Russia attacked the port of Odesa, the deal would collapse.", "hypothetical"),
    ("Both sides pledged not to strike energy facilities.", "hypothetical"),
    ("Since 2022, shelling has killed thousands of civilians in Kherson.", "background"),
    ("In 2014, separatists shelled the airport in Donetsk.", "background"),
    # "new", "further" tell a repeated attack, not a possible one; what governs them decides
    ("Three Ukrainian soldiers were killed in new fighting near Avdiivka.", "asserted"),
    ("Further shelling hit Kherson overnight, killing two civilians.", "asserted"),
    ("The parties agreed to prevent further attacks on energy facilities.", "hypothetical"),
    ("Russia must halt new strikes on energy infrastructure.", "hypothetical"),
    ("Zelensky warned of new Russian strikes on the power grid.", "hypothetical"),
    ("Kyiv fears new attacks on the port of Odesa.", "hypothetical"),
])
def test_modality(ex, sentence, modality):
    m = only(ex(sentence), modality=None)
    assert m.modality == modality
    if modality in ("denied", "hypothetical"):
        assert m.evidence.get("modality")


@pytest.mark.parametrize("sentence", [
    "Russia is killing every day and prolonging this war.",
    "European forces would not engage in frontline combat but could respond if attacked.",
    "These armies would, in fact, be in attack.",
    "The initiative seeks to prevent a repeat of Russian aggression.",
    "Military planners are examining European capabilities, including aircraft, tanks and intelligence resources.",
    "The summit called for an end to attacks.",
])
def test_not_an_event(ex, sentence):
    assert [m for m in ex(sentence).mentions if m.modality == "asserted"] == []


def test_qualified_by_time_only(ex):
    m = only(ex("Explosions were heard overnight."))
    assert m.date is not None and m.date.precision == 2
