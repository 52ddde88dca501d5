"""The evidence that two reports describe one event: compatible weapons, publication lag, casualty figures
and rarity-weighted wording each move a merge decision the intended way, and every merge says why."""

from __future__ import annotations

from datetime import date

from ceasewatch.model import Count, DateRange, Mention, Place
from ceasewatch.resolve import resolve_incidents
from ceasewatch.resolve.resolve import WordRarity, _count_weight, _text_similarity, pair_evidence
from helpers import KHERSON, KHERSON_OBLAST, make_mention

DONETSK = Place("Donetsk", 709717, 48.0, 37.8, 1, "UA", "Donetsk Oblast", feature="populated_place")


def _report(doc: str, text: str, *, published: int, place: Place = KHERSON, killed: int | None = None,
            method: str = "artillery", targets: tuple[str, ...] = ()) -> Mention:
    """A report with no stated date: the event happened on the day of publication or the day before."""
    m = make_mention(doc, place=place, killed=killed, method=method, targets=targets)
    m.date = DateRange(date(2025, 3, published - 1), date(2025, 3, published), 2)
    m.text = text
    return m


def test_one_strike_reported_a_day_apart_in_other_words_merges() -> None:
    first = _report("wire", "Russian missile hits a school in Kherson, killing five", published=27,
                    method="missile", killed=5, targets=("education",))
    later = _report("local", "Five dead after rocket strike on Kherson school", published=28,
                    method="artillery", killed=5, targets=("education",))
    incidents = resolve_incidents([first, later])
    assert len(incidents) == 1
    why = incidents[0].merge_reasons[0]
    # touching date windows count against, the weapons differ but are ones sources confuse; the same
    # place, target and a rare toll carry it
    assert {"date_partial", "place_exact", "target", "killed"} <= set(why["matched"])
    assert "method" not in why["matched"] and why["score"] >= 4


def test_different_strikes_in_one_city_on_consecutive_days_stay_apart() -> None:
    # one publisher's boilerplate, one city, the same weapon, no casualty figure in common
    earlier = [_report(f"hq-{day}", "A resident of Donetsk died due to the shelling of the Armed Forces of "
                       "Ukraine, the headquarters reported", published=day, place=DONETSK, killed=1)
               for day in range(2, 7)]
    a = _report("hq1", "Two people died due to the shelling of Donetsk by the Armed Forces of Ukraine",
                published=8, place=DONETSK, killed=2)
    b = _report("hq2", "Armed Forces of Ukraine shelled Donetsk seven times, the headquarters reported",
                published=9, place=DONETSK)
    incidents = resolve_incidents([*earlier, a, b])
    assert [len(i.mentions) for i in incidents if i.mentions[0] in (a, b)] == [1, 1]
    # the same two on one day: the dates overlap and the evidence suffices (UCDP too would often
    # need the district to tell them apart)
    b.date = a.date
    assert any(len(i.mentions) == 2 for i in resolve_incidents([*earlier, a, b]))


def test_an_oblast_level_report_on_the_same_day_with_a_far_different_toll_stays_apart() -> None:
    city = make_mention("docA", killed=1, targets=("energy.power",))
    oblast = make_mention("docB", place=KHERSON_OBLAST, killed=6, targets=("transport.rail",))
    assert len(resolve_incidents([city, oblast])) == 2
    found, _ = pair_evidence(city, oblast)  # type: ignore[misc]
    assert found["killed_differs"] < 0 and found["place_within"] == 0


def test_a_shared_large_toll_and_wording_merge_reports_that_name_no_place() -> None:
    def national(doc: str, text: str, killed: int) -> Mention:
        m = _report(doc, text, published=19, killed=killed, targets=("military",))
        m.places, m.method, m.event_type = [], None, None
        return m

    a = national("wire", "Seven Ukrainian soldiers killed in the east in the past day", 7)
    b = national("agency", "Seven Ukrainian troops killed in eastern Ukraine, military says", 7)
    other_toll = national("paper", "Two Ukrainian soldiers killed in the east in the past day", 2)
    incidents = resolve_incidents([a, b, other_toll])
    assert [len(i.mentions) for i in incidents] == [2, 1]
    assert "killed" in incidents[0].merge_reasons[0]["matched"]


def test_casualty_figures_weigh_by_rarity_and_closeness() -> None:
    assert _count_weight(1) < _count_weight(2) < _count_weight(5) <= _count_weight(50) == 3.0
    a, b = make_mention("a", killed=12), make_mention("b", killed=14)
    found, _ = pair_evidence(a, b)  # type: ignore[misc]
    assert "killed_close" in found and "killed_differs" not in found
    at_least = make_mention("c", killed=None)
    at_least.killed = Count(None, 10, None)  # "at least 10"
    found, _ = pair_evidence(at_least, b)  # type: ignore[misc]
    assert "killed_overlap" in found


def test_shared_boilerplate_weighs_less_than_a_shared_rare_word() -> None:
    rarity = WordRarity()
    for n in range(20):
        filler = make_mention(f"f{n}")
        filler.text = f"Shelling by the armed forces kills residents of district {n}"
        rarity.add(filler)
    convoy_a, convoy_b, boiler_a, boiler_b = (make_mention(d) for d in "abcd")
    convoy_a.text, convoy_b.text = "Humanitarian convoy struck near the city", "The convoy was hit at dawn"
    boiler_a.text, boiler_b.text = "Shelling by the armed forces at dawn", "The armed forces continued shelling"
    for m in (convoy_a, convoy_b, boiler_a, boiler_b):
        rarity.add(m)
    assert _text_similarity(convoy_a, convoy_b, rarity) > _text_similarity(boiler_a, boiler_b, rarity)
    # without counts every word weighs the same: the boilerplate pair shares more words
    assert _text_similarity(convoy_a, convoy_b) < _text_similarity(boiler_a, boiler_b)


def test_later_reports_do_not_change_how_earlier_ones_were_resolved() -> None:
    texts = ["Shelling of Kherson market kills two", "Two killed as shells hit Kherson market",
             "Kherson market shelled, two dead", "Drone hits substation in Kherson region"]
    ms = []
    for n, text in enumerate(texts):
        m = make_mention(f"d{n}", killed=2 if n < 3 else None, method="drone" if n == 3 else "artillery")
        m.text = text
        ms.append(m)
    early = [(i.id, [m.id for m in i.mentions], i.merge_reasons) for i in resolve_incidents(ms[:2])]
    later = {i.id: ([m.id for m in i.mentions], i.merge_reasons) for i in resolve_incidents(ms)}
    for inc_id, members, reasons in early:
        assert later[inc_id][0][:len(members)] == members
        assert later[inc_id][1][:len(reasons)] == reasons
