"""The main job is resumable (an interrupted `process` finishes on the next run, no duplicates) and the
demo runs end to end on the bundled examples."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ceasewatch.pipeline import ingest_examples, load_bundled_agreements, process
from ceasewatch.store import Store


def _snapshot(store: Store) -> tuple:
    return (sorted(m.id for m in store.mentions(modality=None)),
            [(i["id"], i["sources"], i["killed"]) for i in store.incidents()],
            sorted((a["incident_id"], a["agreement_id"], a["commitment_id"], a["reading"], a["verdict"])
                   for a in store.assessments()))


def test_interrupted_process_completes_on_rerun(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    extract_module = sys.modules["ceasewatch.extract"]  # the package attribute is the function
    load_bundled_agreements(store)
    ingest_examples(store)
    real = extract_module.extract
    calls = {"n": 0}

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt  # what Ctrl-C (or a kill between transactions) does mid-stage
        return real(*args, **kwargs)

    monkeypatch.setattr(extract_module, "extract", interrupted)
    with pytest.raises(KeyboardInterrupt):
        process(store)
    assert 0 < store.count_documents() - len(store.pending_documents()) < store.count_documents()
    monkeypatch.setattr(extract_module, "extract", real)
    process(store)
    resumed = _snapshot(store)

    fresh = Store.open(f"sqlite:///{tmp_path / 'fresh.db'}", create=True)
    fresh.init()
    load_bundled_agreements(fresh)
    ingest_examples(fresh)
    process(fresh)
    assert resumed == _snapshot(fresh)
    assert store.verify_audit().ok


def test_demo_runs_end_to_end(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "ceasewatch", "demo"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "COLUMNS": "160"})
    assert proc.returncode == 0, proc.stderr
    match = re.search(r"report written: (\S+)", proc.stdout)
    assert match and (tmp_path / match.group(1)).exists()
    report = (tmp_path / match.group(1)).read_text()
    assert "Kryvy" in report and "possible violation" in report
    assert (tmp_path / "data" / "ceasewatch.db").exists()
    again = subprocess.run([sys.executable, "-m", "ceasewatch", "demo"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=300, env={**os.environ, "COLUMNS": "160"})
    assert again.returncode == 0 and "0 new" in again.stdout


def test_example_reports_resolve_into_the_incidents_they_describe(store: Store) -> None:
    """The bundled examples: two sources on the Kryvyi Rih strike (one quoting both sides), two on the
    Kherson shelling (with different casualty figures), and three single-source incidents."""
    load_bundled_agreements(store)
    ingest_examples(store)
    process(store)
    incidents = store.incidents()
    by_place = {p["name"]: i for i in incidents for p in i["places"]}
    assert len(incidents) == 5
    kryvyi = next(i for name, i in by_place.items() if name.startswith("Kryv"))
    assert len(kryvyi["sources"]) == 2 and kryvyi["corroboration"]["label"] == "confirmed by both parties"
    assert {c["field"] for c in kryvyi["contradictions"]} >= {"targets"}
    kherson = by_place["Kherson"]
    assert len(kherson["sources"]) == 2 and kherson["killed"]["low"] == 1 and kherson["killed"]["high"] == 2
    assert kherson["corroboration"]["label"].startswith("independently corroborated")
    assert any(c["field"] == "killed" for c in kherson["contradictions"])
