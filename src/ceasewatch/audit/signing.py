"""Ed25519 checkpoints over the audit hash chain, and JSON Lines export / offline verification."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select

from ..errors import CeasewatchError
from ..model import AuditEntry
from ..model.audit import GENESIS
from ..store import Store
from ..store.schema import AuditCheckpointRow

EXPORT_FORMAT = "ceasewatch-audit-export"
EXPORT_VERSION = 1


class AuditKeyError(CeasewatchError):
    """A key file that cannot be read or is not an Ed25519 key."""


def checkpoint_message(seq: int, head_hash: str, at: str) -> bytes:
    return f"ceasewatch-audit-checkpoint\n{seq}\n{head_hash}\n{at}".encode()


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_keypair(out_dir: Path) -> tuple[Path, Path]:
    """Write ``audit-signing.key`` (PEM, mode 0600) and ``audit-signing.pub`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    private, public = out_dir / "audit-signing.key", out_dir / "audit-signing.pub"
    if private.exists():
        raise AuditKeyError(f"{private} exists already: refusing to overwrite a signing key")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


def _load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise AuditKeyError(f"{path}: not a readable PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditKeyError(f"{path}: not an Ed25519 key")
    return key


def _load_public(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise AuditKeyError(f"{path}: not a readable PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise AuditKeyError(f"{path}: not an Ed25519 key")
    return key


def sign_checkpoint(store: Store, private_key_path: Path) -> dict[str, Any]:
    """Sign the current head of the audit chain (after checking the chain is intact)."""
    check = store.verify_audit()
    if not check.ok:
        raise CeasewatchError(f"refusing to sign a broken audit chain: {check.message}")
    entries = store.audit_entries()
    if not entries:
        raise CeasewatchError("the audit trail is empty: nothing to sign")
    key = _load_private(private_key_path)
    head = entries[-1]
    at = datetime.now(UTC).isoformat()
    signature = base64.b64encode(key.sign(checkpoint_message(head.seq, head.hash, at))).decode()
    kid = key_id(key.public_key())
    with store.transaction() as s:
        if s.get(AuditCheckpointRow, head.seq) is None:
            s.add(AuditCheckpointRow(seq=head.seq, hash=head.hash, at=at, key_id=kid, signature=signature))
    return {"seq": head.seq, "hash": head.hash, "at": at, "key_id": kid, "signature": signature}


def export_log(store: Store, path: Path) -> int:
    """Write the chain and its checkpoints as JSON Lines; returns the number of entries written."""
    entries = store.audit_entries()
    with store.transaction() as s:
        checkpoints = [{"seq": c.seq, "hash": c.hash, "at": c.at, "key_id": c.key_id, "signature": c.signature}
                       for c in s.execute(select(AuditCheckpointRow).order_by(AuditCheckpointRow.seq)).scalars()]
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION}) + "\n")
        for e in entries:
            f.write(json.dumps({"type": "entry", "seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action,
                                "subject": e.subject, "payload": e.payload, "prev_hash": e.prev_hash,
                                "hash": e.hash}, ensure_ascii=False, sort_keys=True) + "\n")
        for c in checkpoints:
            f.write(json.dumps({"type": "checkpoint", **c}, sort_keys=True) + "\n")
    return len(entries)


@dataclass(frozen=True, slots=True)
class AuditExportCheck:
    ok: bool
    entries: int
    signed_through: int  # the highest seq covered by a valid checkpoint (0 if none)
    message: str


def verify_export(path: Path, public_key_path: Path) -> AuditExportCheck:
    """Check an exported log offline: the chain, and every checkpoint's signature and head."""
    public = _load_public(public_key_path)
    kid = key_id(public)
    try:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        return AuditExportCheck(False, 0, 0, f"{path}: unreadable export ({exc})")
    if not lines or lines[0].get("format") != EXPORT_FORMAT:
        return AuditExportCheck(False, 0, 0, f"{path}: not a ceasewatch audit export")
    entries = [x for x in lines[1:] if x.get("type") == "entry"]
    checkpoints = [x for x in lines[1:] if x.get("type") == "checkpoint"]
    prev = GENESIS
    hashes: dict[int, str] = {}
    for n, e in enumerate(entries, start=1):
        entry = AuditEntry(e["seq"], e["at"], e["actor"], e["action"], e["subject"], e["payload"],
                           e["prev_hash"], e["hash"])
        if entry.seq != n:
            return AuditExportCheck(False, len(entries), 0, f"entry {n} is missing")
        if entry.prev_hash != prev or not entry.is_consistent():
            return AuditExportCheck(False, len(entries), 0, f"entry {entry.seq} was altered or unlinked")
        hashes[entry.seq] = entry.hash
        prev = entry.hash
    signed = 0
    for c in checkpoints:
        if c["key_id"] != kid:
            continue
        try:
            public.verify(base64.b64decode(c["signature"]), checkpoint_message(c["seq"], c["hash"], c["at"]))
        except (InvalidSignature, ValueError):
            return AuditExportCheck(False, len(entries), signed, f"checkpoint at entry {c['seq']}: bad signature")
        if hashes.get(c["seq"]) != c["hash"]:
            return AuditExportCheck(False, len(entries), signed,
                                    f"checkpoint at entry {c['seq']} does not match the exported chain")
        signed = max(signed, c["seq"])
    if not signed:
        return AuditExportCheck(False, len(entries), 0, f"no checkpoint signed by key {kid} in the export")
    tail = len(entries) - signed
    note = f"; {tail} later entries are not yet covered by a signature" if tail else ""
    return AuditExportCheck(True, len(entries), signed,
                            f"{len(entries)} entries, chain intact, signed through entry {signed}{note}")
