"""Shared helpers for the extraction tests: a tiny in-process geoparser so place rules can be tested
without the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from ceasewatch.model import Place

PUBLISHED = date(2025, 3, 27)  # a Thursday

_GAZ = {
    "Kherson": Place("Kherson", 706448, 46.64, 32.61, 1, "UA", "Kherson Oblast", None, "populated_place"),
    "Kharkiv": Place("Kharkiv", 706483, 49.98, 36.25, 1, "UA", "Kharkiv Oblast", None, "populated_place"),
    "Odesa": Place("Odesa", 698740, 46.48, 30.73, 1, "UA", "Odesa Oblast", None, "populated_place"),
    "Paris": Place("Paris", 2988507, 48.85, 2.35, 1, "FR", "Île-de-France", None, "populated_place"),
    "Washington": Place("Washington", 4140963, 38.9, -77.04, 1, "US", "DC", None, "populated_place"),
    "Kyiv": Place("Kyiv", 703448, 50.45, 30.52, 1, "UA", "Kyiv City", None, "populated_place"),
    "Ukraine": Place("Ukraine", 690791, 48.5, 31.2, 6, "UA", None, None, "country"),
    "Russia": Place("Russia", 2017370, 60.0, 100.0, 6, "RU", None, None, "country"),
}


@dataclass
class FakeMatch:
    place: Place
    start: int
    end: int
    surface: str
    score: float = 1.0
    reason: str = "fake gazetteer"


def fake_geoparse(text: str, *, country_hint: str | None = None) -> list[FakeMatch]:
    out = []
    for name, place in _GAZ.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            out.append(FakeMatch(place, m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda m: m.start)


def fake_country_place(iso2: str) -> Place | None:
    return next((p for p in _GAZ.values() if p.feature == "country" and p.country_code == iso2), None)


@pytest.fixture
def ex():
    """extract() with the fake geoparser and the test publication date."""
    from ceasewatch.extract import extract

    def run(text: str, **kw):
        kw.setdefault("published", PUBLISHED)
        kw.setdefault("geoparser", fake_geoparse)
        kw.setdefault("country_place", fake_country_place)
        return extract(text, **kw)

    return run


def only(result, modality: str | None = "asserted"):
    ms = [m for m in result.mentions if modality is None or m.modality == modality]
    assert len(ms) == 1, [(m.text, m.modality) for m in result.mentions]
    return ms[0]


def assert_evidence(text: str, mention) -> None:
    """Every field that is set carries at least one span, and each span lies inside the text."""
    fields = {
        "event_type": mention.event_type, "method": mention.method, "perpetrator": mention.perpetrator,
        "claimants": mention.claimants, "targets": mention.targets, "effects": mention.effects,
        "killed": mention.killed.known, "injured": mention.injured.known, "date": mention.date,
        "places": mention.places,
    }
    for name, value in fields.items():
        if value:
            spans = mention.evidence.get(name)
            assert spans, f"{name} is set but has no evidence span"
            for s in spans:
                assert 0 <= s.start < s.end <= len(text), (name, s)
    if mention.modality != "asserted" and "modality" in mention.evidence:
        for s in mention.evidence["modality"]:
            assert 0 <= s.start < s.end <= len(text)
