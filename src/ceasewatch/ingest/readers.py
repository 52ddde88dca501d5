"""Readers turn a file's bytes into IncomingReports: decoded text, metadata and warnings.

One reader per kind of input, chosen by file suffix (``READERS``). Decoding is strict about what is not
text: a binary file named ``.txt`` is refused rather than stored as mojibake.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ..errors import CeasewatchError
from .publishers import domain_of

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


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
    provenance: dict[str, Any] | None = None  # source-specific facts kept with the document (JSON)
    structured: dict[str, Any] | None = None  # {"layout": "acled"|"ucdp", "row": {...}}: becomes a Mention
    syndication: bool = True  # False for dataset rows: they are records, not stories to compare


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input (a file, a row, a feed entry) that could not be ingested, and why (one line)."""

    origin: str
    reason: str


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
    controls = len(_CONTROLS.findall(text, 0, 8192))
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


_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)
_NOT_TEXT = ("script", "style", "iframe", "noscript", "object", "embed", "template", "svg", "canvas", "form")


def clean_html_tree(markup: str):  # type: ignore[no-untyped-def]
    """An lxml tree of the page with every element that is not reading text removed (scripts, iframes...)."""
    import lxml.html

    tree = lxml.html.fromstring(_XML_DECL.sub("", markup, count=1) or "<html></html>")
    for el in tree.xpath("|".join(f"//{t}" for t in _NOT_TEXT)):
        el.drop_tree()
    return tree


def html_fragment_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): blocks become lines, markup goes."""
    import lxml.html

    if "<" not in markup:
        return markup.strip()
    try:
        root = lxml.html.fragment_fromstring(_XML_DECL.sub("", markup, count=1), create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types for hopeless markup
        return re.sub(r"<[^>]+>", " ", markup).strip()
    for el in root.xpath("|".join(f".//{t}" for t in _NOT_TEXT)):
        el.drop_tree()
    for el in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"):
        el.tail = "\n" + (el.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().splitlines()]
    return "\n".join(line for line in lines if line).strip()


def extract_html(markup: str, url: str | None = None) -> dict[str, Any]:
    """Main text and metadata of an HTML page with trafilatura (after dropping scripts, iframes, ...).

    Returns {text, title, author, date, url (canonical), sitename, language}; text falls back to the page's
    visible text when trafilatura finds no main content (very short pages).
    """
    import trafilatura

    tree = clean_html_tree(markup)
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True)
    out: dict[str, Any] = {"text": None, "title": None, "author": None, "date": None, "url": None,
                           "sitename": None, "language": None}
    if doc is not None:
        for k in out:
            out[k] = getattr(doc, k, None)
    if not (out["text"] or "").strip():
        body = tree.find("body")
        out["text"] = "\n".join(" ".join(t.split()) for t in (body if body is not None else tree)
                                 .text_content().splitlines() if t.strip())
    if not out["title"]:
        title = tree.findtext(".//title")
        out["title"] = title.strip() if title else None
    return out


def read_html(path: Path, raw: bytes) -> IncomingReport:
    markup, warnings = decode_text(raw, str(path))
    meta = extract_html(markup)
    text = (meta["text"] or "").strip()
    if not text:
        raise IngestError(f"{path}: no readable text in the HTML page")
    report = IncomingReport(text=text + "\n", raw=raw, origin=str(path), media_type="text/html",
                            title=meta["title"], url=meta["url"], warnings=warnings)
    if meta["date"]:
        when = _parse_when(meta["date"])
        if when is None:
            report.warnings.append(f"unparseable page date {meta['date']!r}")
        report.published_at = when
    report.publisher = meta["sitename"] if meta["sitename"] and meta["sitename"] != domain_of(meta["url"]) else None
    report.provenance = {k: meta[k] for k in ("author", "sitename") if meta[k]} or None
    return report


def read_field_report(path: Path, raw: bytes, sibling: Callable[[str], bytes | None] | None = None
                      ) -> IncomingReport:
    """A field monitor's structured report (JSON or YAML): who observed, when, where, what, attachments.

    Required: ``observer``, ``observed_at``, ``what``; optional ``organisation`` (the publisher), ``team``,
    ``location`` (a name, or {name, lat, lon}), ``title``, ``reported_at``, ``attachments`` (paths relative to
    the report; each is hashed with SHA-256 and the hash kept in the provenance, the bytes are not stored).
    """
    text, warnings = decode_text(raw, str(path))
    try:
        rec = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise IngestError(f"{path}{where}: invalid field report: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(rec, dict):
        raise IngestError(f"{path}: a field report must be a mapping of fields")
    missing = [k for k in ("observer", "observed_at", "what") if not rec.get(k)]
    if missing:
        raise IngestError(f"{path}: field report lacks {', '.join(missing)}")
    observed = _parse_when(rec["observed_at"])
    if observed is None:
        raise IngestError(f"{path}: field report observed_at {rec['observed_at']!r} is not a date or time")
    location = rec.get("location")
    if isinstance(location, str):
        location = {"name": location}
    attachments = []
    for item in rec.get("attachments") or []:
        name = str(item.get("path") if isinstance(item, dict) else item)
        data = sibling(name) if sibling else _read_sibling(path, name)
        if data is None:
            warnings.append(f"attachment {name!r} not found: not hashed")
            attachments.append({"path": name, "sha256": None, "bytes": None})
        else:
            attachments.append({"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
    organisation = str(rec.get("organisation") or rec.get("organization") or "field monitors")
    report = IncomingReport(
        text=str(rec["what"]).strip() + "\n", raw=raw, origin=str(path), media_type="application/x-field-report",
        title=str(rec["title"]) if rec.get("title") else None, url=str(rec["url"]) if rec.get("url") else None,
        published_at=observed, publisher=organisation, affiliation=str(rec.get("affiliation") or "monitor"),
        party_id=rec.get("party"), language=rec.get("language"), warnings=warnings,
        provenance={"kind": "field_report", "observer": str(rec["observer"]), "team": rec.get("team"),
                    "observed_at": observed.isoformat(),
                    "reported_at": str(rec["reported_at"]) if rec.get("reported_at") else None,
                    "location": location, "attachments": attachments},
    )
    return report


def _read_sibling(path: Path, name: str) -> bytes | None:
    target = (path.parent / name).resolve()
    try:
        return target.read_bytes() if target.is_file() else None
    except OSError:
        return None


Reader = Callable[[Path, bytes], IncomingReport]

READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".text": read_plain_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".field.json": read_field_report,
    ".field.yaml": read_field_report,
    ".field.yml": read_field_report,
}


def suffix_of(name: str) -> str:
    """The suffix that chooses a reader: a known double suffix (``.field.json``, ``.tar.gz``) or the last."""
    lower = name.lower()
    for double in (".field.json", ".field.yaml", ".field.yml", ".tar.gz", ".tar.bz2", ".tar.xz"):
        if lower.endswith(double):
            return double
    name = lower.rstrip("/").rsplit("/", 1)[-1]  # Path(lower).suffix, without building a Path (hot: every file)
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def reader_for(path: Path) -> Reader | None:
    return READERS.get(suffix_of(path.name))


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


def read_bytes_capped(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refused with a clear error past ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"{path}: {size} bytes is over the size limit of {max_bytes} bytes "
                              "(raise it with --max-bytes)")
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read: {exc.strerror or exc}") from None
