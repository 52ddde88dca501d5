"""Alert persistence: the ``alerts`` and ``alert_deliveries`` tables, behind functions that take a Store.

Every change of state appends its audit entry in the same transaction. Changes that several workers could
race on (claiming a delivery, escalating an alert) are conditional updates: the loser changes nothing.
Times are stored in UTC; SQLite hands them back naive, so every reader goes through ``_utc``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from .errors import NotFoundError, StoreError
from .schema import AlertDeliveryRow, AlertRow
from .store import Store

ALERT_STATUSES = ("open", "acknowledged", "resolved")
DELIVERY_STATUSES = ("pending", "sent", "failed")


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso(value: datetime | None) -> str | None:
    v = _utc(value)
    return v.isoformat() if v else None


def delivery_dict(d: AlertDeliveryRow) -> dict[str, Any]:
    return {"id": d.id, "alert_id": d.alert_id, "channel": d.channel, "status": d.status, "attempts": d.attempts,
            "next_attempt_at": _iso(d.next_attempt_at), "last_error": d.last_error, "sent_at": _iso(d.sent_at)}


def alert_dict(a: AlertRow, deliveries: Iterable[AlertDeliveryRow] = ()) -> dict[str, Any]:
    return {"id": a.id, "key": a.key, "rule_id": a.rule_id, "level": a.level, "subject": a.subject,
            "message": a.message, "status": a.status, "created_at": _iso(a.created_at),
            "acknowledged_by": a.acknowledged_by, "acknowledged_at": _iso(a.acknowledged_at),
            "escalate_at": _iso(a.escalate_at), "escalation_level": a.escalation_level,
            "resolved_by": a.resolved_by, "resolved_at": _iso(a.resolved_at), "resolution": a.resolution,
            "payload": a.payload,
            "deliveries": [delivery_dict(d) for d in deliveries]}


def insert_alert(store: Store, *, key: str, rule_id: str, level: str, subject: str, message: str,
                 payload: dict[str, Any], channels: Iterable[str], escalate_at: datetime | None, now: datetime,
                 actor: str = "alerts") -> int | None:
    """Store a new alert with one pending delivery per channel; None (and no change) when ``key`` exists."""
    now = _utc(now)  # type: ignore[assignment]
    try:
        with store.transaction() as s:
            if s.execute(select(AlertRow.id).where(AlertRow.key == key)).scalar_one_or_none() is not None:
                return None
            row = AlertRow(key=key, rule_id=rule_id, level=level, subject=subject[:200], message=message,
                           payload=payload, status="open", created_at=now, escalate_at=_utc(escalate_at),
                           escalation_level=0)
            s.add(row)
            s.flush()
            chans = list(dict.fromkeys(channels))
            for ch in chans:
                s.add(AlertDeliveryRow(alert_id=row.id, channel=ch, status="pending", attempts=0,
                                       next_attempt_at=now))
            store.append_audit(s, actor, "alert_raise", f"alert:{row.id}",
                               {"key": key, "rule_id": rule_id, "level": level, "channels": chans})
            return row.id
    except StoreError as exc:
        if isinstance(exc.__cause__, IntegrityError):  # raised by a concurrent worker in the meantime
            with store.transaction() as s:
                if s.execute(select(AlertRow.id).where(AlertRow.key == key)).scalar_one_or_none() is not None:
                    return None
        raise


def list_alerts(store: Store, *, statuses: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Alerts (newest first) with their deliveries."""
    q = select(AlertRow).order_by(AlertRow.id.desc())
    if statuses:
        q = q.where(AlertRow.status.in_(list(statuses)))
    with store.transaction() as s:
        alerts = s.execute(q).scalars().all()
        by_alert: dict[int, list[AlertDeliveryRow]] = {}
        if alerts:
            ids = [a.id for a in alerts]
            for d in s.execute(select(AlertDeliveryRow).where(AlertDeliveryRow.alert_id.in_(ids))
                               .order_by(AlertDeliveryRow.id)).scalars():
                by_alert.setdefault(d.alert_id, []).append(d)
        return [alert_dict(a, by_alert.get(a.id, [])) for a in alerts]


def alert_payloads(store: Store, *, level: str) -> list[tuple[str, dict[str, Any]]]:
    """(rule id, payload) of every alert of one level, oldest first; without deliveries (cheap)."""
    q = select(AlertRow.rule_id, AlertRow.payload).where(AlertRow.level == level).order_by(AlertRow.id)
    with store.transaction() as s:
        return [(r, p or {}) for r, p in s.execute(q)]


def get_alert(store: Store, alert_id: int) -> dict[str, Any]:
    with store.transaction() as s:
        a = s.get(AlertRow, alert_id)
        if a is None:
            raise NotFoundError(f"no alert {alert_id}")
        ds = s.execute(select(AlertDeliveryRow).where(AlertDeliveryRow.alert_id == alert_id)
                       .order_by(AlertDeliveryRow.id)).scalars().all()
        return alert_dict(a, ds)


def due_deliveries(store: Store, now: datetime, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Pending deliveries whose next attempt is due, oldest due first."""
    q = (select(AlertDeliveryRow)
         .where(AlertDeliveryRow.status == "pending",
                or_(AlertDeliveryRow.next_attempt_at.is_(None), AlertDeliveryRow.next_attempt_at <= _utc(now)))
         .order_by(AlertDeliveryRow.next_attempt_at, AlertDeliveryRow.id))
    if limit:
        q = q.limit(limit)
    with store.transaction() as s:
        return [delivery_dict(d) for d in s.execute(q).scalars()]


def claim_delivery(store: Store, delivery_id: int, *, expected_attempts: int, lease_until: datetime,
                   now: datetime, actor: str = "alerts") -> dict[str, Any] | None:
    """Start an attempt: count it and push ``next_attempt_at`` to ``lease_until`` (so no other worker sends it
    meanwhile). Returns {"delivery": ..., "alert": ...}, or None when another worker claimed it first."""
    with store.transaction() as s:
        result = s.execute(
            update(AlertDeliveryRow)
            .where(AlertDeliveryRow.id == delivery_id, AlertDeliveryRow.status == "pending",
                   AlertDeliveryRow.attempts == expected_attempts)
            .values(attempts=expected_attempts + 1, next_attempt_at=_utc(lease_until))
        )
        if result.rowcount != 1:
            return None
        d = s.get(AlertDeliveryRow, delivery_id)
        s.refresh(d)
        a = s.get(AlertRow, d.alert_id)
        store.append_audit(s, actor, "alert_delivery_attempt", f"alert:{d.alert_id}",
                           {"delivery": d.id, "channel": d.channel, "attempt": d.attempts,
                            "at": _iso(now)})
        return {"delivery": delivery_dict(d), "alert": alert_dict(a)}


def record_delivery(store: Store, delivery_id: int, *, outcome: str, error: str | None = None,
                    next_attempt_at: datetime | None = None, now: datetime, actor: str = "alerts") -> dict[str, Any]:
    """The result of an attempt: ``sent``, ``retry`` (pending again at ``next_attempt_at``) or ``failed``."""
    if outcome not in ("sent", "retry", "failed"):
        raise ValueError(f"unknown delivery outcome {outcome!r}")
    with store.transaction() as s:
        d = s.get(AlertDeliveryRow, delivery_id)
        if d is None:
            raise NotFoundError(f"no alert delivery {delivery_id}")
        if outcome == "sent":
            d.status, d.sent_at, d.next_attempt_at = "sent", _utc(now), None
        elif outcome == "retry":
            d.status, d.next_attempt_at = "pending", _utc(next_attempt_at)
        else:
            d.status, d.next_attempt_at = "failed", None
        if error is not None or outcome == "sent":
            d.last_error = error[:2000] if error else d.last_error
        action = {"sent": "alert_sent", "retry": "alert_delivery_retry", "failed": "alert_delivery_failed"}[outcome]
        store.append_audit(s, actor, action, f"alert:{d.alert_id}",
                           {"delivery": d.id, "channel": d.channel, "attempts": d.attempts, "error": error,
                            "next_attempt_at": _iso(d.next_attempt_at)})
        s.flush()
        return delivery_dict(d)


def acknowledge_alert(store: Store, alert_id: int, *, by: str, now: datetime) -> tuple[dict[str, Any], bool]:
    """Acknowledge an open alert (stops its escalation timer). Returns (alert, changed); an alert already
    acknowledged or resolved is returned unchanged."""
    with store.transaction() as s:
        result = s.execute(
            update(AlertRow).where(AlertRow.id == alert_id, AlertRow.status == "open")
            .values(status="acknowledged", acknowledged_by=by, acknowledged_at=_utc(now), escalate_at=None)
        )
        a = s.get(AlertRow, alert_id)
        if a is None:
            raise NotFoundError(f"no alert {alert_id}")
        changed = result.rowcount == 1
        if changed:
            s.refresh(a)
            store.append_audit(s, by, "alert_ack", f"alert:{alert_id}",
                               {"key": a.key, "escalation_level": a.escalation_level})
        return alert_dict(a), changed


def resolve_alert(store: Store, alert_id: int, *, by: str, reason: str, now: datetime
                  ) -> tuple[dict[str, Any], bool]:
    """Resolve an open or acknowledged alert (stops its escalation timer for good). Returns (alert, changed);
    an alert already resolved is returned unchanged. Resolving an open alert also counts as acknowledging it."""
    t = _utc(now)
    with store.transaction() as s:
        a = s.get(AlertRow, alert_id)
        if a is None:
            raise NotFoundError(f"no alert {alert_id}")
        result = s.execute(
            update(AlertRow).where(AlertRow.id == alert_id, AlertRow.status.in_(("open", "acknowledged")))
            .values(status="resolved", resolved_by=by, resolved_at=t, resolution=reason, escalate_at=None,
                    acknowledged_by=func.coalesce(AlertRow.acknowledged_by, by),
                    acknowledged_at=func.coalesce(AlertRow.acknowledged_at, t))
        )
        changed = result.rowcount == 1
        if changed:
            s.refresh(a)
            store.append_audit(s, by, "alert_resolve", f"alert:{alert_id}",
                               {"key": a.key, "escalation_level": a.escalation_level, "reason": reason})
        return alert_dict(a), changed


def due_escalations(store: Store, now: datetime) -> list[dict[str, Any]]:
    """Open (unacknowledged) alerts whose escalation timer has run out."""
    q = (select(AlertRow).where(AlertRow.status == "open", AlertRow.escalate_at.is_not(None),
                                AlertRow.escalate_at <= _utc(now))
         .order_by(AlertRow.escalate_at, AlertRow.id))
    with store.transaction() as s:
        return [alert_dict(a) for a in s.execute(q).scalars()]


def escalate_alert(store: Store, alert_id: int, *, expected_level: int, next_escalate_at: datetime | None,
                   channels: Iterable[str], now: datetime, actor: str = "alerts") -> bool:
    """Raise an open alert's escalation level by one, re-arm (or stop) its timer and queue a delivery per
    channel. False (no change) when it was acknowledged or escalated by someone else meanwhile."""
    with store.transaction() as s:
        result = s.execute(
            update(AlertRow).where(AlertRow.id == alert_id, AlertRow.status == "open",
                                   AlertRow.escalation_level == expected_level)
            .values(escalation_level=expected_level + 1, escalate_at=_utc(next_escalate_at))
        )
        if result.rowcount != 1:
            return False
        chans = list(dict.fromkeys(channels))
        for ch in chans:
            s.add(AlertDeliveryRow(alert_id=alert_id, channel=ch, status="pending", attempts=0,
                                   next_attempt_at=_utc(now)))
        store.append_audit(s, actor, "alert_escalate", f"alert:{alert_id}",
                           {"level": expected_level + 1, "channels": chans,
                            "next_escalate_at": _iso(next_escalate_at)})
        return True
