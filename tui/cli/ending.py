"""How a command ends when something outside it ends it first: Ctrl+C, or output that cannot be written.

Each is one line on stderr and the conventional exit code (`exits.Exit`), never a traceback:
Ctrl+C in `bench`, in `validate` of a big folder or `score` of a big file is 130; a reader that
went away (`icdrill score REC | head`) is a quiet 0; standard output on a full disk
(`icdrill list > /dev/full`) is 1. Any other OSError that reaches here (the commands handle the
ones they expect, such as a missing file) is one line and 1 as well.

To tell an output error from any other OSError, standard output and error are wrapped for the
length of the command: a failed write or flush on them raises `OutputError`. The output is
flushed before the command counts as done, so a full disk is seen here rather than by the
interpreter at exit (which prints "Exception ignored" and exits 120).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from tui.cli.exits import Exit


class OutputError(OSError):
    """Standard output or error could not be written (full disk, closed terminal, I/O error)."""


class _Watched:
    """A text stream whose write errors are OutputError, and remembered: argparse's help swallows
    an OSError from its write, and the command would still end with 0."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.failed: OutputError | None = None

    def write(self, text: str) -> int:
        return self._watch(self._stream.write, text)

    def flush(self) -> None:
        self._watch(self._stream.flush)

    def _watch(self, operation: Callable, *args: Any) -> Any:
        try:
            return operation(*args)
        except BrokenPipeError:
            raise  # the reader left: handled on its own, quietly
        except OSError as err:
            self.failed = OutputError(err.errno, err.strerror)
            raise self.failed from err

    def check(self) -> None:
        """Flush, and raise the first error any write met, even one somebody caught."""
        self.flush()
        if self.failed is not None:
            raise self.failed

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def finish(command: Callable[[], int]) -> int:
    """Run ``command`` (the whole of one icdrill command) and its exit code, whatever ends it."""
    out, err = sys.stdout, sys.stderr
    watched = sys.stdout = _Watched(out)
    sys.stderr = _Watched(err)
    try:
        try:
            code = command()
        except SystemExit:  # argparse after --help or a refusal: its output must have been written too
            watched.check()
            raise
        watched.check()
        return code
    except KeyboardInterrupt:
        _say("interrupted")
        return Exit.INTERRUPTED
    except BrokenPipeError:
        _drop_output(out)
        return Exit.OK
    except OutputError as error:
        _drop_output(out)
        _say(f"cannot write the output: {error.strerror or error}")
        return Exit.FAILED
    except OSError as error:  # the system failed a command that did not expect it: say what, not where
        where = f": {error.filename}" if error.filename else ""
        _say(f"{error.strerror or error}{where}")
        return Exit.FAILED
    finally:
        sys.stdout, sys.stderr = out, err


def _drop_output(out: Any) -> None:
    """Point standard output at /dev/null: what is still buffered must not fail again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    except (OSError, ValueError):
        pass  # no file behind it (a test's StringIO): nothing of it is flushed at exit


def _say(message: str) -> None:
    try:
        print(f"icdrill: {message}", file=sys.stderr, flush=True)
    except OSError:
        pass  # standard error is gone too: the exit code says it
