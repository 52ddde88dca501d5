"""The cheap word tests in front of end-anchored regex searches (speed pass 4) never skip a match."""

from __future__ import annotations

import random

from ceasewatch.extract._places import _last_words, _may_end
from ceasewatch.extract.lang import en
from ceasewatch.geo.parser import _FUZZY_CUE, _may_be_fuzzy_cue

_WORDS = ["in", "IN", "at", "the", "The", "northern", "north-eastern", "central", "blamed", "the attack", "on",
          "by", "with", "and", "Kyiv", "Moscow", "said", "village", "villages", "of", "near", "outside", "(in",
          "—at", "on,", "sanctions", "pressure", "talks", "strikes", "Over", "Töwn", "İn", "city", "Near",
          "throughout", "around", "accusing", "between", "against", "urged", "Told", "attacks", "into", "to",
          "Speaking", "reporters", "press conference", "summit", "held", "hosted", "travelled", "Monday",
          "yesterday", "talks", "meeting", "pre-summit", "summit’s", "visited", "journalists"]
_SEPS = [" ", "  ", "\n", " \n", ", ", "-", ""]


def _windows(n: int = 20000) -> list[str]:
    rng = random.Random(4)
    out = ["", " ", "in ", "in the ", "blamed the Russian forces on ", "at the ", "Russia and ", "in\n",
           "villages of ", "near the village ", "in the village", "İn ", "in central ",
           "told reporters on Monday in ", "a press conference held in the ", "the summit of leaders hosted in "]
    for _ in range(n):
        k = rng.randint(1, 6)
        out.append("".join(rng.choice(_WORDS) + rng.choice(_SEPS) for _ in range(k)))
    return out


def test_place_context_gates_are_necessary() -> None:
    pats = {"actor": (en.ACTOR_BEFORE, en.ACTOR_BEFORE_LAST),
            "capital": (en.CAPITAL_ACTOR_BEFORE, en.ACTOR_BEFORE_LAST),
            "locative": (en.LOCATIVE_BEFORE, en.LOCATIVE_BEFORE_LAST)}
    for before in _windows():
        words = _last_words(before)
        for rx, last in pats.values():
            if rx.search(before):
                assert _may_end(words, last), before
        if en.REPORTING_CONTEXT.search(before):
            assert _may_end(words, en.REPORTING_CONTEXT_WORDS), before


def test_fuzzy_cue_gate_is_necessary() -> None:
    for before in _windows():
        if _FUZZY_CUE.search(before):
            assert _may_be_fuzzy_cue(before), before
