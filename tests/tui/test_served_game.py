"""A served game (`icdrill serve`: ICDRILL_SERVED) is one browser of a room sharing a data folder:
it asks the name every time, offers no default (the server's login names nobody in the room),
will not go on without one, and remembers nothing in the shared settings."""

from __future__ import annotations

from textual.widgets import Input
from tui_pilot import play, settled

from tui.app import IcdrillApp
from tui.screens import NameScreen, PickerScreen
from tui.store import settings
from tui.store.datadir import ENV


def test_a_served_game_asks_every_time_and_remembers_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path))
    settings.save_settings(settings.Settings(trainee="Last One", speed=1.0))
    before = (tmp_path / "settings.json").read_bytes()
    app = IcdrillApp(record=False, ask_name=True, served=True)

    async def steps(pilot) -> None:
        await settled(pilot, lambda: isinstance(app.screen, NameScreen))
        assert app.screen.query_one(Input).value == ""  # no default name
        await pilot.press("escape")  # a room's session needs a name: asked again
        await settled(pilot, lambda: isinstance(app.screen, NameScreen))
        await pilot.press(*"Ada", "enter")
        await settled(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("right")  # a speed chosen in a room is this browser's only
        await pilot.pause()
        assert app.trainee == "Ada" and app.speed == 2.0

    play(app, steps)
    assert (tmp_path / "settings.json").read_bytes() == before
