"""End to end over a store: evaluate + raise + escalate + deliver, run twice; and the `alerts` CLI."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from escalate_helpers import T0, make_assessment, make_incident, put_incidents, swap_parties
from typer.testing import CliRunner

from ceasewatch.escalate import build_channels, check, load_rules_text
from ceasewatch.store.alerts import list_alerts


def rules_with_log(log: Path) -> str:
    return f"""
channels:
  - {{id: log, kind: log, path: "{log}"}}
rules:
  - id: killed-or-nuclear-dam
    kind: immediate
    any_of:
      - {{status: [verified], verdict: [possible_violation], killed_at_least: 1}}
      - {{targets: [energy.nuclear, energy.hydro_dam]}}
    escalate: {{after_minutes: 60, max_level: 2}}
  - id: pattern-3-in-24h
    kind: pattern
    match: {{verdict: [possible_violation], status: [possible, under_review, verified]}}
    count: 3
    window_hours: 24
"""


def scenario() -> list[dict]:
    return [
        *[make_incident(f"ru-{n}", "2025-03-24", party="RU", assessments=[make_assessment()]) for n in range(3)],
        *[make_incident(f"ua-{n}", f"2025-03-2{n}", party="UA", assessments=[make_assessment()]) for n in range(3)],
        make_incident("zpp", "2025-03-26", party="UA", targets=["energy.nuclear"]),
        make_incident("quiet", "2025-03-27", party="RU", killed=1, assessments=[make_assessment()]),
    ]


def test_check_twice_raises_each_alert_once(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "alerts.log"
    rules = load_rules_text(rules_with_log(log), "rules.yaml")
    channels = build_channels(rules)
    put_incidents(store, scenario())

    first = check(store, rules, channels, now=T0)
    assert first.incidents == 8 and first.candidates == 2 and len(first.raised.new) == 2
    assert first.delivery.sent == 2
    second = check(store, rules, channels, now=T0 + timedelta(minutes=1))
    assert second.raised.new == [] and len(second.raised.existing) == 2 and second.delivery.results == []

    alerts = {a["subject"]: a for a in list_alerts(store)}
    assert set(alerts) == {"party:RU:2025-03-24", "incident:zpp"}
    assert [len(a["deliveries"]) for a in alerts.values()] == [1, 1]
    assert len(log.read_text().splitlines()) == 2
    # the immediate alert escalates after an hour without acknowledgement; the pattern rule has no timer
    third = check(store, rules, channels, now=T0 + timedelta(minutes=61))
    assert third.escalated == [alerts["incident:zpp"]["id"]] and third.delivery.sent == 1
    assert store.verify_audit().ok


def test_mirrored_store_gives_the_mirrored_alerts(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rules = load_rules_text(rules_with_log(tmp_path / "a.log"), "rules.yaml")
    put_incidents(store, swap_parties(scenario()))
    check(store, rules, build_channels(rules), now=T0)
    assert {a["subject"] for a in list_alerts(store)} == {"party:UA:2025-03-24", "incident:zpp"}


# ------------------------------------------------------------------------------------------------ CLI
@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    import importlib

    from ceasewatch.store import Store

    app_module = importlib.import_module("ceasewatch.cli.app")  # the module (ceasewatch.cli.app is also the Typer)

    url = f"sqlite:///{tmp_path / 'cw.db'}"
    with Store.open(url, create=True) as s:
        s.init()
        put_incidents(s, scenario())
    monkeypatch.setattr(app_module.state, "db_url", url)
    return url


def test_cli_check_list_ack_deliver_resolve(cli_db: str, tmp_path: Path) -> None:
    from ceasewatch.cli.alerts import alerts_app

    log = tmp_path / "alerts.log"
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(rules_with_log(log))
    runner = CliRunner()

    result = runner.invoke(alerts_app, ["check", "--rules", str(rules_file)])
    assert result.exit_code == 0, result.output
    assert "2 new alerts" in result.output and "2 sent" in result.output
    result = runner.invoke(alerts_app, ["check", "--rules", str(rules_file), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["new_alerts"] == []

    result = runner.invoke(alerts_app, ["list", "--format", "json"])
    rows = json.loads(result.output)
    assert {r["status"] for r in rows} == {"open"} and len(rows) == 2
    zpp = next(r for r in rows if r["subject"] == "incident:zpp")

    result = runner.invoke(alerts_app, ["ack", str(zpp["id"]), "--by", "alice"])
    assert result.exit_code == 0 and "acknowledged by alice" in result.output
    result = runner.invoke(alerts_app, ["list", "--status", "acknowledged", "--format", "json"])
    assert [r["id"] for r in json.loads(result.output)] == [zpp["id"]]
    result = runner.invoke(alerts_app, ["list"])
    assert result.exit_code == 0 and "alerts" in result.output

    result = runner.invoke(alerts_app, ["deliver", "--rules", str(rules_file)])
    assert result.exit_code == 0 and "0 sent" in result.output
    result = runner.invoke(alerts_app, ["show", str(zpp["id"])])
    assert json.loads(result.output)["acknowledged_by"] == "alice"

    # resolve: needs a reason; closes the alert; resolving twice changes nothing; an open alert can be resolved
    result = runner.invoke(alerts_app, ["resolve", str(zpp["id"]), "--by", "bob", "--reason", " "])
    assert result.exit_code != 0 and "--reason" in str(result.exception)
    result = runner.invoke(alerts_app, ["resolve", str(zpp["id"]), "--by", "bob", "--reason", "verified; sent to JCC"])
    assert result.exit_code == 0 and "resolved by bob" in result.output
    shown = json.loads(runner.invoke(alerts_app, ["show", str(zpp["id"])]).output)
    assert (shown["status"], shown["acknowledged_by"], shown["resolved_by"], shown["resolution"]) == (
        "resolved", "alice", "bob", "verified; sent to JCC")
    again = runner.invoke(alerts_app, ["resolve", str(zpp["id"]), "--by", "carol", "--reason", "dup"])
    assert again.exit_code == 0 and "resolved by bob" in again.output
    pattern = next(r for r in rows if r["id"] != zpp["id"])
    result = runner.invoke(alerts_app, ["resolve", str(pattern["id"]), "--by", "dana", "--reason", "false alarm"])
    assert result.exit_code == 0
    shown = json.loads(runner.invoke(alerts_app, ["show", str(pattern["id"])]).output)
    assert shown["status"] == "resolved" and shown["acknowledged_by"] == "dana" and shown["escalate_at"] is None
    assert runner.invoke(alerts_app, ["ack", str(pattern["id"]), "--by", "erin"]).exit_code == 0
    assert json.loads(runner.invoke(alerts_app, ["show", str(pattern["id"])]).output)["status"] == "resolved"


def test_cli_refuses_a_bad_rules_file_before_writing(cli_db: str, tmp_path: Path) -> None:
    from ceasewatch.cli.alerts import alerts_app
    from ceasewatch.escalate import RulesFileError

    bad = tmp_path / "bad.yaml"
    bad.write_text("channels:\n  - {id: hook, kind: webhook, url: 'http://127.0.0.1:9/', secret_env: CW_NOT_SET_X}\n"
                   "rules: [{id: a, kind: immediate, when: {major: true}}]\n")
    result = CliRunner().invoke(alerts_app, ["check", "--rules", str(bad)])
    assert isinstance(result.exception, RulesFileError)
    assert "bad.yaml:2:" in str(result.exception) and "CW_NOT_SET_X is not set" in str(result.exception)
    result = CliRunner().invoke(alerts_app, ["list", "--format", "json"])
    assert json.loads(result.output) == []


def test_a_late_report_that_moves_a_pattern_window_does_not_raise_the_burst_again(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = rules_with_log(tmp_path / "alerts.log").replace("window_hours: 24", "window_hours: 48")
    rules = load_rules_text(text, "rules.yaml")
    channels = build_channels(rules)
    put_incidents(store, [make_incident(f"ru-{n}", "2025-03-24", party="RU", assessments=[make_assessment()])
                          for n in range(3)])
    first = check(store, rules, channels, now=T0)
    assert len(first.raised.new) == 1
    # a report of the day before arrives late: the window now starts on the 23rd (another key), same burst
    put_incidents(store, [make_incident("ru-late", "2025-03-23", party="RU", assessments=[make_assessment()])])
    second = check(store, rules, channels, now=T0 + timedelta(minutes=5))
    assert second.raised.new == [] and second.raised.existing == ["pattern-3-in-24h:party:RU:2025-03-23"]
    # a separate burst a week later is a new alert; the same incidents by the other party would be too
    put_incidents(store, [make_incident(f"ru-w{n}", "2025-03-31", party="RU", assessments=[make_assessment()])
                          for n in range(3)])
    third = check(store, rules, channels, now=T0 + timedelta(minutes=10))
    assert len(third.raised.new) == 1
    subjects = sorted(a["subject"] for a in list_alerts(store))
    assert subjects == ["party:RU:2025-03-24", "party:RU:2025-03-31"]
