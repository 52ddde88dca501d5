"""The matching engine: which commitments an incident may violate, and why.

``assess`` checks one incident against one commitment under one reading and returns an Assessment whose
rule trace lists six criteria, each met / not met / unknown, with the incident fields and the clause used:

  time_window  the incident's dates against the reading's [start, end) window
  area         the incident's places against the reading's geographic scope
  act          the incident's method / sub-event / event type against the prohibited acts
  target       the incident's targets (and effects that imply a target) against the protected targets
  obligor      the alleged perpetrator against the obligor parties
  conditions   the agreement's status on the incident's dates, conditions precedent, whether the reading
               holds the commitment binding at all

Verdict: any criterion not met -> not_applicable (stated facts fall outside the commitment); otherwise any
unknown -> indeterminate (the incident is silent on something that matters); otherwise possible_violation.
A criterion is unknown only when the incident says nothing about it. Rules name no party: swapping the
parties in an incident (and in the agreement) mirrors the verdict. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..commitments.scope import area_relation, date_range_bounds, describe_window, interval_relation
from ..model import taxonomy
from ..model.agreements import Agreement, Commitment, Reading
from ..model.assessments import Assessment, Criterion, CriterionResult, Verdict
from ..model.events import Incident

_EFFECT_WORDS = {
    "power_outage": "power outage",
    "heating_outage": "heating outage",
    "gas_outage": "gas outage",
    "water_outage": "water outage",
}
_TARGET_WORDS = {
    "energy": "energy infrastructure",
    "energy.power": "electricity infrastructure",
    "energy.oil_gas": "oil and gas infrastructure",
}


def _clause(agreement: Agreement, commitment: Commitment, reading: Reading, part: str) -> str:
    where = f"{agreement.id}@{agreement.version}#{commitment.id}.{part}"
    if reading.party_id is not None:
        where += f" (reading {reading.party_id})"
    return where


def _fmt_range(incident: Incident) -> str:
    d = incident.date
    if d is None:
        return "no date"
    return d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()}..{d.end.isoformat()}"


# ------------------------------------------------------------------------------------------ criteria
def _time_window(incident: Incident, effective: Commitment, clause: str) -> Criterion:
    window = effective.window
    fields = ("date",)
    if window.start is None and window.end is None:
        return Criterion("time_window", "met", "the commitment has no time limit", fields, clause)
    if incident.date is None:
        return Criterion("time_window", "unknown", f"the incident states no date; window {describe_window(window)}",
                         fields, clause)
    lo, hi = date_range_bounds(incident.date.start, incident.date.end, window.timezone)
    rel = interval_relation(window, lo, hi)
    days = f"incident {_fmt_range(incident)} (days read in {window.timezone})"
    if rel == "inside":
        return Criterion("time_window", "met", f"{days} lies within {describe_window(window)}", fields, clause)
    if rel == "outside":
        return Criterion("time_window", "not_met", f"{days} lies outside {describe_window(window)}", fields, clause)
    return Criterion("time_window", "unknown",
                     f"{days} straddles a boundary of {describe_window(window)}: the exact day is not known",
                     fields, clause)


def _area(incident: Incident, effective: Commitment, clause: str) -> Criterion:
    ok, why = area_relation(list(incident.places), effective.scope)
    result: CriterionResult = "met" if ok is True else "not_met" if ok is False else "unknown"
    return Criterion("area", result, why, ("places",), clause)


def _is_force(incident: Incident) -> tuple[bool | None, str]:
    method, sub, etype = incident.method, incident.sub_event_type, incident.event_type
    if sub and not etype:
        etype = taxonomy.SUB_EVENT_TO_TYPE.get(sub)
    if method and method in taxonomy.METHODS:
        return True, f"method {method!r} is a use of force"
    if etype:
        if etype in taxonomy.FORCE_EVENT_TYPES:
            return True, f"event type {etype!r} is a use of force"
        return False, f"event type {etype!r}{f' / {sub!r}' if sub else ''} is not a use of force"
    if method:
        return False, f"method {method!r} is not a use of force"
    effects = [e.code for e in incident.effects if e.code in taxonomy.FORCE_EFFECTS]
    casualties = (incident.killed.floor() or 0) > 0 or (incident.injured.floor() or 0) > 0
    if effects or casualties:
        what = ", ".join(effects) + (" and " if effects and casualties else "") + ("casualties" if casualties else "")
        return True, f"no method or event type stated; force inferred from stated {what}"
    return None, "the incident states no method, event type or effect of force"


def _method_subs(method: str) -> set[str]:
    """The ACLED sub-event types a method (or any method under it) is coded under."""
    subs: set[str] = set()
    for m, codes in taxonomy.METHOD_SUB_EVENTS.items():
        if taxonomy.code_matches(m, method) or taxonomy.code_matches(method, m):
            subs.update(codes)
    return subs


def _selector_subs(sel: str) -> set[str]:
    if sel in taxonomy.SUB_EVENT_TO_TYPE:
        return {sel}
    if sel in taxonomy.EVENT_TYPES:
        return set(taxonomy.EVENT_TYPES[sel])
    return _method_subs(sel)


def _is_method_selector(sel: str) -> bool:
    return sel not in taxonomy.SUB_EVENT_TO_TYPE and sel not in taxonomy.EVENT_TYPES


def _act_selector(sel: str, method: str | None, sub: str | None, etype: str | None) -> tuple[CriterionResult, str]:
    """How one act selector applies to the incident's method / sub-event / event type."""
    if method:
        if _is_method_selector(sel):
            if taxonomy.code_matches(sel, method):
                return "met", f"method {method!r} matches the prohibited act {sel!r}"
            if taxonomy.code_matches(method, sel):
                return "unknown", f"method {method!r} is broader than the prohibited {sel!r}"
            return "not_met", f"method {method!r} is not {sel!r}"
        if sub:
            ok = sub in _selector_subs(sel)
            return ("met" if ok else "not_met"), f"sub-event type {sub!r} {'is' if ok else 'is not'} {sel!r}"
        if etype and sel in taxonomy.EVENT_TYPES:
            ok = etype == sel
            return ("met" if ok else "not_met"), f"event type {etype!r} {'is' if ok else 'is not'} {sel!r}"
        msubs, ssubs = _method_subs(method), _selector_subs(sel)
        if msubs and msubs <= ssubs:
            return "met", f"method {method!r} is always coded as {sel!r}"
        if msubs & ssubs:
            return "unknown", f"method {method!r} may or may not be coded as {sel!r}"
        return "not_met", f"method {method!r} is not {sel!r}"
    if sub:
        ok = sub in _selector_subs(sel)
        if _is_method_selector(sel):
            return ("unknown" if ok else "not_met"), (f"no method stated; {sub!r} may be {sel!r}" if ok
                                                      else f"sub-event type {sub!r} cannot be {sel!r}")
        return ("met" if ok else "not_met"), f"sub-event type {sub!r} {'is' if ok else 'is not'} {sel!r}"
    if etype:
        if sel in taxonomy.EVENT_TYPES:
            ok = etype == sel
            return ("met" if ok else "not_met"), f"event type {etype!r} {'is' if ok else 'is not'} {sel!r}"
        ok = any(taxonomy.SUB_EVENT_TO_TYPE.get(x) == etype for x in _selector_subs(sel))
        return ("unknown" if ok else "not_met"), (f"only the event type {etype!r} is stated; it may be {sel!r}"
                                                  if ok else f"event type {etype!r} cannot be {sel!r}")
    return "unknown", "the incident states no method or event type"


def _act(incident: Incident, effective: Commitment, clause: str) -> Criterion:
    fields = ("method", "sub_event_type", "event_type")
    if effective.kind == "report":
        return Criterion("act", "not_met", "a reporting commitment: an incident cannot breach it", fields, clause)
    if not effective.acts:
        if effective.kind == "ensure" and not effective.targets:
            return Criterion("act", "not_met", "a positive undertaking with no prohibited act or protected target: "
                             "an incident cannot breach it", fields, clause)
        ok, why = _is_force(incident)
        result: CriterionResult = "met" if ok else "not_met" if ok is False else "unknown"
        return Criterion("act", result, f"any use of force is covered; {why}", fields, clause)
    method, sub = incident.method, incident.sub_event_type
    etype = incident.event_type or (taxonomy.SUB_EVENT_TO_TYPE.get(sub) if sub else None)
    results = [(sel, *_act_selector(sel, method, sub, etype)) for sel in effective.acts]
    for wanted in ("met", "unknown"):
        hits = [why for _, r, why in results if r == wanted]
        if hits:
            return Criterion("act", wanted, "; ".join(hits), fields, clause)
    return Criterion("act", "not_met", f"not among the prohibited acts ({', '.join(effective.acts)}): "
                     + "; ".join(why for _, _, why in results), fields, clause)


def _target_matches(code: str, selectors: tuple[str, ...]) -> tuple[str, str] | None:
    """('exact'|'generic', selector) when an incident target code matches the protected selectors."""
    for sel in selectors:
        if taxonomy.code_matches(sel, code):
            return "exact", sel
    for sel in selectors:
        if taxonomy.code_matches(code, sel):
            return "generic", sel
    return None


def _target(incident: Incident, effective: Commitment, clause: str) -> tuple[Criterion, list[str]]:
    fields = ("targets", "effects")
    flags: list[str] = []
    selectors = effective.targets
    if not selectors:
        return Criterion("target", "met", "the commitment protects every target", fields, clause), flags
    exact, generic = [], []
    for t in incident.targets:
        m = _target_matches(t, selectors)
        if m and m[0] == "exact":
            exact.append(f"{t!r} is under the protected {m[1]!r}")
        elif m:
            generic.append(t)
    if exact:
        return Criterion("target", "met", "; ".join(exact), ("targets",), clause), flags
    if generic:
        covered = [s for s in selectors if any(taxonomy.code_matches(g, s) for g in generic)]
        detail = (f"generic target {', '.join(repr(g) for g in generic)} includes protected categories "
                  f"({', '.join(covered)}); the category is not specific")
        return Criterion("target", "met", detail, ("targets",), clause), flags
    # No stated target matches: look at unspecific targets and at effects that betray a protected target.
    hints = []
    for t in incident.targets:
        for cat in taxonomy.UNSPECIFIC_TARGETS.get(t, ()):
            hit = _target_matches(cat, selectors)
            if hit:
                hints.append(f"unspecific target {t!r} may be {cat!r}")
                flags.append(f"review: unspecific target {t!r} may include protected {cat} targets")
                break
    for e in incident.effects:
        implied = taxonomy.EFFECT_IMPLIES_TARGET.get(e.code)
        if implied and _target_matches(implied, selectors):
            hints.append(f"effect {e.code!r} may indicate a strike on {implied!r}")
            flags.append(f"review: {_EFFECT_WORDS.get(e.code, e.code)} effect may indicate a strike on "
                         f"{_TARGET_WORDS.get(implied, implied)}")
    stated = ", ".join(repr(t) for t in incident.targets)
    if hints:
        prefix = f"stated target(s) {stated} not protected, but " if incident.targets else "no target stated; "
        return Criterion("target", "unknown", prefix + "; ".join(hints), fields, clause), flags
    if incident.targets:
        return Criterion("target", "not_met", f"stated target(s) {stated} not among the protected "
                         f"({', '.join(selectors)})", ("targets",), clause), flags
    return Criterion("target", "unknown", f"the incident states no target; protected: {', '.join(selectors)}",
                     fields, clause), flags


def _obligor(incident: Incident, agreement: Agreement, effective: Commitment, clause: str) -> Criterion:
    fields = ("perpetrator",)
    obligors = agreement.parties if tuple(effective.obligors) == ("*",) else tuple(effective.obligors)
    who = ", ".join(obligors)
    p = incident.perpetrator
    if p is None:
        return Criterion("obligor", "unknown", f"the incident names no perpetrator; obligors: {who}", fields, clause)
    if p.party_id is None:
        return Criterion("obligor", "unknown", f"perpetrator {p.name!r} is not resolved to a party; obligors: {who}",
                         fields, clause)
    if p.party_id in obligors:
        if p.basis == "inferred":
            reason = f" ({p.reason})" if p.reason else ""
            return Criterion("obligor", "met", f"perpetrator {p.party_id} is an obligor, but the attribution is "
                             f"inferred, not stated{reason}", fields, clause)
        return Criterion("obligor", "met", f"perpetrator {p.party_id} (stated) is an obligor", fields, clause)
    return Criterion("obligor", "not_met", f"perpetrator {p.party_id} is not among the obligors ({who})",
                     fields, clause)


def _days(incident: Incident) -> list[date]:
    d = incident.date
    if d is None:
        return []
    return [d.start] if d.start == d.end else [d.start, d.end]


def _conditions(incident: Incident, agreement: Agreement, commitment: Commitment, reading: Reading,
                effective: Commitment, clause: str) -> Criterion:
    fields = ("date",)
    notes = []
    if effective.reciprocity:
        notes.append(f"reciprocity: {effective.reciprocity}")
    if effective.release:
        notes.append(f"release: {effective.release} (whether a party invoked it is not assessed)")
    tail = ("; " + "; ".join(notes)) if notes else ""
    if not reading.binds(commitment):
        if reading.party_id is None:
            why = "the published text contains no such commitment (only some parties read it in)"
        else:
            why = f"{reading.party_id} does not read this commitment as binding"
        return Criterion("conditions", "not_met", why + tail, (), clause)
    history = reading.status_history if reading.status_history is not None else agreement.status_history
    history_name = f"{reading.party_id}'s status dates" if reading.status_history is not None else "status history"
    if history:
        days = _days(incident)
        if not days:
            return Criterion("conditions", "unknown", f"the incident states no date to check the agreement's "
                             f"status against ({history_name}){tail}", fields, clause)
        statuses = []
        for day in days:
            statuses.append(agreement.status_on(day, history))
        in_force = [s in taxonomy.IN_FORCE_STATUSES for s in statuses]
        # Inside a date range the status might change more than once: check every change between the ends.
        if len(days) == 2:
            for change in history:
                if days[0] < change.date <= days[1]:
                    in_force.append(change.status in taxonomy.IN_FORCE_STATUSES)
        if not any(in_force):
            status = statuses[-1] or "not yet announced"
            return Criterion("conditions", "not_met", f"agreement not in force ({status}) on {_fmt_range(incident)} "
                             f"({history_name}){tail}", fields, clause)
        if not all(in_force):
            return Criterion("conditions", "unknown", f"the agreement's status changes within {_fmt_range(incident)} "
                             f"({' / '.join(str(s) for s in statuses)}){tail}", fields, clause)
        status_text = f"agreement in force ({statuses[-1]}) on {_fmt_range(incident)}"
    else:
        status_text = "no status history recorded"
    if effective.conditions:
        conds = "; ".join(effective.conditions)
        if effective.conditions_met is False:
            return Criterion("conditions", "not_met", f"{status_text}; conditions precedent unmet: {conds}{tail}",
                             fields, clause)
        if effective.conditions_met is None:
            return Criterion("conditions", "unknown", f"{status_text}; conditions precedent disputed: {conds}{tail}",
                             fields, clause)
        return Criterion("conditions", "met", f"{status_text}; conditions precedent met: {conds}{tail}",
                         fields, clause)
    return Criterion("conditions", "met", f"{status_text}; no conditions precedent{tail}", fields, clause)


# ------------------------------------------------------------------------------------------ verdict
def _verdict(trace: list[Criterion]) -> Verdict:
    results = {c.result for c in trace}
    if "not_met" in results:
        return "not_applicable"
    if "unknown" in results:
        return "indeterminate"
    return "possible_violation"


def _major(incident: Incident, effective: Commitment) -> tuple[bool, str | None]:
    t = effective.major
    if t is None:
        return False, None
    reasons = []
    killed, injured = incident.killed.floor(), incident.injured.floor()
    if t.min_killed is not None and killed is not None and killed >= t.min_killed:
        reasons.append(f"killed >= {t.min_killed}")
    if t.min_injured is not None and injured is not None and injured >= t.min_injured:
        reasons.append(f"injured >= {t.min_injured}")
    hit = [x for x in incident.targets if any(taxonomy.code_matches(sel, x) for sel in t.targets)]
    if hit:
        reasons.append(f"target {', '.join(hit)}")
    return bool(reasons), ", ".join(reasons) or None


def assess(incident: Incident, agreement: Agreement, commitment: Commitment, reading: Reading) -> Assessment:
    """Assess ``incident`` against ``commitment`` of ``agreement`` as ``reading`` reads it."""
    effective = reading.apply(commitment)

    def clause(part: str) -> str:
        return _clause(agreement, commitment, reading, part)

    target, flags = _target(incident, effective, clause("targets"))
    trace = [
        _time_window(incident, effective, clause("window")),
        _area(incident, effective, clause("scope")),
        _act(incident, effective, clause("acts")),
        target,
        _obligor(incident, agreement, effective, clause("obligors")),
        _conditions(incident, agreement, commitment, reading, effective, clause("conditions")),
    ]
    verdict = _verdict(trace)
    major, why_major = _major(incident, effective)
    flags = list(dict.fromkeys(flags))
    if verdict == "possible_violation" and effective.exceptions:
        flags.append("review: exceptions not checked automatically: " + "; ".join(effective.exceptions))
    if verdict == "possible_violation":
        for c in trace:
            if c.name == "obligor" and "inferred" in c.detail:
                flags.append("review: perpetrator inferred, not stated")
            if c.name == "target" and "not specific" in c.detail:
                flags.append("review: generic target; the protected category is not specific")
    if verdict != "possible_violation" and major and verdict == "indeterminate":
        flags.append(f"review: would be major if confirmed ({why_major})")
    return Assessment(
        incident_id=incident.id,
        agreement_id=agreement.id,
        commitment_id=commitment.id,
        reading=reading.label,
        verdict=verdict,
        rule_trace=trace,
        status="not_applicable" if verdict == "not_applicable" else "possible",
        flags=flags,
        major=bool(major and verdict == "possible_violation"),
    )


def assess_incident(incident: Incident, agreements: Iterable[Agreement]) -> list[Assessment]:
    """Every commitment of every agreement, under every reading (the text's first, then each party's)."""
    out: list[Assessment] = []
    for agreement in agreements:
        for commitment in agreement.commitments:
            for reading in agreement.readings_of(commitment.id):
                out.append(assess(incident, agreement, commitment, reading))
    return out


def summarise(assessment: Assessment) -> str:
    """One line: the verdict and the criteria that decided it (for CLI output and logs)."""
    deciding = [c for c in assessment.rule_trace if c.result != "met"] or assessment.rule_trace
    parts = [f"{c.name} {c.result.replace('_', ' ')}: {c.detail}" for c in deciding]
    return f"{assessment.verdict.replace('_', ' ')} [{assessment.reading}] " + " | ".join(parts)
