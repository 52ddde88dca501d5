"""Builders shared by the assess tests: hand-made incidents and a party swap (for the neutrality tests)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ceasewatch.commitments import load_bundled
from ceasewatch.model import Actor, Count, DateRange, Effect, Incident, Place
from ceasewatch.model.agreements import Agreement, GeoScope, Reading

REFERENCE_DAY = date(2025, 3, 27)
SWAP = {"RU": "UA", "UA": "RU"}
_BUNDLED: dict[str, Agreement] = {}


def bundled(agreement_id: str) -> Agreement:
    if not _BUNDLED:
        _BUNDLED.update({la.id: la.agreement for la in load_bundled()})
    return _BUNDLED[agreement_id]


def day(d: date = REFERENCE_DAY, end: date | None = None) -> DateRange:
    return DateRange(d, end or d, 1 if end is None or end == d else 2)


def incident(id: str = "x", **fields) -> Incident:
    fields.setdefault("date", day())
    return Incident(id=id, mentions=[], **fields)


def kherson_shelling() -> Incident:
    """(A) shelling in Kherson, one killed, power knocked out; perpetrator not stated."""
    return incident("A", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                    method="artillery", targets=["civilians"], effects=[Effect("power_outage")],
                    killed=Count(best=1, low=1, high=1),
                    places=[Place("Kherson", country_code="UA", admin1="Kherson Oblast", precision=1,
                                  feature="populated_place")])


def drone_strikes() -> Incident:
    """(B) Russian drone strikes injuring more than 20 people."""
    return incident("B", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", method="drone",
                    perpetrator=Actor("Russia", party_id="RU"), targets=["civilians"], injured=Count(low=21))


def energy_strike(with_place: bool = True, **changes) -> Incident:
    """(C) energy facilities damaged in a strike on 27 March, blamed on Moscow by Zelensky."""
    places = [Place("Ukraine", country_code="UA", precision=6, feature="country", basis="inferred")] if with_place else []
    inc = incident("C", targets=["energy"], effects=[Effect("damaged")],
                   perpetrator=Actor("Russia", party_id="RU", basis="stated"), places=places)
    for k, v in changes.items():
        setattr(inc, k, v)
    return inc


def swap_incident(inc: Incident) -> Incident:
    """The same incident with Russia and Ukraine exchanged wherever a party appears."""
    p = inc.perpetrator
    perpetrator = replace(p, party_id=SWAP.get(p.party_id, p.party_id),
                          name={"Russia": "Ukraine", "Ukraine": "Russia"}.get(p.name, p.name)) if p else None
    places = [replace(pl, country_code=SWAP.get(pl.country_code, pl.country_code)) for pl in inc.places]
    return replace(inc, perpetrator=perpetrator, places=places,
                   affected_party=SWAP.get(inc.affected_party, inc.affected_party))


def _swap_all(values):
    return tuple(SWAP.get(v, v) for v in values)


def swap_agreement(a: Agreement) -> Agreement:
    """The agreement with Russia and Ukraine exchanged (parties, obligors, countries, readings)."""
    def scope(s: GeoScope | None) -> GeoScope | None:
        return None if s is None else replace(s, countries=_swap_all(s.countries))

    commitments = tuple(replace(c, obligors=_swap_all(c.obligors), scope=scope(c.scope)) for c in a.commitments)
    readings = {cid: tuple(replace(r, party_id=SWAP.get(r.party_id, r.party_id), scope=scope(r.scope),
                                   obligors=None if r.obligors is None else _swap_all(r.obligors))
                           for r in rs) for cid, rs in a.readings.items()}
    return replace(a, parties=_swap_all(a.parties), commitments=commitments, readings=readings)


def reading(agreement: Agreement, commitment_id: str, party: str | None) -> Reading:
    for r in agreement.readings_of(commitment_id):
        if r.party_id == party:
            return r
    raise KeyError(party)
