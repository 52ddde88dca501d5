"""Raising, delivering, acknowledging and escalating alerts (the stateful side; rules and evaluation are pure).

Delivery never blocks the pipeline: each attempt runs under a hard deadline (the channel's timeout plus a
second), the whole run under ``max_seconds``; a failed attempt is retried later with exponential back-off
and, after ``RetryPolicy.max_attempts``, marked failed. Every change is audited (store.alerts).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..errors import CeasewatchError
from ..store import Store
from ..store import alerts as db
from .channels import Channel
from .errors import DeliveryError
from .evaluate import AlertCandidate, evaluate
from .rules import RetryPolicy, RuleSet

HARD_DEADLINE_GRACE = 1.0  # seconds beyond a channel's own timeout before an attempt is abandoned
LEASE_SECONDS = 60.0
MIN_ATTEMPT_SECONDS = 1.0  # an attempt is not started with less time than this left in the run's budget  # a claimed delivery is not retried by another worker before this (crash safety)


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


# ------------------------------------------------------------------------------------------------ raise
@dataclass(slots=True)
class RaiseReport:
    new: list[int] = field(default_factory=list)  # ids of alerts raised now
    existing: list[str] = field(default_factory=list)  # keys already raised before


def raise_alerts(store: Store, candidates: Sequence[AlertCandidate], *, now: datetime | None = None,
                 actor: str = "alerts") -> RaiseReport:
    """Store each candidate once (by its key) with one pending delivery per channel. Idempotent.

    A pattern candidate that shares an incident with an alert already raised by the same rule against the same
    party is the same burst seen again (e.g. a late report moved the window's start, and with it the key): it is
    counted as existing, not raised twice.
    """
    t = _now(now)
    report = RaiseReport()
    bursts: dict[tuple[str, str], list[set[str]]] | None = None
    for c in candidates:
        if c.level == "pattern":
            if bursts is None:
                bursts = _pattern_bursts(store)
            ids = _incident_ids(c.payload)
            seen = bursts.setdefault((c.rule_id, str(c.payload.get("alleged_party"))), [])
            if any(ids & earlier for earlier in seen):
                report.existing.append(c.key)
                continue
            seen.append(ids)
        escalate_at = None
        payload = dict(c.payload)
        if c.escalation:
            payload["escalation"] = dict(c.escalation)
            escalate_at = t + timedelta(minutes=float(c.escalation["after_minutes"]))
        alert_id = db.insert_alert(store, key=c.key, rule_id=c.rule_id, level=c.level, subject=c.subject,
                                   message=c.message, payload=payload, channels=c.channels,
                                   escalate_at=escalate_at, now=t, actor=actor)
        if alert_id is None:
            report.existing.append(c.key)
        else:
            report.new.append(alert_id)
    return report


def _incident_ids(payload: Mapping[str, Any]) -> set[str]:
    return {str(i.get("id")) for i in payload.get("incidents") or [] if i.get("id") is not None}


def _pattern_bursts(store: Store) -> dict[tuple[str, str], list[set[str]]]:
    """(rule id, alleged party) -> the incident ids of each pattern alert raised so far."""
    out: dict[tuple[str, str], list[set[str]]] = {}
    for rule_id, payload in db.alert_payloads(store, level="pattern"):
        out.setdefault((rule_id, str(payload.get("alleged_party"))), []).append(_incident_ids(payload))
    return out


# ------------------------------------------------------------------------------------------------ deliver
@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0  # failed this time, will be retried
    failed: int = 0  # gave up
    deferred: int = 0  # due, but left for the next run (time budget spent)
    results: list[dict[str, Any]] = field(default_factory=list)  # {delivery, channel, outcome, error, seconds}


def _call_with_deadline(fn: Any, arg: Any, seconds: float) -> str | None:
    """Run ``fn(arg)`` in a daemon thread; the error text, or None on success. Gives up after ``seconds``."""
    outcome: dict[str, BaseException | None] = {}

    def run() -> None:
        try:
            fn(arg)
            outcome["error"] = None
        except BaseException as exc:  # noqa: BLE001 - any failure of a channel is a failed attempt
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="ceasewatch-alert-send", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive() or "error" not in outcome:
        return f"no answer within {seconds:g} s (abandoned)"
    exc = outcome["error"]
    if exc is None:
        return None
    text = str(exc).strip() or type(exc).__name__
    return text if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {text}"


def _notification(claim: dict[str, Any]) -> dict[str, Any]:
    a, d = claim["alert"], claim["delivery"]
    return {
        "alert_id": a["id"], "key": a["key"], "rule_id": a["rule_id"], "level": a["level"],
        "subject": a["subject"], "message": a["message"], "status": a["status"], "created_at": a["created_at"],
        "escalation_level": a["escalation_level"], "payload": a["payload"],
        "delivery_id": d["id"], "channel": d["channel"], "attempt": d["attempts"],
    }


def _channel_map(channels: Mapping[str, Channel] | Iterable[Channel]) -> dict[str, Channel]:
    if isinstance(channels, Mapping):
        return dict(channels)
    return {c.name: c for c in channels}


def deliver_pending(store: Store, channels: Mapping[str, Channel] | Iterable[Channel], *,
                    now: datetime | None = None, max_seconds: float = 30.0, retry: RetryPolicy | None = None,
                    actor: str = "alerts") -> DeliveryReport:
    """Send every due delivery once, within ``max_seconds`` in all.

    Each attempt is abandoned after its channel's timeout plus one second, or when the run's budget is spent,
    whichever comes first (a failed attempt, retried later); an attempt is not started with less than a
    second of budget left: such deliveries are ``deferred`` to the next run, unchanged.

    ``now`` fixes the clock for due times and back-off (tests, replays); by default the wall clock.
    """
    policy = retry or RetryPolicy()
    chans = _channel_map(channels)
    started = time.monotonic()
    report = DeliveryReport()
    for d in db.due_deliveries(store, _now(now)):
        ch = chans.get(d["channel"])
        budget = (ch.timeout if ch else 0.0) + HARD_DEADLINE_GRACE
        remaining = max_seconds - (time.monotonic() - started)
        if remaining < min(budget, MIN_ATTEMPT_SECONDS):
            report.deferred += 1
            continue
        budget = min(budget, remaining)
        t = _now(now)
        claim = db.claim_delivery(store, d["id"], expected_attempts=d["attempts"],
                                  lease_until=t + timedelta(seconds=max(LEASE_SECONDS, 2 * budget)), now=t,
                                  actor=actor)
        if claim is None:  # another worker has it
            continue
        attempt_started = time.monotonic()
        if ch is None:
            error: str | None = f"no channel '{d['channel']}' is configured"
        else:
            error = _call_with_deadline(ch.send, _notification(claim), budget)
        seconds = round(time.monotonic() - attempt_started, 3)
        attempts = claim["delivery"]["attempts"]
        t = _now(now)
        if error is None:
            outcome = "sent"
            db.record_delivery(store, d["id"], outcome="sent", now=t, actor=actor)
            report.sent += 1
        elif attempts >= policy.max_attempts:
            outcome = "failed"
            db.record_delivery(store, d["id"], outcome="failed", error=error, now=t, actor=actor)
            report.failed += 1
        else:
            outcome = "retry"
            db.record_delivery(store, d["id"], outcome="retry", error=error,
                               next_attempt_at=t + timedelta(seconds=policy.delay(attempts)), now=t, actor=actor)
            report.retrying += 1
        report.results.append({"delivery": d["id"], "alert": d["alert_id"], "channel": d["channel"],
                               "attempt": attempts, "outcome": outcome, "error": error, "seconds": seconds})
    return report


# ------------------------------------------------------------------------------------------------ ack, escalate
def acknowledge(store: Store, alert_id: int, by: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Acknowledge an alert: its escalation timer stops. Acknowledging twice changes nothing."""
    if not by or not by.strip():
        raise CeasewatchError("say who acknowledges the alert (--by NAME)")
    alert, _changed = db.acknowledge_alert(store, alert_id, by=by.strip(), now=_now(now))
    return alert


def resolve(store: Store, alert_id: int, by: str, reason: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Close an alert with a written reason: no more escalation. Resolving twice changes nothing."""
    if not by or not by.strip():
        raise CeasewatchError("say who resolves the alert (--by NAME)")
    if not reason or not reason.strip():
        raise CeasewatchError("say why the alert is resolved (--reason TEXT)")
    alert, _changed = db.resolve_alert(store, alert_id, by=by.strip(), reason=reason.strip(), now=_now(now))
    return alert


def escalate_due(store: Store, now: datetime | None = None, *, actor: str = "alerts") -> list[int]:
    """Escalate every open alert whose timer ran out: level + 1, re-notify its escalation channels, and re-arm
    the timer unless the rule's ``max_level`` is reached. Returns the ids escalated."""
    t = _now(now)
    done = []
    for a in db.due_escalations(store, t):
        esc = (a.get("payload") or {}).get("escalation") or {}
        level = a["escalation_level"] + 1
        after = esc.get("after_minutes")
        max_level = int(esc.get("max_level", 1))
        next_at = t + timedelta(minutes=float(after)) if after and level < max_level else None
        if db.escalate_alert(store, a["id"], expected_level=a["escalation_level"], next_escalate_at=next_at,
                             channels=esc.get("channels") or [], now=t, actor=actor):
            done.append(a["id"])
    return done


# ------------------------------------------------------------------------------------------------ check
@dataclass(slots=True)
class CheckSummary:
    incidents: int
    candidates: int
    raised: RaiseReport
    escalated: list[int]
    delivery: DeliveryReport

    def as_dict(self) -> dict[str, Any]:
        return {"incidents": self.incidents, "candidates": self.candidates, "new_alerts": self.raised.new,
                "already_raised": len(self.raised.existing), "escalated": self.escalated,
                "deliveries": {"sent": self.delivery.sent, "retrying": self.delivery.retrying,
                               "failed": self.delivery.failed, "deferred": self.delivery.deferred,
                               "results": self.delivery.results}}


def check(store: Store, rules: RuleSet, channels: Mapping[str, Channel] | Iterable[Channel], *,
          now: datetime | None = None, max_seconds: float = 30.0, actor: str = "alerts") -> CheckSummary:
    """Evaluate the rules over the stored incidents, raise new alerts, escalate due ones, deliver."""
    incidents = store.incidents()
    candidates = evaluate(incidents, rules)
    raised = raise_alerts(store, candidates, now=now, actor=actor)
    escalated = escalate_due(store, now, actor=actor)
    delivery = deliver_pending(store, channels, now=now, max_seconds=max_seconds, retry=rules.retry, actor=actor)
    return CheckSummary(len(incidents), len(candidates), raised, escalated, delivery)
