"""Speed pass 12a: the toponym scan's inlined offset map and the per-key memo of ``_Parser._plausible`` give what
the code they replace gave, on random inputs."""

from __future__ import annotations

import bisect
import random

from ceasewatch.geo import default_gazetteer
from ceasewatch.geo._text import FoldedText
from ceasewatch.geo.parser import (
    _CAP_WORD_END,
    _CAP_WORD_NEXT,
    _CAP_WORD_SPACE_END,
    _COMMA_CAP_NEXT,
    _COMPASS_KEYS,
    _PERSON_NEXT,
    _SENT_END,
    _STRONG_LOCATIVE,
    _TITLE,
    _key_class,
    _may_end_in_title,
    _Parser,
    _Span,
)

_SEPS = [" ", " ", " ", "  ", "   ", "\n", " \n", "\n\n", "\t", "\u00a0", "\u2003", "", ",", ", ", ". ", "-",
         "\u201d ", " (", ") "]
_WORDS = ["Kyiv", "kyiv", "KYIV", "Reading", "reading", "Mark", "Austin", "Jane", "Lyman", "said", "President",
          "Mr", "General", "North", "north", "East", "Paris", "PARIS", "in", "the", "near", "village", "of",
          "Donetsk", "Donetsk Oblast", "Bakhmut", "Pokrovsk", "Chasiv Yar", "Zaporizhzhia", "Russia", "Ukraine",
          "Moscow", "Kharkiv", "Avdiivka", "Odesa", "Dnipro", "Troy", "Florence", "Washington", "Jordan", "Chad",
          "Georgia", "Nice", "Mobile", "Sumy", "Kherson", "Kramatorsk", "Lviv", "Crimea", "Łódź", "Zürich",
          "Kyїv", "Бахмут", "UK", "EU", "OSCE", "1", "2025", "é", "’", "“", "Amvrosievsky district"]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_WORDS) + rng.choice(_SEPS) for _ in range(rng.randint(0, n)))


def test_inlined_offset_map_is_folded_text_orig() -> None:
    rng = random.Random(12)
    for _ in range(400):
        ft = FoldedText(_text(rng, 30))
        npos, delta = ft._npos, ft._delta
        for pos in range(len(ft.text)):
            assert pos + delta[bisect.bisect_right(npos, pos) - 1] == ft.orig(pos)
        for end in range(1, len(ft.text) + 1):
            assert end + delta[bisect.bisect_right(npos, end - 1) - 1] == ft.orig(end - 1) + 1


def _plausible_before_pass12a(self: _Parser, sp: _Span) -> bool:
    text, g = self.text, self.g
    before = text[max(0, sp.start - 40): sp.start]
    after = text[sp.end: sp.end + 30]
    if sp.fallback_from:
        return True
    if sp.k in _COMPASS_KEYS:
        return False
    major, big = _key_class(g, sp.k, sp.cands)
    if not major and _may_end_in_title(before) and _TITLE.search(before, max(0, len(before) - 16)):
        return False
    sp.weak = sp.k in g.weak and not big
    if not sp.weak:
        if (not big and " " not in sp.k and _PERSON_NEXT.match(after)
                and _CAP_WORD_END.search(before)):
            return False
        return True
    if self.lenient:
        return True
    if self.caps:
        return False
    if _SENT_END.search(before):
        return False
    if _PERSON_NEXT.match(after) or _CAP_WORD_NEXT.match(after) or _CAP_WORD_SPACE_END.search(before):
        return False
    if _STRONG_LOCATIVE.search(before) or _COMMA_CAP_NEXT.match(after):
        return True
    return False


class _Before(_Parser):
    _plausible = _plausible_before_pass12a


def _spans(p: _Parser) -> list[tuple]:
    return [(sp.start, sp.end, sp.k, sp.cands, sp.weak, sp.fuzzy, sp.fallback_from, sp.feat, sp.axis)
            for sp in p.find()]


def test_find_is_the_find_before() -> None:
    g = default_gazetteer()
    weak = sorted(g.weak)
    rng = random.Random(1212)
    words = _WORDS + [w.title() for w in rng.sample(weak, min(60, len(weak)))] + rng.sample(weak, min(20, len(weak)))
    for i in range(300):
        text = "".join(rng.choice(words) + rng.choice(_SEPS) for _ in range(rng.randint(0, 40)))
        if i % 7 == 0:
            text = text.upper()
        elif i % 11 == 0:
            text = text.lower()
        for hint in (None, "UA", "US"):
            for lenient in (False, True):
                new = _spans(_Parser(g, text, hint, lenient))
                old = _spans(_Before(g, text, hint, lenient))
                assert new == old, text
