"""Time expressions resolved against the publication date, with UCDP precision codes."""

from __future__ import annotations

from datetime import date

import pytest

from ceasewatch.extract import weekday_on_or_before

from .conftest import PUBLISHED, only


def test_weekday_rule_same_day_is_publication_day():
    thursday = date(2025, 3, 27)
    assert weekday_on_or_before(thursday, 3) == thursday  # Thursday on a Thursday: that day
    assert weekday_on_or_before(thursday, 2) == date(2025, 3, 26)
    assert weekday_on_or_before(thursday, 4) == date(2025, 3, 21)  # Friday: the previous one


@pytest.mark.parametrize("expr,start,end,prec", [
    ("on Thursday", date(2025, 3, 27), date(2025, 3, 27), 1),
    ("Thursday", date(2025, 3, 27), date(2025, 3, 27), 1),
    ("on Wednesday", date(2025, 3, 26), date(2025, 3, 26), 1),
    ("on Friday", date(2025, 3, 21), date(2025, 3, 21), 1),
    ("last Thursday", date(2025, 3, 20), date(2025, 3, 20), 1),
    ("yesterday", date(2025, 3, 26), date(2025, 3, 26), 1),
    ("overnight", date(2025, 3, 26), date(2025, 3, 27), 2),
    ("last week", date(2025, 3, 17), date(2025, 3, 23), 3),
    ("on March 27", date(2025, 3, 27), date(2025, 3, 27), 1),
    ("on 27 March", date(2025, 3, 27), date(2025, 3, 27), 1),
    ("on 27 March 2025", date(2025, 3, 27), date(2025, 3, 27), 1),
    ("on March 2", date(2025, 3, 2), date(2025, 3, 2), 1),
    ("on 19-20 March", date(2025, 3, 19), date(2025, 3, 20), 2),
    ("three days ago", date(2025, 3, 24), date(2025, 3, 24), 1),
    ("last month", date(2025, 2, 1), date(2025, 2, 28), 4),
    ("on 2025-03-25", date(2025, 3, 25), date(2025, 3, 25), 1),
    # the relative alternatives are factored by first word (speed): each ending still resolves
    ("over the past week", date(2025, 3, 20), date(2025, 3, 27), 3),
    ("over the weekend", date(2025, 3, 22), date(2025, 3, 23), 2),
    ("earlier this week", date(2025, 3, 24), date(2025, 3, 27), 3),
    ("over the past 24 hours", date(2025, 3, 26), date(2025, 3, 27), 2),
    ("two weeks ago", date(2025, 3, 10), date(2025, 3, 16), 3),
])
def test_expressions(ex, expr, start, end, prec):
    m = only(ex(f"A drone strike on Kharkiv {expr} damaged a school."))
    assert (m.date.start, m.date.end, m.date.precision) == (start, end, prec)
    s = m.evidence["date"][0]
    assert expr.split()[-1] in f"A drone strike on Kharkiv {expr} damaged a school."[s.start:s.end]


def test_date_without_year_is_the_most_recent_one(ex):
    m = only(ex("A drone strike on Kharkiv on December 30 damaged a school."), modality=None)
    assert (m.date.start, m.date.precision) == (date(2024, 12, 30), 1)
    assert m.modality == "background"  # more than a month before publication


def test_no_time_expression_uses_publication_date(ex):
    m = only(ex("A drone strike damaged a school in Kharkiv."))
    assert (m.date.start, m.date.end, m.date.precision) == (date(2025, 3, 26), PUBLISHED, 2)


def test_no_publication_date_no_relative_date(ex):
    r = ex("A drone strike damaged a school in Kharkiv on Thursday.", published=None)
    m = only(r)
    assert m.date is None
    assert any("publication date" in w for w in r.warnings)


def test_speech_date_is_not_the_event_date(ex):
    t = "The governor said on Friday that a drone strike damaged a school in Kharkiv on Wednesday."
    m = only(ex(t))
    assert m.date.start == date(2025, 3, 26)


def test_generic_time_is_not_specific(ex):
    assert ex("Russia is killing every day.").mentions == []


def test_publication_date_forms():
    from datetime import date, datetime

    from ceasewatch.model.dates import read_date

    d = date(2025, 3, 27)
    for value in ("2025-03-27", "2025-03-27T10:00:00+02:00", "2025-03-27 10:00 EET", "27/03/2025", "03/27/2025",
                  "27.03.2025", "2025/03/27", "27 March 2025", "March 27, 2025", "Thu, 27 Mar 2025 10:00:00 GMT",
                  datetime(2025, 3, 27, 10), d):
        assert read_date(value) == (d, None), value
    got, warning = read_date("03/04/2025")  # either could be the month: day first, said so
    assert got == date(2025, 4, 3) and "ambiguous" in warning
    assert read_date("31/02/2025")[0] is None and "not understood" in read_date("31/02/2025")[1]
    assert read_date("") == (None, None) and read_date(None) == (None, None)


def test_library_api_accepts_a_date_string():
    from ceasewatch import extract

    r = extract("Russian shelling of Kherson killed two people on Thursday.", published="2025-03-27")
    (m,) = r.mentions
    assert m.date.start.isoformat() == "2025-03-27" and m.killed.best == 2 and not r.warnings
