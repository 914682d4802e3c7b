"""A monkey on the incident screen (issue 11): thousands of random keys and hundreds of random
commands, and the game neither raises nor stops.

The keys are every kind a player can press: characters, editing and movement keys, Tab, Escape,
Enter, the function keys that pause and slow the clock, open the help and the forms. Ctrl+Q is
left out (it leaves the drill, which is no failure), so are Ctrl+C and F4 (faster: the drill must
still be running when the commands come). The commands are every command of the
game's usage list with arguments drawn from the scenario's people, teams and services, from
nonsense, and from the hostile corpus. The draws are seeded: a failure replays.
"""

from __future__ import annotations

import random
import string
import sys
from pathlib import Path

from textual.pilot import Pilot

from sim.scenario.commands import USAGE
from tui.app import build_app
from tui.widgets import CommandInput

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside this file
from hostile_strings import CORPUS  # noqa: E402
from tui_pilot import paste_command, play  # noqa: E402

KEYS = 2_000
COMMANDS = 200
SPECIAL_KEYS = (
    "enter", "tab", "shift+tab", "escape", "backspace", "delete", "left", "right", "up", "down",
    "home", "end", "pageup", "pagedown", "space", "f1", "f2", "f3", "f5", "f6", "f7", "ctrl+p",
)
CHARACTERS = string.ascii_letters + string.digits + "/-_.,:;'\"[]{}()<>@#$%^&*+=!?~`|\\"


def random_keys(rng: random.Random, count: int) -> list[str]:
    keys = []
    for _ in range(count):
        if rng.random() < 0.25:
            keys.append(rng.choice(SPECIAL_KEYS))
        else:
            keys.append(rng.choice(CHARACTERS))
    return keys


def random_command(rng: random.Random, words: list[str]) -> str:
    usage = rng.choice(USAGE)
    arguments = [rng.choice(words) for _ in range(rng.randint(0, 4))]
    return " ".join([f"/{usage.name}", *arguments])


def test_random_keys_and_commands_never_break_the_incident_screen():
    app = build_app(None, seed=3)
    rng = random.Random(20261204)

    async def steps(pilot: Pilot) -> None:
        catalog = app.engine.view.catalog
        words = [*catalog.services, *catalog.teams, *app.engine.view.names, "sev1", "sev2", "10m", "-3", "999999999",
                 "restart", "rollback", "investigate", "comms", "nobody", '"unterminated', *CORPUS[:8]]
        for batch in range(0, KEYS, 50):
            await pilot.press(*random_keys(rng, 50))
            assert app.is_running, f"the game stopped after {batch + 50} random keys"
        while len(app.screen_stack) > 2:  # back to the incident screen, whatever the keys opened
            await pilot.press("escape")
        for count in range(COMMANDS):
            while len(app.screen_stack) > 2:  # /declare, /sev or /update alone opened a form: Esc closes it
                await pilot.press("escape")
            command_line = app.screen.query_one(CommandInput)
            command_line.focus()  # as a player's first character would (the keys may have left it elsewhere)
            await paste_command(pilot, random_command(rng, words))
            assert app.is_running, f"the game stopped after {count + 1} random commands"
        # They reached the engine, refused or not, until one of them (a /resolve) ended the drill.
        assert len(app.engine.view.commands) >= COMMANDS or app.engine.ended
        await pilot.press("ctrl+q", "y")

    play(app, steps, begin=True)
