"""Ingest of text and Markdown reports: provenance, dates, duplicates and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ceasewatch.ingest import IngestOptions, ingest_paths
from ceasewatch.ingest.ingest import date_in_opening
from ceasewatch.ingest.readers import markdown_to_text
from ceasewatch.store import Store

SHARED_AGREEMENTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "agreements"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_markdown_front_matter_gives_provenance(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "r.md", "---\ntitle: Strike\nurl: https://www.whitehouse.gov/x\npublished: 2025-03-25\n"
                                "---\n**Bold** claim about [Odesa](https://e.org) port.\n")
    s = ingest_paths(store, [p])
    assert s.ok and len(s.new) == 1
    doc = store.get_document(s.new[0])
    assert doc.title == "Strike" and doc.url == "https://www.whitehouse.gov/x"
    assert doc.published_at == date(2025, 3, 25)
    assert doc.source.name == "The White House" and doc.source.affiliation == "third_party_official"
    assert doc.text.startswith("Bold claim about Odesa port.")
    assert store.raw_bytes(doc.id).startswith(b"---\ntitle: Strike")
    assert doc.language == "en"


def test_published_date_order_and_unknown_warning(store: Store, tmp_path: Path) -> None:
    dated = write(tmp_path, "a.txt", "KYIV, March 24, 2025 - Drones attacked the city overnight.")
    undated = write(tmp_path, "b.txt", "Drones attacked the city overnight, officials said on Monday.")
    nothing = write(tmp_path, "c.txt", "Another report with no date at all, from somewhere else entirely.")
    s1 = ingest_paths(store, [dated, undated], IngestOptions(published=date(2025, 3, 20)))
    assert store.get_document(s1.new[0]).published_at == date(2025, 3, 24)  # the text's dateline first
    assert store.get_document(s1.new[1]).published_at == date(2025, 3, 20)  # then --published
    s2 = ingest_paths(store, [nothing])
    doc = store.get_document(s2.new[0])
    assert doc.published_at is None
    assert any("publication date unknown" in w for w in doc.warnings)


def test_reingest_is_a_noop_and_folders_are_walked(store: Store, tmp_path: Path) -> None:
    write(tmp_path, "in/one.txt", "Shelling hit Kherson on Thursday.")
    write(tmp_path, "in/sub/two.md", "Drone strike on Sumy.")
    write(tmp_path, "in/picture.png", b"\x89PNG\r\n")
    first = ingest_paths(store, [tmp_path / "in"])
    second = ingest_paths(store, [tmp_path / "in"])
    assert len(first.new) == 2 and first.skipped and first.ok
    assert second.new == [] and sorted(second.duplicate) == sorted(first.new)
    assert store.count_documents() == 2


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"   \n", "empty file"),
    ("binary.txt", b"\x00\x01\x02\x03PK\x03\x04" * 20, "binary content"),
    ("report.pdf", b"%PDF-1.4", "unknown file type"),
    ("broken.md", b"---\ntitle: [unclosed\n---\ntext\n", "invalid front matter"),
])
def test_bad_files_are_rejected_and_nothing_changes(store: Store, tmp_path: Path, name: str, data: bytes,
                                                    reason: str) -> None:
    good = write(tmp_path, "good.txt", "A valid report about Kharkiv.")
    ingest_paths(store, [good])
    before = store.count_documents()
    s = ingest_paths(store, [write(tmp_path, name, data)])
    assert len(s.rejected) == 1 and reason in s.rejected[0][1]
    assert store.count_documents() == before


def test_size_limit_and_encodings(store: Store, tmp_path: Path) -> None:
    big = write(tmp_path, "big.txt", "word " * 1000)
    s = ingest_paths(store, [big], IngestOptions(max_bytes=1000))
    assert "size limit" in s.rejected[0][1]
    bom = write(tmp_path, "bom.txt", b"\xef\xbb\xbfShelling in Kherson.")
    french = ("Frappe à Odessa: selon le ministère français de la Défense, une frappe de drones a touché le "
              "port. Les équipes de secours ont été déployées et l'électricité a été coupée dans plusieurs "
              "quartiers, a précisé l'administration régionale.")
    latin = write(tmp_path, "latin.txt", french.encode("cp1252"))
    utf16 = write(tmp_path, "u16.txt", "Strike on Sumy reported.".encode("utf-16"))
    s = ingest_paths(store, [bom, latin, utf16])
    assert s.ok and len(s.new) == 3
    texts = [store.get_document(i).text for i in s.new]
    assert texts[0].startswith("Shelling") and "à Odessa" in texts[1] and texts[2].startswith("Strike")


def test_dry_run_stores_nothing(store: Store, tmp_path: Path) -> None:
    s = ingest_paths(store, [write(tmp_path, "a.txt", "Report text here.")], IngestOptions(dry_run=True))
    assert len(s.new) == 1 and store.count_documents() == 0


def test_dateline_and_markdown_helpers() -> None:
    assert date_in_opening("PARIS, 27 March 2025 — text") == date(2025, 3, 27)
    assert date_in_opening("no year here: March 27") is None
    assert markdown_to_text("# Title\n\nSome *emphasis* and a line  \nbreak") == "Title\n\nSome emphasis and a line\nbreak\n"


@pytest.mark.skipif(not SHARED_AGREEMENTS.exists(), reason="../shared/data/agreements not beside the project")
def test_white_house_statements_ingest_with_their_dates(store: Store) -> None:
    s = ingest_paths(store, [SHARED_AGREEMENTS])
    assert s.ok and len(s.new) == 5
    docs = store.list_documents()
    assert all(d["publisher"] == "The White House" for d in docs)
    assert {d["published_at"][:10] for d in docs} >= {"2025-03-19", "2025-03-25", "2025-11-23"}
