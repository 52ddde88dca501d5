"""Signed checkpoints and portable exports of the audit trail, verifiable by a third party.

The store keeps a hash chain (each entry's hash covers the previous one). A checkpoint is an Ed25519
signature over the chain's head (seq, hash, time); an export is the whole chain plus its checkpoints as
JSON Lines. Anyone holding the public key can then check, without our database, that the exported history
is complete up to the last checkpoint and unaltered.
"""

from .signing import (
    AuditExportCheck,
    export_log,
    generate_keypair,
    key_id,
    sign_checkpoint,
    verify_export,
)

__all__ = ["AuditExportCheck", "export_log", "generate_keypair", "key_id", "sign_checkpoint", "verify_export"]
