"""Raising and delivering alerts against a real HTTP receiver and a real SMTP server on 127.0.0.1.

Runs on SQLite and PostgreSQL (the ``store`` fixture). Clocks are fixed (``now=``) so back-off is exact.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
from escalate_helpers import T0, free_port

from ceasewatch.escalate import (
    AlertCandidate,
    LogChannel,
    RetryPolicy,
    SmtpChannel,
    WebhookChannel,
    acknowledge,
    deliver_pending,
    escalate_due,
    raise_alerts,
    verify_signature,
)
from ceasewatch.escalate.channels import DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER
from ceasewatch.store import NotFoundError
from ceasewatch.store.alerts import get_alert, list_alerts

SECRET = "s3cret-for-tests"


def candidate(key: str, channels: tuple[str, ...], escalation: dict | None = None) -> AlertCandidate:
    return AlertCandidate(key=f"test-rule:incident:{key}", rule_id="test-rule", level="immediate",
                          subject=f"incident:{key}", message=f"test-rule: incident {key}",
                          payload={"incident": {"id": key}}, channels=channels, escalation=escalation)


def actions(store) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.action for e in store.audit_entries()]


def test_webhook_is_signed_and_verifiable(store, receiver) -> None:  # type: ignore[no-untyped-def]
    raise_alerts(store, [candidate("i1", ("hook",))], now=T0)
    report = deliver_pending(store, [WebhookChannel(receiver.url, SECRET, 2, name="hook")], now=T0)
    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    [req] = receiver.requests
    headers, body = req["headers"], req["body"]
    assert headers[SIGNATURE_HEADER].startswith("sha256=") and req["path"] == "/hook"
    ts = headers[TIMESTAMP_HEADER]
    assert abs(int(ts) - time.time()) < 60
    assert verify_signature(SECRET, body, ts, headers[SIGNATURE_HEADER])
    assert not verify_signature("other-secret", body, ts, headers[SIGNATURE_HEADER])
    assert not verify_signature(SECRET, body.replace(b"i1", b"i2"), ts, headers[SIGNATURE_HEADER])
    assert not verify_signature(SECRET, body, str(int(ts) + 1), headers[SIGNATURE_HEADER])  # timestamp is signed
    assert not verify_signature(SECRET, body, str(int(ts) - 3600), headers[SIGNATURE_HEADER], now=int(ts) + 0)
    sent = json.loads(body)
    assert sent["key"] == "test-rule:incident:i1" and sent["payload"]["incident"]["id"] == "i1"
    assert headers[DELIVERY_HEADER] == str(sent["delivery_id"])
    [alert] = list_alerts(store)
    assert alert["deliveries"][0]["status"] == "sent" and alert["deliveries"][0]["attempts"] == 1
    assert actions(store)[-3:] == ["alert_raise", "alert_delivery_attempt", "alert_sent"]
    assert store.verify_audit().ok


def test_500_then_200_is_retried_with_exponential_backoff(store, receiver) -> None:  # type: ignore[no-untyped-def]
    receiver.script = [500, 503]
    hook = WebhookChannel(receiver.url, SECRET, 2, name="hook")
    policy = RetryPolicy(max_attempts=5, initial_seconds=30, factor=2)
    raise_alerts(store, [candidate("i1", ("hook",))], now=T0)

    r1 = deliver_pending(store, [hook], now=T0, retry=policy)
    assert r1.retrying == 1 and "HTTP 500" in r1.results[0]["error"]
    [d] = get_alert(store, 1)["deliveries"]
    assert d["status"] == "pending" and d["attempts"] == 1 and "HTTP 500" in d["last_error"]
    assert d["next_attempt_at"] == (T0 + timedelta(seconds=30)).isoformat()

    assert deliver_pending(store, [hook], now=T0 + timedelta(seconds=29), retry=policy).results == []  # not due
    r2 = deliver_pending(store, [hook], now=T0 + timedelta(seconds=30), retry=policy)
    assert r2.retrying == 1
    assert get_alert(store, 1)["deliveries"][0]["next_attempt_at"] == (T0 + timedelta(seconds=90)).isoformat()

    r3 = deliver_pending(store, [hook], now=T0 + timedelta(seconds=90), retry=policy)
    assert r3.sent == 1
    [d] = get_alert(store, 1)["deliveries"]
    assert d["status"] == "sent" and d["attempts"] == 3 and d["sent_at"] == (T0 + timedelta(seconds=90)).isoformat()
    assert [r["action"] for r in receiver.requests] == [500, 503, 200]
    assert actions(store).count("alert_delivery_retry") == 2


def test_hanging_endpoint_times_out_is_retried_and_blocks_nothing(store, receiver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    receiver.script = ["hang"]
    log_file = tmp_path / "alerts.log"
    channels = [WebhookChannel(receiver.url, SECRET, 0.5, name="hook"), LogChannel(log_file, name="log")]
    raise_alerts(store, [candidate("i1", ("hook", "log"))], now=T0)

    started = time.monotonic()
    report = deliver_pending(store, channels, now=T0, max_seconds=10)
    elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed  # the 0.5 s timeout held; the receiver would hang for 10 s
    assert report.sent == 1 and report.retrying == 1  # the log channel went out regardless
    failed = next(r for r in report.results if r["channel"] == "hook")
    assert "timed out" in failed["error"] and failed["seconds"] < 2
    assert len(log_file.read_text().splitlines()) == 1

    receiver.release.set()  # the endpoint recovers; the next run retries once the back-off has passed
    later = deliver_pending(store, channels, now=T0 + timedelta(seconds=31))
    assert later.sent == 1
    assert {d["channel"]: d["status"] for d in get_alert(store, 1)["deliveries"]} == {"hook": "sent", "log": "sent"}


def test_a_run_stays_within_its_time_budget(store, receiver) -> None:  # type: ignore[no-untyped-def]
    receiver.script = ["hang"] * 6
    raise_alerts(store, [candidate(f"i{n}", ("hook",)) for n in range(6)], now=T0)
    started = time.monotonic()
    report = deliver_pending(store, [WebhookChannel(receiver.url, SECRET, 0.3, name="hook")], now=T0,
                             max_seconds=2.0)
    elapsed = time.monotonic() - started
    assert elapsed < 2.0 + 0.5, elapsed
    assert report.deferred >= 1 and report.retrying + report.deferred == 6
    receiver.release.set()


def test_gives_up_after_max_attempts(store, receiver) -> None:  # type: ignore[no-untyped-def]
    receiver.script = [500] * 5
    hook = WebhookChannel(receiver.url, SECRET, 2, name="hook")
    policy = RetryPolicy(max_attempts=3, initial_seconds=10, factor=2)
    raise_alerts(store, [candidate("i1", ("hook", "gone"))], now=T0)  # "gone": no such channel configured
    for offset in (0, 10, 30):
        deliver_pending(store, [hook], now=T0 + timedelta(seconds=offset), retry=policy)
    deliveries = {d["channel"]: d for d in get_alert(store, 1)["deliveries"]}
    assert deliveries["hook"]["status"] == "failed" and deliveries["hook"]["attempts"] == 3
    assert deliveries["gone"]["status"] == "failed" and "no channel 'gone'" in deliveries["gone"]["last_error"]
    assert deliver_pending(store, [hook], now=T0 + timedelta(days=1), retry=policy).results == []
    assert actions(store).count("alert_delivery_failed") == 2
    assert len(receiver.requests) == 3
    assert store.verify_audit().ok


def test_connection_refused_is_a_failed_attempt(store) -> None:  # type: ignore[no-untyped-def]
    raise_alerts(store, [candidate("i1", ("hook",))], now=T0)
    hook = WebhookChannel(f"http://127.0.0.1:{free_port()}/x", SECRET, 1, name="hook")
    report = deliver_pending(store, [hook], now=T0)
    assert report.retrying == 1 and "Connection" in report.results[0]["error"]


def test_smtp_delivery_to_a_local_server(store, smtp_server) -> None:  # type: ignore[no-untyped-def]
    mail = SmtpChannel(smtp_server.host, smtp_server.port, "ceasewatch@example.org",
                       ["duty@example.org", "backup@example.org"], timeout=5, name="mail")
    raise_alerts(store, [candidate("i1", ("mail",))], now=T0)
    report = deliver_pending(store, {"mail": mail}, now=T0)
    assert report.sent == 1, report.results
    [envelope] = smtp_server.messages
    assert envelope.mail_from == "ceasewatch@example.org"
    assert sorted(envelope.rcpt_tos) == ["backup@example.org", "duty@example.org"]
    text = envelope.content.decode("utf-8")
    assert "Subject: [ceasewatch immediate] test-rule: incident:i1" in text
    assert "X-Ceasewatch-Alert: test-rule:incident:i1" in text


def test_acknowledgement_stops_escalation(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = LogChannel(tmp_path / "alerts.log", name="log")
    esc = {"after_minutes": 60, "max_level": 2, "channels": ["log"]}
    raise_alerts(store, [candidate("acked", ("log",), esc), candidate("ignored", ("log",), esc)], now=T0)
    assert deliver_pending(store, [log], now=T0).sent == 2
    acked = acknowledge(store, 1, "alice", now=T0 + timedelta(minutes=5))
    assert acked["status"] == "acknowledged" and acked["acknowledged_by"] == "alice" and acked["escalate_at"] is None

    assert escalate_due(store, T0 + timedelta(minutes=59)) == []
    assert escalate_due(store, T0 + timedelta(minutes=61)) == [2]
    ignored = get_alert(store, 2)
    assert ignored["escalation_level"] == 1
    assert ignored["escalate_at"] == (T0 + timedelta(minutes=121)).isoformat()
    assert [d["status"] for d in ignored["deliveries"]] == ["sent", "pending"]  # re-notified
    assert deliver_pending(store, [log], now=T0 + timedelta(minutes=61)).sent == 1
    last = json.loads((tmp_path / "alerts.log").read_text().splitlines()[-1])
    assert last["alert_id"] == 2 and last["escalation_level"] == 1

    assert escalate_due(store, T0 + timedelta(minutes=121)) == [2]  # level 2 = max_level: the timer stops
    assert get_alert(store, 2)["escalate_at"] is None
    assert escalate_due(store, T0 + timedelta(days=2)) == []
    assert get_alert(store, 1)["escalation_level"] == 0

    again = acknowledge(store, 1, "bob")  # already acknowledged: unchanged, not audited twice
    assert again["acknowledged_by"] == "alice"
    assert actions(store).count("alert_ack") == 1 and actions(store).count("alert_escalate") == 2
    with pytest.raises(NotFoundError):
        acknowledge(store, 99, "alice")
    assert store.verify_audit().ok


def test_raise_is_idempotent(store) -> None:  # type: ignore[no-untyped-def]
    first = raise_alerts(store, [candidate("i1", ("log", "log"))], now=T0)
    second = raise_alerts(store, [candidate("i1", ("log",)), candidate("i2", ("log",))], now=T0)
    assert first.new == [1] and second.new == [2] and second.existing == ["test-rule:incident:i1"]
    assert [len(a["deliveries"]) for a in list_alerts(store)] == [1, 1]
    assert actions(store).count("alert_raise") == 2
