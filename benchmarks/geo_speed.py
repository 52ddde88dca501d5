"""Speed of ceasewatch.geo: gazetteer build and load, and geoparse() on ~3 KB news articles.

    .venv/bin/python benchmarks/geo_speed.py [--build] [--profile] [--data ../shared/data]

Texts: the 200 GeoWebNews articles from ../shared/data (or --data / $CEASEWATCH_SHARED_DATA) joined into ~3 KB
articles; without the shared data, synthetic Ukraine-war news paragraphs (so it always runs). Reports ms per KB,
ms per 3 KB article and articles/s (one core), gazetteer load time from the cache, and with --build the time to
build the index from the installed packages (first use, no cache; written to a temporary cache directory).
--profile prints the top of a cProfile of the geoparse loop.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ceasewatch.geo import gazetteer as G  # noqa: E402
from ceasewatch.geo import geoparse  # noqa: E402

SYNTHETIC = (
    "Russian forces shelled Kupiansk and villages in the Kharkiv region overnight, the regional governor said. "
    "In the Donetsk region, fighting continued near Pokrovsk, Chasiv Yar and Toretsk; two civilians were killed "
    "in Kostiantynivka and a drone hit a house in the village of Bilytske. Ukraine's air force said it shot down "
    "34 of 48 drones launched from Kursk and Bryansk overnight. In Zaporizhzhia, a guided bomb damaged an "
    "industrial site, while Kherson was shelled from the left bank of the Dnipro. Officials in Odesa reported "
    "damage to port infrastructure. Moscow said its air defences intercepted drones over Belgorod. ")


def articles(data: Path, size: int = 3072) -> list[str]:
    gwn = data / "geoparsing" / "GeoWebNews"
    texts = [f.read_text(encoding="utf-8") for f in sorted(gwn.glob("*.txt"))] if gwn.exists() else []
    if not texts:
        texts = [SYNTHETIC * 5] * 40
    out, buf = [], ""
    for t in texts:
        buf += t + "\n\n"
        while len(buf.encode()) >= size:
            cut = buf.rfind(" ", 0, size)
            out.append(buf[:cut])
            buf = buf[cut + 1:]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("CEASEWATCH_SHARED_DATA", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--build", action="store_true", help="also time a build from the packages (no cache)")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if a.build:
        with tempfile.TemporaryDirectory() as d:
            t0 = time.perf_counter()
            g = G.load(Path(d) / "geo-index.pkl")
            t_build = time.perf_counter() - t0
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before a second copy is loaded
            del g
            t0 = time.perf_counter()
            G.load(Path(d) / "geo-index.pkl")
            t_reload = time.perf_counter() - t0
        # the build runs in a child process (geo.gazetteer._build_in_child); this process only loads the result
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"build from packages (no cache) {t_build:.1f} s; then load from that cache {t_reload:.2f} s; "
              f"peak RSS of the building child {child:.0f} MiB, of this process {own:.0f} MiB")
    t0 = time.perf_counter()
    g = G.default_gazetteer()
    t_load = time.perf_counter() - t0
    print(f"gazetteer from cache {t_load:.2f} s ({len(g)} places, {len(g.index)} names, {len(g.scan_keys)} "
          f"scanned, {len(getattr(g, 'estimated', ()))} KATOTTG-estimated)")
    docs = articles(Path(a.data))
    kb = sum(len(t.encode()) for t in docs) / 1024
    for t in docs[:5]:
        geoparse(t)
    best = best_cpu = float("inf")
    n = 0
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        n = sum(len(geoparse(t)) for t in docs)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(f"geoparse: {len(docs)} articles of {kb / len(docs):.2f} KB ({n} toponyms): {1000 * best / kb:.3f} ms/KB, "
          f"{1000 * best / len(docs):.3f} ms/article, {len(docs) / best:.0f} articles/s (wall, best of {a.repeat}); "
          f"CPU time {1000 * best_cpu / kb:.3f} ms/KB; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if a.profile:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        for t in docs:
            geoparse(t)
        pr.disable()
        pstats.Stats(pr).sort_stats("cumtime").print_stats(20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
