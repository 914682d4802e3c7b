"""The people panel: who is there, their team and on-call role, what they are doing and since when."""

from __future__ import annotations

from rich.table import Table
from textual.reactive import reactive
from textual.widget import Widget

from sim.reading.view import PersonView, View
from tui.widgets.shown import Shown

STATUS_STYLES = {
    "off": "dim",
    "paged": "bold yellow",
    "available": "bold green",
    "working": "cyan",
    "role": "bold magenta",
}

WIDE_FROM = 64  # columns of panel from which team and on-call are shown too

# id, display name, team, on-call role, status, what they do (task or incident role), minutes in
# that status (None when not worth saying)
Row = tuple[str, str, str, str, str, str | None, int | None]


def _row(view: View, person: PersonView) -> Row:
    minutes = (view.now - person.since) // 60 if person.status in ("paged", "working") else None
    on_call = "" if person.on_call == "none" else person.on_call
    doing = view.role_of(person.id) if person.status == "role" else person.task
    return (person.id, person.name, person.team, on_call, person.status, doing, minutes)


def _doing(status: str, doing: str | None, minutes: int | None) -> Shown:
    """'investigate payments-db · 3m' for someone working, the role for a role holder, else the status."""
    text = Shown(doing if status in ("working", "role") and doing else status, style=STATUS_STYLES.get(status, ""))
    if minutes is not None:
        text.append(f" · {minutes}m", style="dim")
    return text


class PeoplePanel(Widget):
    BORDER_TITLE = "People  (commands take the id)"

    rows: reactive[tuple[Row, ...]] = reactive((), layout=True)

    def show(self, view: View) -> None:
        self.rows = tuple(_row(view, p) for _, p in sorted(view.people.items()))

    def render(self) -> Table | Shown:
        if not self.rows:
            return Shown("nobody listed yet", style="dim italic")
        # In a narrow panel (80 columns) team and on-call give way, so what each is doing still shows.
        wide = self.size.width == 0 or self.size.width >= WIDE_FROM
        table = Table(box=None, expand=True, pad_edge=False, collapse_padding=True, header_style="bold dim")
        # The id is what commands take: never cut, however narrow the panel (the name gives way).
        table.add_column("id", no_wrap=True, style="bold", min_width=max(len(row[0]) for row in self.rows))
        table.add_column("name", no_wrap=True, overflow="ellipsis", max_width=18 if wide else 14, min_width=6)
        if wide:
            table.add_column("team", no_wrap=True, overflow="ellipsis", max_width=12)
            table.add_column("on-call", no_wrap=True)
        table.add_column("doing", ratio=1, min_width=10)
        for pid, name, team, on_call, status, task, minutes in self.rows:
            cells = [Shown(pid), Shown(name)] + ([Shown(team), Shown(on_call)] if wide else [])
            table.add_row(*cells, _doing(status, task, minutes))
        return table
