"""Cross-source deduplication measured on real coded data: UCDP events reported by several headlines.

Usage: python benchmarks/dedup_ucdp.py [--data DIR] [--limit N] [--errors N]

UCDP GED lists, for each event, the headlines of the reports it was coded from (`source_headline`,
`;`-separated, with `source_date`). Each headline becomes one document (published on its source date) and
goes through `ceasewatch.extract`; the headline's first asserted mention represents it. Gold: headlines of
the same UCDP event describe the same incident. We compare pairwise precision/recall/F1 of
`ceasewatch.resolve.resolve_incidents` against the VIINA-style baseline (one incident per event type, place
and day). Headlines from which no event is extracted stay singletons (they count against recall of both).
``--errors N`` prints up to N false merges and N missed merges of ours (each pair's headlines and the
features the scorer found between them), to study errors by category.
Data: UCDP GED / Candidate (CC BY 4.0), Sundberg & Melander (2013); see ../shared/data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from ceasewatch.extract import extract
from ceasewatch.model import Mention
from ceasewatch.resolve import resolve_incidents
from ceasewatch.resolve.resolve import WordRarity, pair_evidence

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ucdp"


def load_records(data: Path, limit: int | None, *, single_event_articles: bool = False
                 ) -> list[tuple[str, str, date, str]]:
    """(record id, gold event id, published, headline) for every headline, in order of publication.

    With ``single_event_articles``, headlines that UCDP coded into more than one event (the same headline
    and date under several event ids: one article reporting several events) are left out: a report is one
    document and one mention here, so single-label pairwise scoring cannot credit any clustering of them.
    """
    files = sorted(data.glob("*ged-candidate*.csv"))
    if not files:
        return []
    out = []
    with files[0].open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            heads = [h.strip() for h in (row.get("source_headline") or "").split(";")]
            dates = [d.strip() for d in (row.get("source_date") or "").split(";")]
            for i, head in enumerate(heads):
                if len(head) < 15:  # bare place names and fragments carry no event
                    continue
                try:
                    published = date.fromisoformat(dates[i][:10]) if i < len(dates) else None
                except ValueError:
                    published = None
                published = published or date.fromisoformat(row["date_start"][:10])
                out.append((f"{row['id']}-{i}", row["id"], published, head))
    if single_event_articles:
        events_of: dict[tuple[str, date], set[str]] = defaultdict(set)
        for _rid, event, published, head in out:
            events_of[(head.lower(), published)].add(event)
        out = [r for r in out if len(events_of[(r[3].lower(), r[2])]) == 1]
    out.sort(key=lambda r: (r[2], r[0]))
    return out[:limit] if limit else out


def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for item, label in labels.items():
        groups[label].append(item)
    return {(a, b) for members in groups.values() for i, a in enumerate(sorted(members))
            for b in sorted(members)[i + 1:]}


def prf(predicted: set[tuple[str, str]], gold: set[tuple[str, str]]) -> tuple[float, float, float]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline_key(m: Mention) -> tuple[object, ...]:
    place = m.places[0] if m.places else None
    return (m.event_type, (place.geonames_id or place.name) if place else None,
            m.date.start if m.date else None)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print N false and N missed merges of ours")
    args = ap.parse_args()
    if not load_records(args.data, 1):
        print(f"no UCDP candidate data in {args.data}: skipped")
        return 0
    for title, single in (("all headlines", False), ("headlines of single-event articles", True)):
        print(f"== {title}")
        evaluate(load_records(args.data, args.limit, single_event_articles=single), errors=args.errors)
    return 0


def evaluate(records: list[tuple[str, str, date, str]], errors: int = 0) -> None:
    t0 = time.perf_counter()
    reps: dict[str, Mention] = {}
    for rid, _event, published, head in records:
        result = extract(head, published=published, document_id=rid)
        asserted = [m for m in result.mentions if m.modality == "asserted"]
        if asserted:
            reps[rid] = asserted[0]
    extract_s = time.perf_counter() - t0
    gold = {rid: event for rid, event, _, _ in records}
    ours: dict[str, str] = {rid: f"single:{rid}" for rid in gold}
    for inc in resolve_incidents(reps[rid] for rid, *_ in records if rid in reps):
        for m in inc.mentions:
            ours[m.document_id] = inc.id
    base: dict[str, str] = {rid: f"single:{rid}" for rid in gold}
    for rid, m in reps.items():
        key = baseline_key(m)
        if key[1] is not None and key[2] is not None:
            base[rid] = repr(key)
    gold_pairs = pairs(gold)
    multi = Counter(gold.values())
    print(f"UCDP headlines: {len(records)} from {len(multi)} events "
          f"({sum(1 for c in multi.values() if c > 1)} events with 2+ headlines, {len(gold_pairs)} gold pairs); "
          f"an event extracted from {len(reps)} ({len(reps) / len(records):.0%}); extract {extract_s:.1f} s")
    for name, labels in (("ceasewatch resolve", ours), ("baseline type+place+day", base)):
        p, r, f = prf(pairs(labels), gold_pairs)
        print(f"{name:26s} pairwise precision {p:.3f} recall {r:.3f} F1 {f:.4f} "
              f"({len(set(labels.values()))} clusters)")
    if errors:
        heads = {rid: (published, head) for rid, _event, published, head in records}
        rarity = WordRarity()  # wording weighed by its rarity over the whole set (resolve counts online)
        for m in reps.values():
            rarity.add(m)
        predicted = pairs(ours)
        missed = sorted(p for p in gold_pairs - predicted if p[0] in reps and p[1] in reps)
        for title, rows in (("false merges", sorted(predicted - gold_pairs)), ("missed merges", missed)):
            same = sum(1 for a, b in rows if heads[a][1].lower() == heads[b][1].lower())
            print(f"-- {title} of ours: {len(rows)}" + (" (both headlines extracted)" if rows is missed else
                                                        f", {same} of them identical headlines"))
            for a, b in rows[:errors]:
                evidence = pair_evidence(reps[a], reps[b], rarity)
                found = "contradiction or nothing in common" if evidence is None else \
                    f"{evidence[0]} score {sum(evidence[0].values()):.2f}"
                print(f"  {a} {heads[a][0]} {heads[a][1][:110]!r}\n  {b} {heads[b][0]} {heads[b][1][:110]!r}\n"
                      f"    {found}")


if __name__ == "__main__":
    sys.exit(main())
