"""The report stage: a Markdown report of incidents, assessments and statements, plus its JSON twin.

The report says who claims what: every row names its claimants and the basis of any attribution, and a
"possible violation" is labelled as the engine's screening verdict, not a finding, until a reviewer
verifies it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

VERDICT_LABEL = {
    "possible_violation": "possible violation",
    "indeterminate": "needs review",
    "not_applicable": "not applicable",
}


@dataclass(frozen=True, slots=True)
class ReportFiles:
    markdown: Path
    json: Path


# a pledge's status as the report words it: a hedge is not written as a pledge
_PLEDGE_VERB = {"pledged": "pledged", "delivered": "delivered", "proposed": "offered", "uncertain": "may provide"}

def _count(c: dict[str, Any] | None) -> str:
    out = _figure(c)
    # the stated parts: "5 (incl. 2 children)", "4 (incl. 4 civilians)"
    parts = [f"{_figure(c[k])} {k}" for k in ("civilians", "children") if c and c.get(k) and _figure(c[k]) != "–"]
    return f"{out} (incl. {', '.join(parts)})" if parts and out != "–" else out


def _figure(c: dict[str, Any] | None) -> str:
    if not c:
        return "–"
    best, low, high = c.get("best"), c.get("low"), c.get("high")
    if best is not None and (low in (None, best)) and (high in (None, best)):
        return str(best)
    if best is None and low is not None and high is None:
        return f"≥{low}"
    if best is None and low is None and high is None:
        return "–"
    return f"{best if best is not None else '?'} ({low if low is not None else '?'}–{high if high is not None else '?'})"


def _place(inc: dict[str, Any]) -> str:
    names = [p["name"] + (" (inferred)" if p.get("basis") == "inferred" else "") for p in inc.get("places") or []]
    return ", ".join(names) or "unknown"


def _perpetrator(inc: dict[str, Any]) -> str:
    p = inc.get("perpetrator")
    if not p:
        return "not stated"
    return f"{p['name']} ({p['basis']})"


def _claimants(inc: dict[str, Any]) -> str:
    return "; ".join(sorted({c["name"] for c in inc.get("claimants") or []})) or "unattributed"


def _flagged(inc: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in inc.get("assessments") or [] if a.get("verdict") in ("possible_violation", "indeterminate")]


def summary_rows(incidents: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One row per incident, as the CLI's summary table and the report's table show it."""
    rows = []
    for inc in incidents:
        flagged = _flagged(inc)
        verdicts = sorted({f"{VERDICT_LABEL[a['verdict']]} ({a['agreement_id']})" for a in flagged})
        rows.append({
            "id": inc["id"],
            "date": (inc.get("date") or {}).get("start") or "unknown",
            "event": inc.get("sub_event_type") or inc.get("event_type") or "event",
            "place": _place(inc),
            "perpetrator": _perpetrator(inc),
            "claimed by": _claimants(inc),
            "corroboration": (inc.get("corroboration") or {}).get("label", "–"),
            "killed": _count(inc.get("killed")),
            "injured": _count(inc.get("injured")),
            "targets": ", ".join(inc.get("targets") or []) or "–",
            "assessment": "; ".join(verdicts) or "none flagged",
            "sources": str(len(inc.get("sources") or [])),
            "severity": (inc.get("severity") or {}).get("level", "–"),
        })
    return rows


def render_markdown(incidents: list[dict[str, Any]], agreements: list[dict[str, Any]],
                    statements: list[dict[str, Any]], generated: datetime) -> str:
    lines = [
        "# ceasewatch report",
        "",
        f"Generated {generated.strftime('%Y-%m-%d %H:%M UTC')}. "
        f"{len(incidents)} incidents; agreements monitored: "
        + (", ".join(a["title"] for a in agreements) or "none") + ".",
        "",
        "Verdicts are the matching engine's screening of claims against commitments, not findings: "
        "each stays *possible* until reviewers verify or reject it.",
        "",
        "## Incidents",
        "",
    ]
    rows = summary_rows(incidents)
    if rows:
        headers = list(rows[0])
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "---|" * len(headers))
        for r in rows:
            lines.append("| " + " | ".join(str(r[h]).replace("|", "/") for h in headers) + " |")
    else:
        lines.append("No incidents.")
    lines += ["", "## Assessments needing attention", ""]
    any_flag = False
    for inc in incidents:
        for a in _flagged(inc):
            any_flag = True
            trace = "; ".join(f"{c['name']}: {c['result']}" for c in a.get("rule_trace") or [])
            flags = "; ".join(a.get("flags") or [])
            lines.append(f"- **{VERDICT_LABEL[a['verdict']]}** of `{a['agreement_id']}/{a['commitment_id']}` "
                         f"(reading: {a['reading']}, status: {a['status']}) by incident `{inc['id']}` "
                         f"({(inc.get('date') or {}).get('start', 'date unknown')}, {_place(inc)}). "
                         f"Trace: {trace}." + (f" Flags: {flags}." if flags else ""))
    if not any_flag:
        lines.append("None.")
    contradictions = [(inc, c) for inc in incidents for c in inc.get("contradictions") or []]
    lines += ["", "## Contradicting claims", ""]
    if contradictions:
        for inc, c in contradictions:
            claims = "; ".join(f"{json.dumps(cl['value'], ensure_ascii=False)} per {', '.join(cl['sources'])}"
                               for cl in c["claims"])
            lines.append(f"- `{inc['id']}` {c['field']}: {claims}")
    else:
        lines.append("None recorded.")
    lines += ["", "## Scorecard by commitment", ""]
    score: Counter[tuple[str, str, str]] = Counter()
    for inc in incidents:
        for a in inc.get("assessments") or []:
            if a.get("reading") == "text":
                score[(a["agreement_id"], a["commitment_id"], a["verdict"])] += 1
    if score:
        lines.append("| agreement | commitment | possible violations | need review | not applicable |")
        lines.append("|---|---|---|---|---|")
        for agr, com in sorted({(k[0], k[1]) for k in score}):
            lines.append(f"| {agr} | {com} | {score[(agr, com, 'possible_violation')]} | "
                         f"{score[(agr, com, 'indeterminate')]} | {score[(agr, com, 'not_applicable')]} |")
    else:
        lines.append("No assessments.")
    lines += ["", "## Positions and pledges", ""]
    for st in statements:
        if st["type"] == "position":
            cond = f" — condition: {st['condition']}" if st.get("condition") else ""
            lines.append(f"- {st['speaker']} {st['stance']} {st['proposal']}{cond} (`{st['document_id']}`)")
        else:
            amounts = ", ".join(
                (f"{a['low']:,.0f}–{a['high']:,.0f} {a['unit']}" if a.get("low") is not None and a.get("high")
                 else f"{a['value']:,.0f} {a['unit']}") for a in st.get("amounts") or [])
            items = f"; items: {', '.join(st['items'])}" if st.get("items") else ""
            cond = f" — condition: {st['condition']}" if st.get("condition") else ""
            verb = _PLEDGE_VERB.get(st.get("status") or "pledged", "pledged")
            lines.append(f"- {st['donor']} {verb} {st['kind']}: {amounts or 'unspecified'}{items}{cond} "
                         f"(`{st['document_id']}`)")
    if not statements:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def write_report(incidents: list[dict[str, Any]], agreements: list[dict[str, Any]],
                 statements: list[dict[str, Any]], out_dir: Path, *, generated: datetime | None = None
                 ) -> ReportFiles:
    generated = generated or datetime.now(UTC)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"ceasewatch-report-{generated.strftime('%Y-%m-%d')}"
    md = out_dir / f"{stem}.md"
    js = out_dir / f"{stem}.json"
    md.write_text(render_markdown(incidents, agreements, statements, generated), encoding="utf-8")
    js.write_text(json.dumps({"generated": generated.isoformat(), "incidents": incidents,
                              "statements": statements,
                              "agreements": [{k: a[k] for k in ("id", "version", "title", "kind")}
                                             for a in agreements]},
                             ensure_ascii=False, indent=2), encoding="utf-8")
    return ReportFiles(md, js)
