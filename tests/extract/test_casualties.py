"""Killed and injured figures: number words, modifiers, vague quantities, breakdowns."""

from __future__ import annotations

import pytest

from ceasewatch.extract.lang.en import parse_number

from .conftest import assert_evidence, only


@pytest.mark.parametrize("s,n", [("one", 1), ("twenty-one", 21), ("12,000", 12000), ("a dozen", 12),
                                 ("two hundred", 200), ("ninety nine", 99), ("3 thousand", 3000), ("zebra", None)])
def test_parse_number(s, n):
    assert parse_number(s) == n


@pytest.mark.parametrize("sentence,kind,expected", [
    ("Shelling in Kherson killed one and damaged a school.", "killed", (1, 1, 1)),
    ("Russian drone strikes injured more than 20 people in Kharkiv.", "injured", (None, 21, None)),
    ("At least 7 people were killed in a missile strike on Odesa.", "killed", (None, 7, None)),
    ("Dozens were injured when a glide bomb hit a residential building in Kyiv.", "injured", (None, 24, None)),
    ("Several civilians were wounded in shelling of Kherson.", "injured", (None, 3, None)),
    ("A woman was killed in a drone attack on Kharkiv.", "killed", (1, 1, 1)),
    ("Two children were injured when a drone hit a house in Odesa.", "injured", (2, 2, 2)),
    ("A missile strike on Kharkiv killed a 65-year-old man.", "killed", (1, 1, 1)),
    ("Shelling killed between 3 and 5 people in Kherson.", "killed", (None, 3, 5)),
    ("About 12 people were killed in an attack on Kyiv.", "killed", (12, None, None)),
    ("The death toll from the strike on Kharkiv rose to 14.", "killed", (14, 14, 14)),
    ("Up to 30 people were injured in shelling of Kherson.", "injured", (None, None, 30)),
    ("A dozen people were wounded in an air strike on Kyiv.", "injured", (12, 12, 12)),
])
def test_counts(ex, sentence, kind, expected):
    r = ex(sentence)
    m = only(r)
    c = getattr(m, kind)
    assert (c.best, c.low, c.high) == expected
    assert_evidence(sentence, m)


def test_breakdown_is_not_added(ex):
    m = only(ex("A Russian missile strike on Kharkiv killed five people, including two children."))
    assert (m.killed.best, m.killed.low, m.killed.high) == (5, 5, 5)


def test_coordinated_groups_are_summed(ex):
    m = only(ex("Three soldiers and two civilians were killed in shelling of Kherson on Monday."))
    assert m.killed.best == 5


def test_killed_and_injured_in_one_clause(ex):
    t = "Ukrainian forces shelled Kherson yesterday, killing a woman and wounding three civilians."
    m = only(ex(t))
    assert m.killed.best == 1 and m.injured.best == 3
    assert t[m.evidence["injured"][0].start:m.evidence["injured"][0].end].startswith("wounding three")


def test_killed_or_injured_is_not_a_figure(ex):
    r = ex("Five people were killed or injured in shelling of Kherson.")
    assert all(not m.killed.known and not m.injured.known for m in r.mentions)


def test_years_and_ages_are_not_casualties(ex):
    r = ex("A 2014 strike on Kherson is remembered; a 12-year-old boy was injured.")
    for m in r.mentions:
        assert m.killed.best != 2014


def _fig(c):
    return None if c is None else (c.best, c.low, c.high)


@pytest.mark.parametrize("sentence,kind,total,civilians,children", [
    # the figure's own noun
    ("Shelling in Kherson killed five civilians.", "killed", (5, 5, 5), (5, 5, 5), None),
    ("Seven residents were wounded in Kharkiv shelling.", "injured", (7, 7, 7), (7, 7, 7), None),
    ("A drone strike on Kharkiv killed a 10-year-old boy.", "killed", (1, 1, 1), None, (1, 1, 1)),
    # a part stated after the figure, or among it
    ("Russian shelling killed five people, including two children, in Kherson.", "killed", (5, 5, 5), None,
     (2, 2, 2)),
    ("Two children were among five civilians killed in shelling of Kherson.", "killed", (5, 5, 5), (5, 5, 5),
     (2, 2, 2)),
    # coordinated groups: only the civilians' part
    ("Three soldiers and two civilians were killed in shelling near Kharkiv.", "killed", (5, 5, 5), (2, 2, 2),
     None),
    # "people" does not say civilian, and a part larger than the figure is no part of it
    ("Shelling in Kherson killed four people.", "killed", (4, 4, 4), None, None),
    ("Shelling in Kherson killed two people, including six children.", "killed", (2, 2, 2), None, None),
])
def test_civilian_and_child_parts(ex, sentence, kind, total, civilians, children):
    m = only(ex(sentence))
    c = getattr(m, kind)
    assert (_fig(c), _fig(c.civilians), _fig(c.children)) == (total, civilians, children)
    for part, fig in (("civilians", civilians), ("children", children)):
        assert bool(m.evidence.get(f"{kind}_{part}")) == (fig is not None)
    assert_evidence(sentence, m)


def test_a_part_belongs_to_the_nearest_figure_before_it(ex):
    m = only(ex("A missile strike on Odesa killed 4 civilians and injured 12 others, among them three children."))
    assert (_fig(m.killed.civilians), m.killed.children) == ((4, 4, 4), None)
    assert (m.injured.civilians, _fig(m.injured.children)) == (None, (3, 3, 3))
    # the JSON carries the parts only where stated
    d = m.killed.as_dict()
    assert d["civilians"] == {"best": 4, "low": 4, "high": 4} and "children" not in d
    assert "civilians" not in m.injured.as_dict()


def test_parts_survive_merging_and_storage():
    from ceasewatch.extract._discourse import merge_count
    from ceasewatch.model import Count
    from ceasewatch.model.codec import _count

    a = Count(5, 5, 5, children=Count(2, 2, 2))
    b = Count(6, 6, 6, civilians=Count(6, 6, 6), children=Count(3, 3, 3))
    m = merge_count(a, b)
    assert (_fig(m), _fig(m.civilians), _fig(m.children)) == ((5, 5, 6), (6, 6, 6), (2, 2, 3))
    assert _count(m.as_dict()) == m
