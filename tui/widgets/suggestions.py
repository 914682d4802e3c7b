"""The strip above the command line: the usage of the command being typed and what Tab can put at
the cursor, so a player sees the choices without leaving the line.

It shows what `CommandInput.Hinted` carries and nothing else; it is hidden while the line is
empty, and floats over the bottom of the board just above the line (an overlay, placed where the
line is), so it costs the layout no row. Candidates are names from the
scenario: they are appended to a `Shown`, never read as markup.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Static

from tui.completion import Completion, slots
from tui.widgets.shown import Shown

HEIGHT = 2  # the usage line and the candidates (app.tcss gives the strip this height)
MAX_SHOWN = 40  # candidates drawn at most; the line is cut to the width anyway


def hint_text(completion: Completion, chosen: int | None = None) -> Shown:
    """Two lines: the command's usage, the slot at the cursor marked, and the candidates for it."""
    text = Shown(no_wrap=True, overflow="ellipsis")
    usage = completion.usage
    if usage is None:
        text.append("a command (Tab completes)" if completion.candidates else "nothing to complete; /help lists the commands", "dim")
    else:
        words = usage.syntax.split()
        text.append(words[0], "bold cyan")
        syntax = slots(usage)
        for index, word in enumerate(words[1:]):
            text.append(" ")
            marked = index == completion.slot and index < len(syntax)
            text.append(word, "bold reverse" if marked else "cyan")
        text.append(" — ", "dim")
        text.append(usage.summary, "dim")
    text.append("\n")
    if not completion.candidates:
        text.append("(nothing to complete here)" if completion.usage is not None else "", "dim")
        return text
    text.append("Tab: ", "dim")
    for index, candidate in enumerate(completion.candidates[:MAX_SHOWN]):
        if index:
            text.append("  ")
        text.append(candidate.label, "bold reverse" if index == chosen else "")
    if len(completion.candidates) > MAX_SHOWN:
        text.append(f"  … {len(completion.candidates) - MAX_SHOWN} more", "dim")
    return text


class Suggestions(Static):
    """Usage and completion candidates for the word at the command line's cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False

    def show(self, completion: Completion | None, chosen: int | None = None, *, above: Region | None = None) -> None:
        """Show the hint (None hides the strip), just above `above` (the command line's region)."""
        self.display = completion is not None
        if completion is None:
            return
        self.update(hint_text(completion, chosen))
        if above is not None:
            self.styles.offset = (above.x, max(0, above.y - HEIGHT))
            self.styles.width = above.width
