"""Cheap language identification: script first, then the share of each language's commonest words.

Good enough to route a news report to the right extractor (or to none); it never needs a model download.
Texts too short to tell (a headline of a few words, a bare place name) are reported as undetermined and
handled by the caller's default.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]")
_CYR = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")

_STOP: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in a is that for on was with as by at from it he his be are have has were "
                    "which an this said not but they their its after who will would been".split()),
    "fr": frozenset("le la les de des du et à en un une est que qui dans pour pas sur au avec il elle ont a "
                    "par ce plus ne se sont été aux".split()),
    "de": frozenset("der die das und ist nicht ein eine zu den von mit dem des im auf für sich auch es wurde "
                    "bei sind wird aus nach hat".split()),
    "es": frozenset("el la los las de del y en que un una es por para con no se su al lo como más fue ha "
                    "sus pero".split()),
    "it": frozenset("il lo la gli le di del della e è in un una che per non con si al sono ha dei nel alla "
                    "anche come".split()),
    "pt": frozenset("o a os as de do da dos das e em um uma que é para com não se por no na foi ao mais "
                    "como".split()),
    "nl": frozenset("de het een en van in is dat op te zijn met voor niet aan er ook als bij door".split()),
    "tr": frozenset("ve bir bu da de için ile olarak çok daha gibi ama olan ise en kadar sonra".split()),
    "pl": frozenset("i w na z do nie się to że jest o jak po przez oraz ale za od".split()),
}


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
_LATIN_EXT = re.compile("[\u00c0-\u024f]")


def _ascii_letters(chunk: str) -> int:
    """The number of ASCII letters, counted in C (bytes.translate) instead of one regex match per letter."""
    ab = chunk.encode("ascii", "ignore")
    return len(ab) - len(ab.translate(None, _ASCII_LETTERS))


# stop word -> the languages whose list holds it
_STOP_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words_of in _STOP.items():
    for _w in _words_of:
        _STOP_LANGS[_w] = (*_STOP_LANGS.get(_w, ()), _lang)

# every byte but a-z to a space: in lower-cased UTF-8 whose non-ASCII characters are all separators, the
# words of _WORD are then the ASCII letter runs, and bytes.split finds them
_LETTER_BYTES = bytes(c if 0x61 <= c <= 0x7A else 0x20 for c in range(256))
_ASCII_BYTES = bytes(range(128))


def _non_ascii(s: str) -> str:
    """The non-ASCII characters of ``s``, in order (UTF-8 gives no other character an ASCII byte)."""
    try:
        return s.encode("utf-8").translate(None, _ASCII_BYTES).decode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: drop the ASCII characters one by one
        return "".join(ch for ch in s if not ch.isascii())


def _words(low: str) -> list[str]:
    """``_WORD.findall(low)`` for a lower-cased text, without the regex scan when no non-ASCII character of
    the text can be part of a word (curly quotes, dashes, no-break spaces: the usual English news text)."""
    b = low.encode("utf-8", "surrogatepass")
    if not low.isascii():
        others = b.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        if not all(_WORD_SEP.fullmatch(ch) for ch in set(others)):
            return _WORD.findall(low)
    return b.translate(_LETTER_BYTES).decode("ascii").split()


_WORD_SEP = re.compile(r"[\W\d_]")  # a character that is not part of a _WORD match


def detect_language(text: str, sample: int = 1500) -> tuple[str | None, float]:
    """(ISO 639-1 code or None when undetermined, confidence 0..1)."""
    chunk = text[:sample]
    ascii_only = chunk.isascii()
    # the letter counts of the regexes _LETTER / _LATIN, computed as ASCII letters (translate) plus the few
    # non-ASCII characters a regex scan has to return
    n_ascii = _ascii_letters(chunk)
    # the non-ASCII characters alone (the three counts below need no ASCII character): usually a few curly
    # quotes and dashes, scanned instead of the whole chunk
    others = chunk if ascii_only else _non_ascii(chunk)
    n_letters = n_ascii if ascii_only else n_ascii + len(_NON_ASCII_LETTER.findall(others))
    if not n_letters:
        return None, 0.0
    cyr = 0 if ascii_only else len(_CYR.findall(others))
    if cyr / n_letters > 0.5:
        return ("uk" if re.search("[іїєґІЇЄҐ]", chunk) else "ru"), cyr / n_letters
    latin = n_letters if ascii_only else n_ascii + len(_LATIN_EXT.findall(others))
    if latin / n_letters < 0.5:
        if len(re.findall("[\u0600-\u06ff]", chunk)) / n_letters > 0.5:
            return "ar", 0.9
        if len(re.findall("[\u4e00-\u9fff]", chunk)) / n_letters > 0.3:
            return "zh", 0.9
        return "und", 0.5
    words = _words(chunk.lower())
    if len(words) < 6:
        return None, 0.0
    counts = Counter(words)  # one count, then one look-up per distinct word (not one per stop word and language)
    sums = dict.fromkeys(_STOP, 0)
    for w in counts.keys() & _STOP_LANGS.keys():  # only the stop words the text holds (integer sums: any order)
        c = counts[w]
        for lang in _STOP_LANGS[w]:
            sums[lang] += c
    scores = {lang: sums[lang] / len(words) for lang in _STOP}  # integer sums: the same floats, the same order
    best = max(scores, key=scores.__getitem__)
    if scores[best] < 0.04:
        return None, scores[best]
    return best, scores[best]
