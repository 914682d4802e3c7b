"""What happened in the room during a drill, counted from the log: the figures that show how an
IC handled the people (the scorecard judges them; this only counts)."""

from __future__ import annotations

from collections import Counter

from sim.log import events as ev
from sim.log.eventlog import Entry


def room_summary(entries: list[Entry]) -> dict[str, int | str]:
    kinds = Counter(type(e.event) for e in entries)
    tasks = [e.event for e in entries if isinstance(e.event, ev.TaskAssigned)]
    dead_end = sum(e.event.lost for e in entries if isinstance(e.event, ev.DeadEndEnded))
    pulled = sum(e.event.seconds for e in entries if isinstance(e.event, ev.PulledOff))
    by_policy = sum(1 for e in entries if isinstance(e.event, ev.Escalated) and e.event.by == "policy")
    severities = [e.event.severity for e in entries if isinstance(e.event, ev.SeveritySet)]
    roles = sorted({e.event.role for e in entries if isinstance(e.event, ev.RoleAssigned)})
    return {
        "severity calls": " -> ".join(severities) or "none",
        "status updates": kinds[ev.StatusUpdate],
        "tasks named / broadcast": f"{sum(t.via != 'broadcast' for t in tasks)} / {kinds[ev.BroadcastAsked]}",
        "tasks with a time-box": sum(t.timebox is not None for t in tasks),
        "pages missed / escalations (by policy)": f"{kinds[ev.PageMissed]} / {kinds[ev.Escalated]} ({by_policy})",
        "owners looked up": kinds[ev.OwnerFound],
        "questions answered / lapsed": f"{kinds[ev.QuestionAnswered]} / {kinds[ev.QuestionLapsed]}",
        "managers redirected / theories chased": f"{kinds[ev.ManagerRedirected]} / {kinds[ev.ManagerTheory]}",
        "dead-end minutes": round(dead_end / 60),
        "Sev0 pushes / qualified": f"{kinds[ev.SalesPushed]} / {kinds[ev.SalesQualified]}",
        "responder minutes lost to the executive": round(pulled / 60),
        "conflicts decided": kinds[ev.ConflictDecided],
        "roles filled": ", ".join(roles) or "none",
        "timeline notes": kinds[ev.TimelineNote],
    }
