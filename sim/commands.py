"""The one command language of the IC seat, parsed from slash text.

The TUI, the bots, replays and tests all speak these objects. Parsing checks only the shape of a
command; whether it can be carried out right now is the engine's call. Either way a bad command
becomes a readable reason, never an exception in the caller.
"""

from __future__ import annotations

import difflib
import shlex
from dataclasses import dataclass
from typing import get_args

from sim.durations import parse_duration
from sim.scenario.model import FixAction

FIX_ACTIONS: tuple[str, ...] = get_args(FixAction)
TASK_ACTIONS: tuple[str, ...] = ("investigate", *FIX_ACTIONS)


@dataclass(frozen=True)
class Ack:
    """Acknowledge your page."""


@dataclass(frozen=True)
class Declare:
    severity: str


@dataclass(frozen=True)
class SetSeverity:
    severity: str


@dataclass(frozen=True)
class Page:
    target: str


@dataclass(frozen=True)
class Assign:
    person: str
    action: str
    service: str
    timebox: int | None


@dataclass(frozen=True)
class Update:
    text: str


@dataclass(frozen=True)
class Mitigated:
    """Mark customer impact as stopped; the incident moves to monitoring."""


@dataclass(frozen=True)
class Resolve:
    """Close the incident."""


Command = Ack | Declare | SetSeverity | Page | Assign | Update | Mitigated | Resolve


@dataclass(frozen=True)
class ParseError:
    reason: str


@dataclass(frozen=True)
class Usage:
    name: str
    syntax: str
    summary: str


USAGE: tuple[Usage, ...] = (
    Usage("ack", "/ack", "acknowledge your page"),
    Usage("declare", "/declare SEV", "declare the incident at a severity, e.g. /declare sev2"),
    Usage("sev", "/sev SEV", "change the severity"),
    Usage("page", "/page PERSON|TEAM", "page a person, or a team's on-call"),
    Usage(
        "assign",
        "/assign PERSON ACTION SERVICE [TIMEBOX]",
        f"give a named person a task; ACTION is one of {', '.join(TASK_ACTIONS)}; e.g. /assign dana investigate payments-db 10m",
    ),
    Usage("update", "/update TEXT", "post a status update: impact, current actions, next update"),
    Usage("mitigated", "/mitigated", "mark customer impact as stopped"),
    Usage("resolve", "/resolve", "close the incident"),
)
_SYNTAX = {u.name: u.syntax for u in USAGE}


def _usage(name: str) -> ParseError:
    return ParseError(f"usage: {_SYNTAX[name]}")


def parse(text: str) -> Command | ParseError:
    """A command object from slash text, or the reason it could not be read.

    >>> parse("/assign dana investigate payments-db 10m")
    Assign(person='dana', action='investigate', service='payments-db', timebox=600)
    >>> parse("/asign dana").reason
    "unknown command '/asign'; did you mean /assign? (commands: /ack, /declare, /sev, /page, /assign, /update, /mitigated, /resolve)"
    """
    text = text.strip()
    if not text.startswith("/"):
        return ParseError("commands start with '/'; try /help")
    head, _, rest = text[1:].partition(" ")
    name = head.lower()
    rest = rest.strip()
    if name == "update":
        return Update(rest) if rest else _usage("update")
    try:
        args = shlex.split(rest)
    except ValueError as err:
        return ParseError(f"could not read the arguments: {err}")
    if name in ("ack", "mitigated", "resolve"):
        if args:
            return ParseError(f"/{name} takes no arguments")
        return {"ack": Ack(), "mitigated": Mitigated(), "resolve": Resolve()}[name]
    if name in ("declare", "sev"):
        if len(args) != 1:
            return _usage(name)
        return Declare(args[0]) if name == "declare" else SetSeverity(args[0])
    if name == "page":
        return Page(args[0].lower()) if len(args) == 1 else _usage("page")
    if name == "assign":
        return _parse_assign(args)
    return ParseError(_unknown(head))


def _parse_assign(args: list[str]) -> Assign | ParseError:
    if len(args) not in (3, 4):
        return _usage("assign")
    person, action, service = (a.lower() for a in args[:3])
    if action not in TASK_ACTIONS:
        return ParseError(f"'{action}' is not a task; use one of {', '.join(TASK_ACTIONS)}")
    timebox = None
    if len(args) == 4:
        try:
            timebox = parse_duration(args[3])
        except ValueError as err:
            return ParseError(f"time-box: {err}")
        if timebox == 0:
            return ParseError("time-box: a task needs more than no time")
    return Assign(person, action, service, timebox)


def _unknown(head: str) -> str:
    names = [u.name for u in USAGE]
    close = difflib.get_close_matches(head.lower(), names, n=1)
    hint = f"; did you mean /{close[0]}?" if close else ""
    return f"unknown command '/{head}'{hint} (commands: {', '.join('/' + n for n in names)})"
