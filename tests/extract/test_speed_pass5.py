"""Speed pass 5: the one-pass gate tables and the per-sentence index give what the per-gate searches and the
per-call look-ups gave."""

from __future__ import annotations

import random
import re

from ceasewatch.extract import extract
from ceasewatch.extract._events import _GateTable, _open_gates
from ceasewatch.extract.lang import en

_PIECES = ["power", "electric", "light", "blackout", "water", "heat", "gas", "fire", "burn", "destroy", "damag",
           "toll", "number of", " die", "killed", "wounded", "injured", "left", "leaving", "lost", "dying", "the",
           " ", ", ", "a", "s", "ing", "ed", "hospitali", "sustained", "-", "rubble", "ablaze", "partially", "gunned"]


def _texts(n: int = 5000) -> list[str]:
    rng = random.Random(5)
    out = ["", " ", "gas", "gasgas", "heatwater", "number  of", "numberof", "die", " die"]
    for _ in range(n):
        out.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 8))))
    return out


def _naive(table: dict[str, tuple[str, ...]], low: str) -> set[str]:
    """The per-gate test this pass replaced: one alternation of the gate's words searched in ``low``."""
    return {name for name, words in table.items()
            if words is not None and re.compile("|".join(re.escape(w) for w in words)).search(low)}


def test_gate_tables_open_the_same_gates_as_per_gate_searches() -> None:
    for table in (en.EFFECT_GATES, en.CASUALTY_GATES):
        for low in _texts():
            assert _open_gates(table, low) == _naive(table, low), low


def test_gate_table_edge_cases() -> None:
    # overlapping words of different gates, a word in two gates, an empty gate (always open), no gate words
    table = {"a": ("heat", "eat"), "b": ("eat",), "c": (), "d": ("", "x")}
    for low in ["", "heat", "eat", "at", "xx", "wheat"]:
        assert _GateTable(table).open_in(low) == _naive(table, low)
    assert _GateTable({}).open_in("anything") == set()


def test_sentence_index_matches_lex_in() -> None:
    text = ("A Russian drone strike hit a school in Kharkiv on Monday, killing two people, the governor said. "
            "France and the United Kingdom proposed a ceasefire, officials said. Shelling left 4,000 households "
            "without power.")
    from ceasewatch.extract import _pipeline

    seen = {}
    original = _pipeline.extract_positions

    def spy(ctx, sentences, speakers, state):
        seen["ctx"] = ctx
        return original(ctx, sentences, speakers, state)

    _pipeline.extract_positions = spy
    try:
        extract(text, geoparser=None)
    finally:
        _pipeline.extract_positions = original
    ctx = seen["ctx"]
    assert len(ctx.sent_hits) == len(ctx.sentences) > 1
    for s in ctx.sentences:
        assert ctx.sent_hits[s.index] == ctx.lex_in(s.start, s.end)
        assert ctx.sent_cues[s.index] == {h.code for h in ctx.lex_in(s.start, s.end, "cue")}
        assert [h for h in ctx.sent_hits[s.index] if h.cat == "attack"] == ctx.lex_in(s.start, s.end, "attack")
