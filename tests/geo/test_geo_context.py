"""How place names are written in conflict reports: lists over several oblasts, axes named after towns, ..."""

from __future__ import annotations

from datetime import date

from ceasewatch.geo import geoparse, lookup


def test_a_list_over_several_oblasts_names_each_place_in_its_own_unit():
    # each village is in the unit named after it; neither oblast overrules the places of the other
    p = lookup("Kupyansk direction: areas of the settlements of Sinkovka, Kislovka, Kamenka, Masyutovka of the "
               "Kharkov region and Novoselovskoe of the Luhansk People's Republic.")
    assert p.precision <= 3 and p.admin1 == "Kharkiv Oblast" and p.name == "Synkivka"
    p = lookup("in the areas of the settlements of Novopokrovka of the Zaporozhye region, Antonovka, Tokarevka "
               "and Tyaginka of the Kherson region")
    assert p.precision <= 3


def test_a_towns_adjective_before_an_axis_or_a_colony_is_that_town():
    assert lookup("In the Pokrovsky direction").name == "Pokrovsk"  # not Pokrovskoye in Dagestan
    assert lookup("Kakhovsky direction").name == "Kakhovka"
    assert lookup("Vugledarsky direction").name == "Vuhledar"
    assert lookup("Makeevskaya penal colony").admin1 == "Donetsk Oblast"
    assert lookup("Krasnolimansky direction").name == "Lyman"  # Krasnyi Lyman, the town's old name
    assert lookup("Krasnolimansk direction").name == "Lyman"  # the short adjective
    assert lookup("Kharkiv Oblast in the Kupyan direction.").name == "Kupyansk"  # the town, not the oblast
    # a town named in the list still heads the description; a word that is no town's adjective stays no place
    assert lookup("Kakhovsky direction: near the village of Tyahynka, Kherson region").name == "Tiahynka"
    assert lookup("in the Slavic direction") is None


def test_compass_words_alone_are_no_places():
    assert lookup("southern direction") is None  # not Al Janubi (Israel)
    assert lookup("area of responsibility of the Western Group of Forces") is None  # not Western Province
    assert geoparse("Shelling was reported in the north-west of the city.") == []
    assert lookup("Cape Town, Western Cape").admin1 == "Western Cape"  # a full name that holds one still counts
    assert [m.place.country_code for m in geoparse("Floods hit Central Java on Monday.")] == ["ID"]


def test_a_two_word_slavic_name_is_not_its_one_known_word():
    assert lookup("in Chasovoy Yar").name == "Chasiv Yar"  # not Yar (Udmurtia, or a hamlet elsewhere)
    assert lookup("Nyzhnie Krynka").name == "Nyzhnya Krynka"  # not Nyzhnye (Luhansk)
    assert lookup("Zolotya Niva of the Velikonovosilkiv community").name == "Zolota Nyva"  # not Niva (Crimea)
    assert lookup("Novoselivka Pershii").name == "Novoselivka Persha"
    assert lookup("near Novaya Kamenka, Kherson region").name == "Nova Kamianka"
    # when the whole matches nothing, a bare adjective or short noun is no place ("Nova" is a Chernihiv hamlet)
    p = lookup("in the Kurakhiv direction: in the areas of Novaya Illinka, Berestkiv, Voznesenka, Sontsivka, Zori, "
               "Maksimilianivka, Dalny, Kurakhovo and Antonivka", when=date(2024, 11, 17))
    assert p.name != "Nova" and p.admin1 == "Donetsk Oblast"
    # an island is not the village of a like name
    assert lookup("in the area of Frolov Island, in the area of Krynka Island") is None  # not Frolovo (Volgograd)
    assert lookup("Kruglik Island") is None


def test_a_river_or_a_common_word_does_not_head_a_description():
    assert lookup("Siverskyi Donets river at Bilohorivka").name == "Bilohorivka"
    assert lookup("conflict area") is None  # "Area" is Mundelein, Illinois, only as a cued or lone name


def test_a_citys_district_named_after_another_place_is_that_city():
    # Kuibyshev is Samara's old name; here a district of Donetsk
    assert lookup("an aluminum profile plant (Khimikov Street, 42b) in the Kuibyshev, Donetsk town").name == "Donetsk"
    assert lookup("Kherson (Dnipro district of the city)").name == "Kherson"  # not the Dnipro raion
    # a village of the oblast, or two cities of a list, stay what they were
    assert lookup("Mykolaivka, Donetsk").admin1 == "Donetsk Oblast"
    assert [m.place.name for m in geoparse("Talks between Moscow, Kyiv and Washington stalled.")][:2] == ["Moscow",
                                                                                                         "Kyiv"]


def test_a_masculine_modifier_spelt_with_a_bare_y_opens_a_two_word_name():
    assert lookup("the village of Velyky Vyselok in the Kharkiv region").name == "Velykyi Vyselok"
