"""HTML extraction throughput on one core, the library's cost (trafilatura) separated from ours.

    .venv/bin/python benchmarks/ingest_html.py [--n 500]

Pages are generated news articles (~3 KB of text in ~25 KB of markup with navigation, scripts, an iframe,
related links and a footer). Stages timed per page: our pre-cleaning (lxml parse, scripts/iframes dropped),
trafilatura's bare_extraction (main text + metadata), and the rest of our preparation (hashing, language,
signature, compression). Figures: docs/benchmarks.md, "## Ingest".
"""

from __future__ import annotations

import argparse
import random
import time
import zlib
from datetime import UTC, datetime

import trafilatura

from ceasewatch.ingest.ingest import IngestOptions, to_document
from ceasewatch.ingest.readers import IncomingReport, clean_html_tree
from ceasewatch.ingest.syndication import signature

WORDS = ("shelling drone strike missile artillery administration said killed injured civilians port energy "
         "substation outage officials reported overnight village city district forces attack").split()


def page(rng: random.Random, i: int) -> str:
    paras = "".join(f"<p>{' '.join(rng.choice(WORDS) for _ in range(60)).capitalize()}.</p>" for _ in range(8))
    nav = "".join(f'<li><a href="/s/{k}">Section {k}</a></li>' for k in range(40))
    related = "".join(f'<li><a href="/a/{k}">Related story {k} headline text</a></li>' for k in range(30))
    return (f"<!doctype html><html><head><title>Story {i} | Daily</title>"
            f'<link rel="canonical" href="https://daily.example/story/{i}"/>'
            '<meta property="article:published_time" content="2025-03-26T08:00:00Z">'
            '<meta name="author" content="Jane Roe">'
            + "<script>var x = 1;" + "function f(){return 2;}" * 200 + "</script>"
            + f"</head><body><nav><ul>{nav}</ul></nav><article><h1>Story {i}</h1>{paras}"
            '<iframe src="https://ads.example/x">ad</iframe></article>'
            f"<aside><ul>{related}</ul></aside><footer>Copyright 2025 Daily</footer></body></html>")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    args = ap.parse_args()
    rng = random.Random(5)
    pages = [page(rng, i) for i in range(args.n)]
    size = sum(len(p) for p in pages) / len(pages)
    clean = lib = ours = 0.0
    opts = IngestOptions()
    for k, markup in enumerate(pages[:5] + pages):
        if k == 5:  # warm-up done (model loading excluded)
            clean = lib = ours = 0.0
        t0 = time.perf_counter()
        tree = clean_html_tree(markup)
        t1 = time.perf_counter()
        doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True)
        t2 = time.perf_counter()
        raw = markup.encode()
        rep = IncomingReport(text=doc.text, raw=raw, origin="x", media_type="text/html", title=doc.title,
                             url=doc.url)
        d = to_document(rep, opts, datetime.now(UTC))
        signature(d.text)
        zlib.compress(raw, 6)
        t3 = time.perf_counter()
        clean += t1 - t0
        lib += t2 - t1
        ours += t3 - t2
    n = len(pages)
    total = clean + lib + ours
    print(f"{args.n} pages, {size / 1024:.0f} KB of markup each, one core")
    print(f"pre-clean (ours, lxml parse + drop scripts/iframes): {clean / n * 1e3:.2f} ms/page")
    print(f"trafilatura bare_extraction (library):              {lib / n * 1e3:.2f} ms/page")
    print(f"rest of preparation (ours: hash, language, MinHash): {ours / n * 1e3:.2f} ms/page")
    print(f"total: {total / n * 1e3:.2f} ms/page -> {n / total:,.0f} pages/s per core "
          f"(library {lib / total:.0%} of the time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
