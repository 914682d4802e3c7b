"""Difficulty levels in the game (issue 14): the picker offers a scenario's levels, `l` cycles them,
the briefing says the level chosen, and the drill (its engine, its recording) is played at it."""

from __future__ import annotations

import json

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_pilot import play, settled, squash

from sim.scenario import locate
from tui.app import IcdrillApp
from tui.screens import BriefingScreen, PickerScreen, PlayScreen
from tui.store.datadir import ENV


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path / "data"))


def detail(app: IcdrillApp) -> str:
    return squash(str(app.screen.query_one("#picker-detail").render()))


def footer_keys(app: IcdrillApp) -> set[str]:
    return {binding.action for (_, binding, enabled, _) in app.screen.active_bindings.values() if enabled}


def test_the_picker_offers_the_levels_and_the_drill_is_played_at_the_one_chosen():
    app = IcdrillApp(record=True, trainee="ann")

    async def steps(pilot: Pilot) -> None:
        picker = app.screen
        assert isinstance(picker, PickerScreen) and picker.highlighted.id == locate.DEFAULT_SCENARIO
        assert "cycle_level" in footer_keys(app)  # the default scenario declares levels
        assert "Level (l to change): [as written] · quiet · hard" in detail(app)
        await pilot.press("l", "l")  # as written -> quiet -> hard
        assert picker.levels[picker.highlighted.path] == "hard"
        first = squash(str(picker.query_one(OptionList).get_option_at_index(0).prompt))
        assert first.endswith("· level hard")
        assert "as written · quiet · [hard]" in detail(app)
        assert "Hard: a noisy pager and slow responders: Five times the search noise" in detail(app)
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, BriefingScreen))
        assert app.loaded.level == "hard"
        shown = str(app.screen.query_one("#briefing-level").render())
        assert shown.startswith("Level: Hard: a noisy pager and slow responders")
        assert app.engine.log.header["level"] == "hard"
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        header = json.loads(app.recording.path.read_text(encoding="utf-8").splitlines()[0])
        assert header["level"] == "hard"

    play(app, steps)


def test_l_goes_round_to_as_written_and_is_not_offered_without_levels():
    app = IcdrillApp(trainee="ann")

    async def steps(pilot: Pilot) -> None:
        picker = app.screen
        await pilot.press("l", "l", "l")  # quiet, hard, then back to as written
        assert picker.highlighted.path not in picker.levels
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, BriefingScreen))
        assert app.loaded.level is None and not app.screen.query("#briefing-level")
        assert "level" not in app.engine.log.header
        await pilot.press("escape")
        await settled(pilot, lambda: isinstance(app.screen, PickerScreen))
        without = next(i for i, e in enumerate(picker.entries) if not e.levels)
        picker.query_one(OptionList).highlighted = without
        await pilot.pause()
        assert "cycle_level" not in footer_keys(app) and "Level (l to change)" not in detail(app)
        await pilot.press("l")
        assert picker.levels == {}

    play(app, steps)
