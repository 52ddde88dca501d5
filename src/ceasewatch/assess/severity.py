"""Severity: an explainable score of how grave an incident is, from casualties, targets, repetition and scale.

The assessment's ``major`` flag says whether an incident crosses an agreement's own "major violation"
threshold; the severity score complements it with one scale across agreements, so alerts can be ranked and
rules can say "severity high or above". Every point added comes with a reason ("3 killed: +9.0"), and every
weight is configurable (the ``severity:`` section of the escalation rules file, docs/escalation.md).

The score never depends on who the alleged perpetrator is: parties are only compared with each other (the
repetition term counts earlier incidents attributed to the *same* party), so any rule applies to all alike.

Everything here is a pure function of its arguments.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from ..model import taxonomy

Level = Literal["low", "medium", "high", "critical"]
LEVELS: tuple[Level, ...] = ("low", "medium", "high", "critical")

# Assessments that a reviewer has thrown out do not make an incident a violation (nor a repetition).
DISMISSED_STATUSES = frozenset({"rejected", "not_substantiated", "not_applicable"})

DEFAULT_TARGET_WEIGHTS: dict[str, float] = {
    "energy.nuclear": 40.0,
    "energy.hydro_dam": 40.0,
    "healthcare": 15.0,
    "education": 12.0,
    "civilians": 10.0,
    "residential": 10.0,
    "energy": 10.0,
    "cultural": 8.0,
    "agriculture": 6.0,
    "commercial_vessel": 6.0,
    "transport": 5.0,
    "infrastructure": 5.0,
    "industrial": 4.0,
    "commercial": 4.0,
    "government": 3.0,
    "military": 0.0,
}

DEFAULT_EFFECT_WEIGHTS: dict[str, float] = {
    "destroyed": 4.0,
    "power_outage": 3.0,
    "water_outage": 3.0,
    "heating_outage": 3.0,
    "gas_outage": 2.0,
    "fire": 2.0,
    "damaged": 1.0,
}


class SeverityConfigError(ValueError):
    """A severity section that cannot be used; ``problems`` holds (path, message) pairs."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]):
        self.problems = problems
        first_path, first_message = problems[0]
        where = ".".join(str(p) for p in first_path)
        super().__init__(f"{where + ': ' if where else ''}{first_message}")


@dataclass(frozen=True, slots=True)
class SeverityConfig:
    """Weights of the severity score. ``SeverityConfig()`` is the documented default."""

    killed_per_person: float = 3.0
    killed_max: float = 45.0
    injured_per_person: float = 1.0
    injured_max: float = 15.0
    # selector -> points; a target scores the weight of its most specific matching selector, and the
    # incident scores its highest-weighted target (so two energy targets do not count double)
    targets: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TARGET_WEIGHTS))
    repetition_per_incident: float = 4.0
    repetition_max: float = 16.0
    repetition_window_days: int = 7
    scale_per_extra_place: float = 2.0
    scale_per_10k_affected: float = 1.0  # people or consumers affected, as effects state (log-scaled)
    scale_effects: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_EFFECT_WEIGHTS))
    scale_max: float = 12.0
    major: float = 10.0  # an agreement's own "major violation" threshold was crossed
    verified: float = 5.0  # a reviewer verified a possible violation
    # the lowest score of each level (low is everything below medium)
    level_medium: float = 10.0
    level_high: float = 25.0
    level_critical: float = 40.0

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> SeverityConfig:
        """The defaults with ``data`` (the ``severity:`` section of a rules file) laid over them.

        Raises SeverityConfigError listing every problem (unknown keys, wrong types, levels out of order).
        """
        if data is None:
            return cls()
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if not isinstance(data, Mapping):
            raise SeverityConfigError([((), "the severity section must be a mapping")])
        changes: dict[str, Any] = {}

        def number(path: tuple[str | int, ...], value: Any, *, integer: bool = False) -> float | None:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            if ok and integer and not float(value).is_integer():
                ok = False
            if not ok or value < 0 or math.isinf(value) or math.isnan(value):
                problems.append((path, f"must be a {'whole ' if integer else ''}number >= 0, not {value!r}"))
                return None
            return int(value) if integer else float(value)

        def section(name: str, fields: dict[str, str], integer: frozenset[str] = frozenset()) -> None:
            value = data.get(name)
            if value is None:
                return
            if not isinstance(value, Mapping):
                problems.append(((name,), "must be a mapping"))
                return
            for key, item in value.items():
                if key not in fields:
                    problems.append(((name, key), f"unknown key '{key}'; expected one of "
                                     + ", ".join(sorted(fields))))
                    continue
                n = number((name, key), item, integer=key in integer)
                if n is not None:
                    changes[fields[key]] = n

        known = {"killed", "injured", "targets", "repetition", "scale", "major", "verified", "levels"}
        for key in data:
            if key not in known:
                problems.append(((key,), f"unknown key '{key}'; expected one of {', '.join(sorted(known))}"))
        section("killed", {"per_person": "killed_per_person", "max": "killed_max"})
        section("injured", {"per_person": "injured_per_person", "max": "injured_max"})
        section("repetition", {"per_incident": "repetition_per_incident", "max": "repetition_max",
                               "window_days": "repetition_window_days"}, frozenset({"window_days"}))
        for key in ("major", "verified"):
            if key in data:
                n = number((key,), data[key])
                if n is not None:
                    changes[key] = n
        targets = data.get("targets")
        if targets is not None:
            if not isinstance(targets, Mapping):
                problems.append((("targets",), "must be a mapping of target selector -> points"))
            else:
                merged = dict(DEFAULT_TARGET_WEIGHTS)
                for sel, pts in targets.items():
                    if sel not in taxonomy.TARGETS:
                        problems.append((("targets", sel), f"unknown target code '{sel}'"))
                        continue
                    n = number(("targets", sel), pts)
                    if n is not None:
                        merged[sel] = n
                changes["targets"] = merged
        scale = data.get("scale")
        if scale is not None:
            if not isinstance(scale, Mapping):
                problems.append((("scale",), "must be a mapping"))
            else:
                names = {"per_extra_place": "scale_per_extra_place", "per_10k_affected": "scale_per_10k_affected",
                         "max": "scale_max"}
                for key, item in scale.items():
                    if key == "effects":
                        if not isinstance(item, Mapping):
                            problems.append((("scale", "effects"), "must be a mapping of effect -> points"))
                            continue
                        effects = dict(DEFAULT_EFFECT_WEIGHTS)
                        for code, pts in item.items():
                            if code not in taxonomy.EFFECTS:
                                problems.append((("scale", "effects", code), f"unknown effect code '{code}'"))
                                continue
                            n = number(("scale", "effects", code), pts)
                            if n is not None:
                                effects[code] = n
                        changes["scale_effects"] = effects
                    elif key in names:
                        n = number(("scale", key), item)
                        if n is not None:
                            changes[names[key]] = n
                    else:
                        problems.append((("scale", key), f"unknown key '{key}'; expected one of effects, "
                                         + ", ".join(sorted(names))))
        section("levels", {"medium": "level_medium", "high": "level_high", "critical": "level_critical"})
        if problems:
            raise SeverityConfigError(problems)
        config = replace(cls(), **changes)
        if not config.level_medium <= config.level_high <= config.level_critical:
            raise SeverityConfigError([(("levels",), "levels must not decrease: medium <= high <= critical")])
        return config

    @classmethod
    def from_rules_file(cls, path: str | Path) -> SeverityConfig:
        """The severity weights of an escalation rules file (its ``severity:`` section, or the defaults)."""
        from ..escalate.rules import load_rules_file

        return load_rules_file(path).severity

    def level_of(self, score: float) -> Level:
        if score >= self.level_critical:
            return "critical"
        if score >= self.level_high:
            return "high"
        if score >= self.level_medium:
            return "medium"
        return "low"

    def target_weight(self, code: str) -> tuple[float, str | None]:
        """Points for one target code: the weight of its most specific matching selector."""
        best: tuple[int, float, str | None] = (-1, 0.0, None)
        for selector, points in self.targets.items():
            if taxonomy.code_matches(selector, code):
                depth = selector.count(".") + 1
                if depth > best[0]:
                    best = (depth, points, selector)
        return best[1], best[2]


@dataclass(frozen=True, slots=True)
class SeverityScore:
    score: float
    level: Level
    reasons: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"score": self.score, "level": self.level, "reasons": list(self.reasons)}


def level_at_least(level: str, minimum: str) -> bool:
    return LEVELS.index(level) >= LEVELS.index(minimum)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- helpers
def count_floor(raw: Mapping[str, Any] | None) -> int | None:
    """The smallest figure a casualty count supports (``low``, else ``best``), as Count.floor()."""
    if not raw:
        return None
    low, best = raw.get("low"), raw.get("best")
    return low if low is not None else best


def incident_day(incident: Mapping[str, Any]) -> date | None:
    raw = (incident.get("date") or {}).get("start")
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).date() if "T" in raw else date.fromisoformat(raw)
    except ValueError:
        return None


def perpetrator_party(incident: Mapping[str, Any]) -> str | None:
    return (incident.get("perpetrator") or {}).get("party_id") or None


def is_live_violation(assessment: Mapping[str, Any]) -> bool:
    """A possible violation that no reviewer has dismissed."""
    return assessment.get("verdict") == "possible_violation" and assessment.get("status") not in DISMISSED_STATUSES


def _fmt(x: float) -> str:
    return f"{x:.1f}"


# ---------------------------------------------------------------------------------------------- scoring
def severity(incident: Mapping[str, Any], assessments: list[Mapping[str, Any]] | None = None,
             history: list[Mapping[str, Any]] | None = None, config: SeverityConfig | None = None) -> SeverityScore:
    """Score ``incident`` (an incident JSON dict) with its ``assessments`` against ``history``.

    ``assessments`` defaults to ``incident["assessments"]``. ``history`` is any list of incident dicts (it may
    include ``incident`` itself, which is skipped): those attributed to the same perpetrator party, dated in
    the ``repetition_window_days`` up to and including this incident's date, with a live possible violation,
    each add ``repetition_per_incident`` points.
    """
    cfg = config or SeverityConfig()
    if assessments is None:
        assessments = list(incident.get("assessments") or [])
    reasons: list[str] = []
    total = 0.0

    def add(points: float, why: str) -> None:
        nonlocal total
        if points > 0:
            total += points
            reasons.append(f"{why}: +{_fmt(points)}")

    killed = count_floor(incident.get("killed"))
    if killed:
        pts = min(killed * cfg.killed_per_person, cfg.killed_max)
        add(pts, f"{killed} killed (x{_fmt(cfg.killed_per_person)}, max {_fmt(cfg.killed_max)})")
    injured = count_floor(incident.get("injured"))
    if injured:
        pts = min(injured * cfg.injured_per_person, cfg.injured_max)
        add(pts, f"{injured} injured (x{_fmt(cfg.injured_per_person)}, max {_fmt(cfg.injured_max)})")

    best_target: tuple[float, str, str | None] | None = None
    for code in incident.get("targets") or []:
        pts, selector = cfg.target_weight(code)
        if best_target is None or pts > best_target[0]:
            best_target = (pts, code, selector)
    if best_target and best_target[0] > 0:
        pts, code, selector = best_target
        via = f" (weight of {selector})" if selector and selector != code else ""
        add(pts, f"target {code}{via}")

    # scale: how widespread and how destructive
    scale_parts: list[tuple[float, str]] = []
    places = len(incident.get("places") or [])
    if places > 1 and cfg.scale_per_extra_place:
        scale_parts.append((cfg.scale_per_extra_place * (places - 1), f"{places} places"))
    seen_effects: set[str] = set()
    affected = 0
    for effect in incident.get("effects") or []:
        code = effect.get("code")
        if code in cfg.scale_effects and code not in seen_effects:
            seen_effects.add(code)
            scale_parts.append((cfg.scale_effects[code], f"effect {code}"))
        if isinstance(effect.get("quantity"), int) and effect["quantity"] > 0:
            affected += effect["quantity"]
    if affected >= 10_000 and cfg.scale_per_10k_affected:
        # one step per order of magnitude from 10,000 (10k: 1 step, 100k: 2, 1M: 3)
        steps = math.floor(math.log10(affected / 10_000)) + 1
        scale_parts.append((cfg.scale_per_10k_affected * steps, f"{affected:,} affected"))
    scale_total = sum(p for p, _ in scale_parts)
    if scale_total > 0:
        capped = min(scale_total, cfg.scale_max)
        cap_note = f", capped at {_fmt(cfg.scale_max)}" if capped < scale_total else ""
        add(capped, "scale: " + ", ".join(f"{why} {_fmt(p)}" for p, why in scale_parts) + cap_note)

    live = [a for a in assessments if is_live_violation(a)]
    majors = sorted({f"{a.get('agreement_id')}/{a.get('commitment_id')}" for a in live if a.get("major")})
    if majors:
        add(cfg.major, f"major violation threshold crossed ({', '.join(majors)})")
    if any(a.get("status") == "verified" for a in live):
        add(cfg.verified, "possible violation verified by a reviewer")

    party = perpetrator_party(incident)
    day = incident_day(incident)
    if party and day and history and cfg.repetition_per_incident:
        since = day - timedelta(days=cfg.repetition_window_days)
        earlier = sorted({
            h.get("id") for h in history
            if h.get("id") != incident.get("id") and perpetrator_party(h) == party
            and (d := incident_day(h)) is not None and since <= d <= day
            and any(is_live_violation(a) for a in h.get("assessments") or [])
        })
        if earlier:
            pts = min(len(earlier) * cfg.repetition_per_incident, cfg.repetition_max)
            add(pts, f"{len(earlier)} other possible violation(s) attributed to {party} in the "
                     f"{cfg.repetition_window_days} days up to {day.isoformat()}")

    score = round(total, 2)
    level = cfg.level_of(score)
    if not reasons:
        reasons.append("no casualties, weighted target, scale, major flag or repetition found: 0")
    return SeverityScore(score, level, reasons)
