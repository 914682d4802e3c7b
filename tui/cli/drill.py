"""The commands that play a drill: `play` opens the game, `run` plays one headless with a bot or a script.

Both record the session and add it to the progress history unless told not to (`--no-record`).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from sim.log.clock import format_clock, format_duration
from sim.scenario import locate as catalog
from tui.cli.exits import Exit, bad_input, ended_by_signal
from tui.cli.loading import load
from tui.store.recorder import SessionRecording


def add_parsers(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser(
        "run",
        help="Play a whole drill headless with a scripted IC and print the outcome.",
        description="Play a drill to its end as fast as the CPU allows and print the outcome.",
    )
    run.add_argument(
        "scenario",
        nargs="?",
        default=None,
        help=f"scenario file or id (default: {catalog.DEFAULT_SCENARIO})",
    )
    run.add_argument("--seed", type=int, default=0, help="session seed (default: 0)")
    run.add_argument(
        "--bot",
        choices=("expert", "novice", "idle"),
        default=None,
        help="scripted IC in the seat (default: expert, or none when --script is given)",
    )
    run.add_argument("--script", metavar="FILE", help="IC commands to play, one 'MM:SS /command' per line")
    _level_option(run)
    run.add_argument("--log", metavar="FILE", help="write the event log here as JSONL")
    run.add_argument("--json", action="store_true", help="print the outcome as JSON")
    _recording_options(run)

    play = sub.add_parser(
        "play",
        help="Sit in the IC seat: open the game on the scenario picker, or on one scenario (the default when no command is given).",
        description=(
            "Open the game in the terminal: the picker of scenarios, or straight to one scenario's briefing. "
            "Type /help in the game for the commands."
        ),
    )
    play.add_argument("scenario", nargs="?", default=None, help="scenario file or id (default: pick one in the game)")
    play.add_argument("--seed", type=int, default=0, help="session seed (default: 0)")
    play.add_argument(
        "--speed", type=float, default=None, help="sim seconds per wall second at the start (default: as last chosen, or 1)"
    )
    _level_option(play)
    _recording_options(play)


def _level_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--level",
        metavar="ID",
        default=None,
        help="play at one of the scenario's difficulty levels (its levels: list; default: as written)",
    )


def _recording_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-record",
        action="store_true",
        help="do not record the session nor add it to the progress history",
    )
    parser.add_argument(
        "--trainee",
        metavar="NAME",
        default=None,
        help="whose session this is, for the progress history (default: the name the game asked for, or your login name)",
    )
    parser.add_argument(
        "--cohort",
        metavar="NAME",
        default=None,
        help="the game day this session belongs to (recorded with it; 'icdrill history --cohort NAME' compares the room)",
    )


def _cohort_problem(args: argparse.Namespace) -> str | None:
    """A cohort is filed with the recording: asking for one and for no recording is a contradiction."""
    if getattr(args, "cohort", None) is not None and getattr(args, "no_record", False):
        return "--cohort files the session under a game day, and --no-record keeps no session to file"
    return None


def _warn(message: str) -> None:
    print(f"icdrill: warning: {message}", file=sys.stderr)


# A command script is a few hundred lines; a bigger file is a mistake (or /dev/zero), read no further.
MAX_SCRIPT_BYTES = 1024 * 1024


def _read_script(name: str) -> str:
    """The script's text, line ends as written (parse_script splits at \\n only), at most 1 MiB.

    A pipe is fine (``--script <(generate)``), so the size is checked by reading, not by stat."""
    with open(name, "rb") as handle:
        raw = handle.read(MAX_SCRIPT_BYTES + 1)
    if len(raw) > MAX_SCRIPT_BYTES:
        raise OSError(f"it is larger than {MAX_SCRIPT_BYTES} bytes, far more than a command script needs")
    return raw.decode("utf-8")


def run_command(args: argparse.Namespace) -> int:
    from sim.engine import Engine
    from sim.play.bots import BOTS
    from sim.play.drill import drive
    from sim.play.script import ScriptError, parse_script
    from sim.reading.summary import room_summary
    from tui.store.session import close_session

    if (problem := _cohort_problem(args)) is not None:
        return bad_input(problem)
    loaded = load(args.scenario, args.level)
    if loaded is None:
        return Exit.BAD_INPUT
    script: list[tuple[int, str]] = []
    if args.script:
        try:
            script = parse_script(_read_script(args.script), args.script)
        except OSError as err:
            return bad_input(f"cannot read the script {args.script}: {err.strerror or err}")
        except UnicodeDecodeError as err:
            byte = err.object[err.start]
            return bad_input(f"the script {args.script} is not UTF-8 text (byte 0x{byte:02X} at offset {err.start})")
        except ScriptError as err:
            print(err, file=sys.stderr)
            return Exit.BAD_INPUT
    bot = args.bot or (None if args.script else "expert")
    engine = Engine(loaded, args.seed)
    recording = None
    if not args.no_record:
        recording = SessionRecording(engine, loaded, bot or "script", args.trainee, _warn, args.cohort)
    drive(engine, BOTS[bot]() if bot else None, script)
    closed = close_session(loaded, engine.log.entries, recording)
    for warning in closed.warnings:
        _warn(warning)
    if args.log:
        try:
            Path(args.log).write_text(engine.log.to_jsonl(), encoding="utf-8")
        except OSError as err:
            print(f"icdrill: cannot write the log: {err}", file=sys.stderr)
            return Exit.FAILED
    result, card = closed.outcome, closed.card
    scenario_id = loaded.scenario.scenario.id
    recorded = str(closed.recording) if closed.recording is not None else None
    room = room_summary(engine.log.entries)
    if args.json:
        extra = {"recording": recorded, "overall": card.overall, "room": room}
        if loaded.level is not None:
            extra["level"] = loaded.level
        print(json.dumps({"scenario": scenario_id, "seed": args.seed, "bot": bot, **result.as_dict(), **extra}))
        return Exit.OK
    ttm = format_duration(result.time_to_mitigate) if result.time_to_mitigate is not None else "not mitigated"
    at_level = f" at level {loaded.level}" if loaded.level is not None else ""
    print(f"scenario                 {scenario_id}{at_level} (seed {args.seed}, IC: {bot or 'script'})")
    print(f"outcome                  {'resolved' if result.resolved else 'NOT resolved'}")
    print(f"ended                    {format_clock(result.ended_at)} ({result.ended_by})")
    print(f"time to mitigate         {ttm}")
    print(f"customer-impact-minutes  {result.customer_impact_minutes:.1f}")
    print(f"events                   {result.events}")
    print(f"overall score            {card.overall:.1f}/100")
    print("in the room")
    for label, value in room.items():
        print(f"  {label:41}{value}")
    if args.log:
        print(f"log                      {args.log}")
    if recorded:
        print(f"recording                {recorded}")
    return Exit.OK


def play_command(args: argparse.Namespace) -> int:
    """The game: the picker (no scenario named) or the named scenario's briefing.

    The trainee's name and the speed come from the flags, else from what the game remembers
    (`tui.store.settings`); with neither a flag nor a remembered name, the game asks for it."""
    from tui.store.settings import load_settings, served

    if (problem := _cohort_problem(args)) is not None:
        return bad_input(problem)
    scenario = getattr(args, "scenario", None)
    level = getattr(args, "level", None)
    if level is not None and scenario is None:
        return bad_input("--level needs a scenario (icdrill play SCENARIO --level ID); in the picker, l chooses a level")
    loaded = None
    if scenario is not None and (loaded := load(scenario, level)) is None:
        return Exit.BAD_INPUT
    settings = load_settings()
    speed = getattr(args, "speed", None) or settings.speed
    if speed <= 0:
        return bad_input("--speed must be above 0")
    from tui.app import IcdrillApp  # only here: the other commands never load Textual

    in_a_room = served()  # one browser of `icdrill serve`: ask the name every time
    trainee = getattr(args, "trainee", None) or (None if in_a_room else settings.trainee)
    record = not getattr(args, "no_record", False)
    cohort = getattr(args, "cohort", None)
    app = IcdrillApp(
        loaded,
        getattr(args, "seed", 0),
        speed,
        record=record,
        trainee=trainee,
        ask_name=trainee is None,
        cohort=cohort,
        served=in_a_room,
    )
    app.run()
    # SIGTERM or SIGHUP ended the game (the app gave the terminal back first): the shell's code.
    code = Exit.OK if app.ended_by_signal is None else ended_by_signal(app.ended_by_signal)
    if app.recording is None:
        return code
    # A drill left before its end was never closed: its recording is kept as far as it goes, and
    # the session stays out of the history. (At the end, the game has already closed it.)
    if (warning := app.recording.close()) is not None:
        _warn(warning)
    # After a hangup nobody reads; a served game's standard output is the server's channel to the browser.
    if app.recording.path is not None and app.ended_by_signal != signal.SIGHUP and not in_a_room:
        print(f"recording: {app.recording.path}")
        print(f"  icdrill score {app.recording.path}    # the scorecard and debrief")
        print(f"  icdrill report {app.recording.path}   # the post-incident report")
    return code


COMMANDS = {"run": run_command, "play": play_command}
