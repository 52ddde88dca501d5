"""`ceasewatch extract`: stateless extraction of one text or a JSON Lines stream (the geo-eval contract)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ceasewatch.cli.app import main


def test_jsonl_streams_one_line_per_record_and_reports_bad_records(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text("\n".join([
        json.dumps({"id": "a", "text": "Shelling in Kherson killed one person on Thursday.", "published": "2025-03-27"}),
        "{not json",
        json.dumps({"id": 7, "text": 42}),
        "",
        json.dumps({"id": "b", "text": "Обстріл Херсона вбив одну людину в четвер.", "published": "2025-03-27"}),
        json.dumps({"id": "c", "text": "Sloviansk town"}),
    ]) + "\n", encoding="utf-8")
    assert main(["extract", "--jsonl", str(records)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert [r.get("id") for r in lines] == ["a", 2, 7, "b", "c"]
    a = lines[0]["mentions"][0]
    assert a["killed"]["best"] == 1 and a["places"][0]["name"] == "Kherson" and a["date"]["start"] == "2025-03-27"  # Thursday = the publication day
    assert "error" in lines[1] and "error" in lines[2]
    assert lines[3]["mentions"] == [] and any("unsupported language" in w for w in lines[3]["warnings"])
    assert lines[4]["mentions"][0]["modality"] == "unspecified" and lines[4]["mentions"][0]["places"]


def test_single_file_json_and_spans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Russian drones struck a power substation in Kharkiv overnight, injuring three people, officials said."
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    assert main(["extract", str(f), "--published", "2025-03-20"]) == 0
    out = json.loads(capsys.readouterr().out)
    m = out["mentions"][0]
    assert m["method"] == "drone" and "energy.power.substation" in m["targets"]
    for spans in m["evidence"].values():
        for start, end, _doc in spans:
            assert text[start:end].strip()


def test_stdin_is_read_when_no_file_is_given() -> None:
    proc = subprocess.run([sys.executable, "-m", "ceasewatch", "extract", "-", "--published", "2025-03-27"],
                          input="Shelling in Kherson killed one person on Thursday.", capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["mentions"][0]["killed"]["best"] == 1


def test_jsonl_dates_in_other_forms_are_read_and_a_bad_one_costs_only_the_relative_dates(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Shelling in Kherson killed one person on Thursday."
    records = tmp_path / "in.jsonl"
    records.write_text("\n".join(json.dumps({"id": i, "text": text, "published": p}) for i, p in enumerate([
        "27/03/2025", "3/27/2025", "Thu, 27 Mar 2025 09:00:00 GMT", "2025-03-27T09:00:00Z", "not a date"])) + "\n",
        encoding="utf-8")
    assert main(["extract", "--jsonl", str(records)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    for r in lines[:4]:
        (m,) = r["mentions"]
        assert m["date"]["start"] == "2025-03-27" and m["places"][0]["name"] == "Kherson", r
    bad = lines[4]
    assert "error" not in bad and bad["mentions"][0]["places"][0]["name"] == "Kherson"
    assert any("'not a date' not understood" in w for w in bad["warnings"])
