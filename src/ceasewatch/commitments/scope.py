"""What "inside a commitment's scope" means, in time and in space. Pure functions, no I/O.

Time: a TimeWindow is the half-open interval [start, end) of instants; naive bounds are wall-clock times in
the window's IANA time zone (DST handled by zoneinfo), aware bounds are taken as written. An incident's
DateRange is a range of calendar days, read in the same time zone as the window it is compared with (the
agreement's own calendar: the same rule for every party), i.e. [start 00:00, end+1 00:00).

Space: a GeoScope is a union of countries, first-order regions, named areas (seas) and a GeoJSON geometry;
empty means everywhere. A place is inside, outside, or unknown (vaguer than the scope: a country-level place
against a regional scope; a place without coordinates against a GeoJSON-only scope).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from ..model.agreements import GeoScope, TimeWindow
from ..model.events import Place

Relation = Literal["inside", "outside", "partial"]


# --------------------------------------------------------------------------------------------- time
@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _to_utc(value: datetime, tz: str) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz))
    return value.astimezone(UTC)


def window_bounds(window: TimeWindow) -> tuple[datetime | None, datetime | None]:
    """The window's [start, end) as aware UTC instants; None for an open side."""
    start = _to_utc(window.start, window.timezone) if window.start is not None else None
    end = _to_utc(window.end, window.timezone) if window.end is not None else None
    return start, end


def window_contains(window: TimeWindow, instant: datetime) -> bool:
    """Whether ``instant`` (naive: wall-clock in the window's time zone) lies in [start, end)."""
    t = _to_utc(instant, window.timezone)
    start, end = window_bounds(window)
    return (start is None or start <= t) and (end is None or t < end)


def date_range_bounds(start: date, end: date, tz: str) -> tuple[datetime, datetime]:
    """Calendar days start..end (inclusive) in ``tz`` as the UTC interval [start 00:00, end+1 00:00)."""
    lo = _to_utc(datetime(start.year, start.month, start.day), tz)
    nxt = end + timedelta(days=1)
    hi = _to_utc(datetime(nxt.year, nxt.month, nxt.day), tz)
    return lo, hi


def interval_relation(window: TimeWindow, lo: datetime, hi: datetime) -> Relation:
    """Where the interval [lo, hi) lies with respect to the window: wholly inside, wholly outside, or partly."""
    start, end = window_bounds(window)
    lo, hi = _to_utc(lo, window.timezone), _to_utc(hi, window.timezone)
    if (end is not None and lo >= end) or (start is not None and hi <= start):
        return "outside"
    if (start is None or lo >= start) and (end is None or hi <= end):
        return "inside"
    return "partial"


def describe_window(window: TimeWindow) -> str:
    def fmt(v: datetime | None, open_text: str) -> str:
        if v is None:
            return open_text
        return v.isoformat(timespec="minutes")

    return f"[{fmt(window.start, '-inf')}, {fmt(window.end, 'open')}) {window.timezone}"


# --------------------------------------------------------------------------------------------- space
_DROP = re.compile(r"\b(oblast|oblast'|region|krai|kray|province|governorate|republic of|autonomous republic of|"
                   r"the|city of|raion|district)\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise_name(name: str) -> str:
    """Lower-case ASCII without administrative words: 'Kherson Oblast' and 'kherson' compare equal."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = text.replace("'", "").replace("’", "")
    text = _DROP.sub(" ", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def _ring_contains(ring: list[list[float]], x: float, y: float) -> bool:
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
        if (y1 > y) != (y2 > y):
            x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < x_cross:
                inside = not inside
    return inside


def point_in_geojson(geometry: dict, lon: float, lat: float) -> bool:
    """Whether (lon, lat) lies in a GeoJSON Polygon or MultiPolygon (holes respected; planar lon/lat)."""
    kind = geometry.get("type")
    polygons = [geometry["coordinates"]] if kind == "Polygon" else geometry.get("coordinates", [])
    for rings in polygons:
        if rings and _ring_contains(rings[0], lon, lat) and not any(_ring_contains(h, lon, lat) for h in rings[1:]):
            return True
    return False


def _is_sea(place: Place) -> bool:
    return place.feature in ("sea", "water") or (place.precision == 7 and place.country_code is None)


def _is_country_level(place: Place) -> bool:
    return (place.feature == "country" or (place.admin1 is None and place.precision >= 6)) and not _is_sea(place)


def place_in_scope(place: Place, scope: GeoScope) -> tuple[bool | None, str]:
    """(True inside / False outside / None unknown, why) for one place."""
    if scope.unrestricted:
        return True, "the scope is unrestricted"
    results: list[tuple[bool | None, str]] = []
    if scope.countries:
        if place.country_code:
            ok = place.country_code.upper() in scope.countries
            results.append((ok, f"country {place.country_code} {'in' if ok else 'not in'} "
                                f"{', '.join(scope.countries)}"))
        else:
            results.append((None, "no country stated"))
    names = [n for n in (place.name, place.admin1, place.admin2) if n]
    norm_names = [normalise_name(n) for n in names]
    if scope.admin1:
        wanted = {normalise_name(a) for a in scope.admin1}
        region = place.admin1 or (place.name if place.feature == "admin1" else None)
        if region:
            ok = normalise_name(region) in wanted
            results.append((ok, f"region {region!r} {'in' if ok else 'not in'} {', '.join(scope.admin1)}"))
        elif _is_sea(place):
            results.append((False, f"{place.name!r} is a sea, not one of the regions {', '.join(scope.admin1)}"))
        else:
            results.append((None, f"{place.name!r} gives no region to compare with {', '.join(scope.admin1)}"))
    if scope.areas:
        hit = None
        for area in scope.areas:
            a = normalise_name(area)
            if any(n == a or f" {a} " in f" {n} " for n in norm_names):
                hit = area
                break
        if hit:
            results.append((True, f"{place.name!r} lies in the named area {hit!r}"))
        elif any(normalise_name(area).find(n) >= 0 for area in scope.areas for n in norm_names if n):
            results.append((None, f"{place.name!r} is larger than or overlaps the named area(s) "
                                  f"{', '.join(scope.areas)}"))
        elif _is_sea(place) or not _is_country_level(place):
            results.append((False, f"{place.name!r} is not in the named area(s) {', '.join(scope.areas)}"))
        else:
            results.append((None, f"country-level place {place.name!r} may include {', '.join(scope.areas)}"))
    if scope.geojson:
        if place.lat is not None and place.lon is not None:
            ok = point_in_geojson(scope.geojson, place.lon, place.lat)
            results.append((ok, f"({place.lat}, {place.lon}) {'inside' if ok else 'outside'} the scope geometry"))
        else:
            results.append((None, f"{place.name!r} has no coordinates to test against the scope geometry"))
    for ok, why in results:
        if ok is True:
            return True, why
    unknown = [why for ok, why in results if ok is None]
    if unknown:
        return None, "; ".join(unknown)
    return False, "; ".join(why for _, why in results)


def area_relation(places: list[Place], scope: GeoScope) -> tuple[bool | None, str]:
    """Whether an incident's places touch the scope: True if any is inside, None if any is unknown."""
    if scope.unrestricted:
        return True, "the commitment has no geographic restriction"
    if not places:
        return None, "the incident states no place"
    verdicts = []
    for place in places:
        ok, why = place_in_scope(place, scope)
        inferred = " (place inferred, not stated)" if place.basis == "inferred" else ""
        verdicts.append((ok, f"{place.name}: {why}{inferred}"))
    for ok, why in verdicts:
        if ok is True:
            return True, why
    if any(ok is None for ok, _ in verdicts):
        return None, "; ".join(why for ok, why in verdicts if ok is None)
    return False, "; ".join(why for _, why in verdicts)
