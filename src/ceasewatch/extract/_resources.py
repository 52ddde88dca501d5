"""Per-language compiled resources built once per process: the lexicon automaton and party patterns.

The party patterns come from ``ceasewatch.model.parties`` (names, aliases, demonyms, capital metonyms) plus
the language pack's armed-forces aliases, so every party is recognised by the same rules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import ahocorasick

from ..model.parties import KNOWN_PARTIES, party_names
from .lang import LanguagePack

# The parties to the armed conflict whose officials are "party_official" sources and whose opponent is
# inferred from "the enemy" in their statements. Every other state or organisation is a third party.
CONFLICT_PARTIES: tuple[str, ...] = ("RU", "UA")


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    cat: str
    code: str


@dataclass(frozen=True, slots=True)
class PartyHit:
    start: int
    end: int
    party_id: str
    surface: str
    kind: str  # name, alias, demonym, capital


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
        self.party_re = re.compile(rf"(?<![\w.])(?:{alt})(?![\w])")
        demonyms = [s for s, (_, k) in surfaces.items() if k == "demonym"]
        self.party_adj = "(?:" + "|".join(re.escape(s) for s in sorted(demonyms, key=len, reverse=True)) + ")"
        P = rf"(?P<party>{alt})"
        w = pack.words
        self.accusations = [re.compile(t.format(P=P)) for t in w["accusations"]]
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
        self.recipient = re.compile(w["recipient"].format(P=P))
        self.as_party_we = re.compile(w["as_party_we"].format(P=P))
        self.force_gap = re.compile(
            rf"^(?:['’]s)?\s+(?:{w['force_nouns']}\s+)?(?:(?:has|have|had|reportedly|also|again)\s+)*"
            rf"(?:{w.get('force_verbs', '(?!)')}\s+)?(?:[\w-]+\s+){{0,2}}?$")
        self.agent_gap = re.compile(rf"^\s+(?:[\w'’-]+\s+){{0,3}}?{w['agent_by']}$")
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
        out.sort(key=lambda h: (h.start, h.end))
        return out

    def party_hits(self, text: str) -> list[PartyHit]:
        out = []
        for m in self.party_re.finditer(text):
            pid, kind = self.party_surface[m.group(0)]
            out.append(PartyHit(m.start(), m.end(), pid, m.group(0), kind))
        return out

    def party_in(self, s: str) -> tuple[str | None, re.Match[str] | None]:
        m = self.party_re.search(s)
        return (self.party_surface[m.group(0)][0], m) if m else (None, None)


_CACHE: dict[str, Resources] = {}


def resources_for(pack: LanguagePack) -> Resources:
    res = _CACHE.get(pack.code)
    if res is None or res.pack is not pack:
        res = Resources(pack)
        _CACHE[pack.code] = res
    return res
