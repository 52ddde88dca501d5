"""How the daily report words casualty figures and their stated civilian and child parts."""

from __future__ import annotations

from ceasewatch.report.daily import summary_rows


def _row(killed):
    inc = {"id": "i1", "killed": killed, "injured": None}
    return summary_rows([inc])[0]["killed"]


def test_figures_and_their_stated_parts():
    assert _row({"best": 5, "low": 5, "high": 5}) == "5"
    assert _row({"best": None, "low": 21, "high": None}) == "≥21"
    assert _row({"best": 5, "low": 5, "high": 5, "children": {"best": 2, "low": 2, "high": 2}}) == \
        "5 (incl. 2 children)"
    assert _row({"best": 5, "low": 4, "high": 6, "civilians": {"best": 5, "low": 5, "high": 5},
                 "children": {"best": 2, "low": 2, "high": 2}}) == "5 (4–6) (incl. 5 civilians, 2 children)"
    assert _row({"best": None, "low": None, "high": None}) == "–"
    assert _row(None) == "–"
