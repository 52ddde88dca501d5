"""How place names are written in conflict reports: lists over several oblasts, axes named after towns, ..."""

from __future__ import annotations

from ceasewatch.geo import lookup


def test_a_list_over_several_oblasts_names_each_place_in_its_own_unit():
    # each village is in the unit named after it; neither oblast overrules the places of the other
    p = lookup("Kupyansk direction: areas of the settlements of Sinkovka, Kislovka, Kamenka, Masyutovka of the "
               "Kharkov region and Novoselovskoe of the Luhansk People's Republic.")
    assert p.precision <= 3 and p.admin1 == "Kharkiv Oblast" and p.name == "Synkivka"
    p = lookup("in the areas of the settlements of Novopokrovka of the Zaporozhye region, Antonovka, Tokarevka "
               "and Tyaginka of the Kherson region")
    assert p.precision <= 3
