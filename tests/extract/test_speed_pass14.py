"""Speed pass 14: each rewritten pattern or scan gives what the one it replaces gave, on random inputs."""

from __future__ import annotations

import random
import re

from ceasewatch.extract import _text
from ceasewatch.extract._pipeline import _digit_runs
from ceasewatch.extract._positions import _FIRST_PERSON
from ceasewatch.extract.lang import en, get_language
from ceasewatch.geo.parser import _ADMIN_WORD, _admin_word_spans

# ASCII and non-ASCII decimal digits (Arabic-Indic, Devanagari, fullwidth), digits that are not decimal
# (superscript two, circled one), letters in and out of words, spaces of several kinds, quotes, a lone surrogate
_CHARS = ["1", "2", "0", "9", "\u0661", "\u0967", "\uff13", "\u00b2", "\u2460", "a", "B", "\u00e9", " ", "\n",
          "\u00a0", "\u2003", ".", "-", "_", "\u201c", "\u2019", "\ud800"]


def _spans(it) -> list[tuple[int, int]]:
    return [m.span() for m in it]


def test_digit_runs_equal_d_plus() -> None:
    old = re.compile(r"\d+")
    rng = random.Random(14)
    for _ in range(20000):
        s = "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 25)))
        if rng.random() < 0.5:
            s = s.replace("\u0661", "7").replace("\u0967", "8").replace("\uff13", "3")  # ASCII digits only
        assert _spans(_digit_runs(s)) == _spans(old.finditer(s)), repr(s)


def test_sentence_end_pattern_equals_the_plus_form() -> None:
    old = re.compile(r"[.!?]+[\"”’»)\]]*(?=\s+|[“\"](?=[A-Z]))")
    chars = [".", "!", "?", "\"", "”", "’", "»", ")", "]", "“", " ", "\n", "A", "a", "1"]
    rng = random.Random(141)
    for _ in range(20000):
        s = "".join(rng.choice(chars) for _ in range(rng.randint(0, 20)))
        a = rng.randint(0, len(s))
        b = rng.randint(a, len(s))
        assert _spans(_text._END.finditer(s, a, b)) == _spans(old.finditer(s, a, b)), (s, a, b)


def test_admin_word_spans_equal_the_regex() -> None:
    pieces = ["district", "raion", "rayon", "region", "oblast", "area", "arearea", "regions", "_", "x", "\u00e9",
              "1", " ", "  ", "\n", "\u00a0", "\u2003", ",", "-", "Region", "distric", "\u0456"]
    rng = random.Random(142)
    for _ in range(20000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _admin_word_spans(s) == _spans(_ADMIN_WORD.finditer(s)), repr(s)


def _old_split_sentences(text, abbreviations, titles, starters):
    """split_sentences as it was before the pass: quotation marks and sentence ends scanned block by block."""
    end_rx = re.compile(r"[.!?]+[\"”’»)\]]*(?=\s+|[“\"](?=[A-Z]))")
    quotes_rx = re.compile(r"[\"“”„«»]")
    sentences, quotes = [], []
    for b, (bs, be) in enumerate(_text._blocks(text)):
        marks = [m.start() for m in quotes_rx.finditer(text, bs, be)]
        block_quotes = []
        for i in range(0, len(marks) - 1, 2):
            q = _text.Quote(len(quotes), marks[i], marks[i + 1] + 1, b)
            quotes.append(q)
            block_quotes.append(q)
        cur = bs
        bounds = []
        for m in end_rx.finditer(text, bs, be):
            dot = m.start()
            if text[dot] == "." and m.end() - dot == 1 and _text._is_abbreviation(text, dot, abbreviations, titles,
                                                                                  starters):
                continue
            bounds.append((cur, m.end()))
            cur = m.end()
        bounds.append((cur, be))
        for s, e in bounds:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            for ps, pe in ((s, e),) if e - s <= _text.MAX_SENTENCE else _text._cap(s, e, text):
                qi = None
                for q in block_quotes:
                    if min(pe, q.end) - max(ps, q.start) > (pe - ps) / 2:
                        qi = q.index
                        break
                sentences.append(_text.Sentence(len(sentences), ps, pe, b, qi))
    return sentences, quotes


def test_split_sentences_equals_the_block_by_block_scans() -> None:
    pieces = ["He said", "he said", " ", "  ", "\n", "\n\n", " \n", "\t", "\u00a0", ".", "?", "!", "...", "?!",
              "“", "”", "\"", "«", "»", "„", "’", ")", "]", "We will go", "Kyiv", "U.S.", "the talks", "it", "Gen.",
              "Dr.", "A", "x", "etc.", "J."]
    w = get_language("en").words
    args = (w["abbreviations"], w.get("title_abbreviations", frozenset()), w.get("sentence_starters", frozenset()))
    rng = random.Random(143)
    for n in range(6000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40 if n % 10 else 400)))
        assert _text.split_sentences(s, *args) == _old_split_sentences(s, *args), repr(s)


def test_letter_first_patterns_equal_their_word_boundary_forms() -> None:
    old_pronoun = re.compile(rf"\b(?P<c>he|she|they|He|She|They)\s+(?:also\s+|later\s+)?(?P<v>{en.REPORT_VERBS})\b")
    new_pronoun = en.CLAIMANT_PATTERNS["pronoun"]
    old_first = re.compile(r"\b(?:We|we|our|Our|I|us)\b")
    pieces = ["he", "she", "they", "He", "She", "They", "the", "hey", "We", "we", "our", "Our", "I", "us", "use",
              "ours", "said", "also", "later", "told", " ", "  ", "\n", "_", "1", "\u00e9", "x", "-", ",", "\u2019",
              "t", "s", "h", "W", "O", "u", "o"]
    rng = random.Random(144)
    for _ in range(20000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        # windows start and end anywhere, inside words too: the look-behind and "\b" both see the text before
        a = rng.randint(0, len(s))
        b = rng.randint(a, len(s))
        olds = [(m.span(), m.span("c"), m.span("v")) for m in old_pronoun.finditer(s, a, b)]
        news = [(m.span(), m.span("c"), m.span("v")) for m in new_pronoun.finditer(s, a, b)]
        assert news == olds, (s, a, b)
        assert _spans(_FIRST_PERSON.finditer(s, a, b)) == _spans(old_first.finditer(s, a, b)), (s, a, b)
        m1, m2 = _FIRST_PERSON.search(s, a, b), old_first.search(s, a, b)
        assert (m1 and m1.span()) == (m2 and m2.span())


def test_prev_cap_equals_the_look_behind_first_form() -> None:
    from ceasewatch.geo.parser import _PREV_CAP

    old = re.compile(r"(?<![\w'’-])([A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’]{2,})[ \t]+$")
    pieces = ["Nova", "Kakhovka", "Velyka", "Novosilka", "Ivanivka", "ab", "A", "Ї", "Нова", "’", "'", "-", "_",
              " ", "  ", "\t", "\n", "1", "x", "\u00e9", "Z"]
    rng = random.Random(145)
    for _ in range(20000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        a = rng.randint(0, len(s))
        b = rng.randint(a, len(s))
        m1, m2 = _PREV_CAP.search(s, a, b), old.search(s, a, b)
        assert (m1 and (m1.span(), m1.span(1))) == (m2 and (m2.span(), m2.span(1))), (s, a, b)


def test_money_finditer_equals_the_pattern() -> None:
    pieces = ["€", "$", "US$", "£", "EUR ", "USD", "500", "1,5", "2.5", " ", "million", "bn", "m", "euros",
              "dollars", "pledged", "\u0665", "\uff15", "\u00b2", "a", "B", ",", ".", "\u00a0"]
    rng = random.Random(146)
    for _ in range(20000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _spans(en.money_finditer(s)) == _spans(en.MONEY_RE.finditer(s)), repr(s)


def test_party_re_equals_the_look_behind_first_form() -> None:
    from ceasewatch.extract._resources import resources_for

    res = resources_for(get_language("en"))
    old = re.compile(rf"(?<![\w.])(?:{res.party_alt})(?![\w])")
    surfaces = sorted(res.party_surface)
    pieces = [" ", ".", "_", "-", "x", "1", "\u00e9", "s", "n", "an", "’s", ",", " and ", "the "]
    rng = random.Random(147)
    for _ in range(20000):
        parts = []
        for _ in range(rng.randint(0, 8)):
            r = rng.random()
            if r < 0.4:
                parts.append(rng.choice(surfaces))
            elif r < 0.5:
                sf = rng.choice(surfaces)
                parts.append(sf[:rng.randint(1, len(sf))])  # a prefix of a surface
            else:
                parts.append(rng.choice(pieces))
        s = "".join(parts)
        a = rng.randint(0, len(s))
        b = rng.randint(a, len(s))
        assert _spans(res.party_re.finditer(s, a, b)) == _spans(old.finditer(s, a, b)), (s, a, b)
        assert res.party_re.sub("", s) == old.sub("", s), s
