"""Per-language compiled resources built once per process: the lexicon automaton and party patterns.

The party patterns come from ``ceasewatch.model.parties`` (names, aliases, demonyms, capital metonyms) plus
the language pack's armed-forces aliases, so every party is recognised by the same rules.
"""

from __future__ import annotations

import bisect
import operator
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as _sre_c  # the parse tree of a pattern, read by _required_literals
from re import _parser as _sre_parse

import ahocorasick

from ..model.parties import KNOWN_PARTIES, Party, party_names
from .lang import LanguagePack

# The parties to the armed conflict whose officials are "party_official" sources and whose opponent is
# inferred from "the enemy" in their statements. Every other state or organisation is a third party.
# the two sides when the caller names none (extract(conflict_parties=...); the pipeline passes the sides of the
# agreements it monitors, ceasewatch.model.agreements.conflict_sides)
CONFLICT_PARTIES: tuple[str, ...] = ("RU", "UA")


# built many times per text: not frozen (a frozen dataclass's __init__ sets every field through
# object.__setattr__, about 0.35 µs more per object); treated as immutable, hashed and compared as before
@dataclass(slots=True, unsafe_hash=True)
class Hit:
    start: int
    end: int
    cat: str
    code: str


# built many times per text: not frozen (a frozen dataclass's __init__ sets every field through
# object.__setattr__, about 0.35 µs more per object); treated as immutable, hashed and compared as before
@dataclass(slots=True, unsafe_hash=True)
class PartyHit:
    start: int
    end: int
    party_id: str
    surface: str
    kind: str  # name, alias, demonym, capital


# ``model.parties.party_by_id`` scans KNOWN_PARTIES (a tuple fixed at import) for every look-up; the stage asks
# for a party by id thousands of times per second: the same answer from a dict (the first party of an id wins,
# as in the scan)
_PARTY_BY_ID: dict[str, Party] = {}
for _party in KNOWN_PARTIES:
    _PARTY_BY_ID.setdefault(_party.id, _party)


def party_by_id(party_id: str | None) -> Party | None:
    """``ceasewatch.model.parties.party_by_id`` from a dict."""
    return _PARTY_BY_ID.get(party_id)  # type: ignore[arg-type]


_START_END = operator.attrgetter("start", "end")  # the (start, end) sort key, without a Python-level call


class Resources:
    def __init__(self, pack: LanguagePack) -> None:
        self.pack = pack
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, str]]] = {}
        for cat, codes in pack.lexicon.items():
            for code, phrases in codes.items():
                for phrase in phrases:
                    key = re.sub(r"\s+", " ", phrase.lower())
                    forms = {key}
                    if not key.endswith("s") and key[-1:].isalpha():
                        forms.update((key + "s", key + "es"))
                    if key.endswith("y") and len(key) > 3:
                        forms.add(key[:-1] + "ies")
                    for form in forms:
                        entries.setdefault(form, [])
                        if (cat, code) not in entries[form]:
                            entries[form].append((cat, code))
        for form, values in entries.items():
            self.automaton.add_word(form, (len(form), tuple(values)))
        self.automaton.make_automaton()

        surfaces: dict[str, tuple[str, str]] = {}
        for party in KNOWN_PARTIES:
            for name in party_names(party):
                kind = ("demonym" if name in party.demonyms else "capital" if name in (
                    party.capital, "Kiev") else "name" if name == party.name else "alias")
                surfaces.setdefault(name, (party.id, kind))
        for pid, aliases in pack.words.get("actor_aliases", {}).items():
            for name in aliases:
                surfaces.setdefault(name, (pid, "alias"))
        self.party_surface = surfaces
        alt = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
        self.party_alt = alt
        # "(?<![\w.])(?:{alt})(?![\w])" with the look-behind after each surface's first character (it tests the
        # same character, the one before the surface): every alternative then opens with a literal, and the engine
        # scans for their first letters at C speed instead of trying the alternation at every position
        first_lb = "|".join(f"{re.escape(s[0])}(?<![\\w.]{re.escape(s[0])}){re.escape(s[1:])}"
                            for s in sorted(surfaces, key=len, reverse=True))
        self.party_re = re.compile(rf"(?:{first_lb})(?![\w])")
        # party_hits finds party_re's matches from one Aho-Corasick pass over the surfaces (value: length)
        self.party_automaton = ahocorasick.Automaton()
        for name in surfaces:
            self.party_automaton.add_word(name, len(name))
        self.party_automaton.make_automaton()
        demonyms = [s for s, (_, k) in surfaces.items() if k == "demonym"]
        self.party_adj = "(?:" + "|".join(re.escape(s) for s in sorted(demonyms, key=len, reverse=True)) + ")"
        P = rf"(?P<party>{alt})"
        w = pack.words
        self.accusations = [re.compile(t.format(P=P)) for t in w["accusations"]]
        self.accusation_gate = LiteralGate(self.accusations)  # each is searched only where it can match
        self.gated: dict[str, GatedPattern] = {}
        for name in _GATED:
            group, _, sub = name.partition("/")
            rx = pack.patterns.get(group)
            if sub and isinstance(rx, dict):
                rx = rx.get(sub)
            if isinstance(rx, re.Pattern):
                self.gated[name] = GatedPattern(rx)
        sp = w["speaker_np"]
        pa = rf"{self.party_adj}(?:\s*[-–/]\s*{self.party_adj})*"
        # the speaker noun phrase starts at a word start ("\b": positions inside a word fail at once, as in the
        # claimant subject pattern)
        self.positions = {
            stance: [re.compile(t.replace("{SP}", rf"\b{sp}").replace("{PA}", pa).replace("{PROP}", w["prop"])
                        .replace("{P}", f"(?:{alt})"))
                     for t in templates]
            for stance, templates in w["position_templates"].items()
        }
        keys = w.get("position_keys", {})
        self.position_keys = {
            stance: [re.compile(k) for k in keys.get(stance, ())] or [re.compile("")] * len(templates)
            for stance, templates in w["position_templates"].items()
        }
        for stance, templates in w["position_templates"].items():
            assert len(self.position_keys[stance]) == len(templates), f"position_keys[{stance}]"
        # one Aho-Corasick pass per sentence tells which keys can match at all (a key is searched only then)
        flat = [k for stance in w["position_templates"] for k in self.position_keys[stance]]
        self.position_key_gate = LiteralGate(flat)
        ids = iter(range(len(flat)))
        self.position_key_ids = {stance: [next(ids) for _ in self.position_keys[stance]]
                                 for stance in w["position_templates"]}
        # (stance, template, key) by key id: what iterating the stances and their templates visits, in order
        self.position_entries: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
            (stance, rx, key) for stance, rxs in self.positions.items()
            for rx, key in zip(rxs, self.position_keys[stance], strict=True)]
        assert [i for stance in self.positions for i in self.position_key_ids[stance]] == list(
            range(len(self.position_entries)))
        self.recipient = re.compile(w["recipient"].format(P=P))
        self.as_party_we = re.compile(w["as_party_we"].format(P=P))
        # the recipient a pledge sentence names itself ("to Ukraine", "for the Ukrainians")
        self.to_party = re.compile(r"\b(?:to|for)\s+(?:the\s+)?(?P<party>" + alt + r")(?![\w])")
        self.force_gap = re.compile(
            rf"^(?:['’]s)?\s+(?:{w['force_nouns']}\s+)?(?:(?:has|have|had|reportedly|also|again)\s+)*"
            rf"(?:{w.get('force_verbs', '(?!)')}\s+)?(?:[\w-]+\s+){{0,2}}?$")
        self.agent_gap = re.compile(rf"^\s+(?:[\w'’-]+\s+){{0,3}}?{w['agent_by']}$")
        # the date pattern is tried only at the tokens its matches can start with (the pack lists them)
        first = w.get("date_first_words")
        self.date_re: re.Pattern[str] | WordStartPattern = (
            WordStartPattern(pack.patterns["date"], first, digits=True) if first else pack.patterns["date"])
        self.report_verb_re = re.compile(rf"\b(?:{w['report_verbs']})\b")
        self.report_verb_after = re.compile(rf"\s*(?:,\s*)?(?:{w['report_verbs']})\b")

    def lexicon_hits(self, text: str) -> list[Hit]:
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        n = len(low)
        # (cat, start, -length, order, end, code) tuples: sorting them is the stable sort by
        # (cat, start, -length); Hit objects are built only for the hits kept
        raw: list[tuple[str, int, int, int, int, str]] = []
        for end_idx, (length, values) in self.automaton.iter(low):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and low[start - 1].isalnum():
                continue
            if end < n and low[end].isalnum():
                continue
            for cat, code in values:
                raw.append((cat, start, -length, len(raw), end, code))
        # leftmost-longest per category: "nuclear power plant" wins over "power plant" and "plant"
        raw.sort()
        out: list[Hit] = []
        last_end: dict[str, int] = {}
        prev = None
        for cat, start, _neg, _i, end, code in raw:
            if start < last_end.get(cat, -1):
                if prev is not None and prev[0] == cat and prev[1] == start and prev[2] == end:
                    out.append(Hit(start, end, cat, code))  # same phrase, second code ("shelling": attack, method)
                continue
            last_end[cat] = end
            out.append(Hit(start, end, cat, code))
            prev = (cat, start, end)
        # a target or method word inside a named institution is not a target ("the White House")
        names = sorted((h.start, h.end) for h in out if h.cat in ("official", "media") and h.end - h.start > 6)
        if names:
            keep = []
            for h in out:
                if h.cat in ("target", "method"):
                    i = bisect.bisect_right(names, (h.start, n))
                    if i and names[i - 1][0] <= h.start and h.end <= names[i - 1][1] and \
                            names[i - 1][1] - names[i - 1][0] > h.end - h.start:
                        continue
                keep.append(h)
            out = keep
        out.sort(key=_START_END)
        return out

    def party_hits(self, text: str, occurrences: list[int] | None = None) -> list[PartyHit]:
        """``party_re.finditer(text)`` as PartyHits, found without running the regex: the alternation (longest
        surface first) with its look-behind and look-ahead tried at every position is costly, while the surfaces
        occur only a few times per text. Where ``party_re`` matches, the surfaces found at that start are tried
        longest first, as the alternation does; a match resumes the scan at its end, as ``finditer`` does.
        ``occurrences``, when given, receives the sorted starts of every occurrence of a surface (with or without
        the look-arounds): a pattern holding the bare party alternation can match only where one starts."""
        lengths: dict[int, list[int]] = {}
        for end_idx, length in self.party_automaton.iter(text):
            lengths.setdefault(end_idx - length + 1, []).append(length)
        out = []
        n = len(text)
        pos = 0
        starts = sorted(lengths)
        if occurrences is not None:
            occurrences.extend(starts)
        for start in starts:
            if start < pos:
                continue
            if start > 0:
                c = text[start - 1]
                if c.isalnum() or c == "_" or c == ".":  # (?<![\w.]): re's \w is isalnum or "_"
                    continue
            ls = lengths[start]
            for length in ls if len(ls) == 1 else sorted(ls, reverse=True):
                end = start + length
                if end < n:
                    c = text[end]
                    if c.isalnum() or c == "_":  # (?![\w])
                        continue
                surface = text[start:end]
                pid, kind = self.party_surface[surface]
                out.append(PartyHit(start, end, pid, surface, kind))
                pos = end
                break
        return out

    def party_in(self, s: str) -> tuple[str | None, re.Match[str] | None]:
        m = self.party_re.search(s)
        return (self.party_surface[m.group(0)][0], m) if m else (None, None)


def _required_literals(items) -> frozenset[str] | None:
    """Strings one of which every match of the parsed pattern ``items`` contains (None when there is no such
    set, e.g. an empty pattern). Only literal characters are read: a run of them (zero-width assertions such as
    ``\\b`` between them do not break it), an alternation (one string per branch) or a group repeated at least
    once; of the sequence's candidates the most selective (longest shortest string) is kept."""
    cands: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre_c.LITERAL:
            run.append(chr(av))
            continue
        if op is _sre_c.AT:
            continue  # zero-width: the literals either side stay adjacent in the match
        if run:
            cands.append(frozenset(["".join(run)]))
            run = []
        req = None
        if op is _sre_c.SUBPATTERN:
            req = _required_literals(av[3])
        elif op is _sre_c.BRANCH:
            branches = [_required_literals(b) for b in av[1]]
            if all(branches):
                req = frozenset().union(*branches)
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT) and av[0] >= 1:
            req = _required_literals(av[2])
        if req:
            cands.append(req)
    if run:
        cands.append(frozenset(["".join(run)]))
    return max(cands, key=lambda c: (min(map(len, c)), -len(c)), default=None)


# The only characters that are not ASCII letters and that ``re.IGNORECASE`` matches to an ASCII letter ("ı" and
# "İ" match "i", "ſ" matches "s", the Kelvin sign "k"): mapped to that letter before lower-casing, a text in
# which a case-insensitive literal matches contains the literal lower-cased. ("İ" is also the only character
# that lower-cases to two.)
_CI_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def ci_lower(s: str) -> str:
    """``s`` lower-cased so that every ASCII literal of a regex, case-insensitive or not, that matches in ``s``
    occurs in it lower-cased (``str.lower`` maps character by character, so the match's characters are
    contiguous)."""
    if s.isascii():
        return s.lower()
    # ``str.translate`` with a dict costs about 0.1 µs per character (17 µs for a 180-character sentence with
    # one curly apostrophe); ``str.lower`` maps the Kelvin sign to "k" itself, so only the other three make the
    # translation differ from plain lower-casing (three fast character searches tell)
    if "\u0130" in s or "\u0131" in s or "\u017f" in s:
        return s.translate(_CI_FOLD).lower()
    return s.lower()


def word_automaton(values_of: dict[str, list]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton reporting, for every occurrence of a word, the tuple of its values (None when
    there is no word): the one pass over a text that the literal gates and gate tables share."""
    if not values_of:
        return None
    automaton = ahocorasick.Automaton()
    for w, values in values_of.items():
        automaton.add_word(w, tuple(values))
    automaton.make_automaton()
    return automaton


class LiteralGate:
    """Which of several regexes can match a text, from one Aho-Corasick pass for their required literals.

    ``may_match(seg)[i]`` is False only when ``patterns[i].search(seg)`` cannot match: every match of the
    pattern contains one of its required literals (``_required_literals``), so ``ci_lower(seg)`` contains that
    literal lower-cased. A pattern without required literals, or with a non-ASCII one, is never gated."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.n = len(patterns)
        always: list[int] = []
        ids_of: dict[str, list[int]] = {}
        for i, rx in enumerate(patterns):
            req = _required_literals(_sre_parse.parse(rx.pattern, rx.flags))
            if not req or not all(r.isascii() for r in req):
                always.append(i)
                continue
            for r in req:
                ids_of.setdefault(r.lower(), []).append(i)
        self.always = tuple(always)
        self.automaton = word_automaton(ids_of)

    def may_match(self, seg: str) -> list[bool]:
        out = [False] * self.n
        for i in self.always:
            out[i] = True
        if self.automaton is not None:
            for _end, ids in self.automaton.iter(ci_lower(seg)):
                for i in ids:
                    out[i] = True
        return out


    def matching(self, seg: str) -> list[int]:
        """The indices ``i`` for which ``may_match(seg)[i]`` is True, ascending (without the list of flags)."""
        if self.automaton is None:
            return list(self.always)
        ids = set(self.always)
        for _end, found in self.automaton.iter(ci_lower(seg)):
            ids.update(found)
        return sorted(ids)


class GatedPattern:
    """A compiled pattern behind a cheap necessary test: ``search``, ``match`` and ``finditer`` return what the
    pattern's own methods return, but the pattern is not run on a text (between ``pos`` and ``endpos``) that
    holds none of its required literals (``_required_literals``; looked for in ``ci_lower`` of the text, so a
    case-insensitive pattern is gated too). A literal in a look-around is never required: the ones read are
    all consumed, so they lie between ``pos`` and ``endpos``. Worth it for patterns that rarely match and are
    tried at every position of their text."""

    __slots__ = ("rx", "literals", "automaton")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        req = _required_literals(_sre_parse.parse(rx.pattern, rx.flags))
        self.literals: tuple[str, ...] | None = None
        self.automaton: ahocorasick.Automaton | None = None
        if req and all(r.isascii() for r in req):
            self.literals = tuple(sorted({r.lower() for r in req}))
            if len(self.literals) > 8:  # many literals: one automaton pass instead of one search each
                self.automaton = ahocorasick.Automaton()
                for lit in self.literals:
                    self.automaton.add_word(lit, lit)
                self.automaton.make_automaton()

    def may_match(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        if self.literals is None:
            return True
        low = ci_lower(s[pos:endpos])
        if self.automaton is not None:
            return next(self.automaton.iter(low), None) is not None
        for lit in self.literals:
            if lit in low:
                return True
        return False

    def search(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.search(s, pos, endpos) if self.may_match(s, pos, endpos) else None

    def match(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.match(s, pos, endpos) if self.may_match(s, pos, endpos) else None

    def finditer(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.rx.finditer(s, pos, endpos) if self.may_match(s, pos, endpos) else iter(())


_TOKEN = re.compile(r"\w+")


class WordStartPattern:
    """``rx.finditer`` for a pattern whose every match starts at a word start with a known first token: the
    pattern is tried (``rx.match``) only at the start of a ``\\w+`` token that is made of digits first
    (``digits``), opens with one of ``capitals``, or is one of ``first_words`` (compared ``ci_lower``-ed, so a
    case-insensitive alternative is covered), instead of at every position. Same matches as ``rx.finditer``
    provided that (checked by the caller's tests, not here) every match is non-empty, starts with such a token
    and holds no look-behind: ``rx.match(s, p, endpos)`` at a token start ``p`` differs from the search's attempt
    at ``p`` only in what lies before ``p``, which ``\\b`` and ``\\w`` classes at ``p`` see the same way (a
    token starts after a non-word character or at ``pos``). After a match the next try is at its end or later,
    as in ``finditer``; a token that starts inside a match is skipped (``\\b`` fails inside a word)."""

    __slots__ = ("rx", "first_words", "digits", "capitals")

    def __init__(self, rx: re.Pattern[str], first_words: frozenset[str], digits: bool = False,
                 capitals: str = "") -> None:
        self.rx = rx
        self.first_words = first_words
        self.digits = digits
        self.capitals = capitals

    def may_start(self, tok: str) -> bool:
        c = tok[0]
        return ((self.digits and c.isdigit()) or (c in self.capitals if self.capitals else False)
                or ci_lower(tok) in self.first_words)

    def finditer(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        rx, words, digits, capitals = self.rx, self.first_words, self.digits, self.capitals
        resume = pos
        for t in _TOKEN.finditer(s, pos, endpos):
            p = t.start()
            if p < resume:
                continue
            tok = t.group()
            c = tok[0]
            if not ((digits and c.isdigit()) or (capitals and c in capitals) or ci_lower(tok) in words):
                continue
            m = rx.match(s, p, endpos)
            if m is not None:
                yield m
                resume = m.end()


# Patterns of the pack that are run through a GatedPattern (Resources.gated): those that seldom match where
# they are tried (measured on the realistic benchmark texts: most calls find none of the required literals).
_GATED = ("hyp_clause", "hyp_before", "denied_before", "background", "enemy", "new_event_cue", "facilitation",
          "actor_after", "meeting_after", "claimants/inverted")


_CACHE: dict[str, Resources] = {}


def resources_for(pack: LanguagePack) -> Resources:
    res = _CACHE.get(pack.code)
    if res is None or res.pack is not pack:
        res = Resources(pack)
        _CACHE[pack.code] = res
    return res
