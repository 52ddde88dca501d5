"""Speed pass 6: the literal gates never skip a regex that matches, and the party automaton finds what the
party regex finds."""

from __future__ import annotations

import random
import re

from ceasewatch.extract._resources import LiteralGate, PartyHit, _required_literals, ci_lower, resources_for
from ceasewatch.extract.lang import en, get_language

# characters that re.IGNORECASE matches to ASCII letters, and a few that lower-case oddly
_ODD = ["\u0130", "\u0131", "\u017f", "\u212a", "\u03a3", "’", "é", "\n", "\t", "  "]


def _cased(rng: random.Random, w: str) -> str:
    return "".join(c.upper() if rng.random() < 0.3 else c for c in w)


def _texts(words: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = words + _ODD + [" ", " ", ", ", "s", "ed", "the ", "by ", "for ", "on ", "that ", "'s ", "’s "]
    out = ["", " "]
    for _ in range(n):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))
        out.append(_cased(rng, t) if rng.random() < 0.5 else t)
    return out


def _literal_words(patterns: list[re.Pattern[str]]) -> list[str]:
    words = []
    for rx in patterns:
        req = _required_literals(re._parser.parse(rx.pattern, rx.flags)) or frozenset()
        words.extend(req)
    # the required literals with a letter replaced by its odd case-insensitive twin
    words += [w.replace("i", "\u0131").replace("s", "\u017f") for w in words]
    return words + [w.upper() for w in words] + ["provided that", "as long as", "on condition", "ruled out",
                                                 "put forward", "called on", "desired by", "expressed their"]


def test_position_key_gate_never_skips_a_match() -> None:
    res = resources_for(get_language("en"))
    keys = [k for stance in en.POSITION_KEYS for k in res.position_keys[stance]]
    gate = res.position_key_gate
    for text in _texts(_literal_words(keys), 20000, 6):
        may = gate.may_match(text)
        for i, rx in enumerate(keys):
            if rx.search(text):
                assert may[i], (rx.pattern, text)


def test_literal_gate_on_other_patterns() -> None:
    pats = [re.compile(p) for p in (
        r"(?i)\bsi(?:x|gn)s?\b", r"\bKi(?:ss|t)\b", r"(?i:kiss)|Sat", r"favou?rs?", r"(?:ab)+c", r"a|b*", r"",
        r"x(?=yz)", r"(?i)\bstrikes?\s+on\b", r"Ön", r"(?s:.)kit")]
    gate = LiteralGate(pats)
    assert gate.always == (5, 6, 9)  # no required literal, or a non-ASCII one
    for text in _texts(["si", "sign", "six", "Kiss", "KISS", "kit", "Sat", "favour", "favor", "abab", "c", "xyz",
                        "strike", "strikes on", "Ön"], 20000, 7):
        may = gate.may_match(text)
        for i, rx in enumerate(pats):
            if rx.search(text):
                assert may[i], (rx.pattern, text)


def test_ci_lower_keeps_case_insensitive_matches() -> None:
    for ch in map(chr, range(0x10000)):
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if re.fullmatch("(?i)" + letter, ch):
                assert ci_lower(ch) == letter, (ch, letter)


def test_party_hits_equal_party_regex() -> None:
    res = resources_for(get_language("en"))
    surfaces = list(res.party_surface)
    rng = random.Random(8)
    alphabet = list("abcXYZ .,_-'’é1\n²") + _ODD
    for _ in range(20000):
        text = "".join(rng.choice(surfaces) if rng.random() < 0.5 else
                       "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
                       for _ in range(rng.randint(1, 8)))
        want = [PartyHit(m.start(), m.end(), res.party_surface[m.group(0)][0], m.group(0),
                         res.party_surface[m.group(0)][1]) for m in res.party_re.finditer(text)]
        assert res.party_hits(text) == want, text


def test_geo_title_and_feature_gates_are_necessary() -> None:
    from ceasewatch.geo.parser import (
        _FEAT_BEFORE,
        _FEAT_WORDS,
        _TITLE,
        _TITLE_WORDS,
        _may_end_in_title,
        _may_have_feature_before,
    )

    assert len(_TITLE_WORDS) > 40 and "spokesperson" in _TITLE_WORDS and len(_FEAT_WORDS) == 7
    rng = random.Random(9)
    words = list(_TITLE_WORDS) + list(_FEAT_WORDS) + ["Mr.", "DR", "Gen.", "of", "the", "near", "Kyiv", "said",
                                                      "villages", "Prof", "sİr", "ſettlement", "ſmt", "cıty"]
    seps = [" ", "  ", "\n", " \n", ". ", ".", "", "\t", ", "]
    for _ in range(30000):
        w = "".join(_cased(rng, rng.choice(words)) + rng.choice(seps) for _ in range(rng.randint(1, 5)))
        pos = max(0, len(w) - 16)
        if _TITLE.search(w, pos):
            assert _may_end_in_title(w), w
        text = w + "Kharkiv"
        end = len(w)
        start = max(0, end - 40)
        if _FEAT_BEFORE.search(text, start, end):
            assert _may_have_feature_before(text, start, end), w


def test_fold_equals_the_table_translation() -> None:
    from ceasewatch.geo._text import _REFOLDED, _SPACE_RUN, FOLD_TABLE, fold

    assert "\u01e2" in _REFOLDED  # "Ǣ" -> "æ" -> "a"
    rng = random.Random(10)
    pool = ([chr(c) for c in range(0x80, 0x530)] + [chr(c) for c in range(0x1E00, 0x2070)]
            + ["\ud800", "€", "’", "中", "æ", "\u01e2"] + list("abcXYZ  .,-'") * 40)
    for _ in range(30000):
        t = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        assert fold(t) == t.translate(FOLD_TABLE), repr(t)
        assert [m.span() for m in _SPACE_RUN.finditer(t)] == [m.span() for m in re.finditer(" {2,}", t)]


def test_language_words_equal_the_word_regex() -> None:
    from ceasewatch.extract._language import _WORD, _words

    rng = random.Random(11)
    pool = list("abcxyzABC '’“”—-_1²½\xa0\n.,éü") + ["\ud800", "İ", "K", "ı", "中", "ß", "ǅ", "٣"]
    for _ in range(30000):
        low = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30))).lower()
        assert _words(low) == _WORD.findall(low), repr(low)


def test_lazy_places_equal_sorted_classification() -> None:
    from types import SimpleNamespace

    from ceasewatch.extract._places import LazyPlaces, classify_places
    from ceasewatch.geo import geoparse
    from ceasewatch.model import Place

    res = resources_for(get_language("en"))
    text = ("KYIV, March 24 (Reuters) - Russian drones struck Kharkiv and Odesa overnight, officials said. "
            "Moscow said the talks in Riyadh would go on. Ukraine's Zelensky met the Kyiv mayor in Berlin. "
            "Myrne, Donetsk region.")
    parties = res.party_hits(text)
    matches = list(geoparse(text, country_hint="UA"))
    odd = [SimpleNamespace(start=5, end=3, place=Place(name="x")), SimpleNamespace(start=0, end=4, place="x"),
           object(), SimpleNamespace(start=0, end=4, place=Place(name="KYIV"))]
    for ms in (matches, list(reversed(matches)) + odd, []):
        want = sorted(classify_places(text, ms, res, parties, [(0, 26)]), key=lambda p: p.start)
        lazy = LazyPlaces(text, ms, res, parties, [(0, 26)])
        assert lazy.starts == [p.start for p in want] and len(lazy) == len(want)
        if want:
            assert lazy[-1] == want[-1] and lazy[1:3] == want[1:3] and lazy[0] is lazy[0]
        assert list(lazy) == want


def test_accusation_gate_and_party_occurrences_never_skip_a_match() -> None:
    from ceasewatch.extract._events import DocContext

    res = resources_for(get_language("en"))
    words = _literal_words(res.accusations) + list(res.party_surface) + [
        "accused", "blamed", "of", "on", "by", "the", "strikes", "violated", "to", "aid", "support", "Ukrainians"]
    gate = res.accusation_gate
    for text in _texts(words, 20000, 12):
        may = gate.may_match(text)
        for i, rx in enumerate(res.accusations):
            if rx.search(text):
                assert may[i], (rx.pattern, text)
        occ: list[int] = []
        res.party_hits(text, occ)
        ctx = DocContext(text, res, None, "d", [], [], [], [], [], [], [], [], [], {}, None, party_occurrences=occ)
        padded = DocContext("xx" + text, res, None, "d", [], [], [], [], [], [], [], [], [], {}, None,
                            party_occurrences=[o + 2 for o in occ])
        if res.recipient.search(text):
            assert ctx.may_name_party(0, len(text)) and padded.may_name_party(2, len(text) + 2), text


def test_fuzzy_cue_fast_path_equals_the_token_loop() -> None:
    from ceasewatch.geo.parser import _FUZZY_CUE_LAST, _WORD_TAIL, _may_be_fuzzy_cue

    def token_loop(before: str) -> bool:  # the test before the reversed-window fast path
        if not before:
            return False
        if not before[-1].isspace():
            return before[-1].isalnum() or before[-1] == "_"
        for tok in before.rsplit(None, 3)[-3:]:
            if not tok.isascii():
                return True
            m = _WORD_TAIL.search(tok)
            if m and m.group().lower() in _FUZZY_CUE_LAST:
                return True
        return False

    rng = random.Random(13)
    words = ["in", "IN", "In", "of", "Of", "near", "NEAR", "outside", "around", "At", "at", "the", "village",
             "within", "(in", "in,", "in.", "x_in", "_in", "1in", "cabin", "Berlin", "ofx", "oft", "Kyiv", "é",
             "in’", "’in", "sat", "at1", "at_", "-at"]
    seps = [" ", "  ", "\n", "\t", "\x1c", "\x0b", "", ",", " \n "]
    for _ in range(50000):
        before = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 6)))
        assert _may_be_fuzzy_cue(before) == token_loop(before), repr(before)


def test_capitalised_token_pattern_equals_the_word_boundary_form() -> None:
    from ceasewatch.geo.parser import _CAP_TOKEN

    old = re.compile(r"\b[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’\-]{3,}(?:\s+[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’\-]{2,})?")
    rng = random.Random(14)
    pool = list("AaBbZzАяІї'’- \n_1.,é²") + ["Kyiv", "Ab", "Abc", "Abcd", "Abcde", "Ї", "\u0130"]
    for _ in range(30000):
        t = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _CAP_TOKEN.finditer(t)] == [m.span() for m in old.finditer(t)], repr(t)
