"""The escalation rules file: which incidents raise alerts, through which channels, retried how (docs/escalation.md).

A rules file is YAML with ``rules`` and optionally ``version`` (1), ``channels``, ``delivery`` (the retry
policy) and ``severity`` (the weights of ceasewatch.assess.severity). It is validated whole: any problem
raises RulesFileError listing every problem as ``file:line:col: field: message``, and nothing is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..assess.severity import LEVELS, SeverityConfig, SeverityConfigError, count_floor, level_at_least
from ..datafile import Path_, Positions, dotted, load_marked, read_text_file
from ..model import taxonomy
from .errors import Problem, RulesFileError

RULE_KINDS = ("immediate", "pattern")
CHANNEL_KINDS = ("webhook", "smtp", "log")
STATUSES = ("possible", "under_review", "verified", "not_substantiated", "rejected", "not_applicable")
VERDICTS = ("possible_violation", "not_applicable", "indeterminate")
BASES = ("stated", "inferred")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# condition key -> does it look at an assessment (True) or at the incident only (False)
CONDITION_KEYS: dict[str, bool] = {
    "status": True,
    "verdict": True,
    "major": True,
    "agreements": True,
    "killed_at_least": False,
    "injured_at_least": False,
    "targets": False,
    "severity_at_least": False,
    "attribution": False,
}


def default_rules_path() -> Path:
    """The bundled rules file (src/ceasewatch/data/escalation/default-rules.yaml)."""
    return Path(str(resources.files("ceasewatch") / "data" / "escalation" / "default-rules.yaml"))


# ------------------------------------------------------------------------------------------------ model
@dataclass(frozen=True, slots=True)
class Conditions:
    """Conditions that must all hold. Assessment conditions must all hold for one and the same assessment."""

    status: tuple[str, ...] | None = None
    verdict: tuple[str, ...] | None = None
    major: bool | None = None
    agreements: tuple[str, ...] | None = None
    killed_at_least: int | None = None
    injured_at_least: int | None = None
    targets: tuple[str, ...] | None = None  # taxonomy selectors (code_matches)
    severity_at_least: str | None = None
    attribution: tuple[str, ...] | None = None  # perpetrator basis: stated, inferred

    @property
    def uses_assessment(self) -> bool:
        return any(getattr(self, k) is not None for k, on_assessment in CONDITION_KEYS.items() if on_assessment)

    def assessment_matches(self, a: dict[str, Any]) -> bool:
        if self.status is not None and a.get("status") not in self.status:
            return False
        if self.verdict is not None and a.get("verdict") not in self.verdict:
            return False
        if self.major is not None and bool(a.get("major")) != self.major:
            return False
        return not (self.agreements is not None and a.get("agreement_id") not in self.agreements)

    def incident_matches(self, incident: dict[str, Any], severity_level: str | None) -> bool:
        if self.killed_at_least is not None:
            killed = count_floor(incident.get("killed"))
            if killed is None or killed < self.killed_at_least:
                return False
        if self.injured_at_least is not None:
            injured = count_floor(incident.get("injured"))
            if injured is None or injured < self.injured_at_least:
                return False
        if self.targets is not None:
            codes = incident.get("targets") or []
            if not any(taxonomy.code_matches(sel, code) for sel in self.targets for code in codes):
                return False
        if self.attribution is not None:
            basis = (incident.get("perpetrator") or {}).get("basis")
            if basis not in self.attribution:
                return False
        return not (self.severity_at_least is not None
                    and (severity_level is None or not level_at_least(severity_level, self.severity_at_least)))

    def match(self, incident: dict[str, Any], severity_level: str | None) -> tuple[bool, list[dict[str, Any]]]:
        """Whether the incident matches, and the assessments that satisfied the assessment conditions."""
        if not self.incident_matches(incident, severity_level):
            return False, []
        if not self.uses_assessment:
            return True, []
        hits = [a for a in incident.get("assessments") or [] if self.assessment_matches(a)]
        return bool(hits), hits

    def describe(self) -> str:
        parts = []
        for key in CONDITION_KEYS:
            value = getattr(self, key)
            if value is None:
                continue
            if isinstance(value, tuple):
                value = "|".join(value)
            parts.append(f"{key}={value}")
        return ", ".join(parts) or "always"


@dataclass(frozen=True, slots=True)
class Escalation:
    """Re-notify an alert not acknowledged within ``after_minutes``, up to ``max_level`` times."""

    after_minutes: float
    max_level: int = 3
    channels: tuple[str, ...] | None = None  # None: the rule's channels

    def as_dict(self, rule_channels: tuple[str, ...]) -> dict[str, Any]:
        return {"after_minutes": self.after_minutes, "max_level": self.max_level,
                "channels": list(self.channels if self.channels is not None else rule_channels)}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str  # immediate, pattern
    any_of: tuple[Conditions, ...]  # the rule matches when any clause does
    channels: tuple[str, ...]
    description: str = ""
    escalation: Escalation | None = None
    count: int = 3  # pattern: how many incidents
    window_hours: float = 24.0  # pattern: within how many hours (by incident date)
    max_date_precision: int = 1  # pattern: ignore incidents dated less precisely (UCDP date_prec)
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ChannelConfig:
    id: str
    kind: str  # webhook, smtp, log
    options: dict[str, Any]
    line: int | None = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)  # option -> (line, col)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential back-off: attempt n+1 waits min(initial * factor**(n-1), max); give up after max_attempts."""

    max_attempts: int = 5
    initial_seconds: float = 30.0
    factor: float = 2.0
    max_delay_seconds: float = 3600.0

    def delay(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt (1-based)."""
        return min(self.initial_seconds * self.factor ** max(attempts - 1, 0), self.max_delay_seconds)


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    channels: tuple[ChannelConfig, ...] = ()
    retry: RetryPolicy = RetryPolicy()
    severity: SeverityConfig = field(default_factory=SeverityConfig)
    file: str | None = None

    def channel(self, channel_id: str) -> ChannelConfig | None:
        return next((c for c in self.channels if c.id == channel_id), None)


# ------------------------------------------------------------------------------------------------ loading
class _Checker:
    def __init__(self, file: str, positions: Positions):
        self.file, self.positions, self.problems = file, positions, []

    def at(self, path: Path_) -> tuple[int | None, int | None]:
        key = tuple(path)
        while key and key not in self.positions:
            key = key[:-1]
        return self.positions.get(key, (None, None))

    def error(self, path: Path_, message: str, expected: str | None = None) -> None:
        line, col = self.at(path)
        self.problems.append(Problem(message, self.file, line, col, dotted(path) or None, expected))

    def mapping(self, path: Path_, value: Any, allowed: tuple[str, ...] | dict[str, Any]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, f"must be a mapping, not {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.error((*path, key), f"unknown key '{key}'", "one of " + ", ".join(allowed))
        return value

    def text(self, path: Path_, value: Any, *, pattern: re.Pattern[str] | None = None,
             expected: str | None = None) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.error(path, f"must be a non-empty string, not {_kind(value)}", expected)
            return None
        if pattern is not None and not pattern.match(value):
            self.error(path, f"'{value}' is not a valid name", expected)
            return None
        return value

    def number(self, path: Path_, value: Any, *, minimum: float = 0, integer: bool = False,
               exclusive: bool = False) -> float | int | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and integer and not isinstance(value, int):
            ok = False
        if ok and (value < minimum or (exclusive and value == minimum)):
            ok = False
        if not ok:
            bound = f"{'>' if exclusive else '>='} {minimum}"
            self.error(path, f"must be a {'whole ' if integer else ''}number {bound}, not {value!r}")
            return None
        return value

    def boolean(self, path: Path_, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self.error(path, f"must be true or false, not {value!r}")
            return None
        return value

    def choices(self, path: Path_, value: Any, allowed: tuple[str, ...] | None, what: str,
                item_name: str | None = None) -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.error(path, f"must be a non-empty list of {what}, not {_kind(value)}")
            return None
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item:
                self.error((*path, i), f"must be a string, not {_kind(item)}")
            elif allowed is not None and item not in allowed:
                self.error((*path, i), f"unknown {item_name or what.removesuffix('s')} '{item}'",
                           "one of " + ", ".join(allowed))
            else:
                out.append(item)
        return tuple(out)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{value!r}".lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _conditions(c: _Checker, path: Path_, raw: Any) -> Conditions | None:
    m = c.mapping(path, raw, tuple(CONDITION_KEYS))
    if m is None:
        return None
    if not m:
        c.error(path, "no conditions", "at least one of " + ", ".join(CONDITION_KEYS))
        return None
    kw: dict[str, Any] = {}
    if "status" in m:
        kw["status"] = c.choices((*path, "status"), m["status"], STATUSES, "statuses", "status")
    if "verdict" in m:
        kw["verdict"] = c.choices((*path, "verdict"), m["verdict"], VERDICTS, "verdicts")
    if "major" in m:
        kw["major"] = c.boolean((*path, "major"), m["major"])
    if "agreements" in m:
        kw["agreements"] = c.choices((*path, "agreements"), m["agreements"], None, "agreement ids")
    for key in ("killed_at_least", "injured_at_least"):
        if key in m:
            kw[key] = c.number((*path, key), m[key], minimum=0, integer=True)
    if "targets" in m:
        kw["targets"] = c.choices((*path, "targets"), m["targets"], taxonomy.TARGETS, "target codes")
    if "severity_at_least" in m:
        v = m["severity_at_least"]
        if v not in LEVELS:
            c.error((*path, "severity_at_least"), f"unknown severity level {v!r}", "one of " + ", ".join(LEVELS))
        else:
            kw["severity_at_least"] = v
    if "attribution" in m:
        kw["attribution"] = c.choices((*path, "attribution"), m["attribution"], BASES, "bases", "basis")
    if any(v is None for v in kw.values()) or len(kw) != len(m):
        return None
    return Conditions(**kw)


def _escalation(c: _Checker, path: Path_, raw: Any) -> Escalation | None:
    m = c.mapping(path, raw, ("after_minutes", "max_level", "channels"))
    if m is None:
        return None
    if "after_minutes" not in m:
        c.error(path, "missing 'after_minutes'", "minutes to wait for an acknowledgement")
        return None
    after = c.number((*path, "after_minutes"), m["after_minutes"], minimum=0, exclusive=True)
    level = c.number((*path, "max_level"), m.get("max_level", 3), minimum=1, integer=True)
    chans = c.choices((*path, "channels"), m["channels"], None, "channel ids") if "channels" in m else None
    if after is None or level is None or ("channels" in m and chans is None):
        return None
    return Escalation(float(after), int(level), chans)


RULE_KEYS = ("id", "kind", "description", "when", "any_of", "match", "channels", "escalate", "count",
             "window_hours", "max_date_precision")


def _rule(c: _Checker, path: Path_, raw: Any, channel_ids: list[str]) -> Rule | None:
    m = c.mapping(path, raw, RULE_KEYS)
    if m is None:
        return None
    n_before = len(c.problems)
    rule_id = c.text((*path, "id"), m.get("id"), pattern=_ID, expected="letters, digits, '.', '_', '-'")
    kind = m.get("kind")
    if kind not in RULE_KINDS:
        c.error((*path, "kind") if "kind" in m else path, f"unknown rule kind {kind!r}" if "kind" in m
                else "missing 'kind'", "one of " + ", ".join(RULE_KINDS))
        kind = None
    description = m.get("description", "")
    if not isinstance(description, str):
        c.error((*path, "description"), "must be a string")
    clauses: list[Conditions | None] = []
    given = [k for k in ("when", "any_of", "match") if k in m]
    if kind == "pattern" and "any_of" in m:
        c.error((*path, "any_of"), "a pattern rule takes 'match' (one set of conditions)")
    elif kind == "immediate" and "match" in m:
        c.error((*path, "match"), "an immediate rule takes 'when' or 'any_of'")
    elif len(given) != 1 and kind is not None:
        c.error(path, "needs exactly one of " + ("'match'" if kind == "pattern" else "'when' or 'any_of'")
                + (f" (found {', '.join(given)})" if given else ""))
    elif given:
        key = given[0]
        if key == "any_of":
            alts = m["any_of"]
            if not isinstance(alts, list) or not alts:
                c.error((*path, "any_of"), "must be a non-empty list of condition mappings")
            else:
                clauses = [_conditions(c, (*path, "any_of", i), alt) for i, alt in enumerate(alts)]
        else:
            clauses = [_conditions(c, (*path, key), m[key])]
    channels: tuple[str, ...] | None = tuple(channel_ids)
    if "channels" in m:
        channels = c.choices((*path, "channels"), m["channels"], None, "channel ids")
    for i, ch in enumerate(channels or ()):
        if ch not in channel_ids:
            c.error((*path, "channels", i), f"no channel '{ch}' is defined",
                    "one of " + (", ".join(channel_ids) or "(no channels defined)"))
    escalation = _escalation(c, (*path, "escalate"), m["escalate"]) if "escalate" in m else None
    if escalation and escalation.channels:
        for i, ch in enumerate(escalation.channels):
            if ch not in channel_ids:
                c.error((*path, "escalate", "channels", i), f"no channel '{ch}' is defined")
    extra: dict[str, Any] = {}
    if kind == "pattern":
        count = c.number((*path, "count"), m.get("count", 3), minimum=2, integer=True)
        hours = c.number((*path, "window_hours"), m.get("window_hours", 24), minimum=0, exclusive=True)
        prec = c.number((*path, "max_date_precision"), m.get("max_date_precision", 1), minimum=1, integer=True)
        if prec is not None and prec > 5:
            c.error((*path, "max_date_precision"), "must be 1 (day) to 5 (year)")
        extra = {"count": count, "window_hours": float(hours or 0), "max_date_precision": prec}
    else:
        for key in ("count", "window_hours", "max_date_precision"):
            if key in m:
                c.error((*path, key), "only pattern rules take this key")
    if len(c.problems) > n_before or rule_id is None or kind is None or channels is None:
        return None
    return Rule(id=rule_id, kind=kind, any_of=tuple(x for x in clauses if x is not None), channels=channels,
                description=description, escalation=escalation, line=c.at(path)[0], **extra)


CHANNEL_OPTIONS = {
    "webhook": {"url": True, "secret_env": True, "timeout": False},
    "smtp": {"host": True, "port": False, "sender": True, "recipients": True, "timeout": False,
             "starttls": False, "username_env": False, "password_env": False},
    "log": {"path": False, "logger": False},
}


def _channel(c: _Checker, path: Path_, raw: Any) -> ChannelConfig | None:
    m = c.mapping(path, raw, ("id", "kind", *sorted({k for o in CHANNEL_OPTIONS.values() for k in o})))
    if m is None:
        return None
    n_before = len(c.problems)
    cid = c.text((*path, "id"), m.get("id"), pattern=_ID, expected="letters, digits, '.', '_', '-'")
    kind = m.get("kind")
    if kind not in CHANNEL_KINDS:
        c.error((*path, "kind") if "kind" in m else path,
                f"unknown channel kind {kind!r}" if "kind" in m else "missing 'kind'",
                "one of " + ", ".join(CHANNEL_KINDS))
        return None
    spec = CHANNEL_OPTIONS[kind]
    for key in m:
        if key not in ("id", "kind") and key not in spec:
            c.error((*path, key), f"a {kind} channel takes no '{key}'", "one of " + ", ".join(spec))
    for key, required in spec.items():
        if required and key not in m:
            c.error(path, f"a {kind} channel needs '{key}'")
    opts = {k: v for k, v in m.items() if k not in ("id", "kind")}
    if "timeout" in opts:
        c.number((*path, "timeout"), opts["timeout"], minimum=0, exclusive=True)
    for key in ("secret_env", "username_env", "password_env"):
        if key in opts:
            c.text((*path, key), opts[key], pattern=_ENV, expected="the NAME of an environment variable")
    if kind == "webhook" and "url" in opts:
        url = c.text((*path, "url"), opts["url"])
        if url and not re.match(r"^https?://[^/\s]+", url):
            c.error((*path, "url"), f"'{url}' is not an http(s) URL")
    if kind == "smtp":
        for key in ("host", "sender"):
            if key in opts:
                c.text((*path, key), opts[key])
        if "port" in opts:
            port = c.number((*path, "port"), opts["port"], minimum=1, integer=True)
            if port is not None and port > 65535:
                c.error((*path, "port"), "must be at most 65535")
        if "recipients" in opts:
            opts["recipients"] = list(c.choices((*path, "recipients"), opts["recipients"], None,
                                                "e-mail addresses") or ())
        if "starttls" in opts:
            c.boolean((*path, "starttls"), opts["starttls"])
        if ("username_env" in opts) != ("password_env" in opts):
            c.error(path, "give both 'username_env' and 'password_env', or neither")
    if kind == "log":
        if ("path" in opts) == ("logger" in opts):
            c.error(path, "a log channel needs exactly one of 'path' or 'logger'")
        for key in ("path", "logger"):
            if key in opts:
                c.text((*path, key), opts[key])
    if len(c.problems) > n_before or cid is None:
        return None
    positions = {k: c.at((*path, k)) for k in opts}
    return ChannelConfig(cid, kind, opts, c.at(path)[0], positions)  # type: ignore[arg-type]


def _retry(c: _Checker, path: Path_, raw: Any) -> RetryPolicy | None:
    m = c.mapping(path, raw, ("max_attempts", "initial_seconds", "factor", "max_delay_seconds"))
    if m is None:
        return None
    d = RetryPolicy()
    attempts = c.number((*path, "max_attempts"), m.get("max_attempts", d.max_attempts), minimum=1, integer=True)
    initial = c.number((*path, "initial_seconds"), m.get("initial_seconds", d.initial_seconds), minimum=0)
    factor = c.number((*path, "factor"), m.get("factor", d.factor), minimum=1)
    cap = c.number((*path, "max_delay_seconds"), m.get("max_delay_seconds", d.max_delay_seconds), minimum=0)
    if None in (attempts, initial, factor, cap):
        return None
    return RetryPolicy(int(attempts), float(initial), float(factor), float(cap))  # type: ignore[arg-type]


def rules_from_dict(raw: Any, *, file: str = "<rules>", positions: Positions | None = None) -> RuleSet:
    """Validate a parsed rules document; raise RulesFileError with every problem (nothing is loaded)."""
    c = _Checker(file, positions or {})
    top = c.mapping((), raw, ("version", "channels", "delivery", "severity", "rules"))
    if top is None:
        raise RulesFileError(c.problems)
    if "version" in top and top["version"] != 1:
        c.error(("version",), f"unsupported version {top['version']!r}", "1")
    channels: list[ChannelConfig] = []
    raw_channels = top.get("channels", [])
    if not isinstance(raw_channels, list):
        c.error(("channels",), f"must be a list of channels, not {_kind(raw_channels)}")
        raw_channels = []
    declared: list[str] = []
    for i, rc in enumerate(raw_channels):
        if isinstance(rc, dict) and isinstance(rc.get("id"), str):
            if rc["id"] in declared:
                c.error(("channels", i, "id"), f"duplicate channel id '{rc['id']}'")
            declared.append(rc["id"])
        ch = _channel(c, ("channels", i), rc)
        if ch is not None:
            channels.append(ch)
    retry = _retry(c, ("delivery",), top["delivery"]) if "delivery" in top else RetryPolicy()
    severity = SeverityConfig()
    if "severity" in top:
        try:
            severity = SeverityConfig.from_dict(top["severity"])
        except SeverityConfigError as exc:
            for sub, message in exc.problems:
                c.error(("severity", *sub), message)
    rules: list[Rule] = []
    raw_rules = top.get("rules")
    if "rules" not in top:
        c.error((), "missing 'rules'", "a list of rules")
    elif not isinstance(raw_rules, list) or not raw_rules:
        c.error(("rules",), f"must be a non-empty list of rules, not {_kind(raw_rules)}")
    else:
        seen: set[str] = set()
        for i, rr in enumerate(raw_rules):
            rule = _rule(c, ("rules", i), rr, declared)
            if rule is not None:
                if rule.id in seen:
                    c.error(("rules", i, "id"), f"duplicate rule id '{rule.id}'")
                seen.add(rule.id)
                rules.append(rule)
    if c.problems:
        raise RulesFileError(sorted(c.problems, key=lambda p: (p.line or 0, p.column or 0)))
    return RuleSet(tuple(rules), tuple(channels), retry or RetryPolicy(), severity, file)


def load_rules_text(text: str, name: str = "<rules>") -> RuleSet:
    raw, positions = load_marked(text, name, error=RulesFileError, expected="a mapping with 'rules'")
    return rules_from_dict(raw, file=name, positions=positions)


def load_rules_file(path: str | Path | None = None) -> RuleSet:
    """Load and validate a rules file (the bundled default when ``path`` is None)."""
    p = Path(path) if path is not None else default_rules_path()
    name = str(p)
    text, _data = read_text_file(p, RulesFileError)
    return load_rules_text(text, name)
