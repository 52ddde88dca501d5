"""Controlled vocabularies shared by every stage: event types, methods, targets, effects, affiliations.

Event types follow ACLED's codebook (event_type / sub_event_type) so exports line up with the field's
standard; methods, targets and effects are ceasewatch's finer codes. Targets and methods are hierarchical
dotted codes ("energy.power.substation"): a selector matches a code when it equals it or is a prefix of it
at a dot boundary, so an agreement can protect "energy" as a whole or "energy.nuclear" alone.
"""

from __future__ import annotations

from typing import Final

EVENT_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Suicide bomb",
    ),
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TO_TYPE: Final[dict[str, str]] = {
    sub: event_type for event_type, subs in EVENT_TYPES.items() for sub in subs
}

METHODS: Final[tuple[str, ...]] = (
    "drone",  # UAV, loitering munition, Shahed/Geran
    "missile",
    "missile.cruise",
    "missile.ballistic",
    "guided_aerial_bomb",
    "aircraft",
    "artillery",  # shelling, howitzers
    "mlrs",  # multiple rocket launchers (Grad, Uragan, HIMARS)
    "mortar",
    "naval",
    "ground_assault",
    "small_arms",
    "mine",
    "explosive",
)

TARGETS: Final[tuple[str, ...]] = (
    "energy",
    "energy.oil_refinery",
    "energy.oil_gas",  # pipelines, storage, pumping stations
    "energy.power",  # generation and transmission
    "energy.power.plant",
    "energy.power.substation",
    "energy.power.transformer",
    "energy.power.distribution",
    "energy.nuclear",
    "energy.hydro_dam",
    "civilians",  # people as the stated victims
    "residential",
    "healthcare",
    "education",
    "transport",
    "transport.rail",
    "transport.port",
    "transport.bridge",
    "transport.road",
    "transport.airport",
    "commercial_vessel",
    "agriculture",  # grain storage, farms
    "industrial",
    "commercial",
    "government",
    "cultural",  # cultural and religious sites
    "military",
    "infrastructure",  # unspecified civilian infrastructure
)

EFFECTS: Final[tuple[str, ...]] = (
    "power_outage",
    "water_outage",
    "heating_outage",
    "gas_outage",
    "fire",
    "damaged",
    "destroyed",
)

# An effect that betrays a target category even when the text never names the target: a power cut after a
# strike means something on the grid was probably hit. Used to flag incidents for review, never as proof.
EFFECT_IMPLIES_TARGET: Final[dict[str, str]] = {
    "power_outage": "energy.power",
    "heating_outage": "energy",
    "gas_outage": "energy.oil_gas",
}

AFFILIATIONS: Final[tuple[str, ...]] = (
    "party_official",  # a government, army or official of a party to the conflict
    "party_aligned_media",  # state or party-controlled media
    "independent_media",
    "monitor",  # monitoring missions, UN, NGOs doing field verification
    "third_party_official",  # officials of states not party to the conflict
    "unknown",
)

MODALITIES: Final[tuple[str, ...]] = ("asserted", "denied", "hypothetical", "background")

# UCDP GED date_prec: 1 exact day, 2 two to six days, 3 a week, 4 a month, 5 a year.
DATE_PRECISIONS: Final[tuple[int, ...]] = (1, 2, 3, 4, 5)
# UCDP GED where_prec: 1 exact place, 2 within 25 km, 3 second-order admin, 4 first-order admin,
# 5 linear feature / region, 6 country, 7 water or air.
PLACE_PRECISIONS: Final[tuple[int, ...]] = (1, 2, 3, 4, 5, 6, 7)


def code_matches(selector: str, code: str) -> bool:
    """True when ``code`` is ``selector`` or lies under it in the dotted hierarchy."""
    return code == selector or code.startswith(selector + ".")


def is_known_code(code: str, vocabulary: tuple[str, ...]) -> bool:
    return code in vocabulary
