"""Resolution: merging across sources, keeping contradictions, corroboration, analyst overrides."""

from __future__ import annotations

from ceasewatch.model import Claimant
from ceasewatch.resolve import resolve_incidents
from helpers import KHERSON_OBLAST, ODESA, make_mention

UA_OFFICIALS = Claimant("Ukrainian officials", "party_official", "UA")
RU_MOD = Claimant("Russian Defence Ministry", "party_official", "RU")


def test_same_event_from_two_sources_merges_and_keeps_contradicting_counts() -> None:
    a = make_mention("docA", killed=2, claimant=UA_OFFICIALS)
    b = make_mention("docB", killed=1)
    incidents = resolve_incidents([a, b])
    assert len(incidents) == 1
    inc = incidents[0]
    assert (inc.killed.low, inc.killed.high) == (1, 2)
    assert inc.contradictions and inc.contradictions[0]["field"] == "killed"
    assert set(inc.merge_reasons[0]["matched"]) >= {"date_exact", "place_exact", "target"}
    assert inc.merge_reasons[0]["score"] >= 4


def test_one_report_with_both_sides_versions_of_one_strike_is_one_incident() -> None:
    ua = make_mention("wire", 0, claimant=UA_OFFICIALS, targets=("energy.power.substation",))
    ru = make_mention("wire", 1, claimant=RU_MOD, targets=("industrial",))
    incidents = resolve_incidents([ua, ru])
    assert len(incidents) == 1
    assert any(c["field"] == "targets" for c in incidents[0].contradictions)
    same_voice = make_mention("wire", 2, claimant=UA_OFFICIALS)
    assert len(resolve_incidents([ua, same_voice])) == 2


def test_city_and_oblast_level_mentions_can_match() -> None:
    city = make_mention("docA")
    oblast = make_mention("docB", place=KHERSON_OBLAST)
    assert len(resolve_incidents([city, oblast])) == 1


def test_different_day_place_or_same_document_do_not_merge() -> None:
    base = make_mention("docA")
    assert len(resolve_incidents([base, make_mention("docB", day=25)])) == 2
    assert len(resolve_incidents([base, make_mention("docB", place=ODESA)])) == 2
    assert len(resolve_incidents([base, make_mention("docA", 1)])) == 2


def test_ids_are_stable_and_resolution_is_deterministic() -> None:
    ms = [make_mention("docA"), make_mention("docB"), make_mention("docC", place=ODESA)]
    first = [(i.id, [m.id for m in i.mentions]) for i in resolve_incidents(ms)]
    assert first == [(i.id, [m.id for m in i.mentions]) for i in resolve_incidents(ms)]
    more = resolve_incidents([*ms, make_mention("docD")])
    assert [i.id for i in more] == [i for i, _ in first]


def test_non_asserted_mentions_are_not_clustered() -> None:
    denied = make_mention("docB")
    denied.modality = "denied"
    incidents = resolve_incidents([make_mention("docA"), denied])
    assert len(incidents) == 1 and len(incidents[0].mentions) == 1


def test_corroboration_counts_voices_not_copies() -> None:
    sources = {
        "docA": {"publisher": "Kherson RMA", "affiliation": "party_official", "party_id": "UA"},
        "docB": {"publisher": "Wire", "affiliation": "independent_media", "party_id": None},
        "docC": {"publisher": "Reprint", "affiliation": "independent_media", "party_id": None,
                 "syndicated_with": "docB"},
        "docD": {"publisher": "Monitors", "affiliation": "monitor", "party_id": None},
    }
    relayed = [make_mention("docA"), make_mention("docB", claimant=UA_OFFICIALS),
               make_mention("docC", claimant=UA_OFFICIALS)]
    inc = resolve_incidents(relayed, sources=sources)[0]
    assert inc.corroboration["label"] == "claimed by Ukraine sources only"
    assert inc.corroboration["independent_sources"] == 2  # the reprint collapses into its original
    both = resolve_incidents([make_mention("docA"), make_mention("docB", claimant=RU_MOD)], sources=sources)[0]
    assert both.corroboration["label"] == "confirmed by both parties"
    seen = resolve_incidents([make_mention("docA"), make_mention("docD")], sources=sources)[0]
    assert seen.corroboration["label"].startswith("independently corroborated")


def test_analyst_merge_and_split_hold_across_runs() -> None:
    a, b, c = make_mention("docA"), make_mention("docB"), make_mention("docC", place=ODESA)
    auto = resolve_incidents([a, b, c])
    assert [len(i.mentions) for i in auto] == [2, 1]
    split = resolve_incidents([a, b, c], overrides=[("split", [b.id])])
    assert sorted(len(i.mentions) for i in split) == [1, 1, 1]
    merged = resolve_incidents([a, b, c], overrides=[("split", [b.id]), ("merge", [a.id, c.id])])
    groups = sorted(sorted(m.id for m in i.mentions) for i in merged)
    assert groups == [[a.id, c.id], [b.id]]
    assert merged[0].id == auto[0].id  # the incident keeps the id of its first mention


def test_a_denial_is_kept_beside_the_claim_it_answers() -> None:
    claim = make_mention("ruMoD", place=KHERSON_OBLAST, targets=("energy.oil_gas",), method="drone",
                         claimant=RU_MOD)
    denial = make_mention("uaGS", day=28, place=KHERSON_OBLAST, targets=("energy.oil_gas",), method="drone",
                          claimant=UA_OFFICIALS)
    denial.modality = "denied"
    unrelated = make_mention("uaGS2", day=28, place=ODESA, targets=("energy.oil_gas",), method="drone")
    unrelated.modality = "denied"
    incidents = resolve_incidents([claim, denial, unrelated])
    assert len(incidents) == 1 and len(incidents[0].mentions) == 1
    denials = [c for c in incidents[0].contradictions if c["field"] == "occurrence"]
    assert [c["claims"][0]["mention"] for c in denials] == [denial.id]
    assert denials[0]["claims"][0]["by"] == ["Ukrainian officials"]


def test_incident_counts_keep_the_stated_civilian_and_child_parts():
    from ceasewatch.model import Count
    from ceasewatch.resolve.resolve import _merge_count

    c = _merge_count([Count(5, 5, 5, children=Count(2, 2, 2)), Count(6, 6, 6, civilians=Count(6, 6, 6)),
                      Count(4, 4, 4)])
    assert (c.best, c.low, c.high) == (5, 4, 6)
    assert (c.civilians.best, c.children.best) == (6, 2)
    assert _merge_count([Count(3, 3, 3)]).civilians is None
