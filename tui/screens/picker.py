"""The picker: every scenario on offer, with what a trainee chooses by, and the speed to play at.

Each entry shows the title, the difficulty, how long the drill may take and the trainee's best
score on it (or "not played yet"); the highlighted one shows its summary below the list. A file
that cannot be played is an entry with its error. A scenario that declares difficulty levels
shows them below the list too, and `l` cycles the highlighted one's level (as written, then each
level in turn); the level chosen shows in its line and goes with `Chosen`. The screen only shows
and asks: the app loads, remembers and starts (it hears `Chosen`, `SpeedChosen` and `RenameAsked`).

Titles, summaries, errors and the trainee's name come from outside: they are drawn as `Shown`
text, never read as markup.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.store.scenario_list import ScenarioEntry, length_text
from tui.store.settings import SPEEDS
from tui.widgets.shown import Shown

DIFFICULTY_STYLE = {"easy": "green", "medium": "yellow", "hard": "red"}


def best_text(best: float | None) -> str:
    return "not played yet" if best is None else f"best {best:.0f}/100"


class PickerScreen(Screen):
    """The scenarios, the trainee and the speed; Enter asks the app for the highlighted one's briefing."""

    AUTO_FOCUS = "#picker-list"
    BINDINGS = [
        # Priority: the list's own Enter would otherwise take the key (and hide this from the footer).
        Binding("enter", "choose", "Briefing", priority=True),
        Binding("left,f3", "slower", "Slower", key_display="←"),
        Binding("right,f4", "faster", "Faster", key_display="→"),
        Binding("n", "rename", "Change name"),
        Binding("l", "cycle_level", "Level"),  # shown only for a scenario that has levels (check_action)
        Binding("q", "app.quit", "Quit", show=False),
    ]

    class Chosen(Message):
        """The player asked for this scenario's briefing, at this level (None: as written)."""

        def __init__(self, entry: ScenarioEntry, level: str | None = None) -> None:
            super().__init__()
            self.entry = entry
            self.level = level

    class SpeedChosen(Message):
        def __init__(self, speed: float) -> None:
            super().__init__()
            self.speed = speed

    class RenameAsked(Message):
        """The player wants to change the name their sessions are recorded under."""

    def __init__(self, entries: list[ScenarioEntry], best: dict[str, float], trainee: str, speed: float) -> None:
        super().__init__()
        self.entries = list(entries)
        self.best = dict(best)
        self.trainee = trainee
        self.speed = speed
        self.levels: dict[Path, str] = {}  # scenario file -> the level chosen for it; absent: as written

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(self._head(), id="picker-head")
            yield OptionList(*(Option(self._prompt(e), id=f"s{i}") for i, e in enumerate(self.entries)), id="picker-list")
            yield Static(id="picker-detail")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.entries:
            options.highlighted = 0  # the default scenario comes first (`scenario_list.entries`)
        self._show_detail()

    # --- what the app tells it --------------------------------------------------------------

    def update_entry(self, entry: ScenarioEntry) -> None:
        """An entry read again (the full check found an error, say): its line and detail follow."""
        for index, old in enumerate(self.entries):
            if old.path == entry.path:
                self.entries[index] = entry
                if self.levels.get(entry.path) not in {lv.id for lv in entry.levels}:
                    self.levels.pop(entry.path, None)  # the full check found no such level
                if self.is_mounted:
                    self.query_one(OptionList).replace_option_prompt_at_index(index, self._prompt(entry))
        self._show_detail()

    def show_trainee(self, trainee: str, best: dict[str, float]) -> None:
        self.trainee, self.best = trainee, dict(best)
        self._redraw()

    @property
    def highlighted(self) -> ScenarioEntry | None:
        index = self.query_one(OptionList).highlighted
        return self.entries[index] if index is not None and 0 <= index < len(self.entries) else None

    # --- keys -------------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()  # `l` is offered for a scenario that has levels only

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cycle_level":
            entry = self.highlighted
            return entry is not None and entry.error is None and bool(entry.levels)
        return True

    def action_choose(self) -> None:
        entry = self.highlighted
        if entry is None:
            return
        if entry.error is not None:
            self.notify("This scenario cannot be played: its error is shown below the list.", severity="warning")
            return
        self.post_message(self.Chosen(entry, self.levels.get(entry.path)))

    def action_faster(self) -> None:
        self._set_speed(next((s for s in SPEEDS if s > self.speed), self.speed))

    def action_slower(self) -> None:
        self._set_speed(next((s for s in reversed(SPEEDS) if s < self.speed), self.speed))

    def action_cycle_level(self) -> None:
        """The highlighted scenario's next level: as written, then each of its levels in turn."""
        entry = self.highlighted
        if entry is None or not entry.levels:
            return
        ids = [None, *(lv.id for lv in entry.levels)]
        chosen = ids[(ids.index(self.levels.get(entry.path)) + 1) % len(ids)]
        if chosen is None:
            self.levels.pop(entry.path, None)
        else:
            self.levels[entry.path] = chosen
        self.query_one(OptionList).replace_option_prompt_at_index(self.entries.index(entry), self._prompt(entry))
        self._show_detail()

    def action_rename(self) -> None:
        self.post_message(self.RenameAsked())

    def _set_speed(self, speed: float) -> None:
        if speed != self.speed:
            self.speed = speed
            self.post_message(self.SpeedChosen(speed))
            self._redraw()

    # --- drawing ----------------------------------------------------------------------------

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        self.query_one("#picker-head", Static).update(self._head())
        options = self.query_one(OptionList)
        for index, entry in enumerate(self.entries):
            options.replace_option_prompt_at_index(index, self._prompt(entry))
        self._show_detail()

    def _head(self) -> Shown:
        head = Shown("Pick a drill", style="bold")
        head.append("   trainee: ")
        head.append(self.trainee, style="bold")
        head.append(" (n to change)   speed: ")
        head.append(f"{self.speed:g}x", style="bold")
        head.append(" (←/→)")
        return head

    def _prompt(self, entry: ScenarioEntry) -> Shown:
        line = Shown(entry.title, style="bold")
        line.append("\n  ")
        line.append(entry.difficulty, style=DIFFICULTY_STYLE.get(entry.difficulty, ""))
        line.append(f" · {length_text(entry.time_limit, self.speed)} · ")
        if entry.error is not None:
            line.append("cannot be played (see below)", style="red")
        else:
            line.append(best_text(self.best.get(entry.history_id)))
            if (level := self.levels.get(entry.path)) is not None:
                line.append(" · level ")
                line.append(level, style="bold")
        return line

    def _show_detail(self) -> None:
        if not self.is_mounted:
            return
        entry = self.highlighted
        detail = Shown()
        if entry is None:
            detail.append("No scenarios were found.")
        elif entry.error is not None:
            detail.append(f"{entry.path}\n", style="dim")
            detail.append(entry.error, style="red")
        else:
            detail.append(entry.id, style="bold")
            detail.append(f"  (icdrill play {entry.id})\n", style="dim")
            detail.append(entry.summary or "(no summary)")
            self._level_detail(detail, entry)
            detail.append("\n\nThe drill ends when the incident is resolved, or at its time limit: ", style="dim")
            detail.append(length_text(entry.time_limit, self.speed), style="dim")
            detail.append(" of sim time.", style="dim")
        self.query_one("#picker-detail", Static).update(detail)

    def _level_detail(self, detail: Shown, entry: ScenarioEntry) -> None:
        """The levels on offer, the chosen one marked, and what it changes."""
        if not entry.levels:
            return
        chosen = self.levels.get(entry.path)
        detail.append("\n\nLevel (l to change): ", style="dim")
        names = [(None, "as written"), *((lv.id, lv.id) for lv in entry.levels)]
        for index, (ident, name) in enumerate(names):
            if index:
                detail.append(" · ", style="dim")
            detail.append(f"[{name}]" if ident == chosen else name, style="bold" if ident == chosen else "dim")
        level = next((lv for lv in entry.levels if lv.id == chosen), None)
        if level is not None:
            detail.append("\n")
            detail.append(level.title, style="bold")
            if level.summary:
                detail.append(f": {level.summary}")
