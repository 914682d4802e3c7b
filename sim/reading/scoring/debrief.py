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
from sim.reading.scoring.coordination import recommendations, unheeded
from sim.reading.scoring.facts import Facts, gather
from sim.reading.scoring.outcome import run_curve

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
    ev.FaultMitigated, ev.FaultReturned, ev.FaultWorsened, ev.FaultShareRose,
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


def still_hurt(f: Facts) -> bool:
    """Whether the drill ended with customers still affected (never mitigated in truth)."""
    run, _ = run_curve(f)
    return bool(f.of(ev.DrillEnded)) and bool(run.points) and run.points[-1][1] > 0


def missed_step(f: Facts) -> str | None:
    """For a drill that ended with customers still affected: the step that was missed, read off the
    log; None when customers were not hurt at the end (or the log stops before the drill ended).

    In order: a fix a report recommended that nobody was told to do (the one for a fault still
    active first), a service a report pointed to that nobody investigated; when no report asked
    for anything, that nobody was given any task, or the troubled service nobody investigated
    (where a fault still running began first); last, the fix of a fault still running, never
    ordered or not done in time.
    """
    if not still_hurt(f):
        return None
    active = _active_faults(f)
    fixes = {(fix.action, fix.target) for x in active for fix in x.real_fixes()}
    open_recs = [r for r in recommendations(f, until=f.end) if r.done is None]
    fixes_first = sorted(open_recs, key=lambda r: (not r.recommended, (r.action, r.service) not in fixes, r.report.seq))
    if fixes_first:
        return unheeded(f, fixes_first[0], when=True)
    tasks = f.of(ev.TaskAssigned) + f.of(ev.HeadsDown)
    worked_on = {e.event.service for e in tasks}
    candidates = [x.service for x in active] + _still_troubled(f)
    troubled = [s for s in dict.fromkeys(candidates) if s not in worked_on]
    if not tasks:
        where = f", so nobody investigated {_trouble(f, troubled[0])}" if troubled else ""
        return f"nobody was assigned any task{where}"
    if troubled:
        return f"nobody investigated {_trouble(f, troubled[0])}"
    for fault in active:
        action, target = fault.fix.action, fault.fix.target
        real = {(fix.action, fix.target) for fix in fault.real_fixes()}  # an alternative fix counts as ordered
        ordered = [e for e in tasks if (e.event.action, e.event.service) in real]
        if not ordered:
            return f"nobody was told to {action} {target}, the fix for the trouble on {fault.service}"
        done = f"{ordered[0].event.action} {ordered[0].event.service}"
        return f"{done} was ordered at {format_clock(ordered[0].t)} but had not taken effect when the drill ended"
    return None


def _active_faults(f: Facts) -> list:
    """The scenario's faults that started and were never fixed, in the order they started."""
    fixed = {e.event.fault for e in f.of(ev.FaultFixed)}
    started = {}
    for e in f.of(ev.FaultStarted):
        started.setdefault(e.event.fault, e.t)
    faults = {x.id: x for x in f.scenario.every_fault()}
    return [faults[i] for i in sorted(started, key=lambda i: (started[i], i)) if i in faults and i not in fixed]


def _still_troubled(f: Facts) -> list[str]:
    """Services in trouble at the end (true health not ok), by when their trouble began."""
    since: dict[str, int] = {}
    for e in f.of(ev.HealthChanged):
        if e.event.health == "ok":
            since.pop(e.event.service, None)
        else:
            since.setdefault(e.event.service, e.t)
    return sorted(since, key=lambda s: (since[s], s))


def _trouble(f: Facts, service: str) -> str:
    """'payments-db, where the trouble began at T+02:00': a service and since when it was in trouble."""
    began = next((e.t for e in f.of(ev.HealthChanged) if e.event.service == service and e.event.health != "ok"), None)
    return f"{service}, where the trouble began at {format_clock(began)}" if began is not None else service


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

    missed = missed_step(facts)
    if missed is not None:
        out += ["Customers were still affected at the end", "----------------------------------------"]
        out += [f"  The step that was missed: {missed}.", ""]

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
