"""`icdrill history --add REC`: a finished session whose history write failed, added from its recording.

The game and `icdrill run` add each finished session to the history as they close it; when that
write fails (the history locked by another process, a full disk) the session is played, recorded
and scored, but not in the history. Its recording holds all it takes to add it later: the header
says who played what, the events give the score, and the file's date when it was played.
"""

from __future__ import annotations

import argparse
import sys

from sim.log.clock import format_clock
from tui.cli.exits import Exit, bad_input


def add_command(args: argparse.Namespace) -> int:
    from sim.log.recording import RecordingError, read_recording
    from sim.play.replay import ReplayError, locate_scenario
    from tui.store.history import HistoryError
    from tui.store.session import AlreadyAdded, add_recorded

    what = f"{args.add} cannot be added to the history"
    try:
        recording = read_recording(args.add)
    except RecordingError as err:
        return bad_input(str(err))
    if not recording.complete:
        return bad_input(f"{what}: {_unfinished(recording)}; only finished sessions are in the history")
    named = recording.trainee
    if args.trainee and named and args.trainee != named:
        return bad_input(f"{what} as {args.trainee}'s: the recording says {named} played it")
    try:
        loaded = locate_scenario(recording.header)
    except ReplayError as err:
        return bad_input(f"{what}: {err}")
    try:
        row = add_recorded(recording, loaded, args.trainee)
    except AlreadyAdded as err:
        return bad_input(f"{what}: {err}")
    except HistoryError as err:
        print(f"icdrill: {what}: {err}", file=sys.stderr)
        return Exit.FAILED
    except Exception as err:  # noqa: BLE001 - well-formed events that make no drill: one line, no traceback
        return bad_input(f"{what}: its events do not make a drill this version can read ({type(err).__name__})")
    overall = f"{row.overall:.1f}" if row.overall is not None else "-"
    print(f"added to the history: {row.trainee}, {row.scenario} seed {row.seed} ({row.driver}), played {row.played_at}, overall {overall}/100")
    return Exit.OK


def _unfinished(recording) -> str:
    if not recording.entries:
        return "it holds no events"
    if recording.problems:
        return recording.problems[0].split(";")[0]  # "line N: why", without what was left out
    return f"the session was not finished (the recording stops at {format_clock(recording.entries[-1].t)})"
