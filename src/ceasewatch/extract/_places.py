"""Place assignment: geoparse the document once, then keep, per mention, the places of the event.

A toponym is not an event place when it is where something was *said* or *met* ("told reporters in
Paris", "a summit in Paris", "the Paris summit"), when it stands for a government ("Moscow said",
"Russia launched"), or when it is an adjective. A country or a capital that is also a party name counts as
an event place only after a locative preposition ("in Ukraine", "over Kyiv").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Place

log = logging.getLogger(__name__)

Geoparser = Callable[..., list[Any]]
_TRAILER_BEFORE = re.compile(r"\S\s*(?:[:|]|\s[-–—])\s*$")
_LINE_END = re.compile(r"\s*[.!?]?\s*(?:\n|$)")


@dataclass(frozen=True, slots=True)
class PlaceHit:
    start: int
    end: int
    place: Place
    surface: str
    excluded: str | None  # why it is not an event place, or None


def default_geoparser() -> tuple[Geoparser | None, Callable[[str], Place | None] | None]:
    """ceasewatch.geo's geoparse and country_place, imported lazily; (None, None) when unavailable."""
    try:
        from ..geo import country_place, geoparse  # type: ignore[attr-defined]
    except Exception:  # geo not built yet, or broken: extraction goes on without places
        return None, None
    return geoparse, country_place


_PREP_TAIL = re.compile(r"(?i)(?:in|at|from|to|the)$")


def _may_end_in_preposition(before: str) -> bool:
    """Necessary for the reporting-context pattern (it ends in ``(in|at|from|to)\\s+(the\\s+)?$``): cheap
    test before the costly end-anchored search."""
    return bool(before) and before[-1].isspace() and _PREP_TAIL.search(before.rstrip()[-4:]) is not None


# The end-anchored "before" patterns (actor_before, capital_actor_before, locative_before) end in a word of
# the pack's "actor_before_last" / "locative_before_last" sets (then an optional "the" and direction word):
# a match needs one of those among the last three words of the window, and reporting_context one of the
# "reporting_context_words" (its verb or meeting noun) among the last seven: the words the last seven tokens
# end in are computed once per toponym and tested against each set. Checking the words first spares the
# searches, which try every position of the 60 characters before each toponym.
_TOKEN_END_WORD = re.compile(r"\w+(?=\s|$)")  # the word a whitespace-separated token ends in


def _last_words(before: str, n: int = 7) -> frozenset[str] | None:
    """Lower-cased words that the last ``n`` whitespace-separated tokens of ``before`` end in (empty when it
    does not end in whitespace, as all the "before" patterns need); None when the tail is not ASCII (the
    patterns' case folding and ``str.lower`` may then differ: search anyway)."""
    if not before or not before[-1].isspace():
        return frozenset()
    tail = " ".join(before.rsplit(None, n)[-n:])
    if not tail.isascii():
        return None
    return frozenset(_TOKEN_END_WORD.findall(tail.lower()))


def _may_end(words: frozenset[str] | None, last: frozenset[str] | None) -> bool:
    """False only when none of the words can end the pattern (no word set in the pack: always True)."""
    return words is None or last is None or not words.isdisjoint(last)


def classify_places(text: str, matches: list[Any], res, party_hits,
                    datelines: list[tuple[int, int]] = ()) -> list[PlaceHit]:
    pats = res.pack.patterns
    cap_after, cap_before = pats.get("capital_actor_after"), pats.get("capital_actor_before")
    actor_last = res.pack.words.get("actor_before_last")
    locative_last = res.pack.words.get("locative_before_last")
    reporting_words = res.pack.words.get("reporting_context_words")
    party_spans = {(p.start, p.end): p for p in party_hits}
    out = []
    for m in matches:
        try:
            start, end, place = int(m.start), int(m.end), m.place
        except Exception:
            continue
        if not isinstance(place, Place) or not (0 <= start < end <= len(text)):
            continue
        surface = text[start:end]
        before = text[max(0, start - 60):start]
        after = text[end:end + 40]
        why = None
        words = _last_words(before)
        party = party_spans.get((start, end))
        is_country_like = place.feature == "country" or place.precision >= 6 or party is not None
        if datelines and any(a <= start < b for a, b in datelines):
            why = "reporting location"  # "KYIV, March 24 (Reuters) -"
        elif (_may_end_in_preposition(before) and _may_end(words, reporting_words)
              and pats["reporting_context"].search(before)):
            why = "reporting location"
        elif pats["meeting_after"].match(after):
            why = "meeting location"
        elif party is not None and party.kind == "demonym":
            why = "adjective"
        elif party is not None and party.kind == "capital" and cap_after is not None:
            # a capital is a place ("Kiev protest", "in central Kiev", "Kiev's Maidan") unless it acts or is
            # blamed ("Kiev says", "blamed on Moscow", "Moscow's violation", "Kyiv authorities")
            if (_may_end(words, actor_last) and cap_before.search(before)) or cap_after.match(after):
                why = "actor, not location"
            elif _TRAILER_BEFORE.search(before) and _LINE_END.match(after):
                why = "actor, not location"  # a headline's attribution: "... killed in the east: Kiev"
        elif is_country_like and _may_end(words, actor_last) and pats["actor_before"].search(before):
            why = "actor, not location"
        elif party is None and surface[:1].isupper() and surface.rstrip("s") in res.party_surface:
            why = "adjective"
        elif is_country_like and not (_may_end(words, locative_last) and pats["locative_before"].search(before)):
            why = "actor, not location"
        elif pats["actor_after"].match(after):
            why = "actor, not location"
        out.append(PlaceHit(start, end, place, surface, why))
    return out


_COUNTRY_LEVEL: dict[tuple, Place] = {}


def country_level(country_place: Callable[[str], Place | None] | None, iso2: str, name: str) -> Place:
    # Place is frozen: the inferred country place of the real gazetteer is built once per country
    memo = getattr(country_place, "__module__", "") == "ceasewatch.geo.parser"
    if memo:
        hit = _COUNTRY_LEVEL.get((country_place, iso2, name))
        if hit is not None:
            return hit
    out = _country_level(country_place, iso2, name)
    if memo and len(_COUNTRY_LEVEL) < 1000:
        _COUNTRY_LEVEL[(country_place, iso2, name)] = out
    return out


def _country_level(country_place: Callable[[str], Place | None] | None, iso2: str, name: str) -> Place:
    place = None
    if country_place is not None:
        try:
            place = country_place(iso2)
        except Exception:
            place = None
    if place is None:
        place = Place(name=name, precision=6, country_code=iso2, feature="country")
    from dataclasses import replace

    return replace(place, basis="inferred", precision=6)
