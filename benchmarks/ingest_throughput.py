"""Ingest throughput: N plain-text reports of ~3 KB into SQLite, syndication detection on.

    .venv/bin/python benchmarks/ingest_throughput.py --n 100000 [--jobs 0] [--keep DIR]

Writes N files into a temporary folder (5 % of them syndicated copies of an earlier story, with an outlet
header and footer), runs ``ingest_paths`` on the folder, and prints documents/s, peak memory (parent and
workers), and the syndicated copies found. Memory is sampled at 25 %, 50 %, 75 % and 100 % of the run to show
it stays flat in the number of documents. Figures: docs/benchmarks.md, "## Ingest".
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ceasewatch.ingest import IngestOptions, ingest_paths
from ceasewatch.store import Store

WORDS = ("shelling drone strike missile artillery regional administration said killed injured civilians port "
         "energy substation power outage officials reported overnight village city district forces attack "
         "infrastructure damaged destroyed residential building emergency services fire rescue governor "
         "ministry defence statement ceasefire agreement violation talks delegation moratorium black sea "
         "grain corridor vessel harbour frontline positions troops units reconnaissance air defence shot "
         "down launched towards region oblast according to sources confirmed denied claims independent "
         "verification monitors observed hospital school church market bridge railway station water supply "
         "heating gas pipeline refinery depot warehouse").split()
PLACES = ("Kherson Odesa Kharkiv Sumy Zaporizhzhia Dnipro Mykolaiv Kryvyi Rih Belgorod Kursk Donetsk "
          "Pokrovsk Nikopol Izium Chernihiv Poltava").split()


def story(rng: random.Random, n: int) -> str:
    sents = []
    size = 0
    while size < 3000:
        k = rng.randint(12, 28)
        s = " ".join(rng.choice(WORDS) for _ in range(k))
        s = f"{s.capitalize()} in {rng.choice(PLACES)}, {rng.randint(1, 40)} people."
        sents.append(s)
        size += len(s) + 1
    return f"Report {n}.\n" + "\n".join(sents) + "\n"


def rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    ap.add_argument("--batch", type=int, default=IngestOptions().batch_size,
                    help="documents per transaction (default: the ingest default)")
    ap.add_argument("--no-syndication", action="store_true")
    ap.add_argument("--keep", type=Path, help="reuse/keep the generated corpus in this folder")
    args = ap.parse_args()
    rng = random.Random(42)
    tmp = Path(tempfile.mkdtemp(prefix="cw-bench-"))
    corpus = args.keep or tmp / "corpus"
    if not (corpus / "done").exists():
        corpus.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        stories: list[str] = []
        for i in range(args.n):
            sub = corpus / f"{i // 1000:03d}"
            sub.mkdir(exist_ok=True)
            if stories and rng.random() < 0.05:
                text = f"{rng.choice(['Coastal Daily', 'Capital Monitor', 'Steppe News'])} - " + rng.choice(stories) \
                    + "\nRead more on our website.\n"
            else:
                text = story(rng, i)
                if len(stories) < 2000:
                    stories.append(text)
            (sub / f"r{i:06d}.txt").write_text(text, encoding="utf-8")
        (corpus / "done").write_text("")
        print(f"wrote {args.n} files in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    db = tmp / "bench.db"
    store = Store.open(f"sqlite:///{db}", create=True)
    store.init()
    marks = {int(args.n * q) for q in (0.25, 0.5, 0.75)}
    samples: list[tuple[int, float]] = []
    seen = 0

    def progress(_origin: str) -> None:
        nonlocal seen
        seen += 1
        if seen in marks:
            samples.append((seen, current_rss_mb()))

    opts = IngestOptions(jobs=args.jobs, batch_size=args.batch, syndication=not args.no_syndication)
    load_before = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    cpu0 = cpu_seconds()
    t0 = time.perf_counter()
    summary = ingest_paths(store, [corpus], opts, progress=progress)
    elapsed = time.perf_counter() - t0
    cpu = [b - a for a, b in zip(cpu0, cpu_seconds(), strict=True)]
    samples.append((seen, current_rss_mb()))
    own, kids = rss_mb()
    print(f"documents: {len(summary.new)} new, {len(summary.duplicate)} duplicate, "
          f"{len(summary.syndicated)} syndicated, {len(summary.rejected)} rejected")
    print(f"time: {elapsed:.1f}s  ->  {len(summary.new) / elapsed:,.0f} documents/s "
          f"(jobs={opts.jobs or 'auto'}, batch={args.batch}, syndication={'on' if opts.syndication else 'off'})")
    n_docs = max(1, len(summary.new) + len(summary.duplicate))
    print(f"CPU: parent {cpu[0]:.1f}s, workers {cpu[1]:.1f}s -> {(cpu[0] + cpu[1]) / n_docs * 1e3:.3f} ms per "
          f"document read (ceiling on 2 idle cores: {2 * n_docs / (cpu[0] + cpu[1]):,.0f} documents/s); "
          f"1-min load average before the run {load_before} (anything above ~0 is another process's)")
    print("parent RSS by documents ingested: " + ", ".join(f"{n}: {mb:.0f} MB" for n, mb in samples))
    print(f"peak RSS: parent {own:.0f} MB, largest worker {kids:.0f} MB; database {db.stat().st_size / 1e6:.0f} MB")
    t0 = time.perf_counter()
    again = ingest_paths(store, [corpus], opts)
    print(f"re-ingest (all duplicates): {len(again.duplicate) / (time.perf_counter() - t0):,.0f} documents/s")
    store.close()
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
