"""SIGTERM and SIGHUP during `icdrill play`: the terminal is given back and the recording kept.

The game runs in a pseudo-terminal, as in a real one. Once it has drawn its briefing and the
clock has written a few events, the test sends the signal, reads everything the game wrote to
the end, and checks that every terminal mode the game turned on was turned off after the last
time it was turned on (alternate screen, mouse tracking, bracketed paste, and the cursor shown
again), that the command ended with the shell's code for the signal, and that the recording is
whole: every line intact, and the events a prefix of the same drill played headless.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sim.engine import Engine
from sim.log.recording import read_recording
from sim.play.drill import drive
from sim.scenario import load_scenario
from sim.scenario.locate import DEFAULT_SCENARIO

from .harness import ROOT

DEADLINE = 60.0  # seconds for each awaited moment; a loaded CI machine starts Textual slowly
ALT_SCREEN_ON = b"\x1b[?1049h"
# Modes a full-screen app sets with CSI ? N h (or l for the cursor) and must undo on leaving.
SET_THEN_RESET = {1049: "alternate screen", 1000: "mouse clicks", 1002: "mouse drags", 1003: "all mouse motion",
                  1006: "SGR mouse", 1015: "urxvt mouse", 2004: "bracketed paste"}


class Game:
    """`icdrill play` in a pseudo-terminal of 120x40; `read_until` drains its output meanwhile."""

    def __init__(self, data_dir: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "ICDRILL_DATA_DIR": str(data_dir), "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            # Straight to the default scenario's briefing (no picker), under a name (none is asked).
            [sys.executable, "-m", "tui.cli", "play", DEFAULT_SCENARIO, "--speed", "30", "--trainee", "t"], cwd=ROOT, env=env,
            stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
        )
        os.close(slave)
        self.output = b""
        self.ended = False

    def read_until(self, done: Callable[[], bool], what: str) -> None:
        """Read the game's output until ``done()`` or the end of it; fail after DEADLINE seconds."""
        deadline = time.monotonic() + DEADLINE
        while not done():
            left = deadline - time.monotonic()
            assert left > 0, f"no {what} within {DEADLINE:.0f} s; the game wrote: {self.output[-600:]!r}"
            if self.ended:
                assert done(), f"the game ended before {what}; it wrote: {self.output[-600:]!r}"
            ready, _, _ = select.select([self.master], [], [], min(left, 0.1))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: every writer of the terminal has closed it
                    chunk = b""
                self.output += chunk
                self.ended = self.ended or not chunk

    def start_drill(self, data_dir: Path) -> None:
        """Wait for the briefing, press Enter, wait for the clock to write some events."""
        self.read_until(lambda: ALT_SCREEN_ON in self.output, "alternate screen")
        self.read_until(lambda: b"start the clock" in self.output, "briefing")
        os.write(self.master, b"\r")
        self.read_until(lambda: len(recording_lines(data_dir)) > 8, "events in the recording")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(DEADLINE)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1


def recording_lines(data_dir: Path) -> list[bytes]:
    found = list((data_dir / "recordings").glob("*.jsonl"))
    return found[0].read_bytes().split(b"\n") if found else []


def modes_left_on(output: bytes) -> list[str]:
    """The terminal modes still on at the end of ``output`` (the cursor counts as a mode: hidden)."""
    left = []
    for mode, name in SET_THEN_RESET.items():
        on, off = output.rfind(b"\x1b[?%dh" % mode), output.rfind(b"\x1b[?%dl" % mode)
        if on > off:
            left.append(name)
    if output.rfind(b"\x1b[?25l") > output.rfind(b"\x1b[?25h"):
        left.append("cursor hidden")
    return left


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_during_play_gives_the_terminal_back_and_keeps_the_recording(signum, tmp_path):
    game = Game(tmp_path)
    try:
        game.start_drill(tmp_path)
        assert modes_left_on(game.output) != []  # the game has the terminal: the check can fail
        game.process.send_signal(signum)
        game.read_until(lambda: game.ended, "end of output")
        code = game.process.wait(DEADLINE)
    finally:
        game.close()

    assert code == 128 + signum, game.output[-600:]
    assert modes_left_on(game.output) == [], game.output[-600:]
    for must in (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l"):
        assert must in game.output[game.output.rfind(ALT_SCREEN_ON):]
    assert b"Traceback" not in game.output
    if signum == signal.SIGTERM:  # after a hangup nobody reads it
        assert re.search(rb"\x1b\[\?1049l.*recording: \S+\.jsonl", game.output, re.S)

    assert_recording_whole(tmp_path)


def test_a_hangup_with_the_terminal_gone_ends_the_game_and_keeps_the_recording(tmp_path):
    """The terminal window closed: nobody reads any more, and restoring it fails; the game still ends."""
    game = Game(tmp_path)
    try:
        game.start_drill(tmp_path)
        os.close(game.master)
        game.master = -1
        game.process.send_signal(signal.SIGHUP)
        code = game.process.wait(DEADLINE)
    finally:
        game.close()
    assert code == 128 + signal.SIGHUP
    assert_recording_whole(tmp_path)


def assert_recording_whole(data_dir: Path) -> None:
    """Readable, every line whole, and the events a prefix of the same drill played headless."""
    lines = recording_lines(data_dir)
    (path,) = (data_dir / "recordings").glob("*.jsonl")
    recording = read_recording(path)
    assert recording.problems == [] and len(recording.entries) >= 8
    assert lines[-1] == b""  # closed after a whole line
    loaded = load_scenario(ROOT / "scenarios" / "payments-db-saturation.yaml")
    headless = Engine(loaded, 0)
    drive(headless, None, [])
    expected = headless.log.to_jsonl().encode().split(b"\n")[1:]
    assert lines[1:-1] == expected[: len(lines) - 2]
