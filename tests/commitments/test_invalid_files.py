"""Bad agreement files are refused whole, with file:line:col, the field and what was expected."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from ceasewatch.commitments import (
    AgreementFileError,
    agreement_from_dict,
    bundled_agreement_paths,
    check_versions,
    load_agreement_file,
    load_agreement_files,
)

GOOD = textwrap.dedent("""\
    id: test-moratorium
    version: 1
    title: A test moratorium
    kind: partial_moratorium
    parties: [RU, UA]
    sources:
      - publisher: Test
        quote: a quote
    status_history:
      - {status: in_force, date: 2025-03-18}
    commitments:
      - id: energy
        text: Do not strike energy.
        kind: refrain
        obligors: [RU, UA]
        targets:
          - energy.power
          - energy.nuclear
          - energy.oil_gas
        window: {start: 2025-03-18, end: 2025-04-17, timezone: Europe/Moscow}
    """)


def write(tmp_path: Path, text: str, name: str = "agreement.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def refused(path: Path) -> AgreementFileError:
    with pytest.raises(AgreementFileError) as info:
        load_agreement_file(path)
    err = info.value
    assert "\n" not in str(err)
    assert "Traceback" not in str(err)
    return err


def test_good_file_loads(tmp_path):
    la = load_agreement_file(write(tmp_path, GOOD))
    assert la.agreement.commitments[0].targets == ("energy.power", "energy.nuclear", "energy.oil_gas")
    assert la.raw["status_history"][0]["date"] == "2025-03-18"  # ISO strings in the raw dict


def test_unknown_target_names_file_line_field_and_expected(tmp_path):
    path = write(tmp_path, GOOD.replace("- energy.oil_gas", "- energy.coal"))
    err = refused(path)
    assert err.file == str(path)
    assert err.line == 19 and err.column == 9
    assert err.field == "commitments[0].targets[2]"
    assert str(err).startswith(f"{path}:19:9: commitments[0].targets[2]: unknown target 'energy.coal'; "
                               "expected one of energy, energy.oil_refinery")
    assert "energy.oil_gas" in err.expected


def test_unknown_act_and_status_terms(tmp_path):
    text = GOOD.replace("obligors: [RU, UA]\n", "obligors: [RU, UA]\n    acts: [drones]\n").replace(
        "status: in_force", "status: enforced")
    err = refused(write(tmp_path, text))
    messages = [str(e) for e in err.errors]
    assert any("status_history[0].status: unknown status 'enforced'" in m for m in messages)
    assert any("commitments[0].acts[0]: unknown act 'drones'" in m and "did you mean 'drone'" in m
               for m in messages)
    assert str(err).endswith("(and 1 more error)")
    assert err.line == 10  # errors are ordered by position: the status comes first


def test_yaml_syntax_error_reports_line_and_column(tmp_path):
    path = write(tmp_path, "id: broken\ntitle: [unclosed\n  commitments: 3\n")
    err = refused(path)
    assert err.line is not None and err.column is not None
    assert str(err).startswith(f"{path}:{err.line}:{err.column}: YAML syntax error")


def test_tab_indentation_is_a_syntax_error(tmp_path):
    err = refused(write(tmp_path, "id: x\ncommitments:\n\t- id: y\n"))
    assert err.line == 3 and "YAML syntax error" in str(err)


def test_json_syntax_error_and_valid_json(tmp_path):
    err = refused(write(tmp_path, '{"id": "x",\n  "title": }', "a.json"))
    assert (err.line, err.column) == (2, 12) and "JSON syntax error" in str(err)
    import yaml

    raw = yaml.safe_load(GOOD)
    raw["status_history"][0]["date"] = "2025-03-18"
    raw["commitments"][0]["window"] = {"start": "2025-03-18", "end": "2025-04-17", "timezone": "Europe/Moscow"}
    raw["commitments"][0]["targets"][1] = "energy.nuke"
    path = write(tmp_path, json.dumps(raw, indent=2), "b.json")
    err = refused(path)
    assert err.field == "commitments[0].targets[1]" and err.line is not None and err.line > 1


def test_unknown_field_missing_field_and_wrong_type(tmp_path):
    text = GOOD.replace("version: 1\n", "version: one\n").replace("title: A test moratorium\n", "").replace(
        "kind: refrain\n", "kind: refrain\n    obligor: [RU]\n")
    err = refused(write(tmp_path, text))
    got = {e.field: str(e) for e in err.errors}
    assert "string 'one' has the wrong type; expected integer" in got["version"]
    assert got["title"].endswith("missing required field 'title'; expected a value for 'title'")
    assert "unknown field 'obligor'" in got["commitments[0].obligor"]
    assert "did you mean 'obligors'" in got["commitments[0].obligor"]


def test_duplicate_keys_are_refused(tmp_path):
    err = refused(write(tmp_path, GOOD.replace("version: 1\n", "version: 1\nversion: 2\n")))
    assert err.line == 3 and "duplicate key 'version'" in str(err)


def test_meaning_checks(tmp_path):
    text = GOOD.replace("timezone: Europe/Moscow", "timezone: Europe/Moskva").replace(
        "end: 2025-04-17", "end: 2025-02-30").replace("obligors: [RU, UA]", "obligors: [RU, BY]") + textwrap.dedent("""\
        readings:
          - commitment: energie
            party: UA
            source: {publisher: Kyiv}
        """)
    err = refused(write(tmp_path, text))
    messages = "\n".join(str(e) for e in err.errors)
    assert "commitments[0].obligors[1]: obligor 'BY' is not among the agreement's parties" in messages
    assert "unknown time zone 'Europe/Moskva'" in messages
    assert "commitments[0].window.end: '2025-02-30' is not a real date or time" in messages
    assert "readings[0].commitment: no commitment with id 'energie'" in messages
    assert ":22:" in messages  # the readings[0].commitment line


def test_window_end_before_start_and_status_order(tmp_path):
    text = GOOD.replace("end: 2025-04-17", "end: 2025-03-01").replace(
        "  - {status: in_force, date: 2025-03-18}\n",
        "  - {status: in_force, date: 2025-03-18}\n  - {status: proposed, date: 2025-03-11}\n")
    err = refused(write(tmp_path, text))
    messages = "\n".join(str(e) for e in err.errors)
    assert "status_history[1].date: 2025-03-11 comes before the previous change" in messages
    assert "window ends (2025-03-01) before it starts (2025-03-18)" in messages


def test_empty_and_non_mapping_files(tmp_path):
    assert "empty" in str(refused(write(tmp_path, "")))
    assert "not an agreement" in str(refused(write(tmp_path, "- a\n- b\n")))
    err = refused(write(tmp_path, "id: x", "agreement.txt"))
    assert "unsupported file type" in str(err)


def test_agreement_from_dict_validates_without_lines():
    import yaml

    raw = yaml.safe_load(GOOD.replace("energy.nuclear", "energy.atomic"))
    raw = json.loads(json.dumps(raw, default=str))
    with pytest.raises(AgreementFileError) as info:
        agreement_from_dict(raw)
    assert info.value.field == "commitments[0].targets[1]" and info.value.line is None
    assert str(info.value).startswith("<input>: commitments[0].targets[1]: unknown target 'energy.atomic'")


# ------------------------------------------------------------------------------------------ versions
def test_same_version_with_different_content_is_refused(tmp_path):
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, GOOD.replace("A test moratorium", "A changed moratorium"), "b.yaml")
    with pytest.raises(AgreementFileError) as info:
        load_agreement_files([a, b])
    err = info.value
    assert err.file == str(b) and err.line == 2 and err.field == "version"
    assert "version 1 is also defined, with different content, in" in str(err)


def test_overlapping_validity_of_versions_is_refused(tmp_path):
    v1 = GOOD.replace("version: 1\n", "version: 1\nvalid_from: 2025-03-18\n")
    v2 = GOOD.replace("version: 1\n", "version: 2\nvalid_from: 2025-04-01\n")
    a, b = write(tmp_path, v1, "v1.yaml"), write(tmp_path, v2, "v2.yaml")
    with pytest.raises(AgreementFileError) as info:
        load_agreement_files([a, b])
    assert "overlaps version 1" in str(info.value) and info.value.line == 3
    # Closing version 1 where version 2 starts removes the overlap.
    write(tmp_path, v1.replace("valid_from: 2025-03-18\n", "valid_from: 2025-03-18\nvalid_until: 2025-04-01\n"),
          "v1.yaml")
    loaded = load_agreement_files([a, b])
    assert [la.version for la in loaded] == [1, 2]


def test_the_same_file_twice_is_not_a_clash(tmp_path):
    a = write(tmp_path, GOOD, "a.yaml")
    b = write(tmp_path, GOOD, "b.yaml")
    check_versions([load_agreement_file(a), load_agreement_file(b)])


def test_a_folder_with_one_bad_file_loads_nothing(tmp_path):
    for p in bundled_agreement_paths():
        shutil.copy(p, tmp_path / p.name)
    write(tmp_path, GOOD.replace("energy.power", "energy.powr"), "zz-bad.yaml")
    with pytest.raises(AgreementFileError) as info:
        load_agreement_files([tmp_path])
    assert info.value.file.endswith("zz-bad.yaml") and info.value.line == 17
    (tmp_path / "zz-bad.yaml").unlink()
    assert len(load_agreement_files([tmp_path])) == 4


def test_json_with_tabs_and_exponents_loads_with_positions(tmp_path):
    import yaml

    raw = json.loads(json.dumps(yaml.safe_load(GOOD), default=str))
    raw["commitments"][0]["major"] = {"min_killed": 1, "note": "x"}
    text = json.dumps(raw, indent="\t")
    la = load_agreement_file(write(tmp_path, text, "tabs.json"))
    assert la.agreement.commitments[0].major.min_killed == 1
    assert la.positions[("commitments", 0, "targets", 1)][0] > 1
    bad = text.replace('"energy.nuclear"', '"energy.nukular"')
    err = refused(write(tmp_path, bad, "tabs-bad.json"))
    assert err.field == "commitments[0].targets[1]"
    assert err.line == bad.splitlines().index(next(line for line in bad.splitlines() if "nukular" in line)) + 1
    dup = refused(write(tmp_path, '{"id": "x", "id": "y"}', "dup.json"))
    assert "duplicate key 'id'" in str(dup)
