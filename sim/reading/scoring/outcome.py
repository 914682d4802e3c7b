"""Outcome: customer impact avoided, time to mitigate, and a clean resolution.

The IC's "ultimate goal is to bring the incident to completion as fast as possible" (the
article), and the prime directive is the customer's duress. Both are measured against two runs
of the scenario's own fault timeline through the service graph, computed here without the engine
so that scoring stays a function of (scenario, log):

- the *no-response* baseline: every fault plays out and grows as written, nobody fixes anything
  (exactly what the idle IC gets);
- the *floor*: each fault fixed the moment it starts, by the fastest hands the scenario has
  (the quickest `takes` of its real fixes, at the quickest a person's speed and luck allow, or the
  IC's hands-on pace), as if guessed without any investigation. No play can beat it: it marks
  what could never be avoided.
Neither curve has a mitigation or a worsening in it (nobody acts in one, the real fix comes at
once in the other); the run's own curve is read from the log, so whatever the engine played
(growth steps, relief, returns, worsening) is in it as it happened.

Items:
- customer-impact-minutes: the share of the avoidable impact (baseline minus floor) avoided;
- time to mitigate: the share of the time limit saved, between never and the floor;
- resolution: resolved with nobody hurt earns all; mitigated but left open half; customers
  still hurt nothing (a resolution while an unmonitored service still hurts earns nothing).
Outcome comes first: a drill that ends with customers still affected keeps its overall score up
to 40 and only a sixth of the rest, so it never passes 50 however good the form was (card.Cap).
The run's impact is integrated to the time limit: closing the drill early does not stop the clock
for customers still affected. A log cut short (no DrillEnded: a crashed recording) is judged, with
the baseline and the floor, only as far as it got.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.log import events as ev
from sim.scenario import graph as g
from sim.scenario import impact as im
from sim.scenario.model import Scenario
from sim.scenario.shared import per_scenario, shared
from sim.reading.scoring.card import Ledger
from sim.reading.scoring.facts import Facts, minutes

CIM = 3.0
TTM = 1.0
RESOLVED = 1.0
STILL_HURT_CAP = (40.0, 50.0)  # the overall score keeps up to 40 and never passes 50 (card.Cap)
LUCKIEST = 0.85  # the fastest a task goes: its base time x 0.85 / speed (sim.engine.people.tasks)


@dataclass(frozen=True)
class Curve:
    """Customer impact over time: (t, impact) change points from t=0, integrated to `until`."""

    points: tuple[tuple[int, float], ...]
    until: int

    @property
    def impact_minutes(self) -> float:
        area = 0.0
        for (t, impact), nxt in zip(self.points, self.points[1:] + ((self.until, 0.0),)):
            area += impact * max(0, min(nxt[0], self.until) - t)
        return area / 60

    @property
    def mitigated_at(self) -> int | None:
        """When impact last went back to zero, None when it never did (before `until`)."""
        if not self.points or self.points[-1][1] > 0:
            return None
        return self.points[-1][0]


def fault_curve(scenario: Scenario, fixed: dict[str, int] | None = None, until: int | None = None) -> Curve:
    """Impact when each fault runs its course, except those fixed at the given times; integrated
    to `until` (the time limit by default). The faults' states and the impact they cause come from
    `sim.scenario.impact`, exactly as the engine plays them."""
    fixed = fixed or {}
    graph = shared(scenario).graph
    times = {0}
    for fault in scenario.faults:
        times.add(fault.at)
        times.update(fault.at + step.after for step in im.steps(fault))
        if fault.id in fixed:
            times.add(fixed[fault.id])
    limit = scenario.end.time_limit if until is None else until
    points: list[tuple[int, float]] = []
    for t in sorted(x for x in times if x <= limit):
        hurting = [
            im.Hurting(fault.service, state)
            for fault in sorted(scenario.faults, key=lambda x: x.id)
            if (state := im.state_at(fault, t, fixed.get(fault.id))) is not None
        ]
        impact = im.truth(graph, scenario.impact, hurting)[2]
        if not points or points[-1][1] != impact:
            points.append((t, impact))
    return Curve(tuple(points), limit)


def baseline(scenario: Scenario, until: int | None = None) -> Curve:
    """Every fault left to run its course. Kept per scenario and horizon: every drill of a
    scenario is measured against the same curve."""
    return per_scenario(scenario, ("baseline", until), lambda: fault_curve(scenario, until=until))


def floor(scenario: Scenario, until: int | None = None) -> Curve:
    """Each fault fixed by its fastest real fix (the fix or a remedy that fixes), at the fastest pace.
    Kept per scenario and horizon, like the baseline."""
    return per_scenario(scenario, ("floor", until), lambda: _floor(scenario, until))


def _floor(scenario: Scenario, until: int | None) -> Curve:
    fastest = max([p.speed for p in scenario.people.values()] + [1.0])
    pace = min(LUCKIEST / fastest, scenario.behaviour.hands_on_factor)
    quickest = {f.id: min(fix.takes for fix in f.real_fixes()) for f in scenario.faults}
    return fault_curve(scenario, {f.id: f.at + int(quickest[f.id] * pace) for f in scenario.faults}, until)


def horizon(f: Facts) -> int:
    """How far the run is judged: to the time limit once the drill ended (customers still hurt
    stay hurt after an early close), or as far as a log cut short got."""
    return f.time_limit if f.of(ev.DrillEnded) else min(f.end, f.time_limit)


def run_curve(f: Facts) -> tuple[Curve, list[int]]:
    """The run's true impact over time, held at its last value to the horizon."""
    until = horizon(f)
    points: list[tuple[int, float]] = [(0, 0.0)]
    seqs = []
    for entry in f.truth:
        if entry.t > until:
            break
        if points[-1][0] == entry.t:
            points[-1] = (entry.t, entry.event.impact)
        else:
            points.append((entry.t, entry.event.impact))
        seqs.append(entry.seq)
    for t, impact in _relief_running_out(f, until):
        if points[-1][0] == t:
            points[-1] = (t, impact)
        elif points[-1][1] != impact:
            points.append((t, impact))
    return Curve(tuple(points), until), seqs


def _relief_running_out(f: Facts, until: int) -> list[tuple[int, float]]:
    """A drill that ended while a mitigation held: the fault comes back when the relief wears off,
    whether or not the drill is still being played. The impact from then on, to `until`, replayed
    with `sim.scenario.impact` from the faults' states at the end (growth steps still to come
    included), so that closing on a mitigation does not pass for a fix."""
    ended = f.of(ev.DrillEnded)
    if not ended:
        return []
    end = ended[-1].t
    faults = {x.id: x for x in f.scenario.every_fault()}  # an injected fault hurts as the others do
    states: dict[str, im.State] = {}
    relieved: dict[str, int] = {}
    for entry in f.entries:
        e = entry.event
        fault = faults.get(getattr(e, "fault", None) or "")
        if fault is None:
            continue
        if isinstance(e, ev.FaultStarted):
            states[e.fault] = im.start(fault)
        elif isinstance(e, ev.FaultFixed):
            states.pop(e.fault, None)
            relieved.pop(e.fault, None)
        elif isinstance(e, (ev.FaultGrew, ev.FaultWorsened)) and e.fault in states:
            states[e.fault] = im.State(e.effect, states[e.fault].share)
        elif isinstance(e, ev.FaultShareRose) and e.fault in states:
            states[e.fault] = im.State(states[e.fault].effect, e.share)
        elif isinstance(e, ev.FaultMitigated):
            relieved[e.fault] = e.until
        elif isinstance(e, (ev.FaultReturned, ev.FaultWorsened)):
            relieved.pop(e.fault, None)
    relieved = {fid: t for fid, t in relieved.items() if fid in states and t < until}
    if not relieved:
        return []
    times = set(relieved.values()) | {
        faults[fid].at + step.after for fid in states for step in im.steps(faults[fid]) if end < faults[fid].at + step.after < until
    }
    graph = shared(f.scenario).graph
    points = []
    for t in sorted(times):
        hurting = []
        for fid in sorted(states):
            fault, state = faults[fid], states[fid]
            for step in im.steps(fault):
                if end < fault.at + step.after <= t:
                    state = im.grown(state, step)
            if relieved.get(fid, 0) <= t:
                hurting.append(im.Hurting(fault.service, state))
        points.append((t, im.truth(graph, f.scenario.impact, hurting)[2]))
    return points


def judge(f: Facts) -> Ledger:
    ledger = Ledger("outcome")
    scenario = f.scenario
    first_fault = min(fault.at for fault in scenario.faults)
    until = horizon(f)
    if until <= first_fault:
        return ledger  # a log cut short before any fault: no outcome yet
    base, best = baseline(scenario, until), floor(scenario, until)
    run, seqs = run_curve(f)
    cim, base_cim, best_cim = run.impact_minutes, base.impact_minutes, best.impact_minutes
    avoidable = base_cim - best_cim
    fraction = 1.0 if avoidable <= 0 else (base_cim - cim) / avoidable
    text = (
        f"{cim:.1f} customer-impact-minutes against {base_cim:.1f} with nobody responding "
        f"(and {best_cim:.1f} at the very best): {max(0.0, min(1.0, fraction)):.0%} of the avoidable impact avoided"
    )
    ledger.item(CIM, fraction, None, text, seqs)

    mitigated = run.mitigated_at
    limit = until - first_fault
    best_ttm = (best.mitigated_at or until) - first_fault
    if mitigated is None:
        ledger.item(TTM, 0.0, None, f"customers were still affected at the end ({minutes(until)})", seqs[-1:])
    else:
        ttm = mitigated - first_fault
        fraction = 1.0 if limit <= best_ttm else (limit - ttm) / (limit - best_ttm)
        last = [e.seq for e in f.truth if e.t == mitigated][-1:]
        ledger.item(
            TTM,
            fraction,
            mitigated,
            f"customer impact back to zero {minutes(ttm)} after the first fault (at best {minutes(best_ttm)})",
            last,
        )

    hurt = run.points[-1][1] > 0 if run.points else False
    if f.resolved is not None and not hurt:
        ledger.item(RESOLVED, 1.0, f.resolved.t, "resolved with nobody still affected", [f.resolved.seq])
    elif f.resolved is not None:
        text = f"resolved while {run.points[-1][1]:.0%} of customers were still affected (some trouble was not visible on dashboards)"
        ledger.item(RESOLVED, 0.0, f.resolved.t, text, [f.resolved.seq])
    elif f.mitigated is not None and not hurt:
        ledger.item(RESOLVED, 0.5, f.mitigated.t, "mitigated but never resolved (monitor, then /resolve)", [f.mitigated.seq])
    elif not hurt and mitigated is not None:
        ledger.item(RESOLVED, 0.25, mitigated, "impact stopped, but the incident was never marked mitigated or resolved", seqs[-1:])
    else:
        end = f.of(ev.DrillEnded)
        ledger.item(RESOLVED, 0.0, f.end, "not resolved: customers still affected when the drill ended", [e.seq for e in end])
    if hurt and f.of(ev.DrillEnded):
        text = f"{run.points[-1][1]:.0%} of customers were still affected when the drill ended: however good the form, the drill scores at most {STILL_HURT_CAP[1]:.0f}"
        ledger.cap(*STILL_HURT_CAP, f.end, text, seqs[-1:] + [e.seq for e in f.of(ev.DrillEnded)])
    return ledger
