"""The rules file (validated whole, file:line errors) and rule evaluation on hand-made incidents."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from escalate_helpers import make_assessment, make_incident, swap_parties

from ceasewatch.escalate import (
    LogChannel,
    RulesFileError,
    WebhookChannel,
    build_channels,
    evaluate,
    load_rules_file,
    load_rules_text,
)

DEFAULTS = load_rules_file()


def rules(text: str, name: str = "rules.yaml"):  # type: ignore[no-untyped-def]
    return load_rules_text(textwrap.dedent(text), name)


# ------------------------------------------------------------------------------------------------ the file
def test_default_rules_load() -> None:
    assert [r.id for r in DEFAULTS.rules] == ["killed-or-nuclear-dam", "pattern-3-in-24h"]
    assert [c.kind for c in DEFAULTS.channels] == ["log"]
    assert DEFAULTS.rules[0].escalation and DEFAULTS.rules[0].escalation.after_minutes == 60


def test_errors_name_file_line_and_field_and_are_all_listed() -> None:
    bad = """\
        channels:
          - id: log
            kind: log
            path: alerts.log
        rules:
          - id: r1
            kind: immediate
            when:
              targets: [energy.moon]
              killed_at_leest: 1
            channels: [pager]
          - id: r1
            kind: pattern
            match: {verdict: [possible_violation]}
            count: 1
    """
    with pytest.raises(RulesFileError) as exc:
        rules(bad)
    err = exc.value
    text = err.details()
    assert str(err).startswith("rules.yaml:9:")  # the first problem, with its line
    assert "rules[0].when.targets[0]: unknown target code 'energy.moon'" in text
    assert "rules.yaml:10:" in text and "unknown key 'killed_at_leest'" in text
    assert "rules[0].channels[0]: no channel 'pager' is defined" in text
    assert "rules[1].count: must be a whole number >= 2" in text
    assert "more errors" in str(err) and "\n" not in str(err)


@pytest.mark.parametrize("text,message", [
    ("rules: [\n  - {id: a\n", "YAML syntax error"),
    ("", "the file is empty"),
    ("rules: []\n", "non-empty list of rules"),
    ("version: 2\nrules: [{id: a, kind: immediate, when: {major: true}}]\n", "unsupported version"),
    ("rules: [{id: a, kind: sometimes, when: {major: true}}]\n", "unknown rule kind"),
    ("rules: [{id: a, kind: immediate}]\n", "needs exactly one of 'when' or 'any_of'"),
    ("rules: [{id: a, kind: immediate, when: {}}]\n", "no conditions"),
    ("rules: [{id: a, kind: immediate, when: {status: [done]}}]\n", "unknown status 'done'"),
    ("rules: [{id: a, kind: immediate, when: {severity_at_least: huge}}]\n", "unknown severity level"),
    ("rules: [{id: a, kind: immediate, when: {major: yes please}}]\n", "must be true or false"),
    ("rules: [{id: a, kind: immediate, when: {major: true}}]\nsome: [{id: a, kind: immediate}]\n",
     "unknown key 'some'"),
    ("channels: [{id: w, kind: webhook, url: ftp://x}]\nrules: [{id: a, kind: immediate, when: {major: true}}]\n",
     "not an http(s) URL"),
    ("channels: [{id: w, kind: webhook, url: 'http://x'}]\nrules: [{id: a, kind: immediate, when: {major: true}}]\n",
     "needs 'secret_env'"),
    ("channels: [{id: l, kind: log}]\nrules: [{id: a, kind: immediate, when: {major: true}}]\n",
     "exactly one of 'path' or 'logger'"),
    ("severity: {killed: {per_person: -3}}\nrules: [{id: a, kind: immediate, when: {major: true}}]\n",
     "rules.yaml:1:"),
    ("rules: [{id: a, kind: pattern, match: {major: true}, window_hours: 0}]\n", "window_hours: must be a number > 0"),
])
def test_bad_files(text: str, message: str) -> None:
    with pytest.raises(RulesFileError) as exc:
        load_rules_text(text, "rules.yaml")
    assert message in exc.value.details(), exc.value.details()


def test_unreadable_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(RulesFileError, match="cannot read"):
        load_rules_file(tmp_path / "nope.yaml")
    p = tmp_path / "latin.yaml"
    p.write_bytes(b"rules:\n  - id: caf\xe9\n")
    with pytest.raises(RulesFileError, match="latin.yaml:2: the file is not UTF-8"):
        load_rules_file(p)


def test_channels_take_secrets_from_the_environment() -> None:
    rs = rules("""\
        channels:
          - {id: hook, kind: webhook, url: "http://127.0.0.1:9/x", secret_env: CW_TEST_SECRET, timeout: 2}
          - {id: log, kind: logger-less, path: a.log}
        rules: [{id: a, kind: immediate, when: {major: true}}]
    """.replace("logger-less", "log"))
    with pytest.raises(RulesFileError, match=r"rules.yaml:2:.*environment variable CW_TEST_SECRET is not set"):
        build_channels(rs, environ={})
    chans = build_channels(rs, environ={"CW_TEST_SECRET": "s3cret"})
    assert isinstance(chans["hook"], WebhookChannel) and chans["hook"].timeout == 2
    assert isinstance(chans["log"], LogChannel)
    assert "s3cret" not in repr(chans["hook"])
    assert rs.rules[0].channels == ("hook", "log")  # a rule without 'channels' uses them all


# ------------------------------------------------------------------------------------------------ immediate
def test_verified_violation_with_killed_or_nuclear_strike_alerts() -> None:
    incidents = [
        make_incident("verified-killed", killed=2, assessments=[make_assessment(1, status="verified")]),
        make_incident("possible-killed", killed=2, assessments=[make_assessment(2, status="possible")]),
        make_incident("verified-no-dead", killed=0, assessments=[make_assessment(3, status="verified")]),
        make_incident("nuclear", targets=["energy.nuclear"]),  # no assessment at all: still "any strike"
        make_incident("dam", targets=["energy.hydro_dam"], assessments=[make_assessment(4, status="rejected")]),
        make_incident("substation", targets=["energy.power.substation"]),
    ]
    out = [c for c in evaluate(incidents, DEFAULTS) if c.level == "immediate"]
    assert sorted(c.subject for c in out) == ["incident:dam", "incident:nuclear", "incident:verified-killed"]
    vk = next(c for c in out if c.subject == "incident:verified-killed")
    assert vk.key == "killed-or-nuclear-dam:incident:verified-killed"
    assert vk.payload["assessments"][0]["id"] == 1 and vk.payload["severity"]["level"] in ("low", "medium")
    assert "attributed to RU (stated)" in vk.message and "2 killed" in vk.message
    assert vk.channels == ("log",) and vk.escalation == {"after_minutes": 60.0, "max_level": 3, "channels": ["log"]}


def test_severity_major_and_attribution_conditions() -> None:
    rs = rules("""\
        rules:
          - id: grave
            kind: immediate
            when: {severity_at_least: high, major: true, attribution: stated}
    """)
    grave = make_incident("g", killed=5, targets=["healthcare"], assessments=[make_assessment(1, major=True)])
    inferred = make_incident("i", killed=5, targets=["healthcare"], basis="inferred",
                             assessments=[make_assessment(2, major=True)])
    not_major = make_incident("n", killed=5, targets=["healthcare"], assessments=[make_assessment(3)])
    mild = make_incident("m", party="UA", killed=1, assessments=[make_assessment(4, major=True)])
    assert [c.subject for c in evaluate([grave, inferred, not_major, mild], rs)] == ["incident:g"]


# ------------------------------------------------------------------------------------------------ pattern
def _possible(iid: str, day: str, party: str = "RU", **kw) -> dict:  # type: ignore[no-untyped-def]
    return make_incident(iid, day, party=party, assessments=[make_assessment(None)], **kw)


def test_three_possible_violations_by_one_party_within_24h() -> None:
    same_day = [_possible(f"p{n}", "2025-03-24") for n in range(3)]
    out = [c for c in evaluate(same_day, DEFAULTS) if c.level == "pattern"]
    assert len(out) == 1
    alert = out[0]
    assert alert.subject == "party:RU:2025-03-24" and alert.key == "pattern-3-in-24h:party:RU:2025-03-24"
    assert [i["id"] for i in alert.payload["incidents"]] == ["p0", "p1", "p2"]
    assert alert.payload["alleged_party"] == "RU"


def test_no_pattern_for_three_spread_over_three_days_or_across_parties() -> None:
    spread = [_possible(f"p{n}", f"2025-03-2{n}") for n in range(3)]
    assert not [c for c in evaluate(spread, DEFAULTS) if c.level == "pattern"]
    mixed = [_possible("a", "2025-03-24", "RU"), _possible("b", "2025-03-24", "UA"),
             _possible("c", "2025-03-24", "RU")]
    assert not [c for c in evaluate(mixed, DEFAULTS) if c.level == "pattern"]


def test_pattern_ignores_unattributed_imprecise_and_dismissed() -> None:
    incidents = [
        _possible("a", "2025-03-24"), _possible("b", "2025-03-24"),
        _possible("c", "2025-03-24", party=None),
        _possible("d", "2025-03-24", precision=3),  # dated to a week only
        make_incident("e", "2025-03-24", assessments=[make_assessment(None, status="rejected")]),
    ]
    assert not [c for c in evaluate(incidents, DEFAULTS) if c.level == "pattern"]


def test_a_wider_window_catches_consecutive_days_and_patterns_do_not_overlap() -> None:
    rs = rules("""\
        rules:
          - {id: p48, kind: pattern, match: {verdict: possible_violation}, count: 3, window_hours: 48}
    """)
    days = ["2025-03-20", "2025-03-21", "2025-03-21", "2025-03-22", "2025-03-25", "2025-03-25", "2025-03-26"]
    out = evaluate([_possible(f"i{n}", d) for n, d in enumerate(days)], rs)
    assert [c.subject for c in out] == ["party:RU:2025-03-20", "party:RU:2025-03-25"]
    assert [len(c.payload["incidents"]) for c in out] == [3, 3]  # i3 (03-22) is outside [03-20, 03-22)


def test_neutrality_swapping_parties_mirrors_every_alert() -> None:
    incidents = [
        *[_possible(f"r{n}", "2025-03-24", "RU") for n in range(3)],
        *[_possible(f"u{n}", f"2025-03-2{n}", "UA") for n in range(3)],
        make_incident("k", "2025-03-25", party="UA", killed=3, assessments=[make_assessment(9, status="verified")]),
        make_incident("n", "2025-03-25", party="RU", targets=["energy.nuclear"]),
    ]
    original = evaluate(incidents, DEFAULTS)
    mirrored = evaluate(swap_parties(incidents), DEFAULTS)
    assert len(original) == len(mirrored) == 3

    def neutral(text: str) -> str:
        return text.replace("RU", "<P>").replace("UA", "<P>")

    def view(cands):  # type: ignore[no-untyped-def]
        return sorted((c.rule_id, neutral(c.key), neutral(c.message), c.payload.get("severity", {}).get("score"))
                      for c in cands)

    assert view(original) == view(mirrored)
    assert {c.subject for c in original if c.level == "pattern"} == {"party:RU:2025-03-24"}
    assert {c.subject for c in mirrored if c.level == "pattern"} == {"party:UA:2025-03-24"}


def test_evaluate_is_pure_and_stable() -> None:
    incidents = [_possible(f"p{n}", "2025-03-24") for n in range(3)]
    snapshot = repr(incidents)
    assert evaluate(incidents, DEFAULTS) == evaluate(list(reversed(incidents)), DEFAULTS)
    assert repr(incidents) == snapshot
