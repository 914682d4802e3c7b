"""The briefing: what the trainee reads before taking the IC seat."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.widgets.shown import Shown

HOW_TO_PLAY = (
    "You are the Incident Commander. Type slash commands in the line at the bottom "
    "(/help lists them): acknowledge your page, declare a severity, page owners, give named "
    "people time-boxed tasks, post status updates, and drive the incident to resolution."
)


class BriefingScreen(Screen[bool]):
    """Dismissed with True when the player starts the drill, False when they go back to the picker
    (Esc, offered only when the game has a picker to go back to)."""

    BINDINGS = [
        Binding("enter", "begin", "Take the IC seat"),
        Binding("escape", "back", "Back to the scenarios"),
    ]

    def __init__(self, title: str, briefing: str, *, back: bool = False, level: str | None = None) -> None:
        """`level`: the difficulty level chosen, as `level_of` says it; None when played as written."""
        super().__init__()
        self.scenario_title = title
        self.briefing = briefing
        self.back = back
        self.level = level

    def compose(self) -> ComposeResult:
        # Scenario text is shown as written (`Shown`): brackets are just brackets, an ESC shows as \x1b.
        with Vertical(id="briefing-box"):
            yield Static(Shown(self.scenario_title), markup=False, id="briefing-title")
            if self.level is not None:
                yield Static(Shown(self.level), markup=False, id="briefing-level")
            yield Static(Shown(self.briefing.strip() or "(no briefing)"), markup=False, id="briefing-text")
            yield Static(HOW_TO_PLAY, markup=False, id="briefing-howto")
            start = "Press Enter to start the clock" + (", Esc to go back to the scenarios." if self.back else ".")
            yield Static(start, markup=False, id="briefing-start")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.back if action == "back" else True

    def action_begin(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)


def briefing_of(loaded) -> str:
    """The briefing of a loaded scenario (`sim.scenario.LoadedScenario`), as the drill's view will
    give it, from the public catalog alone: no engine needs to be built before it is shown."""
    from sim.reading.briefing import briefing
    from sim.scenario.public import Catalog

    return briefing(Catalog.from_scenario(loaded.scenario))


def level_of(loaded) -> str | None:
    """'Level: Hard: a noisy pager (what it changes)' for a scenario played at a level; None as written."""
    if loaded.level is None:
        return None
    level = next((lv for lv in loaded.scenario.levels if lv.id == loaded.level), None)
    if level is None:
        return f"Level: {loaded.level}"
    return f"Level: {level.title}" + (f" ({level.summary})" if level.summary else "")
