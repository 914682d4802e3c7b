"""The commands around recorded sessions: replay, score, report and history.

Every mistake a user can make (a missing file, a file that is not a recording, a scenario that
changed since) is one line on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sim.log.clock import format_clock
from tui.cli.exits import Exit, bad_input


def add_parsers(sub: argparse._SubParsersAction) -> None:
    rec_help = "a recording (.jsonl) from the recordings folder, or a log written by 'icdrill run --log'"
    replay = sub.add_parser(
        "replay",
        help="Re-run a recorded session and check it gives the same log and score.",
        description=(
            "Re-run the engine from the recording's scenario, seed and commands; compare the new log with the "
            "recorded one byte for byte, and the scorecards. Exit 0 when both match, 1 when not, 2 when the "
            "recording or its scenario cannot be read."
        ),
    )
    replay.add_argument("recording", metavar="REC", help=rec_help)
    _scenario_option(replay)

    score = sub.add_parser(
        "score",
        help="Print the scorecard of a recorded session and its debrief beside par.",
        description="Print each dimension of the scorecard with the findings behind it, then the debrief beside par "
        "(the expert bot on the same seed).",
    )
    score.add_argument("recording", metavar="REC", help=rec_help)
    shown = score.add_mutually_exclusive_group()
    shown.add_argument(
        "--json",
        action="store_true",
        help="print one JSON document instead: the scorecard with the log entries behind every finding and cap "
        "('evidence'), par's scorecard ('par') and the debrief's lines ('debrief')",
    )
    shown.add_argument(
        "--evidence", action="store_true", help="show under each finding the log entries behind it (sim time, seq, kind)"
    )
    _scenario_option(score)

    report = sub.add_parser(
        "report",
        help="Write the post-incident report of a recorded session as Markdown.",
        description="Write a blameless post-incident report (summary, impact, timeline, roles, what helped, "
        "what hurt, follow-ups) made from the recorded log.",
    )
    report.add_argument("recording", metavar="REC", help=rec_help)
    report.add_argument("-o", "--output", metavar="FILE", help="write the report here (default: standard output)")
    _scenario_option(report)

    history = sub.add_parser(
        "history",
        help="Show progress over time: sessions per trainee and the trend of their score.",
        description="Show the sessions in the progress history, a table per trainee, with the trend of the "
        "overall score. Sessions are added by 'icdrill run' and 'icdrill play', or from a recording with --add.",
    )
    history.add_argument("--trainee", metavar="NAME", help="only this trainee's sessions (with --add: whose session it is, when the recording does not say)")
    history.add_argument(
        "--add", metavar="REC", help="add the finished session recorded in REC (when adding it at its end failed)"
    )
    history.add_argument(
        "--cohort",
        metavar="NAME",
        help="compare the trainees of one game day (sessions played with --cohort NAME) side by side, dimension by "
        "dimension: each trainee's latest session of each scenario and level",
    )
    history.add_argument(
        "--export",
        metavar="DIR",
        help="with --cohort: write the folder DIR with every session's post-incident report, the comparison as "
        "index.md and as index.html (one self-contained page with charts)",
    )
    history.add_argument("--force", action="store_true", help="with --export: write into DIR even when it is not empty")


def _scenario_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenario",
        metavar="FILE",
        help="the scenario file, when it is no longer where it was recorded (it must be the same file)",
    )


def _open(args: argparse.Namespace, what: str = "to work with"):
    """(recording, loaded scenario) or an exit code after saying why not."""
    from sim.log.recording import RecordingError, read_recording
    from sim.play.replay import ReplayError, locate_scenario

    try:
        recording = read_recording(args.recording)
    except RecordingError as err:
        return bad_input(str(err))
    for problem in recording.problems:
        print(f"icdrill: note: {args.recording}: {problem}", file=sys.stderr)
    if not recording.entries:
        if recording.problems:  # said already, in the note
            return Exit.BAD_INPUT
        return bad_input(f"{args.recording} holds no events {what}")
    try:
        loaded = locate_scenario(recording.header, args.scenario)
    except ReplayError as err:
        return bad_input(str(err))
    return recording, loaded


def _prefix_note(recording) -> str | None:
    """What part of the session the output covers, when it is not the whole of it."""
    if recording.complete:
        return None
    events, last = len(recording.entries), format_clock(recording.entries[-1].t)
    if recording.too_long:
        return f"the recording is longer than icdrill reads: only its first {events} events are read (to {last})"
    if recording.damaged:
        return f"the recording is damaged at line {recording.cut_at}: it is read as far as the {events} events before it (to {last})"
    return f"this session was not finished: the recording stops at {last} after {events} events"


def _guarded(args: argparse.Namespace, work):
    """``work()``, or exit 2 when the recording's events, each well formed, still make no drill this
    version can read (a severity the scenario has no rung for, say): a file edited by hand."""
    try:
        return work()
    except Exception as err:  # noqa: BLE001 - the last resort for a hostile file: one line, no traceback
        why = _visible(f"{type(err).__name__}: {err}")[:160]
        return bad_input(f"{args.recording}: its events do not make a drill this version can read ({why}); was it edited?")


def _visible(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# --- replay ----------------------------------------------------------------------------------------


def replay_command(args: argparse.Namespace) -> int:
    from sim.play.replay import replay

    opened = _open(args, "to replay")
    if isinstance(opened, int):
        return opened
    recording, loaded = opened
    result = _guarded(args, lambda: replay(recording, loaded=loaded))
    if isinstance(result, int):
        return result
    note = _prefix_note(recording)
    if note:
        print(f"note: {note}; the replay compares that part")
    read = " as far as it was read" if recording.cut_at is not None else ""
    print(f"same log{read}: {'yes' if result.same_log else 'no'} ({result.events} events)")
    if result.difference is not None:
        d = result.difference
        print(f"  first difference at line {d.line} of the recording:")
        print(f"  recorded: {d.recorded if d.recorded is not None else '(the recording ends here)'}")
        print(f"  replayed: {d.replayed if d.replayed is not None else '(the replay ends here)'}")
    overall = result.recorded_score.get("overall")
    print(f"same score: {'yes' if result.same_score else 'no'} (overall {_num(overall)})")
    if not result.same_score:
        print(f"  replayed overall {_num(result.replayed_score.get('overall'))}")
    for line in result.notes:
        print(f"  note: {line}")
    if recording.cut_at is not None:
        why = "is longer than icdrill reads" if recording.too_long else "is damaged"
        print(f"not confirmed: the recording {why} from line {recording.cut_at}, and nothing from there on can be checked")
        return Exit.BAD_INPUT
    return Exit.OK if result.ok else Exit.FAILED


def _num(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, (int, float)) else str(value)


# --- score -----------------------------------------------------------------------------------------


def score_command(args: argparse.Namespace) -> int:
    opened = _open(args)
    if isinstance(opened, int):
        return opened
    recording, loaded = opened
    from sim.play.par import par
    from sim.reading.scoring import debrief, score
    from sim.reading.scoring.evidence import evidence_document, to_json

    def work() -> str:
        card = score(loaded.scenario, recording.entries)
        par_card = par(loaded, recording.seed)
        told = debrief(loaded.scenario, recording.entries, card, par_card)
        if args.json:
            return to_json(evidence_document(card, recording.entries, par_card, told))
        return format_scorecard(recording, card, par_card, evidence=args.evidence) + "\n\n" + told.rstrip()

    text = _guarded(args, work)
    if isinstance(text, int):
        return text
    if args.json:
        note = _prefix_note(recording)
        if note:
            print(f"icdrill: note: {note}; scored as far as it goes", file=sys.stderr)
    print(text)
    return Exit.OK


def format_scorecard(recording, card, par_card, evidence: bool = False) -> str:
    """The scorecard as text; with `evidence`, each finding's log entries indented under it."""
    from sim.reading.scoring.evidence import Evidence, evidence_line

    who = f"IC: {recording.driver}" + (f", trainee {recording.trainee}" if recording.trainee else "")
    level = recording.header.get("level")
    at_level = f", level {level}" if level else ""
    lines = [f"Scorecard: {recording.scenario_id}, seed {recording.seed}{at_level} ({who})"]
    note = _prefix_note(recording)
    if note:
        lines.append(f"note: {note}; scored as far as it goes")
    lines.append(f"overall  {_num(card.overall)}/100  (par {_num(par_card.overall)})")
    log = Evidence(recording.entries) if evidence else None
    par_by_name = {d.name: d for d in par_card.dimensions}
    for dim in card.dimensions:
        par_dim = par_by_name.get(dim.name)
        beside = f"  par {_num(par_dim.score)}" if par_dim is not None else ""
        lines.append("")
        lines.append(f"{dim.name}  {_num(dim.score)}/100  (weight {dim.weight:g}){beside}")
        for finding in dim.findings:
            points = f"{finding.points:+.1f}" if finding.points else "     "
            lines.append(f"  {points}  {finding.text}")
            if evidence:
                lines.extend(f"{_EVIDENCE_INDENT}{evidence_line(item)}" for item in log.of(finding.seqs))
        if not dim.findings:
            lines.append("  (no findings)")
    if evidence and card.caps:
        lines.append("")
        lines.append("caps on the overall score")
        for cap in card.caps:
            lines.append(f"  at most {cap.limit:g}  {cap.text}")
            lines.extend(f"{_EVIDENCE_INDENT}{evidence_line(item)}" for item in log.of(cap.seqs))
    return "\n".join(lines)


_EVIDENCE_INDENT = " " * 6  # under the finding's text, past its points


# --- report ----------------------------------------------------------------------------------------


def report_command(args: argparse.Namespace) -> int:
    from sim.reading.report import render_report
    from sim.reading.scoring import score

    opened = _open(args)
    if isinstance(opened, int):
        return opened
    recording, loaded = opened
    entries = recording.entries
    text = _guarded(args, lambda: render_report(loaded.scenario, entries, score(loaded.scenario, entries), loaded.level))
    if isinstance(text, int):
        return text
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as err:
            return bad_input(f"cannot write the report to {args.output}: {err.strerror or err}")
        print(f"report written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return Exit.OK


# --- history ---------------------------------------------------------------------------------------


def history_command(args: argparse.Namespace) -> int:
    from tui.cli.cohort import refusal

    if (problem := refusal(args)) is not None:
        return bad_input(problem)
    if args.cohort is not None:
        from tui.cli.cohort import cohort_command

        return cohort_command(args, _dimension_names())
    if args.add:
        from tui.cli.history_add import add_command

        return add_command(args)
    from tui.cli.progress import format_progress
    from tui.store.datadir import history_path
    from tui.store.history import History, HistoryError

    path = history_path()
    try:
        sessions = History(path).sessions(args.trainee)
    except HistoryError as err:
        return bad_input(str(err))
    if not sessions:
        whose = f" for {args.trainee}" if args.trainee else ""
        print(
            f"No sessions in the history{whose} yet. Play one with 'icdrill play' (or 'icdrill run' for a bot);"
            f" each finished session is added to {path}."
        )
        return Exit.OK
    print(format_progress(sessions, _dimension_names()))
    return Exit.OK


def _dimension_names() -> list[str]:
    from sim.reading.scoring import DIMENSIONS

    return list(DIMENSIONS)


COMMANDS = {"replay": replay_command, "score": score_command, "report": report_command, "history": history_command}
