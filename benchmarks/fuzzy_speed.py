"""Time of geoparse's fuzzy pass (`_Parser._fuzzy`) alone on the --real corpus of extract_speed.py.

Usage: .venv/bin/python benchmarks/fuzzy_speed.py
Runs extract() once over the corpus, recording each `_fuzzy` call with its parser and the spans it was given, then
times those calls again (20 rounds, best of seven) and prints µs per call and per text.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_speed import real_texts  # noqa: E402

from ceasewatch.extract import extract  # noqa: E402
from ceasewatch.geo import parser  # noqa: E402


def main() -> None:
    texts = real_texts()
    calls = []
    orig = parser._Parser._fuzzy

    def recording(self, spans):  # type: ignore[no-untyped-def]
        calls.append((self, list(spans)))
        return orig(self, spans)

    parser._Parser._fuzzy = recording  # type: ignore[method-assign]
    try:
        for t in texts:
            extract(t)
    finally:
        parser._Parser._fuzzy = orig  # type: ignore[method-assign]
    best = float("inf")
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(20):
            for ps, spans in calls:
                ps._fuzzy(spans)
        best = min(best, time.perf_counter() - t0)
    print(f"texts={len(texts)} fuzzy-calls={len(calls)} us-per-call={best / 20 / max(1, len(calls)) * 1e6:.1f} "
          f"us-per-text={best / 20 / len(texts) * 1e6:.1f}")


if __name__ == "__main__":
    main()
