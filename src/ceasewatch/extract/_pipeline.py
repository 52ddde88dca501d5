"""The extraction stage: text in, Mentions / Positions / Pledges out, each field with its evidence spans."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..model import Mention, Pledge, Position
from ..model.dates import read_date
from ._claimants import SpeakerState, find_speakers
from ._dates import resolve
from ._discourse import attach, attach_locator_places, place_only_mention
from ._events import DocContext, sentence_mentions
from ._language import detect_language
from ._places import Geoparser, LazyPlaces, default_geoparser
from ._positions import extract_positions
from ._resources import CONFLICT_PARTIES, party_by_id, resources_for
from ._text import split_sentences
from .lang import get_language

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
MAX_CHARS = 2_000_000  # longer documents are cut (with a warning) so one input cannot stall a batch

_UNSET = object()
# The digit runs of a text (``\d+``). Written "X X*" (the same matches as "X+"): a pattern that opens with a
# character set is scanned for it at C speed, one that opens with a repeat is tried at every position. ``\d``
# looks every character up in the Unicode tables; "[0-9]" is a plain range test, the same when the text holds no
# other decimal digit (``_digit_runs``).
_DIGITS = re.compile(r"\d\d*")
_ASCII_DIGITS = re.compile(r"[0-9][0-9]*")
_ASCII_BYTES = bytes(range(128))


def _digit_runs(text: str):
    r"""``re.finditer(r"\d+", text)``: with "[0-9]" unless a non-ASCII character of the text is a decimal digit
    (``\d`` is ``str.isdecimal``; the non-ASCII characters are usually a few quotes and dashes)."""
    if not text.isascii():
        others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        if any(c.isdecimal() for c in set(others)):
            return _DIGITS.finditer(text)
    return _ASCII_DIGITS.finditer(text)
# How far a time expression reaches left/right of the date word or digits it holds: "between 19-20 March 2025",
# "on the night of Monday", "in the past twenty-four hours", "since 2022".
_DATE_PUNCT = frozenset(".-–/")
_DIGIT_TO_CUE = 30  # "19th-20th of March": a date word this close after the digits
_DATE_REACH = {"digits": (16, 25), "month": (25, 20), "weekday": (20, 14), "word": (45, 20)}


@dataclass
class ExtractionResult:
    mentions: list[Mention]
    positions: list[Position]
    pledges: list[Pledge]
    language: str
    warnings: list[str] = field(default_factory=list)


def _country_hint(parties, sides: tuple[str, ...] = ()) -> str | tuple[str, ...] | None:
    """The countries a report's places are looked for in first (ISO codes), as a hint for ambiguous toponyms.

    A report given to ceasewatch is about the conflict it monitors, so the hint is the countries of its sides
    (``sides``), both of them and never one: a war report names the sides as attackers and defenders, and where
    an attack fell says nothing of who made it ("Russian shelling hit Pokrovsk" had put Pokrovsk in Russia as
    Engels, once Pokrovsk). Other states named (a mediator, a donor: "the White House announced") are not where
    the events are ("Odesa" had become Odessa, Texas). Only when no side is a state (``sides`` empty or
    non-state) does the state the report names most often give the hint, and then only when it is named at least
    twice as often as any other. A state named as a place ("in Ukraine") is the geoparser's own context."""
    side_states = sorted({c for s in sides if (q := party_by_id(s)) is not None and (c := q.iso3166)})
    if side_states:
        return tuple(side_states)
    counts: dict[str, int] = {}
    for p in parties:
        party = party_by_id(p.party_id)
        if party is not None and party.iso3166:
            counts[party.iso3166] = counts.get(party.iso3166, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] < 2 * ranked[1]:
        return None
    return max(counts, key=counts.__getitem__)


def extract(text: str, *, published: date | datetime | str | None = None, document_id: str = "doc", language: str | None = None,
            geoparser: Geoparser | None | object = _UNSET, country_place=_UNSET,
            conflict_parties: tuple[str, ...] | None = None) -> ExtractionResult:
    """Extract event mentions, positions and pledges from one report.

    ``published`` anchors relative dates ("on Thursday", "yesterday"): a date, or a string in ISO 8601 or another
    common form (``ceasewatch.model.dates.read_date``; unreadable: a warning, and relative dates stay unresolved);
    ``language`` skips detection. ``conflict_parties``: the two sides (party ids, e.g. ``("RU", "UA")``, the
    default) — "the enemy" in one side's statement is the other, their officials are party officials; the pipeline
    passes the sides of the agreements it monitors (``ceasewatch.model.agreements.conflict_sides``).
    ``geoparser`` (and ``country_place``) replace ``ceasewatch.geo``'s functions, e.g. with a fake in tests;
    pass ``geoparser=None`` to extract without places.
    """
    warnings: list[str] = []
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    sides = tuple(conflict_parties) if conflict_parties else CONFLICT_PARTIES
    published, date_warning = read_date(published)  # an unreadable date costs the relative dates, not the report
    if date_warning:
        warnings.append(date_warning)
    if len(text) > MAX_CHARS:
        warnings.append(f"text truncated to {MAX_CHARS} characters")
        text = text[:MAX_CHARS]
    if not text.strip():
        return ExtractionResult([], [], [], language or DEFAULT_LANGUAGE, ["empty text"])

    lang = language
    if lang is None:
        detected, _conf = detect_language(text)
        if detected is None:
            lang = DEFAULT_LANGUAGE
            if len(text.split()) >= 20:
                warnings.append(f"language undetermined; assumed {DEFAULT_LANGUAGE}")
        else:
            lang = detected
    pack = get_language(lang)
    if pack is None:
        return ExtractionResult([], [], [], lang, [*warnings, f"unsupported language: {lang}"])
    res = resources_for(pack)

    sentences, _quotes = split_sentences(text, pack.words["abbreviations"],
                                     pack.words.get("title_abbreviations", frozenset()),
                                     pack.words.get("sentence_starters", frozenset()))
    lex = res.lexicon_hits(text)
    party_occurrences: list[int] = []
    parties = res.party_hits(text, party_occurrences)
    month_num, weekday_num = pack.words["month_num"], pack.words["weekday_num"]
    date_re = res.date_re  # pack.patterns["date"], tried only where a match can start
    times = []
    # The date pattern runs only on short windows around a date word or a digit (every time expression holds
    # one), never over whole sentences.
    anchors = []
    for h in lex:
        if h.cat == "cue" and h.code == "date":
            w = text[h.start:h.end].lower()
            reach = _DATE_REACH["weekday" if w in weekday_num else "month" if w[:3] in month_num else "word"]
            anchors.append((h.start, h.end, reach))
    # a figure ("12 others", "4,500 households") is no date anchor: digits count only as a year, before "." or
    # "-" (27.03.2025, 2025-03-27, 19-20 March), or a little before a date word ("27 March", "3 days ago")
    cue_starts = sorted(a[0] for a in anchors)
    for m in _digit_runs(text):
        a, b = m.start(), m.end()
        if not (b - a == 4 and text[a:a + 2] in ("19", "20")) and text[b:b + 1] not in _DATE_PUNCT:
            i = bisect.bisect_left(cue_starts, b)
            if i == len(cue_starts) or cue_starts[i] - b > _DIGIT_TO_CUE:
                continue
        anchors.append((a, b, _DATE_REACH["digits"]))
    anchors.sort()
    starts = [a[0] for a in anchors]
    for s in sentences:
        i = bisect.bisect_left(starts, s.start)
        ws = we = -1
        windows = []
        while i < len(anchors) and anchors[i][0] < s.end:
            a, b, (left, right) = anchors[i]
            lo, hi = max(s.start, a - left), min(s.end, b + right)
            if lo <= we:
                we = max(we, hi)
            else:
                if we > ws:
                    windows.append((ws, we))
                ws, we = lo, hi
            i += 1
        if we > ws:
            windows.append((ws, we))
        prev_end = s.start
        for ws, we in windows:
            while ws > prev_end and text[ws - 1].isalnum():
                ws -= 1
            while we < s.end and text[we].isalnum():
                we += 1
            times.extend(resolve(m, published, month_num, weekday_num) for m in date_re.finditer(text, ws, we))
            prev_end = we
    if published is None and times:
        warnings.append("no publication date: relative dates left unresolved")

    if geoparser is _UNSET:
        gp, cp = default_geoparser()
        if gp is None:
            warnings.append("geocoding unavailable (ceasewatch.geo not importable): no places")
    else:
        gp, cp = geoparser, None
    if country_place is not _UNSET:
        cp = country_place
    elif geoparser is not _UNSET and cp is None:
        _, cp = default_geoparser()
    matches = []
    if gp is not None:
        try:
            hint = _country_hint(parties, sides)
            # geoparsers (test fakes, embedders' own) that predate ``when`` or the hint get what they accept
            for kwargs in ({"country_hint": hint, "when": published}, {"country_hint": hint}, {}):
                try:
                    matches = list(gp(text, **kwargs))
                    break
                except TypeError:
                    if not kwargs:
                        raise
        except Exception as exc:  # a geocoder failure must not lose the rest of the extraction
            warnings.append(f"geoparse failed: {type(exc).__name__}: {exc}")
            matches = []
    datelines = []
    dl = pack.patterns.get("dateline")
    if dl is not None:
        seen_blocks = set()
        for s in sentences:
            if s.block not in seen_blocks:
                seen_blocks.add(s.block)
                m = dl.match(text, s.start)
                if m:
                    datelines.append((m.start(), m.end()))
    # classified when read: the places of event sentences and locator lines (all of them only for a text
    # without events); the same PlaceHits as classify_places sorted by start
    weapons = [(h.start, h.end) for h in lex if h.cat == "method"] if matches else []
    places = LazyPlaces(text, matches, res, parties, datelines, weapons)

    ctx = DocContext(
        text=text, res=res, published=published, document_id=document_id, sentences=sentences,
        lex=lex, lex_starts=[h.start for h in lex], parties=parties, party_starts=[p.start for p in parties],
        times=times, time_starts=[t.start for t in times], places=places,
        place_starts=places.starts, speakers={}, country_place=cp, warnings=warnings,
        datelines=datelines, party_occurrences=party_occurrences, conflict_parties=sides,
    )
    ctx.index_sentences()
    state = SpeakerState(conflict_parties=sides)
    blocks_len: dict[int, int] = {}
    for s in sentences:
        blocks_len[s.block] = blocks_len.get(s.block, 0) + 1
    for s in sentences:
        headline = blocks_len[s.block] == 1 and text[s.end - 1] not in ".!?\"”"
        ctx.speakers[s.index] = find_speakers(res, text, s.start, s.end, ctx.sent_hits[s.index], state, headline,
                                              ctx.sent_cues[s.index])
    # sentences inside a quotation without their own attribution speak with the quotation's speaker (the first
    # speaker of its first attributed sentence)
    quote_speaker = {}
    for s in sentences:
        if s.quote is not None and s.quote not in quote_speaker and ctx.speakers[s.index]:
            quote_speaker[s.quote] = ctx.speakers[s.index][0]
    for s in sentences:
        if not ctx.speakers[s.index] and s.quote in quote_speaker:
            ctx.speakers[s.index] = [quote_speaker[s.quote]]

    drafts = []
    counter = [0]
    prev: list[list] = []
    for s in sentences:
        try:
            drafts.extend(sentence_mentions(ctx, s, counter, prev))
        except Exception as exc:  # one odd sentence must not lose the document
            log.exception("extraction failed on sentence %s", s.index)
            warnings.append(f"sentence {s.index} skipped: {type(exc).__name__}")
        prev.append(ctx.speakers.get(s.index, []))
    mentions: list[Mention] = attach(ctx, drafts)
    attach_locator_places(ctx, mentions)
    if not mentions and not drafts:
        only = place_only_mention(ctx)
        if only is not None:
            mentions.append(only)
    try:
        positions, pledges = extract_positions(ctx, sentences, ctx.speakers, state)
    except Exception as exc:
        log.exception("position extraction failed")
        warnings.append(f"positions skipped: {type(exc).__name__}")
        positions, pledges = [], []
    return ExtractionResult(mentions, positions, pledges, lang, warnings)
