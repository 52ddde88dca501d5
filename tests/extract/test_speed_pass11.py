"""Speed pass 11: the cheap test in front of the fuzzy pass's place-cue search gives what the code it replaces
gave, on random inputs."""

from __future__ import annotations

import random

from ceasewatch.geo import default_gazetteer
from ceasewatch.geo.parser import (
    _CAP_TOKEN,
    _COMPASS_KEYS,
    _FUZZY_CUE,
    _FUZZY_CUE_AFTER,
    _ISLAND_AFTER,
    _LONE_CUTOFF,
    _SURNAME_END,
    _cache,
    _fuzzy_lookup,
    _line_of_its_own,
    _may_be_fuzzy_cue,
    _no_fuzzy_cue,
    _Parser,
    _Span,
    key,
)

# cue and feature words in several cases, words that end like them, and characters the pattern's case folding
# maps onto ASCII letters (ı, İ, ſ, K)
_WORDS = ["in", "IN", "In", "iN", "ın", "İn", "of", "OF", "oF", "at", "AT", "near", "NEAR", "nEar", "outside",
          "OUTSIDE", "outſide", "around", "Around", "the", "The", "THE", "tHe", "thé", "village", "Village",
          "villages", "town", "Town", "city", "CITY", "cıty", "settlement", "settlements", "outskirts", "suburb",
          "suburbs", "within", "cabin", "Berlin", "that", "what", "sat", "bathe", "breathe", "and", "sound",
          "pound", "side", "linear", "downtown", "density", "Pokrovsk", "Kyiv", "said", "x_in", "_in", "1in",
          "in_", "(in", "“in", "in,", "of.", "—at", "é", "’", "”", "“", "_", "1", "Kreminna", "Bakhmutt",
          "Avdiyivka", "Chasiv", "Yarr", "Kramatorks", "Kupiansk", "Vovchanskk", "Siversk", "Island",
          "Frolov", "district", "raion", "Raion"]
_SEPS = [" ", " ", " ", "  ", "\n", " \n", "\n\n", "\t", "\x1c", "\x0b", "\u00a0", "\u2003", "", ",", ", ", ". ",
         "-", "\u201d "]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_WORDS) + rng.choice(_SEPS) for _ in range(rng.randint(0, n)))


def test_no_fuzzy_cue_only_where_the_pattern_finds_nothing() -> None:
    rng = random.Random(11)
    ruled_out = matched = 0
    for _ in range(60000):
        parts = [rng.choice(_WORDS) + rng.choice(_SEPS) for _ in range(rng.randint(0, 14))]
        text = "".join(parts)
        if parts and rng.random() < 0.7:  # mostly where a token of _fuzzy starts: after a word and its separator
            s = len("".join(parts[:rng.randint(0, len(parts) - 1)]))
        else:
            s = rng.randint(0, len(text))
        before = text[max(0, s - 40):s]  # the window of _fuzzy: a cue word may be cut off at its start
        found = _FUZZY_CUE.search(before)
        if _no_fuzzy_cue(before):
            ruled_out += 1
            assert found is None, repr(before)
        matched += found is not None
    assert ruled_out > 30000 and matched > 4500, (ruled_out, matched)  # the inputs exercise both sides  # the inputs exercise both sides


def test_no_fuzzy_cue_on_cut_and_edge_windows() -> None:
    for before in ["", " ", "in", "in ", "n ", "within ", "xin ", "_in ", "1in ", "(in ", "in\n", "in \n", "at\t",
                   "the ", " the ", "in the ", "in the\n", "inthe ", "and the ", "around the ", "x around the ",
                   "the village", "in the village", "in the village\n", "in the city ", "in the cıty ",
                   "ın ", "İn ", "outſide ", "villages of ", "outskirts of\n", "of ", " of ", "xof ", "the town",
                   "near\u00a0", "near\u2003", "near\x1c", "in”", "in,", "in.\n", "x" * 38 + "in ",
                   "x" * 37 + " in ", "within the city of "[-12:], "in the settlement "]:
        if _no_fuzzy_cue(before):
            assert _FUZZY_CUE.search(before) is None, repr(before)


def _fuzzy_before_pass11(self: _Parser, spans: list[_Span]) -> list[_Span]:
    """_Parser._fuzzy as it was before speed pass 11 (the code it replaces)."""
    g, text = self.g, self.text
    out: list[_Span] = []
    taken = bytearray(len(text) + 1)
    for sp in spans:
        if sp.end > sp.start:
            taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    tokmemo = _cache(g)["tok"]
    skip_at = 1 if self.lenient else 2
    for m in _CAP_TOKEN.finditer(text):
        s, e = m.start(), m.end()
        if taken.find(1, s, e) >= 0:
            continue
        tok = m.group()
        kk = tokmemo.get(tok)
        if kk is None:
            k = key(tok)
            skip = k in g.weak or k in _COMPASS_KEYS or not g.fuzzy_keys.get(k[:1]) or len(k) < 5
            kk = (k, skip, skip or k in g.index)
            if len(tokmemo) < 100_000:
                tokmemo[tok] = kk
        if kk[skip_at]:
            continue
        k = kk[0]
        cutoff, lone = 86, False
        if not self.lenient:
            before = text[max(0, s - 40): s]
            if not ((_may_be_fuzzy_cue(before) and _FUZZY_CUE.search(before))
                    or _FUZZY_CUE_AFTER.match(text, e, e + 20)):
                # (a later behaviour change, kept in step: a line of its own, in the conflict zone)
                if not _line_of_its_own(text, s, e) or _SURNAME_END.search(k):
                    continue
                cutoff, lone = _LONE_CUTOFF, True
        if _ISLAND_AFTER.match(text, s + len(tok.split()[0])):
            continue
        res = _fuzzy_lookup(g, k, cutoff)
        if res is None and " " in k:
            k = k.split(" ")[0]
            res = _fuzzy_lookup(g, k, cutoff)
            if res is not None:
                e = s + len(tok.split()[0])
        if res is not None and lone:
            zone = tuple(p for p in res[0] if self.focus.get(g.a1[p], 0.0) > 0)
            res = (zone, res[1], ()) if zone else None
        if res is None:
            continue
        out.append(_Span(s, e, k, res[0] + res[2], fuzzy=res[1], weaker=frozenset(res[2])))
        taken[s:e] = b"\x01" * (e - s)
    return out


def test_fuzzy_pass_is_the_pass_before() -> None:
    g = default_gazetteer()
    rng = random.Random(111)
    found = 0
    for i in range(3000):
        text = _text(rng, 40)
        ps = _Parser(g, text, None, i % 5 == 0)
        spans = []
        for _ in range(rng.randint(0, 3)):  # spans found before the pass: the tokens they cover are skipped
            a = rng.randint(0, len(text))
            b = min(len(text), a + rng.randint(0, 12))
            spans.append(_Span(a, b, "", ()))
        got = [(sp.start, sp.end, sp.k, sp.cands, sp.fuzzy, sp.weaker) for sp in ps._fuzzy(spans)]
        want = [(sp.start, sp.end, sp.k, sp.cands, sp.fuzzy, sp.weaker) for sp in _fuzzy_before_pass11(ps, spans)]
        assert got == want, repr(text)
        found += bool(want)
    assert found > 300  # the texts have fuzzy places in a cue's reach
