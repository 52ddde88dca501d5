"""The extraction stage: text in, Mentions / Positions / Pledges out, each field with its evidence spans."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..model import Mention, Pledge, Position
from ._claimants import SpeakerState, find_speakers
from ._dates import resolve
from ._events import DocContext, sentence_mentions
from ._language import detect_language
from ._places import Geoparser, classify_places, default_geoparser
from ._positions import extract_positions
from ._resources import resources_for
from ._text import split_sentences
from .lang import get_language

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
MAX_CHARS = 2_000_000  # longer documents are cut (with a warning) so one input cannot stall a batch

_UNSET = object()
_DIGIT = re.compile(r"\d")


@dataclass
class ExtractionResult:
    mentions: list[Mention]
    positions: list[Position]
    pledges: list[Pledge]
    language: str
    warnings: list[str] = field(default_factory=list)


def _country_hint(parties) -> str | None:
    """The state party the document names most often (ISO code), as a hint for ambiguous toponyms."""
    from ..model.parties import party_by_id

    counts: dict[str, int] = {}
    for p in parties:
        party = party_by_id(p.party_id)
        if party is not None and party.iso3166:
            counts[party.iso3166] = counts.get(party.iso3166, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def extract(text: str, *, published: date | None = None, document_id: str = "doc", language: str | None = None,
            geoparser: Geoparser | None | object = _UNSET, country_place=_UNSET) -> ExtractionResult:
    """Extract event mentions, positions and pledges from one report.

    ``published`` anchors relative dates ("on Thursday", "yesterday"); ``language`` skips detection.
    ``geoparser`` (and ``country_place``) replace ``ceasewatch.geo``'s functions, e.g. with a fake in tests;
    pass ``geoparser=None`` to extract without places.
    """
    warnings: list[str] = []
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if isinstance(published, datetime):
        published = published.date()
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

    sentences, _quotes = split_sentences(text, pack.words["abbreviations"])
    lex = res.lexicon_hits(text)
    parties = res.party_hits(text)
    month_num, weekday_num = pack.words["month_num"], pack.words["weekday_num"]
    date_re = pack.patterns["date"]
    times = []
    cue_starts = [h.start for h in lex if h.cat == "cue" and h.code == "date"]
    for s in sentences:
        i = bisect.bisect_left(cue_starts, s.start)
        if (i < len(cue_starts) and cue_starts[i] < s.end) or _DIGIT.search(text, s.start, s.end):
            times.extend(resolve(m, published, month_num, weekday_num) for m in date_re.finditer(text, s.start, s.end))
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
            hint = _country_hint(parties)
            try:
                matches = list(gp(text, country_hint=hint))
            except TypeError:
                matches = list(gp(text))
        except Exception as exc:  # a geocoder failure must not lose the rest of the extraction
            warnings.append(f"geoparse failed: {type(exc).__name__}: {exc}")
            matches = []
    places = sorted(classify_places(text, matches, res, parties), key=lambda p: p.start)

    ctx = DocContext(
        text=text, res=res, published=published, document_id=document_id, sentences=sentences,
        lex=lex, lex_starts=[h.start for h in lex], parties=parties, party_starts=[p.start for p in parties],
        times=times, time_starts=[t.start for t in times], places=places,
        place_starts=[p.start for p in places], speakers={}, country_place=cp, warnings=warnings,
    )
    state = SpeakerState()
    blocks_len: dict[int, int] = {}
    for s in sentences:
        blocks_len[s.block] = blocks_len.get(s.block, 0) + 1
    for s in sentences:
        headline = blocks_len[s.block] == 1 and text[s.end - 1] not in ".!?\"”"
        hits = ctx.lex_in(s.start, s.end)
        ctx.speakers[s.index] = find_speakers(res, text, s.start, s.end, hits, state, headline)
        # sentences inside a quotation without their own attribution speak with the quotation's speaker
    for s in sentences:
        if not ctx.speakers[s.index] and s.quote is not None:
            for o in sentences:
                if o.quote == s.quote and ctx.speakers[o.index]:
                    ctx.speakers[s.index] = [ctx.speakers[o.index][0]]
                    break

    mentions: list[Mention] = []
    counter = [0]
    prev: list[list] = []
    for s in sentences:
        try:
            mentions.extend(sentence_mentions(ctx, s, counter, prev))
        except Exception as exc:  # one odd sentence must not lose the document
            log.exception("extraction failed on sentence %s", s.index)
            warnings.append(f"sentence {s.index} skipped: {type(exc).__name__}")
        prev.append(ctx.speakers.get(s.index, []))
    try:
        positions, pledges = extract_positions(ctx, sentences, ctx.speakers, state)
    except Exception as exc:
        log.exception("position extraction failed")
        warnings.append(f"positions skipped: {type(exc).__name__}")
        positions, pledges = [], []
    return ExtractionResult(mentions, positions, pledges, lang, warnings)
