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
