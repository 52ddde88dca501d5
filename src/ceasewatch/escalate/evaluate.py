"""Rule evaluation: incidents (with their assessments) in, alert candidates out. Pure: no store, no clock.

Every rule is applied to every party alike: no rule kind looks at which party an incident is attributed to,
only whether several incidents are attributed to the *same* party (pattern rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..assess.severity import SeverityConfig, SeverityScore, count_floor, perpetrator_party, severity
from .rules import Rule, RuleSet


@dataclass(frozen=True, slots=True)
class AlertCandidate:
    """An alert a rule asks for. ``key`` (rule + subject) makes raising it idempotent."""

    key: str
    rule_id: str
    level: str  # immediate, pattern
    subject: str  # "incident:<id>" or "party:<id>:<window start>"
    message: str
    payload: dict[str, Any] = field(default_factory=dict)
    channels: tuple[str, ...] = ()
    escalation: dict[str, Any] | None = None  # {after_minutes, max_level, channels}


def _when(incident: dict[str, Any]) -> datetime | None:
    """The incident's time for windows: its start (a date counts as 00:00 UTC of that day)."""
    raw = (incident.get("date") or {}).get("start")
    if not raw:
        return None
    try:
        if "T" in raw or " " in raw:
            t = datetime.fromisoformat(raw)
            return t if t.tzinfo else t.replace(tzinfo=UTC)
        d = date.fromisoformat(raw)
    except ValueError:
        return None
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _assessment_summary(a: dict[str, Any]) -> dict[str, Any]:
    return {k: a.get(k) for k in ("id", "agreement_id", "commitment_id", "reading", "verdict", "status", "major")}


def _incident_summary(inc: dict[str, Any]) -> dict[str, Any]:
    perp = inc.get("perpetrator") or {}
    return {
        "id": inc.get("id"),
        "date": (inc.get("date") or {}).get("start"),
        "event_type": inc.get("event_type"),
        "sub_event_type": inc.get("sub_event_type"),
        "alleged_perpetrator": {"party_id": perp.get("party_id"), "name": perp.get("name"),
                                "basis": perp.get("basis")} if perp else None,
        "killed": count_floor(inc.get("killed")),
        "injured": count_floor(inc.get("injured")),
        "targets": list(inc.get("targets") or []),
        "places": [p.get("name") for p in inc.get("places") or []],
        "sources": list(inc.get("sources") or []),
    }


def _place(inc: dict[str, Any]) -> str:
    names = [p.get("name") for p in inc.get("places") or [] if p.get("name")]
    return ", ".join(names[:3]) or "place unknown"


def _attribution(inc: dict[str, Any]) -> str:
    perp = inc.get("perpetrator") or {}
    who = perp.get("party_id") or perp.get("name")
    if not who:
        return "perpetrator not stated"
    return f"attributed to {who} ({perp.get('basis') or 'stated'})"


def _history_by_party(incidents: Sequence[dict[str, Any]]) -> dict[str | None, list[dict[str, Any]]]:
    out: dict[str | None, list[dict[str, Any]]] = {}
    for inc in incidents:
        out.setdefault(perpetrator_party(inc), []).append(inc)
    return out


def evaluate(store_incidents: Sequence[dict[str, Any]], rules: RuleSet | Sequence[Rule],
             severity_config: SeverityConfig | None = None) -> list[AlertCandidate]:
    """The alerts ``rules`` ask for over ``store_incidents`` (``Store.incidents()`` dicts), in a stable order."""
    if isinstance(rules, RuleSet):
        cfg = severity_config or rules.severity
        rule_list: Sequence[Rule] = rules.rules
    else:
        cfg = severity_config or SeverityConfig()
        rule_list = rules
    incidents = sorted(store_incidents, key=lambda i: ((i.get("date") or {}).get("start") or "", i.get("id") or ""))
    by_party = _history_by_party(incidents)
    scores: dict[str, SeverityScore] = {}

    def score(inc: dict[str, Any]) -> SeverityScore:
        iid = inc.get("id") or ""
        if iid not in scores:
            party = perpetrator_party(inc)
            history = by_party.get(party, []) if party else []
            scores[iid] = severity(inc, list(inc.get("assessments") or []), history, cfg)
        return scores[iid]

    out: list[AlertCandidate] = []
    for rule in rule_list:
        if rule.kind == "immediate":
            out.extend(_immediate(rule, incidents, score))
        elif rule.kind == "pattern":
            out.extend(_pattern(rule, incidents, score))
    return out


def _escalation(rule: Rule) -> dict[str, Any] | None:
    return rule.escalation.as_dict(rule.channels) if rule.escalation else None


def _immediate(rule: Rule, incidents: list[dict[str, Any]], score: Any) -> list[AlertCandidate]:
    out = []
    for inc in incidents:
        sev: SeverityScore = score(inc)
        matched: list[str] = []
        hits: dict[Any, dict[str, Any]] = {}
        for clause in rule.any_of:
            ok, assessments = clause.match(inc, sev.level)
            if ok:
                matched.append(clause.describe())
                for a in assessments:
                    hits.setdefault(a.get("id") or id(a), a)
        if not matched:
            continue
        subject = f"incident:{inc.get('id')}"
        date_text = (inc.get("date") or {}).get("start") or "date unknown"
        killed = count_floor(inc.get("killed"))
        parts = [f"incident {inc.get('id')} ({date_text}, {_place(inc)})", _attribution(inc)]
        if killed:
            parts.append(f"{killed} killed")
        if inc.get("targets"):
            parts.append("targets " + ", ".join(inc["targets"]))
        if hits:
            parts.append("assessments " + ", ".join(
                f"{a.get('agreement_id')}/{a.get('commitment_id')} {a.get('verdict')} ({a.get('status')})"
                for a in hits.values()))
        parts.append(f"severity {sev.level} ({sev.score:g})")
        message = f"{rule.id}: " + "; ".join(parts)
        payload = {
            "rule": {"id": rule.id, "kind": rule.kind, "description": rule.description},
            "matched": matched,
            "incident": _incident_summary(inc),
            "assessments": [_assessment_summary(a) for a in hits.values()],
            "severity": sev.as_dict(),
        }
        out.append(AlertCandidate(f"{rule.id}:{subject}", rule.id, "immediate", subject, message, payload,
                                  rule.channels, _escalation(rule)))
    return out


def _pattern(rule: Rule, incidents: list[dict[str, Any]], score: Any) -> list[AlertCandidate]:
    clause = rule.any_of[0]
    per_party: dict[str, list[tuple[datetime, dict[str, Any], list[dict[str, Any]]]]] = {}
    for inc in incidents:
        party = perpetrator_party(inc)
        when = _when(inc)
        precision = (inc.get("date") or {}).get("precision") or 1
        if not party or when is None or precision > rule.max_date_precision:
            continue
        sev = score(inc) if clause.severity_at_least else None
        ok, hits = clause.match(inc, sev.level if sev else None)
        if ok:
            per_party.setdefault(party, []).append((when, inc, hits))
    window = timedelta(hours=rule.window_hours)
    out = []
    for party in sorted(per_party):
        items = sorted(per_party[party], key=lambda x: (x[0], x[1].get("id") or ""))
        i = 0
        while i < len(items):
            start = items[i][0]
            j = i
            while j + 1 < len(items) and items[j + 1][0] - start < window:
                j += 1
            group = items[i:j + 1]
            if len(group) < rule.count:
                i += 1
                continue
            anchor = start.date().isoformat() if start.time() == datetime.min.time() else start.isoformat()
            subject = f"party:{party}:{anchor}"
            ids = [inc.get("id") for _, inc, _ in group]
            message = (f"{rule.id}: {len(group)} incidents attributed to {party} matching "
                       f"[{clause.describe()}] within {rule.window_hours:g} h from {anchor}: {', '.join(map(str, ids))}")
            payload = {
                "rule": {"id": rule.id, "kind": rule.kind, "description": rule.description,
                         "count": rule.count, "window_hours": rule.window_hours},
                "alleged_party": party,
                "window_start": start.isoformat(),
                "window_end": (start + window).isoformat(),
                "incidents": [_incident_summary(inc) for _, inc, _ in group],
                "assessments": [_assessment_summary(a) for _, _, hits in group for a in hits],
            }
            out.append(AlertCandidate(f"{rule.id}:{subject}", rule.id, "pattern", subject, message, payload,
                                      rule.channels, _escalation(rule)))
            i = j + 1
    return out
