"""The debrief: what went well, the three things to improve first, the key moments, and par.

Plain text, headless (`icdrill score` prints it; the TUI can show the same lines). Everything in
it comes from the scorecard and the log: the findings' own words and times.
"""

from __future__ import annotations

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.log.eventlog import Entry
from sim.scenario.model import Scenario
from sim.reading.scoring.card import Dimension, Finding, Scorecard
from sim.reading.scoring.facts import Facts, gather

WELL = 5  # credits shown under "what went well"
IMPROVE = 3


def _impact_on_overall(card: Scorecard, d: Dimension, points: float) -> float:
    total = sum(x.weight for x in card.dimensions)
    return points * d.weight / total if total else 0.0


def went_well(card: Scorecard, n: int = WELL) -> list[tuple[Dimension, Finding]]:
    """The largest credits, at most two per dimension, in order of weight in the overall score."""
    ranked = sorted(
        ((d, f) for d in card.dimensions for f in d.credits if d.weight > 0),
        key=lambda x: -_impact_on_overall(card, x[0], x[1].points),
    )
    out, per = [], {}
    for d, f in ranked:
        if per.get(d.name, 0) >= 2:
            continue
        per[d.name] = per.get(d.name, 0) + 1
        out.append((d, f))
        if len(out) == n:
            break
    return sorted(out, key=lambda x: (x[1].t is None, x[1].t or 0))


def to_improve(card: Scorecard, n: int = IMPROVE) -> list[tuple[Dimension, Finding, int]]:
    """The largest deductions from different dimensions, by what they cost the overall score;
    with how many more deductions the same dimension holds."""
    ranked = sorted(
        ((d, f) for d in card.dimensions for f in d.deductions if d.weight > 0),
        key=lambda x: _impact_on_overall(card, x[0], x[1].points),
    )
    out, seen = [], set()
    for d, f in ranked:
        if d.name in seen:
            continue
        seen.add(d.name)
        out.append((d, f, len(d.deductions) - 1))
        if len(out) == n:
            break
    return out


def key_moments(facts: Facts) -> list[tuple[int, str]]:
    """The incident's story in a dozen lines or so: truth and decisions side by side."""
    f = facts
    lines: list[tuple[int, int, str]] = []

    def add(entry: Entry, text: str) -> None:
        lines.append((entry.t, entry.seq, text))

    for entry in f.entries:
        e = entry.event
        if isinstance(e, ev.FaultStarted):
            add(entry, f"(hidden) fault {e.fault} starts on {e.service}: {e.effect}")
        elif isinstance(e, ev.FaultGrew):
            add(entry, f"(hidden) fault {e.fault} grows: {e.service} {e.effect}")
        elif isinstance(e, ev.ImpactChanged):
            add(entry, f"(hidden) true impact {e.impact:.0%} of customers, true severity {e.severity}")
        elif isinstance(e, ev.Paged) and e.person == "ic":
            add(entry, f"you are paged ({e.by})")
        elif isinstance(e, ev.PageAcknowledged) and e.person == "ic":
            add(entry, "you acknowledge")
        elif isinstance(e, ev.SeveritySet):
            add(entry, f"declared {e.severity}" if e.previous is None else f"severity {e.previous} -> {e.severity}")
        elif isinstance(e, ev.Escalated):
            add(entry, f"{e.team} escalated to {f.name(e.person)} by {'you' if e.by == 'ic' else 'the paging policy'}")
        elif isinstance(e, ev.RoleAssigned):
            add(entry, f"{f.name(e.person)} takes the {e.role} role")
        elif isinstance(e, ev.TaskAssigned) and e.action != "investigate":
            add(entry, f"fix under way: {f.name(e.person)} to {e.action} {e.service}")
        elif isinstance(e, ev.HeadsDown):
            add(entry, f"you go heads-down on {e.action} {e.service}")
        elif isinstance(e, ev.FaultFixed):
            add(entry, f"fix lands: fault {e.fault} fixed by {f.name(e.by)}")
        elif isinstance(e, ev.ManagerTheory):
            add(entry, f"{f.name(e.manager)} sends {f.name(e.person)} after a theory about {e.service}")
        elif isinstance(e, ev.SalesQualified):
            add(entry, "you answer the Head of Sales with impact evidence")
        elif isinstance(e, ev.ExecutiveAnswered):
            add(entry, f"you {e.decision} {f.name(e.person)}'s request")
        elif isinstance(e, ev.ConflictRaised):
            add(entry, "disagreement: " + " vs ".join(p.split(" (")[0] for p in e.proposals))
        elif isinstance(e, ev.ConflictDecided):
            add(entry, f"disagreement settled for {f.name(e.person)} ({'by you' if e.by == 'ic' else 'by a poll'})")
        elif isinstance(e, ev.StatusUpdate):
            add(entry, "status update posted" + ("" if entry.seq in f.ic_updates else " by the Comms Lead"))
        elif isinstance(e, ev.PhaseChanged) and e.phase in ("detected", "mitigated", "resolved"):
            add(entry, f"incident {e.phase}")
        elif isinstance(e, ev.DrillEnded) and e.reason != "resolved":
            add(entry, f"drill ends: {e.reason}")
    lines.sort(key=lambda x: x[1])
    return [(t, text) for t, _, text in lines]


def _score(d: Dimension) -> str:
    return f"{d.score:.1f}" if d.judged else "n/a"


def debrief(scenario: Scenario, entries: list[Entry], card: Scorecard, par_card: Scorecard | None = None) -> str:
    facts = gather(scenario, entries)
    meta = scenario.scenario
    out: list[str] = []
    head = f"Debrief: {meta.title} ({meta.id})"
    out += [head, "=" * len(head), ""]
    summary = f"Overall {card.overall:.1f} / 100"
    if par_card is not None:
        summary += f"   (par, the expert on the same seed: {par_card.overall:.1f})"
    out += [summary, ""]

    out += ["What went well", "--------------"]
    well = went_well(card)
    if not well:
        out.append("  Nothing yet earned full credit. Start with the list below.")
    for d, f in well:
        out.append(f"  + [{d.name}, {f.points:+.1f}] {f.text}")
    out.append("")

    out += ["Three things to improve first", "-----------------------------"]
    improve = to_improve(card)
    if not improve:
        out.append("  Nothing lost: a clean run.")
    for n, (d, f, more) in enumerate(improve, start=1):
        tail = f"  (and {more} more in {d.name})" if more else ""
        out.append(f"  {n}. [{d.name}, {f.points:+.1f}] {f.text}{tail}")
    out.append("")

    out += ["Timeline of key moments", "-----------------------"]
    for t, text in key_moments(facts):
        out.append(f"  {format_clock(t)}  {text}")
    out.append("")

    out += ["Beside par" if par_card is not None else "Scores", "----------"]
    if par_card is not None:
        out.append(f"  {'dimension':<14}{'you':>7}{'par':>7}{'diff':>8}   weight")
        for d in card.dimensions:
            p = par_card.dimension(d.name)
            diff = f"{d.score - p.score:>+8.1f}" if d.judged and p.judged else f"{'':>8}"
            out.append(f"  {d.name:<14}{_score(d):>7}{_score(p):>7}{diff}   {d.weight:g}")
        out.append(f"  {'overall':<14}{card.overall:>7.1f}{par_card.overall:>7.1f}{card.overall - par_card.overall:>+8.1f}")
        if not all(d.judged and par_card.dimension(d.name).judged for d in card.dimensions):
            out.append("  (n/a: nothing to judge in that run, e.g. roles in a small incident; it does not count)")
    else:
        for d in card.dimensions:
            out.append(f"  {d.name:<14}{_score(d):>7}   weight {d.weight:g}")
        out.append(f"  {'overall':<14}{card.overall:>7.1f}")
    return "\n".join(out) + "\n"
