"""The Store: persistence of every stage's output, on SQLite (default) or PostgreSQL, via SQLAlchemy 2.

Every write happens in a transaction that also appends its audit entry, so a crash leaves either the whole
change with its audit line or neither. Stage progress lives in the database (``documents.extracted_at``,
incident membership, assessment keys), which is what makes each stage idempotent and resumable.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, func, inspect, select, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..model import Assessment, AuditEntry, Document, Incident, Mention, Pledge, Position, Source
from ..model.audit import GENESIS
from ..model.codec import incident_to_dict, mention_from_dict, mention_to_dict
from .errors import ConflictError, NotFoundError, StoreError
from .migrate import current_revision, upgrade_to_head, verify_revision
from .schema import (
    AgreementRow,
    AssessmentRow,
    AuditRow,
    DocumentRow,
    IncidentMentionRow,
    IncidentOverrideRow,
    IncidentRow,
    MentionRow,
    ReviewDecisionRow,
    StatementRow,
)

DEFAULT_DB_PATH = Path("data") / "ceasewatch.db"


def default_url() -> str:
    return f"sqlite:///{DEFAULT_DB_PATH}"


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class AddResult:
    document_id: str
    new: bool


@dataclass(frozen=True, slots=True)
class AuditCheck:
    ok: bool
    entries: int
    first_broken: int | None = None
    message: str = ""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer; crash-safe
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; raises StoreError with one clear line for malformed or unsupported URLs."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL {url!r}: expected e.g. sqlite:///path/to.db or "
                         "postgresql+psycopg://user@host/db") from exc
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StoreError(f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL")
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(parsed, future=True, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise StoreError(f"no driver for {parsed.drivername}: install ceasewatch[postgres]") from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class Store:
    """Persistence for ceasewatch. Open with :meth:`open`; create or upgrade the schema with :meth:`init`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False, future=True)

    # ---------------------------------------------------------------- lifecycle
    @classmethod
    def open(cls, url: str | None = None, *, create: bool = False) -> Store:
        """Open the store at ``url``. Unless ``create``, the database must exist and be initialised."""
        url = url or default_url()
        engine = make_engine(url)
        parsed = engine.url
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            path = Path(parsed.database)
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            elif not path.exists():
                raise StoreError(f"no ceasewatch database at {path}: run `ceasewatch init` first")
        store = cls(engine, url)
        try:
            with engine.connect() as conn:
                revision = current_revision(conn)
        except OperationalError as exc:
            raise StoreError(f"cannot connect to {parsed.render_as_string(hide_password=True)}: "
                             f"{str(exc.orig).strip().splitlines()[0]}") from exc
        if revision is None and not create:
            raise StoreError("database is not initialised: run `ceasewatch init` first")
        if revision is not None:
            verify_revision(revision)  # a newer schema than this code knows is refused before any write
        return store

    def init(self) -> str:
        """Create or upgrade the schema to the newest revision; returns the revision."""
        with self.engine.begin() as conn:
            return upgrade_to_head(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {str(getattr(exc, 'orig', exc) or exc).splitlines()[0]}") from exc
        finally:
            session.close()

    @property
    def backend(self) -> str:
        return self.engine.url.get_backend_name()

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    # ---------------------------------------------------------------- audit
    def append_audit(self, s: Session, actor: str, action: str, subject: str, payload: dict) -> AuditEntry:
        """Append a hash-chained audit entry inside the caller's transaction ``s``."""
        last = s.execute(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).scalar_one_or_none()
        seq = (last.seq + 1) if last else 1
        prev = last.hash if last else GENESIS
        at = now().isoformat()
        digest = AuditEntry.compute_hash(seq, at, actor, action, subject, payload, prev)
        s.add(AuditRow(seq=seq, at=at, actor=actor, action=action, subject=subject, payload=payload,
                       prev_hash=prev, hash=digest))
        s.flush()
        return AuditEntry(seq, at, actor, action, subject, payload, prev, digest)

    _append_audit = append_audit  # older name, kept for callers written against it

    def audit_entries(self) -> list[AuditEntry]:
        with self.transaction() as s:
            rows = s.execute(select(AuditRow).order_by(AuditRow.seq)).scalars().all()
            return [AuditEntry(r.seq, r.at, r.actor, r.action, r.subject, r.payload, r.prev_hash, r.hash)
                    for r in rows]

    def verify_audit(self) -> AuditCheck:
        """Recompute the hash chain; report the first entry whose content or link does not hold."""
        prev = GENESIS
        entries = self.audit_entries()
        for expected_seq, entry in enumerate(entries, start=1):
            if entry.seq != expected_seq:
                return AuditCheck(False, len(entries), expected_seq,
                                  f"entry {expected_seq} is missing (found {entry.seq} next)")
            if entry.prev_hash != prev:
                return AuditCheck(False, len(entries), entry.seq,
                                  f"entry {entry.seq} does not link to entry {entry.seq - 1}")
            if not entry.is_consistent():
                return AuditCheck(False, len(entries), entry.seq,
                                  f"entry {entry.seq} ({entry.action} {entry.subject}) was altered")
            prev = entry.hash
        return AuditCheck(True, len(entries), None, f"{len(entries)} entries, chain intact")

    # ---------------------------------------------------------------- documents
    def add_document(self, doc: Document, raw: bytes, *, actor: str = "ingest") -> AddResult:
        """Store a document once. A document with the same content hash is a no-op (``new`` False)."""
        with self.transaction() as s:
            existing = s.execute(
                select(DocumentRow.id).where(DocumentRow.content_hash == doc.content_hash)
            ).scalar_one_or_none()
            if existing:
                return AddResult(existing, False)
            seq = (s.execute(select(func.max(DocumentRow.seq))).scalar() or 0) + 1
            s.add(DocumentRow(
                id=doc.id, seq=seq, content_hash=doc.content_hash, raw_hash=doc.raw_hash,
                raw=zlib.compress(raw, 6), text=doc.text, title=doc.title, url=doc.url,
                publisher=doc.source.name, affiliation=doc.source.affiliation, party_id=doc.source.party_id,
                published_at=doc.published_at.isoformat() if doc.published_at else None,
                retrieved_at=doc.retrieved_at or now(), language=doc.language, media_type=doc.media_type,
                origin=doc.origin, warnings=list(doc.warnings),
            ))
            s.flush()
            self.append_audit(s, actor, "ingest", doc.id, {
                "content_hash": doc.content_hash, "raw_hash": doc.raw_hash, "origin": doc.origin,
                "publisher": doc.source.name, "warnings": list(doc.warnings)})
            return AddResult(doc.id, True)

    @staticmethod
    def _document(row: DocumentRow) -> Document:
        published: date | datetime | None = None
        if row.published_at:
            published = (datetime.fromisoformat(row.published_at) if "T" in row.published_at
                         else date.fromisoformat(row.published_at))
        return Document(
            id=row.id, text=row.text, content_hash=row.content_hash, raw_hash=row.raw_hash,
            source=Source(row.publisher, row.affiliation, row.party_id), title=row.title, url=row.url,
            published_at=published, retrieved_at=row.retrieved_at, language=row.language,
            media_type=row.media_type, origin=row.origin, warnings=tuple(row.warnings or ()),
        )

    def get_document(self, document_id: str) -> Document:
        with self.transaction() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"no document {document_id!r}")
            return self._document(row)

    def raw_bytes(self, document_id: str) -> bytes:
        with self.transaction() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"no document {document_id!r}")
            return zlib.decompress(row.raw)

    def list_documents(self, *, publisher: str | None = None, language: str | None = None,
                       since: date | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Documents in ingest order (the common filters of :meth:`query_documents`)."""
        return self.query_documents(publisher=publisher, language=language, since=since, limit=limit)

    def count_documents(self) -> int:
        with self.transaction() as s:
            return s.execute(select(func.count()).select_from(DocumentRow)).scalar_one()

    # add_documents' row layouts
    _DOC_COLUMNS = ("id", "seq", "content_hash", "raw_hash", "raw", "text", "title", "url", "publisher",
                    "affiliation", "party_id", "published_at", "retrieved_at", "language", "media_type", "origin",
                    "warnings", "syndicated_with", "signature", "provenance")
    _AUDIT_COLUMNS = ("seq", "at", "actor", "action", "subject", "payload", "prev_hash", "hash")

    def add_documents(self, items: Iterable[tuple[Document, bytes]], *, actor: str = "ingest",
                      extra: dict[str, dict[str, Any]] | None = None) -> list[AddResult]:
        """Store many documents in ONE transaction, each once (as :meth:`add_document` does), with audit.

        ``extra`` maps a document id to optional ``syndicated_with`` (id of the first-seen copy),
        ``signature`` (bytes), ``bands`` (near-duplicate index keys), ``provenance`` (JSON object) and
        ``raw_zlib`` (the raw bytes already zlib-compressed, as ingest workers do it off the writer).
        Documents already stored (same content hash), or repeated within the batch, are not added
        (``new`` False). The audit hash chain goes on entry by entry inside the batch, exactly as single
        adds would make it; a crash leaves the whole batch with its audit entries, or none of it.
        """
        from sqlalchemy import bindparam

        from .schema import DocumentBandRow

        batch = list(items)
        extra = extra or {}
        results: list[AddResult] = []
        with self.transaction() as s:
            if self.backend == "sqlite":  # a larger page cache for this connection: index inserts stay in memory
                s.connection().exec_driver_sql("PRAGMA cache_size=-131072")
            known: dict[str, str] = {}
            hashes = sorted({d.content_hash for d, _ in batch})
            by_hash = select(DocumentRow.content_hash, DocumentRow.id).where(
                DocumentRow.content_hash.in_(bindparam("hashes", expanding=True)))
            for i in range(0, len(hashes), 500):
                for h, doc_id in s.execute(by_hash, {"hashes": hashes[i:i + 500]}):
                    known[h] = doc_id
            seq = s.execute(select(func.max(DocumentRow.seq))).scalar() or 0
            last = s.execute(select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)).first()
            audit_seq, prev = (last[0], last[1]) if last else (0, GENESIS)
            doc_rows: list[tuple[Any, ...]] = []
            band_keys: list[int] = []
            band_seqs: list[int] = []
            audit_rows: list[tuple[Any, ...]] = []
            for doc, raw in batch:
                if doc.content_hash in known:
                    results.append(AddResult(known[doc.content_hash], False))
                    continue
                known[doc.content_hash] = doc.id
                x = extra.get(doc.id) or {}
                seq += 1
                synd = x.get("syndicated_with")
                src = doc.source
                warnings = list(doc.warnings)
                doc_rows.append((  # in _DOC_COLUMNS order
                    doc.id, seq, doc.content_hash, doc.raw_hash, x.get("raw_zlib") or zlib.compress(raw, 6),
                    doc.text, doc.title, doc.url, src.name, src.affiliation, src.party_id,
                    doc.published_at.isoformat() if doc.published_at else None, doc.retrieved_at or now(),
                    doc.language, doc.media_type, doc.origin, warnings, synd, x.get("signature"),
                    x.get("provenance")))
                bands = x.get("bands")
                if bands:
                    distinct = set(bands)
                    band_keys.extend(distinct)
                    band_seqs.extend([seq] * len(distinct))
                payload: dict[str, Any] = {
                    "content_hash": doc.content_hash, "raw_hash": doc.raw_hash, "origin": doc.origin,
                    "publisher": src.name, "warnings": warnings}
                if synd:
                    payload["syndicated_with"] = synd
                audit_seq += 1
                at = now().isoformat()
                digest = AuditEntry.compute_hash(audit_seq, at, actor, "ingest", doc.id, payload, prev)
                audit_rows.append((audit_seq, at, actor, "ingest", doc.id, payload, prev, digest))
                prev = digest
                results.append(AddResult(doc.id, True))
            if doc_rows:
                # Rows as tuples straight to the driver's executemany, each value through the bind processor
                # SQLAlchemy would apply (JSON, DateTime on SQLite, ...), so what is stored is unchanged.
                conn = s.connection()
                conn.exec_driver_sql(*self._bulk_insert(DocumentRow.__table__, self._DOC_COLUMNS, doc_rows))
                if band_keys:  # many small rows, in (band, seq) key order: sorted in numpy
                    import numpy as np

                    keys, seqs = np.array(band_keys, dtype=np.int64), np.array(band_seqs, dtype=np.int64)
                    order = np.lexsort((seqs, keys))
                    mark = "?" if self.backend == "sqlite" else "%s"
                    conn.exec_driver_sql(
                        f"INSERT INTO {DocumentBandRow.__tablename__} (band, seq) VALUES ({mark}, {mark})",
                        list(zip(keys[order].tolist(), seqs[order].tolist(), strict=True)))
                conn.exec_driver_sql(*self._bulk_insert(AuditRow.__table__, self._AUDIT_COLUMNS, audit_rows))
        return results

    def _bulk_insert(self, table: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
                     ) -> tuple[str, list[tuple[Any, ...]]]:
        """(INSERT statement, rows) for the driver's executemany, values bound as SQLAlchemy binds them."""
        dialect = self.engine.dialect
        procs = [(i, p) for i, c in enumerate(columns)
                 if (p := table.c[c].type._cached_bind_processor(dialect)) is not None]
        if procs:
            out = []
            for r in rows:
                v = list(r)
                for i, p in procs:
                    v[i] = p(v[i])
                out.append(tuple(v))
            rows = out
        mark = "?" if self.backend == "sqlite" else "%s"
        sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
               f"VALUES ({', '.join([mark] * len(columns))})")
        return sql, rows

    def syndication_candidates(self, bands: Iterable[int]) -> list[tuple[str, bytes, str | None]]:
        """Stored documents sharing any of these near-duplicate band keys: (id, signature, syndicated_with)."""
        keys = sorted(set(bands))
        out: dict[str, tuple[str, bytes, str | None]] = {}
        mark = "?" if self.backend == "sqlite" else "%s"
        with self.transaction() as s:
            conn = s.connection()
            for i in range(0, len(keys), 2000):
                chunk = tuple(keys[i:i + 2000])
                sql = ("SELECT id, signature, syndicated_with FROM documents WHERE signature IS NOT NULL AND seq IN "
                       f"(SELECT seq FROM document_bands WHERE band IN ({', '.join([mark] * len(chunk))}))")
                for doc_id, sig, root in conn.exec_driver_sql(sql, chunk):
                    out[doc_id] = (doc_id, bytes(sig), root)
        return list(out.values())

    def unextracted(self, document_ids: Iterable[str]) -> set[str]:
        """Those of these documents that the extract stage has not yet marked done."""
        ids = sorted(set(document_ids))
        found: set[str] = set()
        with self.transaction() as s:
            for i in range(0, len(ids), 500):
                found.update(s.execute(select(DocumentRow.id).where(
                    DocumentRow.id.in_(ids[i:i + 500]), DocumentRow.extracted_at.is_(None))).scalars())
        return found

    def query_documents(self, *, publisher: str | None = None, affiliation: str | None = None,
                        language: str | None = None, since: date | None = None, until: date | None = None,
                        syndicated: bool | None = None, media_type: str | None = None,
                        search: str | None = None, limit: int | None = None,
                        offset: int = 0) -> list[dict[str, Any]]:
        """Documents in ingest order with filters: provenance fields, no text.

        ``syndicated`` True keeps only copies of an earlier document, False only originals; ``search`` is a
        case-insensitive substring of title, URL or origin.
        """
        q = select(DocumentRow).order_by(DocumentRow.seq)
        if publisher:
            q = q.where(func.lower(DocumentRow.publisher) == publisher.lower())
        if affiliation:
            q = q.where(DocumentRow.affiliation == affiliation)
        if language:
            q = q.where(DocumentRow.language == language)
        if since:
            q = q.where(DocumentRow.published_at >= since.isoformat())
        if until:
            q = q.where(DocumentRow.published_at < (until.isoformat() + "~"))
        if syndicated is True:
            q = q.where(DocumentRow.syndicated_with.is_not(None))
        elif syndicated is False:
            q = q.where(DocumentRow.syndicated_with.is_(None))
        if media_type:
            q = q.where(DocumentRow.media_type == media_type)
        if search:
            like = f"%{search.lower()}%"
            q = q.where(func.lower(DocumentRow.title).like(like) | func.lower(DocumentRow.url).like(like)
                        | func.lower(DocumentRow.origin).like(like))
        if offset:
            q = q.offset(offset)
        if limit:
            q = q.limit(limit)
        with self.transaction() as s:
            return [{
                "id": r.id, "title": r.title, "url": r.url, "publisher": r.publisher,
                "affiliation": r.affiliation, "published_at": r.published_at, "language": r.language,
                "content_hash": r.content_hash, "syndicated_with": r.syndicated_with, "origin": r.origin,
                "extracted": r.extracted_at is not None, "warnings": list(r.warnings or []),
                "media_type": r.media_type, "party_id": r.party_id,
                "retrieved_at": r.retrieved_at.isoformat() if r.retrieved_at else None,
            } for r in s.execute(q).scalars()]

    def document_record(self, document_id: str) -> dict[str, Any]:
        """Everything stored about one document except its raw bytes: provenance, syndication, copies."""
        with self.transaction() as s:
            r = s.get(DocumentRow, document_id)
            if r is None:
                raise NotFoundError(f"no document {document_id!r}")
            copies = list(s.execute(select(DocumentRow.id).where(DocumentRow.syndicated_with == r.id)
                                    .order_by(DocumentRow.seq)).scalars())
            return {
                "id": r.id, "title": r.title, "url": r.url, "publisher": r.publisher,
                "affiliation": r.affiliation, "party_id": r.party_id, "published_at": r.published_at,
                "retrieved_at": r.retrieved_at.isoformat() if r.retrieved_at else None,
                "language": r.language, "content_hash": r.content_hash, "raw_hash": r.raw_hash,
                "media_type": r.media_type, "origin": r.origin, "syndicated_with": r.syndicated_with,
                "syndicated_copies": copies, "provenance": r.provenance,
                "extracted": r.extracted_at is not None, "extract_error": r.extract_error,
                "warnings": list(r.warnings or []), "text": r.text,
            }

    def feed_state(self, url: str) -> dict[str, Any] | None:
        """Polling state of a feed (``ceasewatch watch``): ETag, Last-Modified, failures, next poll."""
        from .schema import FeedStateRow

        with self.transaction() as s:
            r = s.get(FeedStateRow, url)
            if r is None:
                return None
            return {"url": r.url, "etag": r.etag, "last_modified": r.last_modified, "failures": r.failures,
                    "last_error": r.last_error, "last_polled_at": r.last_polled_at, "last_ok_at": r.last_ok_at,
                    "next_poll_at": r.next_poll_at, "entries": r.entries}

    def save_feed_state(self, url: str, **values: Any) -> None:
        """Create or update a feed's polling state (keys as returned by :meth:`feed_state`)."""
        from .schema import FeedStateRow

        with self.transaction() as s:
            r = s.get(FeedStateRow, url)
            if r is None:
                r = FeedStateRow(url=url, failures=0, entries=0)
                s.add(r)
            for k, v in values.items():
                if k != "url":
                    setattr(r, k, v)

    # ---------------------------------------------------------------- extraction
    def pending_documents(self) -> list[Document]:
        """Documents not yet extracted, in ingest order (the extract stage's to-do list)."""
        with self.transaction() as s:
            rows = s.execute(
                select(DocumentRow).where(DocumentRow.extracted_at.is_(None)).order_by(DocumentRow.seq)
            ).scalars().all()
            return [self._document(r) for r in rows]

    def save_extraction(self, document_id: str, mentions: list[Mention], positions: list[Position],
                        pledges: list[Pledge], *, language: str | None, warnings: list[str],
                        actor: str = "extract") -> None:
        """Store one document's extraction and mark it done, atomically (a rerun replaces, never doubles)."""
        with self.transaction() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"no document {document_id!r}")
            s.execute(delete(MentionRow).where(MentionRow.document_id == document_id))
            s.execute(delete(StatementRow).where(StatementRow.document_id == document_id))
            for n, m in enumerate(mentions):
                s.add(MentionRow(id=m.id, document_id=document_id, ordinal=n, modality=m.modality,
                                 body=mention_to_dict(m)))
            for n, st in enumerate([*positions, *pledges]):
                kind = "position" if isinstance(st, Position) else "pledge"
                s.add(StatementRow(id=f"{document_id}:s{n}", document_id=document_id, kind=kind,
                                   body=_statement_dict(st)))
            row.extracted_at = now()
            if language and not row.language:
                row.language = language
            if warnings:
                row.warnings = [*(row.warnings or []), *warnings]
            self.append_audit(s, actor, "extract", document_id, {
                "mentions": [m.id for m in mentions], "statements": len(positions) + len(pledges),
                "warnings": warnings})

    def record_extract_failure(self, document_id: str, error: str) -> None:
        """Mark a document as failed (so it does not block others) with the error kept for review."""
        with self.transaction() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise NotFoundError(f"no document {document_id!r}")
            row.extracted_at = now()
            row.extract_error = error
            self.append_audit(s, "extract", "extract_failed", document_id, {"error": error})

    def mentions(self, *, modality: str | None = "asserted") -> list[Mention]:
        """Stored mentions in deterministic order (document ingest order, then position in the document)."""
        q = (select(MentionRow.body).join(DocumentRow, DocumentRow.id == MentionRow.document_id)
             .order_by(DocumentRow.seq, MentionRow.ordinal))
        if modality:
            q = q.where(MentionRow.modality == modality)
        with self.transaction() as s:
            return [mention_from_dict(b) for b in s.execute(q).scalars()]

    def statements(self, kind: str | None = None) -> list[dict[str, Any]]:
        q = select(StatementRow).order_by(StatementRow.document_id, StatementRow.id)
        if kind:
            q = q.where(StatementRow.kind == kind)
        with self.transaction() as s:
            return [{**r.body, "id": r.id, "document_id": r.document_id, "type": r.kind}
                    for r in s.execute(q).scalars()]

    # ---------------------------------------------------------------- incidents
    def replace_incidents(self, incidents: list[Incident], *, actor: str = "resolve") -> dict[str, int]:
        """Make the stored incidents exactly ``incidents`` (ids are stable, so unchanged ones stay put)."""
        stamp = now()
        with self.transaction() as s:
            old_ids = set(s.execute(select(IncidentRow.id)).scalars())
            new_ids = {i.id for i in incidents}
            gone = old_ids - new_ids
            if gone:
                s.execute(delete(AssessmentRow).where(AssessmentRow.incident_id.in_(gone)))
                s.execute(delete(IncidentMentionRow).where(IncidentMentionRow.incident_id.in_(gone)))
                s.execute(delete(IncidentRow).where(IncidentRow.id.in_(gone)))
            s.execute(delete(IncidentMentionRow))
            changed = 0
            for inc in incidents:
                body = incident_to_dict(inc)
                body.pop("assessments", None)
                body["merge_reasons"] = inc.merge_reasons
                row = s.get(IncidentRow, inc.id)
                if row is None:
                    s.add(IncidentRow(id=inc.id, date_start=inc.date.start.isoformat() if inc.date else None,
                                      event_type=inc.event_type, body=body, updated_at=stamp))
                    changed += 1
                elif row.body != body:
                    row.body, row.updated_at = body, stamp
                    row.date_start = inc.date.start.isoformat() if inc.date else None
                    row.event_type = inc.event_type
                    changed += 1
            s.flush()
            for inc in incidents:
                for m in inc.mentions:
                    s.add(IncidentMentionRow(incident_id=inc.id, mention_id=m.id))
            counts = {"incidents": len(incidents), "changed": changed, "removed": len(gone)}
            if changed or gone:
                self.append_audit(s, actor, "resolve", "incidents", {
                    **counts, "ids": sorted(new_ids)})
            return counts

    def incidents(self) -> list[dict[str, Any]]:
        """Incident JSON bodies with their assessments, in date order."""
        with self.transaction() as s:
            rows = s.execute(select(IncidentRow).order_by(IncidentRow.date_start, IncidentRow.id)).scalars().all()
            by_incident: dict[str, list[dict[str, Any]]] = {}
            for a in s.execute(select(AssessmentRow).order_by(AssessmentRow.id)).scalars():
                by_incident.setdefault(a.incident_id, []).append(_assessment_dict(a))
            return [{**r.body, "assessments": by_incident.get(r.id, [])} for r in rows]

    def incident_mentions(self) -> dict[str, list[Mention]]:
        """Incident id -> its mentions (for re-assessment and reports)."""
        with self.transaction() as s:
            q = (select(IncidentMentionRow.incident_id, MentionRow.body)
                 .join(MentionRow, MentionRow.id == IncidentMentionRow.mention_id)
                 .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
                 .order_by(DocumentRow.seq, MentionRow.ordinal))
            out: dict[str, list[Mention]] = {}
            for incident_id, body in s.execute(q):
                out.setdefault(incident_id, []).append(mention_from_dict(body))
            return out

    # ---------------------------------------------------------------- agreements
    def save_agreement(self, agreement_id: str, version: int, title: str, kind: str, body: dict,
                       sha256: str, origin: str | None, *, actor: str = "agreements") -> bool:
        """Store an agreement version; False when that exact file is already stored.

        A different file under an existing (id, version) is refused: versions are immutable, an edit
        needs a new version number.
        """
        with self.transaction() as s:
            row = s.get(AgreementRow, (agreement_id, version))
            if row is not None:
                if row.sha256 == sha256:
                    return False
                raise ConflictError(f"agreement {agreement_id!r} version {version} is already stored with "
                                    "different content: give the edited file a new version number")
            s.add(AgreementRow(id=agreement_id, version=version, title=title, kind=kind, body=body,
                               sha256=sha256, origin=origin, loaded_at=now()))
            s.flush()
            self.append_audit(s, actor, "agreement_load", f"{agreement_id}@{version}",
                               {"sha256": sha256, "origin": origin})
            return True

    def agreements(self, *, all_versions: bool = False) -> list[dict[str, Any]]:
        """Stored agreement bodies (the newest version of each unless ``all_versions``)."""
        with self.transaction() as s:
            rows = s.execute(select(AgreementRow).order_by(AgreementRow.id, AgreementRow.version)).scalars().all()
            latest: dict[str, AgreementRow] = {}
            out = []
            for r in rows:
                latest[r.id] = r
                if all_versions:
                    out.append(r)
            chosen = out if all_versions else list(latest.values())
            return [{"id": r.id, "version": r.version, "title": r.title, "kind": r.kind, "sha256": r.sha256,
                     "origin": r.origin, "loaded_at": r.loaded_at.isoformat(), "body": r.body} for r in chosen]

    # ---------------------------------------------------------------- assessments
    def save_assessments(self, assessments: Iterable[Assessment], *, actor: str = "assess") -> dict[str, int]:
        """Upsert the engine's verdicts. A reviewer's decision is kept; a changed verdict is audited."""
        stamp = now()
        counts = {"new": 0, "changed": 0, "unchanged": 0}
        with self.transaction() as s:
            for a in assessments:
                key = (a.incident_id, a.agreement_id, a.commitment_id, a.reading)
                row = s.execute(select(AssessmentRow).where(
                    AssessmentRow.incident_id == key[0], AssessmentRow.agreement_id == key[1],
                    AssessmentRow.commitment_id == key[2], AssessmentRow.reading == key[3],
                )).scalar_one_or_none()
                body = a.as_dict()
                initial_status = "possible" if a.verdict != "not_applicable" else "not_applicable"
                if row is None:
                    s.add(AssessmentRow(incident_id=key[0], agreement_id=key[1], commitment_id=key[2],
                                        reading=key[3], verdict=a.verdict, status=initial_status,
                                        major=a.major, body=body, lock_version=1, updated_at=stamp))
                    counts["new"] += 1
                    self.append_audit(s, actor, "assess", "/".join(key), {"verdict": a.verdict})
                elif row.body != {**body, "status": row.status}:
                    if row.reviewer is None:  # no human decision yet: the status follows the verdict
                        row.status = initial_status
                    row.verdict, row.major, row.updated_at = a.verdict, a.major, stamp
                    row.body = body
                    row.lock_version += 1
                    counts["changed"] += 1
                    self.append_audit(s, actor, "assess", "/".join(key), {"verdict": a.verdict})
                else:
                    counts["unchanged"] += 1
        return counts

    def assessments(self, *, statuses: Iterable[str] | None = None,
                    incident_id: str | None = None) -> list[dict[str, Any]]:
        q = select(AssessmentRow).order_by(AssessmentRow.id)
        if statuses:
            q = q.where(AssessmentRow.status.in_(list(statuses)))
        if incident_id:
            q = q.where(AssessmentRow.incident_id == incident_id)
        with self.transaction() as s:
            return [_assessment_dict(r) for r in s.execute(q).scalars()]

    def get_assessment(self, assessment_id: int) -> dict[str, Any]:
        with self.transaction() as s:
            row = s.get(AssessmentRow, assessment_id)
            if row is None:
                raise NotFoundError(f"no assessment {assessment_id}")
            return _assessment_dict(row)

    def set_assessment_status(self, assessment_id: int, *, status: str, reviewer: str, rationale: str,
                              expected_version: int, action: str | None = None) -> dict[str, Any]:
        """Record a reviewer's decision with optimistic locking (the caller validates the transition).

        The decision is appended to the assessment's history even when the status stays the same (a
        first reviewer's "verify" awaiting a second reviewer under the four-eyes rule).
        """
        with self.transaction() as s:
            current = s.get(AssessmentRow, assessment_id)
            if current is None:
                raise NotFoundError(f"no assessment {assessment_id}")
            from_status = current.status
            result = s.execute(
                update(AssessmentRow)
                .where(AssessmentRow.id == assessment_id, AssessmentRow.lock_version == expected_version)
                .values(status=status, reviewer=reviewer, rationale=rationale, decided_at=now(),
                        lock_version=expected_version + 1, updated_at=now())
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:
                raise ConflictError(f"assessment {assessment_id} was changed by someone else meanwhile "
                                    f"(version {expected_version} is stale): reload it and decide again")
            s.add(ReviewDecisionRow(assessment_id=assessment_id, at=now(), reviewer=reviewer,
                                    action=action or status, from_status=from_status, to_status=status,
                                    rationale=rationale))
            self.append_audit(s, reviewer, "decide", str(assessment_id),
                              {"action": action or status, "from": from_status, "to": status,
                               "rationale": rationale})
            s.flush()
            s.refresh(current)
            return _assessment_dict(current)

    def review_decisions(self, assessment_id: int) -> list[dict[str, Any]]:
        with self.transaction() as s:
            rows = s.execute(select(ReviewDecisionRow).where(ReviewDecisionRow.assessment_id == assessment_id)
                             .order_by(ReviewDecisionRow.id)).scalars().all()
            return [{"at": r.at.isoformat(), "reviewer": r.reviewer, "action": r.action,
                     "from_status": r.from_status, "to_status": r.to_status, "rationale": r.rationale}
                    for r in rows]

    # ---------------------------------------------------------------- analyst overrides
    def add_override(self, kind: str, mention_ids: list[str], *, analyst: str, rationale: str) -> int:
        """Record an analyst's merge or split of mentions; resolution re-applies it on every run."""
        if kind not in ("merge", "split"):
            raise StoreError(f"unknown override kind {kind!r}: expected merge or split")
        with self.transaction() as s:
            known = set(s.execute(select(MentionRow.id).where(MentionRow.id.in_(mention_ids))).scalars())
            missing = [m for m in mention_ids if m not in known]
            if missing:
                raise NotFoundError(f"unknown mentions: {', '.join(missing)}")
            row = IncidentOverrideRow(kind=kind, mention_ids=list(mention_ids), analyst=analyst,
                                      rationale=rationale, at=now())
            s.add(row)
            s.flush()
            self.append_audit(s, analyst, kind, ",".join(mention_ids)[:200],
                              {"mention_ids": list(mention_ids), "rationale": rationale})
            return row.id

    def overrides(self) -> list[tuple[str, list[str]]]:
        with self.transaction() as s:
            rows = s.execute(select(IncidentOverrideRow).order_by(IncidentOverrideRow.id)).scalars().all()
            return [(r.kind, list(r.mention_ids)) for r in rows]

    def document_sources(self, document_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Provenance needed to count independent sources: publisher, affiliation, party, syndication."""
        q = select(DocumentRow.id, DocumentRow.publisher, DocumentRow.affiliation, DocumentRow.party_id,
                   DocumentRow.syndicated_with)
        if document_ids is not None:
            q = q.where(DocumentRow.id.in_(list(document_ids)))
        with self.transaction() as s:
            return {r.id: {"publisher": r.publisher, "affiliation": r.affiliation, "party_id": r.party_id,
                           "syndicated_with": r.syndicated_with} for r in s.execute(q)}

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return current_revision(conn)


def _assessment_dict(r: AssessmentRow) -> dict[str, Any]:
    return {**r.body, "id": r.id, "incident_id": r.incident_id, "status": r.status, "reviewer": r.reviewer,
            "rationale": r.rationale, "decided_at": r.decided_at.isoformat() if r.decided_at else None,
            "lock_version": r.lock_version}


def _statement_dict(st: Position | Pledge) -> dict[str, Any]:
    body = asdict(st)
    body["evidence"] = {k: [[sp.start, sp.end] for sp in v] for k, v in st.evidence.items()}
    return body
