"""Test helper: record drills slowly, so that a test can kill the recording process mid-run.

    python tests/recording/record_slowly.py SCENARIO_FILE PAUSE

Reads `SEED BOT OUT` lines on stdin. For each, it forks a child that plays the drill with a
Recorder writing OUT, printing `header` once the header is on disk and `seq N` right after event
N is written and fsynced, sleeping PAUSE seconds between events. The parent prints `child PID`
before the child starts and `exit STATUS` once the child is gone (killed or done). Forking a
process that has already imported the engine makes each killed recording cost milliseconds
instead of an interpreter start. With `--once SEED BOT OUT` it records once in this process.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sim.play.bots import BOTS  # noqa: E402
from sim.play.drill import drive  # noqa: E402
from sim.engine import Engine  # noqa: E402
from sim.log.recording import Recorder, recording_header  # noqa: E402
from sim.scenario import load_scenario  # noqa: E402


def say(text: str) -> None:
    os.write(1, (text + "\n").encode())  # unbuffered: what is said is in the pipe before the next step


def record(loaded, seed: int, bot: str, out: str, pause: float) -> None:
    engine = Engine(loaded, seed)
    header = recording_header(engine.log.header, scenario_path=loaded.path, driver=bot, trainee="killed")

    def written(entry) -> None:
        say(f"seq {entry.seq}")
        time.sleep(pause)

    recorder = Recorder(out, header, on_written=written)
    say("header")
    recorder.attach(engine.log)
    drive(engine, BOTS[bot]())
    recorder.close()
    say("done")


def main() -> None:
    loaded = load_scenario(sys.argv[1])
    pause = float(sys.argv[2])
    if len(sys.argv) > 3 and sys.argv[3] == "--once":
        seed, bot, out = sys.argv[4:7]
        record(loaded, int(seed), bot, out, pause)
        return
    for line in sys.stdin:
        seed, bot, out = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                record(loaded, int(seed), bot, out, pause)
            finally:
                os._exit(0)
        say(f"child {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"exit {status}")


if __name__ == "__main__":
    main()
