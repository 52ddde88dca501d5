"""The resolve stage: cluster asserted Mentions of the same event into Incidents.

A mention joins an incident when it contradicts none of its members (weapon, dates, places) and agrees
with at least one of them strongly enough: weighted evidence (WEIGHTS: exact day and place, shared
target, method, casualty figures — equal ones weighed by how rare the figure is, overlapping or close
ones a little, far apart ones against — and shared wording weighed by each word's rarity) reaching
MERGE_THRESHOLD, with the dates overlapping and a place, target, toll or wording in common. Date windows
that only touch (reports published a day apart) count against a merge; weapons that sources confuse
(shelling, rockets, missiles) are not a contradiction. Two mentions of one report join only when they give
different voices' versions of one event at one exact place. Each merge records its features and score.
Processing order is the store's (ingest order), so the result is deterministic and an incident's id —
derived from its first mention — is stable as later reports arrive. Denials are kept beside the claims
they answer; analysts' merges and splits are re-applied after every run.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from statistics import median

from ..model import Actor, Claimant, Count, DateRange, Effect, Incident, Mention, Place
from .corroboration import corroboration


def incident_id_for(first_mention_id: str) -> str:
    return "inc-" + hashlib.sha1(first_mention_id.encode("utf-8")).hexdigest()[:12]


def _dates_overlap(a: DateRange | None, b: DateRange | None) -> bool | None:
    if a is None or b is None:
        return None
    return a.start <= b.end and b.start <= a.end


# Targets too common to be evidence that two reports describe the same event.
GENERIC_TARGETS = frozenset({"civilians", "military", "infrastructure"})
COUNTRY_PRECISION = 6


def _place_compatible(a: Place, b: Place) -> bool:
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    coarse, fine = (a, b) if a.precision >= b.precision else (b, a)
    if coarse.precision == 4:  # an oblast contains its settlements
        return bool(coarse.admin1) and coarse.admin1 == fine.admin1
    return a.name.lower() == b.name.lower()


def _places_compatible(a: list[Place], b: list[Place]) -> bool | None:
    """True: a specific place in common; False: both name specific places and none agree; None: silence.

    Country-level places never count as agreement (every event in a war shares its country), only as
    disagreement when the countries differ.
    """
    a = [p for p in a if p.basis == "stated"]
    b = [p for p in b if p.basis == "stated"]
    countries_a = {p.country_code for p in a if p.country_code}
    countries_b = {p.country_code for p in b if p.country_code}
    if countries_a and countries_b and not countries_a & countries_b:
        return False
    a = [p for p in a if p.precision < COUNTRY_PRECISION]
    b = [p for p in b if p.precision < COUNTRY_PRECISION]
    if not a or not b:
        return None
    return any(_place_compatible(p, q) for p in a for q in b)


def _targets_compatible(a: list[str], b: list[str]) -> bool | None:
    a = [t for t in a if t not in GENERIC_TARGETS]
    b = [t for t in b if t not in GENERIC_TARGETS]
    if not a or not b:
        return None
    return any(x == y or x.startswith(y + ".") or y.startswith(x + ".") for x in a for y in b)


# Evidence that two reports describe the same event, and how much each piece weighs. A merge needs the
# dates to agree and a specific place, target, toll (2 or more) or wording in common, no stated feature in
# contradiction, and a total of at least MERGE_THRESHOLD. The weights favour what is rare across events
# (an exact day and place, equal casualty figures, shared rare wording) over what many events share (a
# city, a method, one death). "killed" is scaled by _count_weight; windows that only touch
# ("date_partial": one report a day after the other) and far-apart tolls weigh against.
WEIGHTS: dict[str, float] = {
    "date_exact": 2.0, "date_overlap": 1.0, "place_exact": 2.0, "place_within": 0.0, "target": 1.5,
    "event_type": 0.5, "method": 1.0, "killed": 1.0, "killed_overlap": 1.0, "killed_close": 0.5,
    "killed_differs": -1.5, "injured_differs": -1.0,
    "date_partial": -1.0, "injured": 1.0, "text_strong": 3.0, "text": 2.0, "text_weak": 1.0,
}
MERGE_THRESHOLD = 4.0
TEXT_SIMILAR = 0.3  # text similarity for the "text" weight; half of it earns "text_weak", twice "text_strong"
_STOP = frozenset("""a an the of in on at to for by with from and or as is are was were be been has have had
that this it its their his her they he she said says say after before during over near into than more
least about some several who which what when where while not no amid""".split())
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


_STEM = 5  # words are compared by their first letters: "shelling"/"shelled", "Ukraine"/"Ukrainian"


@lru_cache(maxsize=100_000)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(w[:_STEM] for w in _WORD.findall(text.lower()) if w not in _STOP)


class WordRarity:
    """How rare each word is among the mentions resolved so far (inverse document frequency, counted
    online in processing order). Shared wording counts by its rarity: "shelling", "killed" and a
    publisher's boilerplate are in many reports, "convoy" or "helicopter" in few. Counting only the
    mentions already seen keeps resolution of the first N mentions independent of later ones, so
    incident ids stay stable as reports arrive."""

    __slots__ = ("documents", "frequency")

    def __init__(self) -> None:
        self.documents = 0
        self.frequency: Counter[str] = Counter()

    def add(self, m: Mention) -> None:
        self.documents += 1
        self.frequency.update(_content_words(m.text))

    def weight(self, word: str) -> float:
        return math.log(1.0 + max(self.documents, 1) / max(self.frequency.get(word, 0), 1))


_UNIFORM = WordRarity()  # no counts: every word weighs the same (plain cosine)


def _text_similarity(a: Mention, b: Mention, rarity: WordRarity = _UNIFORM) -> float:
    """Cosine similarity of the two mentions' content words, each weighted by its rarity."""
    mine, theirs = _content_words(a.text), _content_words(b.text)
    if not mine or not theirs:
        return 0.0
    shared = mine & theirs
    if not shared:
        return 0.0
    w = rarity.weight
    common = sum(w(t) ** 2 for t in shared)
    return common / math.sqrt(sum(w(t) ** 2 for t in mine) * sum(w(t) ** 2 for t in theirs))


def _same_count(a: Count, b: Count) -> bool:
    return a.best is not None and a.best > 0 and a.best == b.best


def _count_bounds(c: Count) -> tuple[int, float]:
    low = c.low if c.low is not None else (c.best if c.best is not None else 0)
    high = c.high if c.high is not None else (c.best if c.best is not None and c.low is None else float("inf"))
    return low, high


def _counts_overlap(a: Count, b: Count) -> bool:
    """Both give a figure, not the same exact one, and their ranges overlap ("at least 10" and "12")."""
    if not (a.known and b.known) or _same_count(a, b):
        return False
    (low_a, high_a), (low_b, high_b) = _count_bounds(a), _count_bounds(b)
    return max(low_a, low_b) > 0 and low_a <= high_b and low_b <= high_a


def _exact(c: Count) -> bool:
    return c.best is not None and c.low in (None, c.best) and c.high in (None, c.best)


def _close_counts(a: Count, b: Count) -> bool:
    """Both state an exact figure, they differ, but by at most half the smaller: a toll revised as the
    wounded die, or two sources' counts of one event ("killing 12 troops", "14 killed")."""
    if not (_exact(a) and _exact(b)) or a.best == b.best:
        return False
    low, high = sorted((a.best, b.best))  # type: ignore[type-var]
    return high <= 1.5 * low


def _different_counts(a: Count, b: Count) -> bool:
    """Both state an exact figure and the figures are far apart (sources do disagree, so this weighs
    against a merge without forbidding it)."""
    return _exact(a) and _exact(b) and a.best != b.best and not _close_counts(a, b)


def _count_weight(n: int) -> float:
    """How much an equal casualty figure says: small figures are common to many events, large ones rare
    (1 killed: 1.0, 2: 1.7, 3: 2.1, 5: 2.6, 8 or more: 3.0)."""
    return min(3.0, 1.0 + math.log(n))


# Weapons that different sources confuse when describing one attack: shelling is reported as rocket,
# mortar or missile fire, an assault as a firefight. Methods in a common family do not contradict each
# other (no evidence either way; on the UCDP dev set a shelling/missile pair is as often one event as any
# other candidate pair); other different methods do (shelling and an air strike almost never are).
METHOD_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"artillery", "mlrs", "mortar", "missile"}),  # fire from the ground at a distance
    frozenset({"ground_assault", "small_arms"}),  # fighting at close range
    frozenset({"mine", "explosive"}),  # charges, not fire
)


def _methods_compatible(a: str | None, b: str | None) -> bool | None:
    """True: the same weapon; None: silence or weapons sources confuse; False: different weapons."""
    if not a or not b:
        return None
    a, b = a.split(".")[0], b.split(".")[0]
    if a == b:
        return True
    return None if any(a in f and b in f for f in METHOD_FAMILIES) else False


def pair_evidence(m: Mention, other: Mention, rarity: WordRarity = _UNIFORM
                  ) -> tuple[dict[str, float], float] | None:
    """What two mentions agree on (feature -> weight) and their text similarity, or None when a stated
    feature contradicts (different weapon, dates that do not overlap, places that exclude each other)."""
    # Sources often describe one event differently (one says "clashes", another "shelling"), so a different
    # ACLED type is no bar; a different weapon (drone vs artillery) is.
    methods = _methods_compatible(m.method, other.method)
    if methods is False:
        return None
    dates = _dates_overlap(m.date, other.date)
    places = _places_compatible(m.places, other.places)
    if not dates or places is False:
        return None
    targets = _targets_compatible(m.targets, other.targets)
    similarity = _text_similarity(m, other, rarity)
    same_killed = _same_count(m.killed, other.killed)
    if not places and not targets and similarity < TEXT_SIMILAR and not (same_killed and m.killed.best > 1):
        # silence about where and what is no evidence of sameness, unless the wording or a toll is shared
        return None
    found: dict[str, float] = {}
    if m.event_type and m.event_type == other.event_type:
        found["event_type"] = WEIGHTS["event_type"]
    exact_day = (m.date and other.date and m.date.precision == 1 == other.date.precision
                 and m.date.start == other.date.start)
    if exact_day:
        found["date_exact"] = WEIGHTS["date_exact"]
    elif m.date and other.date and m.date.start != other.date.start and m.date.end != other.date.end:
        found["date_partial"] = WEIGHTS["date_partial"]  # windows that only touch: consecutive days' events
    else:
        found["date_overlap"] = WEIGHTS["date_overlap"]
    if places:
        specific = any(p.precision <= 2 for p in m.places) and any(p.precision <= 2 for p in other.places)
        key = "place_exact" if specific else "place_within"
        found[key] = WEIGHTS[key]
    if targets:
        found["target"] = WEIGHTS["target"]
    if methods:
        found["method"] = WEIGHTS["method"]
    if same_killed:
        found["killed"] = round(WEIGHTS["killed"] * _count_weight(m.killed.best), 2)  # type: ignore[arg-type]
    elif _counts_overlap(m.killed, other.killed):
        found["killed_overlap"] = WEIGHTS["killed_overlap"]
    elif _close_counts(m.killed, other.killed):
        found["killed_close"] = WEIGHTS["killed_close"]
    elif _different_counts(m.killed, other.killed):
        found["killed_differs"] = WEIGHTS["killed_differs"]
    if _same_count(m.injured, other.injured):
        found["injured"] = WEIGHTS["injured"]
    elif _different_counts(m.injured, other.injured):
        found["injured_differs"] = WEIGHTS["injured_differs"]
    if similarity >= 2 * TEXT_SIMILAR:
        found["text_strong"] = WEIGHTS["text_strong"]  # mostly the same words: one story rewritten
    elif similarity >= TEXT_SIMILAR:
        found["text"] = WEIGHTS["text"]
    elif similarity >= TEXT_SIMILAR / 2:
        found["text_weak"] = WEIGHTS["text_weak"]
    return found, similarity


def match_features(m: Mention, incident: Incident, rarity: WordRarity = _UNIFORM) -> dict[str, object] | None:
    """The evidence that ``m`` reports ``incident``, with its score, or None if it does not qualify.

    The mention is compared with each member of the incident, not with their union: it must contradict
    none of them and agree strongly with at least one. Comparing with the union would let a chain of
    loosely similar reports (A like B, B like C) absorb events that A and C do not share.
    """
    best: tuple[float, dict[str, float], float] | None = None
    for other in incident.mentions:
        pair = pair_evidence(m, other, rarity)
        if pair is None:
            if _places_compatible(m.places, other.places) is False or (
                    m.date and other.date and not _dates_overlap(m.date, other.date)):
                return None  # contradicts a member outright
            continue
        found, similarity = pair
        score = sum(found.values())
        if best is None or score > best[0]:
            best = (score, found, similarity)
    if best is None or best[0] < MERGE_THRESHOLD:
        return None
    score, found, similarity = best
    if "date_partial" in found and "place_exact" not in found:
        return None  # reports of consecutive days need the same exact place to be one event
    # Two mentions in one report are usually two events. They are one only when the report gives
    # different voices' versions of what happened at the same exact place (one side's claim, the other's).
    same_document = [o for o in incident.mentions if o.document_id == m.document_id]
    if same_document:
        voices = {c.party_id or c.name for c in m.claimants}
        if "place_exact" not in found or not voices or any(
                voices & {c.party_id or c.name for c in o.claimants} or not o.claimants for o in same_document):
            return None
    return {"mention": m.id, "matched": sorted(found), "score": round(score, 2),
            "text_similarity": round(similarity, 2)}


def _merge_count(counts: list[Count]) -> Count:
    known = [c for c in counts if c.known]
    if not known:
        return Count()
    bests = [c.best for c in known if c.best is not None]
    lows = [c.low if c.low is not None else c.best for c in known]
    highs = [c.high if c.high is not None else c.best for c in known]
    low = min(v for v in lows if v is not None) if any(v is not None for v in lows) else None
    high = max(v for v in highs if v is not None) if all(v is not None for v in highs) else None
    best = int(median(bests)) if bests else None
    # the parts stated to be civilians / children, merged the same way over the mentions that state them
    civ = [c.civilians for c in known if c.civilians is not None]
    kids = [c.children for c in known if c.children is not None]
    return Count(best, low, high, _merge_count(civ) if civ else None, _merge_count(kids) if kids else None)


def _merge_date(dates: list[DateRange]) -> DateRange | None:
    if not dates:
        return None
    # The most precise claim wins; equally precise claims are intersected where they overlap.
    finest = min(d.precision for d in dates)
    precise = [d for d in dates if d.precision == finest]
    start = max(d.start for d in precise)
    end = min(d.end for d in precise)
    if start > end:
        start, end = min(d.start for d in precise), max(d.end for d in precise)
    return DateRange(start, end, finest)


def merge_fields(incident: Incident) -> Incident:
    """Recompute an incident's figures from its mentions, keeping contradictions side by side."""
    ms = incident.mentions
    first = ms[0]
    incident.event_type = Counter(m.event_type for m in ms if m.event_type).most_common(1)[0][0] \
        if any(m.event_type for m in ms) else None
    incident.sub_event_type = next((m.sub_event_type for m in ms if m.sub_event_type), None)
    incident.method = next((m.method for m in ms if m.method), None)
    perpetrators: dict[str, tuple[Actor, list[str]]] = {}
    for m in ms:
        if m.perpetrator:
            key = m.perpetrator.party_id or m.perpetrator.name
            perpetrators.setdefault(key, (m.perpetrator, []))[1].append(m.document_id)
    stated = [a for a, _ in perpetrators.values() if a.basis == "stated"]
    incident.perpetrator = stated[0] if stated else (next(iter(perpetrators.values()))[0] if perpetrators else None)
    incident.contradictions = []
    if len(perpetrators) > 1:
        incident.contradictions.append({"field": "perpetrator", "claims": [
            {"value": a.name, "basis": a.basis, "sources": docs} for a, docs in perpetrators.values()]})
    for name in ("killed", "injured"):
        stated_counts = {(getattr(m, name).best, getattr(m, name).low, getattr(m, name).high): m.document_id
                         for m in ms if getattr(m, name).known}
        if len(stated_counts) > 1:
            incident.contradictions.append({"field": name, "claims": [
                {"value": {"best": b, "low": lo, "high": hi}, "sources": [doc]}
                for (b, lo, hi), doc in stated_counts.items()]})
    specific = {tuple(sorted(t for t in m.targets if t not in GENERIC_TARGETS)): m.document_id
                for m in ms if any(t not in GENERIC_TARGETS for t in m.targets)}
    if len(specific) > 1 and any(_targets_compatible(list(x), list(y)) is False
                                 for x in specific for y in specific):
        incident.contradictions.append({"field": "targets", "claims": [
            {"value": list(t), "sources": [doc]} for t, doc in specific.items()]})
    incident.affected_party = next((m.affected_party for m in ms if m.affected_party), None)
    incident.claimants = _unique(c for m in ms for c in m.claimants)
    incident.targets = list(dict.fromkeys(t for m in ms for t in m.targets))
    incident.effects = _unique(e for m in ms for e in m.effects)
    incident.killed = _merge_count([m.killed for m in ms])
    incident.injured = _merge_count([m.injured for m in ms])
    incident.date = _merge_date([m.date for m in ms if m.date])
    places = _unique(p for m in ms for p in m.places if p.basis == "stated")
    incident.places = places or _unique(p for p in first.places)
    return incident


def _unique(items: Iterable[Claimant | Effect | Place]) -> list:  # type: ignore[type-arg]
    return list(dict.fromkeys(items))


def resolve_incidents(mentions: Iterable[Mention], overrides: Iterable[tuple[str, list[str]]] = (),
                      sources: dict[str, dict[str, object]] | None = None) -> list[Incident]:
    """Cluster asserted mentions into incidents (greedy, in the given order; deterministic).

    ``overrides`` are analysts' decisions, ("merge" | "split", mention ids), applied in order after the
    automatic clustering so that they hold however often resolution runs. ``sources`` (document id ->
    provenance) enables the corroboration summary.
    """
    mentions = list(mentions)
    denials = [m for m in mentions if m.modality == "denied"]
    mentions = [m for m in mentions if m.modality == "asserted"]
    incidents = _cluster(mentions)
    incidents = apply_overrides(incidents, mentions, list(overrides))
    link_denials(incidents, denials)
    if sources is not None:
        for inc in incidents:
            inc.corroboration = corroboration(inc, sources)
    return incidents


DENIAL_WINDOW_DAYS = 7  # a denial usually comes after the claim it answers


def _denial_fits(denial: Mention, other: Mention) -> float | None:
    """How well a denial ("X denied striking the pumping station in Krasnodar region") answers the claim
    ``other``: the same place (or one containing the other), and the same target or weapon; the denial
    dated from the event to a week after. None when it does not fit."""
    if denial.document_id == other.document_id:
        return None
    if denial.date and other.date and not (
            other.date.start <= denial.date.end
            and denial.date.start.toordinal() <= other.date.end.toordinal() + DENIAL_WINDOW_DAYS):
        return None
    if not _places_compatible(denial.places, other.places):
        return None
    targets = _targets_compatible(denial.targets, other.targets)
    same_method = bool(denial.method and other.method
                       and denial.method.split(".")[0] == other.method.split(".")[0])
    if targets is False or not (targets or same_method):
        return None
    return (1.5 if targets else 0) + (1.0 if same_method else 0)


def link_denials(incidents: list[Incident], denials: list[Mention]) -> None:
    """Put each denial beside the incident it answers, as a contradiction: the claims stay side by side."""
    for d in denials:
        best: tuple[float, Incident] | None = None
        for inc in incidents:
            scores = [x for x in (_denial_fits(d, o) for o in inc.mentions) if x is not None]
            if scores and (best is None or max(scores) > best[0]):
                best = (max(scores), inc)
        if best is not None:
            best[1].contradictions.append({"field": "occurrence", "claims": [{
                "value": "denied", "by": [c.name for c in d.claimants], "mention": d.id,
                "sources": [d.document_id]}]})


def apply_overrides(incidents: list[Incident], mentions: list[Mention],
                    overrides: list[tuple[str, list[str]]]) -> list[Incident]:
    """Re-apply analysts' merges and splits to an automatic clustering, in the order they were made."""
    if not overrides:
        return incidents
    order = {m.id: n for n, m in enumerate(mentions)}
    groups: list[list[Mention]] = [list(inc.mentions) for inc in incidents]
    for kind, ids in overrides:
        chosen = {i for i in ids if i in order}
        if not chosen:
            continue
        if kind == "split":
            taken = [m for g in groups for m in g if m.id in chosen]
            groups = [[m for m in g if m.id not in chosen] for g in groups]
            groups.append(taken)
        else:
            merged = [m for g in groups if any(m.id in chosen for m in g) for m in g]
            groups = [g for g in groups if not any(m.id in chosen for m in g)]
            groups.append(merged)
        groups = [g for g in groups if g]
    out = []
    for g in groups:
        g.sort(key=lambda m: order[m.id])
        inc = Incident(id=incident_id_for(g[0].id), mentions=g)
        previous = next((i for i in incidents if i.id == inc.id), None)
        inc.merge_reasons = [r for r in (previous.merge_reasons if previous else [])
                             if any(r.get("mention") == m.id for m in g)]
        inc.merge_reasons += [{"mention": m.id, "matched": ["analyst override"]} for m in g[1:]
                              if not any(r.get("mention") == m.id for r in inc.merge_reasons)]
        out.append(merge_fields(inc))
    out.sort(key=lambda i: order[i.mentions[0].id])
    return out


_WIDE_DAYS = 31  # date ranges longer than this are compared with everything instead of indexed by day


def _days(d: DateRange) -> list[int] | None:
    first, last = d.start.toordinal(), d.end.toordinal()
    return list(range(first, last + 1)) if last - first <= _WIDE_DAYS else None


def _cluster(mentions: list[Mention]) -> list[Incident]:
    """Greedy clustering with blocking by day: a mention is compared only with incidents whose dates
    touch its own, so the cost grows with the number of events per day, not with the whole corpus."""
    incidents: list[Incident] = []
    by_day: dict[int, list[int]] = {}
    wide: list[int] = []

    def index(n: int) -> None:
        d = incidents[n].date
        days = _days(d) if d else None
        if days is None:
            if d is not None and n not in wide:
                wide.append(n)
            return
        for day in days:
            bucket = by_day.setdefault(day, [])
            if not bucket or bucket[-1] != n:
                bucket.append(n)

    rarity = WordRarity()
    for m in mentions:
        rarity.add(m)
        best: tuple[int, int, dict[str, object]] | None = None
        if m.date is not None:  # an undated mention cannot positively match anything
            days = _days(m.date)
            pool = range(len(incidents)) if days is None else sorted(
                {n for day in days for n in by_day.get(day, ())} | set(wide))
            for n in pool:
                why = match_features(m, incidents[n], rarity)
                if why is not None:
                    score = why["score"]  # type: ignore[assignment]
                    if best is None or score > best[0]:
                        best = (score, n, why)
        if best is None:
            incidents.append(merge_fields(Incident(id=incident_id_for(m.id), mentions=[m])))
            index(len(incidents) - 1)
        else:
            _, n, why = best
            inc = incidents[n]
            inc.mentions.append(m)
            inc.merge_reasons.append(why)
            merge_fields(inc)
            index(n)
    return incidents
