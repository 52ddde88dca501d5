"""The JSON printed by the CLI is the documented contract (docs/json/incident.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ceasewatch.cli.app import main
from conftest import REFERENCE_ARTICLE

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs/json/incident.schema.json").read_text())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_incidents_list_json_follows_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                reference_article: str) -> None:
    db = f"sqlite:///{tmp_path / 'cw.db'}"
    run(capsys, "--db", db, "init")
    run(capsys, "--db", db, "ingest", str(REFERENCE_ARTICLE), "--published", "2025-03-27")
    run(capsys, "--db", db, "process")
    incidents = json.loads(run(capsys, "--db", db, "incidents", "list", "--format", "json"))
    assert len(incidents) == 3
    for inc in incidents:
        jsonschema.validate(inc, SCHEMA)
        assert inc["severity"]["level"] in ("low", "medium", "high", "critical") and inc["severity"]["reasons"]
    shown = json.loads(run(capsys, "--db", db, "incidents", "show", incidents[0]["id"]))
    assert shown == incidents[0]
    queue = json.loads(run(capsys, "--db", db, "review", "queue", "--format", "json"))
    assert {a["incident_id"] for a in queue} <= {i["id"] for i in incidents}
    assert any(a["verdict"] == "possible_violation" for a in queue)
