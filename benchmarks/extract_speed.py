"""Throughput and peak memory of ceasewatch.extract on ~3 KB English news-like articles.

Usage: .venv/bin/python benchmarks/extract_speed.py [--n 600] [--no-geo] [--repeat N] [--geo-only]
Generates articles from templates with a fixed seed (no data needed), warms up once (lexicon automaton,
gazetteer), then times extract() over all of them on one core. Prints articles/s (wall clock), cpu-articles/s
(process CPU time, steadier on a shared machine), KB/s and peak RSS; with --repeat the fastest pass counts.
--geo-only times ceasewatch.geo.geoparse alone on the same articles (its share of the stage).

The generated articles are dense: about 17 event mentions per 3 KB (most sentences report a strike). Real news
has far fewer; --real times the same stage on real-looking text instead: the reference article
(../shared/reference/paris-summit-2025-03-27.txt), the bundled example reports and the White House statements
(../shared/data/agreements/), cycled to --n documents, and also reports KB/s as 3 KB articles/s.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta

CITIES = ["Kharkiv", "Kherson", "Odesa", "Zaporizhzhia", "Dnipro", "Sumy", "Kyiv", "Mykolaiv", "Kramatorsk",
          "Pokrovsk", "Nikopol", "Chernihiv", "Poltava", "Lviv", "Belgorod", "Kursk", "Donetsk", "Horlivka"]
METHODS = ["drone", "Shahed drone", "missile", "Iskander missile", "Kalibr cruise missile", "glide bomb",
           "artillery", "Grad rocket", "mortar"]
TARGETS = ["a residential building", "an energy facility", "a substation", "a hospital", "a school",
           "an oil refinery", "a grain silo", "the port", "a railway station", "a power plant", "houses"]
SIDES = ["Russian", "Ukrainian"]
SOURCES = ["according to the regional governor", "officials said", "the Defence Ministry said",
           "Governor Oleh Syniehubov said on Telegram", "the emergency service reported", "Reuters reported"]
WHEN = ["on Monday", "overnight", "yesterday", "on Thursday", "early on Sunday", "last week", "on March 12",
        "in the past 24 hours", ""]
FILLER = [
    "The attack came as diplomats met in Geneva to discuss a possible ceasefire and the exchange of prisoners.",
    "Residents described hearing several loud explosions before the sirens sounded across the city.",
    "The government said repair crews were working to restore supplies to affected neighbourhoods.",
    "Analysts said the strikes were part of a wider campaign against infrastructure ahead of the winter.",
    "The foreign minister told reporters in Brussels that allies must keep up the pressure on Moscow.",
    "European leaders remain divided over sending troops to Ukraine as part of a future peace deal.",
    "France announced a €500 million aid package, including air defence systems and artillery shells.",
    "The Kremlin has tied its participation in talks to the lifting of sanctions, a demand Kyiv rejected.",
    "Local authorities opened shelters and distributed water to residents of the damaged districts.",
]


def article(rng: random.Random) -> str:
    parts = []
    while sum(len(p) + 1 for p in parts) < 3000:
        r = rng.random()
        if r < 0.45:
            n = rng.choice(["two", "three", "at least 5", "more than 10", "one", "12", "dozens of", "a"])
            noun = "person" if n in ("one", "a") else "people"
            parts.append(f"A {rng.choice(SIDES)} {rng.choice(METHODS)} strike hit {rng.choice(TARGETS)} in "
                         f"{rng.choice(CITIES)} {rng.choice(WHEN)}, killing {n} {noun} and injuring "
                         f"{rng.randint(2, 40)} others, {rng.choice(SOURCES)}.")
        elif r < 0.6:
            parts.append(f"Shelling of {rng.choice(CITIES)} {rng.choice(WHEN)} left "
                         f"{rng.randint(1, 90) * 100:,} households without power, {rng.choice(SOURCES)}.")
        else:
            parts.append(rng.choice(FILLER))
    return " ".join(parts)


def real_texts() -> list[str]:
    """The realistic corpus of --real: reference article, example reports, agreement statements (bodies only)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [root.parent / "shared" / "reference" / "paris-summit-2025-03-27.txt"]
    files += sorted((root / "src" / "ceasewatch" / "data" / "examples" / "reports").glob("*.md"))
    files += sorted((root.parent / "shared" / "data" / "agreements").glob("*.md"))
    out = []
    for f in files:
        if not f.exists():
            continue
        t = f.read_text(encoding="utf-8")
        if t.startswith("---"):
            t = t[3:].partition("\n---")[2].lstrip("\n")
        out.append(t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--no-geo", action="store_true")
    ap.add_argument("--repeat", type=int, default=1,
                    help="time the corpus this many times and report the fastest pass (the machine is shared)")
    ap.add_argument("--geo-only", action="store_true", help="time ceasewatch.geo.geoparse alone on the same corpus")
    ap.add_argument("--real", action="store_true",
                    help="real-looking text (reference article, example reports, statements) instead of the "
                         "dense generated articles")
    ap.add_argument("--published", type=date.fromisoformat, default=date(2025, 3, 27),
                    help="the publication date of the last document; the others are 0-29 days older (default "
                         "2025-03-27; the line-of-contact prior of that period applies, none after 30 Jun 2025)")
    args = ap.parse_args()
    from ceasewatch.extract import extract

    rng = random.Random(7)
    if args.real:
        texts = real_texts()
        docs = [texts[i % len(texts)] for i in range(args.n)]
    else:
        docs = [article(rng) for _ in range(args.n)]
    pub = args.published
    kw = {"geoparser": None} if args.no_geo else {}
    extract(docs[0], published=pub, **kw)  # warm-up: automata, gazetteer
    kb = sum(len(d.encode()) for d in docs) / 1024
    if args.geo_only:
        from ceasewatch.geo import geoparse

        best = float("inf")
        for _ in range(max(1, args.repeat)):
            t0 = time.process_time()
            for d in docs:
                geoparse(d, country_hint="UA")
            best = min(best, time.process_time() - t0)
        print(f"{'real ' if args.real else ''}articles={len(docs)} mean_size={kb / len(docs):.1f}KB "
              f"geoparse-only articles/s={len(docs) / best:.0f} ms/article={best / len(docs) * 1000:.2f} "
              f"3KB-articles/s={kb / 3 / best:.0f} (CPU time, best of {args.repeat})")
        return 0
    best = best_cpu = float("inf")
    mentions = 0
    for _ in range(max(1, args.repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        mentions = 0
        for i, d in enumerate(docs):
            r = extract(d, published=pub - timedelta(days=i % 30), document_id=f"d{i}", **kw)
            mentions += len(r.mentions)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    dt = best
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    print(f"{'real ' if args.real else ''}articles={len(docs)} mean_size={kb / len(docs):.1f}KB "
          f"geo={'off' if args.no_geo else 'on'} "
          f"articles/s={len(docs) / dt:.0f} KB/s={kb / dt:.0f} cpu-articles/s={len(docs) / best_cpu:.0f} "
          f"3KB-articles/s={kb / 3 / dt:.0f} cpu-3KB-articles/s={kb / 3 / best_cpu:.0f} "
          f"mentions={mentions} mentions-per-3KB={mentions / kb * 3:.1f} peak_rss={rss:.0f}MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
