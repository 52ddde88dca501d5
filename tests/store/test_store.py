"""Store behaviour on SQLite and PostgreSQL: identity of documents, idempotent stages, audit chain."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import text

from ceasewatch.model import Count, DateRange, Document, Mention, Place, Source, Span, content_hash
from ceasewatch.resolve import resolve_incidents
from ceasewatch.store import ConflictError, Store, StoreError


def make_doc(body: str, publisher: str = "Example Wire") -> Document:
    digest = content_hash(body)
    return Document(id="doc-" + digest[:16], text=body, content_hash=digest,
                    raw_hash=hashlib.sha256(body.encode()).hexdigest(), source=Source(publisher, "independent_media"),
                    published_at=date(2025, 3, 27))


def test_document_stored_once_and_raw_bytes_kept(store: Store) -> None:
    doc = make_doc("Shelling in Kherson killed one person.")
    first = store.add_document(doc, b"raw bytes")
    again = store.add_document(doc, b"raw bytes")
    assert first.new and not again.new and again.document_id == first.document_id
    assert store.count_documents() == 1
    assert store.raw_bytes(doc.id) == b"raw bytes"
    loaded = store.get_document(doc.id)
    assert loaded.text == doc.text and loaded.published_at == date(2025, 3, 27)


def test_whitespace_variants_are_the_same_document(store: Store) -> None:
    a = make_doc("Drone strike  on Odesa.\n")
    b = make_doc("Drone strike on Odesa.")
    assert a.content_hash == b.content_hash
    store.add_document(a, b"a")
    assert not store.add_document(b, b"b").new


def _mention(doc_id: str, n: int, day: int, place: str, gid: int) -> Mention:
    m = Mention(id=f"{doc_id}:m{n}", document_id=doc_id, sentence=Span(0, 10),
                event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                method="artillery", targets=["residential"], killed=Count(1, 1, 1),
                date=DateRange(date(2025, 3, day), date(2025, 3, day), 1),
                places=[Place(place, gid, 46.6, 32.6, 1, "UA", "Kherson Oblast")])
    m.add_evidence("killed", Span(0, 5))
    return m


def test_extraction_rerun_replaces_and_incidents_are_stable(store: Store) -> None:
    d1, d2 = make_doc("report one"), make_doc("report two")
    store.add_document(d1, b"1")
    store.add_document(d2, b"2")
    assert [d.id for d in store.pending_documents()] == [d1.id, d2.id]
    store.save_extraction(d1.id, [_mention(d1.id, 0, 27, "Kherson", 706448)], [], [], language="en", warnings=[])
    store.save_extraction(d1.id, [_mention(d1.id, 0, 27, "Kherson", 706448)], [], [], language="en", warnings=[])
    assert [d.id for d in store.pending_documents()] == [d2.id]
    assert len(store.mentions()) == 1  # the rerun replaced, it did not double
    first = store.replace_incidents(resolve_incidents(store.mentions()))
    store.save_extraction(d2.id, [_mention(d2.id, 0, 27, "Kherson", 706448)], [], [], language="en", warnings=[])
    second = store.replace_incidents(resolve_incidents(store.mentions()))
    incidents = store.incidents()
    assert first["incidents"] == second["incidents"] == 1
    assert incidents[0]["sources"] == [d1.id, d2.id]
    again = store.replace_incidents(resolve_incidents(store.mentions()))
    assert again["changed"] == 0 and again["removed"] == 0


def test_audit_chain_detects_a_row_edited_in_the_database(store: Store) -> None:
    store.add_document(make_doc("first"), b"1")
    store.add_document(make_doc("second"), b"2")
    store.add_document(make_doc("third"), b"3")
    assert store.verify_audit().ok
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET subject = 'doc-forged' WHERE seq = 2"))
    check = store.verify_audit()
    assert not check.ok and check.first_broken == 2


def test_audit_chain_detects_a_deleted_entry(store: Store) -> None:
    for body in ("a", "b", "c"):
        store.add_document(make_doc(body), b"x")
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    check = store.verify_audit()
    assert not check.ok and check.first_broken == 2


def test_agreement_versions_are_immutable(store: Store) -> None:
    assert store.save_agreement("energy", 1, "Energy", "partial_moratorium", {"id": "energy"}, "a" * 64, None)
    assert not store.save_agreement("energy", 1, "Energy", "partial_moratorium", {"id": "energy"}, "a" * 64, None)
    with pytest.raises(ConflictError):
        store.save_agreement("energy", 1, "Energy (edited)", "partial_moratorium", {"id": "energy"}, "b" * 64, None)
    assert [a["version"] for a in store.agreements()] == [1]


def test_open_refuses_missing_uninitialised_and_newer_databases(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if db_url.startswith("sqlite"):
        with pytest.raises(StoreError, match="ceasewatch init"):
            Store.open(db_url)
    s = Store.open(db_url, create=True)
    with pytest.raises(StoreError, match="not initialised"):
        Store.open(db_url)
    s.init()
    s.add_document(make_doc("kept"), b"k")
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(StoreError, match="newer than this ceasewatch"):
        Store.open(db_url)
    with pytest.raises(StoreError, match="newer"):
        s.init()
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert Store.open(db_url).count_documents() == 1  # nothing was changed by the refusals
    s.close()


@pytest.mark.parametrize("url,message", [
    ("not a url", "invalid database URL"),
    ("mysql://u@h/db", "unsupported database"),
    ("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot connect"),
])
def test_bad_urls_give_one_clear_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as info:
        Store.open(url)
    assert "\n" not in str(info.value)


def test_optimistic_locking_on_decisions(store: Store) -> None:
    from ceasewatch.model import Assessment, Criterion

    d = make_doc("report")
    store.add_document(d, b"r")
    store.save_extraction(d.id, [_mention(d.id, 0, 27, "Kherson", 706448)], [], [], language="en", warnings=[])
    incidents = resolve_incidents(store.mentions())
    store.replace_incidents(incidents)
    store.save_assessments([Assessment(incidents[0].id, "energy", "c1", "text", "possible_violation",
                                       [Criterion("target", "met", "energy")])])
    row = store.assessments()[0]
    store.set_assessment_status(row["id"], status="under_review", reviewer="ana", rationale="checking",
                                expected_version=row["lock_version"])
    with pytest.raises(ConflictError):
        store.set_assessment_status(row["id"], status="rejected", reviewer="ben", rationale="no",
                                    expected_version=row["lock_version"])
    assert store.assessments()[0]["status"] == "under_review"
