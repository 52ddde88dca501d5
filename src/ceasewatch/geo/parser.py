"""Finding toponyms in text and choosing which place each one means."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from ..model.events import Place
from ._text import FoldedText, adjective_stems, is_cyrillic, key, translits
from .gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    DEEP,
    FEATURE,
    REGION,
    SEA,
    Gazetteer,
    default_gazetteer,
    haversine_km,
)
from .zones import ContactLine, focus_weights, lines_on


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A toponym found in text and the place chosen for it."""

    place: Place
    start: int  # half-open character span of the toponym in the input text
    end: int
    surface: str  # the text as written
    score: float  # confidence 0..1
    reason: str  # why this place was chosen, for reviewers


# words that, right before a name, say it is a place
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|to|outside|around|into|towards?|across|via|between|of|and|village|town|city|"
    r"settlement|villages|towns|cities|settlements|hamlet|suburb|outskirts|district|region|oblast|"
    r"в|у|біля|під|поблизу|около|возле|під)\s+(?:the\s+)?(?:\w+\s+of\s+)?)$",
    re.I,
)
_STRONG_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|into|to|from|visit|visited|visiting|towards?|village of|town of|city of|settlement of|"
    r"villages of|outskirts of|liberated|liberation of|captured|shelled|shelling of|strike on|attack on)\s+)$",
    re.I)
_TITLE = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|president|minister|gen|general|col|colonel|sen|senator|rep|gov|governor|"
    r"lt|sgt|capt|captain|judge|justice|rev|father|sister|brother|coach|officer|ambassador|mayor|spokesman|"
    r"spokeswoman|spokesperson|commander|chief|lord|lady|sir|king|queen|prince|princess|pope)\.?\s+)$",
    re.I)
# re.IGNORECASE matches these non-ASCII characters to ASCII letters; folded before lower-casing, a window in
# which a case-insensitive word matches contains the word lower-cased ("İ" is also the one character that
# lower-cases to two)
_CI_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _ci_lower(s: str) -> str:
    if s.isascii():
        return s.lower()
    # the translation (slow: a dict look-up per character) changes the result only where one of "İ", "ı",
    # "ſ" occurs (``str.lower`` maps the Kelvin sign to "k" itself)
    if "\u0130" in s or "\u0131" in s or "\u017f" in s:
        return s.translate(_CI_FOLD).lower()
    return s.lower()


# the title words of _TITLE (longest 12 characters), for the cheap test in front of it
_TITLE_WORDS = tuple(re.search(r"\(\?:((?:\w+\|)+\w+)\)", _TITLE.pattern).group(1).split("|"))


def _may_end_in_title(before: str) -> bool:
    """A cheap necessary test for _TITLE.search(before, pos): its match ends the window with white space
    (``$`` may also stop before a final newline, itself white space) right after a title word and an optional
    dot, so the window without its trailing white space and dot ends in a title word."""
    if not before or not before[-1].isspace():
        return False
    t = before.rstrip()
    if t.endswith("."):
        t = t[:-1]
    return _ci_lower(t[-12:]).endswith(_TITLE_WORDS)


_PERSON_NEXT = re.compile(r"^\s+(?:said|says|told|added|wrote|tweeted|stated|explained|noted|asked|argued)\b")
_CONTAINER_GAP = re.compile(
    r"^\s*(?:,|\(|-|–|—|in|in the|of the|of|near|,\s*in(?: the)?|,\s*the|\s)\s*(?:the\s+)?$", re.I)
_ADMIN_SUFFIX_RE = re.compile(
    r"\b([A-ZА-ЯІЇЄҐ][\w'’`\-]*?)\s+(district|raion|rayon|region|oblast|area)\b", re.U)
_ADMIN_WORD = re.compile(r"\s(district|raion|rayon|region|oblast|area)\b")
_ADMIN_WORDS = ("district", "raion", "rayon", "region", "oblast", "area")


def _admin_word_spans(text: str) -> list[tuple[int, int]]:
    r"""The spans of ``_ADMIN_WORD.finditer(text)``, found with ``str.find`` (the regex is tried at every space
    of the text; the words occur a few times at most). No word is a prefix of another, so at most one matches
    at a place, and a match (a space, the word, a word boundary) cannot overlap the next: every occurrence
    preceded by a space (``\s`` is ``str.isspace``) and not followed by a word character (``\w`` is
    ``str.isalnum`` or "_") is a match, and sorted they are the matches in order."""
    out = []
    n = len(text)
    for w in _ADMIN_WORDS:
        k = text.find(w, 1)
        while k >= 0:
            e = k + len(w)
            if text[k - 1].isspace() and (e == n or not (text[e].isalnum() or text[e] == "_")):
                out.append((k - 1, e))
            k = text.find(w, e)
    out.sort()
    return out
_RUN_BEFORE = re.compile(r"[\w'’`\-]+$")


# compass words and "central" alone are directions in copy ("southern direction", "the Western group of forces",
# "north-west of the city"), never places, though they also name first-order units (Southern, Zambia; Western
# Province, Sri Lanka...); full names that contain them ("Western Cape", "South Sudan") are other keys
_COMPASS_WORDS = ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
                  "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
                  "southwestern", "central", "centre", "center", "middle",
                  # the Russian and Ukrainian compass prefixes of compound axis names ("Yuzhno-Donetsk direction")
                  "yuzhno", "severo", "zapadno", "vostochno", "pivdenno", "pivnichno", "zakhidno", "skhidno")
_COMPASS_KEYS = frozenset(_COMPASS_WORDS) | frozenset(
    f"{a} {b}" for a in ("north", "south", "northern", "southern") for b in ("east", "west", "eastern", "western"))


class _SuffixMatch:
    """What _ADMIN_SUFFIX_RE.finditer would give, found from the suffix word backwards (much faster)."""

    __slots__ = ("_s", "_e", "_g")

    def __init__(self, s: int, e: int, groups: tuple[str, str]) -> None:
        self._s, self._e, self._g = s, e, groups

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self, i: int = 0) -> str:
        return self._g[i - 1] if i else ""


def _admin_suffix_matches(text: str) -> list:
    out = []
    last_end = 0
    for ws, m_end in _admin_word_spans(text):
        while ws > 0 and text[ws - 1].isspace():
            ws -= 1
        r = _RUN_BEFORE.search(text, max(last_end, ws - 60), ws)
        if r is None:
            continue
        run = r.group()
        base = r.start()
        for i, ch in enumerate(run):  # leftmost capital at a word boundary, as the regex would take
            if ch.isupper() and _ADMIN_SUFFIX_RE.match(text, base + i) and (
                    base + i == 0 or not (text[base + i - 1].isalnum() or text[base + i - 1] == "_")):
                mm = _ADMIN_SUFFIX_RE.match(text, base + i)
                if mm is not None and mm.end() == m_end:
                    out.append(mm)
                    last_end = mm.end()
                    break
    return out


_SENT_END = re.compile(r"(?:^|[.!?:;\n\"“”«»]\s*|^\s*)$")
# "\b" before the capital, written as a look-behind after it (the capital is a word character, so the same
# matches): a pattern that opens with a character set is scanned for that set in C, one opening with "\b" is tried
# at every position (2.5x slower)
_CAP_TOKEN = re.compile(r"[A-ZА-ЯІЇЄҐ](?<!\w.)[a-zа-яіїєґ'’\-]{3,}(?:\s+[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’\-]{2,})?")
_LINE_START = frozenset(".;:!?\n")
_LINE_END = frozenset(".;!?\n")


# a lone name is a misspelt place only when spelt close to one, and never when it has a surname's ending: lists of
# the dead name people ("Ponomarenko", "Ovcharenko"), and villages are often named after families (Ponomarenky)
_LONE_CUTOFF = 90
_TOWN_RIVAL_POP = 20_000
# a fuzzy candidate spelt more than a few points less like the token than the best: more than the priors can make
# up (population, conflict zone and line: at most ~0.9 between two villages), less than a named oblast (1.2)
_WEAKER_SPELLING = 1.0
_SURNAME_END = re.compile(r"(?:enko|chuk|[iy]uk|ko)$")


def _line_of_its_own(text: str, s: int, e: int) -> bool:
    """The token is a sentence or line of its own ("Kuteinikov", a location tag or a coded dataset's place
    field): a place name is the likeliest reading of a lone capitalised name in a report, as after "near"."""
    i = s
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i > 0 and text[i - 1] not in _LINE_START:
        return False
    j = e
    while j < len(text) and text[j] in " \t":
        j += 1
    return j == len(text) or text[j] in _LINE_END


_FUZZY_CUE = re.compile(
    r"(?:\b(?:village|town|city|settlement|outskirts|suburb)s?\s+of\s+|\b(?:near|in|outside|around|at)\s+"
    r"(?:the\s+)?(?:village|town|city|settlement)?\s*)$", re.I)
# every _FUZZY_CUE match ends in whitespace (or a feature word) with one of these among its last three words
_FUZZY_CUE_LAST = frozenset(("of", "near", "in", "outside", "around", "at"))
_WORD_TAIL = re.compile(r"\w+$")
# the test below on ASCII text, as one anchored match on the reversed window: white space, at most two reversed
# tokens, then a reversed cue word that is the whole word-character tail of its token
_REVERSED_CUE_TAIL = re.compile(
    r"\s+(?:\S+\s+){0,2}(?:" + "|".join(w[::-1] for w in sorted(_FUZZY_CUE_LAST)) + r")(?!\w)", re.I)


def _may_be_fuzzy_cue(before: str) -> bool:
    """A cheap necessary test for _FUZZY_CUE.search(before), which tries every position of the window."""
    if not before:
        return False
    if not before[-1].isspace():
        # only "... in the village" can match without a space at the end; the text before a capitalised
        # token of _fuzzy never ends in a letter
        return before[-1].isalnum() or before[-1] == "_"
    if before.isascii():
        return _REVERSED_CUE_TAIL.match(before[::-1]) is not None
    for tok in before.rsplit(None, 3)[-3:]:
        if not tok.isascii():
            return True  # the pattern's case folding may differ from str.lower: search
        m = _WORD_TAIL.search(tok)
        if m and m.group().lower() in _FUZZY_CUE_LAST:
            return True
    return False


# the last four characters of the words of four or more that can end a _FUZZY_CUE match (near, outside, around,
# and the feature words of "in the village"); the other words that can end one: "the" and these cue words
_CUE_END4 = frozenset(("near", "side", "ound", "lage", "town", "city", "ment"))
_CUE_END2 = frozenset(("of", "in", "at"))
# the last three characters of the cue words that can come before "the" (near, outside, around), and the others
_THE_CUE_END3 = frozenset(("ear", "ide", "und"))
_THE_CUE_END2 = frozenset(("in", "at"))


def _no_fuzzy_cue(before: str) -> bool:
    r"""True only where _FUZZY_CUE.search(before) finds nothing; False where this cheap test cannot tell.

    A match ends at the end of the window (or before a final newline) with white space after its last word, so
    that word ends where before.rstrip() ends, in a letter: a feature word or near/outside/around (tested by the
    last four characters), "the" (after white space and a cue word: tested by its last three or two characters)
    or of/in/at (after a non-word character, or at the start of the window, where the pattern sees a cue word
    cut off by the window). Without white space at the end only a feature word can end a match. The characters
    compared are ASCII, where the pattern's case folding is str.lower; str.isspace is \s, str.isalnum or "_"
    is \w."""
    r = before.rstrip()
    if not r or not (r[-1].isalnum() or r[-1] == "_"):
        return True
    if len(r) == len(before):
        return False
    t = r[-3:]
    if not t.isascii():
        return False
    t = t.lower()
    if t == "the":
        if not (len(r) > 3 and r[-4].isspace()):
            return True
        w = r[:-3].rstrip()[-3:]
        if not w.isascii():
            return False
        w = w.lower()
        return w not in _THE_CUE_END3 and w[-2:] not in _THE_CUE_END2
    if t[-2:] in _CUE_END2:
        return not (len(r) == 2 or not (t[0].isalnum() or t[0] == "_"))
    t = r[-4:]
    return len(t) < 4 or (t.isascii() and t.lower() not in _CUE_END4)


# matched at the token's end with endpos 20 characters on: what "^" + this matched on that slice of the text
# (no look-behind; endpos ends the string for "\b" as the slice did)
_FUZZY_CUE_AFTER = re.compile(r"\s+(?:village|town|settlement|city|district|raion)\b", re.I)

# "Sovetskaya Street", "Mira Avenue", "Bakhmutka highway": a street or road named after a place is not that place
_STREET_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’-]*)?\s*"  # "Baku Komissarov Square": one more capitalised word of the street's name
    r"(?i:streets?|st\.|avenues?|ave\.|boulevards?|blvd\.?|prospekts?|prospect|lanes?|squares?|highway|embankment)\b")
# "Kirov and Frunze streets", "Lenin, Kirov and Shevchenko avenues": names listed before a plural street word
# (tried only in a text that has such a word)
_STREETS_LIST_AFTER = re.compile(
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’-]*)+\s+(?i:streets|avenues|boulevards|prospekts|lanes|squares)\b")
_PLURAL_STREET_WORDS = ("streets", "avenues", "boulevards", "prospekts", "lanes", "squares")
_PLURAL_UNIT_WORDS = ("regions", "oblasts", "provinces")
_AXIS_WORDS = ("direction", "axis", "sector")
# also a river named like a town ("Siverskyi Donets river at Bilohorivka": Donets is a village elsewhere)
_AXIS_AFTER = re.compile(r"\s*(?:directions?|axis|sector|river)\b", re.I)
# "Yuzhno-Donetsk and Zaporozhye directions: areas of ...": the first of two axes named together
# "Borivska settlement community", "Zolochiv community": a hromada, named after its centre; a description that
# lists a settlement of it ("Izium District, Borivska settlement community, Zahryzove") is about that settlement
_HROMADA_AFTER = re.compile(
    r"\s*(?:(?:urban|rural|settlement|village|city|territorial)\s+)?(?:community|hromada|council)\b", re.I)
_AXIS_LIST_AFTER = re.compile(r"\s*(?:and|,)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:directions|axes|sectors)\b", re.I)
# Russian reports name an axis, a front sector, a group of forces or a penal colony by the adjective of a town
# ("Pokrovsky direction", "Kakhovskoye direction", "Makeevskaya penal colony", "Krasnolimansk direction" for
# Krasnyi Lyman, "Kupyan direction"): the head word, and the capitalised word before it
_AXIS_HEAD = re.compile(r"(?i:directions?|axis|sector|front|group|grouping|colony)\b")
_AXIS_WORD = re.compile(r"(?<![\w'’-])([A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’]{3,})\s+(?:(?i:penal|correctional)\s+)?$")
_CITY_DISTRICT_GAP = re.compile(
    r"^\s+(?:city\s+)?(?:district|microdistrict|micro-district|neighbou?rhood|quarter|raion|rayon)\s*"
    r"(?:of|in|,)\s*(?:the\s+)?(?:city\s+of\s+)?$", re.I)
_OF_THE_CITY = re.compile(
    r"\s+(?:city\s+)?(?:district|microdistrict|micro-district|neighbou?rhood|quarter|raion|rayon)\s+(?:of|in)\s+"
    r"the\s+city\b", re.I)
_OF_THE_CITY_SHORT = re.compile(r"\s+(?:of|in)\s+the\s+city\b", re.I)
_DISTRICT_END = re.compile(r" (?:district|raion|rayon)$")
_UNITS_AFTER = re.compile(r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’-]*)*\s+(?i:regions|oblasts|provinces)\b")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:the\s+)?")
_DISTRICT_AFTER = re.compile(r"[\s-]+(?:city\s+)?(?i:district|microdistrict|micro-district|neighbou?rhood|quarter)\b")
# the end of "X, <city>" as a district's address: "town"/"city", or the end of the phrase (not a list going on)
_CITY_PHRASE_END = re.compile(r"(?:\s+(?i:town|city)\b|\s*(?:[.;:)\]\n]|$))")
_FEAT_AFTER = re.compile(r"\s+(village|town|city|settlement|hamlet|smt|selo)\b", re.I)
_FEAT_BEFORE = re.compile(
    r"\b(village|town|city|settlement|hamlet|smt|selo)s?\s+(?:of\s+)?(?:the\s+)?$", re.I)
# the feature words of _FEAT_BEFORE: a window in which it matches holds one of them (lower-cased, _ci_lower)
_FEAT_WORDS = tuple(re.search(r"\((\w+(?:\|\w+)+)\)", _FEAT_BEFORE.pattern).group(1).split("|"))


def _may_have_feature_before(text: str, start: int, end: int) -> bool:
    """A cheap necessary test for _FEAT_BEFORE.search(text, start, end), which tries every position."""
    low = _ci_lower(text[start:end])
    for w in _FEAT_WORDS:
        if w in low:
            return True
    return False


_FEAT_NORM = {"village": "village", "hamlet": "village", "selo": "village", "town": "town", "city": "town",
              "smt": "settlement", "settlement": "settlement"}
# prior for the settlement class (KATOTTG category, else population) that a feature word calls for
_FEAT_PRIOR = {
    "village": {"C": 0.15, "X": 0.0, "T": -0.1, "M": -0.3},
    "town": {"C": -0.15, "X": 0.1, "T": 0.15, "M": 0.15},
    "settlement": {"C": 0.0, "X": 0.1, "T": 0.1, "M": -0.1},
    # "X direction/axis/sector": an axis of advance is named after a town, never a village ("Krasnoliman
    # direction" is Lyman, once Krasnyi Lyman, not the village still called so)
    "axis": {"C": -0.5, "X": 0.0, "T": 0.2, "M": 0.5},
}
_AXIS_WORD_AFTER = re.compile(r"\s*(?:directions?|axis|sector)\b", re.I)
# proximity to the other confidently resolved places of the text: weight * exp(-km / NEAR_KM), plus
# NEAR_OBLAST when the candidate lies in the oblast of one of them (and no admin unit was named)
NEAR_WEIGHT, NEAR_KM, NEAR_OBLAST = 0.6, 60.0, 0.3
_KIND_PRIOR = {CITY: 0.0, ADMIN2: -0.15, ADMIN1: 0.05, REGION: 0.3, COUNTRY: 0.35, SEA: 0.4}


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    k: str
    cands: tuple[int, ...]
    weak: bool = False
    fuzzy: float = 0.0  # fuzzy score 0..100 when found by fuzzy matching
    fallback_from: str = ""  # for raion-by-centre matches
    best: int = -1
    conf: float = 0.0
    reason: str = ""
    alt: frozenset = frozenset()  # candidates for which the spelling is only an alternate name
    feat: str = ""  # feature word next to the name: village, town, city, settlement
    axis: str = ""  # the head word when the span is a town's adjective before "direction", "colony"...
    # fuzzy candidates spelt less like the name than the best few: kept for a named oblast or raion to choose
    weaker: frozenset = frozenset()


def _place(g: Gazetteer, p: int, name: str | None = None) -> Place:
    if name is None:  # Place is frozen: one instance per gazetteer entry is shared
        memo = _cache(g)["place"]
        pl = memo.get(p)
        if pl is None:
            pl = _make_place(g, p, None)
            if len(memo) < 100_000:
                memo[p] = pl
        return pl
    return _make_place(g, p, name)


def _make_place(g: Gazetteer, p: int, name: str | None) -> Place:
    kind = g.kind[p]
    a1 = g.a1[p]
    admin1 = g.admin1_name(a1) if a1 else None
    admin2 = None
    if kind == ADMIN2:
        admin2 = g.name[p]
    elif g.a2[p] >= 0:
        admin2 = g.name[g.a2[p]]
    lat, lon = g.lat[p], g.lon[p]
    est = g.estimated.get(p)
    return Place(
        name=name or g.name[p],
        geonames_id=g.gid[p],
        lat=None if math.isnan(lat) else round(lat, 5),
        lon=None if math.isnan(lon) else round(lon, 5),
        precision=est[0] if est else int(kind),
        country_code=g.cc[p] or None,
        admin1=admin1,
        admin2=admin2,
        feature=g.feature.get(p, FEATURE.get(kind)),
    )


_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _case_profile(text: str) -> tuple[bool, bool]:
    """(mostly capitals: more than 80 % of letters upper case, any upper-case letter at all), cheaply."""
    has_upper = text.lower() != text
    if not has_upper:
        return False, False
    ab = text.encode("ascii", "ignore")
    if len(ab) - len(ab.translate(None, _ASCII_LOWER)) > 0.2 * len(text):
        return False, True  # plenty of lower-case ASCII letters: ordinary mixed-case text
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return bool(letters) and upper / len(letters) > 0.8, True


# reasons that say only that no evidence in the text decided (a stronger reason replaces them)
_PRIOR_ONLY = frozenset({"population prior", "population and conflict-zone prior",
                         "population, conflict-zone and line-of-contact prior"})

# compiled once (``re.search(str, ...)`` looks the pattern up in re's cache on every call)
_CAP_WORD_END = re.compile(r"[A-Z][a-z]+\s*$")
_CAP_WORD_NEXT = re.compile(r"^\s+[A-Z][a-z]")
_CAP_WORD_SPACE_END = re.compile(r"[A-Z][a-z]+\s+$")
_COMMA_CAP_NEXT = re.compile(r"^,\s+[A-Z]")
_JOIN_GAP = re.compile(r"^\s*(of|in|,)?\s*$")


def _unit_names(g: Gazetteer, a1: str) -> tuple[list[str], list[int]]:
    """The keys of the main names of the populated places of a first-order unit in UA/RU/BY/MD, and the places
    (parallel lists); all units are grouped in one pass over the gazetteer, on first use, memoised per gazetteer."""
    c = _cache(g)
    units = c.get("unit_names")
    if units is None:
        units = c["unit_names"] = {}
        kind, cc, a1s, names = g.kind, g.cc, g.a1, g.name
        for p in range(len(names)):
            if kind[p] == CITY and cc[p] in DEEP:
                ks, ps = units.setdefault(a1s[p], ([], []))
                ks.append(key(names[p]))
                ps.append(p)
    return units.get(a1, ([], []))


def _hints(country_hint: str | Iterable[str] | None) -> frozenset[str]:
    """The hinted countries (ISO codes, upper case): one code, or several for a story known to be about any of
    them (the two sides of a war) and not about the rest of the world."""
    if not country_hint:
        return frozenset()
    if isinstance(country_hint, str):
        return frozenset((country_hint.upper(),))
    return frozenset(c.upper() for c in country_hint if c)


class _Parser:
    def __init__(self, g: Gazetteer, text: str, country_hint: str | Iterable[str] | None, lenient: bool,
                 when: date | None = None) -> None:
        self.g = g
        self.text = text
        self.hints = _hints(country_hint)
        self.focus = focus_weights(when)  # admin1 -> extra score: where the fighting was at the text's date
        self.lines = _line_priors(g, when)  # the line of contact of that date, if one was stable
        self.lenient = lenient  # short strings such as where_description: no capitalisation or weak filter
        self.caps, has_upper = _case_profile(text)
        self.nocase = self.caps or not has_upper
        self._memo: tuple[dict | None, dict] = (None, {})  # _choose results for the current ctx
        cache = _cache(g)
        self._kclass = cache["class"]
        self._pclass = cache["pclass"]

    # ---- finding --------------------------------------------------------------------------------------------
    def find(self) -> list[_Span]:
        g, text = self.g, self.text
        ft = FoldedText(text)
        raw: list[_Span] = []
        assert g.automaton is not None
        cache = _cache(g)
        keyinfo = cache["key"]  # automaton value -> (key, candidates, alternate-only candidates)
        klen = cache.get("klen")
        if klen is None:  # len(g.scan_keys[kid]) without reading the key string (a cache miss per hit)
            klen = cache["klen"] = [len(k) for k in g.scan_keys]
        # FoldedText.orig inlined (two calls per hit): original offset = pos + delta[bisect_right(npos, pos) - 1]
        npos, delta = ft._npos, ft._delta
        bisect_right = bisect.bisect_right
        ntext = len(text)
        nocase = self.nocase
        for end, kid in g.automaton.iter(ft.text):
            pos = end - klen[kid]
            s = pos + delta[bisect_right(npos, pos) - 1]
            if not nocase:
                c = text[s:s + 1]
                if not (c.isupper() or c.isdigit()):
                    continue  # a lower-case word in mixed-case text: dropped before anything else is built
            e = end + delta[bisect_right(npos, end - 1) - 1]
            if e <= s or e > ntext:
                continue
            if not nocase and e - s <= 4:
                surface = text[s:e]
                if surface.isupper() and " " not in surface:
                    continue  # an acronym in mixed-case text
            info = keyinfo.get(kid)
            if info is None:
                k = g.scan_keys[kid]
                info = keyinfo[kid] = (k, g.candidates(k), g.alternate_only(k))
            raw.append(_Span(s, e, info[0], info[1], alt=info[2]))
        acr = _acronym_re(g)
        # a few plain substring tests first: most texts name no acronym, and the alternation is tried at every
        # position (a match needs the acronym in the text)
        if acr is not None and (len(g.acronyms) > 32 or any(a in text for a in g.acronyms)):
            for m in acr.finditer(text):
                raw.append(_Span(m.start(), m.end(), m.group(), (g.acronyms[m.group()],)))
        raw.extend(self._raion_by_centre(raw))
        ax = self._axis_by_town(raw)
        if ax:  # the adjective read as a town replaces an exact match of the same word (Pokrovsky, Dagestan)
            same = {(sp.start, sp.end) for sp in ax}
            raw = [sp for sp in raw if (sp.start, sp.end) not in same] + ax
        raw.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
        taken: list[tuple[int, int]] = []
        spans: list[_Span] = []
        for sp in raw:
            i = bisect.bisect_left(taken, (sp.start, sp.end))
            if i > 0 and taken[i - 1][1] > sp.start:
                continue
            if i < len(taken) and taken[i][0] < sp.end:
                continue
            taken.insert(i, (sp.start, sp.end))
            spans.append(sp)
        spans.sort(key=lambda sp: sp.start)
        spans = [sp for sp in spans if self._plausible(sp)]
        if g.minor and not self.lenient:
            # names known only from the KATOTTG register (small villages without a GeoNames entry) are dropped
            # from a text whose other places are all outside Ukraine and its neighbours, unless cued as a place
            minor = [sp for sp in spans if sp.k in g.minor]
            others = [sp for sp in spans if sp.k not in g.minor]
            if minor and others and not self._deep_context(others):
                text = self.text
                drop = {id(sp) for sp in minor
                        if not (_STRONG_LOCATIVE.search(text[max(0, sp.start - 40):sp.start])
                                or _FEAT_AFTER.match(text, sp.end))}
                spans = [sp for sp in spans if id(sp) not in drop]
        # the two passes for names of Ukraine and its neighbours not found as written, in running text only where
        # another name of the text is there (the units keep that true: they replace a name by a DEEP one)
        spans = self._hyphen_compounds(spans)
        deep = self.lenient or self._deep_context(spans)
        if deep:
            spans = self._units(spans)
            spans.extend(self._fuzzy(spans))
        spans.sort(key=lambda sp: sp.start)
        spans = self._drop_city_districts(spans)
        text = self.text
        spans = [sp for sp in spans if not _STREET_AFTER.match(text, sp.end)]
        # the per-name patterns below are tried only in a text that has their word at all: a substring test of
        # the folded (lower-case) text, where a whole-text regex opening with a word boundary is tried at every
        # position and cost a tenth of geoparse's time
        folded = ft.text
        if spans and any(w in folded for w in _PLURAL_STREET_WORDS):
            spans = [sp for sp in spans if not _STREETS_LIST_AFTER.match(text, sp.end)]
        if spans and any(w in folded for w in _PLURAL_UNIT_WORDS):
            self._listed_oblasts(spans)
        axis = bool(spans) and any(w in folded for w in _AXIS_WORDS)
        for sp in spans:
            m = _FEAT_AFTER.match(text, sp.end) or (
                _may_have_feature_before(text, max(0, sp.start - 40), sp.start)
                and _FEAT_BEFORE.search(text, max(0, sp.start - 40), sp.start))
            if m:
                sp.feat = _FEAT_NORM.get(m.group(1).lower(), "")
            elif axis and _AXIS_WORD_AFTER.match(text, sp.end):
                sp.feat = "axis"
        return spans

    def _listed_oblasts(self, spans: list[_Span]) -> None:
        """'Mykolaiv, Kherson and Dnipropetrovsk regions', 'Kharkiv and Sumy oblasts': names listed before a
        plural unit word are those units (the oblasts their centre cities name), not the cities."""
        g, text = self.g, self.text
        for sp in spans:
            if not sp.cands or not _UNITS_AFTER.match(text, sp.end):
                continue
            # "<name> region" as the index reads it ("Kyiv region" is Kyiv Oblast, not the city's own unit)
            units = tuple(p for p in g.candidates(sp.k + " region") if g.kind[p] == ADMIN1)
            if units:
                sp.cands, sp.alt, sp.weaker = units[:1], frozenset(), frozenset()

    def _drop_city_districts(self, spans: list[_Span]) -> list[_Span]:
        """'Kievsky district of Donetsk', 'Voroshilovsky District, Donetsk': a district of a city, not a place."""
        g, text = self.g, self.text
        out = []
        big_before = False  # a city or town named before this span ("... district of the city" refers to it)
        kind = g.kind
        for i, sp in enumerate(spans):
            nxt = spans[i + 1] if i + 1 < len(spans) else None
            admin = None  # computed when needed: most spans are followed by no big city
            if nxt is not None and not sp.fallback_from and nxt.cands:
                q = nxt.cands[0]
                if kind[q] == CITY and g.pop[q] >= 100_000 and not (
                        admin := any(kind[p] == ADMIN1 or kind[p] == COUNTRY for p in sp.cands)):
                    gap = text[sp.end:nxt.start]
                    if _CITY_DISTRICT_GAP.match(gap):
                        continue
                    # "the Kuibyshev, Donetsk town": a name that is no place of the city's country (or only an
                    # old name of a foreign city: Kuibyshev is Samara) before ", <city>" closing the phrase is a
                    # district of that city ("Mykolaivka, Donetsk" is a village of Donetsk oblast; "Moscow, Kyiv"
                    # are two cities)
                    if gap.strip() == "," and g.cc[q] in DEEP and _CITY_PHRASE_END.match(text, nxt.end) and all(
                            g.cc[p] != g.cc[q] and (p in sp.alt or g.pop[p] < 100_000) for p in sp.cands):
                        continue
            prv = out[-1] if out else None
            if prv is not None and prv.cands and kind[prv.cands[0]] == CITY and g.pop[prv.cands[0]] >= 50_000 and (
                    _POSSESSIVE_GAP.fullmatch(text, prv.end, sp.start)) and (
                    _DISTRICT_END.search(sp.k) or _DISTRICT_AFTER.match(text, sp.end)):
                # "Zaporizhzhia's Komunarskyi district", "Kryvyi Rih's Central-City district": a district of that
                # city (not the Komunarskyi district of Leningrad oblast, nor Central City, Arizona); kept only
                # as a reading within 25 km of the city
                near = tuple(p for p in sp.cands if _km(g, p, prv.cands[0]) <= 25)
                if not near:
                    continue
                sp.cands = near
            if big_before and not sp.fallback_from and (
                    _OF_THE_CITY.match(text, sp.end) or (_DISTRICT_END.search(sp.k) and _OF_THE_CITY_SHORT.match(
                        text, sp.end))) and (
                    admin is False or not any(kind[p] == ADMIN1 or kind[p] == COUNTRY for p in sp.cands)):
                continue  # "Kherson (Dnipro district of the city)": a district of that city, named after another
            if not big_before and sp.cands and kind[sp.cands[0]] == CITY:
                big_before = True
            out.append(sp)
        return out

    def _plausible(self, sp: _Span) -> bool:
        """Filters for names that are also ordinary words or people's names."""
        if sp.fallback_from:
            return True
        text, g = self.text, self.g
        k = sp.k
        # (compass key, _key_class, weak and not big): properties of the key alone, memoised per gazetteer once
        # _key_class has memoised the key (so the memo returns what _key_class returns)
        pc = self._pclass.get(k)
        if pc is None:
            if k in _COMPASS_KEYS:
                pc = self._pclass[k] = (True, False, False, False)
            else:
                major, big = _key_class(g, k, sp.cands)
                pc = (False, major, big, k in g.weak and not big)
                if k in self._kclass:
                    self._pclass[k] = pc
        if pc[0]:
            return False
        major, big = pc[1], pc[2]
        start = sp.start
        before = text[max(0, start - 40): start]
        if not major and _may_end_in_title(before) and _TITLE.search(before, max(0, len(before) - 16)):
            return False
        sp.weak = pc[3]
        after = text[sp.end: sp.end + 30]
        if not sp.weak:
            if (not big and " " not in sp.k and _PERSON_NEXT.match(after)
                    and _CAP_WORD_END.search(before)):  # "Jane Lyman said"
                return False
            return True
        if self.lenient:
            return True
        if self.caps:
            return False
        if _SENT_END.search(before):
            return False  # "Reading the report..." at the start of a sentence
        if _PERSON_NEXT.match(after) or _CAP_WORD_NEXT.match(after) or _CAP_WORD_SPACE_END.search(before):
            return False  # "Mark said", "Austin Powers", "Jane Austin"
        if _STRONG_LOCATIVE.search(before) or _COMMA_CAP_NEXT.match(after):
            return True
        return False

    def _raion_by_centre(self, raw: list[_Span]) -> list[_Span]:
        """Old or unlisted districts named after their centre: 'Amvrosievsky district' -> near Amvrosiivka."""
        g, text = self.g, self.text
        out = []
        covered = [(sp.start, sp.end) for sp in raw if " " in sp.k]
        for m in _admin_suffix_matches(text):
            s, e = m.start(), m.end()
            if any(a <= s and e <= b for a, b in covered):
                continue
            word = m.group(1)
            suffix = m.group(2).lower()
            stems = adjective_stems(word)
            if suffix in ("region", "oblast", "area") and not stems:
                continue  # "Kherson region" is a key already; unknown "X region" stays unknown
            wk = key(word)
            # an oblast named in the next few words ("X district, Y region") restricts the centre's oblast
            a1_near = {g.a1[p] for sp in raw if e <= sp.start <= e + 40 for p in sp.cands
                       if g.kind[p] == ADMIN1}
            nxt = [sp for sp in raw if e <= sp.start <= e + 8 and _JOIN_GAP.match(text[e:sp.start])]
            nxt = [max(nxt, key=lambda sp: sp.end - sp.start)] if nxt else []
            if any(g.kind[p] == CITY and g.pop[p] >= 100_000 for sp in nxt for p in sp.cands[:1]):
                continue  # "Kuibyshevsky district of Donetsk": a city district, the city is the place
            best = self._centre(stems, wk, a1_near)
            if best is None:
                continue
            out.append(_Span(s, e, key(m.group(0)), (best,), fallback_from=g.name[best]))
        return out

    def _hyphen_compounds(self, spans: list[_Span]) -> list[_Span]:
        """'Orlovo-Ivanovka', 'Karpovo-Nadezhdinka': two names joined by a hyphen, the first ending in the
        linking -o/-e of a Slavic compound, are one name. The scan finds a known compound whole, so this one is
        not in the index: it is looked up fuzzily as a whole, and its halves (an Orlove in Zaporizhzhia oblast,
        one of a hundred Ivanivkas) are no places. A city of 50,000+ as the first half is a pair of places
        ('Dnipro-Zaporizhzhia highway')."""
        text, g = self.text, self.g
        out: list[_Span] = []
        i = 0
        while i < len(spans):
            sp = spans[i]
            nx = spans[i + 1] if i + 1 < len(spans) else None
            if (nx is not None and nx.start == sp.end + 1 and text[sp.end] == "-" and " " not in sp.k
                    and sp.cands and text[sp.end - 1] in "oeоеOE" and text[nx.start].isupper()
                    and max(g.pop[p] for p in sp.cands) < 50_000):
                ck = key(text[sp.start:nx.end])
                res = _fuzzy_lookup(g, ck)
                if res is not None:
                    out.append(_Span(sp.start, nx.end, ck, res[0], fuzzy=res[1]))
                i += 2
                continue
            out.append(sp)
            i += 1
        return out

    def _units(self, spans: list[_Span]) -> list[_Span]:
        """(Called in a deep context only, as _fuzzy.) A one-word name that is half of a two-word Slavic name ('Chasovoy Yar', 'Nyzhnie Krynka', 'Zolotya
        Niva', 'Novoselivka Pershii': an adjective and a noun, capitalised) stands for the whole name: the unit
        replaces it when it is close to a name of Ukraine or a neighbour; when the unit is close to none, a short
        noun or an adjective alone ('Yar', 'Niva', 'Nova') is no place either. '<X> Island' is an island, not X."""
        text = self.text
        if self.nocase or not spans:
            return spans
        g = self.g
        out = []
        skip = -1
        for i, sp in enumerate(spans):
            if i == skip:
                continue
            if " " in sp.k or sp.fallback_from or sp.axis or sp.fuzzy or not sp.cands:
                out.append(sp)
                continue
            unit = None
            pair = False  # the second word is a one-word name too ("Novaya Kamenka")
            nxt = _NEXT_CAP.match(text, sp.end)
            if nxt is not None:
                nsp = spans[i + 1] if i + 1 < len(spans) else None
                free = nsp is None or nsp.start >= nxt.end()
                pair = not free and nsp.start == nxt.start(1) and nsp.end == nxt.end() and " " not in nsp.k
                if not (free or pair):
                    pass
                elif nxt.group(1).lower() in _ISLAND_WORDS:
                    if key(text[sp.start:nxt.end()]) not in g.index:
                        continue  # "Kruglik Island": an island, which this name does not locate
                elif _adjective_like(sp.k) or _adjective_like(key(nxt.group(1))):
                    unit = (sp.start, nxt.end(), True)
            if unit is None:
                prv = _PREV_CAP.search(text, max(0, sp.start - 30), sp.start)
                if prv is not None and (i == 0 or spans[i - 1].end <= prv.start(1)) and _adjective_like(
                        key(prv.group(1))):
                    unit = (prv.start(1), sp.end, False)
            if unit is None:
                out.append(sp)
                continue
            s, e, first = unit
            uk = key(text[s:e])
            res = _fuzzy_lookup(g, uk)
            if res is not None:
                out.append(_Span(s, e, uk, res[0], fuzzy=res[1]))
                if first and pair:
                    skip = i + 1
                continue
            big = _key_class(g, sp.k, sp.cands)[1]
            if not big and ((first and _adjective_like(sp.k)) or (not first and (
                    len(sp.k) <= 5 or all(g.cc[p] != "UA" for p in sp.cands)))):
                continue  # "Nova" of "Novaya Illinka", "Yar" or "Stavka" of an unknown "X Yar": not that place
            out.append(sp)
        return out

    def _axis_by_town(self, raw: list[_Span]) -> list[_Span]:
        """'Pokrovsky direction', 'Makeevskaya penal colony', 'Krasnolimansk direction': the adjective (or the
        short '-sk' form) of a town of Ukraine or a neighbour before an axis or facility word -> that town."""
        g, text = self.g, self.text
        out = []
        heads = []  # the head words, found by their tails (_AXIS_GATE)
        for tail in _AXIS_GATE:
            i = text.find(tail)
            while i >= 0:
                m = _AXIS_HEAD.match(text, i - 1) if i > 1 and text[i - 2].isspace() else None
                if m is not None:
                    heads.append(m)
                i = text.find(tail, i + 1)
        for m in heads:
            w = _AXIS_WORD.search(text, max(0, m.start() - 52), m.start())
            if w is None:
                continue
            word = w.group(1)
            s, e = w.start(1), w.end(1)
            if any(sp.start < e and s < sp.end and " " in sp.k for sp in raw):
                continue  # part of a longer name ("Nova Kakhovka direction")
            wk = key(word)
            cands = g.candidates(wk)
            alt = g.alternate_only(wk)
            if any(g.kind[p] == CITY and g.cc[p] == "UA" and p not in alt for p in cands):
                continue  # the town's own name ("Kupyansk direction"): found as it is
            stems = adjective_stems(word) + _neuter_stems(wk)
            if not stems and wk.endswith("sk") and len(wk) >= 7:
                stems = [wk[:-2]]  # "Limansk", "Krasnolimansk": the short adjective
            if stems:
                best = self._centre(stems, wk, set(), axis=True)
            else:  # no adjective: only the '-sk' town's short stem ("Kupyan direction"), not any name's prefix
                towns = [p for p in g.candidates(wk + "sk") if g.kind[p] == CITY and g.cc[p] in DEEP]
                best = max(towns, key=lambda p: math.log10(g.pop[p] + 10) + (1 if g.a1[p] in self.focus else 0),
                           default=None)
            if best is None:
                continue
            out.append(_Span(s, e, wk, (best,), axis=m.group().lower()))
        return out

    def _centre(self, stems: list[str], wk: str, a1_near: set, axis: bool = False) -> int | None:
        """The town of Ukraine or a neighbour that an adjective's stems name (most populous, in the named oblast
        or the zone of fighting preferred). For an axis a place for which the name is only a historical alternate
        (Engels, once Pokrovsk) counts less."""
        g = self.g
        best = None
        best_s = -1e9
        tries = [(st, 5) for st in stems + [wk]] + [(st[:-c], 5 + c) for st in stems + [wk] for c in (1, 2)
                                                    if len(st) - c >= 5]
        for stem, extra in tries:
            for k in _prefix_keys(g, stem, extra):
                alt = g.alternate_only(k) if axis else ()
                for p in g.candidates(k):
                    if g.kind[p] != CITY or g.cc[p] not in DEEP:
                        continue
                    sc = math.log10(g.pop[p] + 10) + (3 if g.a1[p] in a1_near else 0) + (
                        1 if g.a1[p] in self.focus else 0) - 0.1 * (len(k) - len(stem)) - (1 if p in alt else 0)
                    if sc > best_s:
                        best, best_s = p, sc
            if best is not None:
                return best
        # a compound adjective from a two-word centre: Krasnolymanskyi <- Krasnyi Lyman
        for k in _compound_keys(g, stems + [wk]):
            alt = g.alternate_only(k) if axis else ()
            for p in g.candidates(k):
                if g.kind[p] != CITY or g.cc[p] not in DEEP:
                    continue
                sc = math.log10(g.pop[p] + 10) + (3 if g.a1[p] in a1_near else 0) + (
                    1 if g.a1[p] in self.focus else 0) - (1 if p in alt else 0)
                if sc > best_s:
                    best, best_s = p, sc
        return best

    def _fuzzy(self, spans: list[_Span]) -> list[_Span]:
        """Transliterations not in the index: capitalised tokens in a locative context, close to a known name
        (called in a deep context only: lenient, or a name of Ukraine or a neighbour in the text)."""
        g, text = self.g, self.text
        out: list[_Span] = []
        # characters covered by a span found so far (a token overlapping one is skipped)
        taken = bytearray(len(text) + 1)
        for sp in spans:
            if sp.end > sp.start:
                taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
        # token -> (key, skipped when lenient, skipped otherwise): a weak or compass key, one too short for
        # _fuzzy_lookup to find anything (nor for its first word), or one no fuzzy key shares the first letter of;
        # an indexed key also when not lenient (each a property of the key and the gazetteer alone)
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
                # _no_fuzzy_cue: a cheaper test than _may_be_fuzzy_cue that rules out most tokens
                if not ((not _no_fuzzy_cue(before) and _may_be_fuzzy_cue(before) and _FUZZY_CUE.search(before))
                        or _FUZZY_CUE_AFTER.match(text, e, e + 20)):
                    # a line of its own is weaker evidence than "near X": a closer spelling, and no surname
                    if not _line_of_its_own(text, s, e) or _SURNAME_END.search(k):
                        continue
                    cutoff, lone = _LONE_CUTOFF, True
            if _ISLAND_AFTER.match(text, s + len(tok.split()[0])):
                continue  # "Frolov Island", "Kruglik Island": an island, not the place of a like name
            res = _fuzzy_lookup(g, k, cutoff)
            if res is None and " " in k:
                k = k.split(" ")[0]
                res = _fuzzy_lookup(g, k, cutoff)
                if res is not None:
                    e = s + len(tok.split()[0])
            if res is not None and lone:
                # ... and only a place where the fighting was at the text's date (a lone surname, "Galushka",
                # matches a village somewhere far more often than a misspelt front-line village is named alone)
                zone = tuple(p for p in res[0] if self.focus.get(g.a1[p], 0.0) > 0)
                res = (zone, res[1], ()) if zone else None
            if res is None:
                continue
            # the names spelt a little less like the token stay candidates, at a cost that only a named oblast,
            # raion or container outweighs ("village of Strileche, Kharkiv district": Strilecha, not Strilche in
            # Ivano-Frankivsk oblast, whose spelling is a few points closer)
            out.append(_Span(s, e, k, res[0] + res[2], fuzzy=res[1], weaker=frozenset(res[2])))
            taken[s:e] = b"\x01" * (e - s)
        return out

    def _deep_context(self, spans: list[_Span]) -> bool:
        if not self.hints.isdisjoint(DEEP):
            return True
        g = self.g
        return any(all(g.cc[p] in DEEP for p in sp.cands) for sp in spans if sp.cands)

    # ---- choosing -------------------------------------------------------------------------------------------
    def resolve(self, spans: list[_Span]) -> None:
        g = self.g
        # containers: "X, Y", "X (Y)", "X in Y" (keyed by the id of the contained span)
        containers: dict[int, _Span] = {}
        for i in range(len(spans) - 1):
            gap = self.text[spans[i].end: spans[i + 1].start]
            if len(gap) <= 12 and _CONTAINER_GAP.match(gap):
                containers[id(spans[i])] = spans[i + 1]
        if containers and (self.lenient or self._deep_context(spans)):
            for sp in spans:
                cont = containers.get(id(sp))
                if cont is not None:
                    self._spelling_in_unit(sp, cont)
        # first pass: priors and explicit admin context; admin units and unambiguous names first
        # only spans that can end up an admin unit or a district-by-centre give admin context (_choose's rel)
        kind = g.kind
        adminish = [sp for sp in spans if sp.fallback_from or any(kind[p] == ADMIN1 or kind[p] == ADMIN2
                                                                  for p in sp.cands)]
        for sp in sorted(spans, key=lambda sp: (len(sp.cands) > 1, g.kind[sp.cands[0]] == CITY if sp.cands else 1)):
            sp.best, sp.conf, sp.reason = self._choose(sp, adminish, containers, None)
        ctx = self._context(spans)
        for sp in spans:
            if len(sp.cands) > 1:
                sp.best, sp.conf, sp.reason = self._choose(sp, adminish, containers, ctx)

    def _spelling_in_unit(self, sp: _Span, cont: _Span) -> None:
        """'Stepnoy in the Volnovakhsky district', 'the village of Lugansk (Donetsk region)': the name's readings all
        lie outside the unit named with it, which a report states on purpose. A place of that unit (in UA, RU, BY or
        MD) spelt like the name (ratio >= 75 to its own name, same first letter: Stepne, Luhanske) joins the
        candidates, at the cost of a weaker spelling, which the unit named outweighs."""
        g = self.g
        kind = g.kind
        if not sp.cands or len(sp.k) < 5 or sp.fallback_from or any(kind[p] != CITY for p in sp.cands):
            return
        if sp.feat not in ("village", "settlement") and any(
                g.pop[p] >= 10_000 and (p not in sp.alt or _own_spelling(g, sp.k, p)) for p in sp.cands):
            return  # a town of 10,000+ named by its name before a unit is a list ("Donetsk, Luhansk region",
            # "Kupiansk and Svatove, Kharkiv direction"), unless it is called a village
        units = [u for u in cont.cands if kind[u] in (ADMIN1, ADMIN2)]
        centre = cont.cands[0] if cont.fallback_from and cont.cands else -1
        # "Sosnovy, Donetsk": after a comma, a city that names its oblast stands for the oblast (as in _score)
        oblast = _oblast_centres(g).get(cont.cands[0], "") if (
            not units and centre < 0 and cont.cands and _COMMA_GAP.fullmatch(self.text, sp.end, cont.start)) else ""
        if not units and centre < 0 and not oblast:
            return

        def inside(p: int) -> bool:
            if centre >= 0 and _km(g, p, centre) <= 40:
                return True
            if oblast:
                return g.a1[p] == oblast
            return any(g.a1[p] == g.a1[u] if kind[u] == ADMIN1 else g.a2[p] == u for u in units)

        if any(inside(p) for p in sp.cands):
            return
        a1s = {g.a1[u] for u in units} | ({g.a1[centre]} if centre >= 0 else set()) | ({oblast} if oblast else set())
        found: dict[int, None] = {}
        for code in a1s:
            keys, places = _unit_names(g, code)
            for name, _sc, i in process.extract(sp.k, keys, scorer=fuzz.ratio, score_cutoff=75, limit=5):
                p = places[i]
                if name[:1] == sp.k[:1] and inside(p):
                    found.setdefault(p, None)
        if found:
            new = tuple(p for p in found if p not in sp.cands)
            sp.cands = sp.cands + new
            sp.weaker = sp.weaker | frozenset(new)

    def _context(self, spans: list[_Span]) -> dict:
        g = self.g
        countries: dict[str, float] = {}
        anchors: list[tuple[float, float, float, int]] = []  # (lat rad, lon rad, cos lat, place)
        seen: set[int] = set()
        for sp in spans:
            p = sp.best
            if p < 0:
                continue
            w = sp.conf
            if g.cc[p]:
                countries[g.cc[p]] = countries.get(g.cc[p], 0.0) + w
            if g.kind[p] in _ANCHOR_KINDS and sp.conf >= 0.6 and not math.isnan(g.lat[p]) and p not in seen:
                seen.add(p)
                la = math.radians(g.lat[p])
                anchors.append((la, math.radians(g.lon[p]), math.cos(la), p))
        total = sum(countries.values()) or 1.0
        return {"countries": {c: v / total for c, v in countries.items()}, "anchors": anchors}

    def _choose(self, sp: _Span, spans: list[_Span], containers: dict[int, _Span], ctx: dict | None):
        """Score every candidate of ``sp``; the context (other spans) is reduced once per call, not per candidate.

        The result depends only on the span's candidates and attributes, its container, the admin context of
        the other spans and ``ctx``; a repeated name with the same context (the same city named again) reuses
        the earlier result (memo per ``ctx``)."""
        cands = sp.cands
        if not cands:
            return -1, 0.0, "no candidate"
        kind = self.g.kind
        cont = containers.get(id(sp))
        # the other spans that can add admin context: admin units and districts-by-centre
        rel = []
        sig = []
        for other in spans:
            if other is sp or other.best < 0:
                continue
            q = other.best
            kq = kind[q]
            if kq == ADMIN1 or kq == ADMIN2 or (kq == CITY and other.fallback_from):
                near = 1.0 if abs(other.start - sp.start) < 200 else 0.5
                rel.append((q, kq, near, other))
                sig.append((q, kq, near, bool(other.fallback_from),
                            self.text[other.start:other.end] if kq == CITY else None))
        cont_q = cont.best if cont is not None and cont.best >= 0 else -1
        memo_ctx, memo = self._memo
        if memo_ctx is not ctx:
            memo = {}
            self._memo = (ctx, memo)
        mkey = (sp.k, cands, sp.alt, sp.weaker, sp.feat, sp.weak, sp.fuzzy, sp.fallback_from, cont_q,
                self.text[cont.start:cont.end] if cont_q >= 0 else None, tuple(sig))
        hit = memo.get(mkey)
        if hit is None:
            hit = memo[mkey] = self._score(sp, rel, cont, cont_q, ctx)
        return hit

    def _score(self, sp: _Span, rel: list, cont: _Span | None, cont_q: int, ctx: dict | None):
        g = self.g
        cands = sp.cands
        kind, a1, a2, cc, pop, lat, lon = g.kind, g.a1, g.a2, g.cc, g.pop, g.lat, g.lon
        priors = _cache(g)["prior"]
        focus, lines = self.focus, self.lines
        anc = ()
        share_of = None
        # "X, Donetsk" / "X (Luhansk)": after a comma or in brackets, a city that names its oblast stands for
        # the oblast (as "X, Donetsk region"), not for a point that X must be near
        cont_a1 = _oblast_centres(g).get(cont_q) if cont_q >= 0 and _COMMA_GAP.fullmatch(
            self.text, sp.end, cont.start) else None
        if ctx is not None:
            share_of = ctx["countries"]
            if ctx["anchors"]:
                cset = set(cands)
                anc = [a for a in ctx["anchors"] if a[3] not in cset and (cont_a1 is None or a[3] != cont_q)]
                anc_a1 = {a1[a[3]] for a in anc if kind[a[3]] == CITY}
        hints = self.hints
        feat_prior = _FEAT_PRIOR.get(sp.feat)
        sclass = g.settlement_class
        mism = g.form_mismatch.get(sp.k, ()) if sp.alt else ()
        # the spelling is the main name of a city of 100,000+ in another country and 100x the size: neither an
        # alternate-only reading ("Paris" listed by GeoNames for a village in Odesa oblast) nor a small namesake
        # in the deep-coverage countries (the village Berlyn, in a Ukraine story) stands for it. Counting the
        # alternate names of large cities too ("Rostov" for Rostov-on-Don) cost UCDP rows: GeoNames' alternate
        # names of large cities include village names
        world = max((q for q in cands if q not in sp.alt and kind[q] == CITY), key=g.pop.__getitem__,
                    default=-1) if len(cands) > 1 else -1
        if world >= 0 and g.pop[world] < 100_000:
            world = -1
        big = _big_city(g, sp.k, cands, sp.alt) if anc and len(cands) > 1 else -1
        # "Slov'jans'k": a spelling of Sloviansk's name, and a former name of Nikopol (Slaviansk in the 1780s);
        # the place whose own name it spells goes first among towns of one country of like size (50,000+: a
        # renamed small town, Bilmak once Kamianka, keeps its former name against the villages still called so)
        own_rival = [q for q in cands if kind[q] == CITY and (q not in sp.alt or _own_spelling(g, sp.k, q))] \
            if len(cands) > 1 and any(pop[q] >= 50_000 for q in sp.alt) else ()
        # a name of several words that is one place's own name is no alternate name of a place in another country
        # ("Bilhorod-Dnistrovskyi", listed by GeoNames for Belgorod in Russia too)
        own_cc = {cc[q] for q in cands if q not in sp.alt and kind[q] == CITY and cc[q] in DEEP} if (
            sp.alt and " " in sp.k and len(cands) > 1) else ()
        # a bare name (no feature word, no container, no admin unit named) that is a town's own name: the line
        # prior of a namesake village whose position is only estimated (its hromada's centre) does not count
        # against the town ("Russian shelling hit Dobropillia" in 2023 had gone to a village of that name on the
        # Zaporizhzhia front, "Kostiantynivka" to one near Vuhledar)
        est = g.estimated
        town_rival = (lines and not sp.feat and cont is None and not rel and len(cands) > 1 and any(
            kind[q] == CITY and pop[q] >= _TOWN_RIVAL_POP and q not in est and (q not in sp.alt or _own_spelling(
                g, sp.k, q)) for q in cands))
        scores = []
        reasons = []
        for p in cands:
            kp = kind[p]
            ccp = cc[p]
            s = priors.get(p)
            if s is None:  # the candidate's own prior (same float operations, memoised per gazetteer)
                s = math.log10(pop[p] + 10) / 7 + _KIND_PRIOR.get(kp, 0.0)
                if ccp in DEEP:
                    s += 0.15 if ccp == "UA" else 0.08
                if len(priors) < 500_000:
                    priors[p] = s
            why = "population prior"
            fw = focus.get(a1[p], 0.0)
            if fw:
                s += fw
                why = "population and conflict-zone prior"
            for ln in (() if town_rival and p in est else lines):
                lw = ln(g, p)
                s += lw
                if lw >= 0.1:
                    why = "population, conflict-zone and line-of-contact prior"
            if p in sp.weaker:
                s -= _WEAKER_SPELLING
            if p in sp.alt:
                s -= 0.1
                if p in mism or (own_cc and ccp not in own_cc and ccp in DEEP):
                    s -= 0.5
                if pop[p] >= 100_000 and kp == CITY and _foreign_alt(g, sp.k, p, cands):
                    s -= 1.0
                elif own_rival and kp == CITY and pop[p] >= 50_000 and not _own_spelling(g, sp.k, p) and any(
                        q != p and cc[q] == ccp and 3 * pop[q] >= pop[p] for q in own_rival):
                    s -= 0.3  # a former name of this place, the current name (or a spelling of it) of a peer
            if world >= 0 and cc[world] != ccp and (p in sp.alt or ccp in DEEP) and pop[world] >= 100 * pop[p]:
                s -= 1.0
            if feat_prior is not None and kp == CITY:
                cls = sclass.get(p)
                if cls is None:
                    cls = "M" if pop[p] >= 20_000 else ("T" if pop[p] >= 3000 else "")
                s += feat_prior.get(cls, 0.0)
            in_hint = ccp in hints
            if in_hint:
                s += 0.8
                why = f"country hint {ccp}"
            if share_of is not None:
                share = share_of.get(ccp, 0.0)
                if share and not in_hint:
                    s += 0.7 * share
                    if share >= 0.3 and why == "population prior":  # a zone prior says more
                        why = f"country of the story: {ccp}"
            # admin units named elsewhere in the text
            best_admin = 0.0
            admin_why = ""
            for q, kq, near, other in rel:
                if kq == ADMIN1:
                    if a1[q] == a1[p] and kp != ADMIN1:
                        v = 1.2 * near
                        if v > best_admin:
                            best_admin, admin_why = v, f"oblast named nearby: {g.name[q]}"
                elif kq == ADMIN2:
                    if a2[p] == q or (other.fallback_from and kp == CITY and a1[p] == a1[q] and _km(g, p, q) < 40):
                        v = 1.6 * near
                        if v > best_admin:
                            best_admin, admin_why = v, f"district named nearby: {g.name[q]}"
                elif kp == CITY and cc[q] == ccp:  # a district named after its centre city
                    d = _km(g, p, q)
                    if d < 40:  # inside the (old) district: at least the oblast's weight, nearer the centre more
                        v = near * (1.6 - 0.4 * d / 40)
                        if v > best_admin:
                            best_admin, admin_why = v, f"district named nearby: {self.text[other.start:other.end]}"
            if best_admin:
                s += best_admin
                why = admin_why
            if cont_q >= 0 and cont_q != p:
                kq = kind[cont_q]
                if ((kq == ADMIN1 and a1[cont_q] == a1[p]) or (kq == ADMIN2 and a2[p] == cont_q)
                        or (kq == COUNTRY and cc[cont_q] == ccp) or (cont_a1 is not None and a1[p] == cont_a1)):
                    s += 2.0
                    why = f"'X, Y' pattern: {self.text[cont.start:cont.end]}"
            if anc:
                # other places of the text resolved with confidence: the nearer the better, and the same
                # oblast counts too (a generalisation of "oblast named nearby" to the places named). Not for a
                # namesake of a city of 100,000+ a twentieth its size unless it lies among them (within 15 km,
                # where it is known): "Zaporizhzhia" or "Mykolaiv" in a report that also names Pokrovsk is the
                # city, not a village of that name near Pokrovsk; "areas of Makiivka, Nevsky, Druzhelyubivka" is
                # the village among its neighbours (an oblast or district named with it decides, above)
                dmin = _min_km(lat[p], lon[p], anc)
                if big >= 0 and p != big and 20 * pop[p] < pop[big] and (dmin > 15 or p in g.estimated):
                    dmin = math.nan
                if not math.isnan(dmin):
                    s += NEAR_WEIGHT * math.exp(-dmin / NEAR_KM)
                    if kp == CITY and a1[p] in anc_a1 and not best_admin:
                        s += NEAR_OBLAST
                    if dmin < 100 and why in _PRIOR_ONLY:
                        why = f"near other places in the text ({dmin:.0f} km)"
            scores.append(s)
            reasons.append(why)
        i = max(range(len(cands)), key=scores.__getitem__)
        if len(cands) == 1:
            conf = 0.9
            reason = "unique name" if reasons[0] in _PRIOR_ONLY else reasons[0]
        else:
            m = max(scores)
            z = sum(math.exp((x - m) / 0.25) for x in scores)
            conf = 1.0 / z
            reason = reasons[i]
        if sp.weak:
            conf *= 0.7
        if sp.fuzzy:
            conf *= sp.fuzzy / 100 * 0.85
            reason = f"fuzzy match {sp.fuzzy:.0f} to {g.name[cands[i]]}" + (
                f"; {reason}" if reason != "unique name" and reason not in _PRIOR_ONLY else "")
        if sp.fallback_from:
            conf *= 0.6
            reason = f"district named after its centre: {sp.fallback_from}"
        return cands[i], round(conf, 3), reason

    def matches(self, spans: list[_Span]) -> list[PlaceMatch]:
        g, out = self.g, []
        for sp in spans:
            if sp.best < 0:
                continue
            if sp.fallback_from:
                p = sp.best
                surface = self.text[sp.start:sp.end]
                base = _place(g, p)
                place = Place(name=surface, geonames_id=None, lat=base.lat, lon=base.lon, precision=ADMIN2,
                              country_code=base.country_code, admin1=base.admin1, admin2=surface, feature="admin2")
            else:
                place = _place(g, sp.best)
            reason = sp.reason
            if sp.axis:
                reason = f"a town's adjective before '{sp.axis}': {g.name[sp.best]}"
            est = g.estimated.get(sp.best)
            if est and not sp.fallback_from:
                reason = f"{reason}; {est[1]}"
            out.append(PlaceMatch(place, sp.start, sp.end, self.text[sp.start:sp.end], sp.conf, reason))
        return out


_CACHES: dict[int, tuple[Gazetteer, dict]] = {}


def _cache(g: Gazetteer) -> dict:
    """Per-gazetteer memo of derived lookups (not pickled with the index)."""
    c = _CACHES.get(id(g))
    if c is None or c[0] is not g:
        c = (g, {"class": {}, "place": {}, "prior": {}, "fuzzy": {}, "tok": {}, "rad": {}, "key": {},
                  "pclass": {}})
        _CACHES[id(g)] = c
    return c[1]


_COMMA_GAP = re.compile(r"\s*[,(]\s*")


def _oblast_centres(g: Gazetteer) -> dict[int, str]:
    """Cities that give their name to their first-order unit (Donetsk, Kharkiv...) -> that unit's admin1 code."""
    c = _cache(g)
    if "oblc" not in c:
        out = {}
        for a in g.admin1_place.values():
            if g.cc[a] not in DEEP:
                continue
            base = re.sub(r"\s+(oblast|krai|kray|oblast'|republic|region)$", "", key(g.name[a]))
            cands = [q for q in g.candidates(base) if g.kind[q] == CITY and g.a1[q] == g.a1[a]]
            if cands:
                out[max(cands, key=lambda q: g.pop[q])] = g.a1[a]
        c["oblc"] = out
    return c["oblc"]


def _pop_of(g: Gazetteer, pl: Place) -> int:
    """The population of the gazetteer entry a Place was made from (0 when not found)."""
    return max((g.pop[q] for q in g.candidates(key(pl.name)) if g.lat[q] == pl.lat and g.lon[q] == pl.lon),
               default=0)


def _oblast_centre_names(g: Gazetteer) -> dict[tuple[str, str | None], str]:
    """(name, admin1 name) of the cities that name their first-order unit -> that unit's admin1 code."""
    c = _cache(g)
    if "oblcn" not in c:
        c["oblcn"] = {(g.name[q], g.admin1_name(code)): code for q, code in _oblast_centres(g).items()}
    return c["oblcn"]


def _acronym_re(g: Gazetteer):
    c = _cache(g)
    if "acr" not in c:
        c["acr"] = (re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, g.acronyms), key=len, reverse=True))
                               + r")\b") if g.acronyms else None)
    return c["acr"]


def _key_class(g: Gazetteer, k: str, cands: tuple[int, ...]) -> tuple[bool, bool]:
    """(names a country/admin1/sea/region, names such a unit or a city of a million) for a scanned key."""
    memo = _cache(g)["class"]
    v = memo.get(k)
    if v is None:
        major = any(g.kind[p] in (COUNTRY, ADMIN1, SEA, REGION) for p in cands)
        v = (major, major or any(g.pop[p] >= 1_000_000 for p in cands))
        if len(memo) < 200_000:
            memo[k] = v
    return v


def _foreign_alt(g: Gazetteer, k: str, p: int, cands: tuple[int, ...]) -> bool:
    """``k`` is an alternate name of the city ``p`` that is not a spelling of its own name but a village name that
    five or more other places of its country bear as theirs: GeoNames lists the names of localities a city
    absorbed ("Aleksandrovka" for Donetsk, "Novooleksandrivka" for Melitopol), and "Shelling hit Oleksandrivka"
    had resolved to Donetsk. A spelling of the city's own name ("Zaporizhzhja", "Рівне", "Makeevka": the same first
    three letters, or 60 % similar) is not affected. Memoised per gazetteer."""
    memo = _cache(g).setdefault("foreign_alt", {})
    v = memo.get((k, p))
    if v is None:
        ccp = g.cc[p]
        v = sum(1 for q in cands if q != p and g.cc[q] == ccp) >= 5 and not _own_spelling(g, k, p)
        if len(memo) < 100_000:
            memo[(k, p)] = v
    return v


def _own_spelling(g: Gazetteer, k: str, p: int) -> bool:
    """``k`` spells the name of place ``p`` ("Zaporizhzhja", "Рівне", "Makeevka", "Mykolaiv" for Mykolayiv): the
    same first three letters as its main name, or 60 % similar (a Cyrillic key through its transliterations)."""
    own = key(g.name[p])
    if own.endswith(_DISTRICT_ADJ) and not k.endswith(_DISTRICT_ADJ):
        return False  # a city district's adjective ("Kalynivskyi") is not spelt by a village noun ("Kalynivka")
    return any(t[:3] == own[:3] or fuzz.ratio(t, own) >= 60 for t in (translits(k) if is_cyrillic(k) else (k,)))


_DISTRICT_ADJ = ("skyi", "skiy", "sky", "skij", "kyi", "kiy", "ckyi", "ський", "ский", "кий")


def _big_city(g: Gazetteer, k: str, cands: tuple[int, ...], alt) -> int:
    """The city of 100,000+ that ``k`` names by its own name (or a spelling of it), if any; else -1.
    Memoised per gazetteer and key."""
    memo = _cache(g).setdefault("big_city", {})
    v = memo.get(k)
    if v is None:
        v = max((q for q in cands if g.kind[q] == CITY and g.pop[q] >= 100_000
                 and (q not in alt or _own_spelling(g, k, q))), key=g.pop.__getitem__, default=-1)
        if len(memo) < 100_000:
            memo[k] = v
    return v


class _LinePrior:
    """ln.weight * exp(-d / ln.scale_km), d = km from a place to the line of contact; memoised per place."""

    __slots__ = ("ln", "pts", "memo")

    def __init__(self, g: Gazetteer, ln: ContactLine) -> None:
        self.ln = ln
        self.pts = _line_points(g, ln)
        self.memo: dict[int, float] = {}

    def __call__(self, g: Gazetteer, p: int) -> float:
        v = self.memo.get(p)
        if v is None:
            lat, lon = g.lat[p], g.lon[p]
            v = 0.0 if len(self.pts) < 2 or math.isnan(lat) else \
                self.ln.weight * math.exp(-_polyline_km(lat, lon, self.pts) / self.ln.scale_km)
            if len(self.memo) < 200_000:
                self.memo[p] = v
        return v


def _line_priors(g: Gazetteer, when: date | None) -> list[_LinePrior]:
    """The line-of-contact priors of a date, each built once per gazetteer (anchors resolved, memo kept)."""
    built = _cache(g).setdefault("line", {})
    out = []
    for ln in lines_on(when):
        lp = built.get(ln)
        if lp is None:
            lp = built[ln] = _LinePrior(g, ln)
        out.append(lp)
    return out


def _line_points(g: Gazetteer, ln: ContactLine) -> list[tuple[float, float] | None]:
    """The anchors' (lat, lon): the most populous populated place of that name in that first-order unit; None
    between two separate stretches of the line."""
    pts: list[tuple[float, float] | None] = []
    for i, (name, a1) in enumerate(ln.anchors):
        if i in ln.breaks:
            pts.append(None)
        cands = [p for p in g.candidates(key(name)) if g.a1[p] == a1 and g.kind[p] == CITY]
        if cands:
            p = max(cands, key=lambda c: (g.pop[c], -c))
            pts.append((g.lat[p], g.lon[p]))
    return pts


def _polyline_km(lat: float, lon: float, pts: list[tuple[float, float] | None]) -> float:
    """Distance (km) from a point to a polyline (None separates its stretches), in a local equirectangular
    projection (fine at front-line scale)."""
    kx = 111.32 * math.cos(math.radians(lat))
    ky = 110.57
    best = math.inf
    for a, b in itertools.pairwise(pts):
        if a is None or b is None:
            continue
        (la1, lo1), (la2, lo2) = a, b
        ax, ay = (lo1 - lon) * kx, (la1 - lat) * ky
        bx, by = (lo2 - lon) * kx, (la2 - lat) * ky
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def _km(g: Gazetteer, p: int, q: int) -> float:
    return haversine_km(g.lat[p], g.lon[p], g.lat[q], g.lon[q])


_ANCHOR_KINDS = (CITY, ADMIN2)


def _min_km(lat: float, lon: float, anchors) -> float:
    """Great-circle distance (km) from a point to the nearest of ``anchors`` [(lat rad, lon rad, cos lat, _)]."""
    if math.isnan(lat):
        return math.nan
    la = math.radians(lat)
    lo = math.radians(lon)
    cl = math.cos(la)
    best = 4.0
    sin = math.sin
    for a, b, ca, _q in anchors:
        h = sin((a - la) / 2) ** 2 + cl * ca * sin((b - lo) / 2) ** 2
        if h < best:
            best = h
    return 12742.0 * math.asin(min(1.0, math.sqrt(best)))


def _fuzzy_lookup(g: Gazetteer, k: str, cutoff: float = 86
                  ) -> tuple[tuple[int, ...], float, tuple[int, ...]] | None:
    """Places whose names are within a few points of the best fuzzy score for ``k`` (DEEP names only), the best
    score, and the places of the other names above ``cutoff`` (spelt less like ``k``)."""
    if len(k) < 5:
        return None
    memo = _cache(g)["fuzzy"]  # a pure function of the gazetteer and the key: memoised
    mk = (k, cutoff)
    if mk in memo:
        return memo[mk]
    res = _fuzzy_lookup_uncached(g, k, cutoff)
    if len(memo) < 50_000:
        memo[mk] = res
    return res


def _fuzzy_lookup_uncached(g: Gazetteer, k: str, cutoff: float) -> tuple[tuple[int, ...], float] | None:
    if g.fuzzy_by_len:
        # ratio >= cutoff needs similar lengths: 2 * min / (len1 + len2) >= cutoff / 100
        r = cutoff / (200 - cutoff)
        lo, hi = math.ceil(len(k) * r), math.floor(len(k) / r)
        choices = [c for n in range(lo, hi + 1) for c in g.fuzzy_by_len.get((k[:1], n), ())]
    else:
        choices = g.fuzzy_keys.get(k[:1])
    if not choices:
        return None
    res = process.extract(k, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
    if not res:
        return None
    top = res[0][1]
    cands: dict[int, None] = {}
    weaker: dict[int, None] = {}
    for name, sc, _i in res:
        for p in g.candidates(name):
            (cands if sc >= top - 3 else weaker).setdefault(p, None)
    return tuple(cands), float(top), tuple(p for p in weaker if p not in cands)


def _compound_keys(g: Gazetteer, stems: list[str]) -> list[str]:
    """Two-word names behind a compound adjective: 'krasnolyman' / 'stanychno luhansk' -> 'krasnyi lyman',
    'stanytsia luhanska' (the first word's first 5 letters, the second word's first 5 letters after a linking
    o/e or a hyphen)."""
    out: list[str] = []
    for st in stems:
        splits = [(st[:i], st[i + 1:]) for i in range(4, len(st) - 4) if st[i] in "oe "]
        for left, right in splits:
            left, right = left.strip(), right.strip()
            if len(left) < 4 or len(right) < 4 or " " in right:
                continue
            a, b = left[:5], right[:5]
            keys = g.fuzzy_keys.get(a[:1], [])
            i = bisect.bisect_left(keys, a)
            while i < len(keys) and keys[i].startswith(a):
                w = keys[i].split(" ")
                if len(w) == 2 and w[1].startswith(b):
                    out.append(keys[i])
                i += 1
        if out:
            break
    return out


_NEXT_CAP = re.compile(r"[ \t]+([A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’]+)\b(?![-'’])")
# the look-behind written after the capital ("(?<![\w'’-].)", the "." being the capital): the pattern opens with
# the set of capitals, which the engine scans for at C speed, instead of being tried at every position
_PREV_CAP = re.compile(r"([A-ZА-ЯІЇЄҐ](?<![\w'’-].)[a-zа-яіїєґ'’]{2,})[ \t]+$")
_ISLAND_WORDS = frozenset(("island", "islands", "spit"))
_ISLAND_AFTER = re.compile(r"\s+(?i:island|islands|spit)\b")
# the endings of Slavic adjectives as transliterated (Chasovoy, Sukhoi, Velykyi, Pershii, Nyzhnie, Zolotya,
# Malaya, Novoye) and the modifiers that open many two-word village names in their short feminine form
_ADJ_END = re.compile(r"(?:[yi]i|[iy]y|o[yi]|ij|ya|ja|ia|[iy]e|oe|je)$")
_ADJ_WORDS = frozenset((
    "nova", "novo", "stara", "staro", "mala", "malo", "velyka", "velika", "nyzhnia", "nyzhnya", "verkhnia",
    "verkhnya", "zolota", "krasna", "chervona", "bila", "chorna", "zelena", "sukha", "persha", "druha", "vesela",
    # masculine forms spelt with a bare -y (Velyky Vyselok, Zeleny Hai, Krasny Liman)
    "velyky", "veliky", "novy", "stary", "maly", "krasny", "zeleny", "chorny", "bily", "sukhy", "verkhny", "nyzhny"))


def _adjective_like(k: str) -> bool:
    """A one-word key that reads as a Slavic adjective (the first word of most two-word village names)."""
    return len(k) >= 4 and " " not in k and (k in _ADJ_WORDS or _ADJ_END.search(k) is not None)


# the head words of _AXIS_HEAD less their first letter (either case): found with str.find, much faster than a
# regex scan, which tries every position
_AXIS_GATE = ("irection", "xis", "ector", "ront", "roup", "olony")


def _neuter_stems(k: str) -> list[str]:
    """'kakhovskoye', 'kakhovskoe', 'pokrovskogo' -> the stem (forms adjective_stems leaves out)."""
    for suf in ("skoye", "skoe", "skogo"):
        if k.endswith(suf) and len(k) - len(suf) >= 3:
            return [k[: -len(suf)]]
    return []


def _prefix_keys(g: Gazetteer, stem: str, max_extra: int) -> list[str]:
    if len(stem) < 4:
        return []
    keys = g.fuzzy_keys.get(stem[:1], [])
    i = bisect.bisect_left(keys, stem)
    out = []
    while i < len(keys) and keys[i].startswith(stem):
        if len(keys[i]) - len(stem) <= max_extra and " " not in keys[i]:
            out.append(keys[i])
        i += 1
    return out


# ---- public functions ----------------------------------------------------------------------------------------
def geoparse(text: str, *, country_hint: str | Iterable[str] | None = None, when: date | None = None,
             gazetteer: Gazetteer | None = None, _lenient: bool = False) -> list[PlaceMatch]:
    """All toponyms in ``text``, in text order, non-overlapping (the longest match wins), each resolved.

    ``when`` (the text's date) selects the conflict-zone prior of that period (``geo.zones``); without it the
    current zones apply. ``country_hint``: an ISO code, or several (a story about a war between two states names
    places in either); a place in a hinted country is preferred, and a hint in UA/RU/BY/MD lets the fuzzy
    fallback look for the villages of those countries.
    """
    if not text:
        return []
    g = gazetteer or default_gazetteer()
    ps = _Parser(g, text, country_hint, _lenient, when)
    spans = ps.find()
    ps.resolve(spans)
    return ps.matches(spans)


_HEAD_ORDER = {"admin2": 1, "admin1": 2, "region": 3, "sea": 4, "country": 5}  # anything else: a place, 0


def lookup(name: str, *, country_hint: str | Iterable[str] | None = None, when: date | None = None,
           gazetteer: Gazetteer | None = None) -> Place | None:
    """The best single place for a name or a short description ("near X village, Y district, Z region")."""
    g = gazetteer or default_gazetteer()
    ms = geoparse(name, country_hint=country_hint, when=when, gazetteer=g, _lenient=True)
    # names that are also common words ("Market", "Mine") only count when nothing else was found
    strong = [m for m in ms if key(m.surface) not in g.weak]
    if not strong:  # ... and then only when cued as a place or when the name is (most of) the description
        strong = [m for m in ms if 2 * len(m.surface) >= len(name.strip())
                  or _STRONG_LOCATIVE.search(name[max(0, m.start - 40):m.start])]
    ms = strong
    # "Kupyansk direction: areas of X, Y": an axis of advance named after a town; the places listed are the head
    # (only for a populated place: the axis's town says more than an oblast, "Kharkiv Oblast, Kupyansk direction")
    rest = [m for m in ms if not (_AXIS_AFTER.match(name, m.end) or _AXIS_LIST_AFTER.match(name, m.end)
                                  or _HROMADA_AFTER.match(name, m.end))]
    if any(m.place.precision <= 3 and m.place.feature not in ("admin1", "admin2") for m in rest) or len(rest) == len(ms):
        ms = rest or ms
    if ms:
        # an admin unit stated in the description overrules a populated place that is not inside it
        admins = [m for m in ms if m.place.feature in ("admin1", "admin2") and m.score >= 0.3]

        # a list over several oblasts ("X of the Kharkiv region and Y of the Luhansk People's Republic") names
        # each place's own unit: a place need only lie in one of the units of each level named
        a1s = {a.place.admin1 for a in admins if a.place.feature == "admin1"}
        a2s = [a for a in admins if a.place.feature == "admin2"]
        # "X, Donetsk": after a comma, a city that names its oblast stands for the oblast (as in _score); a place
        # X that is not in it is a namesake elsewhere (or missing from the gazetteer), and the oblast is the answer
        centres = _oblast_centre_names(g)
        standins = [m for i, m in enumerate(ms) if i and (m.place.name, m.place.admin1) in centres
                    and _COMMA_GAP.fullmatch(name, ms[i - 1].end, m.start)]
        a1s |= {m.place.admin1 for m in standins}

        def consistent(m: PlaceMatch) -> bool:
            if a1s and m.place.admin1 not in a1s:
                return False
            if a2s and not any(m.place.admin2 == a.place.name or m.place.lat is None or a.place.lat is None
                               or haversine_km(m.place.lat, m.place.lon, a.place.lat, a.place.lon) <= 60
                               for a in a2s):
                return False
            return True

        ok = [m for m in ms if m.place.feature not in ("admin1", "admin2") and m not in standins and consistent(m)]
        if not ok and standins and not admins and all(_pop_of(g, m.place) < 50_000 for m in ms if m not in standins):
            return _place(g, g.admin1_place[centres[(standins[0].place.name, standins[0].place.admin1)]])
        ok = ok or admins or ms
        best = min(ok, key=lambda m: (_HEAD_ORDER.get(m.place.feature or "", 0), m.start))
        return best.place
    return resolve(name, country_hint=country_hint, when=when, gazetteer=g)


def resolve(name: str, *, context: str | None = None, country_hint: str | Iterable[str] | None = None, when: date | None = None,
            gazetteer: Gazetteer | None = None) -> Place | None:
    """Resolve a given toponym string, using other toponyms of ``context`` (the document) to disambiguate.

    Uses every name in the gazetteer (not only those looked for in running text), then a country's demonym
    ("Russian" -> Russia; never looked for in running text, where a demonym is not a place), then fuzzy matching.
    """
    g = gazetteer or default_gazetteer()
    k = key(name)
    cands = g.candidates(k)
    fz = 0.0
    if not cands:
        k2 = re.sub(r"^the ", "", k)
        cands = g.candidates(k2)
    alt = g.alternate_only(k)
    # "Russian", "Palestinians": a given demonym names its country, also where small places bear the word
    # ("Canadian dollar" is no Canadian, Texas); a city of 100,000+ of that name keeps it
    if k in g.demonyms and not any(g.pop[p] >= 100_000 for p in cands):
        return _place(g, g.demonyms[k])
    weaker: tuple[int, ...] = ()
    if not cands and len(k) >= 5:
        res = _fuzzy_lookup(g, k)
        if res is not None:
            cands, fz, weaker = res
            cands += weaker
    if not cands:
        return None
    ps = _Parser(g, context or name, country_hint, lenient=context is None, when=when)
    spans = ps.find() if context else []
    ps.resolve(spans)
    target = _Span(-1, -1, k, cands, fuzzy=fz, alt=alt, weaker=frozenset(weaker))
    # the toponym's position is unknown: find it in the context when possible, for "X, Y" patterns
    pos = (context or "").find(name) if context else -1
    if pos >= 0:
        target.start, target.end = pos, pos + len(name)
        same = [sp for sp in spans if sp.start == pos]
        if same:
            spans.remove(same[0])
    allspans = sorted(spans + [target], key=lambda sp: sp.start)
    containers: dict[int, _Span] = {}
    for i in range(len(allspans) - 1):
        gap = (context or "")[allspans[i].end: allspans[i + 1].start] if allspans[i].end >= 0 else "x" * 99
        if len(gap) <= 12 and _CONTAINER_GAP.match(gap):
            containers[id(allspans[i])] = allspans[i + 1]
    ctx = ps._context(spans)
    best, _conf, _why = ps._choose(target, allspans, containers, ctx)
    return _place(g, best) if best >= 0 else None


def country_place(iso2: str, *, gazetteer: Gazetteer | None = None) -> Place | None:
    """The country as a place (precision 6) at a representative centre (trimmed mean of its places)."""
    g = gazetteer or default_gazetteer()
    p = g.country_place.get((iso2 or "").upper())
    return _place(g, p) if p is not None else None


__all__ = ["PlaceMatch", "country_place", "geoparse", "lookup", "resolve", "is_cyrillic"]
