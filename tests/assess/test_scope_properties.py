"""Property tests: time windows across time zones and DST, open-ended windows, and area containment."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ceasewatch.commitments import (
    area_relation,
    date_range_bounds,
    interval_relation,
    place_in_scope,
    point_in_geojson,
    window_bounds,
    window_contains,
)
from ceasewatch.commitments.scope import zone
from ceasewatch.model import Place
from ceasewatch.model.agreements import GeoScope, TimeWindow

# Zones with DST (northern and southern, a 30-minute shift), without, and with large offsets.
ZONES = ["UTC", "Europe/Kyiv", "Europe/Moscow", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
         "Pacific/Chatham", "America/Santiago", "Europe/London", "Pacific/Kiritimati"]
zones = st.sampled_from(ZONES)
# Naive wall-clock times, dense around DST changes of 2025 (30 March in Europe, 9 March in the US ...).
local_times = st.datetimes(min_value=datetime(2024, 9, 1), max_value=datetime(2026, 6, 1))
instants = st.datetimes(min_value=datetime(2024, 9, 1), max_value=datetime(2026, 6, 1),
                        timezones=st.just(UTC))
days = st.dates(min_value=date(2024, 9, 1), max_value=date(2026, 5, 1))
maybe = st.one_of(st.none(), local_times)

PROPERTY = settings(max_examples=150, deadline=None)  # per test: other suites keep their own settings


@st.composite
def windows(draw):
    start, end = draw(maybe), draw(maybe)
    if start is not None and end is not None:
        assume(start != end)
        start, end = min(start, end), max(start, end)
    return TimeWindow(start, end, draw(zones))


def in_zone(window: TimeWindow, tz: str) -> TimeWindow:
    """The same window with its bounds written as wall-clock times of another zone."""
    start, end = window_bounds(window)

    # A wall-clock time in a DST fold is ambiguous: keep the fold so it converts back to the same instant.
    def keep(v):
        if v is None:
            return None
        local = v.astimezone(zone(tz))
        return local.replace(tzinfo=None, fold=local.fold)
    return TimeWindow(keep(start), keep(end), tz)


@PROPERTY
@given(windows(), instants, zones)
def test_membership_does_not_depend_on_the_zone_the_window_is_written_in(window, instant, other):
    start, end = window_bounds(window)
    assume(start is None or end is None or start < end)
    assert window_contains(window, instant) == window_contains(in_zone(window, other), instant)
    # ... nor on the zone the instant is written in.
    assert window_contains(window, instant) == window_contains(window, instant.astimezone(zone(other)))


@PROPERTY
@given(windows(), instants)
def test_membership_is_the_half_open_interval(window, instant):
    start, end = window_bounds(window)
    expected = (start is None or start <= instant) and (end is None or instant < end)
    assert window_contains(window, instant) is expected
    if start is not None:
        assert window_contains(window, start) is (end is None or start < end)
        assert not window_contains(window, start - timedelta(microseconds=1))
    if end is not None:
        assert not window_contains(window, end)


@PROPERTY
@given(local_times, zones, instants)
def test_open_ended_windows(start, tz, instant):
    opened = TimeWindow(start, None, tz)
    s, _ = window_bounds(opened)
    assert window_contains(opened, instant) is (instant >= s)
    closed_only = TimeWindow(None, start, tz)
    assert window_contains(closed_only, instant) is (instant < s)
    assert window_contains(TimeWindow(None, None, tz), instant)


@PROPERTY
@given(days, st.integers(0, 40), zones)
def test_calendar_days_tile_time_without_gaps_across_dst(first, span, tz):
    last = first + timedelta(days=span)
    lo, hi = date_range_bounds(first, last, tz)
    assert lo < hi
    # The range is the union of its days: each day ends where the next begins, whatever DST does.
    cursor = lo
    d = first
    while d <= last:
        a, b = date_range_bounds(d, d, tz)
        assert a == cursor
        assert timedelta(hours=22) <= b - a <= timedelta(hours=26)
        cursor = b
        d += timedelta(days=1)
    assert cursor == hi


@PROPERTY
@given(windows(), days, st.integers(0, 10))
def test_relation_of_a_date_range_agrees_with_its_instants(window, first, span):
    start, end = window_bounds(window)
    assume(start is None or end is None or start < end)
    lo, hi = date_range_bounds(first, first + timedelta(days=span), window.timezone)
    rel = interval_relation(window, lo, hi)
    first_in = window_contains(window, lo)
    last_in = window_contains(window, hi - timedelta(microseconds=1))
    if rel == "inside":
        assert first_in and last_in
    elif rel == "outside":
        assert not first_in and not last_in
        # and no instant of the range is inside: the window lies wholly before or after it
        assert (end is not None and end <= lo) or (start is not None and start >= hi)
    else:
        assert not (first_in and last_in)
        assert (start is not None and lo < start < hi) or (end is not None and lo < end < hi)


@PROPERTY
@given(days, st.integers(1, 60), zones, st.integers(-3, 65))
def test_a_window_of_whole_local_days_contains_exactly_those_days(first, length, tz, offset):
    """[D 00:00, D+n 00:00) in a DST zone holds days D..D+n-1 read in that zone, and no other day."""
    start = datetime(first.year, first.month, first.day)
    end_day = first + timedelta(days=length)
    window = TimeWindow(start, datetime(end_day.year, end_day.month, end_day.day), tz)
    probe = first + timedelta(days=offset)
    lo, hi = date_range_bounds(probe, probe, tz)
    expected = "inside" if 0 <= offset < length else "outside"
    assert interval_relation(window, lo, hi) == expected


# ------------------------------------------------------------------------------------------ areas
countries = st.sampled_from(["UA", "RU", "BY", "MD", "PL", "RO", "TR", "GE"])


@PROPERTY
@given(st.lists(countries, min_size=1, max_size=4, unique=True), countries, st.booleans())
def test_country_containment(scope_countries, place_country, inferred):
    scope = GeoScope(countries=tuple(scope_countries))
    place = Place(place_country, country_code=place_country, precision=6, feature="country",
                  basis="inferred" if inferred else "stated")
    ok, why = place_in_scope(place, scope)
    assert ok is (place_country in scope_countries)
    ok_all, why_all = area_relation([place], scope)
    assert ok_all is ok
    if inferred:
        assert "inferred" in why_all


@PROPERTY
@given(st.lists(countries, max_size=3))
def test_unrestricted_scope_contains_everything_even_no_place(codes):
    places = [Place(c, country_code=c) for c in codes]
    assert area_relation(places, GeoScope())[0] is True


@PROPERTY
@given(st.lists(countries, min_size=1, max_size=3, unique=True), st.lists(countries, max_size=4))
def test_adding_a_place_inside_the_scope_makes_the_incident_inside(scope_countries, others):
    scope = GeoScope(countries=tuple(scope_countries))
    places = [Place(c, country_code=c) for c in others]
    before = area_relation(places, scope)[0]
    assert area_relation([*places, Place("in", country_code=scope_countries[0])], scope)[0] is True
    if not places:
        assert before is None  # no place stated: unknown, never "not met"


coords = st.floats(min_value=-170, max_value=170, allow_nan=False, allow_infinity=False)


@st.composite
def boxes(draw):
    x0, x1 = sorted((draw(coords), draw(coords)))
    y0, y1 = sorted((draw(st.floats(-80, 80)), draw(st.floats(-80, 80))))
    assume(x1 - x0 > 1e-3 and y1 - y0 > 1e-3)
    return x0, y0, x1, y1


def ring(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


@PROPERTY
@given(boxes(), coords, st.floats(-80, 80))
def test_point_in_rectangle_polygon(box, lon, lat):
    x0, y0, x1, y1 = box
    assume(min(abs(lon - x0), abs(lon - x1), abs(lat - y0), abs(lat - y1)) > 1e-6)  # not on the edge
    inside = x0 < lon < x1 and y0 < lat < y1
    poly = {"type": "Polygon", "coordinates": [ring(*box)]}
    assert point_in_geojson(poly, lon, lat) is inside
    multi = {"type": "MultiPolygon", "coordinates": [[ring(*box)], [ring(175, 85, 176, 86)]]}
    assert point_in_geojson(multi, lon, lat) is inside
    scope = GeoScope(geojson=poly)
    assert place_in_scope(Place("p", lat=lat, lon=lon, precision=1), scope)[0] is inside
    assert place_in_scope(Place("p", precision=1), scope)[0] is None  # no coordinates: unknown


@PROPERTY
@given(boxes(), st.floats(0.05, 0.45), st.floats(0.01, 0.99), st.floats(0.01, 0.99))
def test_polygon_holes_are_outside(box, margin, fx, fy):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    hole = (x0 + margin * w, y0 + margin * h, x1 - margin * w, y1 - margin * h)
    poly = {"type": "Polygon", "coordinates": [ring(*box), ring(*hole)]}
    lon, lat = x0 + fx * w, y0 + fy * h
    in_hole = hole[0] < lon < hole[2] and hole[1] < lat < hole[3]
    assume(min(abs(lon - v) for v in (x0, x1, hole[0], hole[2])) > 1e-6)
    assume(min(abs(lat - v) for v in (y0, y1, hole[1], hole[3])) > 1e-6)
    assert point_in_geojson(poly, lon, lat) is (not in_hole)


def test_named_areas_and_regions():
    sea = GeoScope(areas=("Black Sea",))
    assert place_in_scope(Place("Black Sea", precision=7, feature="sea"), sea)[0] is True
    assert place_in_scope(Place("north-western Black Sea", precision=7, feature="sea"), sea)[0] is True
    assert place_in_scope(Place("Sea of Azov", precision=7, feature="sea"), sea)[0] is False
    assert place_in_scope(Place("Odesa", country_code="UA", admin1="Odesa Oblast", precision=1), sea)[0] is False
    assert place_in_scope(Place("Ukraine", country_code="UA", precision=6, feature="country"), sea)[0] is None
    west = GeoScope(areas=("western Black Sea",))
    assert place_in_scope(Place("Black Sea", precision=7, feature="sea"), west)[0] is None  # larger than scope
    region = GeoScope(admin1=("Kherson Oblast",))
    assert place_in_scope(Place("Kherson", country_code="UA", admin1="Kherson", precision=1), region)[0] is True
    assert place_in_scope(Place("Sumy", country_code="UA", admin1="Sumy Oblast", precision=1), region)[0] is False
    assert place_in_scope(Place("Ukraine", country_code="UA", precision=6, feature="country"), region)[0] is None
    both = GeoScope(countries=("RU",), areas=("Black Sea",))
    assert area_relation([Place("Kherson", country_code="UA", admin1="Kherson Oblast", precision=1)],
                         both)[0] is False
    assert area_relation([], both)[0] is None
