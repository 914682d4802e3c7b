"""A session's game holds a lock on a mark beside its recording while it plays; the console reads it
without disturbing it, and the lock goes with the game however the game ends (a kill included)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from sim.engine import Engine
from sim.scenario import load_scenario, locate
from tui.store.datadir import ENV
from tui.store.liveness import LiveMark, mark_path, still_played
from tui.store.recorder import SessionRecording

ROOT = Path(__file__).resolve().parents[2]


def test_a_recording_session_holds_its_mark_until_it_is_closed(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path))
    loaded = load_scenario(locate.resolve(None))
    session = SessionRecording(Engine(loaded, 0), loaded, "player", "sam", warn=print)
    assert still_played(session.path)
    assert still_played(session.path)  # asking twice leaves the game's lock as it was
    session.close()
    assert not still_played(session.path) and not mark_path(session.path).exists()


def test_the_lock_goes_with_a_killed_game_and_no_mark_means_no_game(tmp_path):
    recording = tmp_path / "drill-0-1.jsonl"
    assert not still_played(recording)  # a recording made before marks, or by a game long gone
    game = subprocess.Popen(
        [sys.executable, "-c", "import sys, pathlib; from tui.store.liveness import LiveMark; "
         f"m = LiveMark(pathlib.Path({str(recording)!r})); print('held', flush=True); sys.stdin.read()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert game.stdout.readline().strip() == "held"
        assert still_played(recording)
        assert not LiveMark(recording).held  # a second game cannot take a session that is played
    finally:
        game.send_signal(signal.SIGKILL)
        game.wait()
    assert mark_path(recording).exists()  # a killed game leaves its mark behind, but not its lock
    assert not still_played(recording)
