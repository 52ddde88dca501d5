"""`ceasewatch alerts ...`: escalation rules over assessed incidents, alert delivery and acknowledgement."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .output import Format, console, err_console, print_json, print_table

alerts_app = typer.Typer(help="Escalation alerts: check the rules, deliver, acknowledge, resolve "
                              "(docs/escalation.md).",
                         no_args_is_help=True)

RulesOption = Annotated[Path | None, typer.Option("--rules", help="Escalation rules file (YAML); default: the "
                                                  "bundled data/escalation/default-rules.yaml.")]
MaxSecondsOption = Annotated[float, typer.Option("--max-seconds", min=1.0, help="Time budget for deliveries; "
                                                 "what does not fit is left for the next run.")]


def _print_delivery(report) -> None:  # type: ignore[no-untyped-def]
    for r in report.results:
        if r["outcome"] != "sent":
            err_console.print(f"delivery {r['delivery']} (alert {r['alert']}, {r['channel']}) "
                              f"{'gave up' if r['outcome'] == 'failed' else 'will be retried'}: {r['error']}",
                              markup=False, highlight=False)
    console.print(f"deliveries: {report.sent} sent, {report.retrying} to retry, {report.failed} failed, "
                  f"{report.deferred} left for the next run")


@alerts_app.command("check")
def check_cmd(
    rules: RulesOption = None,
    max_seconds: MaxSecondsOption = 30.0,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Evaluate the rules over stored incidents, raise new alerts, escalate unacknowledged ones, deliver."""
    from ..escalate import build_channels, check, load_rules_file
    from .app import open_store

    ruleset = load_rules_file(rules)
    channels = build_channels(ruleset)  # a missing secret stops here, before anything is written
    with open_store() as store:
        summary = check(store, ruleset, channels, max_seconds=max_seconds)
    if fmt is Format.json:
        print_json(summary.as_dict())
        return
    console.print(f"{summary.incidents} incidents checked against {len(ruleset.rules)} rules: "
                  f"{summary.candidates} alert conditions met, {len(summary.raised.new)} new alerts, "
                  f"{len(summary.raised.existing)} already raised; {len(summary.escalated)} escalated")
    _print_delivery(summary.delivery)


@alerts_app.command("list")
def list_cmd(
    status: Annotated[list[str] | None, typer.Option("--status", help="Only alerts with this status (open, "
                                                     "acknowledged, resolved); repeatable.")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Alerts, newest first, with their delivery state."""
    from ..errors import CeasewatchError
    from ..store.alerts import ALERT_STATUSES, list_alerts
    from .app import open_store

    for s in status or []:
        if s not in ALERT_STATUSES:
            raise CeasewatchError(f"unknown alert status {s!r}: use one of {', '.join(ALERT_STATUSES)}")
    with open_store() as store:
        rows = list_alerts(store, statuses=status or None)
    if fmt is Format.json:
        print_json(rows)
        return
    table = [{**r, "deliveries": ", ".join(f"{d['channel']}:{d['status']}"
                                            + (f"({d['attempts']})" if d["status"] != "sent" else "")
                                            for d in r["deliveries"]),
              "created": (r["created_at"] or "")[:16].replace("T", " "),
              "ack": r["acknowledged_by"] or ""} for r in rows]
    print_table(table, title="alerts", columns=["id", "created", "level", "rule_id", "subject", "status",
                                                "escalation_level", "ack", "deliveries"])


@alerts_app.command("show")
def show_cmd(alert_id: int) -> None:
    """One alert in full (JSON), with its payload and deliveries."""
    from ..store.alerts import get_alert
    from .app import open_store

    with open_store() as store:
        print_json(get_alert(store, alert_id))


@alerts_app.command("ack")
def ack_cmd(
    alert_id: Annotated[int, typer.Argument(help="Alert id (see `alerts list`).")],
    by: Annotated[str, typer.Option("--by", help="Who acknowledges (recorded in the audit trail).")],
) -> None:
    """Acknowledge an alert: its escalation timer stops."""
    from ..escalate import acknowledge
    from .app import open_store

    with open_store() as store:
        alert = acknowledge(store, alert_id, by)
    console.print(f"alert {alert['id']} {alert['status']} by {alert['acknowledged_by']} "
                  f"at {alert['acknowledged_at']}", markup=False, highlight=False)


@alerts_app.command("resolve")
def resolve_cmd(
    alert_id: Annotated[int, typer.Argument(help="Alert id (see `alerts list`).")],
    by: Annotated[str, typer.Option("--by", help="Who resolves (recorded in the audit trail).")],
    reason: Annotated[str, typer.Option("--reason", help="Why: e.g. 'verified and escalated to the JCC'.")],
) -> None:
    """Resolve an alert with a written reason: closed, no more escalation."""
    from ..escalate import resolve
    from .app import open_store

    with open_store() as store:
        alert = resolve(store, alert_id, by, reason)
    console.print(f"alert {alert['id']} {alert['status']} by {alert['resolved_by']} "
                  f"at {alert['resolved_at']}: {alert['resolution']}", markup=False, highlight=False)


@alerts_app.command("deliver")
def deliver_cmd(rules: RulesOption = None, max_seconds: MaxSecondsOption = 30.0) -> None:
    """Send (or retry) the deliveries that are due, with the channels of the rules file."""
    from ..escalate import build_channels, deliver_pending, load_rules_file
    from .app import open_store

    ruleset = load_rules_file(rules)
    channels = build_channels(ruleset)
    with open_store() as store:
        report = deliver_pending(store, channels, max_seconds=max_seconds, retry=ruleset.retry)
    _print_delivery(report)
