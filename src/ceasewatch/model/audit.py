"""Audit entries: an append-only, hash-chained record of every change of state."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str  # ISO 8601 timestamp, exactly the string that is hashed
    actor: str
    action: str  # ingest, extract, resolve, assess, decide, merge, split, agreement_load
    subject: str  # the id of what changed
    payload: dict
    prev_hash: str
    hash: str

    @staticmethod
    def compute_hash(seq: int, at: str, actor: str, action: str, subject: str, payload: dict,
                     prev_hash: str) -> str:
        body = json.dumps(
            [seq, at, actor, action, subject, payload, prev_hash],
            sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str,
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def is_consistent(self) -> bool:
        return self.hash == self.compute_hash(
            self.seq, self.at, self.actor, self.action, self.subject, self.payload, self.prev_hash
        )
