"""Coordination: the IC's own page, owners found, silent pages escalated, conflicts decided,
questions answered.

The article: finding the owner of a troubled service is part of the job when the catalog is
stale; if the primary on-call cannot be reached, the escalation path must be used; "decisions
need to be made to move things forward". PagerDuty: escalate after 5 minutes without an
acknowledgement; GitLab's 15-minute window is when the paging policy does it for you.

Items:
- your own page acknowledged within the escalation timeout (then less, nothing at 3x);
- each troubled service whose catalog owner was stale or missing: its true owner found (/owner),
  soon after the trouble began earns all, late little, never nothing;
- each page left unacknowledged past the escalation timeout: escalated by you (or tried, when
  the path was exhausted) within a minute of it earns all, later less; escalated by the paging
  policy (you left it) or never, nothing;
- each disagreement: decided (or polled) within two minutes earns all, a longer stall less, never
  nothing; going against the evidence (a fix that fixes no active fault) halves it; a mitigation
  (a remedy that buys time) is a reasonable step and costs nothing; a remedy that makes the fault
  worse keeps a quarter;
- each report the Tech Lead relayed with a detail lost or changed (the article's telephone game;
  hidden, the IC cannot tell): checked with its author (/evidence) before acting earns all, acting
  on the changed detail nothing, never checking half;
- each question a responder asked you: answered earns, left to lapse nothing (questions that
  lapse within a minute are too brief to judge);
- each report's recommendation (a fix, or a service to look at next): acted on within two minutes
  earns all, later less, never nothing ("nobody was told to restart payments-api, which Dana's
  report recommended");
- each third party's service the evidence pointed at (a report on it or pointing to it, or its
  dashboard in trouble): a support ticket opened with the vendor (/ticket) within ten minutes
  earns all, later less, never nothing: nobody inside can see into a vendor's systems.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.log.eventlog import Entry
from sim.scenario.commands import Escalate, parse
from sim.reading.names import resolve_person
from sim.reading.scoring.card import Ledger, late_credit
from sim.reading.scoring.facts import Facts, minutes
from sim.reading.scoring.seek import earliest, first_after, grouped, last_before

ACK = 1.0
OWNER = 1.0
ESCALATION = 1.0
CONFLICT = 1.0
QUESTION = 0.5
RELAY = 1.0
OWNER_WITHIN = 600  # seconds from the trouble to the owner found
OWNER_SPAN = 1800
ESCALATE_GRACE = 60  # seconds past the timeout still counted as on time
CONFLICT_GRACE = 120  # seconds to hear both sides before deciding
CONFLICT_SPAN = 900
QUESTION_FAIR = 60  # seconds a question must stay open to be judged
ACTED = 1.0
ACT_WITHIN = 120  # seconds from a report to acting on it
ACT_SPAN = 900
TICKET = 1.0
TICKET_WITHIN = 600  # seconds from the evidence pointing at a vendor's service to a ticket opened
TICKET_SPAN = 1800


def judge(f: Facts) -> Ledger:
    ledger = Ledger("coordination")
    if f.detected is None:
        return ledger
    _own_page(f, ledger)
    _owners(f, ledger)
    _escalations(f, ledger)
    _conflicts(f, ledger)
    _relays(f, ledger)
    _questions(f, ledger)
    _recommendations(f, ledger)
    _vendor_tickets(f, ledger)
    return ledger


def _vendor_pointers(f: Facts) -> dict[str, Entry]:
    """Each vendor's service -> the first entry (before `open_until`) that pointed at it: a report
    on it finding trouble or pointing to it, or its dashboard showing trouble."""
    vendors = {s for s, spec in f.scenario.services.items() if spec.vendor is not None}
    first: dict[str, Entry] = {}
    if not vendors:
        return first
    for entry in f.entries:
        e = entry.event
        if entry.t >= f.open_until:
            break
        hits = []
        if isinstance(e, ev.TaskReported):
            hits = [e.points_to] + ([e.service] if e.observed not in (None, "ok") else [])
        elif isinstance(e, ev.ServiceObserved) and e.health != "ok":
            hits = [e.service]
        for service in hits:
            if service in vendors:
                first.setdefault(service, entry)
    return first


def _vendor_tickets(f: Facts, ledger: Ledger) -> None:
    tickets = grouped(f.of(ev.TicketOpened), lambda t: t.event.service)
    for service, pointer in sorted(_vendor_pointers(f).items()):
        spec = f.scenario.services[service].vendor
        vendor = spec.name or service
        since = max(pointer.t, f.detected.t)
        ticket = next(iter(tickets.get(service, [])), None)
        if ticket is None:
            text = f"the evidence pointed at {service}, which {vendor} runs, and no ticket was opened with {vendor} (/ticket {service})"
            ledger.item(TICKET, 0.0, since, text, [pointer.seq])
            continue
        delay = max(0, ticket.t - since)
        fraction = late_credit(delay - TICKET_WITHIN, TICKET_SPAN)
        text = f"opened a ticket with {vendor} about {service} {minutes(delay)} after the evidence pointed at it"
        ledger.item(TICKET, fraction, ticket.t, text, [pointer.seq, ticket.seq])


@dataclass(frozen=True)
class Recommendation:
    """What one report asked for next, and whether it was done: a fix it recommended (``suggests``)
    or a service it pointed to (``points_to``, to investigate)."""

    report: Entry  # the TaskReported
    action: str  # the fix's action, or "investigate" for a pointer
    service: str
    recommended: bool  # True: a fix the report recommended; False: a service it pointed to
    done: Entry | None  # the first task or hands-on work on it after the report, None when never (before `until`)


def recommendations(f: Facts, until: int | None = None) -> list[Recommendation]:
    """Each recommendation of a report before `until` (by default when the incident stopped
    hurting as far as the IC called it, `Facts.open_until`), in log order, once per (action,
    service), with what acted on it. A report distorted in the relay is left out (`_relays` judges
    it), and so is a recommendation already acted on before the report came: it needs nothing."""
    until = f.open_until if until is None else until
    distorted = {d.event.task for d in f.of(ev.ReportDistorted)}
    assigned = grouped(f.of(ev.TaskAssigned), lambda a: (a.event.action, a.event.service))
    by_hand = grouped(f.of(ev.HeadsDown), lambda h: (h.event.action, h.event.service))
    seen: set[tuple[str, str]] = set()
    found: list[Recommendation] = []
    for report in f.of(ev.TaskReported):
        r = report.event
        if report.t >= until or (r.relayed_by and r.task in distorted):
            continue
        wanted = []
        if r.suggests:
            action, service = r.suggests.split(maxsplit=1)
            wanted.append((action, service, True))
        if r.points_to:
            wanted.append(("investigate", r.points_to, False))
        for action, service, recommended in wanted:
            key = (action, service)
            if key in seen:
                continue
            seen.add(key)
            before = last_before(assigned.get(key, []), report.seq) or last_before(by_hand.get(key, []), report.seq)
            if before is not None:
                continue
            done = earliest(first_after(assigned.get(key, []), report.seq), first_after(by_hand.get(key, []), report.seq))
            if done is not None and done.t >= until:
                done = None
            found.append(Recommendation(report, action, service, recommended, done))
    return found


def unheeded(f: Facts, rec: Recommendation, *, when: bool = False) -> str:
    """The words for a recommendation nobody acted on; `when` adds the report's sim time.

    "nobody was told to restart payments-api, which Dana Whitfield's report recommended"
    """
    author = f.name(rec.report.event.person)
    at = f" at {format_clock(rec.report.t)}" if when else ""
    if rec.recommended:
        return f"nobody was told to {rec.action} {rec.service}, which {author}'s report{at} recommended"
    return f"nobody investigated {rec.service}, which {author}'s report{at} pointed to"


def _recommendations(f: Facts, ledger: Ledger) -> None:
    """Each report that recommended a fix or pointed to a service: was it acted on? The findings of
    the people you sent are what moves an incident; leaving them unread stalls it, and an IC who
    stops acting loses here what the silence cost (`recommendations` says which count)."""
    for rec in recommendations(f):
        report, done = rec.report, rec.done
        if done is None:
            ledger.item(ACTED, 0.0, report.t, unheeded(f, rec), [report.seq])
            continue
        author = f.name(report.event.person)
        delay = done.t - report.t
        fraction = late_credit(delay - ACT_WITHIN, ACT_SPAN)
        text = (
            f"acted on {author}'s report {minutes(delay)} after it came: {rec.action} {rec.service} under way"
            if rec.recommended
            else f"followed {author}'s pointer to {rec.service} {minutes(delay)} after the report"
        )
        ledger.item(ACTED, fraction, report.t, text, [report.seq, done.seq])


def _distorted_detail(change: str, relayed) -> tuple[str, str] | None:
    """The (action, service) a distorted relay pointed to instead of the truth, when it did."""
    if change.startswith("changed suggested target") and relayed.event.suggests:
        action, service = relayed.event.suggests.split(maxsplit=1)
        return action, service
    if change.startswith("changed pointer") and relayed.event.points_to:
        return "investigate", relayed.event.points_to
    return None


def _relays(f: Facts, ledger: Ledger) -> None:
    """The telephone game: a report relayed through the Tech Lead that lost or changed a detail
    (hidden: ReportDistorted). Checked at the source (/evidence) before acting on it earns all;
    acting on the changed detail first earns nothing; never checking, half."""
    relays = grouped((r for r in f.of(ev.TaskReported) if r.event.relayed_by), lambda r: r.event.task)
    asked = grouped(f.of(ev.EvidenceRequested), lambda a: a.event.task)
    assigned = grouped(
        (a for a in f.of(ev.TaskAssigned) if a.event.via in ("named", "broadcast")), lambda a: (a.event.action, a.event.service)
    )
    for distorted in f.of(ev.ReportDistorted):
        d = distorted.event
        relayed = last_before(relays.get(d.task, []), distorted.seq)
        if relayed is None or relayed.t >= f.open_until:
            continue
        author, lead = f.name(relayed.event.person), f.name(d.relayed_by)
        evidence = first_after(asked.get(d.task, []), relayed.seq)
        wrong = _distorted_detail(d.change, relayed)
        acted = first_after(assigned.get(wrong, []), relayed.seq) if wrong is not None else None
        if acted is not None and evidence is not None and acted.seq > evidence.seq:
            acted = None  # checked at the source first
        seqs = [relayed.seq, distorted.seq]
        if acted is not None:
            text = (
                f"acted on {author}'s report as relayed by {lead}, which had {d.change} (the telephone game): "
                f"{acted.event.action} {acted.event.service} went to {f.name(acted.event.person)}; ask the author first (/evidence)"
            )
            ledger.item(RELAY, 0.0, relayed.t, text, seqs + [acted.seq])
        elif evidence is not None:
            text = f"checked {author}'s report at the source {minutes(evidence.t - relayed.t)} after {lead} relayed it; the relay had {d.change}"
            ledger.item(RELAY, 1.0, relayed.t, text, seqs + [evidence.seq])
        else:
            text = f"never checked {author}'s report at the source; as relayed by {lead} it had {d.change} (/evidence asks the author)"
            ledger.item(RELAY, 0.5, relayed.t, text, seqs)


def _own_page(f: Facts, ledger: Ledger) -> None:
    page = f.ic_paged
    if page is None:
        return
    timeout = f.scenario.escalation.timeout
    ack = f.ic_ack
    if ack is None:
        ledger.item(ACK, 0.0, page.t, f"your page ({page.event.by}) was never acknowledged", [page.seq])
        return
    delay = ack.t - page.t
    late = max(0, delay - timeout)
    fraction = late_credit(late, 2 * timeout)
    text = f"acknowledged your page {minutes(delay)} after it came"
    text += f", {minutes(late)} past the {minutes(timeout)} after which a page is escalated" if late else ""
    ledger.item(ACK, fraction, ack.t, text, [page.seq, ack.seq])


def _owners(f: Facts, ledger: Ledger) -> None:
    services = f.scenario.services
    stale = sorted(s for s, spec in services.items() if spec.catalog_owner is not None or spec.catalog_missing)
    if not stale:
        return
    troubled: dict[str, object] = {}
    for entry in f.of(ev.HealthChanged):
        if entry.event.service in stale and entry.event.health != "ok" and entry.t < f.open_until:
            troubled.setdefault(entry.event.service, entry)
    found = f.of(ev.OwnerFound)
    for service in stale:
        if service not in troubled:
            continue
        trouble = troubled[service]
        since = max(trouble.t, f.detected.t)
        spec = services[service]
        listed = "no owner" if spec.catalog_missing else f"{spec.catalog_owner} as owner"
        hit = next((o for o in found if o.event.service == service), None)
        if hit is None:
            text = f"{service} was in trouble and the catalog lists {listed}; its true owner was never looked up (/owner)"
            ledger.item(OWNER, 0.0, since, text, [trouble.seq])
            continue
        fraction = late_credit(hit.t - since - OWNER_WITHIN, OWNER_SPAN)
        text = f"found {service}'s true owner ({hit.event.team}; the catalog lists {listed}) {minutes(max(0, hit.t - since))} after its trouble began"
        ledger.item(OWNER, fraction, hit.t, text, [trouble.seq, hit.seq])


def _escalations(f: Facts, ledger: Ledger) -> None:
    timeout = f.scenario.escalation.timeout
    span = max(60, f.scenario.escalation.policy_after - timeout)
    pages = [p for p in f.of(ev.Paged) if p.event.person != "ic" and p.t < f.open_until]
    escalations = f.of(ev.Escalated)
    acks = f.of(ev.PageAcknowledged)
    refused = [r for r in f.of(ev.CommandRejected) if r.event.text.startswith("/escalate")]
    managers = {team: spec.manager for team, spec in f.scenario.teams.items()}
    # Indexes, so that pairing each page with what answered it takes log n, however many pages.
    # A page's people ("members") are its team as listed, the person paged, and the team's manager.
    team_of = lambda e: f.teams.get(e.event.person)  # noqa: E731
    escalated_at = grouped(escalations, lambda e: (e.event.person, e.t))
    escalated_for = grouped(escalations, lambda e: e.event.team)
    acks_by, acks_by_team = grouped(acks, lambda a: a.event.person), grouped(acks, team_of)
    by_ic = [p for p in pages if p.event.by == "ic"]
    by_ic_to, by_ic_to_team = grouped(by_ic, lambda p: p.event.person), _Others(grouped(by_ic, team_of))
    tried_for = grouped(refused, lambda r: _escalation_target(f, r.event.text))
    for page in pages:
        person = page.event.person
        via = last_before(escalated_at.get((person, page.t), []), page.seq)
        team = via.event.team if via is not None else f.teams.get(person)
        manager = managers.get(team) or None
        ends = []
        ack = earliest(
            first_after(acks_by_team.get(team, []), page.seq) if team is not None else None,
            first_after(acks_by.get(person, []), page.seq),
            first_after(acks_by.get(manager, []), page.seq) if manager else None,
        )
        if ack is not None:
            ends.append((ack.t, ack.seq, "ack", ack))
        esc = first_after(escalated_for.get(team, []), page.seq)
        if esc is not None:
            ends.append((esc.t, esc.seq, esc.event.by, esc))
        manual = earliest(
            by_ic_to_team.first_after(team, page.seq, person) if team is not None else None,
            first_after(by_ic_to.get(manager, []), page.seq) if manager and manager != person else None,
        )
        if manual is not None and (esc is None or manual.seq < esc.seq):
            ends.append((manual.t, manual.seq, "ic", manual))
        tried = first_after(tried_for.get(team, []), page.seq)
        if tried is not None:
            ends.append((tried.t, tried.seq, "tried", tried))
        ends.append((f.open_until, 1 << 60, "stop", None))
        t_end, _, how, end = min(ends, key=lambda x: (x[0], x[1]))
        if how in ("ack", "stop", "policy") and t_end - page.t <= timeout + ESCALATE_GRACE:
            continue  # answered (or over) before escalating was due: nothing to judge
        who = f.name(person)
        seqs = [page.seq] + ([end.seq] if end is not None else [])
        delay = t_end - page.t
        fraction = late_credit(delay - timeout - ESCALATE_GRACE, span)
        if how == "ic":
            text = f"{who} ({team}) did not answer the page; you escalated {minutes(delay)} after it"
        elif how == "tried":
            text = f"{who} ({team}) did not answer the page; you tried to escalate {minutes(delay)} after it ({end.event.reason})"
        elif how == "policy":
            fraction = 0.0
            text = f"{who} ({team}) did not answer the page; you left it, and the paging policy escalated {minutes(delay)} later"
        elif how == "ack":
            fraction = max(0.0, 1.0 - max(0, delay - timeout - ESCALATE_GRACE) / span)  # waited, did nothing
            text = f"{who}'s page ({team}) went unanswered for {minutes(delay)} and you did not escalate (after {minutes(timeout)}, escalate)"
        else:
            fraction = 0.0
            text = f"{who}'s page ({team}) was never answered and you never escalated"
        # Stamped with the act judged: your escalation when there was one, else when it fell due.
        ledger.item(ESCALATION, fraction, t_end if how in ("ic", "tried") else page.t + timeout, text, seqs)


def _escalation_target(f: Facts, text: str) -> str | None:
    """The team an /escalate command names: a team, or the team of the person it names, read the
    way the engine read it (the parser, then the one person resolver)."""
    command = parse(text)
    if not isinstance(command, Escalate):
        return None
    if command.target in f.scenario.teams:
        return command.target
    person, _ = resolve_person(f.names, command.target)
    return f.teams.get(person) if person is not None else None


class _Others:
    """Entries grouped by a key, each group in log order, for "the first after this entry to
    someone other than this person" in log n: each entry knows the next one to someone else."""

    def __init__(self, groups: dict) -> None:
        self.groups = groups
        self.next_other: dict = {}
        for key, group in groups.items():
            nxt = [len(group)] * len(group)
            for i in range(len(group) - 2, -1, -1):
                nxt[i] = i + 1 if group[i + 1].event.person != group[i].event.person else nxt[i + 1]
            self.next_other[key] = nxt

    def first_after(self, key, seq: int, not_person: str):
        group = self.groups.get(key, [])
        i = bisect_right(group, seq, key=lambda e: e.seq)
        if i < len(group) and group[i].event.person == not_person:
            i = self.next_other[key][i]
        return group[i] if i < len(group) else None


def _backed(f: Facts, faults: tuple[dict[str, int], dict[str, int]], conflict_id: str, person: str, at_seq: int) -> str | None:
    """What the chosen proposal would do to a fault active at that moment: 'fixes' (the fix or a
    remedy that fixes), 'mitigates' (a reasonable step: it buys time), 'worsens' (a wrong one),
    'nothing'; None when unknown."""
    conflict = next((c for c in f.scenario.conflicts if c.id == conflict_id), None)
    if conflict is None:
        return None
    proposal = next((p for p in conflict.proposals if p.person == person), None)
    if proposal is None:
        return None
    started, fixed = faults
    active = [x for x in f.scenario.every_fault() if started.get(x.id, at_seq) < at_seq <= fixed.get(x.id, at_seq)]
    done = {does for x in active for does, fix in x.actions() if (fix.action, fix.target) == (proposal.action, proposal.target)}
    return next((does for does in ("fixes", "mitigates", "worsens") if does in done), "nothing")


def _first_seq(f: Facts, kind: type) -> dict[str, int]:
    """Each fault's first entry of ``kind`` (FaultStarted, FaultFixed): fault id -> seq."""
    first: dict[str, int] = {}
    for entry in f.of(kind):
        first.setdefault(entry.event.fault, entry.seq)
    return first


def _conflicts(f: Facts, ledger: Ledger) -> None:
    polls = grouped(f.of(ev.ConflictPolled), lambda p: p.event.conflict)
    decisions = grouped(f.of(ev.ConflictDecided), lambda d: d.event.conflict)
    faults = _first_seq(f, ev.FaultStarted), _first_seq(f, ev.FaultFixed)
    for raised in f.of(ev.ConflictRaised):
        cid = raised.event.conflict
        decided = first_after(decisions.get(cid, []), raised.seq)
        poll = first_after(polls.get(cid, []), raised.seq)
        acted = min([x for x in (poll, decided if decided is not None and decided.event.by == "ic" else None) if x is not None], key=lambda x: x.seq, default=None)
        if acted is None:
            stall = f.end - raised.t
            if stall <= CONFLICT_GRACE or decided is not None:
                continue
            text = f"the disagreement ({' vs '.join(_short(p) for p in raised.event.proposals)}) was never decided; both experts argued for {minutes(stall)}"
            ledger.item(CONFLICT, 0.0, raised.t, text, [raised.seq])
            continue
        stall = acted.t - raised.t
        fraction = late_credit(stall - CONFLICT_GRACE, CONFLICT_SPAN)
        how = "polled for objections" if isinstance(acted.event, ev.ConflictPolled) else "decided"
        text = f"{how} on the disagreement {minutes(stall)} after it arose"
        seqs = [raised.seq, acted.seq] + ([decided.seq] if decided is not None and decided.seq != acted.seq else [])
        if decided is not None and decided.event.by == "ic":
            backed = _backed(f, faults, cid, decided.event.person, decided.seq)
            text += f", going with {f.name(decided.event.person)}"
            if backed == "nothing":
                fraction *= 0.5
                text += ", whose fix the evidence did not back"
            elif backed == "mitigates":
                text += ", whose step buys time while the real fix is found"
            elif backed == "worsens":
                fraction *= 0.25
                text += ", whose step made the fault worse"
        ledger.item(CONFLICT, fraction, raised.t, text, seqs)


def _short(proposal: str) -> str:
    return proposal.split(" (")[0]


def _questions(f: Facts, ledger: Ledger) -> None:
    answers = grouped(f.of(ev.QuestionAnswered), lambda a: a.event.question)
    lapses = grouped(f.of(ev.QuestionLapsed), lambda a: a.event.question)
    for asked in f.of(ev.QuestionAsked):
        q = asked.event
        answer = next(iter(answers.get(q.question, [])), None)
        lapse = next(iter(lapses.get(q.question, [])), None)
        who = f.name(q.person)
        if answer is not None:
            text = f"answered {who}'s question {minutes(answer.t - asked.t)} after it was asked"
            ledger.item(QUESTION, 1.0, asked.t, text, [asked.seq, answer.seq])
        elif lapse is not None and lapse.t - asked.t >= QUESTION_FAIR:
            text = f"{who} asked '{q.text}' and gave up waiting for an answer at {format_clock(lapse.t)}"
            ledger.item(QUESTION, 0.0, asked.t, text, [asked.seq, lapse.seq])
