"""The commands about scenario files and the engine: new, validate, lint, schema, list, graph and bench."""

from __future__ import annotations

import argparse
import json
import sys

from sim.scenario import locate as catalog
from tui.cli.exits import Exit
from tui.cli.loading import load


def add_parsers(sub: argparse._SubParsersAction) -> None:
    validate = sub.add_parser(
        "validate",
        help="Check scenario files and folders; exit 2 on any problem.",
        description="Check scenario and org files. Prints every problem as path:line:col: field: message.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (folders are searched for *.yaml)")

    lint = sub.add_parser(
        "lint",
        help="Find scenarios that validate but play badly; exit 2 on any finding.",
        description=(
            "Validate each file, then check what makes a valid scenario play badly: the expert bot not winning, drama "
            "whose people never come into the incident, a team without a reachable primary, an override that empties an "
            "on-call slot, a remedy off its fault's dependency path, an alert nothing can fire, a gap in the severity "
            "ladder. Prints each finding as path:line:col: rule-id: why (a file that does not validate: its problems, as "
            "validate prints them). Org files get the rules about what they define (rotas, the ladder). A comment "
            "'# icdrill-lint: allow RULE' on a finding's line, or the line above, says the author meant it."
        ),
    )
    lint.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (folders are searched for *.yaml)")
    lint.add_argument(
        "--seeds", dest="lint_seeds", type=int, default=3, metavar="N",
        help="seeds the expert bot plays per scenario, 0 to N-1 (default: 3; 0 skips the expert-loses rule)",
    )  # fmt: skip

    schema = sub.add_parser(
        "schema",
        help="Print the JSON Schema of the scenario format.",
        description=(
            "Print the JSON Schema of the scenario format (of an org file with --org), for editors that "
            "complete and check YAML. The shipped copies are scenarios/schema.json and scenarios/org.schema.json."
        ),
    )
    schema.add_argument("--org", action="store_true", help="the schema of an org file, which scenarios include")
    schema.add_argument("--out", metavar="FILE", help="write the schema to FILE instead of printing it")

    bench = sub.add_parser(
        "bench",
        help="Measure headless speed, part by part, beside a bare SimPy loop.",
        description=(
            "Play many drills headless and print, from one run: drills per second as icdrill run plays them (scorecard, "
            "JSONL log), with scoring only and bare; microseconds per log event; the bot alone and the engine without it "
            "(the bot's commands replayed as a script, with and without the drive loop's ticks); the model beside a bare "
            "SimPy loop of as many events; a recorded drill against an unrecorded one; and the same fault in generated "
            "organisations of 10, 100 and 1,000 services, with the per-event cost of the largest over the smallest."
        ),
    )
    bench.add_argument("scenario", nargs="?", default=None, help="scenario file or id (default: the default scenario)")
    bench.add_argument("--drills", type=int, default=200, help="number of drills to time (default: 200)")
    bench.add_argument("--bot", choices=("expert", "novice", "idle"), default="expert")

    new = sub.add_parser(
        "new",
        help="Write a new scenario to start from; it validates and plays as written.",
        description=(
            "Write NAME.yaml (or --out FILE): a scenario skeleton with the schema line editors read. With --org, it "
            "includes that org file and breaks the deepest service the busiest entry point needs; without, it brings "
            "a three-service world of its own. It never overwrites a file."
        ),
    )
    new.add_argument("new_name", metavar="NAME", help="the scenario id: lower case letters, digits and dashes, starting with a letter")
    new.add_argument("--org", dest="org_file", metavar="FILE", help="an org file to build on (e.g. scenarios/orgs/acme.yaml)")
    new.add_argument("--out", metavar="FILE", help="where to write it (default: NAME.yaml here)")

    graph = sub.add_parser(
        "graph",
        help="Show a scenario's dependency graph and each service's blast radius.",
        description=(
            "Print the scenario's services as a dependency tree from the entry points customers call, then the blast "
            "radius of every service: the customer impact while it is degraded and while it is down, and the severity "
            "that impact truly is by the scenario's ladder. With --dot, print the graph as Graphviz DOT instead "
            "(icdrill graph X --dot | dot -Tsvg > graph.svg)."
        ),
    )
    graph.add_argument("scenario", nargs="?", default=None, help="scenario file or id (default: the default scenario)")
    graph.add_argument("--dot", action="store_true", help="print Graphviz DOT instead of the text tree and table")

    listing = sub.add_parser(
        "list",
        help="List the scenarios that ship with icdrill: id, difficulty, length and title.",
        description=(
            "List the scenarios in the scenarios folder, the default first: id, difficulty, how long the drill may "
            "take (in sim minutes: it ends at its time limit, or sooner once resolved) and title. A file that cannot "
            "be played is listed with its error."
        ),
    )
    listing.add_argument("--json", action="store_true", help="print the list as JSON, one object per scenario")


def validate_command(args: argparse.Namespace) -> int:
    from sim.scenario import print_problems

    return Exit.OK if print_problems(args.paths) else Exit.BAD_INPUT


def lint_command(args: argparse.Namespace) -> int:
    import time

    from sim.lint.run import lint_paths, print_report

    # Progress only to a terminal, and only once linting has taken long enough to wonder about;
    # the carriage return is the program's own terminal control, so it goes to the raw stream.
    err = getattr(sys.stderr, "raw", sys.stderr)
    live = err.isatty()
    start = time.monotonic()
    shown = False

    def progress(done: int, total: int) -> None:
        nonlocal shown
        if live and time.monotonic() - start > 2.0:
            shown = True
            print(f"\r  linting: {done}/{total} files", end="", file=err, flush=True)

    try:
        report = lint_paths(args.paths, args.lint_seeds, progress)
    finally:
        if shown:
            print(file=err)  # end the progress line, also before "icdrill: interrupted"
    return Exit.OK if print_report(report) else Exit.BAD_INPUT


def schema_command(args: argparse.Namespace) -> int:
    from sim.scenario.model import Org, Scenario
    from sim.scenario.schema import json_schema

    text = json.dumps(json_schema(Org if args.org else Scenario), indent=2) + "\n"
    if args.out is None:
        print(text, end="")
        return Exit.OK
    try:
        with open(args.out, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except OSError as err:
        print(f"icdrill: cannot write {args.out}: {err.strerror or err}", file=sys.stderr)
        return Exit.FAILED
    return Exit.OK


def list_command(args: argparse.Namespace) -> int:
    from tui.store.scenario_list import check_entry, entries, length_text

    found = [check_entry(entry)[0] for entry in entries()]
    if getattr(args, "json", False):
        for entry in found:
            print(json.dumps({
                "id": entry.id, "title": entry.title, "difficulty": entry.difficulty,
                "time_limit": entry.time_limit, "summary": entry.summary, "error": entry.error,
                "levels": [level.id for level in entry.levels],
            }))
        return Exit.OK
    width = max((len(e.id) for e in found), default=0)
    for entry in found:
        shown = entry.title if entry.error is None else f"cannot be played: {entry.error.splitlines()[0]}"
        if entry.error is None and entry.levels:
            shown += f" (levels: {', '.join(level.id for level in entry.levels)})"
        print(f"{entry.id:{width}}  {entry.difficulty:6}  {length_text(entry.time_limit):>13}  {shown}")
    return Exit.OK


def new_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sim.scenario.loader import check_file
    from sim.scenario.skeleton import skeleton
    from tui.cli.exits import bad_input

    name = args.new_name  # checked by the parser (tui.cli.flags.scenario_id)
    org = Path(args.org_file) if args.org_file else None
    # A scenario includes an org from its own folder or one up (scenarios/orgs/acme.yaml is included
    # by scenarios/NAME.yaml): by default the new file goes where that holds.
    home = Path(".") if org is None else org.parent.parent if org.parent.name == "orgs" else org.parent
    out = Path(args.out) if args.out else home / f"{name}.yaml"
    if out.exists():
        return bad_input(f"{out} already exists; choose another name or --out")
    org_model = None
    if org is not None:
        checked = check_file(org, args.org_file)
        if checked.problems or checked.kind != "org":
            reason = checked.problems[0].format() if checked.problems else "it reads as a scenario, not an org file"
            return bad_input(f"--org {args.org_file}: {reason}")
        org_model = checked.model
    try:
        text = skeleton(name, out, catalog.scenario_dir() / "schema.json", org, org_model)
        out.write_text(text, encoding="utf-8")
    except (ValueError, OSError) as err:
        return bad_input(f"cannot write {out}: {getattr(err, 'strerror', None) or err}")
    written = check_file(out, str(out))
    if written.problems:  # e.g. --out too far from the org file for its include
        out.unlink()
        for problem in written.problems:
            print(problem.format(), file=sys.stderr)
        return bad_input(f"{out} would not validate, so it was not written; put it beside the org's folder")
    print(f"wrote {out}")
    print(f"  icdrill validate {out}    # check it")
    print(f"  icdrill graph {out}       # each service's blast radius")
    print(f"  icdrill play {out}        # play it")
    return Exit.OK


def graph_command(args: argparse.Namespace) -> int:
    loaded = load(args.scenario)
    if loaded is None:
        return Exit.BAD_INPUT
    from sim.scenario.blast import blast_radius, blast_table, dot, tree_lines

    scenario = loaded.scenario
    if args.dot:
        sys.stdout.write(dot(scenario))
        return Exit.OK
    print("\n".join(tree_lines(scenario)))
    print()
    print("Blast radius: customer impact and the true severity by this scenario's ladder, worst first")
    print("\n".join(blast_table(blast_radius(scenario))))
    return Exit.OK


def bench_command(args: argparse.Namespace) -> int:
    from sim.play.bench import bench, report

    loaded = load(args.scenario)
    if loaded is None:
        return Exit.BAD_INPUT

    # The progress line redraws itself with a carriage return: the program's own terminal control,
    # so it goes to the raw stream (`tui.cli.output`), and only to a terminal, never into a log.
    err = getattr(sys.stderr, "raw", sys.stderr)
    live = err.isatty()

    def progress(done: int, total: int) -> None:
        if live and (done % max(1, total // 10) == 0 or done == total):
            print(f"\r  timing drills: {done}/{total}", end="", file=err, flush=True)

    try:
        result = bench(loaded, args.drills, args.bot, progress)
    finally:
        if live:
            print(file=err)  # end the progress line, also before "icdrill: interrupted"
    print(report(result))
    return Exit.OK


COMMANDS = {"new": new_command, "validate": validate_command, "lint": lint_command, "schema": schema_command, "list": list_command, "graph": graph_command, "bench": bench_command}
