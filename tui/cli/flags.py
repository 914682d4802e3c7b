"""Every flag of every command range-checked, by the name it is stored under, in one line.

`Parser` is the parser class of `icdrill` and of each command (argparse makes the commands'
parsers of the same class as the top one), so a group module adds a flag as it always did and
gets its check from here without knowing: `--seed` anywhere is a seed, `--trainee` a name. A
value out of range is refused before any work is done (a drill played to the end with a seed
the history cannot store loses its row) with one line on stderr and exit 2, as argparse's own
mistakes are: no usage block, which buries the line that says what is wrong.

tests/hostile/test_flags.py walks the parsers and fails on a flag that has no entry here.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections.abc import Callable
from typing import NoReturn

from sim.log.limits import seed_problem
from tui.cli.exits import Exit
from tui.store.settings import name_problem

# A sim second per wall second is real time; an hour per wall second finishes any drill in
# seconds, and more only makes the clock's float arithmetic meaningless.
MAX_SPEED = 3600.0
# A million drills is about an hour and a half of bench at today's speed: more is a typo.
MAX_DRILLS = 1_000_000
# `balance`: a million seeds a scenario and bot is weeks of one core; a thousand processes is
# more than any one machine has cores.
MAX_SEEDS = 1_000_000
MAX_WORKERS = 1024
BOTS = ("expert", "novice", "idle")
# A Dask scheduler's address (tcp://host:8786, tls://..., ucx://...), or `local` for a LocalCluster.
CLUSTER = re.compile(r"local|[a-z][a-z0-9+.-]*://[^\s/]+")
# Linux's limits for a path and one name in it; a longer one fails in stat() as "File name too long".
MAX_PATH_BYTES = 4095
MAX_PART_BYTES = 255


def seed(value: int) -> str | None:
    return seed_problem(value)


def speed(value: float) -> str | None:
    if not (math.isfinite(value) and 0 < value <= MAX_SPEED):
        return f"must be a number above 0 and at most {MAX_SPEED:g} (sim seconds per wall second)"
    return None


def whole_number(low: int, high: int, note: str = "") -> Callable[[int], str | None]:
    """The check of a count flag: a whole number from ``low`` to ``high``; ``note`` says what it counts."""

    def check(value: int) -> str | None:
        return None if low <= value <= high else f"must be a whole number from {low} to {high}{note}"

    return check


drills = whole_number(1, MAX_DRILLS)
seeds = whole_number(1, MAX_SEEDS, " (seeds 0 to N-1 are played)")
workers = whole_number(1, MAX_WORKERS)
chunk = whole_number(1, MAX_DRILLS, " (runs per task)")


def bot_list(text: str) -> tuple[str, ...]:
    """`--bots expert,novice`: the names, in the order given."""
    return tuple(part.strip() for part in text.split(","))


def bots(value: tuple[str, ...]) -> str | None:
    unknown = [b for b in value if b not in BOTS]
    if unknown or not any(value):
        return f"must be bots separated by commas, from {','.join(BOTS)}"
    if len(set(value)) != len(value):
        return "names a bot twice"
    return None


def cluster(value: str) -> str | None:
    if CLUSTER.fullmatch(value) is None:
        return "must be a Dask scheduler's address such as tcp://host:8786, or local"
    return None


# Seeds the expert plays per scenario in `lint`: each is a whole drill, and a thousand per file is
# already a balancing job (`icdrill balance`), not a lint.
MAX_LINT_SEEDS = 1000


lint_seeds = whole_number(0, MAX_LINT_SEEDS)


def name(value: str) -> str | None:
    return name_problem(value)  # the name screen checks a name the same way


def path(value: str) -> str | None:
    """A file or folder name the system can look up (or a scenario id, which is one)."""
    if not value:
        return "must not be empty"
    raw = os.fsencode(value)
    if len(raw) > MAX_PATH_BYTES or any(len(part) > MAX_PART_BYTES for part in raw.split(b"/")):
        return f"is too long for a file name (at most {MAX_PART_BYTES} bytes a name, {MAX_PATH_BYTES} in all)"
    return None


def scenario_id(value: str) -> str | None:
    """What `icdrill new` names a scenario: an id the model accepts (its Name pattern)."""
    if re.fullmatch(r"[a-z][a-z0-9-]{0,63}", value) is None:
        return "cannot be a scenario id: use lower case letters, digits and dashes, starting with a letter (at most 64)"
    return None


def host(value: str) -> str | None:
    """`serve --host`: an address or a host name; the server finds out whether it can listen there."""
    if not value or len(value) > 253 or not value.isprintable() or " " in value:
        return "must be an address or a host name, such as 127.0.0.1 or 0.0.0.0"
    return None


port = whole_number(1, 65535)


def public_url(value: str) -> str | None:
    """`serve --public-url`: where browsers reach the server behind a proxy; the page names its websocket by it."""
    if not value.startswith(("http://", "https://")) or not value.split("://", 1)[1].strip("/"):
        return "must be an http:// or https:// address, such as https://drill.example.org"
    return None


def level_id(value: str) -> str | None:
    """`--level ID`: the form of a level's id; whether the scenario declares it is checked once it is loaded."""
    if re.fullmatch(r"[a-z][a-z0-9-]{0,63}", value) is None:
        return "cannot be a level id: use lower case letters, digits and dashes, starting with a letter (at most 64)"
    return None


def output(value: str) -> str | None:
    """A file to write after a long job: checked first, so a drill is not played for a log that cannot be written."""
    problem = path(value)
    if problem is None and os.path.isdir(value):
        problem = "is a folder; name a file to write"
    elif problem is None and not os.path.isdir(os.path.dirname(value) or "."):
        problem = "is in a folder that does not exist"
    return problem


# By argparse dest. None: the flag needs no check of its own (a choice, a switch).
CHECKS: dict[str, Callable | None] = {
    "seed": seed,
    "speed": speed,
    "drills": drills,
    "trainee": name,
    "cohort": name,  # `play`/`run`/`history --cohort NAME`: a game day, named as a trainee is
    "export": path,  # `history --cohort NAME --export DIR`
    "force": None,  # `history --export DIR --force`
    "scenario": path,
    "recording": path,
    "script": path,
    "add": path,  # `history --add REC`
    "paths": path,
    "scenarios": path,  # `balance SCENARIO...`
    "seeds": seeds,
    "bots": bots,
    "workers": workers,
    "chunk": chunk,
    "cluster": cluster,
    "log": output,
    "output": path,  # `report -o`: the report is quick to make, and says itself why it cannot be written
    "out": output,  # `schema --out FILE`, `balance --out FILE`
    "org": None,  # `schema --org`
    "org_file": path,  # `new --org FILE`
    "new_name": scenario_id,  # `new NAME`
    "dot": None,  # `graph --dot`
    "lint_seeds": lint_seeds,  # `lint --seeds N`
    "level": level_id,  # `play --level ID`, `run --level ID`
    "bot": None,
    "host": host,  # `serve --host`
    "port": port,  # `serve --port`
    "public_url": public_url,  # `serve --public-url`
    "watch": None,  # `serve --watch`
    "json": None,
    "evidence": None,  # `score --evidence`
    "no_record": None,
    "help": None,
    "command": None,
}


def _checked(base: Callable[[str], object], check: Callable) -> Callable[[str], object]:
    def convert(text: str) -> object:
        value = base(text)  # a ValueError here is argparse's "invalid int value: 'x'"
        problem = check(value)
        if problem is not None:
            shown = text if len(text) <= 60 else text[:57] + "..."  # one line, even for 5,000 characters
            raise argparse.ArgumentTypeError(f"{problem}; found {shown!r}")
        return value

    convert.__name__ = getattr(base, "__name__", "value")  # argparse names the type in its messages
    return convert


class Parser(argparse.ArgumentParser):
    """argparse with the range checks above and one-line errors."""

    def add_argument(self, *args, **kwargs) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        check = CHECKS.get(action.dest)
        if check is not None:
            action.type = _checked(action.type or str, check)
        return action

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("icdrill").strip()
        where = f"{command}: " if command else ""
        print(f"icdrill: {where}{message} (see '{self.prog} --help')", file=sys.stderr)
        sys.exit(Exit.BAD_INPUT)
