"""The severity form (F5, or /declare or /sev sent with no level): the organisation's ladder with
each level's criteria, beside the impact as the IC sees it now.

It recommends nothing and highlights no level until the player moves: judging the severity is the
skill the drill scores. Choosing a level dismisses the form with the slash command it means
(``/declare sev2``, or ``/sev sev2`` once declared), which the app sends as if typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.forms_text import impact_now, level_criteria, level_keys, severity_command
from tui.widgets.shown import Shown

if TYPE_CHECKING:
    from sim.reading.view import View


def level_prompt(key: str, name: str, criteria: str, current: bool) -> Shown:
    text = Shown()
    text.append(f"{key or ' '}  ", "bold")
    text.append(name, "bold cyan")
    if current:
        text.append(" (current)", "dim")
    text.append("  ")
    text.append(criteria)
    return text


class SeverityForm(ModalScreen[str | None]):
    """Dismissed with the command for the level chosen, or None (Esc); the clock waits meanwhile."""

    BINDINGS = [Binding("escape", "cancel", "Back to the drill")]

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view
        levels = view.catalog.severity.levels
        self.levels = [level.name for level in levels]
        self.keys = level_keys(self.levels)
        self._criteria = [level_criteria(level) for level in levels]

    def compose(self) -> ComposeResult:
        view = self.view
        with Vertical(id="severity-box") as box:
            box.border_title = "Declare the severity" if view.severity is None else "Change the severity"
            box.border_subtitle = "↑↓ and Enter, or the level's key; Esc cancels"
            impact = Shown()
            impact.append("Now, as you see it\n", "bold")
            impact.append("\n".join(impact_now(view)))
            yield Static(impact, id="severity-impact")
            yield Static(Shown("The ladder (the policy's criteria; the call is yours)", "bold"), id="severity-heading")
            options = [
                Option(level_prompt(key, name, criteria, name == view.severity), id=name)
                for key, name, criteria in zip(self.keys, self.levels, self._criteria)
            ]
            levels = OptionList(*options, id="severity-levels")
            levels.highlighted = None  # OptionList highlights its first option: that would be a suggestion
            yield levels

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in self.keys:
            event.stop()
            event.prevent_default()
            self.choose(self.keys.index(event.character))

    def choose(self, index: int) -> None:
        self.dismiss(severity_command(self.view, self.levels[index]))

    def action_cancel(self) -> None:
        self.dismiss(None)
