"""Ingest inputs: HTML, archives, JSON Lines, CSV (generic, ACLED, UCDP GED), feeds, field reports, URLs."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from datetime import date
from pathlib import Path

import httpx
import pytest

from ceasewatch.ingest import IngestOptions, ingest_paths
from ceasewatch.ingest.feeds import HttpFetcher
from ceasewatch.store import Store

UCDP = Path(__file__).resolve().parents[3] / "shared" / "data" / "ucdp" / "ucdp-ukraine-ged-candidate.dev.csv"

HTML = """<html><head><title>Strike on Odesa port | Coastal Daily</title>
<link rel="canonical" href="https://coastal.example/news/odesa-port"/>
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2025-03-26T08:00:00Z">
<script>alert('x'); var tracking = 1;</script></head><body><nav>Home | World</nav>
<article><h1>Strike on Odesa port</h1><p>A drone strike hit the port of Odesa overnight, damaging grain
storage, the regional administration said on Wednesday.</p>
<iframe src="https://ads.example/x">ad text inside iframe</iframe>
<p>Two people were injured. Firefighters put out the blaze by morning, officials said.</p>
<script>document.write('evil')</script></article><footer>Copyright 2025</footer></body></html>"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_html_main_text_and_metadata_scripts_and_iframes_removed(store: Store, tmp_path: Path) -> None:
    s = ingest_paths(store, [write(tmp_path, "page.html", HTML)])
    assert s.ok and len(s.new) == 1
    rec = store.document_record(s.new[0])
    assert "drone strike hit the port of Odesa" in rec["text"]
    for junk in ("alert(", "evil", "iframe", "ad text", "tracking", "Copyright"):
        assert junk not in rec["text"]
    assert rec["url"] == "https://coastal.example/news/odesa-port"
    assert rec["title"] == "Strike on Odesa port" and rec["published_at"] == "2025-03-26"
    assert rec["provenance"]["author"] == "Jane Roe" and rec["media_type"] == "text/html"


def test_archives_zip_and_tar_gz(store: Store, tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("reports/a.txt", "Shelling hit Kherson on Thursday, officials said.")
        zf.writestr("reports/sub/b.md", "---\ntitle: B\n---\nDrone strike on Sumy.")
        zf.writestr("../evil.txt", "path traversal")
        zf.writestr("image.png", b"\x89PNG")
    write(tmp_path, "in/bundle.zip", buf.getvalue())
    tbuf = io.BytesIO()
    with tarfile.open(fileobj=tbuf, mode="w:gz") as tf:
        data = b"Missile attack on Dnipro, regional governor said."
        info = tarfile.TarInfo("x/c.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    write(tmp_path, "in/more.tar.gz", tbuf.getvalue())
    s = ingest_paths(store, [tmp_path / "in"])
    assert s.ok and len(s.new) == 3
    origins = sorted(d["origin"] for d in store.list_documents())
    assert origins[0].endswith("bundle.zip!reports/a.txt") and any("more.tar.gz!x/c.txt" in o for o in origins)
    assert ingest_paths(store, [tmp_path / "in"]).new == []  # re-ingest: a no-op


def test_archive_member_over_the_size_limit(store: Store, tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.txt", "word " * 10000)
        zf.writestr("ok.txt", "A short valid report about Kharkiv.")
    s = ingest_paths(store, [write(tmp_path, "z.zip", buf.getvalue())], IngestOptions(max_bytes=2000))
    assert len(s.new) == 1 and len(s.rejected) == 1 and "size limit" in s.rejected[0][1]


def test_jsonl_with_a_bad_line(store: Store, tmp_path: Path) -> None:
    lines = [json.dumps({"text": "Drone strike on Odesa port.", "url": "https://reuters.com/a",
                         "published": "2025-03-26"}), "{not json", json.dumps({"title": "no text"}),
             json.dumps({"text": "Shelling in Kherson.", "published_at": "yesterday"})]
    s = ingest_paths(store, [write(tmp_path, "r.jsonl", "\n".join(lines) + "\n")])
    assert len(s.new) == 2 and len(s.rejected) == 2
    assert "line 2" in s.rejected[0][1] and "line 3" in s.rejected[1][1]
    docs = store.list_documents()
    assert docs[0]["publisher"] == "Reuters" and docs[0]["published_at"] == "2025-03-26"
    assert any("unparseable publication date" in w for w in docs[1]["warnings"])


def test_csv_mapping_and_malformed_rows(store: Store, tmp_path: Path) -> None:
    rows = ("headline,story,link,day\n"
            "A,Shelling hit Kherson on Thursday.,https://e.org/a,2025-03-27\n"
            "B,too,many,fields,here\n"
            "C,Drone strike on Sumy overnight.,https://e.org/c,2025-03-28\n")
    path = write(tmp_path, "r.csv", rows)
    s = ingest_paths(store, [path])
    assert len(s.rejected) == 1 and "no text column" in s.rejected[0][1]
    s = ingest_paths(store, [path], IngestOptions(field_map={"text": "story", "url": "link", "published": "day",
                                                             "title": "headline"}))
    assert len(s.new) == 2 and len(s.rejected) == 1
    assert "row 3" in s.rejected[0][1] and "5 fields, the header has 4" in s.rejected[0][1]
    assert [d["published_at"] for d in store.list_documents()] == ["2025-03-27", "2025-03-28"]


ACLED = """event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities
UKR100001,2025-03-24,2025,1,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),Civilians (Ukraine),Ukraine,Dnipropetrovsk,Kryvorizkyi,Kryvyi Rih,47.9105,33.3918,1,Ukrinform,"On 24 March 2025, Russian forces struck Kryvyi Rih with drones, killing 2 civilians.",2
UKR100002,24 March 2025,2025,2,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Russia (2000-),,Ukraine,Kherson,Khersonskyi,Kherson,46.6354,32.6169,2,Suspilne,,0
UKR100003,not a date,2025,1,Political violence,Battles,Armed clash,X,,Ukraine,,,,,,1,,notes,1
"""


def test_acled_rows_become_documents_and_mentions(store: Store, tmp_path: Path) -> None:
    s = ingest_paths(store, [write(tmp_path, "acled.csv", ACLED)])
    assert len(s.new) == 2 and s.mentions == 2 and len(s.rejected) == 1
    assert "row 4" in s.rejected[0][1] and "event_date" in s.rejected[0][1]
    assert store.pending_documents() == []  # the extract stage skips them
    m = store.mentions()[0]
    assert m.event_type == "Explosions/Remote violence" and m.sub_event_type == "Air/drone strike"
    assert m.perpetrator and m.perpetrator.basis == "stated" and m.perpetrator.party_id == "RU"
    assert m.killed.best == 2 and m.date and m.date.start == date(2025, 3, 24) and m.date.precision == 1
    assert m.places[0].lat == pytest.approx(47.9105) and m.places[0].precision == 1 and m.evidence
    m2 = store.mentions()[1]
    assert m2.places[0].precision == 2 and m2.date and m2.date.precision == 3
    rec = store.document_record(s.new[0])
    assert rec["provenance"]["columns"]["event_id_cnty"] == "UKR100001" and rec["url"] == "acled:UKR100001"
    assert ingest_paths(store, [tmp_path / "acled.csv"]).new == []


@pytest.mark.skipif(not UCDP.exists(), reason="../shared/data/ucdp is not beside the project")
def test_ucdp_ged_rows(tmp_path: Path, db_url: str) -> None:
    head = UCDP.read_text(encoding="utf-8").splitlines(keepends=True)
    import csv

    rows = list(csv.reader(head[:1] + head[1:400]))
    sample = tmp_path / "ucdp.csv"
    with open(sample, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows[:41])
    store = Store.open(db_url, create=True)
    store.init()
    s = ingest_paths(store, [sample])
    assert s.ok and len(s.new) == 40 and s.mentions == 40
    first = dict(zip(rows[0], rows[1], strict=True))
    m = next(x for x in store.mentions() if x.document_id == s.new[0])
    assert m.killed.best == int(first["best"]) and m.killed.low == int(first["low"])
    assert m.places[0].precision == int(first["where_prec"]) and m.date and m.date.precision == int(first["date_prec"])
    assert m.perpetrator and m.perpetrator.name == first["side_a"]
    # UCDP's deaths_civilians is the civilian part of its best estimate, kept through storage
    stated = sum(1 for row in rows[1:41] if dict(zip(rows[0], row, strict=True))["deaths_civilians"].strip())
    with_civ = [x for x in store.mentions() if x.killed.civilians is not None]
    assert len(with_civ) == stated
    assert with_civ and all(x.killed.civilians.low is None and x.killed.civilians.best is not None
                            and x.killed.civilians.best <= (x.killed.best or 0) for x in with_civ)
    store.close()


def test_field_report_with_hashed_attachments(store: Store, tmp_path: Path) -> None:
    write(tmp_path, "team/photo1.jpg", b"\xff\xd8\xff fake jpeg")
    p = write(tmp_path, "team/r1.field.yaml",
              "observer: Team K-2 (A. Monitor)\norganisation: Field Monitors\nobserved_at: 2025-03-28T09:30\n"
              "location: {name: Kherson, lat: 46.63, lon: 32.61}\n"
              "what: Impact crater near the substation; windows broken in two buildings.\n"
              "attachments: [photo1.jpg, missing.jpg]\n")
    s = ingest_paths(store, [p])
    assert len(s.new) == 1
    rec = store.document_record(s.new[0])
    assert rec["affiliation"] == "monitor" and rec["publisher"] == "Field Monitors"
    assert rec["published_at"].startswith("2025-03-28T09:30")
    prov = rec["provenance"]
    assert prov["observer"].startswith("Team K-2") and prov["location"]["lat"] == 46.63
    import hashlib

    assert prov["attachments"][0]["sha256"] == hashlib.sha256(b"\xff\xd8\xff fake jpeg").hexdigest()
    assert prov["attachments"][1]["sha256"] is None and any("missing.jpg" in w for w in rec["warnings"])


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Coastal Daily</title>
<item><title>Port hit</title><link>https://coastal.example/a</link><guid>a</guid>
<pubDate>Wed, 26 Mar 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;A drone strike hit the port of Odesa.&lt;/p&gt;&lt;script&gt;evil()&lt;/script&gt;</description></item>
<item><title>Second</title><link>https://coastal.example/b</link><pubDate>not a date</pubDate>
<description>Shelling in Kherson district overnight.</description></item>
</channel></rss>"""


def test_feed_file_and_invalid_xml(store: Store, tmp_path: Path) -> None:
    s = ingest_paths(store, [write(tmp_path, "f.rss", RSS)])
    assert len(s.new) == 2
    docs = store.list_documents()
    assert docs[0]["url"] == "https://coastal.example/a" and docs[0]["published_at"].startswith("2025-03-26")
    assert docs[0]["publisher"] == "Coastal Daily"
    assert "evil" not in store.get_document(docs[0]["id"]).text
    assert any("unparseable published date" in w for w in docs[1]["warnings"])
    bad = ingest_paths(store, [write(tmp_path, "bad.xml", "<rss><channel><item>unclosed & broken <<<")])
    assert len(bad.rejected) == 1 and "not well-formed" in bad.rejected[0][1] and not bad.new
    junk = ingest_paths(store, [write(tmp_path, "junk.rss", "this is not XML at all")])
    assert len(junk.rejected) == 1 and ("invalid feed" in junk.rejected[0][1] or "not an RSS" in junk.rejected[0][1])


def test_url_inputs_through_an_in_process_transport(store: Store) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed":
            return httpx.Response(200, text=RSS, headers={"content-type": "application/rss+xml"})
        if request.url.path == "/page":
            return httpx.Response(200, text=HTML, headers={"content-type": "text/html; charset=utf-8"})
        if request.url.path == "/huge":
            return httpx.Response(200, content=b"x" * 5000)
        return httpx.Response(404)

    fetcher = HttpFetcher(transport=httpx.MockTransport(handler), max_bytes=4096)
    opts = IngestOptions(fetcher=fetcher)
    s = ingest_paths(store, ["https://news.example/feed", "https://news.example/page",
                             "https://news.example/missing", "https://news.example/huge"], opts)
    assert len(s.new) == 3
    reasons = " | ".join(r for _, r in s.rejected)
    assert "HTTP 404" in reasons and "size limit" in reasons
