"""Escalation: rules over assessed incidents raise alerts, delivered through webhooks, e-mail and a log.

See docs/escalation.md. ``rules`` (the file format) and ``evaluate`` are pure; ``service`` keeps state in
the store (``store.alerts``): alerts raised once per rule and subject, deliveries retried with back-off,
acknowledgement and resolution, and an escalation timer for alerts nobody acknowledges.
"""

from .channels import (
    Channel,
    LogChannel,
    SmtpChannel,
    WebhookChannel,
    build_channels,
    notification_body,
    sign,
    verify_signature,
)
from .errors import DeliveryError, Problem, RulesFileError
from .evaluate import AlertCandidate, evaluate
from .rules import (
    ChannelConfig,
    Conditions,
    Escalation,
    RetryPolicy,
    Rule,
    RuleSet,
    default_rules_path,
    load_rules_file,
    load_rules_text,
    rules_from_dict,
)
from .service import (
    CheckSummary,
    DeliveryReport,
    RaiseReport,
    acknowledge,
    check,
    deliver_pending,
    escalate_due,
    raise_alerts,
    resolve,
)

__all__ = [
    "AlertCandidate", "Channel", "ChannelConfig", "CheckSummary", "Conditions", "DeliveryError", "DeliveryReport",
    "Escalation", "LogChannel", "Problem", "RaiseReport", "RetryPolicy", "Rule", "RuleSet", "RulesFileError",
    "SmtpChannel", "WebhookChannel", "acknowledge", "build_channels", "check", "default_rules_path",
    "deliver_pending", "escalate_due", "evaluate", "load_rules_file", "load_rules_text", "notification_body",
    "raise_alerts", "resolve", "rules_from_dict", "sign", "verify_signature",
]
