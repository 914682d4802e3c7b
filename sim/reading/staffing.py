"""Who is doing what: each responder's status, task and since, folded from the log once for every
reader. The view shows it to the IC (and the bots act on it); the scorecard's facts judge its
history of stretches (time left idle while customers were hurt).

The engine keeps its own responder state (`sim.engine.people.model`): it writes the log and needs
more than the log says (when someone pulled away comes back, the process working a task). This is
what the log says, and so what any reader can know:

- `paged` takes anyone to paged (a page can reach someone pulled away, whom the log shows available);
- `page_acknowledged` makes a paged person available;
- `person_present` makes a responder in the channel from the start available (a stakeholder
  present from the start is in the room, not on the rota, and stays off here);
- `task_assigned` makes them working on that task; `task_reported` frees whoever is working;
- `role_assigned` puts them in a role; `role_released` frees whoever holds one.

An escalation is followed by its page at the same second, and the player's own page is the IC's,
not a responder's: neither changes anyone here.

>>> s = Staffing()
>>> for t, event in [(10, ev.Paged("ann", "ic")), (70, ev.PageAcknowledged("ann")),
...                  (90, ev.TaskAssigned(1, "ann", "investigate", "db", 300)), (400, ev.TaskReported(1, "ann", "investigate", "db"))]:
...     s.apply(Entry(t, t, event))
>>> s.of("ann").status, s.of("ann").since, s.of("bob").status
('available', 400, 'off')
>>> [(x.state, x.start, x.end) for x in s.stretches(until=600)]
[('paged', 10, 70), ('available', 70, 90), ('working', 90, 400), ('available', 400, 600)]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.log import events as ev
from sim.log.eventlog import Entry
from sim.reading.names import IC

OFF, PAGED, AVAILABLE, WORKING, ROLE = "off", "paged", "available", "working", "role"
RESPONDER, STAKEHOLDER = "responder", "stakeholder"  # how a person present from the start joins (`person_present`)
_STAFFING = (ev.Paged, ev.PageAcknowledged, ev.TaskAssigned, ev.TaskReported, ev.RoleAssigned, ev.RoleReleased, ev.PersonPresent,
             ev.PersonLeft)


@dataclass
class Post:
    """Where one person stands now. Changed in place, so a reader may hold on to it."""

    status: str = OFF
    task: str | None = None  # "investigate checkout" while working
    task_id: int | None = None
    since: int = 0  # when this status (and task) began
    seq: int = -1  # the log entry that began it


@dataclass(frozen=True)
class Stretch:
    """A person's time in one status (and one task): [start, end)."""

    person: str
    state: str  # paged, available, working, role
    start: int
    end: int
    seq: int  # the entry that began it
    task: str | None = None


@dataclass
class Staffing:
    posts: dict[str, Post] = field(default_factory=dict)
    closed: list[Stretch] = field(default_factory=list)  # stretches that ended, in the order they did

    def of(self, person: str) -> Post:
        """A person's post; off until the log says otherwise."""
        return self.posts.setdefault(person, Post())

    def task(self, person: str | None) -> str | None:
        """The task a person is working on now, if any."""
        post = self.posts.get(person) if person is not None else None
        return post.task if post is not None else None

    def stretches(self, until: int) -> list[Stretch]:
        """Every stretch so far, those still running cut at `until` (the end of the drill)."""
        running = [
            Stretch(person, p.status, p.since, until, p.seq, p.task)
            for person, p in sorted(self.posts.items())
            if p.status != OFF and p.since < until
        ]
        return self.closed + running

    def apply(self, entry: Entry) -> None:
        e = entry.event
        if not isinstance(e, _STAFFING) or e.person == IC:
            return
        person, status = e.person, self.of(e.person).status
        if isinstance(e, ev.Paged):
            self._move(entry, person, PAGED)
        elif isinstance(e, ev.PageAcknowledged) and status == PAGED:
            self._move(entry, person, AVAILABLE)
        elif isinstance(e, ev.PersonPresent) and e.joins_as == RESPONDER:
            self._move(entry, person, AVAILABLE)
        elif isinstance(e, ev.TaskAssigned):
            self._move(entry, person, WORKING, f"{e.action} {e.service}", e.task)
        elif isinstance(e, ev.TaskReported) and status == WORKING:
            self._move(entry, person, AVAILABLE)
        elif isinstance(e, ev.RoleAssigned):
            self._move(entry, person, ROLE)
        elif isinstance(e, ev.RoleReleased) and status == ROLE:
            self._move(entry, person, AVAILABLE)
        elif isinstance(e, ev.PersonLeft):
            self._move(entry, person, OFF)  # dropped out (a facilitator's inject): gone for good

    def _move(self, entry: Entry, person: str, status: str, task: str | None = None, task_id: int | None = None) -> None:
        post = self.of(person)
        if (post.status, post.task_id) == (status, task_id):
            return  # the same stretch goes on
        if post.status != OFF and entry.t > post.since:
            self.closed.append(Stretch(person, post.status, post.since, entry.t, post.seq, post.task))
        post.status, post.task, post.task_id, post.since, post.seq = status, task, task_id, entry.t, entry.seq
