"""Speed pass 7: patterns tried only at the tokens their matches can start with find what the patterns find."""

from __future__ import annotations

import random
import re

from ceasewatch.extract._resources import _TOKEN, WordStartPattern, resources_for
from ceasewatch.extract.lang import en, get_language

# characters that re.IGNORECASE matches to ASCII letters, and a few that lower-case oddly or are digits to \d
_ODD = ["\u0130", "\u0131", "\u017f", "\u212a", "\u03a3", "’", "é", "\n", "\t", "  ", "\u0663", "²", "_", "-", "'s"]


def _texts(words: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = words + _ODD + [" ", " ", " ", ", ", ".", "s", "ed", "–", "-", "19", "2025", "3", "24", "12th", "x"]
    out = ["", " "]
    for _ in range(n):
        t = "".join(rng.choice(pieces) + rng.choice(("", " ", " ", ",")) for _ in range(rng.randint(1, 9)))
        if rng.random() < 0.3:
            t = "".join(c.upper() if rng.random() < 0.3 else c for c in t)
        out.append(t)
    return out


def _same(wp: WordStartPattern, rx: re.Pattern[str], texts: list[str], seed: int) -> None:
    rng = random.Random(seed)
    for text in texts:
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        for pos, endpos in ((0, len(text)), (a, b)):
            want = [(m.span(), m.groupdict()) for m in rx.finditer(text, pos, endpos)]
            got = [(m.span(), m.groupdict()) for m in wp.finditer(text, pos, endpos)]
            assert got == want, (text, pos, endpos)
        # every position where the pattern matches at a token start is one the pattern is tried at
        for t in _TOKEN.finditer(text):
            if rx.match(text, t.start()):
                assert wp.may_start(t.group()), (text, t.group())


def _date_words() -> list[str]:
    words = list(en.DATE_FIRST_WORDS) + [w.capitalize() for w in en.DATE_FIRST_WORDS]
    words += ["night", "morning", "evening", "week", "weeks", "days", "day", "months", "ago", "hours", "24", "48",
              "twenty-four", "before", "after", "the night of", "basis", "single", "Mondays", "Marches", "Sept.",
              "Jan.", "in the past", "a daily", "mid-", "inside", "ones", "weekend", "year", "to", "and", "st", "th",
              "\u0131n", "S\u0130NCE", "\u017fince"]
    return words


def test_date_pattern_tried_at_word_starts_finds_the_same() -> None:
    res = resources_for(get_language("en"))
    assert isinstance(res.date_re, WordStartPattern)
    _same(res.date_re, en.DATE_RE, _texts(_date_words(), 20000, 71), 72)


def test_word_start_pattern_on_other_patterns() -> None:
    rx = re.compile(r"\b(?:(?i:on)\s+(?:the\s+)?(?P<w>[A-Z]\w+)|\d+\s+days|Foo\w*)")
    wp = WordStartPattern(rx, frozenset(["on"]), digits=True, capitals="F")
    _same(wp, rx, _texts(["on", "On", "the", "Kyiv", "Foo", "Foobar", "days", "\u0131"], 5000, 73), 74)
    # the gate does reject: a token that cannot start a match is not tried
    assert not wp.may_start("the") and wp.may_start("ON") and wp.may_start("7") and wp.may_start("Fox")
