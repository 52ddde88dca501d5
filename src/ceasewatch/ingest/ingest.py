"""The ingest stage: files and folders in, Documents stored once each with full provenance.

Inputs: text/Markdown/HTML files, field reports, folders, archives, JSON Lines, CSV (generic, ACLED, UCDP
GED), RSS/Atom feeds and URLs (sources.py, readers.py, feeds.py). Reports are prepared (decoded, dated,
language detected, hashed, near-duplicate signature) in worker processes when ``jobs`` > 1, and stored in
batches of ``batch_size`` documents, one transaction each (``Store.add_documents``).

Publication date, in order: the report's metadata; a full date in its opening lines (a dateline); the
date the user supplies with ``--published``; else unknown, with a warning (never silently "today").
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..model import Document, Source
from ..store import Store
from .feeds import Fetcher, HttpFetcher, fetch_reports
from .language import detect_language
from .language import warm_up as warm_up_language
from .publishers import publisher_for
from .readers import DEFAULT_MAX_BYTES, READERS, IncomingReport, IngestError, Rejected, suffix_of
from .sources import reports_from_file, walk
from .structured import mention_from_row
from .syndication import Candidate, Signature, best_original, signature

DEFAULT_MAX_CONTAINER_BYTES = 4 * 1024 ** 3
RAW_ZLIB_LEVEL = 1  # raw bytes as stored: level 1 is ~3x faster than 6 and ~4 % larger on news text

_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(" + "|".join(m.capitalize() for m in _MONTHS) + r")"
_DATELINE = re.compile(
    rf"\b(?:{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})|(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}}))\b"
)


def date_in_opening(text: str, window: int = 300) -> date | None:
    """A complete date (with year) in the first characters of the text, as a dateline carries it."""
    m = _DATELINE.search(text[:window])
    if not m:
        return None
    try:
        if m.group(1):
            return date(int(m.group(3)), _MONTHS.index(m.group(1).lower()) + 1, int(m.group(2)))
        if m.group(5):
            return date(int(m.group(6)), _MONTHS.index(m.group(5).lower()) + 1, int(m.group(4)))
        return date(int(m.group(7)), int(m.group(8)), int(m.group(9)))
    except ValueError:
        return None


MAX_LISTED = 10_000  # warnings and skipped entries listed in a summary (all are counted)


DEFAULT_BATCH_SIZE = 5000


@dataclass(slots=True)
class IngestOptions:
    published: date | None = None
    publisher: str | None = None
    affiliation: str | None = None
    party_id: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES  # one report (a file, an archive member, a record)
    max_container_bytes: int = DEFAULT_MAX_CONTAINER_BYTES  # a JSONL/CSV file or an archive
    dry_run: bool = False
    actor: str = "ingest"
    field_map: dict[str, str] | None = None  # generic CSV/JSONL: field -> column (text, url, published...)
    syndication: bool = True
    batch_size: int = DEFAULT_BATCH_SIZE  # documents per transaction (fewer, larger commits: docs/benchmarks.md, "## Ingest")
    jobs: int = 1  # worker processes that read and prepare files (0: one per core)
    fetcher: Fetcher | None = None  # for URLs; default an httpx client with timeouts and a size cap


@dataclass(slots=True)
class IngestSummary:
    new: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # folder entries that are not reports
    warnings: list[tuple[str, str]] = field(default_factory=list)
    syndicated: list[tuple[str, str]] = field(default_factory=list)  # (new document, first-seen copy)
    mentions: int = 0  # Mentions stored straight from structured incident rows (ACLED, UCDP)
    warnings_total: int = 0
    skipped_total: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected

    def warn(self, origin: str, warning: str) -> None:
        self.warnings_total += 1
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append((origin, warning))

    def skip(self, origin: str, reason: str) -> None:
        self.skipped_total += 1
        if len(self.skipped) < MAX_LISTED:
            self.skipped.append((origin, reason))

    def reject(self, origin: str, reason: str) -> None:
        self.rejected.append((origin, reason))

    def rejection_reasons(self) -> dict[str, int]:
        """Rejections grouped by kind of reason (the text after the origin, numbers dropped)."""
        out: dict[str, int] = {}
        for origin, reason in self.rejected:
            r = reason[len(origin) + 2:] if reason.startswith(origin + ": ") else reason
            r = re.sub(r"^(row|line) \d+( \(line \d+\))?: ", "", r)
            key = re.sub(r"\d+", "N", r.split(" (")[0])[:80]
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    def as_json(self) -> dict[str, Any]:
        return {"new": self.new, "duplicate": self.duplicate,
                "syndicated": [{"id": d, "syndicated_with": o} for d, o in self.syndicated],
                "mentions": self.mentions,
                "rejected": [{"origin": o, "reason": r} for o, r in self.rejected],
                "skipped": [{"origin": o, "reason": r} for o, r in self.skipped],
                "warnings": [{"origin": o, "warning": w} for o, w in self.warnings],
                "counts": {"new": len(self.new), "duplicate": len(self.duplicate),
                           "syndicated": len(self.syndicated), "rejected": len(self.rejected),
                           "skipped": self.skipped_total, "warnings": self.warnings_total}}


def fast_content_hash(text: str, canonical_url: str | None = None) -> str:
    """Exactly ``model.content_hash`` (tests/ingest check it), a few times faster on long texts:
    ``str.split()`` and ``re`` ``\\s`` agree on what whitespace is (both use Py_UNICODE_ISSPACE)."""
    h = hashlib.sha256(" ".join(unicodedata.normalize("NFC", text).split()).encode("utf-8"))
    if canonical_url:
        h.update(b"\x00" + canonical_url.strip().encode("utf-8"))
    return h.hexdigest()


def to_document(report: IncomingReport, options: IngestOptions, retrieved_at: datetime) -> Document:
    warnings = list(report.warnings)
    published = report.published_at
    if published is None:
        published = date_in_opening(report.text) or options.published
    if published is None:
        warnings.append("publication date unknown: relative dates cannot be resolved (use --published)")
    elif (published.date() if isinstance(published, datetime) else published) > retrieved_at.date():
        warnings.append(f"publication date {published.isoformat()} is in the future; kept as given")
    info = publisher_for(report.url, options.publisher or report.publisher)
    source = Source(
        name=info.name,
        affiliation=options.affiliation or report.affiliation or info.affiliation,
        party_id=options.party_id or report.party_id or info.party_id,
    )
    digest = fast_content_hash(report.text, report.url)
    return Document(
        id="doc-" + digest[:16],
        text=report.text,
        content_hash=digest,
        raw_hash=hashlib.sha256(report.raw).hexdigest(),
        source=source,
        title=report.title,
        url=report.url,
        published_at=published,
        retrieved_at=retrieved_at,
        language=report.language or detect_language(report.text),
        media_type=report.media_type,
        origin=report.origin,
        warnings=tuple(warnings),
    )


def iter_report_files(paths: Iterable[Path], summary: IngestSummary) -> Iterator[Path]:
    """Explicit files as given; folders walked recursively in sorted order, non-report files skipped."""
    yield from walk(paths, summary.skip, summary.reject)


@dataclass(slots=True)
class Prepared:
    """A report made ready to store: its Document, raw bytes, near-duplicate signature and extras."""

    doc: Document
    raw: bytes
    signature: bytes | None = None
    bands: list[int] | None = None
    provenance: dict[str, Any] | None = None
    structured: dict[str, Any] | None = None
    raw_zlib: bytes | None = None


def prepare(report: IncomingReport, options: IngestOptions) -> Prepared:
    doc = to_document(report, options, datetime.now(UTC))
    sig = signature(doc.text) if (options.syndication and report.syndication) else None
    return Prepared(doc, report.raw, sig.to_bytes() if sig else None, sig.bands() if sig else None,
                    report.provenance, report.structured, zlib.compress(report.raw, RAW_ZLIB_LEVEL))


def _prepare_all(items: Iterable[IncomingReport | Rejected], options: IngestOptions
                 ) -> Iterator[Prepared | Rejected]:
    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            yield prepare(item, options)
        except IngestError as exc:
            yield Rejected(item.origin, str(exc))


def _prepare_files(files: list[Path], options: IngestOptions) -> list[Prepared | Rejected]:
    """Worker-process entry: read and prepare a chunk of single-report files."""
    out: list[Prepared | Rejected] = []
    for f in files:
        out.extend(_prepare_all(reports_from_file(f, options), options))
    for p in out:  # the parent stores the compressed copy: do not pickle the raw bytes twice
        if isinstance(p, Prepared) and p.raw_zlib is not None:
            p.raw = b""
    return out


def _is_url(p: Path | str) -> bool:
    return isinstance(p, str) and p.lower().startswith(("http://", "https://"))


def _units(paths: Iterable[Path | str], summary: IngestSummary) -> Iterator[Path | str]:
    for p in paths:
        if _is_url(p):
            yield str(p)
        else:
            yield from walk([Path(p)], summary.skip, summary.reject)


def _prepared_stream(paths: Iterable[Path | str], options: IngestOptions, summary: IngestSummary,
                     file_done: Callable[[str], None] | None) -> Iterator[Prepared | Rejected]:
    """Prepared reports in input order; single-report files prepared by worker processes when jobs > 1."""
    jobs = options.jobs or os.cpu_count() or 1
    fetcher = options.fetcher
    worker_opts = replace(options, fetcher=None)
    pool = None
    pending: deque[tuple[Any, list[Path]]] = deque()
    chunk: list[Path] = []
    # chunks queued ahead: enough for the workers to go on preparing while the parent writes a batch (about
    # one batch of reports in flight, bounded whatever the number of documents)
    ahead = jobs * 4 + options.batch_size // 32

    def drain(limit: int) -> Iterator[Prepared | Rejected]:
        while len(pending) > limit:
            fut, files = pending.popleft()
            yield from fut.result()
            if file_done:
                for f in files:
                    file_done(str(f))

    try:
        for unit in _units(paths, summary):
            if isinstance(unit, Path) and jobs > 1 and suffix_of(unit.name) in READERS:
                chunk.append(unit)
                if len(chunk) >= 32:
                    if pool is None:
                        pool = ProcessPoolExecutor(jobs, mp_context=_mp_context())
                    pending.append((pool.submit(_prepare_files, chunk, worker_opts), chunk))
                    chunk = []
                    yield from drain(ahead)
                continue
            if chunk:  # keep input order: what is queued goes first
                if pool is None:
                    pool = ProcessPoolExecutor(jobs, mp_context=_mp_context())
                pending.append((pool.submit(_prepare_files, chunk, worker_opts), chunk))
                chunk = []
            yield from drain(0)
            if isinstance(unit, str):
                if fetcher is None:
                    fetcher = options.fetcher = HttpFetcher(max_bytes=options.max_bytes)
                yield from _prepare_all(fetch_reports(unit, fetcher, max_bytes=options.max_bytes), options)
            else:
                yield from _prepare_all(reports_from_file(unit, options), options)
            if file_done:
                file_done(str(unit))
        if chunk:
            if len(chunk) < 8 and not pending:  # not worth a process
                yield from _prepare_all((r for f in chunk for r in reports_from_file(f, options)), options)
                if file_done:
                    for f in chunk:
                        file_done(str(f))
            else:
                if pool is None:
                    pool = ProcessPoolExecutor(jobs, mp_context=_mp_context())
                pending.append((pool.submit(_prepare_files, chunk, worker_opts), chunk))
        yield from drain(0)
    finally:
        if pool is not None:
            for fut, _ in pending:
                fut.cancel()
            pool.shutdown(wait=True, cancel_futures=True)


def _mp_context():  # type: ignore[no-untyped-def]
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        warm_up_language()  # loaded once here, shared by the forked workers (copy-on-write)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def ingest_paths(store: Store | None, paths: Iterable[Path | str], options: IngestOptions | None = None,
                 progress: Callable[[str], None] | None = None, *,
                 file_done: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest files, folders, archives, feeds and URLs, streaming, ``batch_size`` documents a transaction.

    A crash or kill leaves whole batches (documents with their audit entries) or nothing of a batch;
    running the same ingest again stores what is missing and reports the rest as duplicates.
    ``progress`` is called with the origin of every report handled, ``file_done`` with every input file.
    """
    options = options or IngestOptions()
    summary = IngestSummary()
    _store_stream(store, _prepared_stream(paths, options, summary, file_done), options, summary, progress)
    return summary


def _store_stream(store: Store | None, items: Iterable[Prepared | Rejected], options: IngestOptions,
                  summary: IngestSummary, progress: Callable[[str], None] | None = None) -> None:
    """Store prepared reports in batches of ``options.batch_size`` (one transaction each), counting
    rejections and warnings in ``summary``."""
    batch: list[Prepared] = []
    for item in items:
        if isinstance(item, Rejected):
            summary.reject(item.origin, item.reason)
        else:
            for w in item.doc.warnings:
                summary.warn(item.doc.origin or "", w)
            batch.append(item)
            if len(batch) >= options.batch_size:
                store_batch(store, batch, options, summary)
                batch = []
        if progress:
            progress(item.origin if isinstance(item, Rejected) else (item.doc.origin or ""))
    if batch:
        store_batch(store, batch, options, summary)


def ingest_reports(store: Store | None, reports: Iterable[IncomingReport | Rejected],
                   options: IngestOptions | None = None) -> IngestSummary:
    """Ingest reports already read (a polled feed's entries, field reports built in code)."""
    options = options or IngestOptions()
    summary = IngestSummary()
    _store_stream(store, _prepare_all(reports, options), options, summary)
    return summary


def link_syndicated(store: Store | None, batch: list[Prepared]) -> dict[str, str]:
    """Document id -> first-seen copy, for the batch's documents that are copies of stored or earlier ones.

    One look-up of the stored candidates for the whole batch, then an in-memory band index of the batch
    (band key -> candidates) that grows as the batch's documents are taken in order."""
    want = {b for p in batch if p.bands for b in p.bands}
    if not want:
        return {}
    by_band: dict[int, tuple[Candidate, ...]] = {}
    if store is not None:
        for doc_id, sig_bytes, root in store.syndication_candidates(want):
            c = Candidate(doc_id, Signature.from_bytes(sig_bytes), root)
            for b in c.signature.bands():
                if b in want:
                    by_band[b] = by_band.get(b, ()) + (c,)
    links: dict[str, str] = {}
    for p in batch:
        if not p.signature or not p.bands:
            continue
        sig = Signature.from_bytes(p.signature)
        shared = by_band.keys() & p.bands  # set operations in C: most documents share no band
        if shared:
            cands: dict[str, Candidate] = {}
            for b in p.bands:
                if b in shared:
                    for c in by_band[b]:
                        cands.setdefault(c.document_id, c)
            cands.pop(p.doc.id, None)
            root = best_original(sig, cands.values())
            if root and root != p.doc.id:
                links[p.doc.id] = root
        me = Candidate(p.doc.id, sig, links.get(p.doc.id))
        for b in shared:
            if all(c.document_id != p.doc.id for c in by_band[b]):
                by_band[b] += (me,)
        by_band.update(dict.fromkeys(set(p.bands) - shared, (me,)))
    return links


def store_batch(store: Store | None, batch: list[Prepared], options: IngestOptions,
                summary: IngestSummary) -> None:
    """Link syndicated copies, store the batch in one transaction, then Mentions of dataset rows."""
    links = link_syndicated(None if options.dry_run else store, batch) if options.syndication else {}
    if options.dry_run or store is None:
        seen: set[str] = set()
        for p in batch:
            if p.doc.id in seen:
                summary.duplicate.append(p.doc.id)
                continue
            seen.add(p.doc.id)
            summary.new.append(p.doc.id)
            if p.doc.id in links:
                summary.syndicated.append((p.doc.id, links[p.doc.id]))
        return
    extra = {p.doc.id: {"syndicated_with": links.get(p.doc.id), "signature": p.signature, "bands": p.bands,
                        "provenance": p.provenance, "raw_zlib": p.raw_zlib} for p in batch}
    results = store.add_documents([(p.doc, p.raw) for p in batch], actor=options.actor, extra=extra)
    structured: list[tuple[Prepared, str]] = []
    duplicates_structured: list[tuple[Prepared, str]] = []
    for p, r in zip(batch, results, strict=True):
        if r.new:
            summary.new.append(r.document_id)
            if r.document_id in links:
                summary.syndicated.append((r.document_id, links[r.document_id]))
            if p.structured:
                structured.append((p, r.document_id))
        else:
            summary.duplicate.append(r.document_id)
            if p.structured:
                duplicates_structured.append((p, r.document_id))
    if duplicates_structured:  # a crash between the batch and its Mentions: finish the job now
        todo = store.unextracted(d for _, d in duplicates_structured)
        structured.extend((p, d) for p, d in duplicates_structured if d in todo)
    for p, doc_id in structured:
        assert p.structured is not None
        mention = mention_from_row(p.structured["layout"], p.structured["row"], doc_id, p.doc.text)
        store.save_extraction(doc_id, [mention], [], [], language=p.doc.language, warnings=[],
                              actor=options.actor)
        summary.mentions += 1
