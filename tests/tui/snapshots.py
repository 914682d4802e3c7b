"""SVG snapshots of the game's screens: our own small fixture (the pytest-textual-snapshot plugin
pins a syrupy that needs pytest below 9).

`assert_snapshot(app, name)` exports the screen as Textual draws it (`App.export_screenshot`) and
compares it with `tests/tui/snapshots/NAME.svg`. The SVG is a pure function of what is on the
screen (its ids are hashes of its content), so a difference is a difference in what the player
sees. On a difference the test fails with the rows that changed, as text, and writes the new SVG
beside the old one as `NAME.new.svg` to look at. `ICDRILL_UPDATE_SNAPSHOTS=1` writes the
snapshots instead of comparing them: run it after a change to a screen that is meant, and look at
the files before committing them.

A screen only snapshots the same twice if nothing on it moves: the tests pause the clock, turn the
command line's cursor blink off, and drive the engine to a fixed sim time.
"""

from __future__ import annotations

import difflib
import html
import os
import re
from pathlib import Path

from textual.app import App

from tui.widgets import CommandInput

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("ICDRILL_UPDATE_SNAPSHOTS") == "1"


def still(app: App) -> None:
    """Stop what blinks: every command line's cursor, and the one-second flash a new page or
    question gives the header and the room (its end is a wall-clock timer). The clock is the
    test's to pause."""
    for screen in app.screen_stack:
        for line in screen.query(CommandInput):
            line.cursor_blink = False
        for flashing in screen.query(".-flash"):
            flashing.remove_class("-flash")


CHAR_WIDTH = 12.2  # rich's export_svg: 0.61 of its 20px font, the x of column 1


def rows(svg: str) -> list[str]:
    """The text of the screen, row by row, out of the SVG: each styled run is a <text> at its x."""
    lines: dict[float, dict[int, str]] = {}
    for x, y, text in re.findall(r'<text[^>]*\bx="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, re.S):
        lines.setdefault(float(y), {})[round(float(x) / CHAR_WIDTH)] = html.unescape(text).replace("\xa0", " ")
    result = []
    for _, runs in sorted(lines.items()):
        row = ""
        for column, text in sorted(runs.items()):
            row = row.ljust(column) + text
        result.append(row.rstrip())
    return result


async def assert_snapshot(app: App, pilot, name: str) -> None:
    still(app)
    for _ in range(3):
        await pilot.pause()  # the styles the flash's end changes, laid out again
    svg = app.export_screenshot(title=name)
    path = SNAPSHOTS / f"{name}.svg"
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path.name}: run with ICDRILL_UPDATE_SNAPSHOTS=1 and look at it"
    expected = path.read_text(encoding="utf-8")
    if svg == expected:
        return
    path.with_suffix(".new.svg").write_text(svg, encoding="utf-8")
    changed = "\n".join(difflib.unified_diff(rows(expected), rows(svg), "snapshot", "now", lineterm="", n=0))
    raise AssertionError(f"{name} differs from its snapshot (now in {path.stem}.new.svg):\n{changed or '(styles only)'}")
