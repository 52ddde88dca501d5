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

MODALITIES: Final[tuple[str, ...]] = ("asserted", "denied", "hypothetical", "background", "unspecified")

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


# ---------------------------------------------------------------------------------------------------------
# Agreements ("commitments as data"): the vocabularies of the agreement file format (docs/agreements.md).

AGREEMENT_KINDS: Final[tuple[str, ...]] = (
    "ceasefire",  # a full cessation of hostilities
    "partial_moratorium",  # a halt on some acts or targets only (e.g. strikes on energy infrastructure)
    "maritime_arrangement",  # navigation and the use of force at sea
    "pledge_coalition",  # a proposal or pledge by a group of states (forces, money, guarantees)
)

COMMITMENT_KINDS: Final[tuple[str, ...]] = (
    "refrain",  # must not do the listed acts against the listed targets
    "ensure",  # must bring about an outcome (safe navigation); incidents can breach it only through acts
    "report",  # must inform or notify; never breached by an incident alone
)

# Status of an agreement over time, after PA-X / ETH-PRIO ceasefire coding.
AGREEMENT_STATUSES: Final[tuple[str, ...]] = (
    "proposed",
    "announced",  # made public as agreed, but not (yet) in force, e.g. awaiting conditions precedent
    "agreed",
    "in_force",
    "extended",
    "suspended",
    "lapsed",
    "expired",
    "withdrawn",
)
IN_FORCE_STATUSES: Final[frozenset[str]] = frozenset({"in_force", "extended"})

# Acts an agreement may prohibit that are not methods of attack. Act selectors in agreement files are METHODS
# codes, these codes, ACLED sub-event types or ACLED event types.
EXTRA_ACTS: Final[tuple[str, ...]] = (
    "warship_movement",  # movement of naval combatants out of an agreed area
    "commercial_vessel_military_use",  # use of commercial vessels for military purposes
)

# ACLED event types that are a use of force (a commitment with no act selectors prohibits any of them).
FORCE_EVENT_TYPES: Final[tuple[str, ...]] = (
    "Explosions/Remote violence",
    "Battles",
    "Violence against civilians",
)

# Which ACLED sub-event types a method of attack is coded under; lets an act selector over methods give
# "unknown" (rather than "not met") when a report names the sub-event type but not the method.
METHOD_SUB_EVENTS: Final[dict[str, tuple[str, ...]]] = {
    "drone": ("Air/drone strike",),
    "missile": ("Shelling/artillery/missile attack", "Air/drone strike"),
    "guided_aerial_bomb": ("Air/drone strike",),
    "aircraft": ("Air/drone strike",),
    "artillery": ("Shelling/artillery/missile attack",),
    "mlrs": ("Shelling/artillery/missile attack",),
    "mortar": ("Shelling/artillery/missile attack",),
    "naval": ("Shelling/artillery/missile attack", "Armed clash"),
    "ground_assault": ("Armed clash", "Attack", "Government regains territory",
                       "Non-state actor overtakes territory"),
    "small_arms": ("Armed clash", "Attack"),
    "mine": ("Remote explosive/landmine/IED",),
    "explosive": ("Remote explosive/landmine/IED", "Grenade", "Suicide bomb"),
}

# Targets a report may name without saying which kind they are: "infrastructure" may be energy, transport...
# An incident target listed here gives "unknown" (not "not met") against selectors under these categories.
UNSPECIFIC_TARGETS: Final[dict[str, tuple[str, ...]]] = {
    "infrastructure": ("energy", "transport", "agriculture", "industrial"),
}

# Effects that show force was used even when the report names no method or event type.
FORCE_EFFECTS: Final[tuple[str, ...]] = ("damaged", "destroyed", "fire")


def act_selectors() -> tuple[str, ...]:
    """Every term an agreement's act selector may use: methods, extra acts, ACLED sub-event and event types."""
    return (*METHODS, *EXTRA_ACTS, *SUB_EVENT_TO_TYPE, *EVENT_TYPES)
