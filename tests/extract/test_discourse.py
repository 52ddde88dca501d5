"""Discourse attachment (follow-on sentences join the mention they continue), metonym perpetrators, capitals as
places, claimant anaphora, and the place-only ``unspecified`` mention."""

from __future__ import annotations

from datetime import date

import pytest

from ceasewatch.model import Count

from .conftest import assert_evidence, only


def test_follow_on_sentences_are_one_mention(ex):
    t = ("Russian missiles hit a power plant in Kharkiv overnight, the regional governor said. "
         "The attack caused a large fire and left 20,000 homes without electricity. Two people were hurt, he said.")
    r = ex(t)
    m = only(r)
    assert m.method == "missile" and m.perpetrator.party_id == "RU"
    assert {e.code for e in m.effects} == {"fire", "power_outage"}
    assert m.injured == Count(2, 2, 2)
    assert [p.name for p in m.places] == ["Kharkiv"]
    assert len(m.evidence["sentences"]) == 3
    assert m.sentence.end - m.sentence.start < len(t)  # the stating sentence; the others are in evidence
    assert_evidence(t, m)
    for s in m.evidence["injured"]:
        assert "hurt" in t[s.start:s.end]


def test_follow_on_in_next_paragraph(ex):
    t = ("A drone struck a school in Odesa on Tuesday, officials said.\n\n"
         "The strike injured four children.")
    m = only(ex(t))
    assert m.injured.best == 4 and "education" in m.targets and "civilians" in m.targets


def test_second_attack_is_a_new_mention(ex):
    t = ("A drone struck a school in Odesa on Tuesday, officials said. "
         "Later, a second strike hit a hospital in Odesa, killing one person.")
    r = ex(t)
    assert len([m for m in r.mentions if m.modality == "asserted"]) == 2


def test_different_place_is_a_new_mention(ex):
    t = "Shelling damaged a school in Kherson on Monday. The shelling of Kharkiv killed two people."
    r = ex(t)
    assert len(r.mentions) == 2
    assert [p.name for p in r.mentions[1].places] == ["Kharkiv"]


def test_different_figure_from_another_voice_is_a_range(ex):
    t = ("A missile strike damaged a warehouse in Kharkiv on Monday. Three people were killed, "
         "according to the mayor. Police earlier reported two dead.")
    m = only(ex(t))
    assert m.killed == Count(3, 2, 3)
    assert len(m.evidence["killed"]) == 2


def test_referring_sentence_that_adds_nothing_is_dropped(ex):
    t = ("A Russian drone strike damaged an apartment building in Kharkiv on Tuesday, injuring five people. "
         "The strike came hours after Paris hosted talks on a ceasefire in Kyiv last week.")
    m = only(ex(t), modality=None)
    assert [p.name for p in m.places] == ["Kharkiv"]
    assert m.date.start == date(2025, 3, 25)


def test_follow_on_attribution_with_metonym(ex):
    t = ("On Monday, the Kyiv regime carried out a drone attack on an oil depot near Kharkiv, the Russian Defence "
         "Ministry said. The ministry said the attack was a provocation by Ukraine.")
    m = only(ex(t))
    assert m.perpetrator.party_id == "UA" and m.perpetrator.basis == "stated"
    assert [c.name for c in m.claimants] == ["the Russian Defence Ministry"]


@pytest.mark.parametrize("sentence,party", [
    ("The Kremlin's forces shelled a school in Kherson on Monday.", "RU"),
    ("Moscow's forces shelled a school in Kherson on Monday.", "RU"),
    ("The Kiev regime carried out a missile strike on a market in Kherson on Monday.", "UA"),
])
def test_metonym_perpetrators(ex, sentence, party):
    m = only(ex(sentence))
    assert m.perpetrator is not None and m.perpetrator.party_id == party


@pytest.mark.parametrize("sentence,place", [
    ("Police disperse Kyiv protest, activists say one shot dead", "Kyiv"),
    ("Two shot dead as Ukraine police storm Kyiv protest", "Kyiv"),
    ("Clashes in central Kyiv leave three injured", "Kyiv"),
])
def test_capital_as_location(ex, sentence, place):
    m = only(ex(sentence))
    assert [p.name for p in m.places] == [place]
    assert m.affected_party in (None, "UA")


@pytest.mark.parametrize("sentence", [
    "Kyiv says Russian shelling killed two people in Kherson",
    "Shelling killed two people in Kherson, a strike blamed on Moscow",
    "Six soldiers killed in the east: Kyiv",
])
def test_capital_as_actor(ex, sentence):
    m = only(ex(sentence))
    assert "Kyiv" not in [p.name for p in m.places] and "Moscow" not in [p.name for p in m.places]


def test_no_other_side_inference_for_domestic_police(ex):
    m = only(ex("Ukraine police opened fire on protesters on Monday, killing two people"))
    assert m.affected_party != "RU"
    assert all(p.country_code != "RU" for p in m.places)


@pytest.mark.parametrize("text,name,affiliation,party", [
    ("Shelling hit a school in Kherson on Monday, according to the monitoring team, which visited the site.",
     "the monitoring team", "monitor", None),
    ("A missile hit a port in Odesa on Monday, the Ukrainian navy said.", "the Ukrainian navy", "party_official", "UA"),
    ("Shelling hit a school in Kherson on Monday, the OSCE SMM reported.", "the OSCE SMM", "monitor", None),
    ("A drone damaged a hospital in Kherson on Monday, the IAEA said.", "the IAEA", "monitor", None),
])
def test_claimant_lexicon(ex, text, name, affiliation, party):
    m = only(ex(text))
    assert [(c.name, c.affiliation, c.party_id) for c in m.claimants] == [(name, affiliation, party)]


def test_definite_claimant_refers_back(ex):
    t = ("On Monday, shelling hit a residential area of Kherson, according to the monitoring team. "
         "The team confirmed that two people were injured.")
    m = only(ex(t))
    assert m.injured.best == 2
    assert [(c.name, c.affiliation) for c in m.claimants] == [("the monitoring team", "monitor")]


def test_statement_is_the_publisher(ex):
    m = only(ex("The statement said that Russian drones had damaged a school in Kharkiv overnight."))
    assert m.claimants == []


def test_local_official_follow_on_takes_the_event_side(ex):
    t = "A drone attack damaged a substation in Kharkiv overnight. Two people were injured, according to the city's mayor."
    m = only(ex(t))
    assert ("the city's mayor", "party_official", "UA") in [(c.name, c.affiliation, c.party_id) for c in m.claimants]


def test_place_only_text_gets_an_unspecified_mention(ex):
    r = ex("Kherson city, Dniprovskyi district")
    assert len(r.mentions) == 1
    m = r.mentions[0]
    assert m.modality == "unspecified"
    assert [p.name for p in m.places] == ["Kherson"]
    assert m.evidence["places"] and not m.claimants and m.date is None and m.event_type is None


def test_no_unspecified_mention_when_an_event_is_stated(ex):
    r = ex("Shelling killed two people in Kherson on Monday. Kharkiv")
    assert [m.modality for m in r.mentions] == ["asserted"]


def test_coordinated_victims_give_both_targets(ex):
    m = only(ex("Three soldiers and two civilians were killed in shelling of Kherson on Monday."))
    assert m.killed.best == 5
    assert {"military", "civilians"} <= set(m.targets)


def test_abbreviation_before_sentence_end_splits(ex):
    t = "Officials flew in from the U.S. The shelling of Kherson killed two people on Monday."
    m = only(ex(t))
    assert m.text.startswith("The shelling")


def test_abbreviation_inside_sentence_does_not_split(ex):
    m = only(ex("U.S. officials said shelling killed two people in Kherson on Monday."))
    assert m.text.startswith("U.S. officials")


def test_dateline_is_not_the_event_place_or_date(ex):
    t = "KYIV, March 27 (Wire) - A drone hit a school in Kharkiv overnight, officials said."
    m = only(ex(t))
    assert [p.name for p in m.places] == ["Kharkiv"]
    assert m.date.precision == 2


def test_locator_line_places_an_event_that_names_no_place() -> None:
    from datetime import date

    from ceasewatch.extract import extract

    text = "Three soldiers were killed in clashes in the east, the ministry said.\n\nKramatorsk\n"
    r = extract(text, published=date(2015, 2, 10), document_id="d")
    asserted = [m for m in r.mentions if m.modality == "asserted"]
    assert len(asserted) == 1
    names = {p.name: p for p in asserted[0].places}
    assert "Kramatorsk" in names and names["Kramatorsk"].basis == "inferred"
    span = asserted[0].evidence["places"][-1]
    assert text[span.start:span.end] == "Kramatorsk"


def test_site_line_places_an_event_that_names_no_place() -> None:
    # a location tag that names the site within the place, as datasets of geolocated footage give it
    from datetime import date

    from ceasewatch.extract import extract

    for line, place in (("Heroiv Pratsi Street, Kharkiv", "Kharkiv"), ("Kramatorsk railway station", "Kramatorsk"),
                        ("Saltivka district, Kharkiv", "Kharkiv")):
        text = f"{line}. A missile hit a residential building, killing two people."
        r = extract(text, published=date(2022, 4, 8), document_id="d")
        names = {p.name: p for p in only(r).places}
        assert place in names and names[place].basis == "inferred", line
    # a sentence with words of its own is no location tag, even a short one
    for text in ("Zelensky in Kyiv. Drones attacked a substation overnight.",
                 "Video shows Kyiv. Drones attacked a substation overnight."):
        r = extract(text, published=date(2022, 4, 8), document_id="d")
        assert [p.name for p in only(r).places] == [], text


def test_a_sentence_is_no_locator_line() -> None:
    from datetime import date

    from ceasewatch.extract import extract

    text = "Three soldiers were killed in clashes in the east, the ministry said. Talks were held in Minsk."
    r = extract(text, published=date(2015, 2, 10), document_id="d")
    assert all(p.name != "Minsk" for m in r.mentions if m.modality == "asserted" for p in m.places)
