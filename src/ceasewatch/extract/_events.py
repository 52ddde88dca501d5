"""Event mentions: find attack clauses in each sentence and fill every field with the span that justifies it.

The event-qualification rule: a clause is an event mention when it has a violence trigger (an attack noun or
verb such as "strike", "shelling", "attacked", or a casualty or damage verb with its figure) *and* at least
one specific element: a target, a casualty figure, an effect, an event place, or a specific time. "Russia is
killing every day" has a trigger but nothing specific, so it is no event. Qualified clauses are labelled with
a modality (asserted, denied, hypothetical, background); only asserted ones are incident candidates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..model import Actor, Count, DateRange, Effect, Mention, Span
from ..model.taxonomy import SUB_EVENT_TO_TYPE
from ._claimants import Speaker
from ._dates import TimeExpr
from ._places import PlaceHit, country_level
from ._resources import CONFLICT_PARTIES, Hit, PartyHit, Resources, party_by_id, word_automaton
from ._text import Sentence, split_clauses

_SAID_ON = re.compile(r"(?i)(?:said|told|stated|says|reported|announced|wrote|added|claimed|reporters)\s+(?:on\s+)?$")
_WS = re.compile(r"\s+")
_TOLL_UPDATE = re.compile(r"(?i)\b(?:rose|rises|risen|climbed|climbs|increased|jumped|reached|reaches)\b")
_CIVILIAN = re.compile(r"(?i)\bcivilians?\b")
_KILL_INJ = re.compile(r"(?i)kill|injur|wound")
_TOLL_KILLED = re.compile(r"(?i)death|dead|fatal|victim|toll$")
_TOLL_INJURED = re.compile(r"(?i)injur|wound")
_QTY_GAP_BEFORE = re.compile(r"[\s\w,]*")
_QTY_GAP_AFTER = re.compile(r"\s+(?:to|for|in|of)?\s*(?:some\s+|about\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?")
_POSSESSIVE_GAP = re.compile(r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?")
_VICTIM_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:civilians?|soldiers?|troops|servicemen|people|territory|soil|cities|"
                           r"city|town|village|region)")
_LOCATIVE_SHORT = re.compile(r"(?i)\b(?:in|across|over|into)\s+$")
KILL = re.compile(r"(?i)kill|dead|die|dying|perish|slain|lost|lives|fatal|death|bodies|gunned|toll")

METHOD_EVENT = {
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "aircraft": ("Explosions/Remote violence", "Air/drone strike"),
    "guided_aerial_bomb": ("Explosions/Remote violence", "Air/drone strike"),
    "missile": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "missile.cruise": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "missile.ballistic": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "artillery": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "mlrs": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "mortar": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "naval": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "mine": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "explosive": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "ground_assault": ("Battles", "Armed clash"),
    "small_arms": ("Battles", "Armed clash"),
}
# A more specific method refines a general one of the same family ("missile" -> "missile.cruise").
METHOD_RANK = {"missile": 0, "missile.cruise": 1, "missile.ballistic": 1}


@dataclass(slots=True)
class Casualty:
    kind: str  # killed / injured
    count: Count
    span: Span
    noun: str | None
    breakdown: bool
    other_nouns: tuple[str, ...] = ()  # nouns of coordinated groups summed into this figure ("soldiers")
    update: bool = False  # "the death toll rose to 14": supersedes an earlier figure
    parts: tuple[tuple[str | None, Count], ...] = ()  # the coordinated groups summed into it, (noun, figure)


@dataclass(slots=True)
class Draft:
    """A mention candidate with what the discourse pass needs to decide whether it continues an earlier one."""

    mention: Mention
    sent: Sentence
    speakers: list[Speaker]
    follow_on: bool  # refers back: a definite/pronoun/predicative reference, or no attack word of its own
    anaphoric: bool  # "the strike", "This is another Russian strike": points at an event already mentioned
    new_cue: bool  # "a second strike", "another attack", "later", "elsewhere"
    places: list[PlaceHit]  # stated places of the event clause(s)
    explicit_date: bool  # a specific time expression of the event (not the statement, not the default)
    content: bool  # casualties, effects, targets or a stated perpetrator
    qualified: bool  # a mention on its own (trigger + something specific)
    head: Span | None = None
    updates: frozenset[str] = frozenset()  # casualty kinds whose figure is an update ("the toll rose to 14")


@dataclass(slots=True)
class DocContext:
    text: str
    res: Resources
    published: date | None
    document_id: str
    sentences: list[Sentence]
    lex: list[Hit]
    lex_starts: list[int]
    parties: list[PartyHit]
    party_starts: list[int]
    times: list[TimeExpr]
    time_starts: list[int]
    places: Sequence[PlaceHit]  # a LazyPlaces in the pipeline: index it, read starts from place_starts
    place_starts: list[int]
    speakers: dict[int, list[Speaker]]  # sentence index -> speakers
    country_place: object | None
    warnings: list[str] = field(default_factory=list)
    datelines: list[tuple[int, int]] = field(default_factory=list)
    # sorted starts of every party-name occurrence (Resources.party_hits), None when not computed
    party_occurrences: list[int] | None = None
    lex_cat: dict[str, tuple[list[Hit], list[int]]] = field(default_factory=dict)  # per-category index of lex
    # per sentence (by index): its lexicon hits (``lex_in(s.start, s.end)``) and the codes of its "cue" hits,
    # computed once by the pipeline and shared by speakers, event mentions and positions
    sent_hits: list[list[Hit]] = field(default_factory=list)
    sent_cues: list[frozenset[str]] = field(default_factory=list)
    conflict_parties: tuple[str, ...] = CONFLICT_PARTIES  # the two sides: "the enemy" of one is the other

    def index_sentences(self) -> None:
        """Fill ``sent_hits`` and ``sent_cues`` for ``sentences`` (whose ``index`` is their list position)."""
        sents = self.sentences
        if any(sents[k].start > sents[k + 1].start for k in range(len(sents) - 1)):
            self.sent_hits = [self.lex_in(s.start, s.end) for s in sents]
        else:  # sentences in text order (as split_sentences gives them): one walk along the hits
            self.sent_hits = _hits_by_sentence(self.lex, sents)
        self.sent_cues = [frozenset([h.code for h in hits if h.cat == "cue"]) for hits in self.sent_hits]

    def lex_in(self, a: int, b: int, cat: str | None = None) -> list[Hit]:
        if cat is not None:
            idx = self.lex_cat.get(cat)
            if idx is None:
                idx = self.lex_cat[cat] = ([h for h in self.lex if h.cat == cat], [])
                idx[1].extend(h.start for h in idx[0])
            hits, starts = idx
            i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
            return [h for h in hits[i:j] if h.end <= b]
        i = bisect.bisect_left(self.lex_starts, a)
        out = []
        while i < len(self.lex) and self.lex[i].start < b:
            h = self.lex[i]
            if h.end <= b and (cat is None or h.cat == cat):
                out.append(h)
            i += 1
        return out

    def may_name_party(self, a: int, b: int) -> bool:
        """False only when no party name occurs in text[a:b] (a pattern holding the party alternation cannot
        match there)."""
        occ = self.party_occurrences
        if occ is None:
            return True
        i = bisect.bisect_left(occ, a)
        return i < len(occ) and occ[i] < b

    def parties_in(self, a: int, b: int) -> list[PartyHit]:
        i = bisect.bisect_left(self.party_starts, a)
        out = []
        while i < len(self.parties) and self.parties[i].start < b:
            if self.parties[i].end <= b:
                out.append(self.parties[i])
            i += 1
        return out

    def times_in(self, a: int, b: int) -> list[TimeExpr]:
        i = bisect.bisect_left(self.time_starts, a)
        out = []
        while i < len(self.times) and self.times[i].start < b:
            if self.times[i].end <= b:
                out.append(self.times[i])
            i += 1
        return out

    def places_in(self, a: int, b: int) -> list[PlaceHit]:
        i = bisect.bisect_left(self.place_starts, a)
        out = []
        # starts from place_starts: reading a place classifies it (LazyPlaces), only those inside are read
        while i < len(self.places) and self.place_starts[i] < b:
            if self.places[i].end <= b:
                out.append(self.places[i])
            i += 1
        return out


def _hits_by_sentence(lex: list[Hit], sentences: Sequence[Sentence]) -> list[list[Hit]]:
    """``[lex_in(s.start, s.end) for s in sentences]`` (the hits starting and ending inside each sentence, in
    order) for sentences sorted by start, with one pointer moving forward instead of a bisection per sentence."""
    out: list[list[Hit]] = []
    n = len(lex)
    i = 0
    for s in sentences:
        a, b = s.start, s.end
        while i < n and lex[i].start < a:
            i += 1
        hits = []
        j = i
        while j < n:
            h = lex[j]
            if h.start >= b:
                break
            if h.end <= b:
                hits.append(h)
            j += 1
        out.append(hits)
    return out


class _GateTable:
    """A gate table of the pack ("casualty_gates", "effect_gates": name -> words) as one Aho-Corasick automaton:
    ``open_in(low)`` is ``{name for name, words in table.items() if words is not None and any(w in low for w
    in words)}`` in one pass over ``low`` (the automaton reports every occurrence, overlapping ones included)
    instead of one alternation search per gate."""

    def __init__(self, table: dict[str, tuple[str, ...]]) -> None:
        self.table = table  # kept so that the id this is cached under cannot be reused by another dict
        names_of: dict[str, list[str]] = {}
        # an empty word occurs in every text, and an empty gate was the empty alternation, which matches every
        # text: those gates are always open
        self.always: frozenset[str] = frozenset(
            name for name, words in table.items() if words is not None and (not words or "" in words))
        for name, words in table.items():
            for w in words or ():
                if w:
                    names_of.setdefault(w, []).append(name)
        self.automaton = word_automaton(names_of)

    def open_in(self, low: str) -> set[str]:
        found = set(self.always)
        if self.automaton is not None:
            for _end, names in self.automaton.iter(low):
                found.update(names)
        return found


_GATE_TABLES: dict[int, _GateTable] = {}


def _open_gates(gates: dict[str, tuple[str, ...]], low: str) -> set[str]:
    """The names of the gates of ``gates`` that ``low`` (a lower-cased clause or sentence) opens."""
    t = _GATE_TABLES.get(id(gates))
    if t is None or t.table is not gates:
        t = _GATE_TABLES[id(gates)] = _GateTable(gates)
    return t.open_in(low)


# ------------------------------------------------------------------------------------------ casualties
def _count(g: dict, parse, suffix: str = "") -> Count | None:
    mod = g.get("mod" + suffix)
    mod = _WS.sub(" ", mod.lower()) if mod else ""
    if g.get("vague" + suffix):
        v = _WS.sub(" ", g["vague" + suffix].lower())
        low = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "several": 3, "a few": 2,
               "a number": 2, "multiple": 2, "many": 2, "numerous": 2}.get(v)
        return Count(low=low) if low else None
    if g.get("art" + suffix):
        return Count(1, 1, 1)
    n = parse(g.get("num" + suffix) or "")
    if n is None:
        return None
    n2 = parse(g.get("num2" + suffix) or "") if g.get("num2" + suffix) else None
    if n2 is not None and n2 > n:
        return Count(None, n, n2)
    if n2 is not None and n2 <= n and n2 != 0:
        return None  # "3 or 2": unreadable order; skip rather than guess
    if mod in ("at least", "not less than", "no fewer than", "no less than"):
        return Count(low=n)
    if mod in ("more than", "over", "upwards of", "in excess of"):
        return Count(low=n + 1)
    if mod in ("nearly", "almost", "close to", "up to", "as many as", "at most"):
        return Count(high=n)
    if mod in ("fewer than", "less than", "under"):
        return Count(high=max(n - 1, 0))
    if mod in ("about", "around", "approximately", "roughly", "some", "an estimated"):
        return Count(best=n)
    if n > 100000:
        return None  # not a casualty figure in a news report
    return Count(n, n, n)


def find_casualties(ctx: DocContext, a: int, b: int) -> list[Casualty]:
    pack = ctx.res.pack
    pats = pack.patterns["casualty"]
    text = ctx.text
    found: list[Casualty] = []
    used: list[tuple[int, int]] = []
    combatants = pack.words["combatants"]
    seg = text[a:b]
    low = seg.lower()
    gates = pack.patterns.get("casualty_gates", {})
    open_gates = _open_gates(gates, low)
    for name in ("toll", "left", "object", "subject", "noun"):
        if gates.get(name) is not None and name not in open_gates:
            continue
        for m in pats[name].finditer(seg):
            s, e = a + m.start(), a + m.end()
            if name == "object" and m.group("after"):
                e = a + m.start("after")
            if any(s < ue and us < e for us, ue in used):
                continue
            g = m.groupdict()
            c = _count(g, pack.parse_number)
            if c is None:
                continue
            if name == "toll":
                kind = "killed" if _TOLL_KILLED.search(g["what"]) and not _TOLL_INJURED.search(
                    g["what"]) else "injured"
            else:
                verb = g.get("verb") or ""
                kind = "killed" if KILL.search(verb) else "injured"
            noun = (g.get("noun") or "").lower() or None
            if noun is not None:
                noun = _WS.sub(" ", noun)
            # "killing five people, including two children": a breakdown, not more victims
            pre = text[max(a, s - 60):s]
            brk = bool(pack.patterns["breakdown"].search(pre)) and " and " not in pre.split("includ")[-1]
            other: tuple[str, ...] = ()
            parts: tuple[tuple[str | None, Count], ...] = ()
            if name == "subject" and not brk:
                cm = pack.patterns["coord_before"].search(text[max(a, s - 80):s])
                if cm and c.best is not None:
                    c2 = _count(cm.groupdict(), pack.parse_number, "c")
                    if c2 is not None and c2.best is not None:
                        other = (_WS.sub(" ", (cm.group("nounc") or "").lower()),)
                        parts = ((other[0], c2), (noun, c))
                        c = Count(c.best + c2.best, c.best + c2.best, c.best + c2.best)
                        s = max(a, s - 80) + cm.start()
            used.append((s, e))
            found.append(Casualty(kind, c, Span(s, e), noun, brk, other, parts=parts))
            if name == "toll" and _TOLL_UPDATE.search(m.group(0)):
                found[-1].update = True
            if noun in combatants:
                found[-1].noun = "combatant"
    found.sort(key=lambda c: c.span.start)
    return found


def find_parts(ctx: DocContext, a: int, b: int) -> list[tuple[str, Count, Span]]:
    """Parts of a casualty figure stated in [a, b): "including two children", "two children were among the
    dead" -> (noun, figure, span). Only civilian and child nouns (the pack's casualty_parts patterns)."""
    pack = ctx.res.pack
    gate = pack.patterns.get("casualty_part_gate")
    if gate is None or not gate.search(ctx.text, a, b):
        return []
    out = []
    for rx in pack.patterns["casualty_parts"]:
        for m in rx.finditer(ctx.text, a, b):
            c = _count(m.groupdict(), pack.parse_number, "p")
            if c is not None and c.known:
                out.append((m.group("nounp").lower(), c, Span(m.start(), m.end())))
    return out


def _sum_counts(counts: list[Count]) -> Count | None:
    if len(counts) == 1:
        return counts[0]
    if all(c.best is not None for c in counts):
        n = sum(c.best for c in counts)  # type: ignore[misc]
        return Count(n, n, n)
    return None


def _within(part: Count, whole: Count) -> bool:
    """A part's smallest figure does not exceed what the whole allows."""
    top = whole.high if whole.high is not None else whole.best
    lo = part.floor()
    return top is None or lo is None or lo <= top


def with_parts(cas: Casualty, parts: list[tuple[str, Count, Span]], civilian: frozenset, child: frozenset
               ) -> tuple[Count, list[Span], list[Span]]:
    """``cas``'s figure with the parts of it stated to be civilians and children (from its own noun, its
    coordinated groups, or a part stated after or among it), and the spans that say so."""
    groups = cas.parts or ((cas.noun, cas.count),)
    civ = [c for n, c in groups if n in civilian]
    kids = [c for n, c in groups if n in child]
    civ_count = _sum_counts(civ) if civ else None
    kid_count = _sum_counts(kids) if kids else None
    civ_spans = [cas.span] if civ_count is not None else []
    kid_spans = [cas.span] if kid_count is not None else []
    for noun, c, span in parts:
        if not _within(c, cas.count):
            continue
        if noun in child and kid_count is None:
            kid_count, kid_spans = c, [span]
        elif noun in civilian and civ_count is None:
            civ_count, civ_spans = c, [span]
    if civ_count is None and kid_count is None:
        return cas.count, [], []
    return replace(cas.count, civilians=civ_count, children=kid_count), civ_spans, kid_spans


def _owner(span: Span, *figures: Casualty | None) -> Casualty | None:
    """The figure a stated part belongs to: the nearest one ending before it, else the first one after it."""
    before = [f for f in figures if f is not None and f.span.start <= span.start]
    if before:
        return max(before, key=lambda f: f.span.start)
    after = [f for f in figures if f is not None]
    return min(after, key=lambda f: f.span.start) if after else None


def _best(casualties: list[Casualty], kind: str) -> Casualty | None:
    cands = [c for c in casualties if c.kind == kind and not c.breakdown]
    if not cands:
        return None
    return max(cands, key=lambda c: (c.count.floor() or 0, c.count.high or 0))


# ---------------------------------------------------------------------------------------- effects
def find_effects(ctx: DocContext, a: int, b: int) -> list[tuple[str, int | None, Span]]:
    pats = ctx.res.pack.patterns
    seg = ctx.text[a:b]
    low = seg.lower()
    gates = pats.get("effect_gates", {})
    open_gates = _open_gates(gates, low)
    out = []
    taken: list[tuple[int, int]] = []
    for code, rx in pats["effects"].items():
        if gates.get(code) is not None and code not in open_gates:
            continue
        for m in rx.finditer(seg):
            s, e = a + m.start(), a + m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            qty = None
            if code.endswith("_outage"):
                # "leaving 12,000 households without power", "cut power to 12,000 homes": the figure is
                # next to the outage phrase, in the same clause
                ws = max(a, s - 45)
                for q in pats["outage_quantity"].finditer(ctx.text[ws:min(b, e + 45)]):
                    qs, qe = ws + q.start(), ws + q.end()
                    if qe <= s + 1 and _QTY_GAP_BEFORE.fullmatch(ctx.text, qe, s) or qs >= e - 1 and \
                            _QTY_GAP_AFTER.fullmatch(ctx.text, e, qs):
                        qty = ctx.res.pack.parse_number(q.group("n"))
                        if qty is not None:
                            Span(min(s, qs), max(e, qe))
                        break
            out.append((code, qty, Span(s, e)))
    return out


# ------------------------------------------------------------------------------------------- helpers
def _is_trigger(h: Hit) -> bool:
    return h.cat == "attack"


def _clause_groups(ctx: DocContext, sent: Sentence, sent_attack: list[Hit] | None = None
                   ) -> list[tuple[list[tuple[int, int]], bool]]:
    """Clauses grouped into event candidates: a clause with an attack word starts a group; a clause with only
    casualty/damage content joins the preceding group. ``sent_attack``: the sentence's attack hits, when known
    (a clause's are among them)."""
    clauses = split_clauses(ctx.text, sent.start, sent.end, ctx.res.pack.patterns["clause_boundary"])
    if sent_attack is None:
        sent_attack = ctx.lex_in(sent.start, sent.end, "attack")
    groups: list[list[tuple[int, int]]] = []
    flags: list[bool] = []
    for a, b in clauses:
        # what bool(ctx.lex_in(a, b, "attack")) says, from the sentence's hits
        has_attack = any(a <= h.start < b and h.end <= b for h in sent_attack)
        if has_attack or not groups:
            groups.append([(a, b)])
            flags.append(has_attack)
        else:
            groups[-1].append((a, b))
    return list(zip(groups, flags, strict=True))


def _gap_ok(rx: re.Pattern[str], gap: str) -> bool:
    return len(gap) <= 45 and "," not in gap and bool(rx.match(gap))


def _perpetrator(ctx: DocContext, spans, triggers: list[Hit], methods: list[Hit], casualties: list[Casualty],
                 excluded: list[Span]) -> tuple[Actor | None, list[Span]]:
    res = ctx.res
    text = ctx.text
    heads = sorted([*triggers, *methods], key=lambda h: h.start)
    locative = res.pack.patterns["locative_before"]
    for a, b in spans:
        for p in ctx.parties_in(a, b):
            if any(x.start <= p.start < x.end for x in excluded):
                continue
            if p.kind != "demonym" and locative.search(text[max(0, p.start - 40):p.start]):
                continue  # "in eastern Ukraine kills four": a place, not an agent
            # "Russian drone strikes", "Ukrainian forces shelled", "Russia's missile attack"
            nxt = next((h for h in heads if h.start >= p.end), None)
            if nxt is not None and _gap_ok(res.force_gap, text[p.end:nxt.start]):
                # the party word must not modify a victim or target ("Ukrainian energy targets")
                if not ctx.lex_in(p.end, nxt.start, "target"):
                    return Actor(_party_name(p.party_id), "stated", p.party_id), [Span(p.start, p.end)]
            # "Russian troops killed three civilians"
            obj = next((c for c in casualties if c.span.start >= p.end), None)
            if obj is not None and _KILL_INJ.match(text, obj.span.start, obj.span.end):
                if _gap_ok(res.force_gap, text[p.end:obj.span.start]):
                    return Actor(_party_name(p.party_id), "stated", p.party_id), [Span(p.start, p.end)]
            # "strike by Moscow", "shelling by Ukrainian troops"
            prev = [h for h in heads if h.end <= p.start]
            if prev and res.agent_gap.match(text[prev[-1].end:p.start]):
                return Actor(_party_name(p.party_id), "stated", p.party_id), [Span(p.start, p.end)]
        seg = text[a:b]
        may = res.accusation_gate.may_match(seg)  # False only where the pattern cannot match
        for rx, ok in zip(res.accusations, may, strict=True):
            m = rx.search(seg) if ok else None
            if m:
                pid = res.party_surface[m.group("party")][0]
                s = a + m.start("party")
                return Actor(_party_name(pid), "stated", pid), [Span(s, s + len(m.group("party")))]
    return None, []


def _party_name(pid: str) -> str:
    p = party_by_id(pid)
    return p.name if p else pid


def _other_side(pid: str | None, sides: tuple[str, ...]) -> str | None:
    if pid in sides and len(sides) == 2:
        return sides[1 - sides.index(pid)]
    return None


def _modality(ctx: DocContext, clause_start: int, clause_end: int, trigger_start: int, trigger_end: int,
              date_rng: DateRange | None) -> tuple[str, Span | None]:
    pats = ctx.res.pack.patterns
    text = ctx.text
    before = text[max(clause_start, trigger_start - 70):trigger_start]
    after = text[trigger_end:min(clause_end, trigger_end + 50)]
    clause = text[clause_start:clause_end]
    gated = ctx.res.gated  # the same matches, without running patterns on text that lacks their literals
    m = gated["hyp_clause"].match(clause)
    if m:
        return "hypothetical", Span(clause_start + m.start(), clause_start + m.end())
    m = gated["hyp_before"].search(before)
    if m:
        s = trigger_start - len(before) + m.start()
        return "hypothetical", Span(s, trigger_end)
    m = pats["hyp_after"].match(after)
    if m:
        return "hypothetical", Span(trigger_start, trigger_end + m.end())
    m = gated["denied_before"].search(before)
    if m:
        s = trigger_start - len(before) + m.start()
        return "denied", Span(s, trigger_end)
    m = gated["background"].search(clause)
    if m:
        return "background", Span(clause_start + m.start(), clause_start + m.end())
    if date_rng is not None and ctx.published is not None and date_rng.end < ctx.published - timedelta(days=31):
        return "background", None
    return "asserted", None


def _speech_time(ctx: DocContext, t: TimeExpr, speakers: list[Speaker]) -> bool:
    """A time expression that dates the statement rather than the event ("said on Friday", "X on March 27
    called on ...") or the filing of a wire story ("KYIV, March 24 (Reuters) -")."""
    if any(a <= t.start < b for a, b in ctx.datelines):
        return True
    before = ctx.text[max(0, t.start - 25):t.start]
    if ctx.res.report_verb_re.search(before) and _SAID_ON.search(before):
        return True
    if ctx.res.report_verb_after.match(ctx.text, t.end, t.end + 30):
        return True
    return any(sp.span.end <= t.start and t.start - sp.span.end <= 5 for sp in speakers)


def _fix_local(m: Mention, speakers: list[Speaker], party: str | None, sides: tuple[str, ...]) -> None:
    """A governor, mayor or regional administration without a stated nationality is an official of the
    side whose territory the event is on."""
    if party not in sides:
        return
    fixed = []
    for c in m.claimants:
        sp = next((s for s in speakers if s.claimant is c or s.claimant == c), None)
        if c.party_id is None and sp is not None and sp.local_official:
            c = replace(c, affiliation="party_official", party_id=party)
        fixed.append(c)
    m.claimants = fixed


# ------------------------------------------------------------------------------------------ mentions
def sentence_mentions(ctx: DocContext, sent: Sentence, counter: list[int],
                      prev_speakers: list[list[Speaker]]) -> list[Draft]:
    text = ctx.text
    speakers = ctx.speakers.get(sent.index, [])
    # the sentence's hits of one category, in lexicon order: what lex_in(start, end, "attack") returns
    sent_attack = [h for h in ctx.sent_hits[sent.index] if h.cat == "attack"]
    cues = ctx.sent_cues[sent.index]
    if not sent_attack and "casualty" not in cues and "damage" not in cues:
        return []
    casualties_all = find_casualties(ctx, sent.start, sent.end) if "casualty" in cues else []
    effects_all = find_effects(ctx, sent.start, sent.end)
    if not sent_attack and not casualties_all and not any(c in ("damaged", "destroyed") for c, _, _ in effects_all):
        return []
    claimant_spans = [sp.span for sp in speakers]
    groups = _clause_groups(ctx, sent, sent_attack)
    out: list[Draft] = []
    event_spans: list[tuple[int, int]] = []
    drafts = []
    for spans, _has_attack in groups:
        ga, gb = spans[0][0], spans[-1][1]
        triggers = [h for a, b in spans for h in ctx.lex_in(a, b, "attack")]
        casualties = [c for c in casualties_all if ga <= c.span.start < gb]
        effects = [e for e in effects_all if ga <= e[2].start < gb]
        if not triggers and not casualties and not any(c in ("damaged", "destroyed") for c, _, _ in effects):
            continue
        drafts.append((spans, triggers, casualties, effects))
        event_spans.append((ga, gb))

    sent_times = ctx.times_in(sent.start, sent.end)
    speech_memo: dict[int, bool] = {}

    def is_speech_time(t: TimeExpr) -> bool:
        """_speech_time, once per time expression of the sentence (each group asks about the same ones)."""
        v = speech_memo.get(t.start)
        if v is None:
            v = speech_memo[t.start] = _speech_time(ctx, t, speakers)
        return v

    for spans, triggers, casualties, effects in drafts:
        ga, gb = spans[0][0], spans[-1][1]
        m = Mention(id="", document_id=ctx.document_id, sentence=Span(sent.start, sent.end),
                    text=text[sent.start:sent.end])
        methods = [h for a, b in spans for h in ctx.lex_in(a, b, "method")]
        targets_hits = [h for a, b in spans for h in ctx.lex_in(a, b, "target")]
        # the trigger that heads the event (first attack word, else the first casualty/damage phrase)
        if triggers:
            head = Span(triggers[0].start, triggers[0].end)
        elif casualties:
            head = casualties[0].span
        else:
            head = next(e[2] for e in effects if e[0] in ("damaged", "destroyed"))

        # method and event type
        if methods:
            first = methods[0]
            method = first.code
            fam = method.split(".")[0]
            for h in methods:
                if h.code.split(".")[0] == fam and METHOD_RANK.get(h.code, 0) > METHOD_RANK.get(method, 0):
                    method = h.code
            m.method = method
            for h in methods:
                if h.code.split(".")[0] == method.split(".")[0]:
                    m.add_evidence("method", Span(h.start, h.end))
            et, sub = METHOD_EVENT.get(method, (None, None))
        else:
            et, sub = None, None
        if et is None and triggers:
            codes = {h.code for h in triggers}
            if "clash" in codes:
                et, sub = "Battles", "Armed clash"
            elif codes & {"strike", "shelling", "launch"}:
                et = "Explosions/Remote violence"
                sub = "Shelling/artillery/missile attack" if "shelling" in codes else None
        # killed / injured
        killed = _best(casualties, "killed")
        injured = _best(casualties, "injured")
        if killed or injured:
            parts = find_parts(ctx, ga, gb)
            words = ctx.res.pack.words
            civ_nouns, child_nouns = words.get("civilian_nouns", frozenset()), words.get("child_nouns", frozenset())
            for kind, cas in (("killed", killed), ("injured", injured)):
                if cas is None:
                    continue
                # a stated part belongs to the nearest figure before it ("killed 4 and injured 12, among them
                # three children": the injured), or to the first after it ("two children were among the dead")
                mine = [pt for pt in parts if _owner(pt[2], killed, injured) is cas]
                count, civ_spans, kid_spans = with_parts(cas, mine, civ_nouns, child_nouns)
                setattr(m, kind, count)
                m.add_evidence(kind, cas.span)
                for sp in civ_spans:
                    m.add_evidence(f"{kind}_civilians", sp)
                for sp in kid_spans:
                    m.add_evidence(f"{kind}_children", sp)
        updates = frozenset(c.kind for c in (killed, injured) if c is not None and c.update)
        # targets
        targets: list[str] = []
        tspans: dict[str, list[Span]] = {}
        for h in targets_hits:
            # a target noun right after a party-less "to"/"not to" of a commitment is still a target of the
            # clause; modality decides whether the clause is an event.
            targets.append(h.code)
            tspans.setdefault(h.code, []).append(Span(h.start, h.end))
        victims = [c for c in casualties if not c.breakdown]
        combatant_nouns = ctx.res.pack.words["combatants"]
        coord_mil = [c for c in victims if any(n in combatant_nouns for n in c.other_nouns)]
        coord_civ = [c for c in victims if any(n not in combatant_nouns for n in c.other_nouns)]
        # "civilian(s)" in the group's clauses; the regex runs only where the lower-cased word occurs
        civ_words = [mm for a, b in spans if "civilian" in text[a:b].lower() for mm in _CIVILIAN.finditer(text, a, b)]
        if any(c.noun != "combatant" for c in victims) or civ_words or coord_civ:
            targets.append("civilians")
            for c in victims:
                if c.noun != "combatant" or c in coord_civ:
                    tspans.setdefault("civilians", []).append(c.span)
            for mm in civ_words:
                tspans.setdefault("civilians", []).append(Span(mm.start(), mm.end()))
        if any(c.noun == "combatant" for c in victims) or coord_mil:
            targets.append("military")
            for c in victims:
                if c.noun == "combatant" or c in coord_mil:
                    tspans.setdefault("military", []).append(c.span)
        uniq: list[str] = []
        for t in targets:
            if t not in uniq:
                uniq.append(t)
        # drop a parent code when a child is present ("energy" + "energy.power.substation")
        uniq = [t for t in uniq if not any(o != t and o.startswith(t + ".") for o in uniq)]
        m.targets = uniq
        for t in uniq:
            for s in tspans.get(t, []):
                m.add_evidence("targets", s)
        # effects
        seen_codes = set()
        for code, qty, span in effects:
            if code in seen_codes:
                continue
            seen_codes.add(code)
            m.effects.append(Effect(code, qty))
            m.add_evidence("effects", span)
        if any(e.code == "destroyed" for e in m.effects):
            m.effects = [e for e in m.effects if e.code != "damaged" or e.quantity]

        # places of the event
        span_places = [p for a, b in spans for p in ctx.places_in(a, b) if p.excluded is None]  # read once
        in_claimant = [p for p in span_places if any(c.start <= p.start < c.end for c in claimant_spans)]
        places = [p for p in span_places if p not in in_claimant] if in_claimant else span_places
        if not places:
            others = [p for p in ctx.places_in(sent.start, sent.end)
                      if p.excluded is None and p.place.precision < 6
                      and not any(a <= p.start < b for a, b in event_spans)
                      and not any(c.start <= p.start < c.end for c in claimant_spans)]
            places = others or [p for p in in_claimant if p.place.precision < 6
                                and p.surface not in ctx.res.party_surface]

        # specific time
        times = [t for a, b in spans for t in ctx.times_in(a, b)]
        generic = any(t.generic for t in times)
        specific = [t for t in times if t.range is not None and not is_speech_time(t)]
        if not specific:
            specific = [t for t in sent_times
                        if t.range is not None and not any(a <= t.start < b for a, b in event_spans)
                        and not is_speech_time(t)]
        speech = [t for t in sent_times if t.range is not None and is_speech_time(t)]

        # qualification: a trigger plus something specific
        has_specific = bool(m.targets or m.killed.known or m.injured.known or m.effects or places or specific)
        # discourse cues: does this candidate refer back to an event already mentioned?
        pats = ctx.res.pack.patterns
        window = text[max(sent.start, head.start - 60):head.start]
        predicative = bool(pats["predicative_anaphor"].match(text[sent.start:head.start]))
        head_word = text[head.start:head.end]
        noun_head = bool(triggers) and (not pats["verb_trigger"].search(head_word) or head_word.lower() in (
            "shelling", "bombing", "fighting", "bombing", "firing", "shooting"))
        anaphoric = bool(triggers) and (predicative or (noun_head and bool(pats["anaphor_before"].search(window))))
        new_cue = bool(triggers) and not predicative and bool(ctx.res.gated["new_event_cue"].search(window))
        follow_on = anaphoric or not triggers
        if not has_specific and not anaphoric:
            continue
        del generic

        if specific:
            t = specific[0]
            m.date = t.range
            m.add_evidence("date", Span(t.start, t.end))
        elif speech:
            t = speech[0]
            r = t.range
            m.date = DateRange(r.start - timedelta(days=1), r.end, max(2, r.precision))
            m.add_evidence("date", Span(t.start, t.end))
        elif ctx.published is not None:
            m.date = DateRange(ctx.published - timedelta(days=1), ctx.published, 2)
            m.add_evidence("date", head)

        # modality (uses the trigger nearest the start of the group)
        mod, mspan = _modality(ctx, ga, gb, head.start, head.end, m.date if specific else None)
        m.modality = mod  # type: ignore[assignment]
        if mspan is not None:
            m.add_evidence("modality", mspan)

        m.event_type, m.sub_event_type = et, sub
        if et is not None:
            for h in triggers[:1] or methods[:1]:
                m.add_evidence("event_type", Span(h.start, h.end))
            if not m.evidence.get("event_type"):
                m.add_evidence("event_type", head)
        if et == "Battles" and m.method == "small_arms" and "civilians" in m.targets and not any(
                h.code == "clash" for h in triggers):
            m.event_type, m.sub_event_type = "Violence against civilians", "Attack"
        if m.sub_event_type is not None:
            assert SUB_EVENT_TO_TYPE[m.sub_event_type] == m.event_type

        # claimants
        for sp in speakers:
            if sp.claimant not in m.claimants:
                m.claimants.append(sp.claimant)
                m.add_evidence("claimants", sp.span)

        # local officials speak for the side whose territory the event is on
        place_party = next((p.place.country_code for p in places
                            if p.place.country_code and party_by_id(p.place.country_code)), None)
        _fix_local(m, speakers, place_party, ctx.conflict_parties)

        # perpetrator: stated in the clause; else "the enemy" in a party's statement (inferred); else the
        # same speaker's accusation in one of the two preceding sentences (stated, with the reason).
        perp, pspans = _perpetrator(ctx, spans, triggers, methods, casualties, claimant_spans)
        if perp is None:
            for a, b in spans:
                em = ctx.res.gated["enemy"].search(text, a, b)
                if em:
                    party = next((c.party_id for c in m.claimants if c.party_id in ctx.conflict_parties), None)
                    other = _other_side(party, ctx.conflict_parties)
                    if other:
                        perp = Actor(_party_name(other), "inferred", other,
                                     reason=f"'{em.group(0).strip()}' in a statement by a {party} source")
                        pspans = [Span(em.start(), em.end())]
                    break
        if perp is None and speakers:
            keys = {sp.key for sp in speakers}
            for prev in prev_speakers[-2:][::-1]:
                for sp in prev:
                    if sp.key not in keys:
                        continue
                    # find an accusation in that sentence
                    ps = next(s for s in ctx.sentences if s.start <= sp.span.start < s.end)
                    seg = text[ps.start:ps.end]
                    for rx in ctx.res.accusations:
                        am = rx.search(seg)
                        if am:
                            pid = ctx.res.party_surface[am.group("party")][0]
                            s0 = ps.start + am.start("party")
                            perp = Actor(_party_name(pid), "stated", pid,
                                         reason=f"blamed by the same speaker ({sp.claimant.name}) in an adjacent "
                                                f"sentence: '{am.group(0)}'")
                            pspans = [Span(s0, s0 + len(am.group("party"))), Span(ps.start + am.start(),
                                                                                   ps.start + am.end())]
                            break
                    if perp:
                        break
                if perp:
                    break
        if perp is not None:
            m.perpetrator = perp
            for s in pspans:
                m.add_evidence("perpetrator", s)

        # affected party: a party word modifying the object of the attack ("destroyed Russian tanks near Bakhmut":
        # the front-line place's country is not the side hit), a place's country, a party word modifying a victim
        # or target, else the other side
        affected, aspan = None, None
        first_trigger = min((h.start for h in (*triggers, *methods)), default=None)
        modifiers = []  # (party id, span, whether it follows the event trigger, i.e. names the object)
        for a, b in spans:
            for p in ctx.parties_in(a, b):
                if any(c.start <= p.start < c.end for c in claimant_spans) or p.party_id == (perp and perp.party_id):
                    continue
                tail = text[p.end:p.end + 40]
                if _POSSESSIVE_GAP.match(tail) and (
                        ctx.lex_in(p.end, p.end + 40, "target") or _VICTIM_AFTER.match(tail)
                        or _LOCATIVE_SHORT.search(text[max(0, p.start - 8):p.start])):
                    modifiers.append((p.party_id, Span(p.start, p.end),
                                      first_trigger is not None and p.start > first_trigger))
        # (a side of the conflict: "destroyed German tanks" names where the tanks came from, not who was hit)
        obj = next((mo for mo in modifiers if mo[2] and mo[0] in ctx.conflict_parties), None)
        if obj is not None:
            affected, aspan = obj[0], obj[1]
        if affected is None:
            for p in places:
                cc = p.place.country_code
                if cc and party_by_id(cc):
                    affected, aspan = cc, Span(p.start, p.end)
                    break
        if affected is None and modifiers:
            affected, aspan = modifiers[0][0], modifiers[0][1]
        domestic = bool(pspans) and bool(ctx.res.pack.patterns["domestic_force_after"].match(
            text[pspans[0].end:pspans[0].end + 40]))
        if affected is None and perp is not None and not domestic:
            affected = _other_side(perp.party_id, ctx.conflict_parties)
            aspan = pspans[0] if pspans else None
            # prefer a word that names the affected side in the sentence ("according to Ukrainian officials")
            named = [p for p in ctx.parties_in(sent.start, sent.end) if p.party_id == affected]
            if affected and named:
                aspan = Span(named[0].start, named[0].end)
        m.affected_party = affected
        if affected and aspan:
            m.add_evidence("affected_party", aspan)

        # places: stated ones, else the affected party's country (inferred, precision 6)
        add_place_hits(m, places)
        if not m.places and affected:
            party = party_by_id(affected)
            if party is not None and party.iso3166:
                m.places.append(country_level(ctx.country_place, party.iso3166, party.name))
                if aspan:
                    m.add_evidence("places", aspan)

        _fix_local(m, speakers, affected, ctx.conflict_parties)

        counter[0] += 1
        m.id = f"{ctx.document_id}:m{counter[0]}"
        content = bool(m.targets or m.killed.known or m.injured.known or m.effects
                       or (m.perpetrator is not None and m.perpetrator.basis == "stated"))
        out.append(Draft(m, sent, speakers, follow_on, anaphoric, new_cue, [p for p in places if p.place.precision < 6],
                         bool(specific), content, has_specific, head, updates))
    return out


def add_place_hits(m: Mention, hits: Iterable[PlaceHit]) -> None:
    """Give ``m`` each place found once (same name and GeoNames id = same place), with its span."""
    seen = {(p.name, p.geonames_id) for p in m.places}
    for h in hits:
        key = (h.place.name, h.place.geonames_id)
        if key not in seen:
            seen.add(key)
            m.places.append(h.place)
            m.add_evidence("places", Span(h.start, h.end))
