"""The facilitator's console (`icdrill watch`) over a data folder with two sessions: one finished,
one cut short so that it looks live; the test grows the live one as a game would and the console
follows. Polls are made by the test (`WatchApp.poll_now`), so nothing waits on the app's timer.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, RichLog, Select, Static

from sim.log.clock import format_clock
from tui.cli.entry import main
from tui.store.datadir import ENV
from tui.store.inbox import InboxReader
from tui.store.liveness import LiveMark
from tui.watch import WatchApp
from tui.watch.inject import InjectScreen
from tui.watch.session import SessionScreen
from tui.watch.sessions import COLUMNS, SessionsScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))  # the pilot helpers the TUI tests share
from tui_pilot import settled  # noqa: E402

LIVE_TRAINEE = "Bob [b]Builder[/b]"  # markup in a name is shown as typed
CUT = 60  # events of the live session on disk when the console opens


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> tuple[Path, list[bytes]]:
    """A data folder: Ada's finished session, and Bob's cut after CUT events (the rest returned)."""
    data = tmp_path_factory.mktemp("watch-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV, str(data))
        for trainee, bot in (("Ada", "expert"), (LIVE_TRAINEE, "expert")):
            assert main(["run", "--bot", bot, "--trainee", trainee, "--seed", "3" if trainee == "Ada" else "4"]) == 0
    recordings = data / "recordings"
    live = next(p for p in recordings.glob("*.jsonl") if LIVE_TRAINEE in p.read_text())
    lines = live.read_bytes().splitlines(keepends=True)
    live.write_bytes(b"".join(lines[: 1 + CUT]))
    return recordings, lines[1 + CUT :]


def row_text(app: WatchApp, trainee: str) -> dict[str, str]:
    table = app.screen.query_one(DataTable)
    for key in table.rows:
        cells = [str(c) for c in table.get_row(key)]
        if cells[0] == trainee:
            return dict(zip(COLUMNS, cells))
    raise AssertionError(f"no row for {trainee}")


def watch(recordings: Path, steps) -> None:
    app = WatchApp(recordings, poll=3600)  # the test polls

    async def run() -> None:
        async with app.run_test(size=(140, 36)) as pilot:
            await settled(pilot, lambda: isinstance(app.screen, SessionsScreen) and app.screen.query_one(DataTable).row_count == 2)
            await steps(app, pilot)

    asyncio.run(run())


def copied(recordings: Path, into: Path) -> Path:
    """A copy of the module's recordings in `into` (created), for a test to grow and mark as its own."""
    into.mkdir(exist_ok=True)
    for p in recordings.glob("*.jsonl"):
        (into / p.name).write_bytes(p.read_bytes())
    return into


def played(recordings: Path) -> LiveMark:
    """Hold the live session's mark, as its game does while it plays (`tui.store.liveness`)."""
    return LiveMark(next(p for p in recordings.glob("*.jsonl") if LIVE_TRAINEE in p.read_text()))


def grow(recordings: Path, rest: list[bytes], count: int) -> list[bytes]:
    """Append the live session's next `count` lines, as its game would; the lines still to come."""
    live = next(p for p in recordings.glob("*.jsonl") if LIVE_TRAINEE in p.read_text())
    with live.open("ab") as f:
        f.write(b"".join(rest[:count]))
    return rest[count:]


def test_the_console_lists_both_sessions_and_follows_the_live_one(folder, tmp_path):
    recordings, rest = folder
    work = copied(recordings, tmp_path / "recordings")
    game = played(work)

    async def steps(app: WatchApp, pilot) -> None:
        live, ended = row_text(app, LIVE_TRAINEE), row_text(app, "Ada")
        assert list(app.screen.query_one(DataTable).get_row_at(0))[0].plain == LIVE_TRAINEE  # live first
        assert live["State"] == "live" and ended["State"] == "ended"
        assert ended["Phase"] == "resolved" and float(ended["Score"]) > 80
        assert live["Scenario"] == ended["Scenario"] == "payments-db-saturation"
        cut_at = json.loads(rest[0])["t"]  # the first event still to come is at or after the cut
        assert live["Clock"] <= format_clock(cut_at)
        for column in ("Phase", "Severity", "Impact", "Late", "Score"):
            assert live[column]
        first = live
        rest_now = grow(work, rest, len(rest) // 2)
        app.poll_now()
        await settled(pilot, lambda: row_text(app, LIVE_TRAINEE)["Clock"] > first["Clock"])
        assert row_text(app, LIVE_TRAINEE)["State"] == "live"
        # Enter opens the live session read-only; it follows the recording as it grows.
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.query_one(RichLog).lines)
        before = len(app.screen.shown)
        grow(work, rest_now, len(rest_now))
        app.poll_now()
        await settled(pilot, lambda: len(app.screen.shown) > before)
        head = str(app.screen.query_one("#session-head", Static).render())
        assert LIVE_TRAINEE in head and "ended" in head and "resolved" in head
        await pilot.press("escape")
        await settled(pilot, lambda: isinstance(app.screen, SessionsScreen) and row_text(app, LIVE_TRAINEE)["State"] == "ended")

    watch(work, steps)
    game.release()


def test_injects_go_through_send_inject_and_a_refusal_is_shown(folder, tmp_path):
    recordings, _ = folder
    work = copied(recordings, tmp_path / "recordings")
    live = next(p for p in work.glob("*.jsonl") if LIVE_TRAINEE in p.read_text())
    game = played(work)

    async def steps(app: WatchApp, pilot) -> None:
        await pilot.press("i")  # the live session is the highlighted first row
        await settled(pilot, lambda: isinstance(app.screen, InjectScreen))
        options = app.screen.query_one(OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [
            "cache-fails-too", "dana-drops-out", "kenji-blames-auth",
        ]
        await pilot.press("down", "enter")  # dana-drops-out
        await settled(pilot, lambda: isinstance(app.screen, SessionsScreen))
        assert InboxReader(live).take() == [{"inject": "dana-drops-out"}]
        # The same inject again, before the game has picked it up: send_inject refuses, the screen says why.
        await pilot.press("i")
        await settled(pilot, lambda: isinstance(app.screen, InjectScreen))
        await pilot.press("down", "enter")
        problem = app.screen.query_one("#inject-problem", Static)
        await settled(pilot, lambda: "Not sent" in str(problem.render()))
        assert "already sent" in str(problem.render())
        # A message with nothing in it, from someone in the session: refused by the same path.
        app.screen.query_one(Select).value = "dana"
        app.screen.query_one("#say-text", Input).focus()
        await pilot.press("space", "enter")
        await settled(pilot, lambda: "empty" in str(problem.render()))
        assert InboxReader(live).take() == [{"inject": "dana-drops-out"}]  # nothing more was sent
        await pilot.press("escape")
        # A finished session takes no inject: the console says so and opens nothing.
        await settled(pilot, lambda: isinstance(app.screen, SessionsScreen))
        await pilot.press("down", "i")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)

    watch(work, steps)
    game.release()


def test_a_cohort_lists_that_game_day_only_and_a_level_is_scored_as_played(folder, tmp_path, monkeypatch, capsys):
    from tui.store.watch import Watchlist

    recordings, _ = folder
    monkeypatch.setenv(ENV, str(tmp_path))
    assert main(["run", "--bot", "novice", "--trainee", "Cy", "--cohort", "day1", "--level", "hard", "--json"]) == 0
    overall = json.loads(capsys.readouterr().out)["overall"]
    cy = next((tmp_path / "recordings").glob("*.jsonl"))
    cy.rename(cy.with_name("zz-cy.jsonl"))  # read after the sessions of the same file played at no level
    copied(recordings, tmp_path / "recordings")
    day = Watchlist(tmp_path / "recordings", "day1")
    day.poll()
    assert [(r.trainee, r.scenario, r.score) for r in day.rows()] == [("Cy", "payments-db-saturation (hard)", overall)]
    everyone = Watchlist(tmp_path / "recordings")
    everyone.poll()
    assert sorted(r.trainee for r in everyone.rows()) == ["Ada", LIVE_TRAINEE, "Cy"]
    assert next(r.score for r in everyone.rows() if r.trainee == "Cy") == overall  # as `run` scored it


def test_a_live_session_that_stops_growing_says_how_long_it_has_been_quiet(folder, tmp_path):
    from tui.store.watch import QUIET, Watchlist

    recordings, rest = folder
    copied(recordings, tmp_path)
    game = played(tmp_path)
    now = [1000.0]
    watchlist = Watchlist(tmp_path, clock=lambda: now[0])
    watchlist.poll()
    quiet = {r.trainee: r.quiet for r in watchlist.rows()}
    assert quiet == {LIVE_TRAINEE: 0, "Ada": 0}
    now[0] += QUIET + 240
    assert watchlist.poll()  # the row changed: nothing else did
    assert {r.trainee: r.quiet for r in watchlist.rows()} == {LIVE_TRAINEE: 6, "Ada": 0}  # an ended session is never quiet
    grow(tmp_path, rest, 1)
    watchlist.poll()
    assert {r.trainee: r.quiet for r in watchlist.rows()}[LIVE_TRAINEE] == 0
    game.release()


def test_a_session_whose_game_stopped_before_its_end_is_left_and_takes_no_inject(folder, tmp_path):
    from tui.store.watch import LEFT, LIVE, Watchlist

    recordings, rest = folder
    copied(recordings, tmp_path)
    game = played(tmp_path)
    watchlist = Watchlist(tmp_path)
    watchlist.poll()
    assert {r.trainee: r.state for r in watchlist.rows()}[LIVE_TRAINEE] == LIVE
    game.release()  # Ctrl+Q, a browser tab closed, a crash: the operating system drops the lock
    assert watchlist.poll()
    assert {r.trainee: r.state for r in watchlist.rows()}[LIVE_TRAINEE] == LEFT
    assert not next(s for s in watchlist.sessions.values() if s.row.trainee == LIVE_TRAINEE).live
