"""Roles and memorialization: hand off the roles once people are there; capture the key moments.

The article: the first person paged is IC and "may have to subsume all of the above roles until
others show up"; for smaller incidents the Communications role "is typically subsumed by the
Incident Commander", and when there are not enough people "the responsibilities all get rolled
into one and boiled down to coordinating the response", with the chat log as the record ("or
doing everything in a Slack channel, you have the chat logs to go back to"). So this dimension
judges a *big* incident only, by the truth and not by how many people the IC happened to page:
the true customer impact reached one of the ladder's two most severe levels. Such an incident
needs at least an investigator, a fixer, the IC, and someone talking to stakeholders and keeping
the record, so the IC hands the Comms Lead and the Scribe roles to others (paging someone for
them when nobody is free), and the key moments are memorialized as they happen (by the Scribe,
or by the IC's /note while the IC still holds that seat): the timeline feeds the post-incident
report. A small incident has nothing to judge here.

Items (big incidents):
- the Comms Lead and the Scribe, each filled within fifteen minutes of the incident being big and
  in the IC's hands (declared, or paged and past the escalation timeout) earns all, later less
  (card.LATE_FLOOR at least), never nothing: the IC held every role alone;
- each key moment (declaring, each severity change, each fix landing, mitigation) noted in the
  timeline within five minutes: a Scribe's note of that moment, or any /note of the IC's; all the
  moments together weigh as much as the two roles.
"""

from __future__ import annotations

from bisect import bisect_right

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.reading.narrate import THE_IC, Cast, story
from sim.reading.scoring.card import Ledger, late_credit
from sim.reading.scoring.facts import Facts, minutes
from sim.reading.scoring.seek import first_after, grouped

BIG_LEVELS = 2  # the ladder's most severe levels that make an incident big
ROLE_WITHIN = 900  # seconds after the incident is big and in the IC's hands to hand off a role
ROLE_SPAN = 1200  # seconds past that over which a late role falls to card.LATE_FLOOR
EXPECTED = ("comms-lead", "scribe")
ROLE_WEIGHT = 1.0
MOMENTS = 2.0  # all key moments together weigh this much
CAPTURE_WITHIN = 300  # seconds after a key moment for its timeline note


def judge(f: Facts) -> Ledger:
    ledger = Ledger("roles")
    if f.detected is None or f.reference is None:
        return ledger
    big = _big(f)
    if big is None:
        return ledger  # a small incident: the IC holds every role and the channel is the record
    _roles(f, ledger, *big)
    _moments(f, ledger)
    return ledger


def _big(f: Facts) -> tuple[str, int, list[int]] | None:
    """(peak true severity, when the roles fall due, the entries that say so) for an incident that
    was big by the truth while the IC held it with time left to hand off roles; None otherwise."""
    onset = next((e for e in f.truth if f.level(e.event.severity) < BIG_LEVELS), None)
    if onset is None or onset.t >= f.open_until:
        return None
    in_hand = f.declared if f.declared is not None else f.reference
    start = max(onset.t, in_hand.t if f.declared is not None else in_hand.t + f.scenario.escalation.timeout)
    deadline = start + ROLE_WITHIN
    if start >= f.open_until:
        return None  # over before there was anyone to hand a role to
    return f.peak_truth(f.open_until), deadline, [onset.seq, in_hand.seq]


def _roles(f: Facts, ledger: Ledger, peak: str, deadline: int, seqs: list[int]) -> None:
    assigned = f.of(ev.RoleAssigned)
    for role in EXPECTED:
        given = next((a for a in assigned if a.event.role == role), None)
        label = role.replace("-", " ").title()
        if given is None or given.t >= max(f.open_until, deadline):
            text = f"a {peak} incident and nobody was given the {label} role (due by {format_clock(deadline)}); you held it yourself"
            ledger.item(ROLE_WEIGHT, 0.0, deadline, text, seqs)
            continue
        late = max(0, given.t - deadline)
        fraction = late_credit(late, ROLE_SPAN)
        who = f.name(given.event.person)
        if late:
            text = f"{label} role given to {who} {minutes(late)} after it was due ({format_clock(deadline)}, a {peak} incident)"
        else:
            text = f"{label} role given to {who} in time"
        ledger.item(ROLE_WEIGHT, fraction, given.t, text, seqs + [given.seq])


def _key_moments(f: Facts) -> list[tuple[object, str, str, list[int]]]:
    """(anchor entry, kind, words, seqs) of each key moment, in log order."""
    moments = []
    if f.declared is not None:
        call = next((c for c in f.of(ev.SeveritySet) if c.event.previous is None), None)
        what = f"declaring the incident ({call.event.severity})" if call is not None else "declaring the incident"
        anchor = call if call is not None else f.declared
        moments.append((anchor, "declare", what, [f.declared.seq] + ([call.seq] if call else [])))
    for call in f.of(ev.SeveritySet):
        if call.event.previous is not None:
            what = f"the severity change {call.event.previous} -> {call.event.severity}"
            moments.append((call, "severity", what, [call.seq]))
    fixes = grouped((r for r in f.of(ev.TaskReported) if r.event.action != "investigate"), lambda r: r.t)
    for fixed in f.of(ev.FaultFixed):
        report = first_after(fixes.get(fixed.t, []), fixed.seq)
        anchor = report or fixed
        what = f"the fix landing ({report.event.action} {report.event.service})" if report else "the fix landing"
        moments.append((anchor, "fix", what, [fixed.seq] + ([report.seq] if report else [])))
    if f.mitigated is not None:
        moments.append((f.mitigated, "mitigated", "mitigation", [f.mitigated.seq]))
    return sorted(moments, key=lambda m: m[0].seq)


# What the Scribe writes for each kind of key moment (sim.engine.roles), to match notes to moments.
_SCRIBE_SAYS = {
    "declare": ("severity set to", "incident declared"),
    "severity": ("severity changed",),
    "fix": ("fix reported",),
    "mitigated": ("incident mitigated",),
}


def _moments(f: Facts, ledger: Ledger) -> None:
    moments = _key_moments(f)
    if not moments:
        return
    scribed = _scribe_lines(f)
    # The notes that can capture a moment: any of the IC's, or a Scribe's of the moment's kind.
    notes = grouped(f.of(ev.TimelineNote), lambda n: "ic" if n.event.by == "ic" else scribed.get(n.event.text))
    unused = dict.fromkeys(notes, 0)  # each group's first note not yet used (or passed: moments come in log order)
    weight = MOMENTS / len(moments)
    for anchor, kind, what, seqs in moments:
        note, group = None, None
        for key in ("ic", kind):
            if key not in notes:
                continue
            unused[key] = max(unused[key], bisect_right(notes[key], anchor.seq, key=lambda n: n.seq))
            first = notes[key][unused[key]] if unused[key] < len(notes[key]) else None
            if first is not None and _captures(first, anchor) and (note is None or first.seq < note.seq):
                note, group = first, key
        if note is not None:
            unused[group] += 1
            by = "the Scribe" if note.event.by != "ic" else "you"
            ledger.item(weight, 1.0, anchor.t, f"{what} noted in the timeline by {by}", seqs + [note.seq])
        else:
            text = f"{what} not captured in the timeline (no Scribe, no /note within {minutes(CAPTURE_WITHIN)})"
            ledger.item(weight, 0.0, anchor.t, text, seqs)


def _captures(note, anchor) -> bool:
    """Whether a note is within the window after a moment. The IC's own /note (free text) captures
    any one moment; a Scribe's note captures the moment of its kind (`_moments` offers only those)."""
    return note.seq > anchor.seq and note.t - anchor.t <= CAPTURE_WITHIN


def _scribe_lines(f: Facts) -> dict[str, str]:
    """What the Scribe writes about each key moment of the log -> the moment's kind. The Scribe
    (`sim.engine.roles.scribe`) writes the narrator's line, so the same narrator recognises it."""
    cast = Cast(f.names, f.teams)
    lines: dict[str, str] = {}
    for entry in f.entries:
        kind = _kind(entry.event)
        if kind is not None:
            lines.setdefault(story(entry.event, THE_IC, cast), kind)
    return lines


def _kind(e: ev.Event) -> str | None:
    """The kind of key moment a Scribe's note about `e` records, if any."""
    if isinstance(e, ev.SeveritySet):
        return "declare" if e.previous is None else "severity"
    if isinstance(e, ev.PhaseChanged) and e.phase in ("declared", "mitigated"):
        return "declare" if e.phase == "declared" else "mitigated"
    if isinstance(e, ev.TaskReported) and e.action != "investigate":
        return "fix"
    return None
