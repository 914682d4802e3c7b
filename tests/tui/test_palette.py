"""The command palette (Ctrl+P): every command, with what it does; choosing one starts it in the
command line without sending it."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from tui_pilot import play, settled

from sim.scenario.commands import USAGE
from tui.app import build_app
from tui.palette import start_of
from tui.screens import PlayScreen
from tui.widgets import CommandInput


def listed(app) -> list[str]:
    options = app.screen.query_one(CommandList).options
    return [str(option.prompt) for option in options]


def test_the_palette_lists_every_command_with_its_help():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        app.paused = True
        await pilot.press("ctrl+p")
        await settled(pilot, lambda: isinstance(app.screen, CommandPalette))
        await settled(pilot, lambda: len(listed(app)) >= len(USAGE))
        prompts = "\n".join(listed(app))
        for usage in USAGE:
            assert usage.syntax in prompts, usage.syntax  # "[TIMEBOX]" shown, not read as markup
            assert usage.summary in prompts, usage.summary
        assert "/help" in prompts and "Quit" in prompts  # Textual's own commands stay (its Quit asks)

    play(app, scenario, begin=True)


def test_choosing_a_command_starts_it_in_the_line_without_sending():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        assert not app.paused
        await pilot.press("ctrl+p")
        await settled(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert app.paused  # the clock waits while the palette is open
        await pilot.press(*"assign")
        await settled(pilot, lambda: listed(app) and listed(app)[0].startswith("/assign PERSON"))
        hits = app.screen.query_one(CommandList)
        if hits.highlighted is None:
            await pilot.press("down")
        assert str(hits.highlighted_option.prompt).startswith("/assign PERSON")
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen) and app.focused is app.screen.query_one(CommandInput))
        line = app.screen.query_one(CommandInput)
        assert line.value == "/assign " and line.cursor_position == len("/assign ")
        assert app.engine.view.commands == []  # started, not sent
        assert not app.paused  # running again, as it was
        app.paused = True
        await pilot.press(*"pri", "tab")
        assert line.value == "/assign priya "

    play(app, scenario, begin=True)


def test_the_start_of_a_command_is_its_name_and_a_space_when_it_takes_arguments():
    assert [start_of(u) for u in USAGE if u.name in ("ack", "owner", "ticket")] == ["/ack", "/owner ", "/ticket "]


def test_no_commands_on_the_briefing():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("ctrl+p")
        await settled(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"assign")
        for _ in range(10):
            await pilot.pause()
        assert not any(p.startswith("/assign") for p in listed(app))

    play(app, scenario)
