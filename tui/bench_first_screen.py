"""How long `icdrill` takes to draw its first screen, beside the bare imports of its dependencies
and a bare Textual app, measured in the same run: `python -m tui.bench_first_screen [--runs N]`
(or `icdrill bench --first-screen`).

Each figure is the wall time of a fresh Python process, from its launch to its exit, run in a
pseudo-terminal of 120x40 as a player's terminal would be (Textual draws for real):
  (a) the bare imports of icdrill's dependencies: textual.app, simpy, networkx, numpy, faker,
      yaml, pydantic, then exit;
  (b) a bare Textual app (one line of text) that exits once its first frame is drawn;
  (c) `icdrill` to its first screen, the picker;
  (d) `icdrill play <the default scenario>` to its first screen, the briefing.
(c) and (d) are the real game: the environment variable `tui.app.LEAVE_AT_FIRST_SCREEN` makes
it leave once the first screen has been refreshed, nothing else changes. Their data folder is a
temporary one holding a remembered name, as after the first run (the name is asked once).
The cases are interleaved, run after one untimed round (which fills the disk cache), and each
figure is the median of its runs, so a machine busy for a moment moves one run, not a figure.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPENDENCIES = ("textual.app", "simpy", "networkx", "numpy", "faker", "yaml", "pydantic")
BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("a bare Textual app")

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run()
"""
SIZE = (40, 120)  # rows, columns


def cases() -> list[tuple[str, list[str]]]:
    from sim.scenario.locate import DEFAULT_SCENARIO

    python = sys.executable
    return [
        ("(a) bare imports of the dependencies", [python, "-c", "import " + ", ".join(DEPENDENCIES)]),
        ("(b) bare Textual app to its first frame", [python, "-c", BARE_APP]),
        ("(c) icdrill to the picker", [python, "-m", "tui.cli"]),
        ("(d) icdrill play to the briefing", [python, "-m", "tui.cli", "play", DEFAULT_SCENARIO]),
    ]


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launch to exit of `command` in a fresh pseudo-terminal; raises when it fails."""
    controller, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
    output = bytearray()

    def drain() -> None:  # a terminal that is not read blocks the writer once its buffer is full
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=terminal, stdout=terminal, stderr=terminal, cwd=ROOT, env=env, start_new_session=True)
    code = process.wait()
    elapsed = time.perf_counter() - start
    os.close(terminal)
    reader.join(timeout=5)
    os.close(controller)
    if code != 0:
        tail = output[-2000:].decode("utf-8", "replace")
        raise RuntimeError(f"{command[-1]!r} exited with {code}:\n{tail}")
    return elapsed


def measure(runs: int) -> dict[str, float]:
    """The median seconds of each case over `runs` interleaved rounds (after one untimed round)."""
    from tui.app import LEAVE_AT_FIRST_SCREEN
    from tui.store.datadir import ENV
    from tui.store.settings import Settings, save_settings

    with tempfile.TemporaryDirectory(prefix="icdrill-bench-") as data:
        env = {**os.environ, ENV: data, LEAVE_AT_FIRST_SCREEN: "1", "TERM": os.environ.get("TERM", "xterm-256color")}
        env.pop("TEXTUAL", None)  # no devtools
        previous = os.environ.get(ENV)
        os.environ[ENV] = data
        try:
            save_settings(Settings(trainee="bench"))  # as after the first run: the name is not asked
        finally:
            if previous is None:
                os.environ.pop(ENV)
            else:
                os.environ[ENV] = previous
        times: dict[str, list[float]] = {name: [] for name, _ in cases()}
        for round_ in range(runs + 1):
            for name, command in cases():
                seconds = timed(command, env)
                if round_:  # the first round only warms the disk cache
                    times[name].append(seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def report(medians: dict[str, float], runs: int) -> str:
    bare = next(iter(medians.values()))
    lines = [f"first screen: wall seconds from launch to exit, median of {runs} interleaved run(s) in a 120x40 pseudo-terminal"]
    for name, seconds in medians.items():
        lines.append(f"  {name:42} {seconds:6.3f} s   {seconds / bare:4.2f}x (a)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.bench_first_screen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each case (default: 9)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    print(report(measure(args.runs), args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
