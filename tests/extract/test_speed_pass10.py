"""Speed pass 10: each shortcut gives what the code it replaces gave, on random inputs."""

from __future__ import annotations

import random

from ceasewatch.extract.lang import en

_TROOP_WORDS = ["between", "up", "to", "about", "some", "around", "at", "least", "more", "than", "12", "1,000", "5",
                "twenty", "twenty-five", "twenty five", "a", "dozen", "hundred", "thousand", "million", "-", "–",
                "and", "troops", "soldiers", "Troops", "TROOPS", "troopſ", "peacekeepers", "personnel", "military",
                "servicemen", "foreign", "troopsx", "troops-led", "x", ",", ".", "10.", "3", "the", "é"]
_SEPS = [" ", "  ", "\n", "", "\t ", " - ", "\u00a0"]


def test_troops_finditer_is_the_plain_finditer() -> None:
    rng = random.Random(10)
    matched = 0
    for _ in range(20000):
        s = "".join(rng.choice(_TROOP_WORDS) + rng.choice(_SEPS) for _ in range(rng.randint(1, 30)))
        want = [(m.span(), m.groupdict()) for m in en.TROOPS_RE.finditer(s)]
        assert [(m.span(), m.groupdict()) for m in en.troops_finditer(s)] == want, s
        matched += bool(want)
    assert matched > 1000  # the inputs exercise the pattern


def test_troops_finditer_far_and_near_starts() -> None:
    # the longest branch: "between" + two-word numbers + an optional word + "military personnel"
    s = "x " * 20 + "between  twenty five  hundred \n to  a dozen thousand  foreign military  personnel " + "y " * 20
    assert [m.span() for m in en.troops_finditer(s)] == [m.span() for m in en.TROOPS_RE.finditer(s)] != []
    s = "12 troops troops 5 soldiers, 3 personnel and 40 servicemen"
    assert [m.span() for m in en.troops_finditer(s)] == [m.span() for m in en.TROOPS_RE.finditer(s)]


def test_fuzzy_cue_after_with_endpos_is_the_anchored_slice_match() -> None:
    import re

    from ceasewatch.geo.parser import _FUZZY_CUE_AFTER

    anchored = re.compile("^" + _FUZZY_CUE_AFTER.pattern, re.I)
    pieces = [" ", "  ", "\n", "village", "Town", "city", "cityx", "raion", "district", "s", ",", "Kyiv", "ſ", "é"]
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        e = rng.randint(0, len(text))
        got = _FUZZY_CUE_AFTER.match(text, e, e + 20)
        want = anchored.match(text[e:e + 20])
        assert (got is None) == (want is None), (text, e)
        if got:
            assert got.end() - e == want.end()
