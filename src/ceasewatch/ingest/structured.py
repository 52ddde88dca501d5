"""Structured incident datasets (ACLED and UCDP GED column layouts): one Document and one Mention per row.

A dataset row is already coded, so it skips text extraction: the row becomes a Document (text = ACLED
``notes`` or UCDP ``source_headline``, the raw row kept as provenance) and a Mention built straight from the
columns, saved with ``Store.save_extraction`` so the extract stage passes over it. Every field of the Mention
cites the row's text as its evidence, and the dataset is its claimant (affiliation "monitor").

Mappings (documented in docs/ingest.md):

* ACLED ``geo_precision`` 1/2/3 -> UCDP ``where_prec`` 1 (exact place) / 2 (near it) / 4 (region);
  ACLED ``time_precision`` 1/2/3 -> UCDP ``date_prec`` 1 (day) / 3 (week) / 4 (month).
* UCDP does not code the form of violence: ``type_of_violence`` 3 (one-sided) -> "Violence against
  civilians"/"Attack"; 1 and 2 -> "Battles" with no sub-event type.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from ..model import Actor, Claimant, Count, DateRange, Mention, Place, Span
from ..model.parties import KNOWN_PARTIES, party_names

ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type")
UCDP_REQUIRED = ("id", "date_start", "side_a")
_ACLED_GEO = {1: 1, 2: 2, 3: 4}
_ACLED_TIME = {1: 1, 2: 3, 3: 4}


def detect_layout(header: list[str]) -> str | None:
    cols = {h.strip().lower() for h in header}
    if all(c in cols for c in ACLED_REQUIRED):
        return "acled"
    if all(c in cols for c in UCDP_REQUIRED) and ("where_prec" in cols or "best" in cols):
        return "ucdp"
    return None


class RowError(ValueError):
    """A dataset row that cannot be used (the message names the column)."""


def _int(row: dict[str, str], col: str, required: bool = False) -> int | None:
    v = (row.get(col) or "").strip()
    if not v:
        if required:
            raise RowError(f"missing {col}")
        return None
    try:
        return int(float(v))
    except ValueError:
        raise RowError(f"{col} {v!r} is not a number") from None


def _float(row: dict[str, str], col: str) -> float | None:
    v = (row.get(col) or "").strip()
    if not v:
        return None
    try:
        return float(v)
    except ValueError:
        raise RowError(f"{col} {v!r} is not a number") from None


def parse_day(value: str, col: str) -> date:
    v = (value or "").strip()
    if not v:
        raise RowError(f"missing {col}")
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y/%m/%d", "%B %d, %Y", "%d %b %Y"):
        try:
            return datetime.strptime(v[:10] if fmt == "%Y-%m-%d" else v, fmt).date()
        except ValueError:
            continue
    raise RowError(f"{col} {v!r} is not a date")


def _party_of(name: str | None) -> str | None:
    if not name:
        return None
    for party in KNOWN_PARTIES:
        if party.kind != "state":
            continue
        for form in party_names(party):
            if len(form) > 3 and re.search(rf"\b{re.escape(form)}\b", name):
                return party.id
    return None


def _country_code(name: str | None) -> str | None:
    if not name:
        return None
    try:
        import pycountry

        found = pycountry.countries.lookup(name.strip())
        return str(found.alpha_2)
    except (LookupError, ImportError):
        return None


def row_text(layout: str, row: dict[str, str]) -> tuple[str, list[str]]:
    """The document text of a row, and warnings when the dataset gave none (a description is composed)."""
    if layout == "acled":
        notes = (row.get("notes") or "").strip()
        if notes:
            return notes, []
        where = ", ".join(x for x in (row.get("location"), row.get("admin1")) if x)
        return (f"{row.get('event_date')}: {row.get('sub_event_type') or row.get('event_type')} in {where}; "
                f"actors: {row.get('actor1') or 'unknown'}"
                + (f" and {row['actor2']}" if row.get("actor2") else "") + "."), ["row has no notes: text composed from its columns"]
    heads = [h.strip() for h in (row.get("source_headline") or "").split(";") if h.strip()]
    if heads:
        return "\n".join(dict.fromkeys(heads)), []
    where = row.get("where_description") or row.get("adm_2") or row.get("adm_1") or "unknown place"
    return (f"{row.get('date_start')}: violence by {row.get('side_a') or 'unknown'} against "
            f"{row.get('side_b') or 'unknown'} at {where}; {row.get('best') or '?'} killed."), \
        ["row has no source_headline: text composed from its columns"]


def check_row(layout: str, row: dict[str, str]) -> dict[str, Any]:
    """Validate a row's key columns (raising RowError) and return the report metadata it gives."""
    if layout == "acled":
        if not (row.get("event_id_cnty") or "").strip():
            raise RowError("missing event_id_cnty")
        day = parse_day(row.get("event_date", ""), "event_date")
        _int(row, "fatalities")
        _float(row, "latitude")
        _float(row, "longitude")
        return {"url": f"acled:{row['event_id_cnty'].strip()}", "published_at": day,
                "publisher": "ACLED", "title": f"ACLED {row['event_id_cnty'].strip()}"}
    if not (row.get("id") or "").strip():
        raise RowError("missing id")
    start = parse_day(row.get("date_start", ""), "date_start")
    if (row.get("date_end") or "").strip():
        parse_day(row["date_end"], "date_end")
    for col in ("best", "low", "high", "where_prec", "date_prec"):
        _int(row, col)
    _float(row, "latitude")
    _float(row, "longitude")
    published = parse_day(row["source_date"].split(";")[0], "source_date") if (row.get("source_date") or "").strip() else start
    return {"url": f"ucdp-ged:{row['id'].strip()}", "published_at": published, "publisher": "UCDP GED",
            "title": f"UCDP GED event {row['id'].strip()}"}


def mention_from_row(layout: str, row: dict[str, str], document_id: str, text: str) -> Mention:
    """The Mention a dataset row states, with the row's text as evidence of every field."""
    span = Span(0, len(text.rstrip("\n")))
    if layout == "acled":
        sub = (row.get("sub_event_type") or "").strip() or None
        event_type = (row.get("event_type") or "").strip() or None
        day = parse_day(row["event_date"], "event_date")
        prec = _ACLED_TIME.get(_int(row, "time_precision") or 1, 1)
        end = day + timedelta(days={1: 0, 3: 6, 4: 30}.get(prec, 0)) if prec > 1 else day
        actor = (row.get("actor1") or "").strip()
        place = Place(
            name=(row.get("location") or row.get("admin2") or row.get("admin1") or "unknown").strip(),
            lat=_float(row, "latitude"), lon=_float(row, "longitude"),
            precision=_ACLED_GEO.get(_int(row, "geo_precision") or 3, 4),
            country_code=(row.get("iso2") or "").strip() or _country_code(row.get("country")),
            admin1=(row.get("admin1") or "").strip() or None, admin2=(row.get("admin2") or "").strip() or None,
            feature="populated_place" if (_int(row, "geo_precision") or 3) == 1 else None)
        fatalities = _int(row, "fatalities")
        killed = Count(fatalities, fatalities, fatalities) if fatalities is not None else Count()
        claimant = Claimant("ACLED", "monitor")
        affected = _party_of(row.get("actor2"))
    else:
        tov = _int(row, "type_of_violence")
        event_type, sub = ("Violence against civilians", "Attack") if tov == 3 else ("Battles", None)
        start = parse_day(row["date_start"], "date_start")
        end = parse_day(row["date_end"], "date_end") if (row.get("date_end") or "").strip() else start
        prec = _int(row, "date_prec") or 1
        actor = (row.get("side_a") or "").strip()
        place = Place(
            name=(row.get("where_description") or row.get("adm_2") or row.get("adm_1") or "unknown").strip(),
            lat=_float(row, "latitude"), lon=_float(row, "longitude"), precision=_int(row, "where_prec") or 6,
            country_code=_country_code(row.get("country")),
            admin1=(row.get("adm_1") or "").strip() or None, admin2=(row.get("adm_2") or "").strip() or None)
        civ = _int(row, "deaths_civilians")
        # UCDP's deaths_civilians is the civilian part of its best estimate (no low/high of its own)
        killed = Count(_int(row, "best"), _int(row, "low"), _int(row, "high"),
                       Count(best=civ) if civ is not None else None)
        claimant = Claimant("UCDP GED", "monitor")
        affected = _party_of(row.get("side_b"))
        day = start
    m = Mention(
        id=f"{document_id}:m0", document_id=document_id, sentence=span, event_type=event_type,
        sub_event_type=sub,
        perpetrator=Actor(actor, "stated", _party_of(actor)) if actor else None,
        affected_party=affected, claimants=[claimant],
        killed=killed, date=DateRange(day, max(end, day), prec), places=[place] if place.name else [],
        modality="asserted", text=text.rstrip("\n"),
    )
    for name in ("event_type", "date", "places", "claimants"):
        m.add_evidence(name, span)
    if m.perpetrator:
        m.add_evidence("perpetrator", span)
    if killed.known:
        m.add_evidence("killed", span)
    return m
