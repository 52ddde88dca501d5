"""Speed pass 13: each shortcut gives what the code it replaces gave, on random inputs."""

from __future__ import annotations

import random

from ceasewatch.extract._resources import _CI_FOLD, ci_lower
from ceasewatch.geo.parser import _ci_lower as geo_ci_lower

# the characters re.IGNORECASE folds onto ASCII letters, the one that lower-cases to two, the context-dependent
# final sigma, curly quotes and other non-ASCII letters and marks, in and out of words
_CHARS = ["a", "B", "i", "I", "s", "S", "k", "K", " ", ".", "'", "\u2019", "\u201c", "\u0130", "\u0131",
          "\u017f", "\u212a", "\u03a3", "\u03c3", "\u00e9", "\u00c9", "\u0418", "\u0456", "\u0307", "\u00df",
          "\n", "\u00a0", "1", "_"]


def _old_ci_lower(s: str) -> str:
    return s.lower() if s.isascii() else s.translate(_CI_FOLD).lower()


def test_ci_lower_equals_translate_then_lower():
    rng = random.Random(13)
    for _ in range(20000):
        s = "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 30)))
        assert ci_lower(s) == _old_ci_lower(s), repr(s)
        assert geo_ci_lower(s) == _old_ci_lower(s), repr(s)
    # every character whose translation differs from its plain lower-casing is one of the three tested
    for c in range(0x110000):
        ch = chr(c)
        if ch.translate(_CI_FOLD).lower() != ch.lower():
            assert ch in "\u0130\u0131\u017f", hex(c)


def test_places_below_country_equals_filtering_every_classified_place() -> None:
    from types import SimpleNamespace

    from ceasewatch.extract._places import LazyPlaces, classify_places, places_below_country
    from ceasewatch.extract._resources import resources_for
    from ceasewatch.extract.lang import get_language
    from ceasewatch.geo import geoparse
    from ceasewatch.model import Place

    res = resources_for(get_language("en"))
    texts = [
        "KYIV, March 24 (Reuters) - Russian drones struck Kharkiv and Odesa overnight, officials said. "
        "Moscow said the talks in Riyadh would go on. Ukraine's Zelensky met the Kyiv mayor in Berlin. "
        "Myrne, Donetsk region.",
        "France and Germany called on Russia to stop shelling Kherson. In Ukraine, the strike on Sumy killed two. "
        "Talks in Paris with Poland, Romania and Moldova; Kyiv said Moscow's forces hit Zaporizhzhia region.",
        "Sloviansk", "", "Russia. Ukraine. Belarus.",
    ]
    rng = random.Random(1313)
    for text in texts:
        parties = res.party_hits(text)
        matches = list(geoparse(text, country_hint="UA"))
        odd = [SimpleNamespace(start=0, end=4, place=Place(name="x", precision=6)),
               SimpleNamespace(start=0, end=3, place=Place(name="y", precision=3))] if len(text) > 5 else []
        for ms in (matches, list(reversed(matches)) + odd, []):
            every = sorted(classify_places(text, ms, res, parties, [(0, 26)]), key=lambda p: p.start)
            n = len(every)
            spans = [(0, None), (0, n), (n, n)] + [(rng.randint(0, n), rng.randint(0, n)) for _ in range(20)]
            for i, j in spans:
                want = [p for p in every[i:j] if p.excluded is None and p.place.precision < 6]
                lazy = LazyPlaces(text, ms, res, parties, [(0, 26)])
                assert places_below_country(lazy, i, j) == want
                assert places_below_country(every, i, j) == want  # a plain list
                assert list(lazy) == every  # the places it skipped classify as before when read later
