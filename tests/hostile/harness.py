"""Shared by the hostile-input tests: run `icdrill` as a user would, and check how it failed.

Every hostile case is judged the same way: the exit code, one clear line on stderr, no traceback,
and no control byte (below 0x20 other than newline and tab, nor 0x7f) in anything printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def icdrill(*args: str, data_dir: Path, stdin: str | None = None, timeout: float = 120) -> Result:
    """`icdrill ARGS` in a fresh process, with its data folder at ``data_dir``."""
    env = {**os.environ, "ICDRILL_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=timeout,
        encoding="utf-8", errors="replace",
    )
    return Result(done.returncode, done.stdout, done.stderr)


def control_bytes(text: str) -> list[str]:
    """The control characters in ``text`` that a terminal would act on, as escapes."""
    return sorted({repr(c) for c in CONTROL.findall(text)})


def assert_refused(result: Result, *, code: int = 2, says: str = "") -> None:
    """A clean refusal: the exit code, one line on stderr naming the problem, no traceback."""
    assert result.code == code, (result.code, result.err[-800:])
    assert "Traceback" not in result.err + result.out, result.err[-800:]
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("icdrill: "), lines[0]
    assert says in lines[0], (says, lines[0])
    assert_no_control_bytes(result)


def assert_no_control_bytes(result: Result) -> None:
    assert control_bytes(result.out) == [], result.out[-400:]
    assert control_bytes(result.err) == [], result.err[-400:]
