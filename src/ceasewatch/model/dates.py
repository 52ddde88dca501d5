"""Reading a publication date given in whatever form a feed, CSV or caller supplies.

A report's date anchors its relative dates ("on Thursday"), so a date that cannot be read must not cost the report
itself: the reader returns no date and a warning, never an exception.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")  # 27/03/2025, 03-27-2025, 27.03.2025
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]|$)")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")  # 2025/03/27
_NAMED = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B, %Y", "%A, %d %B %Y",
          "%A, %B %d, %Y")


def read_date(value: object) -> tuple[date | None, str | None]:
    """(date, warning): ISO 8601, RFC 2822 (feeds), d/m/Y or m/d/Y (read by which part exceeds 12; day first when
    both could be either, with a warning), "27 March 2025", "March 27, 2025". Unreadable: (None, warning)."""
    if value is None:
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = " ".join(str(value).split())
    if not text:
        return None, None
    d = _read(text)
    if isinstance(d, tuple):
        return d
    if d is None or not 1800 <= d.year <= 2200:
        return None, f"publication date {text[:40]!r} not understood"
    return d, None


def _read(text: str) -> date | tuple[date, str] | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        if _ISO_DAY.match(text):  # "2025-03-27 10:00 EET", "2025-03-27T10:00:00.000+0200 (Kyiv)"
            return _safe(int(text[:4]), int(text[5:7]), int(text[8:10]))
    m = _NUMERIC.match(text)
    if m:
        a, b, y = (int(x) for x in m.groups())
        if a > 12 >= b:
            return _safe(y, b, a)
        if b > 12 >= a:
            return _safe(y, a, b)
        d = _safe(y, b, a)
        if d is None or a == b:
            return d
        return d, f"publication date {text!r} is ambiguous: read day first, as {d.isoformat()}"
    m = _YMD.match(text)
    if m:
        return _safe(*(int(x) for x in m.groups()))
    for fmt in _NAMED:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()  # "Thu, 27 Mar 2025 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        return None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
