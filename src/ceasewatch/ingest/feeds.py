"""RSS/Atom feeds (feedparser), fetching URLs (httpx, with timeouts and a size cap), and ``watch``.

The network sits behind one small interface, :class:`Fetcher`; production uses :class:`HttpFetcher`
(httpx), tests inject an ``httpx.MockTransport`` so nothing leaves the process. ``watch`` polls configured
feeds on an interval with conditional GET (ETag / Last-Modified, kept in the database so a restart keeps
them), backs off exponentially on failures, and stops cleanly between polls on SIGINT.
"""

from __future__ import annotations

import calendar
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from .readers import IncomingReport, IngestError, Rejected, decode_text, extract_html, html_fragment_to_text

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_FETCH = 20 * 1024 * 1024
USER_AGENT = "ceasewatch-ingest/0.1 (+https://example.invalid/ceasewatch)"


# ------------------------------------------------------------------------------------------------ fetching
@dataclass(slots=True)
class FetchResult:
    url: str  # final URL after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(IngestError):
    """A URL that could not be fetched (network error, HTTP error, over the size cap)."""


class Fetcher(Protocol):
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult: ...


class HttpFetcher:
    """httpx client with timeouts, redirects followed, and a cap on the bytes read (streamed)."""

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_FETCH,
                 transport: Any = None) -> None:
        import httpx

        self.max_bytes = max_bytes
        self.client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True, transport=transport,
                                   headers={"User-Agent": USER_AGENT})

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        import httpx

        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                if resp.status_code == 304:
                    return FetchResult(str(resp.url), 304, etag=etag, last_modified=last_modified)
                if resp.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {resp.status_code}")
                declared = int(resp.headers.get("content-length") or 0)
                if declared > self.max_bytes:
                    raise FetchError(f"{url}: {declared} bytes is over the size limit of {self.max_bytes} bytes")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"{url}: over the size limit of {self.max_bytes} bytes")
                    chunks.append(chunk)
                return FetchResult(str(resp.url), resp.status_code, b"".join(chunks),
                                   resp.headers.get("content-type", ""), resp.headers.get("etag"),
                                   resp.headers.get("last-modified"))
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None

    def close(self) -> None:
        self.client.close()


# ------------------------------------------------------------------------------------------------ feeds
def looks_like_feed(raw: bytes, content_type: str = "") -> bool:
    head = raw[:2048].lstrip().lower()
    if any(t in content_type for t in ("rss", "atom", "rdf")):
        return True
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or \
        head.startswith((b"<rss", b"<feed", b"<rdf"))


def _entry_when(entry: Any) -> tuple[datetime | None, str | None]:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC), None
        if entry.get(key):
            return None, f"unparseable {key} date {entry.get(key)!r} in feed entry"
    return None, None


def read_feed(raw: bytes, origin: str, *, feed_url: str | None = None, publisher: str | None = None,
              max_bytes: int | None = None) -> Iterator[IncomingReport | Rejected]:
    """One report per feed entry (text = the entry's content, else its summary, as plain text)."""
    import feedparser

    parsed = feedparser.parse(raw, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        exc = parsed.get("bozo_exception")
        yield Rejected(origin, f"invalid feed XML: {str(exc).splitlines()[0] if exc else 'not a feed'}")
        return
    if not parsed.entries and not parsed.get("version"):
        yield Rejected(origin, "not an RSS or Atom feed")
        return
    feed_warning = None
    if parsed.bozo:
        exc = parsed.get("bozo_exception")
        feed_warning = f"feed is not well-formed ({str(exc).splitlines()[0] if exc else 'unknown'}); " \
                       "entries recovered by the lenient parser"
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#entry{n}"
        contents = entry.get("content") or []
        markup = max((c.get("value") or "" for c in contents), key=len, default="") or \
            entry.get("summary") or entry.get("description") or ""
        text = html_fragment_to_text(markup)
        title = (entry.get("title") or "").strip() or None
        if not text.strip():
            if title:
                text = title
            else:
                yield Rejected(where, "feed entry has no text" + (f" ({feed_warning})" if feed_warning else ""))
                continue
        if max_bytes and len(text.encode()) > max_bytes:
            yield Rejected(where, f"feed entry over the size limit of {max_bytes} bytes")
            continue
        when, warn = _entry_when(entry)
        entry_raw = json.dumps({k: v for k, v in entry.items() if not k.endswith("_parsed")},
                               ensure_ascii=False, default=str, sort_keys=True).encode("utf-8")
        warnings = [w for w in (feed_warning, warn) if w]
        yield IncomingReport(
            text=text + "\n", raw=entry_raw, origin=where, media_type="application/rss+xml",
            title=title, url=entry.get("link") or None, published_at=when,
            publisher=publisher or feed_title, warnings=warnings,
            provenance={"kind": "feed_entry", "feed": feed_url or origin, "feed_title": feed_title,
                        "entry_id": entry.get("id"), "author": entry.get("author")},
        )


def fetch_reports(url: str, fetcher: Fetcher, *, max_bytes: int) -> Iterator[IncomingReport | Rejected]:
    """Reports from a URL: a feed gives its entries, an HTML page its main text, plain text itself."""
    try:
        res = fetcher.get(url)
    except IngestError as exc:
        yield Rejected(url, str(exc))
        return
    yield from reports_from_response(url, res, max_bytes=max_bytes)


def reports_from_response(url: str, res: FetchResult, *, max_bytes: int,
                          publisher: str | None = None) -> Iterator[IncomingReport | Rejected]:
    ctype = res.content_type.split(";")[0].strip().lower()
    if looks_like_feed(res.body, ctype) or ctype in FEED_TYPES:
        yield from read_feed(res.body, url, feed_url=url, publisher=publisher, max_bytes=max_bytes)
        return
    try:
        text, warnings = decode_text(res.body, url)
    except IngestError as exc:
        yield Rejected(url, str(exc))
        return
    if "html" in ctype or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        meta = extract_html(text, url=res.url)
        body = (meta["text"] or "").strip()
        if not body:
            yield Rejected(url, "no readable text in the HTML page")
            return
        from .readers import _parse_when

        yield IncomingReport(text=body + "\n", raw=res.body, origin=url, media_type="text/html",
                             title=meta["title"], url=meta["url"] or res.url,
                             published_at=_parse_when(meta["date"]) if meta["date"] else None,
                             publisher=publisher, warnings=warnings,
                             provenance={k: meta[k] for k in ("author", "sitename") if meta[k]} or None)
        return
    yield IncomingReport(text=text, raw=res.body, origin=url, url=res.url, publisher=publisher, warnings=warnings)


# ------------------------------------------------------------------------------------------------ watch
@dataclass(slots=True)
class FeedConfig:
    url: str
    publisher: str | None = None
    affiliation: str | None = None
    party_id: str | None = None
    interval: float | None = None  # seconds; None = the watch's interval


@dataclass(slots=True)
class PollResult:
    url: str
    status: str  # "new", "not_modified", "failed", "skipped"
    new: int = 0
    duplicate: int = 0
    syndicated: int = 0
    error: str | None = None


@dataclass(slots=True)
class WatchOptions:
    interval: float = 300.0
    max_backoff: float = 3600.0
    max_rounds: int | None = None  # None: until stopped
    max_bytes: int = DEFAULT_MAX_FETCH


def backoff_delay(interval: float, failures: int, max_backoff: float) -> float:
    """Delay before the next poll after ``failures`` consecutive failures: interval x 2^failures, capped."""
    return min(max_backoff, interval * (2 ** min(failures, 20))) if failures else interval


@dataclass(slots=True)
class Watcher:
    """Polls feeds until stopped. ``poll_once`` is one round; ``run`` loops, sleeping on a stop Event."""

    store: Any
    feeds: list[FeedConfig]
    fetcher: Fetcher
    ingest: Callable[[FeedConfig, list[IncomingReport | Rejected]], PollResult]
    options: WatchOptions = field(default_factory=WatchOptions)
    stop: threading.Event = field(default_factory=threading.Event)
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    on_poll: Callable[[PollResult], None] | None = None

    def poll_feed(self, feed: FeedConfig) -> PollResult:
        state = self.store.feed_state(feed.url) or {}
        failures = int(state.get("failures") or 0)
        interval = feed.interval or self.options.interval
        now = self.clock()
        try:
            res = self.fetcher.get(feed.url, etag=state.get("etag"), last_modified=state.get("last_modified"))
        except IngestError as exc:
            failures += 1
            delay = backoff_delay(interval, failures, self.options.max_backoff)
            self.store.save_feed_state(feed.url, failures=failures, last_error=str(exc), last_polled_at=now,
                                       next_poll_at=now + timedelta(seconds=delay))
            return PollResult(feed.url, "failed", error=str(exc))
        if res.not_modified:
            self.store.save_feed_state(feed.url, failures=0, last_error=None, last_polled_at=now, last_ok_at=now,
                                       next_poll_at=now + timedelta(seconds=interval))
            return PollResult(feed.url, "not_modified")
        items = list(reports_from_response(feed.url, res, max_bytes=self.options.max_bytes,
                                           publisher=feed.publisher))
        if len(items) == 1 and isinstance(items[0], Rejected) and items[0].origin == feed.url:
            failures += 1
            delay = backoff_delay(interval, failures, self.options.max_backoff)
            self.store.save_feed_state(feed.url, failures=failures, last_error=items[0].reason,
                                       last_polled_at=now, next_poll_at=now + timedelta(seconds=delay))
            return PollResult(feed.url, "failed", error=items[0].reason)
        result = self.ingest(feed, items)
        # the state is saved after the entries are stored: a crash in between re-fetches, never loses
        self.store.save_feed_state(feed.url, etag=res.etag, last_modified=res.last_modified, failures=0,
                                   last_error=None, last_polled_at=now, last_ok_at=now,
                                   next_poll_at=now + timedelta(seconds=interval),
                                   entries=int(state.get("entries") or 0) + result.new)
        return result

    def due(self, feed: FeedConfig) -> bool:
        state = self.store.feed_state(feed.url)
        if not state or not state.get("next_poll_at"):
            return True
        nxt = state["next_poll_at"]
        if nxt.tzinfo is None:
            nxt = nxt.replace(tzinfo=UTC)
        return nxt <= self.clock()

    def poll_once(self, *, force: bool = False) -> list[PollResult]:
        results = []
        for feed in self.feeds:
            if self.stop.is_set():
                break
            if not force and not self.due(feed):
                continue
            r = self.poll_feed(feed)
            results.append(r)
            if self.on_poll:
                self.on_poll(r)
        return results

    def run(self, *, tick: float = 1.0) -> int:
        """Poll until ``stop`` is set (SIGINT) or ``max_rounds`` rounds; returns the rounds done."""
        rounds = 0
        while not self.stop.is_set():
            self.poll_once(force=rounds == 0)
            rounds += 1
            if self.options.max_rounds is not None and rounds >= self.options.max_rounds:
                break
            deadline = time.monotonic() + min([self.options.interval] + [f.interval or self.options.interval
                                                                           for f in self.feeds])
            while not self.stop.is_set() and time.monotonic() < deadline:
                self.stop.wait(min(tick, max(0.0, deadline - time.monotonic())))
        return rounds


def load_feed_config(path: str) -> list[FeedConfig]:
    """Feeds from a YAML file: a list of URLs or of {url, publisher, affiliation, party, interval}."""
    from pathlib import Path

    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise IngestError(f"{path}: cannot read the feed list: {exc}") from None
    items = data.get("feeds") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise IngestError(f"{path}: expected a list of feeds (or a mapping with 'feeds')")
    out = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, str):
            out.append(FeedConfig(item))
        elif isinstance(item, dict) and item.get("url"):
            out.append(FeedConfig(str(item["url"]), item.get("publisher"), item.get("affiliation"),
                                  item.get("party"), float(item["interval"]) if item.get("interval") else None))
        else:
            raise IngestError(f"{path}: feed {n} needs a url")
    return out
