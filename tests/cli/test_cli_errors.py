"""The CLI turns bad input into one clear line on stderr and a non-zero exit, changing nothing stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ceasewatch.cli.app import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'cw.db'}"
    assert run(capsys, "--db", url, "init", "--no-agreements")[0] == 0
    return url


def one_line_error(err: str) -> bool:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    return len(lines) >= 1 and "Traceback" not in err


def test_unknown_empty_and_binary_files(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Shelling hit Kherson on Thursday, officials said.")
    assert run(capsys, "--db", db, "ingest", str(good))[0] == 0
    for name, data in [("x.pdf", b"%PDF"), ("empty.txt", b""), ("bin.txt", b"\x00\x01" * 100)]:
        p = tmp_path / name
        p.write_bytes(data)
        code, _out, err = run(capsys, "--db", db, "ingest", str(p))
        assert code == 1 and one_line_error(err) and name in err
    code, out, _ = run(capsys, "--db", db, "documents", "list", "--format", "json")
    assert code == 0 and out.count('"id"') == 1


def test_missing_path_is_reported(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", db, "ingest", "/nonexistent/report.txt")
    assert code == 1 and "no such file" in err


@pytest.mark.parametrize("url,message", [
    ("nonsense", "invalid database URL"),
    ("oracle://u@h/db", "unsupported database"),
])
def test_wrong_db_url(capsys: pytest.CaptureFixture[str], url: str, message: str) -> None:
    code, _out, err = run(capsys, "--db", url, "incidents", "list")
    assert code == 1 and message in err and "Traceback" not in err


def test_uninitialised_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", f"sqlite:///{tmp_path / 'none.db'}", "process")
    assert code == 1 and "ceasewatch init" in err
    assert not (tmp_path / "none.db").exists()


def test_newer_schema_is_refused_and_left_alone(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    engine = create_engine(db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    before = (tmp_path / "cw.db").read_bytes()
    for args in (["init"], ["incidents", "list"], ["process"]):
        code, _out, err = run(capsys, "--db", db, *args)
        assert code == 1 and "newer than this ceasewatch" in err
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "ffff_future"
    assert (tmp_path / "cw.db").read_bytes() == before


def test_bad_option_values_are_usage_errors(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("A report.")
    code, _out, err = run(capsys, "--db", db, "ingest", str(p), "--published", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in err


def test_debug_shows_the_traceback() -> None:
    proc = subprocess.run([sys.executable, "-m", "ceasewatch", "--debug", "--db", "nonsense", "incidents", "list"],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "Traceback" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "ceasewatch", "--db", "nonsense", "incidents", "list"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and proc.stderr.startswith("error:")
