"""Golden-output check for ceasewatch.extract: the JSON of ``pipeline.extract_record`` over a fixed corpus.

Usage:
  .venv/bin/python benchmarks/extract_golden.py --save /tmp/golden.json     # record the current outputs
  .venv/bin/python benchmarks/extract_golden.py --compare /tmp/golden.json  # diff against a recording

Corpus (about 8,000 texts): UCDP candidate headlines (split at ';' and whole), source_original and
where_description (../shared/data/ucdp/*.csv), the bundled example reports, the reference article, the White House
agreement statements and 300 dense synthetic articles of benchmarks/extract_speed.py. Used to prove that speed
changes leave every output identical (docs/extraction.md, "Speed").
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _body(path: Path) -> tuple[str, str | None]:
    text = path.read_text(encoding="utf-8")
    pub = None
    if text.startswith("---"):
        head, _, text = text[3:].partition("\n---")
        for line in head.splitlines():
            if line.startswith("published:"):
                pub = line.split(":", 1)[1].strip()
        text = text.lstrip("\n")
    if pub is None and path.name[:4].isdigit():
        pub = path.name[:10]
    return text, pub


def corpus() -> list[tuple[str, str, str | None]]:
    out: list[tuple[str, str, str | None]] = []
    for f in sorted((SHARED / "data" / "ucdp").glob("*.csv")):
        with f.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                pub = row.get("date_start") or None
                rid = f"{f.stem}:{row['id']}"
                h = row.get("source_headline") or ""
                if h:
                    out.append((f"{rid}:h", h, pub))
                    parts = [p.strip() for p in h.split(";") if p.strip()]
                    if len(parts) > 1:
                        out.extend((f"{rid}:h{i}", p, pub) for i, p in enumerate(parts))
                if row.get("source_original"):
                    out.append((f"{rid}:o", row["source_original"], pub))
                if row.get("where_description"):
                    out.append((f"{rid}:w", row["where_description"], pub))
    files = sorted((ROOT / "src" / "ceasewatch" / "data" / "examples" / "reports").glob("*.md"))
    files += sorted((SHARED / "data" / "agreements").glob("*.md"))
    for p in files:
        text, pub = _body(p)
        out.append((p.name, text, pub))
    ref = SHARED / "reference" / "paris-summit-2025-03-27.txt"
    if ref.exists():
        out.append((ref.name, ref.read_text(encoding="utf-8"), "2025-03-27"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from extract_speed import article

    rng = random.Random(7)
    pub = date(2025, 3, 27)
    for i in range(300):
        out.append((f"synthetic:{i}", article(rng), (pub - timedelta(days=i % 30)).isoformat()))
    return out


def run() -> dict[str, dict]:
    from ceasewatch.pipeline import extract_record

    res = {}
    for rid, text, pub in corpus():
        res[rid] = extract_record(text, published=pub, record_id=rid)
    return res


def main() -> int:
    ap = argparse.ArgumentParser()
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save")
    g.add_argument("--compare")
    ap.add_argument("--show", type=int, default=10, help="differences to print")
    args = ap.parse_args()
    t0 = time.process_time()
    res = json.loads(json.dumps(run(), default=str))
    dt = time.process_time() - t0
    if args.save:
        Path(args.save).write_text(json.dumps(res, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        print(f"saved {len(res)} records to {args.save} ({dt:.1f} s CPU)")
        return 0
    old = json.loads(Path(args.compare).read_text(encoding="utf-8"))
    diff = [k for k in sorted(set(old) | set(res)) if old.get(k) != res.get(k)]
    print(f"records={len(res)} differing={len(diff)} ({dt:.1f} s CPU)")
    for k in diff[: args.show]:
        a, b = old.get(k), res.get(k)
        print(f"--- {k}")
        for field in sorted(set(a or {}) | set(b or {})):
            if (a or {}).get(field) != (b or {}).get(field):
                print(f"  {field}: before={json.dumps((a or {}).get(field))[:600]}")
                print(f"  {field}: after ={json.dumps((b or {}).get(field))[:600]}")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
