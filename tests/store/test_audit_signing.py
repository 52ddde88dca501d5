"""Signed checkpoints and offline verification of an exported audit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasewatch.audit import export_log, generate_keypair, sign_checkpoint, verify_export
from ceasewatch.audit.signing import AuditKeyError
from ceasewatch.store import Store
from helpers import make_doc


def test_export_verifies_and_tampering_is_caught(store: Store, tmp_path: Path) -> None:
    private, public = generate_keypair(tmp_path / "keys")
    for body in ("one", "two", "three"):
        store.add_document(make_doc(body), b"x")
    cp = sign_checkpoint(store, private)
    assert cp["seq"] == 3
    store.add_document(make_doc("four"), b"x")
    out = tmp_path / "audit.jsonl"
    assert export_log(store, out) == 4
    ok = verify_export(out, public)
    assert ok.ok and ok.signed_through == 3 and "1 later entries" in ok.message

    lines = out.read_text().splitlines()
    forged = json.loads(lines[2])
    forged["subject"] = "doc-forged"
    lines[2] = json.dumps(forged)
    (tmp_path / "forged.jsonl").write_text("\n".join(lines) + "\n")
    bad = verify_export(tmp_path / "forged.jsonl", public)
    assert not bad.ok and "entry 2" in bad.message

    _, other_public = generate_keypair(tmp_path / "other")
    assert not verify_export(out, other_public).ok


def test_keys_are_never_overwritten_and_bad_keys_are_clear_errors(tmp_path: Path, store: Store) -> None:
    generate_keypair(tmp_path)
    with pytest.raises(AuditKeyError, match="refusing to overwrite"):
        generate_keypair(tmp_path)
    (tmp_path / "junk.pem").write_text("not a key")
    store.add_document(make_doc("x"), b"x")
    with pytest.raises(AuditKeyError, match="not a readable PEM"):
        sign_checkpoint(store, tmp_path / "junk.pem")
