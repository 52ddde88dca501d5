"""The JSON Schema (draft 2020-12) of the agreement file format, built from the shared taxonomy.

Every controlled term (targets, acts, kinds, statuses) is an ``enum`` carrying ``x-term`` (what the term is
called in error messages), so the published schema is complete on its own and validation errors can say
"unknown target 'energy.coal'; expected one of …". docs/agreements.md documents each field.
"""

from __future__ import annotations

import copy
from typing import Any

from ..model import taxonomy

FORMAT_ID = "ceasewatch.agreement/1"
SCHEMA_ID = "https://ceasewatch.org/schemas/agreement-1.schema.json"

STANCES = ("supports", "opposes", "conditions", "undecided", "proposes")
PLEDGE_KINDS = ("troops", "money", "equipment", "support")
PLEDGE_STATUSES = ("proposed", "pledged", "delivered", "uncertain")

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# A calendar date (midnight, local to the window's time zone) or a local/offset date-time.
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$"
PARTY_PATTERN = r"^[A-Z][A-Z0-9_-]{1,15}$"
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,79}$"


def _term(name: str, values: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), "x-term": name}


def _strings(item: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": item or {"type": "string", "minLength": 1}, **extra}


def _obj(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = list(required)
    out.update(extra)
    return out


_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "ceasewatch agreement file",
    "description": "An agreement (ceasefire, moratorium, maritime arrangement or pledge), its commitments and "
                   "each party's reading of them. See docs/agreements.md.",
    "$ref": "#/$defs/agreement",
    "$defs": {
        "date": {"type": "string", "pattern": DATE_PATTERN, "x-expected": "a date YYYY-MM-DD"},
        "datetime": {"type": ["string", "null"], "pattern": DATETIME_PATTERN,
                     "x-expected": "a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM[:SS][+HH:MM]"},
        "party": {"type": "string", "pattern": PARTY_PATTERN,
                  "x-expected": "a party id such as RU, UA, US (ISO 3166-1 alpha-2 for states)"},
        "parties": _strings({"$ref": "#/$defs/party"}, uniqueItems=True),
        "text": {"type": "string", "minLength": 1},
        "source": _obj({
            "url": {"type": ["string", "null"], "pattern": r"^https?://\S+$", "x-expected": "an http(s) URL"},
            "publisher": {"type": ["string", "null"]},
            "title": {"type": ["string", "null"]},
            "date": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
            "quote": {"type": ["string", "null"]},
        }, anyOf=[{"required": ["url"]}, {"required": ["publisher"]}],
            description="Where a fact comes from: URL and/or publisher, date, and the exact words quoted."),
        "sources": _strings({"$ref": "#/$defs/source"}),
        "status_change": _obj({
            "status": _term("status", taxonomy.AGREEMENT_STATUSES),
            "date": {"$ref": "#/$defs/date"},
            "parties": {"$ref": "#/$defs/parties"},
            "source": {"$ref": "#/$defs/source"},
            "note": {"type": ["string", "null"]},
        }, ("status", "date")),
        "status_history": _strings({"$ref": "#/$defs/status_change"}),
        "window": _obj({
            "start": {"$ref": "#/$defs/datetime"},
            "end": {"$ref": "#/$defs/datetime"},
            "timezone": {"type": "string", "minLength": 1,
                         "x-expected": "an IANA time zone such as Europe/Kyiv or UTC"},
            "note": {"type": ["string", "null"]},
        }, ("start",), description="[start, end) in the time zone; end null or absent: open-ended."),
        "geojson": {
            "type": "object",
            "properties": {
                "type": _term("GeoJSON geometry type", ("Polygon", "MultiPolygon")),
                "coordinates": {"type": "array", "minItems": 1},
            },
            "required": ["type", "coordinates"],
        },
        "scope": _obj({
            "countries": _strings({"type": "string", "pattern": r"^[A-Z]{2}$",
                                   "x-expected": "an ISO 3166-1 alpha-2 country code"}, uniqueItems=True),
            "admin1": _strings(uniqueItems=True),
            "areas": _strings(uniqueItems=True),
            "geojson": {"anyOf": [{"$ref": "#/$defs/geojson"}, {"type": "null"}]},
            "note": {"type": ["string", "null"]},
        }, description="Where the commitment applies; all empty: everywhere. Lists are alternatives (union)."),
        "targets": _strings(_term("target", taxonomy.TARGETS), uniqueItems=True),
        "acts": _strings(_term("act", taxonomy.act_selectors()), uniqueItems=True),
        "obligors": {"anyOf": [
            {"type": "array", "items": {"const": "*"}, "minItems": 1, "maxItems": 1},
            {"type": "array", "items": {"$ref": "#/$defs/party"}, "minItems": 1, "uniqueItems": True},
        ], "x-expected": "a list of party ids, or [\"*\"] for all parties"},
        "threshold": _obj({
            "min_killed": {"type": ["integer", "null"], "minimum": 0},
            "min_injured": {"type": ["integer", "null"], "minimum": 0},
            "targets": {"$ref": "#/$defs/targets"},
            "note": {"type": ["string", "null"]},
        }),
        "commitment": _obj({
            "id": {"type": "string", "pattern": ID_PATTERN,
                   "x-expected": "a lower-case id (letters, digits, . _ -)"},
            "text": {"$ref": "#/$defs/text"},
            "kind": _term("commitment kind", taxonomy.COMMITMENT_KINDS),
            "obligors": {"$ref": "#/$defs/obligors"},
            "acts": {"$ref": "#/$defs/acts"},
            "targets": {"$ref": "#/$defs/targets"},
            "window": {"$ref": "#/$defs/window"},
            "scope": {"$ref": "#/$defs/scope"},
            "exceptions": _strings(),
            "conditions": _strings(),
            "conditions_met": {"type": ["boolean", "null"]},
            "reciprocity": {"type": ["string", "null"]},
            "release": {"type": ["string", "null"]},
            "major": {"$ref": "#/$defs/threshold"},
            "in_text": {"type": "boolean"},
            "sources": {"$ref": "#/$defs/sources"},
            "note": {"type": ["string", "null"]},
        }, ("id", "text", "kind", "obligors")),
        "reading": _obj({
            "commitment": {"type": "string", "pattern": ID_PATTERN},
            "party": {"$ref": "#/$defs/party"},
            "window": {"$ref": "#/$defs/window"},
            "scope": {"$ref": "#/$defs/scope"},
            "targets": {"$ref": "#/$defs/targets"},
            "acts": {"$ref": "#/$defs/acts"},
            "obligors": {"$ref": "#/$defs/obligors"},
            "conditions": _strings(),
            "conditions_met": {"type": ["boolean", "null"]},
            "binding": {"type": ["boolean", "null"]},
            "status_history": {"$ref": "#/$defs/status_history"},
            "source": {"$ref": "#/$defs/source"},
            "sources": {"$ref": "#/$defs/sources"},
            "note": {"type": ["string", "null"]},
        }, ("commitment", "party", "source")),
        "position": _obj({
            "party": {"$ref": "#/$defs/party"},
            "stance": _term("stance", STANCES),
            "note": {"type": ["string", "null"]},
            "source": {"$ref": "#/$defs/source"},
        }, ("party", "stance")),
        "pledge": _obj({
            "parties": {"$ref": "#/$defs/parties"},
            "kind": _term("pledge kind", PLEDGE_KINDS),
            "low": {"type": ["number", "null"], "minimum": 0},
            "high": {"type": ["number", "null"], "minimum": 0},
            "unit": {"type": ["string", "null"]},
            "status": _term("pledge status", PLEDGE_STATUSES),
            "note": {"type": ["string", "null"]},
            "source": {"$ref": "#/$defs/source"},
        }, ("parties", "kind")),
        "claim": _obj({
            "claimant": {"$ref": "#/$defs/party"},
            "accused": {"$ref": "#/$defs/party"},
            "summary": {"$ref": "#/$defs/text"},
            "date": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
            "commitment": {"type": ["string", "null"]},
            "source": {"$ref": "#/$defs/source"},
        }, ("claimant", "accused", "summary", "source")),
        "agreement": _obj({
            "format": {"const": FORMAT_ID, "x-expected": f"'{FORMAT_ID}'"},
            "id": {"type": "string", "pattern": ID_PATTERN,
                   "x-expected": "a lower-case id (letters, digits, . _ -)"},
            "version": {"type": "integer", "minimum": 1},
            "valid_from": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
            "valid_until": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
            "title": {"$ref": "#/$defs/text"},
            "kind": _term("agreement kind", taxonomy.AGREEMENT_KINDS),
            "parties": {"allOf": [{"$ref": "#/$defs/parties"}, {"minItems": 1}]},
            "mediators": {"$ref": "#/$defs/parties"},
            "guarantors": {"$ref": "#/$defs/parties"},
            "announced": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
            "signed": {"anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
            "monitoring_body": {"type": ["string", "null"]},
            "sources": {"allOf": [{"$ref": "#/$defs/sources"}, {"minItems": 1}]},
            "status_history": {"$ref": "#/$defs/status_history"},
            "commitments": _strings({"$ref": "#/$defs/commitment"}),
            "readings": _strings({"$ref": "#/$defs/reading"}),
            "positions": _strings({"$ref": "#/$defs/position"}),
            "pledges": _strings({"$ref": "#/$defs/pledge"}),
            "claims": _strings({"$ref": "#/$defs/claim"}),
            "notes": _strings(),
        }, ("id", "title", "kind", "parties", "sources")),
    },
}


def agreement_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of agreement files; a fresh copy the caller may change."""
    return copy.deepcopy(_SCHEMA)
