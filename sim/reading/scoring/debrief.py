"""The debrief: what went well, the three things to improve first, the key moments, and par.

Plain text, headless (`icdrill score` prints it; the TUI can show the same lines). Everything in
it comes from the scorecard and the log: the findings' own words and times.
"""

from __future__ import annotations

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.log.eventlog import Entry
from sim.reading.narrate import YOU, Cast, story
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


def _key(e: ev.Event) -> bool:
    """Whether the debrief tells an event among the key moments: truth and decisions side by side."""
    if isinstance(e, (ev.Paged, ev.PageAcknowledged)):
        return e.person == "ic"
    if isinstance(e, ev.TaskAssigned):
        return e.action != "investigate"
    if isinstance(e, ev.PhaseChanged):
        return e.phase in ("detected", "mitigated", "resolved")
    if isinstance(e, ev.DrillEnded):
        return e.reason != "resolved"
    return isinstance(e, _KEY)


_KEY = (
    ev.FaultStarted, ev.FaultGrew, ev.ImpactChanged, ev.SeveritySet, ev.Escalated, ev.RoleAssigned,
    ev.HeadsDown, ev.FaultFixed, ev.ManagerTheory, ev.SalesQualified, ev.ExecutiveAnswered,
    ev.ConflictRaised, ev.ConflictDecided, ev.StatusUpdate,
)


def key_moments(facts: Facts) -> list[tuple[int, str]]:
    """The incident's story in a dozen lines or so, in the narrator's words (`sim.reading.narrate`)."""
    f = facts
    cast = Cast(f.names, f.teams)
    return [
        (entry.t, story(entry.event, YOU, cast, by_comms_lead=entry.seq not in f.ic_updates))
        for entry in f.entries
        if _key(entry.event)
    ]


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
