"""The date-dependent conflict-zone and line-of-contact priors (ceasewatch.geo.zones and their use in parsing)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ceasewatch import extract
from ceasewatch.geo import default_gazetteer, geoparse, lookup
from ceasewatch.geo.gazetteer import haversine_km
from ceasewatch.geo.parser import _line_points, _polyline_km
from ceasewatch.geo.zones import conflict_zones, contact_lines, focus_weights, lines_on

DONBAS = {"Donetsk Oblast", "Luhansk Oblast"}


@pytest.fixture(scope="module")
def g():
    return default_gazetteer()


def test_zone_weights_follow_the_date():
    assert focus_weights(date(2010, 1, 1)) == {}  # before the war: no zone
    war_in_donbas = focus_weights(date(2015, 6, 1))
    assert set(war_in_donbas) == {"UA.05", "UA.14"}
    full_scale = focus_weights(date(2023, 6, 1))
    assert {"UA.05", "UA.07", "UA.26", "RU.41"} <= set(full_scale) and "UA.13" not in full_scale
    assert "UA.13" in focus_weights(date(2022, 3, 10))  # Kyiv oblast during the northern offensive
    assert focus_weights(None) == focus_weights(date(2030, 1, 1))  # undated text: the open-ended rows
    assert focus_weights(datetime(2015, 6, 1, 23, 0)) == war_in_donbas
    # overlapping rows (Kyiv-front row and the open-ended one) take the larger weight, not the sum
    assert max(focus_weights(date(2022, 3, 10)).values()) == max(z.weight for z in conflict_zones()
                                                                  if z.end is None)


def test_every_zone_and_line_anchor_exists_in_the_gazetteer(g):
    codes = set(g.a1)
    for z in conflict_zones():
        assert z.admin1 <= codes, z.name
        assert z.source and z.weight > 0
    for ln in contact_lines():
        pts = _line_points(g, ln)
        assert len([p for p in pts if p is not None]) == len(ln.anchors), ln.name  # no anchor silently lost
        assert [i for i, p in enumerate(pts) if p is None] == [b + n for n, b in enumerate(ln.breaks)], ln.name
    assert lines_on(None) == ()
    assert lines_on(date(2016, 1, 1)) and lines_on(date(2023, 6, 1)) and lines_on(date(2016, 1, 1)) != lines_on(
        date(2023, 6, 1))
    assert not lines_on(date(2014, 4, 1)) and not lines_on(date(2022, 3, 15)) and not lines_on(date(2022, 10, 1))
    # one line at a time: consecutive periods do not overlap (lines would add up)
    for d in (date(2014, 4, 14), date(2014, 7, 4), date(2014, 7, 5), date(2014, 9, 4), date(2014, 9, 5),
              date(2015, 2, 20), date(2015, 2, 21)):
        assert len(lines_on(d)) == 1, d
    for d in (date(2024, 5, 9), date(2024, 5, 10), date(2024, 8, 6), date(2024, 10, 1), date(2025, 3, 13)):
        assert len(lines_on(d)) == 1, d
    assert lines_on(date(2022, 5, 1)) and not lines_on(date(2025, 7, 1))
    # the fronts opened in 2024 are stretches of their own, never joined to the main line by a segment
    assert lines_on(date(2024, 5, 9))[0].breaks == () and len(lines_on(date(2024, 8, 6))[0].breaks) == 2


def test_polyline_distance():
    pts = [(48.0, 37.0), (48.0, 38.0)]
    assert _polyline_km(48.0, 37.5, pts) == pytest.approx(0.0, abs=1e-6)
    assert _polyline_km(48.5, 37.5, pts) == pytest.approx(55.3, abs=0.5)  # straight north of the segment
    assert _polyline_km(48.0, 39.0, pts) == pytest.approx(haversine_km(48.0, 39.0, 48.0, 38.0), rel=0.01)


def test_a_line_in_separate_stretches_does_not_pull_towards_the_gap():
    pts = [(48.0, 37.0), (48.0, 37.2), None, (48.0, 38.8), (48.0, 39.0)]
    assert _polyline_km(48.0, 38.0, pts) == pytest.approx(haversine_km(48.0, 38.0, 48.0, 38.8), rel=0.01)
    assert _polyline_km(48.0, 38.9, pts) == pytest.approx(0.0, abs=1e-6)
    summer_2014 = lines_on(date(2014, 8, 1))
    assert len(summer_2014) == 1 and summer_2014[0].breaks  # the Donetsk ring and the Luhansk front


def test_a_stretch_needs_two_anchors(tmp_path, monkeypatch):
    from ceasewatch.geo import zones
    bad = "2014-07-05\t2014-09-04\t0.6\t20\tA@UA.05 > B@UA.05 | C@UA.14\tname\tsource\n"
    monkeypatch.setattr(zones, "_rows", lambda filename, ncols: [(1, bad.rstrip("\n").split("\t"))])
    zones.contact_lines.cache_clear()
    try:
        with pytest.raises(ValueError, match="stretch"):
            zones.contact_lines()
    finally:
        monkeypatch.undo()
        zones.contact_lines.cache_clear()


def test_bare_village_name_resolves_to_the_zone_of_the_reports_date():
    # "Pisky" and "Semenivka" name villages in many oblasts; a report from the war in Donbas means one there
    for text in ("Shelling hit Pisky village.", "Fighting in Semenivka town.", "Pervomaisk town was shelled."):
        dated = geoparse(text, when=date(2015, 7, 1))
        assert dated and dated[0].place.admin1 in DONBAS, (text, dated)
        assert "conflict-zone" in dated[0].reason or "line-of-contact" in dated[0].reason
    assert lookup("Pervomaisk town", when=date(2015, 7, 1)).admin1 == "Luhansk Oblast"
    # the same name without a date keeps the current (2022-) priors, which cover more oblasts
    assert lookup("Pervomaisk town").admin1 != "Luhansk Oblast"


def test_evidence_in_the_text_beats_the_zone_prior():
    ms = geoparse("Shelling hit Pisky village, Mykolaiv region.", when=date(2015, 7, 1))
    assert ms[0].place.admin1 == "Mykolaiv Oblast"


def test_line_of_contact_prefers_the_namesake_near_the_line(g):
    ln = lines_on(date(2016, 3, 1))[0]
    pts = _line_points(g, ln)
    pl = lookup("Vodiane village, Donetsk region", when=date(2016, 3, 1))
    assert pl.admin1 == "Donetsk Oblast"
    assert _polyline_km(pl.lat, pl.lon, pts) < 20


def test_extract_passes_the_publication_date_to_the_geoparser():
    text = "Two civilians were killed when shells hit Pisky village on Monday, officials said."
    old = extract(text, published=date(2015, 7, 1))
    places = [p for m in old.mentions for p in m.places]
    assert places and all(p.admin1 in DONBAS for p in places)


def test_malformed_zone_rows_name_the_file_and_line(monkeypatch, tmp_path):
    from ceasewatch.geo import zones

    geo = tmp_path / "data" / "geo"  # resources.files("ceasewatch") / "data" / "geo" / name, in a temporary folder
    geo.mkdir(parents=True)
    (geo / "conflict_zones.tsv").write_text("# header\n2014-04-14\t\t0.6\tUA.05\n", encoding="utf-8")
    monkeypatch.setattr(zones.resources, "files", lambda _pkg: tmp_path)
    with pytest.raises(ValueError, match=r"conflict_zones.tsv:2: expected 6 tab-separated columns"):
        zones._rows("conflict_zones.tsv", 6)


def test_countries_fall_back_to_the_centre_of_their_places_without_countryinfo(monkeypatch):
    import builtins

    from ceasewatch.geo import gazetteer

    real_import = builtins.__import__

    def no_countryinfo(name, *args, **kwargs):
        if name == "countryinfo":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_countryinfo)
    assert gazetteer._country_reference() == {}
