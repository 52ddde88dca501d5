"""Who asserts each sentence: claimants found by "according to", "X said", "said X", pronouns and headline
trailers, with their affiliation (taxonomy.AFFILIATIONS) and party.

Speakers carry across a document: a pronoun ("he said") or an unattributed quotation takes the most
recent named speaker, and a person named once with a national title ("French President Emmanuel Macron")
keeps that party when named again by surname alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Claimant, Span
from ._resources import CONFLICT_PARTIES, Resources, party_by_id

_LEADING = frozenset((
    "meanwhile", "however", "on", "in", "at", "earlier", "later", "also", "but", "and", "yet", "still", "then",
    "now", "so", "while", "after", "before", "following", "since", "as", "when", "separately", "overnight",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "this", "that", "it", "there", "here", "during", "amid", "over", "under", "by", "if", "although",
))
_NOT_SPEAKER = frozenset(("it", "this", "that", "there", "which", "who", "what", "these", "those"))
_LOCAL_OFFICIAL = re.compile(r"(?i)\b(?:governor|mayor|regional|local|city|district|oblast|village|administration|"
                             r"emergency|police|prosecutor|rescuers|head\s+of|military\s+administration|council)\b")

_UN_MONITOR = re.compile(r"\bU\.?N\.?\b|united nations|hrmm|ohchr|unicef", re.I)

@dataclass(slots=True)
class Speaker:
    claimant: Claimant
    span: Span
    key: str  # surname or normalised name, to compare speakers across sentences
    is_person: bool = False
    local_official: bool = False
    inherited: bool = False


@dataclass(slots=True)
class SpeakerState:
    people: dict[str, str] = field(default_factory=dict)  # surname -> party id (from titles in the document)
    last_person: Speaker | None = None
    last: Speaker | None = None
    named: list[Speaker] = field(default_factory=list)  # named speakers so far, for "the ministry", "the team"
    conflict_parties: tuple[str, ...] = CONFLICT_PARTIES  # an official of one of them is a "party_official"


_DEFINITE = re.compile(r"(?i)^(?:the|this|that)\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)$")
_HEAD_SKIP = frozenset(("the", "of", "and", "for", "s", "’s", "'s"))
_WORD = re.compile(r"[\w’'-]+")
_LEAD_WORD = re.compile(r"\s*([\w’'.-]+)\s+")
_LEAD_DATE = re.compile(r"^(?:on\s+\w+\s+\d+|[\d\s,]+)\s*")


def _antecedent(name: str, state: SpeakerState) -> Speaker | None:
    """A bare definite noun phrase ("the ministry", "The team", "the General Staff") names the most recent
    speaker whose name contains all its words."""
    m = _DEFINITE.match(name)
    if not m:
        return None
    words = {w.lower() for w in _WORD.findall(m.group(1))} - _HEAD_SKIP
    if not words:
        return None
    for sp in reversed(state.named[-8:]):
        if sp.inherited:
            continue
        theirs = _name_words(sp.claimant.name)
        if sp.claimant.name.lower() != name.lower() and words <= theirs:
            return sp
    return None


_WORDS_MEMO: dict[str, frozenset[str]] = {}


def _name_words(name: str) -> frozenset[str]:
    """The lower-cased words of a speaker's name (memoised: a pure function of the string)."""
    w = _WORDS_MEMO.get(name)
    if w is None:
        w = frozenset(x.lower() for x in _WORD.findall(name))
        if len(_WORDS_MEMO) < 20_000:
            _WORDS_MEMO[name] = w
    return w


def _clean_np(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading adverbs/prepositions and trailing punctuation from a speaker noun phrase."""
    s = text[start:end]
    while True:
        m = _LEAD_WORD.match(s)
        if not m or m.group(1).lower() not in _LEADING:
            break
        # keep "The" only when it starts the phrase: "The regional administration"
        start += m.end()
        s = s[m.end():]
    m = _LEAD_DATE.match(s)
    if m and m.end() < len(s):
        start += m.end()
    while end > start and text[end - 1] in " ,.;:'\"”’)":
        end -= 1
    while start < end and text[start] in " ,.;:'\"“‘(":
        start += 1
    return start, end


def classify(res: Resources, name: str, state: SpeakerState, hits) -> tuple[str, str | None, bool, bool]:
    """(affiliation, party_id, is_person, is_local_official) for a speaker noun phrase."""
    low = name.lower()
    media = [h.code for h in hits if h.cat == "media"]
    official = any(h.cat == "official" for h in hits)
    party, _ = res.party_in(name)
    known = res.pack.words.get("known_people", {})
    tokens = _WORD.findall(name)
    surname = tokens[-1].lower() if tokens else ""
    is_person = False
    if surname in state.people:
        party = party or state.people[surname]
        is_person = True
    elif surname in known or low in known:
        party = party or known.get(surname) or known.get(low)
        is_person = True
    elif len(tokens) >= 2 and all(t[:1].isupper() for t in tokens[-2:]) and official:
        is_person = True  # "Governor Oleh Syniehubov"
    if party and official and len(tokens) >= 3 and tokens[-1][:1].isupper() and tokens[-2][:1].isupper():
        state.people.setdefault(surname, party)  # "French President Emmanuel Macron" -> macron: FR
        is_person = True
    local = bool(_LOCAL_OFFICIAL.search(name))
    if media:
        code = media[0]
        if code.startswith("party_aligned_media:"):
            return "party_aligned_media", code.split(":", 1)[1], False, False
        if code == "monitor":
            return "monitor", "UN" if _UN_MONITOR.search(name) else None, False, False
        return code, None, False, False
    if party:
        p = party_by_id(party)
        if p is not None and p.kind == "organisation" and party == "UN":
            return "monitor", party, is_person, local
        if official or is_person or name.strip() in res.party_surface:
            return ("party_official" if party in state.conflict_parties else "third_party_official"), party, is_person, local
        return "unknown", party, is_person, local
    if official:
        return "unknown", None, is_person, local
    return "unknown", None, is_person, local


_NAME_TOKEN = re.compile(r"[\w’'-]+")
_SOURCE_WORD = re.compile(r"(?i)official|authorit|ministry|source|said")
_PERSON_NAME = re.compile(r"(?:[A-ZÀ-Þ][\w’'-]+\s+){1,3}[A-ZÀ-Þ][\w’'-]+")


def _key(name: str) -> str:
    tokens = _NAME_TOKEN.findall(name)
    return tokens[-1].lower() if tokens else name.lower()


_NP_REACH = 170  # a speaker noun phrase (with its title and date) is never longer than this
# A speaker noun phrase and the words between it and its verb ("on March 12", "also", "in a statement") hold
# only letters, digits, spaces and . ’ ' & -: a comma, quote or bracket before the verb bounds where a subject
# match can start ("..., killing two people, officials said": only "officials said" is scanned), and one after
# the verb bounds where an inverted match ("..., said Governor X.") can end.
_NP_BREAK = re.compile(r"[^\w\s.’'&-]")


# the greedy ".*" backs off from ``pos`` to the last break character: its end without visiting every break
_UP_TO_LAST_BREAK = re.compile(r".*[^\w\s.’'&-]", re.S)


def _before_break(text: str, lo: int, pos: int) -> int:
    """The start of the run of noun-phrase characters that ends at ``pos`` (not before ``lo``): just after the
    last ``_NP_BREAK`` character of ``text[lo:pos]``, else ``lo``."""
    m = _UP_TO_LAST_BREAK.match(text, lo, pos)
    return lo if m is None else m.end()


def _after_break(text: str, pos: int, hi: int) -> int:
    """The end of the run of noun-phrase characters that starts at ``pos`` (not after ``hi``)."""
    m = _NP_BREAK.search(text, pos, hi)
    return m.start() if m is not None else hi


def _windowed(rx: re.Pattern[str], text: str, windows, lo: int, hi: int):
    """Matches of ``rx`` inside the merged ``windows`` [(start, end)] of a sentence, each widened to whole
    words."""
    if len(windows) == 1:  # one reporting verb in the sentence (the usual case): nothing to merge
        ws, we = windows[0]
        while ws > lo and text[ws - 1].isalnum():
            ws -= 1
        while we < hi and text[we].isalnum():
            we += 1
        return rx.finditer(text, ws, we)
    return _windowed_merged(rx, text, windows, lo, hi)


def _windowed_merged(rx: re.Pattern[str], text: str, windows, lo: int, hi: int):
    """``_windowed`` for several windows: merged where they overlap, then scanned in order."""
    wins: list[list[int]] = []
    for ws, we in windows:
        if wins and ws <= wins[-1][1]:
            wins[-1][1] = max(wins[-1][1], we)
        else:
            wins.append([ws, we])
    prev = lo
    for ws, we in wins:
        while ws > prev and text[ws - 1].isalnum():
            ws -= 1
        while we < hi and text[we].isalnum():
            we += 1
        yield from rx.finditer(text, ws, we)
        prev = we


def find_speakers(res: Resources, text: str, s_start: int, s_end: int, hits, state: SpeakerState,
                  is_headline: bool, cues: frozenset[str] | None = None) -> list[Speaker]:
    """The speakers of one sentence; ``hits`` are its lexicon hits, ``cues`` the codes of its "cue" hits
    (computed from ``hits`` when not given)."""
    if cues is None:
        cues = frozenset([h.code for h in hits if h.cat == "cue"])
    if "report" not in cues and not is_headline:
        return []  # no reporting verb and no headline trailer: no speaker (and nothing to remember)
    pats = res.pack.patterns["claimants"]
    statement_nouns = res.pack.words.get("statement_nouns", frozenset())
    found: list[Speaker] = []
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, pronoun: bool = False) -> None:
        a, b = _clean_np(text, a, b)
        if b - a < 2 or any(a < e and s < b for s, e in taken):
            return
        name = text[a:b]
        if name.lower() in _NOT_SPEAKER:
            return
        dm = _DEFINITE.match(name)
        if dm and dm.group(1).lower() in statement_nouns:
            taken.append((a, b))  # "The statement said": the publisher itself; no separate claimant
            return
        ante = None if pronoun else _antecedent(name, state)
        if ante is not None:
            sp = Speaker(ante.claimant, Span(a, b), ante.key, ante.is_person, ante.local_official, inherited=True)
            taken.append((a, b))
            found.append(sp)
            return
        if pronoun:
            ref = state.last_person or state.last
            if ref is None:
                return
            sp = Speaker(ref.claimant, Span(a, b), ref.key, ref.is_person, ref.local_official, inherited=True)
        else:
            inner = [h for h in hits if a <= h.start and h.end <= b]
            aff, party, is_person, local = classify(res, name, state, inner)
            if not (party or is_person or inner or _SOURCE_WORD.search(name)):
                # A capitalised phrase with no party, person or source word is not a speaker we can use
                # ("The initiative"), except for a person-like name of two capitalised words.
                if not _PERSON_NAME.fullmatch(name):
                    return
                is_person = True
            sp = Speaker(Claimant(name, aff, party), Span(a, b), _key(name), is_person, local)
        taken.append((a, b))
        found.append(sp)

    sent = text[s_start:s_end]
    if "report" in cues:
        if "according to" in sent.lower():
            for m in pats["according"].finditer(sent):
                add(s_start + m.start("c"), s_start + m.end("c"))
        # the speaker patterns end (subject, pronoun) or start (inverted) at a reporting verb: they run on short
        # windows around the verbs the lexicon pass found, not on the whole sentence
        verbs = [h for h in hits if h.cat == "cue" and h.code == "report"]
        subject = [(_before_break(text, max(s_start, h.start - _NP_REACH), h.start), h.end) for h in verbs]
        for m in _windowed(pats["subject"], text, subject, s_start, s_end):
            add(m.start("c"), m.end("c"))
        inverted = [(max(s_start, h.start - 6), _after_break(text, h.end, min(s_end, h.end + _NP_REACH)))
                    for h in verbs]
        for m in _windowed(res.gated["claimants/inverted"], text, inverted, s_start, s_end):
            add(m.start("c"), m.end("c"))
        pronoun = [(max(s_start, h.start - 30), h.end) for h in verbs]
        for m in _windowed(pats["pronoun"], text, pronoun, s_start, s_end):
            add(m.start("c"), m.end("c"), pronoun=True)
    if not found and is_headline:
        m = pats["trailer"].search(sent)
        if m and len(m.group("c").split()) <= 6:
            a, b = s_start + m.start("c"), s_start + m.end("c")
            inner = [h for h in hits if a <= h.start and h.end <= b]
            if inner or res.party_in(m.group("c"))[0]:
                add(a, b)
    for sp in found:
        state.last = sp
        if sp.is_person:
            state.last_person = sp
        if not sp.inherited:
            state.named.append(sp)
    return found
