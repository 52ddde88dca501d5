"""The ingest fast paths give exactly what the plain implementations give (signatures, language, stored rows)."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime

import numpy as np
import py3langid
from sqlalchemy import text as sql

from ceasewatch.ingest import syndication as syn
from ceasewatch.ingest.ingest import Prepared, link_syndicated
from ceasewatch.ingest.language import _identifier, detect_language
from ceasewatch.model import Document, Source
from ceasewatch.store import Store


def _reference_signature(text: str) -> bytes | None:
    """The signature as first written: np.unique, then np.minimum.at over (bin, value) pairs."""
    h = syn.token_hashes(text)
    if h.size < syn.MIN_WORDS:
        return None
    m = h.size - syn.SHINGLE + 1
    with np.errstate(over="ignore"):
        s = h[:m] * syn._MIX
        for j in range(1, syn.SHINGLE):
            s = (s ^ (s >> np.uint64(29))) * syn._MIX ^ h[j:m + j]
        s ^= s >> np.uint64(31)
        s *= syn._MIX2
        s ^= s >> np.uint64(29)
    s = np.unique(s)
    bins = (s >> np.uint64(58)).astype(np.intp)
    vals = ((s >> np.uint64(16)) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    sig = np.full(syn.BINS, syn._EMPTY, dtype=np.uint32)
    np.minimum.at(sig, bins, vals)
    empty = sig == syn._EMPTY
    if empty.any():
        filled = np.flatnonzero(~empty)
        for i in np.flatnonzero(empty):
            nxt = filled[np.searchsorted(filled, i) % filled.size]
            sig[i] = np.uint32((int(sig[nxt]) + ((nxt - i) % syn.BINS) * 0x9E3779B1) & 0xFFFFFFFF)
    return syn.Signature(sig, int(s.size)).to_bytes()


def test_signature_is_the_reference_signature() -> None:
    rng = random.Random(5)
    vocab = "shelling drone strike Kherson Odesa port energy killed injured said officials".split()
    texts = [" ".join(rng.choice(vocab[:k]) for _ in range(rng.randint(15, 900)))
             for k in (2, 3, 5, 11) for _ in range(40)]
    texts += ["word " * 19, "word " * 20, "Ünïcödé тест, «цитата»! " * 30, "", "x" * 4000]
    for t in texts:
        got = syn.signature(t)
        assert (got.to_bytes() if got else None) == _reference_signature(t), t[:60]


def test_language_identifier_matches_py3langid() -> None:
    samples = ["Drone strikes hit the energy infrastructure of Odesa overnight, the governor said.",
               "Le cessez-le-feu a été violé hier soir à Kherson selon les autorités régionales.",
               "Вчора ввечері обстріляли Херсон, загинула одна людина, повідомила адміністрація.",
               "Die Waffenruhe wurde in der Nacht gebrochen, teilte das Ministerium mit.",
               "Ночью беспилотники атаковали энергетическую инфраструктуру, сообщил губернатор."]
    ours = _identifier()
    for s in samples:
        assert ours.classify(s) == py3langid.classify(s)
    assert detect_language(samples[1]) == "fr" and detect_language("too short") is None


def _doc(i: int, **kw: object) -> Document:
    return Document(id=f"doc-{i:016x}", text=f"Report {i}: shelling in Kherson.", content_hash=f"{i:064x}",
                    raw_hash=f"{i + 1:064x}", source=Source("Wire", "independent_media", None),
                    url=f"https://wire.example/{i}", published_at=date(2025, 3, 26),
                    retrieved_at=datetime(2025, 3, 27, 8, 0, tzinfo=UTC), language="en", origin=f"r{i}.txt",
                    **kw)  # type: ignore[arg-type]


def test_batched_rows_are_stored_as_single_adds_store_them(store: Store) -> None:
    store.add_document(_doc(1, warnings=("a warning",)), b"raw one")
    res = store.add_documents([(_doc(2, warnings=("a warning",)), b"raw two"), (_doc(1), b"again")],
                              extra={"doc-0000000000000002": {"provenance": {"feed": "x", "n": 1}, "bands": [5, 7],
                                                              "signature": b"\x01\x02"}})
    assert [(r.document_id, r.new) for r in res] == [("doc-0000000000000002", True), ("doc-0000000000000001", False)]
    one, two = store.get_document("doc-0000000000000001"), store.get_document("doc-0000000000000002")
    assert (one.retrieved_at, one.warnings, one.published_at) == (two.retrieved_at, two.warnings, two.published_at)
    assert store.raw_bytes("doc-0000000000000002") == b"raw two"
    assert store.document_record("doc-0000000000000002")["provenance"] == {"feed": "x", "n": 1}
    with store.transaction() as s:
        rows = s.execute(sql("SELECT id, warnings, retrieved_at FROM documents ORDER BY seq")).all()
        bands = s.execute(sql("SELECT band, seq FROM document_bands ORDER BY band")).all()
    assert [json.loads(r[1]) if isinstance(r[1], str) else r[1] for r in rows] == [["a warning"], ["a warning"]]
    assert rows[0][2] == rows[1][2]
    assert [tuple(b) for b in bands] == [(5, 2), (7, 2)]
    check = store.verify_audit()
    assert check.ok and check.entries == 2


def test_batch_band_index_links_in_arrival_order() -> None:
    rng = random.Random(2)
    words = "shelling drone strike Kherson Odesa port energy killed injured said officials overnight".split()
    base = " ".join(rng.choice(words) for _ in range(300))
    other = " ".join(rng.choice(words) for _ in range(300))
    batch = []
    for i, t in enumerate([base, other, "HEADER - " + base, base + " Read more.", other + " Footer."]):
        sig = syn.signature(t)
        assert sig
        batch.append(Prepared(_doc(10 + i), b"", sig.to_bytes(), sig.bands()))
    links = link_syndicated(None, batch)
    assert links == {batch[2].doc.id: batch[0].doc.id, batch[3].doc.id: batch[0].doc.id,
                     batch[4].doc.id: batch[1].doc.id}
