"""Severity scoring: explainable, configurable, and blind to which party is alleged."""

from __future__ import annotations

import pytest
from escalate_helpers import make_assessment, make_incident, swap_parties

from ceasewatch.assess.severity import SeverityConfig, SeverityConfigError, severity


def test_nothing_known_is_low_with_a_reason() -> None:
    s = severity(make_incident("i1"), [], [])
    assert s.score == 0 and s.level == "low" and len(s.reasons) == 1


def test_nuclear_plant_and_dam_are_the_highest_targets() -> None:
    nuclear = severity(make_incident("n", targets=["energy.nuclear"]), [], [])
    dam = severity(make_incident("d", targets=["energy.hydro_dam"]), [], [])
    substation = severity(make_incident("s", targets=["energy.power.substation"]), [], [])
    assert nuclear.level == dam.level == "critical"
    assert nuclear.score > substation.score
    assert any("target energy.nuclear: +40.0" in r for r in nuclear.reasons)
    # a substation has no weight of its own: it takes the most specific selector above it (energy)
    assert any("energy.power.substation (weight of energy): +10.0" in r for r in substation.reasons)


def test_casualties_are_capped_and_explained() -> None:
    s = severity(make_incident("k", killed=3, injured=4), [], [])
    assert s.score == 3 * 3 + 4 * 1
    assert any(r.startswith("3 killed") and r.endswith("+9.0") for r in s.reasons)
    many = severity(make_incident("m", killed=1000), [], [])
    assert many.score == SeverityConfig().killed_max


def test_low_bound_is_what_counts() -> None:
    inc = make_incident("x")
    inc["killed"] = {"best": None, "low": 21, "high": None}  # "more than 20"
    assert severity(inc, [], []).reasons[0].startswith("21 killed")


def test_major_and_verified_add_only_for_live_assessments() -> None:
    inc = make_incident("i", targets=["residential"])
    live = severity(inc, [make_assessment(1, status="verified", major=True)], [])
    dismissed = severity(inc, [make_assessment(1, status="rejected", major=True)], [])
    assert live.score == 10 + 10 + 5
    assert dismissed.score == 10
    assert any("major violation threshold" in r for r in live.reasons)


def test_scale_counts_places_effects_and_people_affected() -> None:
    inc = make_incident("i", places=["A", "B", "C"],
                       effects=[{"code": "power_outage", "quantity": 120_000}, {"code": "fire", "quantity": None}])
    s = severity(inc, [], [])
    # 2 extra places (4) + power outage (3) + fire (2) + 120k affected (2 steps) = 11
    assert s.score == 11
    capped = severity(inc, [], [], SeverityConfig(scale_max=5))
    assert capped.score == 5 and "capped at 5.0" in capped.reasons[0]


def test_repetition_by_the_same_party_only() -> None:
    a = make_assessment(1)
    history = [
        make_incident("h1", "2025-03-20", party="RU", assessments=[a]),
        make_incident("h2", "2025-03-22", party="RU", assessments=[a]),
        make_incident("h3", "2025-03-22", party="UA", assessments=[a]),  # other party
        make_incident("h4", "2025-03-01", party="RU", assessments=[a]),  # outside the 7-day window
        make_incident("h5", "2025-03-23", party="RU", assessments=[make_assessment(2, status="rejected")]),
    ]
    inc = make_incident("now", "2025-03-24", party="RU", assessments=[a])
    s = severity(inc, inc["assessments"], [*history, inc])
    assert s.score == 2 * 4
    assert any("2 other possible violation(s) attributed to RU" in r for r in s.reasons)


def test_parties_swapped_give_the_same_score() -> None:
    a = make_assessment(1)
    incidents = [make_incident(f"i{n}", "2025-03-24", party=p, killed=n, assessments=[a])
                 for n, p in enumerate(["RU", "RU", "UA", "RU", "UA"], start=1)]
    mirrored = swap_parties(incidents)
    for original, swapped in zip(incidents, mirrored, strict=True):
        s1 = severity(original, original["assessments"], incidents)
        s2 = severity(swapped, swapped["assessments"], mirrored)
        assert s1.score == s2.score and s1.level == s2.level
        assert [r.replace("RU", "X").replace("UA", "X") for r in s1.reasons] == \
               [r.replace("RU", "X").replace("UA", "X") for r in s2.reasons]


def test_config_from_dict_overrides_and_validates() -> None:
    cfg = SeverityConfig.from_dict({"killed": {"per_person": 10}, "targets": {"transport.port": 30},
                                    "levels": {"critical": 100}})
    assert cfg.killed_per_person == 10 and cfg.targets["transport.port"] == 30
    assert cfg.targets["energy.nuclear"] == 40  # defaults kept
    assert severity(make_incident("i", targets=["energy.nuclear"]), [], [], cfg).level == "high"
    with pytest.raises(SeverityConfigError) as exc:
        SeverityConfig.from_dict({"killed": {"per_person": -1, "typo": 1}, "targets": {"moon": 5}})
    paths = [p for p, _ in exc.value.problems]
    assert ("killed", "per_person") in paths and ("killed", "typo") in paths and ("targets", "moon") in paths
    with pytest.raises(SeverityConfigError, match="levels must not decrease"):
        SeverityConfig.from_dict({"levels": {"high": 50}})


def test_config_loads_from_a_rules_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "rules.yaml"
    p.write_text("severity:\n  targets: {energy.nuclear: 80}\n"
                 "rules: [{id: a, kind: immediate, when: {severity_at_least: critical}}]\n")
    cfg = SeverityConfig.from_rules_file(p)
    assert cfg.targets["energy.nuclear"] == 80
    assert SeverityConfig.from_rules_file(p) == cfg
