"""Everything a command prints goes through `printable`: one wrapper on stdout and stderr.

The commands print text from outside everywhere: a scorecard quotes what the trainee typed, a
report the scenario's words, `history` the trainee's name, `validate` the lines of a file, and
every error message a path the user gave. Rather than remember `printable` at each of those
print sites, `main` runs under `printable_output`, which puts a `PrintableStream` in front of
`sys.stdout` and `sys.stderr` for the length of the command: whatever is written, by whichever
module, reaches the terminal with its control characters shown as ``\\x1b`` and the like.

The game does not go through these streams: Textual draws on the terminal itself (and the
widgets make their text safe, `tui.widgets.shown`). A command that means to control the terminal
itself, like `bench`'s progress line and its carriage return, writes to the stream's `raw`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO, TypeVar

from sim.log.printable import printable

R = TypeVar("R")


class PrintableStream:
    """A text stream that writes ``printable(text)`` to the stream it wraps; anything else it is
    asked (``fileno``, ``isatty``, ``encoding``, ``flush``...) the wrapped stream answers."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw  # for the program's own terminal control only, never for text from outside

    def write(self, text: str) -> int:
        self.raw.write(printable(text))
        return len(text)  # what the caller gave, as TextIOBase.write counts it

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def printable_output(command: Callable[..., R]) -> Callable[..., R]:
    """Run ``command`` with stdout and stderr wrapped in `PrintableStream`, restored afterwards
    (so that a test calling `main` in-process gets its own streams back)."""

    @functools.wraps(command)
    def wrapped(*args: Any, **kwargs: Any) -> R:
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = (_wrap(stream) for stream in saved)
        try:
            return command(*args, **kwargs)
        finally:
            sys.stdout, sys.stderr = saved

    return wrapped


def _wrap(stream: TextIO | None) -> Any:
    if stream is None or isinstance(stream, PrintableStream):
        return stream
    return PrintableStream(stream)
