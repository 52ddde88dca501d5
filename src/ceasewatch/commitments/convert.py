"""Validate an agreement's plain dict (schema, then meaning) and turn it into model objects, and back.

Validation is all-or-nothing: every problem found is collected into one AgreementFileError and nothing is
built. Line numbers come from the positions the YAML loader recorded (absent for dicts from elsewhere).
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema
from jsonschema.exceptions import ValidationError

from ..datafile import Path_, Positions, dotted
from ..model.agreements import (
    Agreement,
    Commitment,
    GeoScope,
    PartyPosition,
    PledgeTerm,
    Reading,
    SourceRef,
    StatusChange,
    Threshold,
    TimeWindow,
    ViolationClaim,
)
from .errors import AgreementFileError, Problem
from .schema import FORMAT_ID, agreement_schema

_VALIDATOR = jsonschema.Draft202012Validator(agreement_schema())
_MAX_LISTED = 40


# ------------------------------------------------------------------------------------------- locating
class _Locator:
    def __init__(self, file: str | None, positions: Positions | None):
        self.file = file
        self.positions = positions or {}

    def at(self, path: Path_) -> tuple[int | None, int | None]:
        path = tuple(path)
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (None, None) if not self.positions else (1, 1)
            path = path[:-1]

    def problem(self, path: Path_, message: str, expected: str | None = None) -> Problem:
        line, col = self.at(path)
        return Problem(message, self.file, line, col, dotted(tuple(path)) or None, expected)


# ------------------------------------------------------------------------------------------- schema
def _expected_terms(values: list[Any], got: Any) -> str:
    names = [str(v) for v in values]
    close = difflib.get_close_matches(str(got), names, n=3, cutoff=0.5) if isinstance(got, str) else []
    listed = ", ".join(names[:_MAX_LISTED]) + (", …" if len(names) > _MAX_LISTED else "")
    text = f"one of {listed}"
    if close:
        text += f" (did you mean {' or '.join(repr(c) for c in close)}?)"
    return text


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """For anyOf/oneOf/allOf failures, the most specific sub-errors (jsonschema's best match)."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        return _leaf_errors(best) if best is not None else [error]
    return [error]


def _schema_problem(error: ValidationError, loc: _Locator) -> Problem:
    path: Path_ = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    inst = error.instance
    v = error.validator
    if v == "enum":
        term = schema.get("x-term", "value")
        return loc.problem(path, f"unknown {term} {inst!r}", _expected_terms(list(error.validator_value), inst))
    if v == "const":
        return loc.problem(path, f"{inst!r} is not allowed here", schema.get("x-expected") or repr(error.validator_value))
    if v == "required":
        missing = [k for k in error.validator_value if isinstance(inst, dict) and k not in inst]
        key = missing[0] if missing else "?"
        line_path = path
        return Problem(f"missing required field '{key}'", loc.file, *loc.at(line_path),
                       dotted((*path, key)), f"a value for '{key}'")
    if v == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = [k for k in inst if k not in allowed] if isinstance(inst, dict) else []
        key = extras[0] if extras else "?"
        return loc.problem((*path, key), f"unknown field '{key}'", _expected_terms(allowed, key))
    if v == "type":
        want = error.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        want = {"array": "a list", "object": "a mapping"}.get(want, want)
        return loc.problem(path, f"{_type_name(inst)} {inst!r} has the wrong type"
                           if not isinstance(inst, (dict, list)) else f"a {_type_name(inst)} has the wrong type",
                           str(want))
    if v == "pattern":
        return loc.problem(path, f"{inst!r} is not in the right form", schema.get("x-expected") or
                           f"text matching {error.validator_value}")
    if v == "minItems":
        return loc.problem(path, "the list is too short", f"at least {error.validator_value} item(s)")
    if v == "maxItems":
        return loc.problem(path, "the list is too long", f"at most {error.validator_value} item(s)")
    if v == "uniqueItems":
        return loc.problem(path, "the list repeats an item", "each item once")
    if v in ("minimum", "maximum", "minLength"):
        return loc.problem(path, f"{inst!r} is out of range", f"{v} {error.validator_value}")
    if v == "anyOf" and schema.get("x-expected"):
        return loc.problem(path, f"{inst!r} is not valid here", schema["x-expected"])
    if v == "anyOf" and isinstance(inst, dict) and "url" in str(error.validator_value):
        return loc.problem(path, "a source needs a url or a publisher", "'url' and/or 'publisher'")
    return loc.problem(path, error.message.replace("\n", " "))


def schema_problems(raw: Any, loc: _Locator) -> list[Problem]:
    if not isinstance(raw, dict):
        return [loc.problem((), f"the file holds a {_type_name(raw)}, not an agreement", "a mapping of fields")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for error in _VALIDATOR.iter_errors(raw):
        leaves = _leaf_errors(error) if not (error.validator == "anyOf" and
                                             (error.schema or {}).get("x-expected")) else [error]
        for leaf in leaves:
            p = _schema_problem(leaf, loc)
            if str(p) not in seen:
                seen.add(str(p))
                problems.append(p)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


# ------------------------------------------------------------------------------------------- parsing
_DT = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}:?\d{2})?)?$")


def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def parse_window_bound(text: str | None) -> datetime | None:
    """A date (midnight) or date-time; naive values are local to the window's time zone."""
    if text is None:
        return None
    m = _DT.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a date or date-time")
    day, clock, offset = m.groups()
    if clock is None:
        return datetime.fromisoformat(day + "T00:00:00")
    if offset in ("Z", "z"):
        offset = "+00:00"
    return datetime.fromisoformat(f"{day}T{clock}{offset or ''}")


class _Checker:
    """Meaning checks the schema cannot express; collects Problems."""

    def __init__(self, raw: dict[str, Any], loc: _Locator):
        self.raw = raw
        self.loc = loc
        self.problems: list[Problem] = []

    def add(self, path: Path_, message: str, expected: str | None = None) -> None:
        self.problems.append(self.loc.problem(path, message, expected))

    def date(self, value: Any, path: Path_) -> date | None:
        if value is None:
            return None
        try:
            return parse_date(value)
        except (TypeError, ValueError):
            self.add(path, f"{value!r} is not a real calendar date", "a date YYYY-MM-DD")
            return None

    def window(self, w: dict[str, Any] | None, path: Path_) -> None:
        if w is None:
            return
        tz = w.get("timezone", "UTC")
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            self.add((*path, "timezone"), f"unknown time zone {tz!r}", "an IANA time zone such as Europe/Kyiv")
        bounds = []
        for key in ("start", "end"):
            try:
                bounds.append(parse_window_bound(w.get(key)))
            except ValueError:
                self.add((*path, key), f"{w.get(key)!r} is not a real date or time", "YYYY-MM-DD[THH:MM]")
                bounds.append(None)
        start, end = bounds
        if start is not None and end is not None:
            if (start.tzinfo is None) != (end.tzinfo is None):
                self.add((*path, "end"), "start and end mix a UTC offset with local time",
                         "both with an offset, or both without")
            elif end <= start:
                self.add((*path, "end"), f"the window ends ({w.get('end')}) before it starts ({w.get('start')})",
                         "an end after the start")

    def history(self, items: list[dict[str, Any]], path: Path_) -> None:
        previous: date | None = None
        for i, change in enumerate(items):
            d = self.date(change.get("date"), (*path, i, "date"))
            if d is not None and previous is not None and d < previous:
                self.add((*path, i, "date"), f"{d} comes before the previous change ({previous})",
                         "status changes in chronological order")
            previous = d or previous
            if change.get("source"):
                self.date(change["source"].get("date"), (*path, i, "source", "date"))

    def geojson(self, geo: dict[str, Any] | None, path: Path_) -> None:
        if not geo:
            return
        polys = [geo["coordinates"]] if geo["type"] == "Polygon" else geo["coordinates"]
        for pi, poly in enumerate(polys):
            rings = poly if isinstance(poly, list) else []
            for ri, ring in enumerate(rings):
                ok = (isinstance(ring, list) and len(ring) >= 4 and all(
                    isinstance(pt, list) and len(pt) >= 2 and all(isinstance(c, (int, float))
                                                                  and not isinstance(c, bool) for c in pt[:2])
                    for pt in ring) and ring[0][:2] == ring[-1][:2])
                if not ok:
                    sub = (*path, "coordinates", pi, ri) if geo["type"] == "MultiPolygon" else \
                        (*path, "coordinates", ri)
                    self.add(sub, "not a closed linear ring of [lon, lat] positions",
                             "at least 4 positions, the last equal to the first")

    def scope(self, s: dict[str, Any] | None, path: Path_) -> None:
        if s is not None:
            self.geojson(s.get("geojson"), (*path, "geojson"))

    def sources(self, items: list[dict[str, Any]] | None, path: Path_) -> None:
        for i, src in enumerate(items or []):
            self.date(src.get("date"), (*path, i, "date"))

    def run(self) -> list[Problem]:
        raw = self.raw
        parties = list(raw.get("parties", []))
        known = set(parties) | set(raw.get("mediators", [])) | set(raw.get("guarantors", []))
        for key in ("announced", "signed"):
            self.date(raw.get(key), (key,))
        vf = self.date(raw.get("valid_from"), ("valid_from",))
        vu = self.date(raw.get("valid_until"), ("valid_until",))
        if vf and vu and vu <= vf:
            self.add(("valid_until",), f"valid_until {vu} is not after valid_from {vf}", "a later date")
        self.sources(raw.get("sources"), ("sources",))
        self.history(raw.get("status_history", []), ("status_history",))
        ids: dict[str, int] = {}
        for i, c in enumerate(raw.get("commitments", [])):
            path = ("commitments", i)
            if c["id"] in ids:
                self.add((*path, "id"), f"commitment id {c['id']!r} is used twice (first at commitments[{ids[c['id']]}])",
                         "unique commitment ids")
            ids.setdefault(c["id"], i)
            self._obligors(c["obligors"], parties, (*path, "obligors"))
            self.window(c.get("window"), (*path, "window"))
            self.scope(c.get("scope"), (*path, "scope"))
            self.sources(c.get("sources"), (*path, "sources"))
            if c.get("conditions_met") is False and not c.get("conditions"):
                self.add((*path, "conditions_met"), "conditions_met is false but no conditions are listed",
                         "the conditions precedent in 'conditions'")
        pairs: set[tuple[str, str]] = set()
        for i, r in enumerate(raw.get("readings", [])):
            path = ("readings", i)
            if r["commitment"] not in ids:
                self.add((*path, "commitment"), f"no commitment with id {r['commitment']!r}",
                         _expected_terms(list(ids), r["commitment"]) if ids else "a commitment id of this file")
            if r["party"] not in known:
                self.add((*path, "party"), f"{r['party']!r} is not a party, mediator or guarantor of the agreement",
                         _expected_terms(sorted(known), r["party"]))
            if (r["commitment"], r["party"]) in pairs:
                self.add((*path, "party"), f"a second reading of {r['commitment']!r} by {r['party']}",
                         "one reading per party and commitment")
            pairs.add((r["commitment"], r["party"]))
            if "obligors" in r:
                self._obligors(r["obligors"], parties, (*path, "obligors"))
            self.window(r.get("window"), (*path, "window"))
            self.scope(r.get("scope"), (*path, "scope"))
            self.history(r.get("status_history", []), (*path, "status_history"))
            self.sources([r["source"], *r.get("sources", [])], (*path, "source"))
        for i, p in enumerate(raw.get("pledges", [])):
            lo, hi = p.get("low"), p.get("high")
            if lo is not None and hi is not None and hi < lo:
                self.add(("pledges", i, "high"), f"high {hi} is below low {lo}", "high >= low")
        for i, cl in enumerate(raw.get("claims", [])):
            self.date(cl.get("date"), ("claims", i, "date"))
            if cl.get("commitment") and cl["commitment"] not in ids:
                self.add(("claims", i, "commitment"), f"no commitment with id {cl['commitment']!r}",
                         _expected_terms(list(ids), cl["commitment"]) if ids else "a commitment id of this file")
        return self.problems

    def _obligors(self, obligors: list[str], parties: list[str], path: Path_) -> None:
        if obligors == ["*"]:
            return
        for j, o in enumerate(obligors):
            if o not in parties:
                self.add((*path, j), f"obligor {o!r} is not among the agreement's parties",
                         _expected_terms(parties, o) + " or \"*\"")


def validate_raw(raw: Any, *, file: str | None = None, positions: Positions | None = None) -> list[Problem]:
    """Every problem in ``raw`` (schema first; meaning checks only once the shape is right)."""
    loc = _Locator(file, positions)
    problems = schema_problems(raw, loc)
    if problems:
        return problems
    return sorted(_Checker(raw, loc).run(), key=lambda p: (p.line or 0, p.column or 0))


# ------------------------------------------------------------------------------------------- building
def _src(d: dict[str, Any] | None) -> SourceRef | None:
    if d is None:
        return None
    return SourceRef(url=d.get("url"), publisher=d.get("publisher"), quote=d.get("quote"),
                     date=parse_date(d["date"]) if d.get("date") else None, title=d.get("title"))


def _srcs(items: list[dict[str, Any]] | None) -> tuple[SourceRef, ...]:
    return tuple(s for s in (_src(d) for d in items or []) if s is not None)


def _window(d: dict[str, Any] | None) -> TimeWindow | None:
    if d is None:
        return None
    return TimeWindow(parse_window_bound(d.get("start")), parse_window_bound(d.get("end")), d.get("timezone", "UTC"))


def _scope(d: dict[str, Any] | None) -> GeoScope | None:
    if d is None:
        return None
    return GeoScope(tuple(d.get("countries", ())), tuple(d.get("admin1", ())), tuple(d.get("areas", ())),
                    d.get("geojson"))


def _history(items: list[dict[str, Any]] | None) -> tuple[StatusChange, ...]:
    return tuple(StatusChange(i["status"], parse_date(i["date"]), _src(i.get("source")), i.get("note"),
                              tuple(i.get("parties", ()))) for i in items or [])


def _opt_tuple(d: dict[str, Any], key: str) -> tuple[str, ...] | None:
    return tuple(d[key]) if key in d and d[key] is not None else None


def _build(raw: dict[str, Any]) -> Agreement:
    commitments = []
    for c in raw.get("commitments", []):
        major = c.get("major")
        commitments.append(Commitment(
            id=c["id"], text=c["text"], obligors=tuple(c["obligors"]), kind=c["kind"],
            acts=tuple(c.get("acts", ())), targets=tuple(c.get("targets", ())),
            window=_window(c.get("window")) or TimeWindow(None),
            scope=_scope(c.get("scope")) or GeoScope(),
            exceptions=tuple(c.get("exceptions", ())), conditions=tuple(c.get("conditions", ())),
            conditions_met=c.get("conditions_met", True) if "conditions_met" in c else True,
            reciprocity=c.get("reciprocity"),
            major=Threshold(major.get("min_killed"), major.get("min_injured"), tuple(major.get("targets", ())),
                            major.get("note")) if major else None,
            sources=_srcs(c.get("sources")), in_text=c.get("in_text", True), release=c.get("release"),
            note=c.get("note"),
        ))
    readings: dict[str, list[Reading]] = {}
    for r in raw.get("readings", []):
        readings.setdefault(r["commitment"], []).append(Reading(
            party_id=r["party"], window=_window(r.get("window")), scope=_scope(r.get("scope")),
            targets=_opt_tuple(r, "targets"), source=_src(r.get("source")), note=r.get("note"),
            acts=_opt_tuple(r, "acts"), obligors=_opt_tuple(r, "obligors"),
            conditions=_opt_tuple(r, "conditions"), conditions_met=r.get("conditions_met"),
            binding=r.get("binding"),
            status_history=_history(r["status_history"]) if "status_history" in r else None,
            sources=_srcs(r.get("sources")),
        ))
    return Agreement(
        id=raw["id"], title=raw["title"], kind=raw["kind"], parties=tuple(raw["parties"]),
        commitments=tuple(commitments), readings={k: tuple(v) for k, v in readings.items()},
        mediators=tuple(raw.get("mediators", ())),
        announced=parse_date(raw["announced"]) if raw.get("announced") else None,
        signed=parse_date(raw["signed"]) if raw.get("signed") else None,
        monitoring_body=raw.get("monitoring_body"), status_history=_history(raw.get("status_history")),
        sources=_srcs(raw.get("sources")), version=raw.get("version", 1),
        guarantors=tuple(raw.get("guarantors", ())),
        valid_from=parse_date(raw["valid_from"]) if raw.get("valid_from") else None,
        valid_until=parse_date(raw["valid_until"]) if raw.get("valid_until") else None,
        positions=tuple(PartyPosition(p["party"], p["stance"], p.get("note"), _src(p.get("source")))
                        for p in raw.get("positions", [])),
        pledges=tuple(PledgeTerm(tuple(p["parties"]), p["kind"], p.get("low"), p.get("high"), p.get("unit"),
                                 p.get("status", "proposed"), p.get("note"), _src(p.get("source")))
                      for p in raw.get("pledges", [])),
        claims=tuple(ViolationClaim(c["claimant"], c["accused"], c["summary"],
                                    parse_date(c["date"]) if c.get("date") else None, c.get("commitment"),
                                    _src(c.get("source"))) for c in raw.get("claims", [])),
        notes=tuple(raw.get("notes", ())),
    )


def agreement_from_dict(raw: dict[str, Any], *, file: str | None = None,
                        positions: Positions | None = None) -> Agreement:
    """Validate ``raw`` (the plain dict of an agreement file) and build the Agreement.

    Raises AgreementFileError listing every problem; nothing is built from an invalid dict.
    """
    problems = validate_raw(raw, file=file, positions=positions)
    if problems:
        raise AgreementFileError(problems)
    return _build(raw)


# ------------------------------------------------------------------------------------------- back to dict
def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _bound(value: datetime | None) -> str | None:
    if value is None:
        return None
    text = value.isoformat()
    return text


def _src_dict(s: SourceRef | None) -> dict[str, Any] | None:
    if s is None:
        return None
    out = {"url": s.url, "publisher": s.publisher, "title": s.title, "date": _d(s.date), "quote": s.quote}
    return {k: v for k, v in out.items() if v is not None}


def _window_dict(w: TimeWindow) -> dict[str, Any]:
    return {"start": _bound(w.start), "end": _bound(w.end), "timezone": w.timezone}


def _scope_dict(s: GeoScope) -> dict[str, Any]:
    out: dict[str, Any] = {"countries": list(s.countries), "admin1": list(s.admin1), "areas": list(s.areas)}
    if s.geojson is not None:
        out["geojson"] = s.geojson
    return out


def _history_dict(items: tuple[StatusChange, ...]) -> list[dict[str, Any]]:
    out = []
    for c in items:
        d: dict[str, Any] = {"status": c.status, "date": c.date.isoformat()}
        if c.parties:
            d["parties"] = list(c.parties)
        if c.source:
            d["source"] = _src_dict(c.source)
        if c.note:
            d["note"] = c.note
        out.append(d)
    return out


def agreement_to_dict(agreement: Agreement) -> dict[str, Any]:
    """The plain, schema-valid dict of ``agreement`` (``agreement_from_dict`` rebuilds an equal Agreement)."""
    a = agreement
    out: dict[str, Any] = {
        "format": FORMAT_ID, "id": a.id, "version": a.version, "title": a.title, "kind": a.kind,
        "parties": list(a.parties), "mediators": list(a.mediators), "guarantors": list(a.guarantors),
        "announced": _d(a.announced), "signed": _d(a.signed), "valid_from": _d(a.valid_from),
        "valid_until": _d(a.valid_until), "monitoring_body": a.monitoring_body,
        "sources": [_src_dict(s) for s in a.sources], "status_history": _history_dict(a.status_history),
        "commitments": [], "readings": [], "notes": list(a.notes),
    }
    for c in a.commitments:
        cd: dict[str, Any] = {
            "id": c.id, "text": c.text, "kind": c.kind, "obligors": list(c.obligors), "acts": list(c.acts),
            "targets": list(c.targets), "window": _window_dict(c.window), "scope": _scope_dict(c.scope),
            "exceptions": list(c.exceptions), "conditions": list(c.conditions),
            "conditions_met": c.conditions_met, "reciprocity": c.reciprocity, "release": c.release,
            "in_text": c.in_text, "sources": [_src_dict(s) for s in c.sources], "note": c.note,
        }
        if c.major is not None:
            cd["major"] = {"min_killed": c.major.min_killed, "min_injured": c.major.min_injured,
                           "targets": list(c.major.targets), "note": c.major.note}
        out["commitments"].append(cd)
        for r in a.readings.get(c.id, ()):
            rd: dict[str, Any] = {"commitment": c.id, "party": r.party_id, "source": _src_dict(r.source)}
            if r.window is not None:
                rd["window"] = _window_dict(r.window)
            if r.scope is not None:
                rd["scope"] = _scope_dict(r.scope)
            for key in ("targets", "acts", "obligors", "conditions"):
                if getattr(r, key) is not None:
                    rd[key] = list(getattr(r, key))
            if r.conditions is not None:
                rd["conditions_met"] = r.conditions_met
            if r.binding is not None:
                rd["binding"] = r.binding
            if r.status_history is not None:
                rd["status_history"] = _history_dict(r.status_history)
            if r.sources:
                rd["sources"] = [_src_dict(s) for s in r.sources]
            if r.note:
                rd["note"] = r.note
            out["readings"].append(rd)
    out["positions"] = [{k: v for k, v in {"party": p.party_id, "stance": p.stance, "note": p.note,
                                            "source": _src_dict(p.source)}.items() if v is not None}
                        for p in a.positions]
    out["pledges"] = [{k: v for k, v in {"parties": list(p.parties), "kind": p.kind, "low": p.low, "high": p.high,
                                          "unit": p.unit, "status": p.status, "note": p.note,
                                          "source": _src_dict(p.source)}.items() if v is not None}
                      for p in a.pledges]
    out["claims"] = [{k: v for k, v in {"claimant": c.claimant, "accused": c.accused, "summary": c.summary,
                                         "date": _d(c.date), "commitment": c.commitment_id,
                                         "source": _src_dict(c.source)}.items() if v is not None}
                     for c in a.claims]
    return out
