"""Place assignment: geoparse the document once, then keep, per mention, the places of the event.

A toponym is not an event place when it is where something was *said* or *met* ("told reporters in
Paris", "a summit in Paris", "the Paris summit"), when it stands for a government ("Moscow said",
"Russia launched"), or when it is an adjective. A country or a capital that is also a party name counts as
an event place only after a locative preposition ("in Ukraine", "over Kyiv").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from ..model import Place

log = logging.getLogger(__name__)

Geoparser = Callable[..., list[Any]]
_TRAILER_BEFORE = re.compile(r"\S\s*(?:[:|]|\s[-–—])\s*$")
_LINE_END = re.compile(r"\s*[.!?]?\s*(?:\n|$)")


# built many times per text: not frozen (a frozen dataclass's __init__ sets every field through
# object.__setattr__, about 0.35 µs more per object); treated as immutable, hashed and compared as before
@dataclass(slots=True, unsafe_hash=True)
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
    tokens = before.rsplit(None, n)[-n:]
    if not all(t.isascii() for t in tokens):
        return None
    # _TOKEN_END_WORD.findall on the joined tokens: each token's trailing run of ASCII word characters
    out = set()
    for t in tokens:
        run = t[len(t.rstrip(_ASCII_WORD_CHARS)):]
        if run:
            out.add(run.lower())
    return frozenset(out)


_ASCII_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"  # \w on ASCII text


def _may_end(words: frozenset[str] | None, last: frozenset[str] | None) -> bool:
    """False only when none of the words can end the pattern (no word set in the pack: always True)."""
    return words is None or last is None or not words.isdisjoint(last)


def classify_places(text: str, matches: list[Any], res, party_hits,
                    datelines: list[tuple[int, int]] = (), weapons: list[tuple[int, int]] = ()) -> list[PlaceHit]:
    c = _Classifier(text, res, party_hits, datelines, weapons)
    return [c.classify(start, end, place) for start, end, place in _valid(text, matches)]


def _valid(text: str, matches: list[Any]) -> list[tuple[int, int, Place]]:
    """(start, end, place) of the matches that are places with a span inside the text, in order."""
    out = []
    for m in matches:
        try:
            start, end, place = int(m.start), int(m.end), m.place
        except Exception:
            continue
        if not isinstance(place, Place) or not (0 <= start < end <= len(text)):
            continue
        out.append((start, end, place))
    return out


class _Classifier:
    """Why a toponym of the text is not an event place (or None): each toponym is classified on its own, from
    the text around it, the party names and the datelines."""

    def __init__(self, text: str, res, party_hits, datelines: list[tuple[int, int]] = (),
                 weapons: list[tuple[int, int]] = ()) -> None:
        self.text = text
        self.weapons = weapons  # spans of weapon names (the method lexicon's hits): "Iskander-M", "Neptune"
        self.res = res
        self.pats = pats = res.pack.patterns
        self.cap_after, self.cap_before = pats.get("capital_actor_after"), pats.get("capital_actor_before")
        self.actor_last = res.pack.words.get("actor_before_last")
        self.locative_last = res.pack.words.get("locative_before_last")
        self.reporting_words = res.pack.words.get("reporting_context_words")
        self.party_spans = {(p.start, p.end): p for p in party_hits}
        self.datelines = datelines

    def classify(self, start: int, end: int, place: Place) -> PlaceHit:
        text, res, pats = self.text, self.res, self.pats
        cap_after, cap_before = self.cap_after, self.cap_before
        actor_last, locative_last, reporting_words = self.actor_last, self.locative_last, self.reporting_words
        datelines = self.datelines
        surface = text[start:end]
        before = text[max(0, start - 60):start]
        after = text[end:end + 40]
        why = None
        words = _last_words(before)
        party = self.party_spans.get((start, end))
        is_country_like = place.feature == "country" or place.precision >= 6 or party is not None
        if datelines and any(a <= start < b for a, b in datelines):
            why = "reporting location"  # "KYIV, March 24 (Reuters) -"
        elif self.weapons and any(a < end and start < b for a, b in self.weapons):
            why = "weapon name"  # "an Iskander-M missile" is no Iskandar, "a Neptune missile" no Neptune, NJ
        elif ("lag" in before and _FLAG_BEFORE.search(before)) or ("lagged" in after and _FLAG_AFTER.match(after)):
            why = "flag state"  # "a vessel flying the flag of Panama", "a Liberian-flagged ship"
        elif (_may_end_in_preposition(before) and _may_end(words, reporting_words)
              and pats["reporting_context"].search(before)):
            why = "reporting location"
        elif res.gated["meeting_after"].match(after):
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
        elif res.gated["actor_after"].match(after):
            why = "actor, not location"
        return PlaceHit(start, end, place, surface, why)


_FLAG_BEFORE = re.compile(r"(?i)\bflags?\s+of\s+(?:the\s+)?$")
_FLAG_AFTER = re.compile(r"(?i)^[\s-]*flagged\b")


class LazyPlaces(Sequence[PlaceHit]):
    """``sorted(classify_places(...), key=start)``, each PlaceHit classified when first read.

    A toponym's classification depends only on the text around it, so reading a few (the places of the event
    sentences, of locator lines) gives the same PlaceHits as classifying all of them; most documents never read
    the others. ``starts`` are the sorted start offsets (read them instead of ``places[i].start``)."""

    def __init__(self, text: str, matches: list[Any], res, party_hits,
                 datelines: list[tuple[int, int]] = (), weapons: list[tuple[int, int]] = ()) -> None:
        self._items = sorted(_valid(text, matches), key=lambda v: v[0])  # stable, as sorting the PlaceHits
        self.starts = [v[0] for v in self._items]
        self._hits: list[PlaceHit | None] = [None] * len(self._items)
        self._classifier: _Classifier | None = None
        self._args = (text, res, party_hits, datelines, weapons)

    def __len__(self) -> int:
        return len(self._items)

    def _get(self, i: int) -> PlaceHit:
        hit = self._hits[i]
        if hit is None:
            if self._classifier is None:
                self._classifier = _Classifier(*self._args)
            hit = self._hits[i] = self._classifier.classify(*self._items[i])
        return hit

    @overload
    def __getitem__(self, i: int) -> PlaceHit: ...

    @overload
    def __getitem__(self, i: slice) -> list[PlaceHit]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._get(j) for j in range(*i.indices(len(self._items)))]
        if i < 0:
            i += len(self._items)
        if not 0 <= i < len(self._items):
            raise IndexError(i)
        return self._get(i)

    def __iter__(self) -> Iterator[PlaceHit]:
        for i in range(len(self._items)):
            yield self._get(i)

    def below_country(self, i: int = 0, j: int | None = None) -> list[PlaceHit]:
        """``[p for p in self[i:j] if p.excluded is None and p.place.precision < 6]``, classifying only the
        toponyms below country level (the precision is the gazetteer's, known before classification)."""
        items = self._items
        out = []
        for k in range(*slice(i, j).indices(len(items))):
            if items[k][2].precision < 6:
                hit = self._get(k)
                if hit.excluded is None:
                    out.append(hit)
        return out


def places_below_country(places: Sequence[PlaceHit], i: int = 0, j: int | None = None) -> list[PlaceHit]:
    """The places of ``places[i:j]`` that are event places below country level (``excluded`` None, precision
    under 6); a LazyPlaces classifies only the toponyms below country level for it."""
    if isinstance(places, LazyPlaces):
        return places.below_country(i, j)
    return [p for p in places[i:j] if p.excluded is None and p.place.precision < 6]


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
