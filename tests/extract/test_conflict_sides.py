"""The two sides of the conflict: a parameter of extraction, taken by the pipeline from the agreements it monitors."""

from __future__ import annotations

from datetime import date

from ceasewatch.extract import extract
from ceasewatch.model.agreements import Agreement, conflict_sides


def _agreement(kind: str, parties: tuple[str, ...]) -> Agreement:
    return Agreement(id=f"{kind}-{'-'.join(parties)}", title=kind, kind=kind, parties=parties)


def test_sides_are_the_parties_common_to_the_ceasefire_type_agreements():
    ags = [_agreement("partial_moratorium", ("RU", "UA")), _agreement("maritime_arrangement", ("RU", "UA", "US")),
           _agreement("pledge_coalition", ("FR", "GB"))]
    assert conflict_sides(ags) == ("RU", "UA")
    assert conflict_sides([_agreement("ceasefire", ("AM", "AZ"))]) == ("AM", "AZ")
    assert conflict_sides([_agreement("pledge_coalition", ("FR", "GB"))]) is None
    assert conflict_sides([_agreement("ceasefire", ("RU", "UA", "US"))]) is None  # three: no pair to infer from


def test_the_enemy_is_the_other_side_of_the_given_conflict():
    text = "The enemy shelled the village overnight, killing two civilians, the Ukrainian General Staff said."
    default = extract(text, published=date(2025, 3, 27))
    (m,) = default.mentions
    assert (m.perpetrator.party_id, m.perpetrator.basis) == ("RU", "inferred")
    # the same statement in a conflict between other parties: the rule applies alike, nothing is inferred
    (m2,) = extract(text, published=date(2025, 3, 27), conflict_parties=("AM", "AZ")).mentions
    assert m2.perpetrator is None
    assert [c.affiliation for c in m2.claimants] == ["third_party_official"]
    assert [c.affiliation for c in m.claimants] == ["party_official"]
