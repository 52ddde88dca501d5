"""Speed pass 8: each shortcut gives what the code it replaces gave, on random inputs."""

from __future__ import annotations

import random
import re

from ceasewatch.extract._claimants import _NP_BREAK, _before_break, _windowed_merged
from ceasewatch.extract._claimants import _windowed as windowed
from ceasewatch.extract._events import _hits_by_sentence
from ceasewatch.extract._positions import Discourse, _last_recipient
from ceasewatch.extract._resources import Hit, party_by_id, resources_for
from ceasewatch.extract._text import Sentence
from ceasewatch.extract.lang import en, get_language
from ceasewatch.model.parties import KNOWN_PARTIES
from ceasewatch.model.parties import party_by_id as model_party_by_id

_PIECES = ["a", "Ab", " ", "  ", ",", ".", "’", "'", "&", "-", "(", ")", "\"", "“", "\n", "é", "_", "1", ";", "İ",
           "said", "to", "for", "the", "Ukraine", "Russia", "France", "aid", "support", "Kyiv", "will", "back"]


def _text(rng: random.Random, n: int = 30) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, n)))


def test_before_break_is_the_end_of_the_last_break() -> None:
    rng = random.Random(8)
    for _ in range(3000):
        text = _text(rng)
        lo = rng.randint(0, len(text))
        pos = rng.randint(lo, len(text))
        want = lo
        for m in _NP_BREAK.finditer(text, lo, pos):  # the loop it replaces
            want = m.end()
        assert _before_break(text, lo, pos) == want, (text, lo, pos)


def test_one_window_is_scanned_as_the_merged_windows_are() -> None:
    rng = random.Random(81)
    rx = re.compile(r"\b[A-Z]\w*(?:\s+\w+)?")
    for _ in range(2000):
        text = _text(rng, 40)
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        windows = []
        for _ in range(rng.randint(0, 3)):
            a = rng.randint(lo, hi)
            windows.append((a, rng.randint(a, hi)))
        windows.sort()
        want = [m.span() for m in _windowed_merged(rx, text, windows, lo, hi)]
        assert [m.span() for m in windowed(rx, text, windows, lo, hi)] == want, (text, windows, lo, hi)


def test_literal_gate_matching_lists_the_keys_it_may_match() -> None:
    res = resources_for(get_language("en"))
    gate = res.position_key_gate
    words = [w for stance in en.POSITION_KEYS for k in en.POSITION_KEYS[stance] for w in re.findall(r"[a-z]+", k)]
    rng = random.Random(82)
    for _ in range(2000):
        seg = " ".join(rng.choice(words + _PIECES) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.3:
            seg = seg.upper()
        may = gate.may_match(seg)
        assert gate.matching(seg) == [i for i, ok in enumerate(may) if ok], seg


def test_position_entries_follow_the_stances_and_their_templates() -> None:
    res = resources_for(get_language("en"))
    want = [(stance, rx, key, kid) for stance, rxs in res.positions.items()
            for rx, key, kid in zip(rxs, res.position_keys[stance], res.position_key_ids[stance], strict=True)]
    assert [(*res.position_entries[kid], kid) for kid in range(len(res.position_entries))] == want


def test_hits_by_sentence_is_lex_in_per_sentence() -> None:
    rng = random.Random(83)
    for _ in range(1000):
        n = rng.randint(0, 200)
        lex = sorted((Hit(s, s + rng.randint(1, 15), "cue", "x") for s in (rng.randint(0, n) for _ in range(
            rng.randint(0, 30)))), key=lambda h: (h.start, h.end))
        cuts = sorted(rng.randint(0, n) for _ in range(rng.randint(0, 10)))
        sentences, prev = [], 0
        for c in cuts:  # sorted, non-overlapping, sometimes with gaps between them
            start = min(c, prev + rng.randint(0, 3))
            if c > start:
                sentences.append(Sentence(len(sentences), start, c, 0, None))
            prev = max(prev, c)
        want = [[h for h in lex if s.start <= h.start < s.end and h.end <= s.end] for s in sentences]  # lex_in
        assert _hits_by_sentence(lex, sentences) == want


def test_party_by_id_from_the_dict() -> None:
    for p in KNOWN_PARTIES:
        assert party_by_id(p.id) is model_party_by_id(p.id)
    for pid in ("", "XX", "ua", None):
        assert party_by_id(pid) is model_party_by_id(pid)  # type: ignore[arg-type]


def test_last_recipient_is_what_scanning_every_sentence_left() -> None:
    res = resources_for(get_language("en"))
    rng = random.Random(84)
    found = 0
    for _ in range(1000):
        words = ["to", "for", "aid", "support", "the", "Ukraine", "Russia", "France", "said", "and", "Kyiv", "é"]
        segs = [(" ".join(rng.choice(words) for _ in range(rng.randint(0, 8))), rng.randint(0, 500))
                for _ in range(rng.randint(0, 5))]
        before = rng.choice((None, ("Ukraine", "UA", None)))
        eager = before
        for seg, s0 in segs:  # the scan it replaces: every match replaces the one before
            for rm in res.recipient.finditer(seg):
                pid = res.party_surface[rm.group("party")][0]
                p = party_by_id(pid)
                eager = (p.name if p else rm.group("party"), pid, (s0 + rm.start("party"), s0 + rm.end("party")))
        found += eager is not before
        disc = Discourse(recipient=before, pending=list(segs))
        got = _last_recipient(res, disc)
        if got is not None and got is not before:
            got = (got[0], got[1], (got[2].start, got[2].end))
        assert got == eager, segs
        assert disc.pending == []
    assert found > 50  # the random sentences name recipients often enough to test the order


def test_language_counts_from_the_non_ascii_characters_alone() -> None:
    from ceasewatch.extract._language import _CYR, _LATIN_EXT, _NON_ASCII_LETTER, _non_ascii

    rng = random.Random(85)
    pieces = ["a", " ", "é", "Ж", "ї", "“", "—", "\u00a0", "ß", "Ω", "٣", "中", "\ud800", "Ǣ", "1", "ı"]
    for _ in range(2000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        others = _non_ascii(s)
        assert others == "".join(ch for ch in s if ord(ch) > 127), s
        for rx in (_CYR, _LATIN_EXT, _NON_ASCII_LETTER):
            assert len(rx.findall(others)) == len(rx.findall(s)), (rx.pattern, s)


def test_last_words_without_the_regex() -> None:
    from ceasewatch.extract._places import _TOKEN_END_WORD, _last_words

    def old(before: str, n: int = 7) -> frozenset[str] | None:  # the version it replaces
        if not before or not before[-1].isspace():
            return frozenset()
        tail = " ".join(before.rsplit(None, n)[-n:])
        if not tail.isascii():
            return None
        return frozenset(_TOKEN_END_WORD.findall(tail.lower()))

    rng = random.Random(86)
    pieces = ["a", "In", "the", " ", "  ", "\n", ".", ",", "x1", "_", "-", "é", "\u00a0", "Kyiv", "of", "'", "\t", "AT"]
    for _ in range(5000):
        before = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _last_words(before) == old(before), before
