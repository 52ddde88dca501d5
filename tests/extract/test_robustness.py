"""Bad input never crashes and never takes long; other languages are reported, not processed."""

from __future__ import annotations

import random
import time

from ceasewatch.extract import detect_language, extract


def test_empty():
    for t in ("", "   \n\n", None):
        r = extract(t)  # type: ignore[arg-type]
        assert r.mentions == [] and r.warnings


def test_non_english():
    fr = ("Une frappe de drone russe a blessé plus de vingt personnes à Kharkiv, selon les autorités "
          "ukrainiennes, et le président a dit que la situation reste difficile pour les habitants de la ville.")
    r = extract(fr, geoparser=None)
    assert r.mentions == [] and r.language == "fr"
    assert "unsupported language: fr" in r.warnings
    ru = "Российский беспилотник ранил двадцать человек в Харькове, сообщили украинские власти."
    r = extract(ru, geoparser=None)
    assert r.mentions == [] and r.language == "ru" and any("unsupported" in w for w in r.warnings)


def test_detect_english():
    assert detect_language("Russian drone strikes injured more than 20 people in the city of Kharkiv on "
                           "Thursday, according to officials.")[0] == "en"


def test_long_sentence_is_bounded():
    words = ["strike", "Kharkiv", "killed", "one", "and", "the", "of", "attack", "people", "drone"]
    rng = random.Random(1)
    text = " ".join(rng.choice(words) for _ in range(10_000))
    t0 = time.perf_counter()
    r = extract(text, geoparser=None)
    assert time.perf_counter() - t0 < 10
    for m in r.mentions:
        assert m.sentence.end - m.sentence.start <= 600


def test_junk_and_tables():
    rng = random.Random(2)
    junk = "".join(chr(rng.randrange(0, 0x2FFF)) for _ in range(20_000))
    extract(junk, geoparser=None)
    table = "\n".join(f"| Kharkiv | 3 killed | 12 injured | 2025-03-2{i % 9} |" for i in range(300))
    r = extract(table, geoparser=None, language="en")
    assert isinstance(r.mentions, list)
    extract("\x00\x01\x02 killed 5 \ufffd\ufffd . . . !!! ??? \t\t", geoparser=None, language="en")


def test_every_span_inside_text_on_random_mix():
    rng = random.Random(3)
    parts = ["Russian drones struck Kharkiv on Monday", "killing 3 people", "according to officials",
             "Zelensky said", "“We will respond,” he said", "at least 12 were injured", "in 2014",
             "leaving 1,200 homes without power", ";", ",", ".", "\n"]
    for _ in range(30):
        text = " ".join(rng.choice(parts) for _ in range(40))
        r = extract(text, geoparser=None, language="en")
        for m in r.mentions:
            for spans in m.evidence.values():
                for s in spans:
                    assert 0 <= s.start < s.end <= len(text)


def test_repeated_extraction_is_identical():
    """Memoised helpers (numbers, gates, country places, speaker words) keep outputs identical on re-runs."""
    from datetime import date

    from ceasewatch.extract import extract

    text = ("A Russian drone strike hit a substation in Kharkiv overnight, killing two people and injuring 12 "
            "others, the regional governor said. The strike left 4,000 households without power, he said.")
    a = extract(text, published=date(2025, 3, 27))
    extract("Shelling of Kherson killed one person, officials said.", published=date(2025, 3, 27))
    b = extract(text, published=date(2025, 3, 27))
    assert a.mentions == b.mentions and a.positions == b.positions and a.pledges == b.pledges
