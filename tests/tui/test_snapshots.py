"""Every screen of the game at 80x24 and 120x40, against its SVG snapshot (issue 11).

Each case drives the app to a fixed state, with the clock paused at a fixed sim time, and compares
the screenshot with `tests/tui/snapshots/` (see `snapshots.py`: `ICDRILL_UPDATE_SNAPSHOTS=1`
rewrites them after a meant change, to be looked at before committing). The picker reads a
scenario folder and a data folder of the test's own, so a scenario added to `scenarios/` or a
session another test recorded does not change it.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

import tui_pilot
from snapshots import assert_snapshot
from tui_pilot import next_signal, paste_command, play, settled, until

from sim.scenario import load_scenario, locate
from tui.app import IcdrillApp, build_app
from tui.screens.service_detail import ServiceDetailScreen
from tui.screens import BriefingScreen, HelpScreen, LeaveScreen, NameScreen, PickerScreen, SeverityForm, UpdateForm
from tui.store.datadir import ENV
from tui.store.history import History, Session
from tui.store.datadir import history_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TINY = str(FIXTURES / "tiny.yaml")
SIZES = [(80, 24), (120, 40)]
# A good drill on the tiny world, at the times it is typed: it ends resolved at T+10:45.
SCRIPT = [
    (75, "/ack"), (75, "/declare sev0"), (90, "/page data"), (150, "/assign bob investigate db 10m"),
    (330, "/assign bob restart db 10m"), (345, "/update Impact: half of customers. Actions: Bob restarts db. Next update: in 10 min."),
    (465, "/mitigated"), (510, "/role ann comms-lead"), (645, "/update Impact: none. Resolved."), (645, "/resolve"),
]


@pytest.fixture(autouse=True)
def own_folders(tmp_path, monkeypatch):
    """The test's own data folder (no settings, one session of history) and scenario folder."""
    monkeypatch.setenv(ENV, str(tmp_path / "data"))
    monkeypatch.setenv("LOGNAME", "trainee")  # the name screen's default, the same on any machine
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(FIXTURES / "tiny.yaml", folder / "tiny.yaml")
    night = (FIXTURES / "tiny.yaml").read_text().replace("id: tiny", "id: tiny-night\n  difficulty: hard")
    (folder / "tiny-night.yaml").write_text(night.replace("Database down under the web tier", "The same outage, at night"))
    monkeypatch.setattr(locate, "scenario_dir", lambda: folder)
    History(history_path()).add(Session("ann", "tiny", "2026-01-01T10:00:00", 0, "player", True, 81.5))


async def seated(pilot: Pilot, at: int = 180, commands: tuple[str, ...] = ("/ack", "/declare sev1", "/page data")) -> None:
    """On the play screen with the clock paused, some commands typed, at sim time `at`."""
    app: IcdrillApp = pilot.app
    app.paused = True
    for command in commands:
        await paste_command(pilot, command)
    app.engine.advance(at)
    app.show_view()
    await pilot.pause()


async def ended(pilot: Pilot) -> None:
    app: IcdrillApp = pilot.app
    for t, command in SCRIPT:
        app.engine.advance(t)
        await paste_command(pilot, command)
    await until(pilot, lambda: app.debrief is not None and app.debrief.par is not None, IcdrillApp.ParShown)
    await settled(pilot, lambda: app.screen is app.debrief)


async def opened(pilot: Pilot, key: str, screen: type) -> None:
    await pilot.press(key)
    await settled(pilot, lambda: isinstance(pilot.app.screen, screen))


def picker_app() -> IcdrillApp:
    return IcdrillApp(trainee="ann")


async def on_picker(pilot: Pilot) -> None:
    await settled(pilot, lambda: isinstance(pilot.app.screen, PickerScreen))


def name_app() -> IcdrillApp:
    return IcdrillApp(ask_name=True)


async def on_name(pilot: Pilot) -> None:
    await settled(pilot, lambda: isinstance(pilot.app.screen, NameScreen))


def tiny_app() -> IcdrillApp:
    return build_app(TINY)


async def on_briefing(pilot: Pilot) -> None:
    await settled(pilot, lambda: isinstance(pilot.app.screen, BriefingScreen))


async def on_play(pilot: Pilot) -> None:
    pilot.app.paused = True  # before the clock starts: the commands land at T+00:00 on any machine
    await pilot.press("enter")
    await seated(pilot)


async def to_seat(pilot: Pilot) -> None:
    pilot.app.paused = True
    await pilot.press("enter")


def then(*steps: Callable[[Pilot], Awaitable[None]]) -> Callable[[Pilot], Awaitable[None]]:
    async def run(pilot: Pilot) -> None:
        for step in steps:
            await step(pilot)

    return run


async def debrief_tab(pilot: Pilot, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()


CASES = {
    "picker": (picker_app, on_picker),
    "name": (name_app, on_name),
    "briefing": (tiny_app, on_briefing),
    "play": (tiny_app, on_play),
    "help": (tiny_app, then(on_play, lambda p: opened(p, "f1", HelpScreen))),
    "leave": (tiny_app, then(on_play, lambda p: opened(p, "ctrl+q", LeaveScreen))),
    "severity-form": (tiny_app, then(on_play, lambda p: opened(p, "f5", SeverityForm))),
    "update-form": (tiny_app, then(on_play, lambda p: opened(p, "f6", UpdateForm))),
    "service-detail": (tiny_app, then(on_play, lambda p: p.press("f8"), lambda p: opened(p, "enter", ServiceDetailScreen))),
    "debrief-scorecard": (tiny_app, then(to_seat, ended)),
    "debrief-impact": (tiny_app, then(to_seat, ended, lambda p: debrief_tab(p, "2"))),
    "debrief-updates": (tiny_app, then(to_seat, ended, lambda p: debrief_tab(p, "3"))),
    "debrief-timeline": (tiny_app, then(to_seat, ended, lambda p: debrief_tab(p, "4"))),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(CASES))
def test_the_screen_matches_its_snapshot(name, size, monkeypatch):
    monkeypatch.setattr(tui_pilot, "SIZE", size)
    make, steps = CASES[name]
    app = make()

    async def shot(pilot: Pilot) -> None:
        await steps(pilot)
        for _ in range(3):
            await pilot.pause()
        await assert_snapshot(app, pilot, f"{name}-{size[0]}x{size[1]}")
        app.exit()

    play(app, shot)
