"""Identity, syndication, batched writes with the audit chain, crash safety, feeds polling, CLI."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from ceasewatch.ingest import IngestOptions, ingest_paths
from ceasewatch.ingest.feeds import FeedConfig, HttpFetcher, Watcher, WatchOptions, backoff_delay
from ceasewatch.ingest.ingest import fast_content_hash
from ceasewatch.ingest.syndication import signature, similarity
from ceasewatch.ingest.watch import ingest_feed_items
from ceasewatch.model import content_hash
from ceasewatch.store import Store

WORDS = ("shelling drone strike missile artillery administration said killed injured civilians port energy "
         "substation outage officials reported overnight village city district forces attack damaged "
         "residential building emergency services fire governor ministry statement ceasefire talks").split()
PLACES = "Kherson Odesa Kharkiv Sumy Zaporizhzhia Dnipro Mykolaiv Nikopol".split()


def story(rng: random.Random, words: int = 220) -> str:
    out = []
    while sum(len(s.split()) for s in out) < words:
        out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 20))).capitalize()
                   + f" in {rng.choice(PLACES)}, {rng.randint(1, 30)} people.")
    return " ".join(out)


def variant(rng: random.Random, text: str, kind: str) -> str:
    words = text.split()
    if kind == "header":
        return f"{rng.choice(['COASTAL DAILY', 'Steppe News'])} (Wire) - " + text + " Read more on our site."
    if kind == "edit":  # a few words changed
        for _ in range(max(1, len(words) // 40)):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        return " ".join(words)
    if kind == "truncate":
        return " ".join(words[: int(len(words) * 0.6)])
    return "KYIV, March 26 (Wire) - " + text.replace(". ", ".\n\n")  # dateline, reflowed paragraphs


def build_set(seed: int = 7, stories: int = 60) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(doc name, text) in arrival order, and gold: copy name -> original name."""
    rng = random.Random(seed)
    docs, gold = [], {}
    for i in range(stories):
        base = story(rng)
        docs.append((f"s{i}", base))
        if i % 2 == 0:
            for k, kind in enumerate(("header", "edit", "truncate", "dateline")):
                docs.append((f"s{i}c{k}", variant(rng, base, kind)))
                gold[f"s{i}c{k}"] = f"s{i}"
    # hard negatives: same template, same places, independent wording
    for j in range(20):
        docs.append((f"n{j}", story(rng)))
    return docs, gold


def test_fast_content_hash_is_the_model_hash() -> None:
    for text in ["a  b\n\nc", " x\u00a0y\u2003z\u3000 ", "e\u0301t\u00e9 \x1c\x1f q", "", "plain"]:
        for url in (None, "https://e.org/x "):
            assert fast_content_hash(text, url) == content_hash(text, url)


def test_signatures_tell_copies_from_different_stories() -> None:
    rng = random.Random(1)
    a = story(rng)
    b = story(rng)
    sa, sb, sc = signature(a), signature(b), signature(variant(rng, a, "edit"))
    assert sa and sb and sc
    assert similarity(sa, sc)[0] > 0.6 and similarity(sa, sb)[0] < 0.2
    assert signature("too short to judge") is None


def test_syndication_precision_and_recall(store: Store, tmp_path: Path) -> None:
    docs, gold = build_set()
    folder = tmp_path / "wire"
    for n, (name, text) in enumerate(docs):
        (folder / f"{n:04d}-{name}.txt").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:04d}-{name}.txt").write_text(text, encoding="utf-8")
    s = ingest_paths(store, [folder], IngestOptions(published=datetime(2025, 3, 1).date(), batch_size=17))
    name_of = {}
    for d in store.list_documents():
        name_of[d["id"]] = Path(d["origin"]).stem.split("-", 1)[1]
    predicted = {name_of[c]: name_of[o] for c, o in s.syndicated}
    tp = sum(1 for c, o in predicted.items() if gold.get(c) == o)
    precision = tp / max(1, len(predicted))
    recall = tp / len(gold)
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)
    listed = {d["id"]: d["syndicated_with"] for d in store.list_documents()}
    assert all(listed[c] == o for c, o in s.syndicated)


def test_batched_add_keeps_the_audit_chain(store: Store, tmp_path: Path) -> None:
    for i in range(25):
        (tmp_path / f"r{i:02d}.txt").write_text(f"Report {i}: shelling hit district {i} of Kherson overnight.")
    (tmp_path / "dup.txt").write_text("Report 3: shelling hit district 3 of Kherson overnight.")
    s = ingest_paths(store, [tmp_path], IngestOptions(batch_size=7))
    assert len(s.new) == 25 and len(s.duplicate) == 1
    check = store.verify_audit()
    assert check.ok and check.entries >= 25
    assert [e.subject for e in store.audit_entries() if e.action == "ingest"] == s.new


def test_future_and_unknown_dates_warn(store: Store, tmp_path: Path) -> None:
    future = (datetime.now(UTC) + timedelta(days=400)).date().isoformat()
    p = tmp_path / "f.md"
    p.write_text(f"---\npublished: {future}\n---\nDrone strike on Odesa port.\n")
    q = tmp_path / "g.md"
    q.write_text("---\npublished: the day after tomorrow\n---\nShelling in Kherson.\n")
    s = ingest_paths(store, [p, q])
    warnings = " | ".join(w for _, w in s.warnings)
    assert "in the future" in warnings and "unparseable" in warnings and "publication date unknown" in warnings


def test_kill_9_mid_ingest_then_rerun_finishes_without_duplicates(db_url: str, tmp_path: Path) -> None:
    store = Store.open(db_url, create=True)
    store.init()
    folder = tmp_path / "many"
    folder.mkdir()
    n = 1500
    for i in range(n):
        (folder / f"r{i:05d}.txt").write_text(f"Report number {i}. " + "Shelling hit the district overnight. " * 8)
    code = ("import sys; from ceasewatch.store import Store; from ceasewatch.ingest import IngestOptions, "
            "ingest_paths; s = Store.open(sys.argv[1]); "
            "ingest_paths(s, [sys.argv[2]], IngestOptions(batch_size=50, jobs=1))")
    proc = subprocess.Popen([sys.executable, "-c", code, db_url, str(folder)])
    deadline = time.monotonic() + 60
    while store.count_documents() < 200 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = store.count_documents()
    assert 0 < partial < n, "the ingest finished before it could be killed: make the input larger"
    assert store.verify_audit().ok
    s = ingest_paths(store, [folder], IngestOptions(batch_size=200))
    assert len(s.new) == n - partial and len(s.duplicate) == partial
    assert store.count_documents() == n and store.verify_audit().ok
    store.close()


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://wire.example/1</link><description>Drone strike on Odesa port overnight.</description></item>
</channel></rss>"""


def test_watch_conditional_get_and_backoff(store: Store) -> None:
    calls: list[dict[str, str | None]] = []
    state = {"fail": False}

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append({"etag": request.headers.get("if-none-match"),
                      "since": request.headers.get("if-modified-since")})
        if state["fail"]:
            return httpx.Response(503)
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, text=RSS, headers={"etag": '"v1"', "last-modified": "Wed, 26 Mar 2025 08:00:00 GMT",
                                                        "content-type": "application/rss+xml"})

    now = [datetime(2025, 3, 26, tzinfo=UTC)]
    feed = FeedConfig("https://wire.example/rss", publisher="Wire", affiliation="independent_media")
    w = Watcher(store, [feed], HttpFetcher(transport=httpx.MockTransport(handler)),
                lambda f, items: ingest_feed_items(store, f, items), WatchOptions(interval=60, max_backoff=600),
                clock=lambda: now[0])
    first = w.poll_once(force=True)
    assert first[0].new == 1 and calls[-1]["etag"] is None
    assert w.poll_once() == []  # not due yet
    now[0] += timedelta(seconds=61)
    second = w.poll_once()
    assert second[0].status == "not_modified" and calls[-1]["etag"] == '"v1"'
    assert calls[-1]["since"] == "Wed, 26 Mar 2025 08:00:00 GMT"
    state["fail"] = True
    now[0] += timedelta(seconds=61)
    assert w.poll_once()[0].status == "failed"
    st = store.feed_state(feed.url)
    assert st and st["failures"] == 1 and "503" in st["last_error"]
    assert backoff_delay(60, 1, 600) == 120 and backoff_delay(60, 5, 600) == 600
    w.stop.set()
    assert w.run() == 0  # a stopped watcher exits at once


def test_cli_ingest_and_documents_list_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from ceasewatch.cli.app import app

    db = f"sqlite:///{tmp_path / 'cw.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "init", "--no-agreements"]).exit_code == 0
    rng = random.Random(3)
    base = story(rng)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(base)
    (tmp_path / "in" / "b.txt").write_text(variant(rng, base, "header"))
    (tmp_path / "in" / "c.txt").write_bytes(b"\x00\x01binary" * 30)
    r = runner.invoke(app, ["--db", db, "ingest", str(tmp_path / "in"), "--published", "2025-03-27"])
    assert r.exit_code == 1 and "1 of them syndicated" in r.output and "rejected by reason" in r.output
    r = runner.invoke(app, ["--db", db, "documents", "list", "--format", "json"])
    docs = json.loads(r.output)
    assert len(docs) == 2 and docs[1]["syndicated_with"] == docs[0]["id"]
    for key in ("id", "url", "publisher", "affiliation", "published_at", "language", "content_hash",
                "syndicated_with"):
        assert key in docs[0]
    r = runner.invoke(app, ["--db", db, "documents", "list", "--syndicated", "--format", "json"])
    assert [d["id"] for d in json.loads(r.output)] == [docs[1]["id"]]
    r = runner.invoke(app, ["--db", db, "documents", "show", docs[0]["id"], "--format", "json"])
    assert json.loads(r.output)["syndicated_copies"] == [docs[1]["id"]]
    r = runner.invoke(app, ["--db", db, "ingest", str(tmp_path / "in" / "a.txt"), "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["duplicate"] == [docs[0]["id"]]
