"""The ingest side of ``ceasewatch watch``: a polled feed's entries into the Store (see feeds.Watcher)."""

from __future__ import annotations

from ..store import Store
from .feeds import FeedConfig, PollResult
from .ingest import IngestOptions, ingest_reports
from .readers import IncomingReport, Rejected


def ingest_feed_items(store: Store, feed: FeedConfig, items: list[IncomingReport | Rejected],
                      actor: str = "watch") -> PollResult:
    options = IngestOptions(publisher=feed.publisher, affiliation=feed.affiliation, party_id=feed.party_id,
                            actor=actor)
    s = ingest_reports(store, items, options)
    return PollResult(feed.url, "new" if s.new else "unchanged", new=len(s.new), duplicate=len(s.duplicate),
                      syndicated=len(s.syndicated), error="; ".join(r for _, r in s.rejected[:3]) or None)
