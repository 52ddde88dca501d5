"""Claimants (who asserts) and perpetrators (who is said to have done it)."""

from __future__ import annotations

import pytest

from .conftest import only


@pytest.mark.parametrize("sentence,name,affiliation,party", [
    ("Shelling killed two people in Kherson, according to Ukrainian officials.", "Ukrainian officials",
     "party_official", "UA"),
    ("A drone hit a school in Kharkiv, Zelensky told reporters.", "Zelensky", "party_official", "UA"),
    ("Ukrainian forces shelled a market in Donetsk, the Russian Defence Ministry said.",
     "the Russian Defence Ministry", "party_official", "RU"),
    ("A drone hit a school in Kharkiv, Governor Oleh Syniehubov said.", "Governor Oleh Syniehubov",
     "party_official", "UA"),
    ("A missile hit a hospital in Kharkiv, the regional administration reported.", "the regional administration",
     "party_official", "UA"),
    ("A drone hit a school in Kharkiv on Monday, TASS reported.", "TASS", "party_aligned_media", "RU"),
    # a possessive inside the body's name ("prosecutor's office")
    ("The Kharkiv regional prosecutor's office said a woman was killed in Kupiansk.",
     "The Kharkiv regional prosecutor's office", "party_official", "UA"),
    ("A drone hit a school in Kharkiv on Monday, Ukrinform reported.", "Ukrinform", "party_aligned_media", "UA"),
    ("A drone hit a school in Kharkiv on Monday, Reuters reported.", "Reuters", "independent_media", None),
    ("Shelling killed two civilians in Kherson, the UN monitoring mission said.", "the UN monitoring mission",
     "monitor", "UN"),
    ("A drone hit a school in Kharkiv, French President Emmanuel Macron said.",
     "French President Emmanuel Macron", "third_party_official", "FR"),
])
def test_claimant(ex, sentence, name, affiliation, party):
    m = only(ex(sentence))
    assert [(c.name, c.affiliation, c.party_id) for c in m.claimants] == [(name, affiliation, party)]
    s = m.evidence["claimants"][0]
    assert sentence[s.start:s.end] == name


def test_speaker_starts_at_a_word_start(ex):
    # the tail of "militia" is not the article "a": the speaker is "officials"
    m = only(ex("Two civilians were killed in Kharkiv, militia officials said."))
    assert [c.name for c in m.claimants] == ["officials"]
    t = "A drone hit a school in Kharkiv on Monday, operational command spokesman Eduard Basurin told a briefing."
    m = only(ex(t))
    assert [c.name for c in m.claimants] == ["spokesman Eduard Basurin"]


def test_pronoun_takes_last_speaker(ex):
    t = "Zelensky said the night was difficult. A drone strike damaged a school in Kharkiv, he said."
    m = only(ex(t))
    assert m.claimants and m.claimants[0].party_id == "UA" and "Zelensky" in m.claimants[0].name


@pytest.mark.parametrize("sentence,party", [
    ("Russian drone strikes injured 12 people in Kharkiv.", "RU"),
    ("Ukrainian forces shelled Donetsk, killing two civilians.", "UA"),
    ("A strike by Moscow damaged a substation in Odesa.", "RU"),
    ("The attack on the substation in Odesa was blamed on Moscow.", "RU"),
    ("Russia's missile attack damaged a power plant in Kyiv.", "RU"),
])
def test_stated_perpetrator(ex, sentence, party):
    m = only(ex(sentence))
    assert m.perpetrator is not None and m.perpetrator.party_id == party and m.perpetrator.basis == "stated"
    assert m.evidence["perpetrator"]


def test_unnamed_side_is_never_stated(ex):
    m = only(ex("Shelling in Kherson killed one person, according to Ukrainian officials."))
    assert m.perpetrator is None or m.perpetrator.basis == "inferred"


def test_victim_demonym_is_not_perpetrator(ex):
    m = only(ex("Seven Ukrainian soldiers were killed in shelling near Kharkiv."))
    assert m.perpetrator is None
    assert m.affected_party == "UA"
    assert "military" in m.targets


def test_enemy_in_party_statement_is_inferred(ex):
    m = only(ex("The enemy shelled Kherson, killing two people, Ukrainian officials said."))
    assert m.perpetrator is not None
    assert (m.perpetrator.party_id, m.perpetrator.basis) == ("RU", "inferred") and m.perpetrator.reason


def test_same_speaker_accusation_in_previous_sentence(ex):
    t = ("Zelensky accused Moscow of violating the moratorium on strikes against energy. "
         "Energy facilities were damaged in a strike on Wednesday, Zelensky said.")
    m = only(ex(t))
    assert m.perpetrator is not None and m.perpetrator.party_id == "RU" and m.perpetrator.reason
    assert m.date.start.isoformat() == "2025-03-26"


def test_other_speaker_accusation_not_carried(ex):
    t = ("Zelensky accused Moscow of violating the moratorium on strikes against energy. "
         "Energy facilities were damaged in a strike on Wednesday, the Russian Defence Ministry said.")
    m = only(ex(t))
    assert m.perpetrator is None


def test_the_side_named_as_the_object_is_the_affected_party_not_the_place(ex):
    # on the front line the place's country says nothing about who was hit
    m = only(ex("Ukrainian artillery destroyed Russian tanks near Kharkiv."))
    assert (m.perpetrator.party_id, m.affected_party) == ("UA", "RU")
    assert m.evidence["affected_party"][0].start == len("Ukrainian artillery destroyed ")
    m = only(ex("Russian drones hit Ukrainian tanks near Kharkiv."))
    assert (m.perpetrator.party_id, m.affected_party) == ("RU", "UA")
    # a side named before the attack is its agent, not its object: the place decides
    m = only(ex("Russian tanks fired at apartment blocks in Kharkiv."))
    assert m.affected_party == "UA"
    # where equipment comes from is no side: "German tanks" in a war between Russia and Ukraine
    m = only(ex("Russian artillery destroyed German tanks near Kharkiv."))
    assert m.affected_party == "UA"
