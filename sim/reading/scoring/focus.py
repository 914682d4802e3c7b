"""Focus: the IC in the coordinator's seat, responders kept on task, the room held.

The article: "Don't let nosy managers bug your engineers"; message a manager privately so they
lend their authority to the IC rather than send people down dead ends. PagerDuty's executive
swoop: "we can get you that list or fix the incident, not both".

Two halves weigh the same: the IC's own focus, and the responders' (the room), when there is a
room to hold. Items (one per decision; its consequence, the responder time lost, is part of the
same item, so that one mistake is judged once):
- the IC's seat: the share of the incident (from the page to mitigation) the IC was there to
  coordinate: not unacknowledged (beyond a minute), not heads-down on hands-on work (judged here
  only, not again as a delegation failure), and not silent (no command at all for longer than the
  update interval of the true severity: an IC who stops acting has left the seat);
- each manager who joined: redirected privately (or lending authority) before any theory reached
  an engineer earns all; after it, a part that grows with the share of the dead end cut short;
  never, nothing (a manager with no theory to push weighs half);
- the executive's request: declined before anyone was grabbed earns all, declined after a grab
  a part that shrinks with the time the grab cost; granted or never answered, nothing;
- anyone pulled off by other means, or a dead end with no manager who joined, counts alone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.reading.scoring.card import Ledger
from sim.reading.scoring.facts import NONE, Facts, minutes
from sim.scenario import policy
from sim.reading.scoring.seek import first_after, grouped

SEAT = 2.0
MANAGER = 1.0  # a manager with a theory weighs double (the decision and the dead end it decides), one without half
EXECUTIVE = 2.0
PULLED = 1.0
LATE_REDIRECT = 0.3  # a redirect after the theory earns this, plus up to half the rest for time saved
ACK_GRACE = 60  # seconds to pick up the pager before the seat counts as empty
QUIET = 600  # seconds without any command that count as absence when the ladder gives no interval
HANDS_ON_CAP = (65.0, 75.0)  # heads-down past HANDS_ON_GRACE: the overall score keeps 65, never passes 75
HANDS_ON_GRACE = 120  # seconds of hands-on work (a quick look) before the seat counts as abandoned


def judge(f: Facts) -> Ledger:
    ledger = Ledger("focus")
    if f.detected is None:
        return ledger
    room = Ledger("focus")
    dead_ends = _managers(f, room)
    pulls = _executive(f, room)
    _others(f, room, dead_ends, pulls)
    # Two halves: the IC's own focus (the seat) and the responders' (the room), equally.
    _seat(f, ledger, max(SEAT, room.weight))
    ledger.absorb(room)
    return ledger


def _seat(f: Facts, ledger: Ledger, weight: float) -> None:
    ref = f.reference
    start, stop = ref.t, max(ref.t + 1, f.open_until)
    window = stop - start
    gaps = []  # (from, to, text, seqs)
    ack = f.ic_ack
    if ack is None:
        gaps.append((start, stop, f"you never acknowledged your page: nobody coordinated for {minutes(window)}", [ref.seq]))
    elif ack.t - start > ACK_GRACE:
        gaps.append((start + ACK_GRACE, ack.t, f"{minutes(ack.t - start)} before you acknowledged your page", [ref.seq, ack.seq]))
    ups = f.of(ev.HeadsUp)
    for down in f.of(ev.HeadsDown):
        up = first_after(ups, down.seq)
        a, b = max(start, down.t), min(stop, up.t if up is not None else down.event.until)
        if b > a:
            text = f"heads-down on {down.event.action} {down.event.service} for {minutes(b - a)}: nobody held the incident"
            gaps.append((a, b, text, [down.seq] + ([up.seq] if up is not None else [])))
    _hands_on_cap(ledger, [g for g in gaps if g[2].startswith("heads-down")])
    gaps += _silences(f, ack, stop, gaps)
    away = _covered([(a, b) for a, b, *_ in gaps])
    away = min(away, window)
    if away == 0:
        ledger.item(weight, 1.0, None, "you stayed in the coordinator's seat throughout: no hands-on work", [ref.seq])
        return
    ledger.item(weight * (1 - away / window), 1.0, None, f"in the coordinator's seat for {1 - away / window:.0%} of the incident", [ref.seq])
    for a, b, text, seqs in sorted(gaps, key=lambda g: g[0]):
        ledger.item(weight * (b - a) / window, 0.0, a, text, seqs)


def _hands_on_cap(ledger: Ledger, heads_down: list) -> None:
    """The IC's job is the fix through others: one who does it personally for longer than a quick
    look has left the incident without a commander, however fast the fix came."""
    total = sum(b - a for a, b, *_ in heads_down)
    if total <= HANDS_ON_GRACE:
        return
    a, _, text, seqs = heads_down[0]
    why = f"you worked hands-on for {minutes(total)} while the incident was open; hand the fix to its owner, so the drill scores at most {HANDS_ON_CAP[1]:.0f}"
    ledger.cap(*HANDS_ON_CAP, a, why, [seq for *_, seqs in heads_down for seq in seqs])


def _silences(f: Facts, ack, stop: int, gaps) -> list:
    """Stretches with no command at all for longer than the update interval of the true
    severity, beyond that interval: the IC has stopped acting while the incident is open."""
    if ack is None:
        return []
    peak = f.peak_truth(stop)
    limit = policy.update_interval(f.scenario.severity, None if peak == NONE else peak, policy.INVESTIGATING) or QUIET
    heads_down = [(a, b) for a, b, text, _ in gaps if text.startswith("heads-down")]
    marks = [(ack.t, ack.seq)] + [(c.t, c.seq) for c in f.of(ev.CommandIssued) if ack.t < c.t < stop]
    ends = [t for t, _ in marks[1:]] + [stop]
    out = []
    for (a, seq), b in zip(marks, ends):
        if b - a <= limit or any(x <= a + limit < y for x, y in heads_down):
            continue  # a short pause, or heads-down (judged as such)
        out.append((a + limit, b, f"no command for {minutes(b - a)} while the incident was open: nobody was steering", [seq]))
    return out


def _covered(spans: list[tuple[int, int]]) -> int:
    """The length of the union of spans (an absence and a heads-down can overlap)."""
    total, reach = 0, None
    for a, b in sorted(spans):
        if reach is None or a > reach:
            total += max(0, b - a)
            reach = b
        elif b > reach:
            total += b - reach
            reach = b
    return total


def _managers(f: Facts, ledger: Ledger) -> set[int]:
    """Judge each manager with the dead end their theory caused; return the dead ends judged."""
    specs = {m.person: m for m in f.scenario.stakeholders.managers}
    by_manager = lambda e: e.event.manager  # noqa: E731
    handled = grouped(sorted(f.of(ev.ManagerRedirected) + f.of(ev.AuthorityLent), key=lambda h: h.seq), by_manager)
    theories = grouped(f.of(ev.ManagerTheory), by_manager)
    starts = grouped(f.of(ev.DeadEndStarted), by_manager)
    ends = grouped(f.of(ev.DeadEndEnded), lambda e: e.event.person)
    judged: set[int] = set()
    for joined in f.of(ev.ManagerJoined):
        manager = joined.event.manager
        who = f.name(manager)
        spec = specs.get(manager)
        weight = 2 * MANAGER if spec is None or spec.theory is not None else MANAGER / 2
        answer = first_after(handled.get(manager, []), joined.seq)
        theory = next(iter(theories.get(manager, [])), None)
        how = "lent you their authority" if answer is not None and isinstance(answer.event, ev.AuthorityLent) else "redirected"
        if theory is None or (answer is not None and answer.seq < theory.seq):
            if answer is not None:
                text = f"{who} {how} privately {minutes(answer.t - joined.t)} after joining, before any theory reached an engineer"
                ledger.item(weight, 1.0, joined.t, text, [joined.seq, answer.seq])
            else:
                text = f"{who} joined and was never redirected: managers' requests should come through you"
                ledger.item(weight, 0.0, joined.t, text, [joined.seq])
            continue
        start = first_after(starts.get(manager, []), theory.seq)
        end = first_after(ends.get(start.event.person, []), start.seq) if start is not None else None
        if start is not None:
            judged.add(start.seq)
        lost = end.event.lost if end is not None else (f.end - start.t if start is not None else 0)
        full = spec.dead_end if spec is not None else max(1, lost)
        saved = max(0.0, 1.0 - lost / max(1, full))
        engineer = f.name(theory.event.person)
        seqs = [joined.seq, theory.seq] + [x.seq for x in (start, end) if x is not None]
        if answer is not None:
            text = (
                f"{who} {how} only at {format_clock(answer.t)}, after their theory about {theory.event.service} had "
                f"pulled {engineer} off at {format_clock(theory.t)}: {minutes(lost)} lost in a dead end"
            )
            ledger.item(weight, LATE_REDIRECT + (1 - LATE_REDIRECT) * saved * 0.5, joined.t, text, seqs + [answer.seq])
        else:
            text = (
                f"{who} was never redirected; their theory about {theory.event.service} sent {engineer} "
                f"into a dead end at {format_clock(theory.t)}: {minutes(lost)} lost"
            )
            ledger.item(weight, 0.0, joined.t, text, seqs)
    return judged


def _executive(f: Facts, ledger: Ledger) -> set[int]:
    """Judge the executive's request with the pulls it caused; return the pulls judged."""
    answers = grouped(f.of(ev.ExecutiveAnswered), lambda a: a.event.person)
    pulls = grouped(f.of(ev.PulledOff), lambda p: p.event.by)
    requests = grouped(f.of(ev.ExecutiveRequested), lambda r: r.event.person)
    judged: set[int] = set()
    for request in f.of(ev.ExecutiveRequested):
        x = request.event
        answer = first_after(answers.get(x.person, []), request.seq)
        # The pulls by the executive after the request, until their next one (the engine makes one).
        following = first_after(requests[x.person], request.seq)
        caused = _between(pulls.get(x.person, []), request.seq, following.seq if following is not None else None)
        judged.update(p.seq for p in caused)
        grabbed = [p for p in caused if answer is None or p.seq < answer.seq]
        what = "a list of affected customers" if x.request == "customer-list" else "an engineer on a customer call"
        who = f.name(x.person)
        lost = sum(p.event.seconds for p in caused)
        seqs = [request.seq] + ([answer.seq] if answer is not None else []) + [p.seq for p in caused]
        names = ", ".join(dict.fromkeys(f.name(p.event.person) for p in caused))
        if answer is not None and answer.event.decision == "declined":
            if not grabbed:
                text = f"declined {who}'s request for {what} {minutes(answer.t - request.t)} after it came: the list or the fix, not both"
                ledger.item(EXECUTIVE, 1.0, request.t, text, seqs)
            else:
                text = f"declined {who}'s request for {what} only at {format_clock(answer.t)}, after they had grabbed {names} ({minutes(lost)} lost)"
                ledger.item(EXECUTIVE, 0.5, request.t, text, seqs)
        elif answer is not None:
            text = f"granted {who}'s request for {what}: {names or 'responders'} left the fix for it" + (f" ({minutes(lost)} lost)" if lost else "")
            ledger.item(EXECUTIVE, 0.0, request.t, text, seqs)
        else:
            text = f"never answered {who}'s request for {what}" + (f"; they grabbed {names} ({minutes(lost)} lost)" if caused else "")
            ledger.item(EXECUTIVE, 0.0, request.t, text, seqs)
    return judged


def _others(f: Facts, ledger: Ledger, dead_ends: set[int], pulls: set[int]) -> None:
    """Responder time lost that no judged decision above accounts for."""
    ends = grouped(f.of(ev.DeadEndEnded), lambda e: e.event.person)
    for start in f.of(ev.DeadEndStarted):
        if start.seq in dead_ends:
            continue
        d = start.event
        end = first_after(ends.get(d.person, []), start.seq)
        lost = end.event.lost if end is not None else f.end - start.t
        text = f"{f.name(d.person)} chased {f.name(d.manager)}'s theory about {d.service}: {minutes(lost)} lost in a dead end"
        ledger.item(MANAGER, 0.0 if lost > 0 else 1.0, start.t, text, [start.seq] + ([end.seq] if end is not None else []))
    for pull in f.of(ev.PulledOff):
        if pull.seq in pulls:
            continue
        p = pull.event
        text = f"{f.name(p.person)} was pulled off the incident by {f.name(p.by)} for {minutes(p.seconds)}"
        ledger.item(PULLED, 0.0, pull.t, text, [pull.seq])


def _between(entries: list, after: int, before: int | None) -> list:
    """The entries (in log order) after entry `after` and before entry `before` (None: to the end)."""
    start = bisect_right(entries, after, key=lambda e: e.seq)
    stop = len(entries) if before is None else bisect_left(entries, before, key=lambda e: e.seq)
    return entries[start:stop]
