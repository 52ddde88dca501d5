"""The ingest stage: files and folders in, Documents stored once each with full provenance.

Publication date, in order: the report's metadata; a full date in its opening lines (a dateline); the
date the user supplies with ``--published``; else unknown, with a warning (never silently "today").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from ..model import Document, Source, content_hash
from ..store import Store
from .language import detect_language
from .publishers import publisher_for
from .readers import DEFAULT_MAX_BYTES, IncomingReport, IngestError, read_file, reader_for

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


@dataclass(slots=True)
class IngestOptions:
    published: date | None = None
    publisher: str | None = None
    affiliation: str | None = None
    party_id: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    dry_run: bool = False
    actor: str = "ingest"


@dataclass(slots=True)
class IngestSummary:
    new: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # folder entries that are not reports
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def iter_report_files(paths: Iterable[Path], summary: IngestSummary) -> Iterator[Path]:
    """Explicit files as given; folders walked recursively in sorted order, non-report files skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                if reader_for(child) is None:
                    summary.skipped.append((str(child), f"not a report file type ({child.suffix or 'none'})"))
                    continue
                yield child
        elif path.exists():
            yield path
        else:
            summary.rejected.append((str(path), "no such file or folder"))


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
    digest = content_hash(report.text, report.url)
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


def ingest_paths(store: Store | None, paths: Iterable[Path | str], options: IngestOptions | None = None,
                 progress: Callable[[str], None] | None = None) -> IngestSummary:
    """Ingest files and folders. Each report is its own transaction: one bad file never blocks the rest."""
    options = options or IngestOptions()
    summary = IngestSummary()
    for path in iter_report_files([Path(p) for p in paths], summary):
        origin = str(path)
        try:
            report = read_file(path, max_bytes=options.max_bytes)
            doc = to_document(report, options, datetime.now(UTC))
        except IngestError as exc:
            summary.rejected.append((origin, str(exc)))
            continue
        for w in doc.warnings:
            summary.warnings.append((origin, w))
        if options.dry_run or store is None:
            summary.new.append(doc.id)
        else:
            result = store.add_document(doc, report.raw, actor=options.actor)
            (summary.new if result.new else summary.duplicate).append(result.document_id)
        if progress:
            progress(origin)
    return summary
