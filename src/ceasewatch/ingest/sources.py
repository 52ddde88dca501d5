"""Inputs that hold many reports: folders, .zip/.tar.gz archives, JSON Lines, CSV (generic with a column
mapping, or the ACLED / UCDP GED layouts), RSS/Atom feed files. Everything streams: one record at a time.

Each yields :class:`IncomingReport` or :class:`Rejected` (with a row or line number), so one bad record
never stops the others.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .feeds import read_feed
from .readers import (
    READERS,
    IncomingReport,
    IngestError,
    Rejected,
    _parse_when,
    read_bytes_capped,
    read_field_report,
    suffix_of,
)
from .structured import RowError, check_row, detect_layout, row_text

ARCHIVES = (".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz")
JSONL = (".jsonl", ".ndjson")
CSVS = (".csv", ".tsv")
FEEDS = (".rss", ".atom", ".xml")
CONTAINERS = ARCHIVES + JSONL + CSVS + FEEDS
MAX_ARCHIVE_DEPTH = 2

# generic CSV/JSONL field -> accepted column names (first present wins); --map overrides
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "report", "description", "notes"),
    "title": ("title", "headline"),
    "url": ("url", "canonical_url", "link", "source_url"),
    "published": ("published_at", "published", "date", "pubdate", "publication_date"),
    "publisher": ("publisher", "source", "outlet"),
    "affiliation": ("affiliation",),
    "party": ("party", "party_id"),
    "language": ("language", "lang"),
}


def is_known(name: str) -> bool:
    return suffix_of(name) in READERS or suffix_of(name) in CONTAINERS


def walk(paths: Iterable[Path], skipped: Callable[[str, str], None], missing: Callable[[str, str], None]
         ) -> Iterator[Path]:
    """Files to read: explicit files as given, folders walked recursively in sorted order (streaming)."""
    for path in paths:
        if path.is_dir():
            yield from _walk_dir(path, skipped)
        elif path.exists():
            yield path
        else:
            missing(str(path), "no such file or folder")


def _walk_dir(folder: Path, skipped: Callable[[str, str], None]) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        skipped(str(folder), f"cannot list folder: {exc.strerror}")
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        p = Path(e.path)
        if e.is_dir(follow_symlinks=False):
            yield from _walk_dir(p, skipped)
        elif e.is_file():
            if is_known(e.name):
                yield p
            else:
                skipped(str(p), f"not a report file type ({Path(e.name).suffix or 'none'})")


def count_files(paths: Iterable[Path]) -> int:
    n = 0
    for _ in walk(paths, lambda *_: None, lambda *_: None):
        n += 1
    return n


# ------------------------------------------------------------------------------------------------ dispatch
def reports_from_file(path: Path, opts: Any) -> Iterator[IncomingReport | Rejected]:
    """Every report a file holds (one for a text file, many for a container)."""
    suffix = suffix_of(path.name)
    origin = str(path)
    try:
        if suffix in ARCHIVES:
            yield from _archive(path, opts, depth=0)
        elif suffix in JSONL or suffix in CSVS:
            size = path.stat().st_size
            if size > opts.max_container_bytes:
                raise IngestError(f"{path}: {size} bytes is over the size limit of {opts.max_container_bytes} "
                                  "bytes for a container (raise it with --max-container-bytes)")
            with open(path, "rb") as fh:
                yield from (read_jsonl if suffix in JSONL else read_csv)(fh, origin, opts,
                                                                          delimiter="\t" if suffix == ".tsv" else ",")
        else:
            raw = read_bytes_capped(path, opts.max_bytes)
            yield from reports_from_bytes(path.name, raw, origin, opts)
    except IngestError as exc:
        yield Rejected(origin, str(exc))
    except OSError as exc:
        yield Rejected(origin, f"{origin}: cannot read: {exc.strerror or exc}")


def reports_from_bytes(name: str, raw: bytes, origin: str, opts: Any, *,
                       sibling: Callable[[str], bytes | None] | None = None,
                       depth: int = 0) -> Iterator[IncomingReport | Rejected]:
    suffix = suffix_of(name)
    try:
        if suffix in FEEDS:
            yield from read_feed(raw, origin, max_bytes=opts.max_bytes)
        elif suffix in JSONL or suffix in CSVS:
            fh = io.BytesIO(raw)
            yield from (read_jsonl if suffix in JSONL else read_csv)(fh, origin, opts,
                                                                      delimiter="\t" if suffix == ".tsv" else ",")
        elif suffix in ARCHIVES:
            if depth >= MAX_ARCHIVE_DEPTH:
                yield Rejected(origin, f"{origin}: archives nested more than {MAX_ARCHIVE_DEPTH} deep")
            else:
                yield from _archive_bytes(raw, name, origin, opts, depth + 1)
        elif suffix in READERS:
            path = Path(origin)
            if suffix.startswith(".field."):
                yield read_field_report(path, raw, sibling)
            else:
                yield READERS[suffix](path, raw)
        else:
            yield Rejected(origin, f"{origin}: unknown file type {suffix or '(none)'!r}")
    except IngestError as exc:
        yield Rejected(origin, str(exc))


# ------------------------------------------------------------------------------------------------ archives
def _archive(path: Path, opts: Any, depth: int) -> Iterator[IncomingReport | Rejected]:
    size = path.stat().st_size
    if size > opts.max_container_bytes:
        raise IngestError(f"{path}: {size} bytes is over the size limit of {opts.max_container_bytes} bytes "
                          "for an archive (raise it with --max-container-bytes)")
    with open(path, "rb") as fh:
        yield from _archive_stream(fh, path.name, str(path), opts, depth + 1)


def _archive_bytes(raw: bytes, name: str, origin: str, opts: Any, depth: int) -> Iterator[IncomingReport | Rejected]:
    yield from _archive_stream(io.BytesIO(raw), name, origin, opts, depth)


def _safe_member(name: str) -> bool:
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts and not any(part.startswith(".") for part in p.parts) \
        and not name.startswith("__MACOSX/")


def _archive_stream(fh: IO[bytes], name: str, origin: str, opts: Any, depth: int
                    ) -> Iterator[IncomingReport | Rejected]:
    if suffix_of(name) == ".zip":
        try:
            zf = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, OSError) as exc:
            raise IngestError(f"{origin}: not a readable zip archive ({exc})") from None
        with zf:
            infos = [(i.filename, i.file_size, i) for i in zf.infolist() if not i.is_dir()]
            yield from _members(origin, infos, zf.read, (zipfile.BadZipFile, OSError, RuntimeError, EOFError),
                                opts, depth)
        return
    try:
        tf = tarfile.open(fileobj=fh, mode="r:*")
    except (tarfile.TarError, OSError) as exc:
        raise IngestError(f"{origin}: not a readable tar archive ({exc})") from None
    with tf:
        try:
            files = [(m.name, m.size, m) for m in tf.getmembers() if m.isfile()]
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise IngestError(f"{origin}: damaged tar archive ({exc})") from None

        def read(m: tarfile.TarInfo) -> bytes:
            f = tf.extractfile(m)
            return f.read() if f else b""

        yield from _members(origin, files, read, (tarfile.TarError, OSError, EOFError), opts, depth)


def _members(origin: str, entries: list[tuple[str, int, Any]], read: Callable[[Any], bytes],
             errors: tuple[type[BaseException], ...], opts: Any, depth: int) -> Iterator[IncomingReport | Rejected]:
    """The reports of an archive's files ``(name, size, handle)``, in name order; ``read(handle)`` gives the bytes
    and raises one of ``errors`` on a damaged member. A member may read its siblings (field-report attachments)."""
    entries = sorted(entries, key=lambda e: e[0])
    by_name = {n: (size, h) for n, size, h in entries}

    def sibling_of(base: str) -> Callable[[str], bytes | None]:
        def sib(rel: str) -> bytes | None:
            hit = by_name.get(str(PurePosixPath(base).parent / rel))
            if hit is None or hit[0] > opts.max_bytes:
                return None
            return read(hit[1])
        return sib

    for member, size, handle in entries:
        where = f"{origin}!{member}"
        if not _safe_member(member) or not is_known(member):
            continue
        if size > opts.max_bytes:
            yield Rejected(where, f"{where}: {size} bytes is over the size limit of {opts.max_bytes} bytes "
                                  "(raise it with --max-bytes)")
            continue
        try:
            data = read(handle)
        except errors as exc:
            yield Rejected(where, f"{where}: cannot read from the archive ({exc})")
            continue
        yield from reports_from_bytes(member, data, where, opts, sibling=sibling_of(member), depth=depth)


# ------------------------------------------------------------------------------------------------ text streams
def _text_stream(fh: IO[bytes], origin: str) -> tuple[IO[str], list[str]]:
    """Wrap a binary stream for reading text: BOM honoured, UTF-8 first, else the detected encoding."""
    sample = fh.read(65536)
    fh.seek(0)
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{origin}: binary content, not a text file")
    if not sample.strip():
        raise IngestError(f"{origin}: empty file")
    warnings: list[str] = []
    if sample.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 4:  # not just a character cut at the sample's end
                from charset_normalizer import from_bytes

                best = from_bytes(sample).best()
                encoding = best.encoding if best else "utf-8"
                warnings.append(f"decoded as {encoding} (not UTF-8)")
    return io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline=""), warnings  # type: ignore[arg-type]


def _mapped(rec: dict[str, Any], mapping: dict[str, str] | None) -> dict[str, Any]:
    lower = {str(k).strip().lower(): v for k, v in rec.items()}
    out: dict[str, Any] = {}
    for fld, names in FIELD_NAMES.items():
        if mapping and fld in mapping:
            out[fld] = lower.get(mapping[fld].strip().lower())
            continue
        for n in names:
            if lower.get(n) not in (None, ""):
                out[fld] = lower[n]
                break
    return out


def _report_from_record(rec: dict[str, Any], raw: bytes, origin: str, opts: Any, media_type: str,
                        warnings: list[str]) -> IncomingReport | Rejected:
    m = _mapped(rec, getattr(opts, "field_map", None))
    text = m.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(origin, f"{origin}: no text (expected a field {FIELD_NAMES['text'][0]!r}"
                                + (" or --map text=COLUMN" if media_type == "text/csv" else "") + ")")
    if len(text.encode("utf-8", "replace")) > opts.max_bytes:
        return Rejected(origin, f"{origin}: record text over the size limit of {opts.max_bytes} bytes")
    report = IncomingReport(text=text.replace("\r\n", "\n").strip() + "\n", raw=raw, origin=origin,
                            media_type=media_type, title=str(m["title"]).strip() if m.get("title") else None,
                            url=str(m["url"]).strip() if m.get("url") else None,
                            publisher=str(m["publisher"]) if m.get("publisher") else None,
                            affiliation=str(m["affiliation"]) if m.get("affiliation") else None,
                            party_id=str(m["party"]) if m.get("party") else None,
                            language=str(m["language"]) if m.get("language") else None, warnings=list(warnings))
    if m.get("published"):
        when = _parse_when(m["published"])
        if when is None:
            report.warnings.append(f"unparseable publication date {m['published']!r}")
        report.published_at = when
    return report


def read_jsonl(fh: IO[bytes], origin: str, opts: Any, delimiter: str = ",") -> Iterator[IncomingReport | Rejected]:
    """JSON Lines of reports: {text, title, url, published, publisher, affiliation, party, language}."""
    del delimiter
    stream, warnings = _text_stream(fh, origin)
    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(where, f"{origin}: line {n}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            yield Rejected(where, f"{origin}: line {n}: a record must be a JSON object")
            continue
        r = _report_from_record(rec, line.encode("utf-8"), where, opts, "application/jsonl", warnings)
        if isinstance(r, Rejected):
            r = Rejected(where, f"{origin}: line {n}: " + r.reason.split(": ", 1)[-1])
        yield r


def read_csv(fh: IO[bytes], origin: str, opts: Any, delimiter: str = ",") -> Iterator[IncomingReport | Rejected]:
    """CSV of reports (generic, with --map), or ACLED / UCDP GED rows (each becomes a Document + Mention)."""
    stream, warnings = _text_stream(fh, origin)
    csv.field_size_limit(max(opts.max_bytes, 131072))
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise IngestError(f"{origin}: empty file") from None
    except csv.Error as exc:
        raise IngestError(f"{origin}: unreadable CSV header ({exc})") from None
    header = [h.strip() for h in header]
    layout = detect_layout(header)
    keys = [h.lower() for h in header] if layout else header
    mapping = getattr(opts, "field_map", None)
    if layout is None:
        have = {h.lower() for h in header}
        text_col = (mapping or {}).get("text")
        if (text_col and text_col.lower() not in have) or (not text_col and not have & set(FIELD_NAMES["text"])):
            raise IngestError(f"{origin}: no text column (columns: {', '.join(header)}); name one with "
                              "--map text=COLUMN")
    out_line = io.StringIO()
    writer = csv.writer(out_line)
    row_no = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row_no += 1
            yield Rejected(f"{origin}:row{row_no}", f"{origin}: row {row_no} (line {reader.line_num}): "
                                                    f"malformed CSV ({exc})")
            continue
        row_no += 1
        where = f"{origin}:row{row_no}"
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            yield Rejected(where, f"{origin}: row {row_no} (line {reader.line_num}): {len(row)} fields, "
                                  f"the header has {len(header)}")
            continue
        rec = dict(zip(keys, row, strict=True))
        out_line.seek(0)
        out_line.truncate()
        writer.writerow(header)
        writer.writerow(row)
        raw = out_line.getvalue().encode("utf-8")
        if layout is None:
            r = _report_from_record(rec, raw, where, opts, "text/csv", warnings)
            if isinstance(r, Rejected):
                r = Rejected(where, f"{origin}: row {row_no} (line {reader.line_num}): "
                                    + r.reason.split(": ", 1)[-1])
            else:
                r.provenance = {"kind": "csv_row", "row": row_no}
            yield r
            continue
        try:
            meta = check_row(layout, rec)
        except RowError as exc:
            yield Rejected(where, f"{origin}: row {row_no} (line {reader.line_num}): {exc}")
            continue
        text, text_warnings = row_text(layout, rec)
        yield IncomingReport(
            text=text + "\n", raw=raw, origin=where, media_type=f"text/csv; layout={layout}",
            title=meta["title"], url=meta["url"], published_at=meta["published_at"], publisher=meta["publisher"],
            affiliation="monitor", warnings=[*warnings, *text_warnings], syndication=False,
            provenance={"kind": f"{layout}_row", "row": row_no, "columns": rec},
            structured={"layout": layout, "row": rec},
        )
