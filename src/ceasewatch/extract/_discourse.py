"""Discourse attachment: follow-on sentences are merged into the event mention they continue.

"Russian drones attacked a substation in Kryvyi Rih overnight, the governor said. The strike caused a fire and
left 4,000 households without power. One person was injured, he said." is one event told in three sentences.
A candidate continues an earlier mention when it refers back to it (a definite or pronoun reference to an attack,
"the strike", "it struck"; a predicative "This is another Russian strike on ..."; or a sentence with casualties
or damage but no attack word of its own), and it is *compatible* with the most recent mention of the same or
the previous paragraph: same modality, no different stated place, no non-overlapping date, no different method
family, no different stated perpetrator, and no new-attack cue ("a second strike", "another attack", "later",
"elsewhere"). Its fields are added to that mention (a different casualty figure from another voice turns the
count into a range), its sentence is recorded in ``evidence["sentences"]`` and quoted in ``text``, and the
evidence keeps every span. A
referring sentence that adds nothing (no casualty, effect, target or perpetrator) adds neither its places nor
its dates and is not an event of its own.

A text with no event mention at all but with places ("Sloviansk town", a dateline) gets one mention of
modality ``unspecified`` that carries only the places; it is stored and labelled, never an incident candidate.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..model import Count, DateRange, Mention, Span
from ._events import DocContext, Draft, _fix_local, _other_side, add_place_hits
from ._places import country_level, places_below_country
from ._resources import party_by_id

_METHOD_FAMILY = {"missile.cruise": "missile", "missile.ballistic": "missile"}


def _family(method: str | None) -> str | None:
    return _METHOD_FAMILY.get(method, method) if method else None


def _same_place(a, b) -> bool:
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if a.name == b.name:
        return True
    # a region and a place inside it ("Kherson Oblast" / "Kherson"), a district of a city
    return bool((a.admin1 and a.admin1 == b.name) or (b.admin1 and b.admin1 == a.name)
                or (a.admin2 and a.admin2 == b.name) or (b.admin2 and b.admin2 == a.name))


def _overlap(a: DateRange | None, b: DateRange | None) -> bool:
    return a is None or b is None or (a.start <= b.end and b.start <= a.end)


def merge_count(first: Count, other: Count) -> Count:
    """Two figures for the same event: best = the first stated, low = the smaller, high = the larger (unknown when
    either figure has no upper bound); their civilian and child parts merged the same way."""
    out = _merge_figures(first, other)
    civ, kids = _merge_part(first.civilians, other.civilians), _merge_part(first.children, other.children)
    if civ is not out.civilians or kids is not out.children:
        out = replace(out, civilians=civ, children=kids)
    return out


def _merge_part(a: Count | None, b: Count | None) -> Count | None:
    return b if a is None else a if b is None else merge_count(a, b)


def _merge_figures(first: Count, other: Count) -> Count:
    if not first.known:
        return other
    if not other.known or (first.best, first.low, first.high) == (other.best, other.low, other.high):
        return first
    lows = [x for x in (first.low if first.low is not None else first.best,
                        other.low if other.low is not None else other.best) if x is not None]
    ha = first.high if first.high is not None else first.best
    hb = other.high if other.high is not None else other.best
    high = max(ha, hb) if ha is not None and hb is not None else None
    if first.high is None and first.best is None or other.high is None and other.best is None:
        high = None
    return Count(first.best, min(lows) if lows else None, high)


class _Event:
    __slots__ = ("m", "block", "places", "explicit_date", "speakers", "sentences")

    def __init__(self, d: Draft) -> None:
        self.m = d.mention
        self.block = d.sent.block
        self.places = list(d.places)
        self.explicit_date = d.explicit_date
        self.speakers = list(d.speakers)
        self.sentences = [Span(d.sent.start, d.sent.end)]


def _compatible(ev: _Event, d: Draft) -> bool:
    m, c = ev.m, d.mention
    if m.modality != c.modality:
        return False
    if d.new_cue:
        return False
    if d.places and ev.places and not any(_same_place(p.place, q.place) for p in d.places for q in ev.places):
        return False
    if d.explicit_date and not _overlap(m.date, c.date):
        return False
    if m.method and c.method and _family(m.method) != _family(c.method):
        return False
    mp, cp = m.perpetrator, c.perpetrator
    if mp is not None and cp is not None and mp.basis == cp.basis == "stated" and mp.party_id != cp.party_id:
        return False
    return True


def _absorb(ctx: DocContext, ev: _Event, d: Draft) -> None:
    m, c = ev.m, d.mention
    text = ctx.text
    ev.block = max(ev.block, d.sent.block)

    def ev_add(name: str) -> None:
        for s in c.evidence.get(name, []):
            m.add_evidence(name, s)

    # casualties: the same figure again is a repeat; a different one (another voice) makes a range
    for kind in ("killed", "injured"):
        cc = getattr(c, kind)
        if cc.known:
            # "the death toll rose to 14" replaces the earlier figure; another voice's figure makes a range
            setattr(m, kind, cc if kind in d.updates else merge_count(getattr(m, kind), cc))
            ev_add(kind)
    for t in c.targets:
        if t not in m.targets:
            m.targets.append(t)
    m.targets = [t for t in m.targets if not any(o != t and o.startswith(t + ".") for o in m.targets)]
    if c.targets:
        ev_add("targets")
    codes = {e.code for e in m.effects}
    for e in c.effects:
        if e.code not in codes:
            m.effects.append(e)
            codes.add(e.code)
        elif e.quantity and not next(x for x in m.effects if x.code == e.code).quantity:
            m.effects = [e if x.code == e.code else x for x in m.effects]
    if any(e.code == "destroyed" for e in m.effects):
        m.effects = [e for e in m.effects if e.code != "damaged" or e.quantity]
    if c.effects:
        ev_add("effects")
    if c.method and (m.method is None or (_family(m.method) == _family(c.method) and c.method != m.method
                                          and "." in c.method)):
        m.method = c.method
        ev_add("method")
    if m.event_type is None and c.event_type is not None:
        m.event_type, m.sub_event_type = c.event_type, c.sub_event_type
        ev_add("event_type")
    elif m.event_type == c.event_type and m.sub_event_type is None and c.sub_event_type is not None:
        m.sub_event_type = c.sub_event_type
        ev_add("event_type")
    # perpetrator: a follow-on attribution ("the ministry said the attack was a provocation by Ukraine")
    cp = c.perpetrator
    if cp is not None and cp.basis == "stated":
        mp = m.perpetrator
        if mp is None or mp.basis == "inferred":
            who = ", ".join(x.name for x in c.claimants) or "the report"
            reason = cp.reason or f"attributed in a follow-on sentence by {who}: " \
                                  f"'{text[d.sent.start:d.sent.end][:120]}'"
            m.perpetrator = replace(cp, reason=reason)
            m.evidence.pop("perpetrator", None)
        ev_add("perpetrator")
    # claimants ("he said", "according to the city's mayor")
    for cl, sp in zip(c.claimants, c.evidence.get("claimants", []) + [None] * len(c.claimants), strict=False):
        if not any(x == cl or (x.name == cl.name) for x in m.claimants):
            m.claimants.append(cl)
        if sp is not None:
            m.add_evidence("claimants", sp)
    for sp in d.speakers:
        if sp not in ev.speakers:
            ev.speakers.append(sp)
    # places and date only from a follow-on that adds something
    if d.places:
        stated = [p for p in m.places if p.basis == "stated" and p.precision < 6]
        if not stated:
            if all(p.basis == "inferred" for p in m.places):
                m.places = []
                m.evidence.pop("places", None)
            for ph in d.places:
                if not any(_same_place(ph.place, q) for q in m.places):
                    m.places.append(ph.place)
                    m.add_evidence("places", Span(ph.start, ph.end))
            ev.places.extend(d.places)
    if d.explicit_date and c.date is not None and (not ev.explicit_date or m.date is None or (
            c.date.precision < m.date.precision and m.date.start <= c.date.start and c.date.end <= m.date.end)):
        m.date = c.date
        m.evidence.pop("date", None)
        ev_add("date")
        ev.explicit_date = True
    if m.affected_party is None and c.affected_party is not None:
        m.affected_party = c.affected_party
        ev_add("affected_party")
    if m.affected_party is None and m.perpetrator is not None and m.perpetrator.basis == "stated":
        m.affected_party = _other_side(m.perpetrator.party_id, ctx.conflict_parties)
        for s in m.evidence.get("perpetrator", [])[:1]:
            m.add_evidence("affected_party", s)
    if not m.places and m.affected_party:
        party = party_by_id(m.affected_party)
        if party is not None and party.iso3166:
            m.places.append(country_level(ctx.country_place, party.iso3166, party.name))
            for s in m.evidence.get("affected_party", [])[:1]:
                m.add_evidence("places", s)
    # the mention now spans its sentences
    span = Span(d.sent.start, d.sent.end)
    if span not in ev.sentences:
        ev.sentences.append(span)
        ev.sentences.sort(key=lambda s: s.start)
        # ``sentence`` stays the sentence that states the event; every sentence is in evidence["sentences"]
        # and ``text`` quotes them all
        m.text = " ".join(text[s.start:s.end] for s in ev.sentences)
        m.evidence["sentences"] = list(ev.sentences)
    # local officials ("the city's mayor") speak for the side whose territory the event is on
    place_party = next((p.country_code for p in m.places if p.country_code and party_by_id(p.country_code)), None)
    _fix_local(m, ev.speakers, place_party or m.affected_party, ctx.conflict_parties)


def attach(ctx: DocContext, drafts: list[Draft]) -> list[Mention]:
    """Merge follow-on candidates into the mention they continue; number the mentions that remain."""
    events: list[_Event] = []
    for d in drafts:
        target = None
        antecedent = False
        if d.follow_on:
            for ev in reversed(events):
                if ev.block < d.sent.block - 1:
                    break
                antecedent = True
                if _compatible(ev, d):
                    target = ev
                    break
        if target is not None and (d.content or not d.anaphoric):
            _absorb(ctx, target, d)
            continue
        if d.anaphoric and not d.content and antecedent:
            continue  # "The strike came a day after ...": refers back, adds nothing, not an event of its own
        if not d.qualified:
            continue
        events.append(_Event(d))
    out = []
    for i, ev in enumerate(events, start=1):
        ev.m.id = f"{ctx.document_id}:m{i}"
        out.append(ev.m)
    return out


def place_only_mention(ctx: DocContext) -> Mention | None:
    """One ``unspecified`` mention carrying the places of a text that states no event."""
    hits = places_below_country(ctx.places)  # (countries are not classified)
    if not hits:
        return None
    first = next((s for s in ctx.sentences if s.end > hits[0].start), ctx.sentences[0])
    last = next((s for s in reversed(ctx.sentences) if s.start <= hits[-1].start), ctx.sentences[-1])
    m = Mention(id=f"{ctx.document_id}:m1", document_id=ctx.document_id, sentence=Span(first.start, last.end),
                text=ctx.text[first.start:last.end], modality="unspecified")  # type: ignore[arg-type]
    add_place_hits(m, hits)
    return m


_LOCATOR_MAX_WORDS = 6
_SITE_LINE_MAX_WORDS = 10


def locator_places(ctx: DocContext) -> list:  # list[PlaceHit]
    """Places named by locator lines: a sentence that is nothing but toponyms ("Sloviansk", "Myrne,
    Donetsk region"), as a page's location tag or a coded dataset's list of places gives it; or a site line, a
    location tag that names the site within the place ("Heroiv Pratsi Street, Kharkiv", "Kramatorsk railway
    station"): toponyms, site words and the site's own capitalised name, as datasets of geolocated footage give
    a location."""
    out = []
    places, starts = ctx.places, ctx.place_starts
    if not places:
        return out
    for s in ctx.sentences:
        # the sentence's places first (a bisect on the sorted starts): most sentences have none
        i, j = bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)
        if i == j:
            continue
        line = ctx.text[s.start:s.end]
        tokens = line.replace(",", " ").split()
        if len(tokens) > _SITE_LINE_MAX_WORDS and all(w.strip(".;:-–—") for w in tokens[:_SITE_LINE_MAX_WORDS + 1]):
            continue  # more words than a locator line has: the first few tokens are words already
        words = [w for w in tokens if w.strip(".;:-–—")]
        if not words or len(words) > _SITE_LINE_MAX_WORDS:
            continue
        hits = places_below_country(places, i, j)  # (classified when read; countries are not)
        if not hits:
            continue
        covered = sum(sum(ch.isalpha() for ch in ctx.text[p.start:p.end]) for p in hits)
        rest = sum(ch.isalpha() for ch in line) - covered
        # what is left may only be generic place words ("region", "village", "oblast")
        leftover = [w.strip(".;:'’()\"") for w in words
                    if not any(p.start <= s.start + line.find(w) < p.end for p in hits)]
        lower = [w.lower() for w in leftover]
        if rest <= 0 or all(w in _PLACE_WORDS for w in lower):
            if len(words) <= _LOCATOR_MAX_WORDS:
                out.extend(hits)
        elif any(w in _SITE_WORDS for w in lower) and all(
                w in _PLACE_WORDS or w in _SITE_WORDS or not w.isalpha() or (w[:1].isupper() and w.lower() not in _NOT_NAMES)
                for w in leftover):
            out.extend(hits)
    return out


_PLACE_WORDS = frozenset({"region", "oblast", "district", "raion", "village", "town", "city", "settlement",
                          "area", "province", "krai", "republic", "near", "of", "the", "in", "and"})
# the sites a location tag names within a place: streets, buildings, facilities, parts of a town
_SITE_WORDS = frozenset({
    "street", "st", "avenue", "ave", "prospekt", "prospect", "boulevard", "blvd", "lane", "square", "road",
    "highway", "embankment", "railway", "station", "bridge", "port", "seaport", "airport", "airfield", "market",
    "hospital", "clinic", "school", "kindergarten", "university", "college", "building", "buildings", "house",
    "apartment", "block", "district", "neighbourhood", "neighborhood", "microdistrict", "suburb", "outskirts", "centre",
    "center", "downtown", "plant", "factory", "works", "depot", "warehouse", "substation", "dam", "park",
    "cemetery", "church", "cathedral", "monastery", "theatre", "theater", "museum", "mall", "shopping", "stadium",
    "administration", "council", "hotel", "checkpoint", "crossing", "residential", "complex", "base",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "community", "hromada"})
# capitalised words that are no part of a site's name
_NOT_NAMES = frozenset({"a", "an", "after", "before", "during", "following", "video", "photo", "footage",
                        "image", "images", "shows", "shown", "showing", "attack", "strike", "strikes",
                        "shelling", "explosion", "explosions", "fire", "damage", "damaged", "destroyed"})


def attach_locator_places(ctx: DocContext, mentions: list[Mention]) -> None:
    """Give locator-line places to events that name no place below country level. The place is named by
    the report but not in the event's sentence, so it is marked inferred, with its span as evidence."""
    # only asserted events without a place below country level take them: the locator lines (and the places
    # they classify) are looked for only when there is such an event
    needy = [m for m in mentions if m.modality == "asserted" and not any(p.precision < 6 for p in m.places)]
    if not needy:
        return
    hits = locator_places(ctx)
    if not hits:
        return
    for m in needy:
        # a dateline in a third country is where the report was filed, not where an event in a known country
        # happened ("PARIS — ... Russian drone strikes injured more than 20 people, according to Ukrainian
        # officials"); one in either party's country may be the place (the event's country is often inferred)
        countries = {q.country_code for q in m.places if q.country_code}
        for p in hits:
            cc = p.place.country_code
            if countries and cc not in countries and cc not in ctx.conflict_parties:
                continue
            place = replace(p.place, basis="inferred")
            if place not in m.places:
                m.places.append(place)
                m.add_evidence("places", Span(p.start, p.end))
