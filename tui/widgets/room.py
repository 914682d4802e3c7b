"""The room panel: what is waiting on the IC's answer right now, each with the command that answers it.

Open questions from responders, the executive's request, disagreements, the Head of Sales'
pressure, managers in the channel, and a notice while the IC is heads-down. Only what the IC has
read is listed: something said while heads-down waits in `view.held` and shows up here once the
IC is back, as it does in the inbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from sim.log import events as ev
from sim.log.clock import format_clock
from sim.reading.names import display_name, resolve_person
from sim.reading.view import View
from tui.widgets.shown import Shown

EXECUTIVE_WANTS = {
    "customer-list": "a list of every affected customer",
    "customer-call": "an engineer on a call with the customer",
}


@dataclass(frozen=True)
class Ask:
    """One thing in the room that needs the IC; `urgent` ones are counted in the panel's title."""

    kind: str  # heads-down, executive, conflict, question, sales, manager
    headline: str
    text: str
    hint: str
    urgent: bool = True


def _person_ref(view: View, first_name: str) -> str:
    """The id to type for a proposer named by first name in a proposal ('Kenji: rollback ...'),
    found as the engine finds people (`resolve_person`); the name itself when it names nobody one."""
    person, _ = resolve_person(view.names, first_name)
    return person or first_name


def _head_of_sales(view: View) -> str:
    for message in reversed(view.held + view.inbox):
        if isinstance(message.event, ev.SalesPushed):
            return display_name(view.names, message.event.person)
    return "Head of Sales"


def room_asks(view: View) -> tuple[Ask, ...]:
    """What the room panel lists, most pressing first; a pure function of the view."""
    if view.ended:
        return ()  # nothing can be answered any more
    held = [m.event for m in view.held]
    asks: list[Ask] = []
    if view.heads_down_until is not None:
        count = len(view.held)
        asks.append(Ask(
            "heads-down",
            f"HEADS-DOWN until {format_clock(view.heads_down_until)}:",
            f"{count} message{'s' if count != 1 else ''} held unread; only /back is heard.",
            "/back",
        ))
    if view.executive_request is not None and not any(isinstance(e, ev.ExecutiveRequested) for e in held):
        person, request = view.executive_request
        wants = EXECUTIVE_WANTS.get(request, request)
        asks.append(Ask("executive", f"{display_name(view.names, person)} (exec) wants", f"{wants}, now.",
                        "/grant · /decline"))
    held_conflicts = {e.conflict for e in held if isinstance(e, ev.ConflictRaised)}
    for conflict, proposals in view.conflicts.items():
        if conflict in held_conflicts:
            continue
        # "Kenji: rollback checkout (evidence)": the evidence is in the timeline; here, who wants what.
        people = [_person_ref(view, p.split(":")[0].strip()) for p in proposals if ":" in p]
        decide = f"/decide {' or '.join(people) or 'PERSON'}"
        wanted = " vs ".join(p.split(" (")[0] for p in proposals)
        asks.append(Ask("conflict", "Disagreement:", wanted, f"{decide} · /poll"))
    held_questions = {e.question for e in held if isinstance(e, ev.QuestionAsked)}
    for question, (person, text) in view.questions.items():
        if question not in held_questions:
            asks.append(Ask("question", f"{display_name(view.names, person)} asks:", text, f"/dm {person} YOUR ANSWER"))
    pushes = [e for e in held if isinstance(e, ev.SalesPushed)]
    pressure = pushes[0].pressure - 1 if pushes else view.sales_pressure  # one push at a time, +1 each
    if pressure > 0:
        asks.append(Ask("sales", f"{_head_of_sales(view)} (sales)",
                        f"pushes for a higher severity ({pressure} push{'es' if pressure != 1 else ''} so far).",
                        "/qualify (answer with the impact)"))
    held_managers = {e.manager for e in held if isinstance(e, ev.ManagerJoined)}
    for manager in view.managers:
        if manager in held_managers:
            continue
        if manager in view.redirected:
            asks.append(Ask("manager", f"{display_name(view.names, manager)} (manager)", "is in the channel, redirected.", "",
                            urgent=False))
        else:
            asks.append(Ask("manager", f"{display_name(view.names, manager)} (manager)", "is in the channel.",
                            f"/redirect {manager}"))
    return tuple(asks)


STYLES = {
    "heads-down": "bold black on yellow",
    "executive": "bold red",
    "conflict": "bold yellow",
    "question": "bold cyan",
    "sales": "bold magenta",
    "manager": "bold",
}


def room_text(asks: tuple[Ask, ...]) -> Shown:
    """Scenario and player words go in as `Shown` text: brackets stay brackets, an ESC shows as \\x1b."""
    if not asks:
        return Shown("nothing is waiting on you", style="dim italic")
    lines = []
    for ask in asks:
        line = Shown()
        line.append(ask.headline, style=STYLES.get(ask.kind, "bold") if ask.urgent else "dim")
        line.append(" ")
        line.append(ask.text, style="" if ask.urgent else "dim")
        if ask.hint:
            line.append("\n → ", style="dim")
            line.append(ask.hint, style="green")
        lines.append(line)
    return Shown("\n").join(lines)


class RoomPanel(VerticalScroll):
    """Shows `asks`; `show(view)` sets them and the body changes only when they do."""

    BORDER_TITLE = "Room"

    asks: reactive[tuple[Ask, ...]] = reactive(())

    def compose(self) -> ComposeResult:
        yield Static(room_text(self.asks), id="room-body")

    def show(self, view: View) -> None:
        self.asks = room_asks(view)

    def watch_asks(self, asks: tuple[Ask, ...]) -> None:
        waiting = sum(ask.urgent for ask in asks)
        self.border_title = f"Room · {waiting} waiting on you" if waiting else "Room"
        if self.is_mounted:
            self.query_one("#room-body", Static).update(room_text(asks))
