"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL, and paths to shared data."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pg_server import start_server

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE_ARTICLE = SHARED / "reference" / "paris-summit-2025-03-27.txt"
_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a PostgreSQL server (started for the session unless CEASEWATCH_TEST_PG_URL is set)."""
    if os.environ.get("CEASEWATCH_TEST_PG_URL"):
        yield os.environ["CEASEWATCH_TEST_PG_URL"]
        return
    try:
        server = start_server()
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("CEASEWATCH_REQUIRE_PG") or os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required here but could not start: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    try:
        yield server.url
    finally:
        server.stop()


def _fresh_pg_database(server_url: str) -> str:
    from sqlalchemy import create_engine, text

    name = f"cw_test_{os.getpid()}_{next(_counter)}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cw.db'}"
    return _fresh_pg_database(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    from ceasewatch.store import Store

    s = Store.open(db_url, create=True)
    s.init()
    yield s
    s.close()


@pytest.fixture
def reference_article() -> str:
    if not REFERENCE_ARTICLE.exists():
        pytest.skip("../shared/reference is not beside the project")
    return REFERENCE_ARTICLE.read_text(encoding="utf-8")
