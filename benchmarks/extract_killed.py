"""Killed-count accuracy of ceasewatch.extract on UCDP GED headlines.

Usage: .venv/bin/python benchmarks/extract_killed.py [--data ../shared/data/ucdp/ucdp-ukraine-ged-candidate.dev.csv]
       [--disagreements N]   # also print a seeded random sample of N rows where our figure is outside UCDP's
Input: each row's `source_headline` (';'-separated headlines joined as sentences), published = `date_start`.
The headline states a number when it contains a digit or number word next to a death word (a rule independent
of the extractor). The extractor's figure is the largest killed best (else low) over its mentions, as
shared/tools/geo-eval.py reads it. Reports coverage and agreement with UCDP best / [low, high], and, where the
extractor states a civilian part of the killed, its agreement with UCDP's deaths_civilians.
Data: UCDP GED / Candidate (CC BY 4.0), Sundberg & Melander (2013). Skips cleanly when the file is absent.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ucdp" / "ucdp-ukraine-ged-candidate.dev.csv"
_NUMW = (r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
         r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?")
STATES_NUMBER = re.compile(rf"(?i)\b(?:{_NUMW})\b(?:\W+\w+){{0,4}}?\W+(?:killed|dead|died|dies|deaths?|kills?|killing|"
                           rf"lives|bodies|death\s+toll)\b|\b(?:killed|killing|kills?|death\s+toll\s+\w+\s+to)\W+"
                           rf"(?:\w+\W+){{0,2}}?(?:{_NUMW})\b")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--disagreements", type=int, default=0,
                    help="print a random sample (seed 1) of N rows where the figure is outside UCDP's range")
    args = ap.parse_args()
    path = Path(args.data)
    if not path.exists():
        print(f"skip: {path} not found (the UCDP development data lives in ../shared/data/ucdp)")
        return 0
    from ceasewatch.extract import extract

    rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if (r.get("source_headline") or "").strip()]
    if args.limit:
        rows = rows[:args.limit]
    n = stated = found = found_on_stated = exact = in_range = 0
    # civilian part: where the extractor states one, against UCDP's deaths_civilians
    civ_found = civ_exact = civ_ucdp_zero = 0
    civ_outside: list[str] = []
    outside: list[str] = []
    t0 = time.perf_counter()
    for r in rows:
        text = r["source_headline"].replace(";", ". ")
        try:
            pub = date.fromisoformat(r["date_start"][:10])
        except ValueError:
            pub = None
        res = extract(text, published=pub, document_id=r["id"], geoparser=None)
        vals = [m.killed.best if m.killed.best is not None else m.killed.low for m in res.mentions]
        vals = [v for v in vals if v is not None]
        n += 1
        says = bool(STATES_NUMBER.search(text))
        stated += says
        civs = [m.killed.civilians for m in res.mentions if m.killed.civilians is not None]
        civs_v = [c.best if c.best is not None else c.low for c in civs]
        civs_v = [v for v in civs_v if v is not None]
        if civs_v and (r.get("deaths_civilians") or "").strip():
            dc = int(r["deaths_civilians"])
            cv = max(civs_v)
            civ_found += 1
            civ_exact += cv == dc
            if cv != dc:
                civ_outside.append(f"ours={cv} ucdp deaths_civilians={dc} (best {r['best']}) :: {text[:160]}")
            civ_ucdp_zero += dc == 0
        if not vals:
            continue
        found += 1
        found_on_stated += says
        v = max(vals)
        best, low, high = int(r["best"]), int(r["low"]), int(r["high"])
        exact += v == best
        ok = (low <= v <= high) or v == best
        in_range += ok
        if not ok:
            outside.append(f"ours={v} ucdp={best}[{low},{high}] :: {text[:200]}")
    dt = time.perf_counter() - t0
    print(f"rows={n} headline-states-a-number={stated} extractor-gave-a-count={found} "
          f"(recall on stated: {found_on_stated / max(stated, 1):.0%})")
    print(f"of the {found} counts: exact=best {exact / max(found, 1):.1%}  within[low,high] or =best "
          f"{in_range / max(found, 1):.1%}   ({n / dt:.0f} headlines/s, geocoding off)")
    print(f"civilian part stated by the extractor: {civ_found} rows; = UCDP deaths_civilians "
          f"{civ_exact / max(civ_found, 1):.1%}; UCDP counted no civilian death in {civ_ucdp_zero}")
    if args.disagreements:
        random.Random(1).shuffle(outside)
        print(f"sample of {min(args.disagreements, len(outside))} of {len(outside)} disagreements (seed 1):")
        for line in outside[:args.disagreements]:
            print("  " + line)
        random.Random(1).shuffle(civ_outside)
        print(f"sample of {min(args.disagreements, len(civ_outside))} of {len(civ_outside)} civilian-part "
              "disagreements (seed 1):")
        for line in civ_outside[:args.disagreements]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
