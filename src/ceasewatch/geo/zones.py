"""Conflict zones by period: the date-dependent domain prior of the geoparser.

A report of a strike on "Pisky" or "Semenivka" (each the name of a dozen Ukrainian villages) without an oblast
is, for a monitor, far more likely to be about the place where the fighting was *at the report's date*. This
module reads ``ceasewatch/data/geo/conflict_zones.tsv`` (periods, GeoNames first-order units, weights and the
public-record source of each row) and answers: which first-order units get which extra score for a text dated
``when``. Undated text gets the open-ended (current) rows; text dated before the first row gets none.

It also reads ``contact_lines.tsv``: for a period with a stable line of contact, a polyline through named anchor
places (resolved against the gazetteer by ``geo.parser``) and a weight that decays with the distance to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

__all__ = ["ConflictZone", "ContactLine", "conflict_zones", "contact_lines", "focus_weights", "lines_on"]


@dataclass(frozen=True, slots=True)
class _Period:
    start: date
    end: date | None  # inclusive; None: still going on

    def covers(self, when: date) -> bool:
        return self.start <= when and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class ConflictZone(_Period):
    weight: float
    admin1: frozenset[str]  # GeoNames codes such as "UA.05"
    name: str
    source: str


@dataclass(frozen=True, slots=True)
class ContactLine(_Period):
    weight: float  # added at distance 0, decaying as exp(-km / scale_km)
    scale_km: float
    anchors: tuple[tuple[str, str], ...]  # (place name, GeoNames admin1 code), in order along the line
    name: str
    source: str
    # indices into ``anchors`` where a separate stretch of front starts ("A > B | C > D": (2,)); a period whose
    # fighting was on two fronts must not pull places towards a straight segment joining them
    breaks: tuple[int, ...] = ()


def _rows(filename: str, ncols: int) -> list[tuple[int, list[str]]]:
    path = resources.files("ceasewatch") / "data" / "geo" / filename
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != ncols:
            raise ValueError(f"{filename}:{n}: expected {ncols} tab-separated columns, got {len(cols)}")
        out.append((n, cols))
    return out


def _day(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


def _as_day(when: date | datetime | None) -> date | None:
    return when.date() if isinstance(when, datetime) else when


@lru_cache(maxsize=1)
def conflict_zones() -> tuple[ConflictZone, ...]:
    """The shipped conflict-zone rows, in file order."""
    return tuple(ConflictZone(date.fromisoformat(start), _day(end), float(weight), frozenset(codes.split()),
                              name, source)
                 for _n, (start, end, weight, codes, name, source) in _rows("conflict_zones.tsv", 6))


@lru_cache(maxsize=1)
def contact_lines() -> tuple[ContactLine, ...]:
    """The shipped lines of contact, in file order."""
    lines = []
    for n, (start, end, weight, scale, anchors, name, source) in _rows("contact_lines.tsv", 7):
        pts: list[tuple[str, ...]] = []
        breaks = []
        for part in anchors.split("|"):
            stretch = [tuple(a.strip().rsplit("@", 1)) for a in part.split(">")]
            if len(stretch) < 2 or any(len(p) != 2 for p in stretch):
                raise ValueError(f"contact_lines.tsv:{n}: each stretch of a line must be two or more 'Name@admin1' "
                                 "joined by '>' (stretches are separated by '|')")
            if pts:
                breaks.append(len(pts))
            pts.extend(stretch)
        lines.append(ContactLine(date.fromisoformat(start), _day(end), float(weight), float(scale),
                                 tuple(pts), name, source, tuple(breaks)))  # type: ignore[arg-type]
    return tuple(lines)


def lines_on(when: date | datetime | None) -> tuple[ContactLine, ...]:
    """The lines of contact in force on ``when``; none for undated text."""
    day = _as_day(when)
    return () if day is None else tuple(ln for ln in contact_lines() if ln.covers(day))


@lru_cache(maxsize=4096)
def _weights_on(when: date | None) -> tuple[tuple[str, float], ...]:
    out: dict[str, float] = {}
    for z in conflict_zones():
        if (z.end is None) if when is None else z.covers(when):
            for a1 in z.admin1:
                out[a1] = max(out.get(a1, 0.0), z.weight)  # overlapping rows do not add up
    return tuple(sorted(out.items()))


def focus_weights(when: date | datetime | None) -> dict[str, float]:
    """Extra score per GeoNames admin1 code for a text dated ``when`` (a fresh dict; callers may keep it)."""
    return dict(_weights_on(_as_day(when)))
