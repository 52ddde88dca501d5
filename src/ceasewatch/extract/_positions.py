"""Positions (who proposes, supports, opposes, conditions or has not decided on what) and Pledges (money,
troops, equipment, facilitation) from statements.

The speaker of a stance is the noun phrase the pattern names, else the sentence's speaker ("he said", the
quotation's attribution). Anaphoric proposals ("It is not unanimous", "the initiative") take the most
recent proposal of the document. A speaker list ("France and the United Kingdom") gives one Position per
party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Amount, Pledge, Position, Span
from ._claimants import Speaker, SpeakerState, _clean_np
from ._resources import party_by_id

_QUOTE_CHARS = " \"“”‘’'«»,;:."
_ARTICLES = re.compile(r"(?i)^(?:a|an|the|these|this|those|its|their|his|her)\s+")
# "\b(?:We|we|our|Our|I|us)\b" with the opening "\b" as a look-behind after each first letter (no two
# alternatives share one): the pattern opens with a set of letters, which the engine scans for at C speed
_FIRST_PERSON = re.compile(r"(?:W(?<!\wW)e|w(?<!\ww)e|o(?<!\wo)ur|O(?<!\wO)ur|I(?<!\wI)|u(?<!\wu)s)\b")
# The unit words of the troops pattern: it runs only on sentences holding one of them (lower-cased)
_TROOP_UNITS = ("troops", "soldiers", "peacekeepers", "personnel", "servicemen")
# compiled once (module-level ``re.*`` calls look each pattern up in re's cache on every call)
_ARTICLE_QUOTE = re.compile(r"(?i)(?:a|an|the)\s+[\"“‘'«]")
_QUOTE_MARKS = re.compile(r"[\"“”‘’'«»]")
_SPACES = re.compile(r"\s+")
_PLURAL_S = re.compile(r"(?<=\w)s\b")
_WE_I = re.compile(r"(?i)we|i")
_WE_OUR_US = re.compile(r"(?i)\b(?:we|our|us)\b")

_JOINERS_ONLY = re.compile(r"(?i)[\s,&/–-]*(?:(?:and|the)[\s,&/–-]*)*")
_LIST_SEP = re.compile(r"\band\b|,|&")
_AND = re.compile(r"\s+and\s+")
_NAME_TOKEN = re.compile(r"[\w’'-]+")
_SUBJECT_IS_A = re.compile(r"\s*(?P<s>[^,;:]+?)\s+(?:is|are|was|were)\s+(?:a|an|the)\s*$")
_ITEM_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+")
_TROOP_SUBJECT = re.compile(r"\s*(?P<s>[^,;:]+?)(?:,|\s+(?:which|that|would|could|will|has|have|is|are))")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")

@dataclass(slots=True)
class Discourse:
    topic: str | None = None  # the most recent proposal
    topic_span: Span | None = None
    proposers: list[tuple[str, str | None]] = field(default_factory=list)
    recipient: tuple[str, str, Span] | None = None  # (name, party id, span) of the last aid recipient
    # sentences (text, offset) that may name an aid recipient and are not scanned yet: the recipient is read
    # only when a pledge is built, so the scan waits until then (``_last_recipient``)
    pending: list[tuple[str, int]] = field(default_factory=list)


def _clean(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _QUOTE_CHARS:
        a += 1
    m = _ARTICLE_QUOTE.match(text[a:b])
    if m:
        a += m.end()
    while b > a and text[b - 1] in _QUOTE_CHARS:
        b -= 1
    return a, b


def _norm(s: str) -> str:
    s = _QUOTE_MARKS.sub("", s.lower())
    s = _ARTICLES.sub("", s.strip())
    s = _SPACES.sub(" ", s)
    return _PLURAL_S.sub("", s)


def _speakers_of(res, text: str, a: int, b: int, state: SpeakerState) -> list[tuple[str, str | None, Span]]:
    """A speaker phrase split into parties/people: 'France and the United Kingdom' -> two entries."""
    phrase = text[a:b]
    parties = list(res.party_re.finditer(phrase))
    rest = res.party_re.sub("", phrase)
    if parties and _JOINERS_ONLY.fullmatch(rest):
        # "France and the United Kingdom", "French-British": one entry per party
        result: list[tuple[str, str | None, Span]] = []
        for m in parties:
            pid = res.party_surface[m.group(0)][0]
            p = party_by_id(pid)
            if pid not in [o[1] for o in result]:
                result.append((p.name if p else m.group(0), pid, Span(a + m.start(), a + m.end())))
        return result
    people = state.people
    known = res.pack.words.get("known_people", {})
    out: list[tuple[str, str | None, Span]] = []
    if len(parties) >= 2 and _LIST_SEP.search(phrase):
        for m in parties:
            pid = res.party_surface[m.group(0)][0]
            p = party_by_id(pid)
            out.append((p.name if p else m.group(0), pid, Span(a + m.start(), a + m.end())))
        return out
    parts = _AND.split(phrase) if " and " in phrase else [phrase]
    if len(parts) == 2 and all(p.strip()[:1].isupper() for p in parts):
        pos = a
        for part in parts:
            s = text.index(part, pos, b + 1)
            pos = s + len(part)
            out.extend(_one(res, text, s, s + len(part), people, known))
        return out
    return _one(res, text, a, b, people, known)


def _one(res, text, a, b, people, known):
    name = text[a:b].strip()
    pid, _ = res.party_in(name)
    tokens = _NAME_TOKEN.findall(name)
    sur = tokens[-1].lower() if tokens else ""
    if pid is None:
        pid = people.get(sur) or known.get(sur)
    return [(name, pid, Span(a, b))]


def extract_positions(ctx, sentences, speakers_by_sentence: dict[int, list[Speaker]], state: SpeakerState
                      ) -> tuple[list[Position], list[Pledge]]:
    text = ctx.text
    res = ctx.res
    pats = res.pack.patterns
    doc_id = ctx.document_id
    positions: list[Position] = []
    pledges: list[Pledge] = []
    seen: set[tuple] = set()
    disc = Discourse()
    block_we: dict[int, tuple[str, Span]] = {}
    last_speaker: Speaker | None = None

    def add_position(speaker, pid, sp_span, stance, proposal, prop_span, cond=None, cond_span=None, extra=None):
        key = (pid or speaker.lower(), stance, _norm(proposal))
        if key in seen:
            return
        seen.add(key)
        pos = Position(speaker=speaker, proposal=proposal, stance=stance, party_id=pid, condition=cond,
                       document_id=doc_id)
        if sp_span:
            pos.evidence["speaker"] = [sp_span]
        if prop_span:
            pos.evidence["proposal"] = [prop_span]
        if cond_span:
            pos.evidence["condition"] = [cond_span]
        if extra:
            pos.evidence["stance"] = [extra]
        positions.append(pos)

    # the speaker of each quotation: that of its first sentence with a speaker
    quote_speaker: dict = {}
    for other in sentences:
        if other.quote is not None and other.quote not in quote_speaker and speakers_by_sentence.get(other.index):
            quote_speaker[other.quote] = speakers_by_sentence[other.index][0]

    # The remembered aid recipient is read only when a pledge is built, on a sentence with a "pledge" cue:
    # sentences after the last such sentence need no recipient scan.
    last_pledge = max((s.index for s in sentences if "pledge" in ctx.sent_cues[s.index]), default=-1)
    for sent in sentences:
        s0, s1 = sent.start, sent.end
        seg = text[s0:s1]
        sps = speakers_by_sentence.get(sent.index) or []
        if sps:
            last_speaker = sps[0]
        we = res.as_party_we.search(seg) if "As" in seg else None  # the pattern opens with a literal "As"
        if we:
            pid = res.party_surface[we.group("party")][0]
            block_we[sent.block] = (pid, Span(s0 + we.start("party"), s0 + we.end("party")))
        # remember aid recipients ("reinforce Ukraine", "aid to Ukraine"), scanned when a pledge reads one
        # (the recipient pattern holds the party alternation: no party name in the sentence, no match)
        if sent.index <= last_pledge and ctx.may_name_party(s0, s1):
            disc.pending.append((seg, s0))
        cues = ctx.sent_cues[sent.index]
        if "position" not in cues and "pledge" not in cues:
            continue  # neither stances nor pledges are looked for: the sentence's speaker is not needed
        # the sentence's own speaker, else the quotation's (found on another sentence of the quote)
        speaker = sps[0] if sps else None
        if speaker is None and sent.quote is not None:
            speaker = quote_speaker.get(sent.quote)
        if speaker is None and (sent.quote is not None or _FIRST_PERSON.search(seg)):
            speaker = last_speaker  # an unattributed quotation or first-person statement: the last speaker

        def default_speaker(speaker=speaker, block=sent.block, seg=seg):
            """The sentence's speaker; "As Türkiye, we ..." earlier in the paragraph names its party."""
            if speaker is None:
                return None
            c = speaker.claimant
            pid = c.party_id
            if block in block_we and _WE_OUR_US.search(seg):
                pid = block_we[block][0]
            return (c.name, pid, speaker.span)

        # only the keys whose literals occur are searched (the gate only skips keys that cannot match), in
        # stance and template order as before
        for kid in (res.position_key_gate.matching(seg) if "position" in cues else ()):
            stance, rx, key = res.position_entries[kid]
            if not key.search(seg):
                continue
            for mm in rx.finditer(seg):
                g = mm.groupdict()
                # speakers
                if g.get("sp") and not _WE_I.fullmatch(g["sp"]):
                    a, b = _clean(text, s0 + mm.start("sp"), s0 + mm.end("sp"))
                    a, b = _clean_np(text, a, b)
                    if b <= a:
                        continue
                    who = _speakers_of(res, text, a, b, state)
                else:
                    d = default_speaker()
                    if d is None:
                        continue
                    who = [d]
                # proposal
                prop, pspan = None, None
                if g.get("prop"):
                    a, b = _clean(text, s0 + mm.start("prop"), s0 + mm.end("prop"))
                    prop, pspan = text[a:b], Span(a, b)
                    if pats["anaphoric_proposal"].match(prop.strip()):
                        prop, pspan = None, None
                if prop is None and stance == "opposes" and g.get("prop"):
                    # "…, a demand strongly opposed by X": the demand is the condition just stated
                    last = next((p for p in reversed(positions) if p.condition), None)
                    if last is not None and last.evidence.get("condition"):
                        prop, pspan = last.condition, last.evidence["condition"][0]
                if prop is None and stance == "proposes" and g.get("sp") and not g.get("prop"):
                    # "These reassurance forces are a French-British proposal": the subject is the proposal
                    subj = _SUBJECT_IS_A.match(text[s0:s0 + mm.start()])
                    if subj:
                        a, b = _clean(text, s0 + subj.start("s"), s0 + subj.end("s"))
                        prop, pspan = text[a:b], Span(a, b)
                if prop is None:
                    if disc.topic is None:
                        continue
                    prop, pspan = disc.topic, disc.topic_span
                cond, cspan = None, None
                if g.get("cond"):
                    a, b = _clean(text, s0 + mm.start("cond"), s0 + mm.end("cond"))
                    cond, cspan = text[a:b], Span(a, b)
                stance_span = Span(s0 + mm.start(), s0 + mm.end())
                for name, pid, sp_span in who:
                    add_position(name, pid, sp_span, stance, prop, pspan, cond, cspan, stance_span)
                if stance == "proposes":
                    disc.topic, disc.topic_span = prop, pspan
                    disc.proposers = [(n, p) for n, p, _ in who]

        # ---- pledges
        if "pledge" not in cues:
            continue
        verb = pats["pledge_verb"].search(seg)
        facil = res.gated["facilitation"].search(seg)
        if not (verb or facil):
            continue
        # amounts and troop figures count only with a pledge verb: not searched for without one
        money = []
        if verb:
            # a language may give a faster search with the same matches (English: none without a digit)
            finder = pats.get("money_finditer")
            money = finder(seg) if finder is not None else list(pats["money"].finditer(seg))
        low = seg.lower()
        troops = []
        if verb and any(u in low for u in _TROOP_UNITS):
            # a language may give a faster search with the same matches (English: only a few words before
            # each unit word)
            finder = pats.get("troops_finditer")
            troops = finder(seg) if finder is not None else list(pats["troops"].finditer(seg))
        donor = None
        if speaker is not None:
            d = default_speaker()
            if d:
                name, pid, span = d
                p = party_by_id(pid) if pid else None
                donor = (p.name if p and p.kind == "state" else name, pid, span)
        if money and verb and (pats["package_noun"].search(seg) or verb):
            amounts = []
            for mo in money:
                amt = _money(res.pack, mo)
                if amt is not None:
                    amounts.append((amt, Span(s0 + mo.start(), s0 + mo.end())))
            if amounts and donor is not None:
                items, ispans = [], []
                im = pats["items"].search(seg, mo.end())
                if im:
                    end_rx = pats.get("items_end")
                    for it in _ITEM_SEP.split(im.group("items")):
                        if end_rx is not None and end_rx.search(it):
                            break  # the attribution that follows the list, not an item
                        it = it.strip(_QUOTE_CHARS + " ")
                        if it and len(it) < 80:
                            k = seg.find(it, im.start("items"))
                            items.append(it)
                            ispans.append(Span(s0 + k, s0 + k + len(it)))
                kind = "equipment" if (items or pats["military_package"].search(seg)) else "money"
                pl = Pledge(donor=donor[0], kind=kind, party_id=donor[1], document_id=doc_id,
                            amounts=[a for a, _ in amounts], items=items)
                pl.evidence["donor"] = [donor[2]]
                pl.evidence["amounts"] = [s for _, s in amounts]
                if ispans:
                    pl.evidence["items"] = ispans
                pl.evidence["kind"] = [Span(s0 + verb.start(), s0 + verb.end())]
                rec = _recipient(res, seg, s0, disc)
                if rec:
                    pl.recipient = rec[0]
                    pl.evidence["recipient"] = [rec[2]]
                pledges.append(_firmness(pats, pl, seg, s0, verb))
        for tm in troops:
            if not verb:
                break
            pn = res.pack.parse_number
            if tm.group("lo"):
                lo, hi = pn(tm.group("lo")), pn(tm.group("hi"))
                if lo is None or hi is None or hi <= lo:
                    continue
                amt = Amount(value=float(lo), unit="troops", low=float(lo), high=float(hi))
            else:
                n = pn(tm.group("n") or "")
                if n is None or n < 10:
                    continue
                mod = (tm.group("mod") or "").lower()
                amt = Amount(value=float(n), unit="troops", high=float(n) if mod == "up to" else None,
                             low=float(n) if mod in ("at least", "more than") else None)
            # donor: the subject, or the proposers of the current proposal when the subject is anaphoric
            subj = _TROOP_SUBJECT.match(seg)
            dname, dpid, dspan = None, None, None
            if subj and pats["anaphoric_proposal"].match(subj.group("s").strip()) and disc.proposers:
                dname = " and ".join(n for n, _ in disc.proposers)
                pids = {p for _, p in disc.proposers if p}
                dpid = pids.pop() if len(pids) == 1 else None
                dspan = Span(s0 + subj.start("s"), s0 + subj.end("s"))
            elif donor is not None:
                dname, dpid, dspan = donor
            elif subj:
                dname = subj.group("s").strip()
                dpid, _ = res.party_in(dname)
                dspan = Span(s0 + subj.start("s"), s0 + subj.end("s"))
            if not dname:
                continue
            pl = Pledge(donor=dname, kind="troops", party_id=dpid, document_id=doc_id, amounts=[amt])
            pl.evidence["donor"] = [dspan]
            pl.evidence["amounts"] = [Span(s0 + tm.start(), s0 + tm.end())]
            pl.evidence["kind"] = [Span(s0 + tm.start("unit"), s0 + tm.end("unit"))]
            rec = _recipient(res, seg, s0, disc)
            if rec:
                pl.recipient = rec[0]
                pl.evidence["recipient"] = [rec[2]]
            pledges.append(_firmness(pats, pl, seg, s0, verb))
        if facil and donor is not None:
            name, pid, span = donor
            if sent.block in block_we or any(sent.block == b + 1 for b in block_we):
                wb = block_we.get(sent.block) or block_we.get(sent.block - 1)
                pid = wb[0]
                p = party_by_id(pid)
                name = p.name if p else name
                span = wb[1]
            # an offer to facilitate is an offer until it is taken up
            pl = Pledge(donor=name, kind="facilitation", party_id=pid, document_id=doc_id, status="proposed")
            pl.evidence["donor"] = [span]
            pl.evidence["kind"] = [Span(s0 + facil.start(), s0 + facil.end())]
            pl.evidence["status"] = list(pl.evidence["kind"])
            pledges.append(pl)
    return positions, pledges


def _firmness(pats: dict, pl: Pledge, seg: str, s0: int, verb) -> Pledge:
    """Sets how firm the pledge is (status) from the words up to its verb, and a stated condition."""
    if verb is not None:
        head = seg[max(0, verb.start() - 60): verb.end()]
        base = s0 + max(0, verb.start() - 60)
        for status, rx in pats.get("pledge_status", ()):
            m = rx.search(head)
            if m:
                pl.status = status
                pl.evidence["status"] = [Span(base + m.start(), base + m.end())]
                break
    cm = pats["pledge_condition"].search(seg) if "pledge_condition" in pats else None
    if cm:
        a, b = cm.start("cond"), cm.end("cond")
        cond = seg[a:b].rstrip()
        pl.condition = cond
        pl.evidence["condition"] = [Span(s0 + a, s0 + a + len(cond))]
    return pl


def _recipient(res, seg: str, s0: int, disc: Discourse):
    m = res.to_party.search(seg)
    if m:
        pid = res.party_surface[m.group("party")][0]
        p = party_by_id(pid)
        return (p.name if p else m.group("party"), pid, Span(s0 + m.start("party"), s0 + m.end("party")))
    return _last_recipient(res, disc)


def _last_recipient(res, disc: Discourse) -> tuple[str, str, Span] | None:
    """The last aid recipient named so far: what scanning every pending sentence in order (each match replacing
    the one before) would leave, found from the latest sentence back: its last match, else the one before's."""
    for seg, s0 in reversed(disc.pending):
        last = None
        for last in res.recipient.finditer(seg):  # noqa: B007 (only the last match counts)
            pass
        if last is not None:
            pid = res.party_surface[last.group("party")][0]
            p = party_by_id(pid)
            disc.recipient = (p.name if p else last.group("party"), pid,
                              Span(s0 + last.start("party"), s0 + last.end("party")))
            break
    disc.pending.clear()
    return disc.recipient


def _money(pack, m: re.Match[str]) -> Amount | None:
    cur = (m.group("c1") or m.group("c2") or "").strip().lower()
    code = pack.words["currency"].get(cur)
    num = m.group("n1") or m.group("n2")
    mult = (m.group("m1") or m.group("m2") or "").lower()
    if code is None or not num:
        return None
    if _THOUSANDS.fullmatch(num):
        value = float(num.replace(",", ""))
    else:
        value = float(num.replace(",", "."))
    value *= pack.words["mult"].get(mult, 1)
    return Amount(value=value, unit=code)
