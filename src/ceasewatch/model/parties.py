"""Parties to agreements and conflicts: states (with ISO 3166 codes), armed groups, organisations.

The registry here is the neutral reference list every stage uses to turn a name in a text ("Moscow",
"Kyiv", "Russian forces") into a party id; every rule is applied to every party alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Party:
    id: str  # stable slug, e.g. "RU", "UA" for states (ISO 3166-1 alpha-2), "EU", "NATO"
    name: str
    kind: str = "state"  # state, organisation, coalition, armed_group
    iso3166: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    demonyms: tuple[str, ...] = field(default_factory=tuple)
    capital: str | None = None


# The parties the bundled agreements and example reports refer to. Aliases include metonyms (a capital
# standing for its government) because reports use them for attribution ("blamed on Moscow").
KNOWN_PARTIES: tuple[Party, ...] = (
    Party("RU", "Russia", iso3166="RU", aliases=("Russian Federation", "Kremlin"),
          demonyms=("Russian", "Russians"), capital="Moscow"),
    Party("UA", "Ukraine", iso3166="UA", aliases=(),
          demonyms=("Ukrainian", "Ukrainians"), capital="Kyiv"),
    Party("US", "United States", iso3166="US", aliases=("U.S.", "US", "USA", "United States of America",
          "White House", "Washington"), demonyms=("American", "Americans")),
    Party("FR", "France", iso3166="FR", demonyms=("French",), capital="Paris"),
    Party("GB", "United Kingdom", iso3166="GB", aliases=("U.K.", "UK", "Britain", "Great Britain"),
          demonyms=("British",), capital="London"),
    Party("TR", "Türkiye", iso3166="TR", aliases=("Turkey", "Turkiye"), demonyms=("Turkish",),
          capital="Ankara"),
    Party("SA", "Saudi Arabia", iso3166="SA", demonyms=("Saudi",), capital="Riyadh"),
    Party("DE", "Germany", iso3166="DE", demonyms=("German",), capital="Berlin"),
    Party("EU", "European Union", kind="organisation", aliases=("EU", "European Council",
          "European Commission"), demonyms=("European",)),
    Party("NATO", "NATO", kind="organisation", aliases=("North Atlantic Treaty Organization",)),
    Party("UN", "United Nations", kind="organisation", aliases=("UN", "U.N.")),
)

_CAPITAL_VARIANTS = {"Kyiv": ("Kiev",), "Moscow": ()}


def party_by_id(party_id: str) -> Party | None:
    for p in KNOWN_PARTIES:
        if p.id == party_id:
            return p
    return None


def party_names(party: Party) -> tuple[str, ...]:
    """Every surface form that designates the party: name, aliases, demonyms and capital metonyms."""
    names = [party.name, *party.aliases, *party.demonyms]
    if party.capital:
        names.append(party.capital)
        names.extend(_CAPITAL_VARIANTS.get(party.capital, ()))
    return tuple(names)
