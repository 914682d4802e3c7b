"""Probe strategies: scripted ICs that each play one habit, with the rank IC practice gives them.

The scorecard is honest when it ranks these as an experienced Incident Commander would. The good
player here is not the expert bot: it speaks in its own words (the README's update template with
its own phrasing) and keeps its own habits; every other probe is the good player with one habit
changed, so that a difference in score is the price of that habit alone.

Each strategy's rank is the one IC practice gives it (1 = best), with the reason beside it. Ranks
are shared by the scenarios, but for a habit whose cost depends on who is in the room; a probe
that cannot happen on a scenario (giving in to Sales where no Sales push comes) is left out there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sim.log import events as ev
from sim.play.bots import ExpertBot
from sim.play.bots.base import UNHEALTHY
from sim.reading.view import View

LATE = 180  # "the same, but late": the good player answers the page three minutes late
ABSENT = 900  # a long absence: fifteen minutes away after the page
SPAM_EVERY = 60  # update spam: a status update every minute


class Good(ExpertBot):
    """A good IC in its own words: the README's update template, written as a person writes it."""

    name = "good"
    away = 0  # seconds after the page before this IC looks at anything

    def decide(self, view: View) -> list[str]:
        if view.ic_paged_at is not None and view.now - view.ic_paged_at < self.away:
            return []  # not looking: nothing read, nothing answered
        return [self.update(view) if c.startswith("/update ") and "Resolved" not in c else c for c in super().decide(view)]

    def update(self, view: View) -> str:
        hurt = [s for s in sorted(view.health) if view.health[s] in UNHEALTHY and view.catalog.services[s].traffic > 0]
        impact = f"about {view.observed_impact:.0%} of customers see errors" + (f" on {' and '.join(hurt)}" if hurt else "")
        doing = [f"{p.name} is on {p.task}" for p in view.people.values() if p.task]
        actions = ", ".join(doing) if doing else "we are finding the cause"
        minutes = (view.update_interval() or 600) // 60
        return f"/update Impact: {impact}. Actions: {actions}. Next update: {minutes} min"


Change = Callable[["Probe", View, list[str]], list[str]]


class Probe(Good):
    """The good player with one habit changed."""

    def __init__(self, change: Change | None = None, away: int = 0) -> None:
        super().__init__()
        self.change = change
        self.away = away
        self.last_spam: int | None = None

    def decide(self, view: View) -> list[str]:
        commands = super().decide(view)
        return self.change(self, view, commands) if self.change else commands


def _updates_replaced(text: str) -> Change:
    def change(bot, view, commands):
        return [f"/update {text}" if c.startswith("/update ") and "Resolved" not in c else c for c in commands]

    return change


def _without(*prefixes: str) -> Change:
    def change(bot, view, commands):
        return [c for c in commands if not c.startswith(prefixes)]

    return change


def _then(*changes: Change) -> Change:
    def change(bot, view, commands):
        for c in changes:
            commands = c(bot, view, commands)
        return commands

    return change


hold_comms = _without("/role ")  # the IC keeps every seat, so every update is the IC's own


def spam(bot, view, commands):
    commands = hold_comms(bot, view, commands)
    if view.phase in ("declared", "mitigated") and not any(c.startswith("/update") for c in commands):
        if bot.last_spam is None or view.now - bot.last_spam >= SPAM_EVERY:
            commands.append(bot.update(view))
    if any(c.startswith("/update") for c in commands):
        bot.last_spam = view.now
    return commands


def over_call(bot, view, commands):
    top = view.catalog.severity_names[0]
    return [f"/declare {top}" if c.startswith("/declare") else c for c in commands if not c.startswith("/sev")]


def under_call(bot, view, commands):
    bottom = view.catalog.severity_names[-1]
    return [f"/declare {bottom}" if c.startswith("/declare") else c for c in commands if not c.startswith("/sev")]


def give_in_to_sales(bot, view, commands):
    top = view.catalog.severity_names[0]
    return [f"/sev {top}" if c == "/qualify" else c for c in commands]


def _is_fix(command: str) -> bool:
    parts = command.split()
    return command.startswith("/assign ") and len(parts) >= 4 and parts[2] != "investigate"


def hands_on(bot, view, commands):
    """The IC applies the fix personally instead of handing it to the owner."""
    return [f"/handson {c.split()[2]} {c.split()[3]}" if _is_fix(c) else c for c in commands]


def never_fix(bot, view, commands):
    """Investigations, updates and the room, but nobody is ever told to apply a fix."""
    return [c for c in commands if not (_is_fix(c) or c.startswith(("/decide", "/poll", "/handson")))]


ignore_room = _without("/redirect", "/qualify", "/decline", "/dm ", "/decide", "/poll", "/evidence")


@dataclass(frozen=True)
class Strategy:
    name: str
    rank: int
    why: str
    make: Callable[[], object]
    needs: type | None = None  # an event the scenario must produce for the probe to mean anything
    rank_in_a_crowd: int | None = None  # its rank where managers, Sales or an executive come into the room

    def rank_for(self, scenario) -> int:
        people = scenario.stakeholders
        crowded = bool(people.managers or people.head_of_sales or people.executive)
        return self.rank_in_a_crowd if crowded and self.rank_in_a_crowd is not None else self.rank


def _bot(change: Change | None = None, away: int = 0) -> Callable[[], object]:
    return lambda: Probe(change, away)


STRATEGIES = [
    Strategy("good", 1, "the playbook, in the trainee's own words", _bot()),
    Strategy("late 3 min", 2, "the same play, answering the page three minutes late", _bot(away=LATE)),
    Strategy("holds comms lead", 3, "good play, but the IC keeps the Comms Lead seat and writes every update", _bot(hold_comms)),
    Strategy("over-call", 4, "the top severity from the start, never revisited: safe but wasteful", _bot(over_call)),
    Strategy("update spam", 5, "an update every minute drowns the channel and the IC's attention", _bot(spam)),
    # Leaving the room alone costs little where nobody comes in; where managers chase theories and
    # an executive grabs responders, it sends engineers into dead ends and off the fix.
    Strategy("ignores the room", 6, "managers, Sales, questions and disagreements left unanswered", _bot(ignore_room), rank_in_a_crowd=12),
    Strategy("gives in to Sales", 7, "raises to the top severity when Sales pushes, not on impact", _bot(give_in_to_sales), ev.SalesPushed),
    Strategy("keyword updates", 8, "updates that list the headings and say nothing", _bot(_then(hold_comms, _updates_replaced("impact; actions; next update in 10 min")))),
    Strategy("empty updates", 9, "`/update ok` on cadence", _bot(_then(hold_comms, _updates_replaced("ok")))),
    Strategy("no updates", 10, "the IC holds the Comms Lead seat and never posts", _bot(_without("/role ", "/update "))),
    Strategy("under-call", 11, "the lowest severity for a customer-facing outage, never raised", _bot(under_call)),
    Strategy("absent 15 min", 12, "fifteen minutes before the IC looks at anything", _bot(away=ABSENT)),
    Strategy("novice", 13, "the novice bot: a first shift, several habits missing", lambda: "novice"),
    Strategy("hands-on fix", 14, "the IC does the fix personally and leaves the seat empty", _bot(hands_on)),
    Strategy("never fixes", 15, "good form for ninety minutes, but the fix is never done", _bot(never_fix)),
    Strategy("false all-clear", 16, "tells stakeholders no customers are affected while they are", _bot(_updates_replaced("Impact: no customers affected, it was a blip. Final update."))),
    Strategy("idle", 17, "never answers the page", lambda: "idle"),
]
