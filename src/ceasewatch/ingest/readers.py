"""Readers turn a file's bytes into IncomingReports: decoded text, metadata and warnings.

One reader per kind of input, chosen by file suffix (``READERS``). Decoding is strict about what is not
text: a binary file named ``.txt`` is refused rather than stored as mojibake.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ..errors import CeasewatchError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class IngestError(CeasewatchError):
    """A report that cannot be ingested; the message says why (one line)."""


@dataclass(slots=True)
class IncomingReport:
    text: str
    raw: bytes
    origin: str
    media_type: str = "text/plain"
    title: str | None = None
    url: str | None = None
    published_at: date | datetime | None = None
    publisher: str | None = None
    affiliation: str | None = None
    party_id: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)


def decode_text(raw: bytes, origin: str) -> tuple[str, list[str]]:
    """Decode report bytes: BOMs honoured, UTF-8 first, else the detected charset; binaries refused."""
    warnings: list[str] = []
    if not raw.strip():
        raise IngestError(f"{origin}: empty file")
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        if b"\x00" in raw[:8192]:
            raise IngestError(f"{origin}: binary content, not a text report")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(raw).best()
            if best is None:
                raise IngestError(f"{origin}: binary content or unknown encoding, not a text report") from None
            text = str(best)
            warnings.append(f"decoded as {best.encoding} (not UTF-8)")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise IngestError(f"{origin}: binary content, not a text report")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{origin}: empty file")
    return text, warnings


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_MD_HARD_BREAK = re.compile(r"[ \t]{2,}\n")


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown report, so spans point at words rather than markup."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(4), text)
    text = _MD_HARD_BREAK.sub("\n", text)
    return text.strip() + "\n"


def _parse_when(value: Any) -> date | datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text) if ("T" in text or ":" in text) else date.fromisoformat(text)
    except ValueError:
        return None


def split_front_matter(text: str, origin: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 2}" if mark else ""
        raise IngestError(f"{origin}{where}: invalid front matter: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(meta, dict):
        raise IngestError(f"{origin}: front matter must be a mapping of fields")
    return meta, text[match.end():]


def _apply_metadata(report: IncomingReport, meta: dict[str, Any]) -> None:
    report.title = str(meta.get("title")).strip() if meta.get("title") else report.title
    report.url = str(meta.get("canonical_url") or meta.get("url") or meta.get("source_url") or "") or None
    for key in ("published_time", "published_at", "published", "date"):
        when = _parse_when(meta.get(key))
        if when is not None:
            report.published_at = when
            break
        if meta.get(key):
            report.warnings.append(f"unparseable {key} {meta.get(key)!r} in front matter")
    report.publisher = meta.get("publisher") or meta.get("source") or report.publisher
    report.affiliation = meta.get("affiliation") or report.affiliation
    report.party_id = meta.get("party") or report.party_id
    report.language = meta.get("language") or meta.get("lang") or report.language


def read_plain_text(path: Path, raw: bytes) -> IncomingReport:
    text, warnings = decode_text(raw, str(path))
    return IncomingReport(text=text, raw=raw, origin=str(path), warnings=warnings)


def read_markdown(path: Path, raw: bytes) -> IncomingReport:
    text, warnings = decode_text(raw, str(path))
    meta, body = split_front_matter(text, str(path))
    plain = markdown_to_text(body)
    if not plain.strip():
        raise IngestError(f"{path}: no text after the front matter")
    report = IncomingReport(text=plain, raw=raw, origin=str(path), media_type="text/markdown", warnings=warnings)
    _apply_metadata(report, meta)
    return report


Reader = Callable[[Path, bytes], IncomingReport]

READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".text": read_plain_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
}


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> IncomingReport:
    reader = reader_for(path)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise IngestError(f"{path}: unknown file type {path.suffix or '(none)'!r}; ingest reads {known}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"{path}: {size} bytes is over the size limit of {max_bytes} bytes "
                              "(raise it with --max-bytes)")
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return reader(path, raw)
