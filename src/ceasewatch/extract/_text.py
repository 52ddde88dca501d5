"""Sentence and clause segmentation with character offsets into the original text.

Every piece keeps its offsets so that evidence spans point into the text exactly as received. Sentences are
capped at ``MAX_SENTENCE`` characters (longer runs, such as tables or unpunctuated dumps, are cut at the
nearest separator) so every later pattern works on bounded input.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

MAX_SENTENCE = 600

# "[.!?][.!?]*" is "[.!?]+" (the same matches): a pattern that opens with a character set is scanned for it at C
# speed, one that opens with a repeat is tried at every position (twice as slow on a news text)
_END = re.compile(r"[.!?][.!?]*[\"”’»)\]]*(?=\s+|[“\"](?=[A-Z]))")
_LINE = re.compile(r"[^\n]+")
_QUOTES = re.compile(r"[\"“”„«»]")
_CUT = re.compile(r"[;|\t]|,\s|\s")


# built many times per text: not frozen (a frozen dataclass's __init__ sets every field through
# object.__setattr__, about 0.35 µs more per object); treated as immutable, hashed and compared as before
@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    index: int
    start: int
    end: int
    block: int  # index of the line/paragraph it belongs to
    quote: int | None  # index of the quotation it lies in (mostly), None when outside quotes


# built many times per text: not frozen (a frozen dataclass's __init__ sets every field through
# object.__setattr__, about 0.35 µs more per object); treated as immutable, hashed and compared as before
@dataclass(slots=True, unsafe_hash=True)
class Quote:
    index: int
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark
    block: int


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines; a line that ends without punctuation followed by a lower-case line is a hard wrap and joins it."""
    out: list[list[int]] = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            out.append([-1, -1])  # blank line: paragraph break
            continue
        if out and out[-1][0] >= 0 and text[out[-1][1] - 1] not in ".!?:\"”'’" and text[s].islower():
            out[-1][1] = e
        else:
            out.append([s, e])
    return [(s, e) for s, e in out if s >= 0]


_NEXT_WORD = re.compile(r"\s+[\"“‘'(]?([A-Za-z]+)")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]?")


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str], titles: frozenset[str] = frozenset(),
                     starters: frozenset[str] = frozenset()) -> bool:
    """True when the dot ends an abbreviation that does not end the sentence. A title ("Gen.", "Dr.") never ends
    one; another abbreviation or initialism ("U.S.", "etc.") ends it when a capitalised sentence-opening word
    follows ("from the U.S. The talks ...")."""
    j = dot
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if word in abbreviations or (len(word) > 1 and _INITIALISM.fullmatch(word)):
        if word in titles or not starters:
            return True
        m = _NEXT_WORD.match(text, dot + 1)
        if m and m.group(1)[:1].isupper() and m.group(1).lower() in starters:
            return False
        return True
    # initials ("J. Smith") and single letters
    return len(word) == 1


def _cap(start: int, end: int, text: str) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = None
        for m in _CUT.finditer(text, start + MAX_SENTENCE // 2, limit):
            cut = m.end()
        cut = cut or limit
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def split_sentences(text: str, abbreviations: frozenset[str], titles: frozenset[str] = frozenset(),
                    starters: frozenset[str] = frozenset()) -> tuple[list[Sentence], list[Quote]]:
    sentences: list[Sentence] = []
    quotes: list[Quote] = []
    # the quotation marks of the whole text, found in one scan (the pattern is one character set: those of a
    # block are the ones between its offsets)
    all_marks = [m.start() for m in _QUOTES.finditer(text)]
    # the sentence ends of the whole text, found in one scan: those of a block are the ones inside it that end
    # before its end. (A block is a trimmed line or run of hard-wrapped lines: the character after it is white
    # space, or there is none; between blocks there is only white space. A match inside a block that ends before
    # its end reads only the block; one that ends at its end needed the white space after it, and the block's
    # own scan finds none there, nor a shorter one: "(cur, end)" closes the block either way.)
    ends = [(m.start(), m.end()) for m in _END.finditer(text)]
    k = 0
    for b, (bs, be) in enumerate(_blocks(text)):
        marks = all_marks[bisect.bisect_left(all_marks, bs):bisect.bisect_left(all_marks, be)] if all_marks else []
        block_quotes = []
        for i in range(0, len(marks) - 1, 2):
            q = Quote(len(quotes), marks[i], marks[i + 1] + 1, b)
            quotes.append(q)
            block_quotes.append(q)
        cur = bs
        bounds = []
        while k < len(ends) and ends[k][0] < bs:
            k += 1
        while k < len(ends) and ends[k][0] < be:
            dot, m_end = ends[k]
            k += 1
            if m_end >= be:
                continue  # (what the block's own scan does not find)
            if text[dot] == "." and m_end - dot == 1 and _is_abbreviation(text, dot, abbreviations, titles, starters):
                continue  # "U.S. forces", "Gen. Smith": an abbreviation, not the end of a sentence
            bounds.append((cur, m_end))
            cur = m_end
        bounds.append((cur, be))
        for s, e in bounds:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            for ps, pe in ((s, e),) if e - s <= MAX_SENTENCE else _cap(s, e, text):  # most need no cut
                qi = None
                for q in block_quotes:
                    overlap = min(pe, q.end) - max(ps, q.start)
                    if overlap > (pe - ps) / 2:
                        qi = q.index
                        break
                sentences.append(Sentence(len(sentences), ps, pe, b, qi))
    return sentences, quotes


def split_clauses(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    """Clauses of a sentence at coordinating boundaries ("while", ";", ", and", "saying that", dashes)."""
    out = []
    cur = start
    for m in boundary.finditer(text, start, end):
        if m.start() > cur:
            out.append((cur, m.start()))
        cur = m.end()
    if cur < end:
        out.append((cur, end))
    return out or [(start, end)]
