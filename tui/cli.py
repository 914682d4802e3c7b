"""The `icdrill` command line.

Headless commands (run, validate, schema, bench, replay, score, report, history) import only
`sim` (and the history's SQLite); the Textual app is imported only by the commands that open it, so
`icdrill run` starts fast and works without a terminal. The commands around recordings live in
`tui/commands_recording.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from sim.scenario import locate as catalog
from sim.log.clock import format_clock, format_duration
from tui import commands_recording as recording
from tui.datadir import SessionRecording

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="icdrill",
        description="Train the Incident Commander seat: scripted outages, simulated responders, honest scoring.",
        epilog="Run 'icdrill COMMAND --help' for the options of one command.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    run.add_argument("--log", metavar="FILE", help="write the event log here as JSONL")
    run.add_argument("--json", action="store_true", help="print the outcome as JSON")
    recording.add_recording_options(run)

    validate = sub.add_parser(
        "validate",
        help="Check scenario files and folders; exit 2 on any problem.",
        description="Check scenario and org files. Prints every problem as path:line:col: field: message.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (folders are searched for *.yaml)")

    sub.add_parser(
        "schema",
        help="Print the JSON Schema of the scenario format.",
        description="Print the JSON Schema of the scenario format, for editors that complete and check YAML.",
    )

    bench = sub.add_parser(
        "bench",
        help="Measure headless speed beside a bare SimPy loop.",
        description="Play many drills headless and compare events per second with a bare SimPy loop.",
    )
    bench.add_argument("scenario", nargs="?", default=None, help="scenario file or id (default: the default scenario)")
    bench.add_argument("--drills", type=int, default=200, help="number of drills to time (default: 200)")
    bench.add_argument("--bot", choices=("expert", "novice", "idle"), default="expert")

    play = sub.add_parser(
        "play",
        help="Sit in the IC seat: open the game on a scenario (the default when no command is given).",
        description="Open the game in the terminal. Type /help in the game for the commands.",
    )
    play.add_argument("scenario", nargs="?", default=None, help="scenario file or id (default: the default scenario)")
    play.add_argument("--seed", type=int, default=0, help="session seed (default: 0)")
    play.add_argument("--speed", type=float, default=1.0, help="sim seconds per wall second at the start (default: 1)")
    recording.add_recording_options(play)

    sub.add_parser("list", help="List the scenarios that ship with icdrill.")
    recording.add_parsers(sub)
    return parser


def _load(ref: str | None):
    """The scenario, or None after printing why it cannot be loaded."""
    from sim.scenario import ScenarioError, load_scenario

    path = catalog.resolve(ref)
    if not path.exists():
        known = ", ".join(catalog.available()) or "none found"
        print(f"icdrill: no scenario file '{path}' (scenarios: {known})", file=sys.stderr)
        return None
    try:
        return load_scenario(path)
    except ScenarioError as err:
        print(err, file=sys.stderr)
        return None


def _warn(message: str) -> None:
    print(f"icdrill: warning: {message}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    from sim.play.bots import BOTS
    from sim.play.drill import drive
    from sim.engine import Engine
    from sim.reading.outcome import outcome
    from sim.play.script import ScriptError, parse_script
    from sim.reading.scoring import score
    from sim.reading.summary import room_summary

    loaded = _load(args.scenario)
    if loaded is None:
        return EXIT_BAD_INPUT
    script: list[tuple[int, str]] = []
    if args.script:
        try:
            script = parse_script(Path(args.script).read_text(encoding="utf-8"), args.script)
        except (OSError, UnicodeDecodeError) as err:
            print(f"icdrill: cannot read the script: {err}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except ScriptError as err:
            print(err, file=sys.stderr)
            return EXIT_BAD_INPUT
    bot = args.bot or (None if args.script else "expert")
    engine = Engine(loaded, args.seed)
    session = None
    if not args.no_record:
        session = SessionRecording(engine, loaded, bot or "script", args.trainee, _warn)
    drive(engine, BOTS[bot]() if bot else None, script)
    if session is not None:
        session.finish()
    if args.log:
        try:
            Path(args.log).write_text(engine.log.to_jsonl(), encoding="utf-8")
        except OSError as err:
            print(f"icdrill: cannot write the log: {err}", file=sys.stderr)
            return EXIT_FAILED
    result = outcome(engine.log.entries)
    scenario_id = loaded.scenario.scenario.id
    recorded = str(session.path) if session is not None and session.path is not None else None
    card = session.card if session is not None else score(loaded.scenario, engine.log.entries)
    room = room_summary(engine.log.entries)
    if args.json:
        extra = {"recording": recorded, "overall": card.overall if card is not None else None, "room": room}
        print(json.dumps({"scenario": scenario_id, "seed": args.seed, "bot": bot, **result.as_dict(), **extra}))
        return EXIT_OK
    ttm = format_duration(result.time_to_mitigate) if result.time_to_mitigate is not None else "not mitigated"
    print(f"scenario                 {scenario_id} (seed {args.seed}, IC: {bot or 'script'})")
    print(f"outcome                  {'resolved' if result.resolved else 'NOT resolved'}")
    print(f"ended                    {format_clock(result.ended_at)} ({result.ended_by})")
    print(f"time to mitigate         {ttm}")
    print(f"customer-impact-minutes  {result.customer_impact_minutes:.1f}")
    print(f"events                   {result.events}")
    if card is not None:
        print(f"overall score            {card.overall:.1f}/100")
    print("in the room")
    for label, value in room.items():
        print(f"  {label:41}{value}")
    if args.log:
        print(f"log                      {args.log}")
    if recorded:
        print(f"recording                {recorded}")
    return EXIT_OK


def _bench(args: argparse.Namespace) -> int:
    from sim.play.bench import bench, report

    if args.drills < 1:
        print("icdrill: --drills must be at least 1", file=sys.stderr)
        return EXIT_BAD_INPUT
    loaded = _load(args.scenario)
    if loaded is None:
        return EXIT_BAD_INPUT

    def progress(done: int, total: int) -> None:
        if done % max(1, total // 10) == 0 or done == total:
            print(f"\r  timing drills: {done}/{total}", end="", file=sys.stderr, flush=True)

    result = bench(loaded, args.drills, args.bot, progress)
    print(file=sys.stderr)
    print(report(result, loaded.scenario.scenario.id, args.bot))
    return EXIT_OK


def _play(args: argparse.Namespace) -> int:
    scenario = getattr(args, "scenario", None)
    if _load(scenario) is None:
        return EXIT_BAD_INPUT
    if getattr(args, "speed", 1.0) <= 0:
        print("icdrill: --speed must be above 0", file=sys.stderr)
        return EXIT_BAD_INPUT
    from tui.app import build_app

    record = not getattr(args, "no_record", False)
    app = build_app(scenario, getattr(args, "seed", 0), getattr(args, "speed", 1.0), record=record,
                    trainee=getattr(args, "trainee", None))
    app.run()
    if app.session is not None:
        app.session.close()
    if app.session is not None and app.session.path is not None:
        print(f"recording: {app.session.path}")
        print(f"  icdrill score {app.session.path}    # the scorecard and debrief")
        print(f"  icdrill report {app.session.path}   # the post-incident report")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`icdrill score REC | head`): nothing left to say, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "validate":
        from sim.scenario import validate_main

        return validate_main(args.paths)
    if args.command == "schema":
        from sim.scenario.schema import json_schema

        print(json.dumps(json_schema(), indent=2))
        return EXIT_OK
    if args.command == "bench":
        return _bench(args)
    if args.command in ("play", None):
        return _play(args)
    if args.command == "list":
        for scenario_id in catalog.available():
            print(scenario_id)
        return EXIT_OK
    commands = {
        "replay": recording.replay_command,
        "score": recording.score_command,
        "report": recording.report_command,
        "history": recording.history_command,
    }
    if args.command in commands:
        return commands[args.command](args)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
