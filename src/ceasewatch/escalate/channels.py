"""Delivery channels: signed webhooks, SMTP e-mail, and a log. Each send is bounded by the channel's timeout.

A channel's ``send(notification)`` returns on success and raises DeliveryError on any failure; retrying is
the caller's business (service.deliver_pending). Secrets come from the environment, never from the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import smtplib
import ssl
import threading
import time
from collections.abc import Mapping
from email.message import EmailMessage
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from .errors import DeliveryError, Problem, RulesFileError
from .rules import RuleSet

SIGNATURE_HEADER = "X-Ceasewatch-Signature"
TIMESTAMP_HEADER = "X-Ceasewatch-Timestamp"
DELIVERY_HEADER = "X-Ceasewatch-Delivery"
ALERT_HEADER = "X-Ceasewatch-Alert"
DEFAULT_TIMEOUT = 10.0


class Channel(Protocol):
    name: str
    timeout: float

    def send(self, notification: dict[str, Any]) -> None: ...


def notification_body(notification: Mapping[str, Any]) -> bytes:
    """The exact bytes a webhook POSTs (and signs): compact JSON with sorted keys, UTF-8."""
    return json.dumps(notification, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")


def _key(secret: str | bytes) -> bytes:
    return secret.encode("utf-8") if isinstance(secret, str) else secret


def sign(secret: str | bytes, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 with ``secret`` over ``<timestamp>.`` followed by the body bytes."""
    mac = hmac.new(_key(secret), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_signature(secret: str | bytes, body: bytes, timestamp: str | None, signature: str | None, *,
                     tolerance_seconds: float = 300, now: float | None = None) -> bool:
    """Receiver side: True when ``signature`` is ours for ``body`` and ``timestamp`` is recent enough."""
    if not timestamp or not signature:
        return False
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    current = time.time() if now is None else now
    if abs(current - ts) > tolerance_seconds:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


class WebhookChannel:
    """POST the notification as JSON, signed with HMAC-SHA256 (docs/escalation.md has the verification recipe)."""

    def __init__(self, url: str, secret: str | bytes, timeout: float = DEFAULT_TIMEOUT, *, name: str = "webhook"):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        if not secret:
            raise ValueError("a webhook needs a non-empty secret")
        self.url, self.secret, self.timeout, self.name = url, secret, float(timeout), name
        self._parts = parts

    def __repr__(self) -> str:  # never show the secret
        return f"WebhookChannel({self.url!r}, timeout={self.timeout}, name={self.name!r})"

    def send(self, notification: dict[str, Any]) -> None:
        body = notification_body(notification)
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "ceasewatch-alerts/1",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(self.secret, timestamp, body),
        }
        if notification.get("delivery_id") is not None:
            headers[DELIVERY_HEADER] = str(notification["delivery_id"])
        if notification.get("key"):
            headers[ALERT_HEADER] = str(notification["key"])[:300]
        p = self._parts
        conn_cls = HTTPSConnection if p.scheme == "https" else HTTPConnection
        path = (p.path or "/") + (f"?{p.query}" if p.query else "")
        conn = conn_cls(p.hostname, p.port, timeout=self.timeout)  # type: ignore[arg-type]
        try:
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            text = resp.read(2048).decode("utf-8", "replace").strip()
            if not 200 <= resp.status < 300:
                raise DeliveryError(f"HTTP {resp.status} {resp.reason}" + (f": {text[:200]}" if text else ""))
        except TimeoutError as exc:
            raise DeliveryError(f"timed out after {self.timeout:g} s") from exc
        except (OSError, HTTPException) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            conn.close()


class SmtpChannel:
    """Send the notification as a plain-text e-mail (with the JSON payload) through an SMTP server."""

    def __init__(self, host: str, port: int = 25, sender: str = "ceasewatch@localhost",
                 recipients: list[str] | tuple[str, ...] = (), timeout: float = DEFAULT_TIMEOUT,
                 starttls: bool = False, *, username: str | None = None, password: str | None = None,
                 name: str = "smtp"):
        if not recipients:
            raise ValueError("an SMTP channel needs at least one recipient")
        self.host, self.port, self.sender = host, int(port), sender
        self.recipients = list(recipients)
        self.timeout, self.starttls, self.name = float(timeout), starttls, name
        self._username, self._password = username, password

    def __repr__(self) -> str:
        return f"SmtpChannel({self.host!r}, {self.port}, recipients={self.recipients!r}, name={self.name!r})"

    def message(self, notification: dict[str, Any]) -> EmailMessage:
        msg = EmailMessage()
        level = str(notification.get("level") or "alert")
        esc = notification.get("escalation_level") or 0
        prefix = f"[ceasewatch {level}{f' escalation {esc}' if esc else ''}]"
        msg["Subject"] = f"{prefix} {notification.get('rule_id')}: {notification.get('subject')}"[:250]
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.recipients)
        if notification.get("key"):
            msg[ALERT_HEADER] = str(notification["key"])
        body = str(notification.get("message") or "")
        body += "\n\n" + json.dumps(notification, indent=2, sort_keys=True, ensure_ascii=False, default=str)
        msg.set_content(body)
        return msg

    def send(self, notification: dict[str, Any]) -> None:
        msg = self.message(notification)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self._username:
                    smtp.login(self._username, self._password or "")
                refused = smtp.send_message(msg, from_addr=self.sender, to_addrs=self.recipients)
            if refused:
                raise DeliveryError("recipients refused: " + ", ".join(sorted(refused)))
        except TimeoutError as exc:
            raise DeliveryError(f"timed out after {self.timeout:g} s") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc


class LogChannel:
    """Append one JSON line per notification to a file, or log it (WARNING) to a Python logger."""

    _lock = threading.Lock()

    def __init__(self, path: str | Path | None = None, logger: str | logging.Logger | None = None, *,
                 name: str = "log", timeout: float = 5.0):
        if (path is None) == (logger is None):
            raise ValueError("a log channel needs exactly one of path or logger")
        self.path = Path(path) if path is not None else None
        self.logger = logging.getLogger(logger) if isinstance(logger, str) else logger
        self.name, self.timeout = name, float(timeout)

    def __repr__(self) -> str:
        return f"LogChannel(path={self.path!r}, name={self.name!r})"

    def send(self, notification: dict[str, Any]) -> None:
        line = json.dumps(notification, sort_keys=True, ensure_ascii=False, default=str)
        if self.logger is not None:
            self.logger.warning("ceasewatch alert %s", line)
            return
        assert self.path is not None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, self.path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        except OSError as exc:
            raise DeliveryError(f"cannot write {self.path}: {exc.strerror or exc}") from exc


def build_channels(rules: RuleSet, environ: Mapping[str, str] | None = None) -> dict[str, Channel]:
    """The channels a rules file configures, by id, with secrets read from the environment variables it names.

    Raises RulesFileError (file:line) for a variable that is not set; nothing is built then.
    """
    env = os.environ if environ is None else environ
    problems: list[Problem] = []
    out: dict[str, Channel] = {}

    def secret(cfg: Any, key: str) -> str | None:
        var = cfg.options.get(key)
        if var is None:
            return None
        value = env.get(var)
        if not value:
            line, col = cfg.positions.get(key, (cfg.line, None))
            problems.append(Problem(f"environment variable {var} is not set", rules.file, line, col,
                                    f"channels.{cfg.id}.{key}", f"{var} holding the {key[:-4]}"))
            return None
        return value

    for cfg in rules.channels:
        o = cfg.options
        timeout = float(o.get("timeout", DEFAULT_TIMEOUT))
        if cfg.kind == "webhook":
            s = secret(cfg, "secret_env")
            if s is not None:
                out[cfg.id] = WebhookChannel(o["url"], s, timeout, name=cfg.id)
        elif cfg.kind == "smtp":
            user, password = secret(cfg, "username_env"), secret(cfg, "password_env")
            out[cfg.id] = SmtpChannel(o["host"], int(o.get("port", 25)), o["sender"], list(o["recipients"]),
                                      timeout, bool(o.get("starttls", False)), username=user, password=password,
                                      name=cfg.id)
        elif cfg.kind == "log":
            out[cfg.id] = LogChannel(o.get("path"), o.get("logger"), name=cfg.id)
    if problems:
        raise RulesFileError(problems)
    return out
