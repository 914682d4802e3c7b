"""`sim.log.printable` and the few places that apply it, one piece at a time.

The end-to-end cases are in test_escapes.py (the command line) and test_escapes_game.py (the
game); these pin down the function itself and each choke point's own care: the caret of a quoted
line, Markdown's escaping after it, the game's `Shown` text, and the wrapped output streams.
"""

from __future__ import annotations

import io
import sys

import pytest

from sim.log.printable import printable
from sim.reading.report import code, md
from sim.scenario.problems import Problem
from tui.cli.output import PrintableStream, printable_output

CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]


def test_every_control_character_is_shown_as_its_escape():
    for c in CONTROLS:
        assert printable(f"a{chr(c)}b") == f"a\\x{c:02x}b"


def test_every_other_character_is_left_as_it_is():
    everything = "".join(chr(c) for c in range(0x110000) if c not in CONTROLS and not 0xD800 <= c < 0xE000)
    assert printable(everything) == everything  # newline and tab included


def test_shown_twice_is_shown_once():
    text = "\x1b[2J\x9b\x7f\\x1b"
    assert printable(printable(text)) == printable(text) == "\\x1b[2J\\x9b\\x7f\\x1b"


def test_a_quoted_line_puts_the_caret_under_the_escape_it_points_at():
    line = "  title: \x1b[2J\x1b]0;x\x07 here\n"
    problem = Problem("x.yaml", 3, line.index("h") + 1, "scenario.title", "m", line)
    _, text, caret = problem.format().splitlines()
    assert "\x1b" not in text and text.strip() == r"title: \x1b[2J\x1b]0;x\x07 here"
    assert text[caret.index("^")] == "h"


def test_a_long_quoted_line_is_windowed_and_still_points_right():
    line = "\x1b" * 300 + "X" + "\x9b" * 300
    problem = Problem("x.yaml", 1, 301, "f", "m", line)
    _, text, caret = problem.format().splitlines()
    assert text[caret.index("^")] == "X" and text.count("\\x1b") == 50 and text.count("\\x9b") == 49
    assert "\x1b" not in text and "\x9b" not in text


def test_a_problem_headline_shows_a_path_with_an_escape():
    problem = Problem("evil\x1b[2J.yaml", 1, 1, "<root>", "the file \x9b is empty")
    assert problem.format() == r"evil\x1b[2J.yaml:1:1: <root>: the file \x9b is empty"


def test_markdown_shows_the_escape_and_escapes_its_backslash():
    assert md("a\x1b[2Jb") == r"a\\x1b\[2Jb"  # rendered: a\x1b[2Jb
    assert code("svc\x7f") == r"svc\\x7f" and code("payments-db") == "`payments-db`"


def test_shown_text_makes_every_string_printable_and_reads_no_markup():
    from tui.widgets.shown import Shown

    text = Shown("[bold]a\x1b[0m[/bold]", style="red")
    text.append("\x9b2J", style="bold")
    text.append(Shown(" \x07"))
    assembled = Shown.assemble(("\x1b]0;t\x07", "cyan"), " ", "\x7f")
    assert text.plain == r"[bold]a\x1b[0m[/bold]\x9b2J \x07"
    assert assembled.plain == r"\x1b]0;t\x07 \x7f"


def test_the_output_stream_writes_printable_text_and_answers_for_the_stream():
    raw = io.StringIO()
    stream = PrintableStream(raw)
    assert stream.write("a\x1b[2J\n") == 6  # what the caller gave
    stream.writelines(["\x9b", "b\tc"])
    assert raw.getvalue() == "a\\x1b[2J\n\\x9bb\tc"
    assert stream.isatty() is False and stream.raw is raw


def test_printable_output_wraps_both_streams_for_the_command_only():
    before = sys.stdout, sys.stderr
    seen = []

    @printable_output
    def command() -> int:
        seen.append((sys.stdout, sys.stderr))
        print("\x1b[2J")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        command()
    assert all(isinstance(s, PrintableStream) for s in seen[0])
    assert (sys.stdout, sys.stderr) == before  # restored, an error or not
