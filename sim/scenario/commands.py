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

from sim.log.clock import parse_duration
from sim.scenario.model import FixAction

FIX_ACTIONS: tuple[str, ...] = get_args(FixAction)
TASK_ACTIONS: tuple[str, ...] = ("investigate", *FIX_ACTIONS)
ROLES: tuple[str, ...] = ("deputy", "tech-lead", "comms-lead", "scribe", "customer-liaison", "internal-liaison")


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


@dataclass(frozen=True)
class Owner:
    service: str


@dataclass(frozen=True)
class Escalate:
    target: str


@dataclass(frozen=True)
class Ask:
    """A broadcast ask: 'can someone ...'. The bystander effect makes it slow or fruitless."""

    action: str
    service: str


@dataclass(frozen=True)
class HandsOn:
    action: str
    service: str


@dataclass(frozen=True)
class Back:
    """Stop hands-on work and come back to coordinating."""


@dataclass(frozen=True)
class Role:
    person: str
    role: str


@dataclass(frozen=True)
class Unrole:
    role: str


@dataclass(frozen=True)
class Dm:
    person: str
    text: str


@dataclass(frozen=True)
class Redirect:
    manager: str


@dataclass(frozen=True)
class Authority:
    manager: str


@dataclass(frozen=True)
class Qualify:
    """Answer the push for a higher severity with the impact evidence."""


@dataclass(frozen=True)
class Grant:
    """Grant the executive's request as asked."""


@dataclass(frozen=True)
class Decline:
    """'We can get you that list or fix the incident, not both.'"""


@dataclass(frozen=True)
class Decide:
    person: str


@dataclass(frozen=True)
class Poll:
    """Go with the best-supported proposal unless someone strongly objects."""


@dataclass(frozen=True)
class Evidence:
    person: str


@dataclass(frozen=True)
class Note:
    text: str


# --- vendors ---


@dataclass(frozen=True)
class StatusPage:
    """Read the status page of the vendor that runs a service."""

    service: str


@dataclass(frozen=True)
class Ticket:
    """Open a support ticket with the vendor that runs a service."""

    service: str
    text: str


Command = (
    Ack | Declare | SetSeverity | Page | Assign | Update | Mitigated | Resolve | Owner | Escalate | Ask | HandsOn
    | Back | Role | Unrole | Dm | Redirect | Authority | Qualify | Grant | Decline | Decide | Poll | Evidence | Note
    | StatusPage | Ticket
)


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
    Usage("owner", "/owner SERVICE", "find who really owns a service (takes a few minutes)"),
    Usage("escalate", "/escalate TEAM|PERSON", "page the next person on the escalation path"),
    Usage("ask", "/ask ACTION SERVICE", "broadcast 'can someone ...' to the channel (slow: nobody feels named)"),
    Usage("handson", "/handson ACTION SERVICE", "do a task yourself; you go heads-down until it is done"),
    Usage("back", "/back", "stop hands-on work and read what piled up"),
    Usage("role", "/role PERSON ROLE", f"give a role; ROLE is one of {', '.join(ROLES)}"),
    Usage("unrole", "/unrole ROLE", "release a role; you hold it again"),
    Usage("dm", "/dm PERSON TEXT", "message a person privately; answers their question, or they reply from where they stand"),
    Usage("redirect", "/redirect MANAGER", "ask a manager privately to route requests through you"),
    Usage("authority", "/authority MANAGER", "ask a manager to lend you their authority in the channel"),
    Usage("qualify", "/qualify", "answer a push for a higher severity with the impact evidence"),
    Usage("grant", "/grant", "grant the executive's request as asked"),
    Usage("decline", "/decline", "decline the executive's request: the list or the fix, not both"),
    Usage("decide", "/decide PERSON", "settle a disagreement: go with this person's proposal"),
    Usage("poll", "/poll", "go with the best-supported proposal unless someone strongly objects"),
    Usage("evidence", "/evidence PERSON", "ask a person for the source evidence behind their last report"),
    Usage("note", "/note TEXT", "pin a key moment to the incident timeline"),
    Usage("status-page", "/status-page SERVICE", "read the status page of the vendor that runs a service (it lags the truth)"),
    Usage("ticket", "/ticket SERVICE [TEXT]", "open a support ticket with the vendor that runs a service; support answers later"),
)
_SYNTAX = {u.name: u.syntax for u in USAGE}


def _usage(name: str) -> ParseError:
    return ParseError(f"usage: {_SYNTAX[name]}")


def parse(text: str) -> Command | ParseError:
    """A command object from slash text, or the reason it could not be read.

    >>> parse("/assign dana investigate payments-db 10m")
    Assign(person='dana', action='investigate', service='payments-db', timebox=600)
    >>> parse("/asign dana").reason
    "unknown command '/asign'; did you mean /assign? (/help lists the commands)"
    """
    text = text.strip()
    if not text.startswith("/"):
        return ParseError("commands start with '/'; try /help")
    head, _, rest = text[1:].partition(" ")
    name = head.lower()
    rest = rest.strip()
    if name in _FREE_TEXT:
        return _FREE_TEXT[name](rest) if rest else _usage(name)
    if name == "ticket":
        service, _, words = rest.partition(" ")
        return Ticket(service.lower(), words.strip()) if service else _usage("ticket")
    if name == "dm":
        person, text = _person_then_text(rest)
        return Dm(person.lower(), text) if person and text else _usage("dm")
    try:
        args = _words(rest)
    except ValueError as err:
        return ParseError(f"could not read the arguments: {err}")
    if name in _NO_ARGS:
        return ParseError(f"/{name} takes no arguments") if args else _NO_ARGS[name]()
    if name in _ONE_ARG:
        return _ONE_ARG[name](args[0].lower()) if len(args) == 1 else _usage(name)
    if name == "assign":
        return _parse_assign(args)
    if name in ("ask", "handson"):
        return _parse_action(name, args)
    if name == "role":
        if len(args) != 2:
            return _usage("role")
        role = args[1].lower()
        return Role(args[0].lower(), role) if role in ROLES else ParseError(_unknown_role(role))
    return ParseError(_unknown(head))


_FREE_TEXT = {"update": Update, "note": Note}
_NO_ARGS = {
    "ack": Ack, "mitigated": Mitigated, "resolve": Resolve, "back": Back,
    "qualify": Qualify, "grant": Grant, "decline": Decline, "poll": Poll,
}
_ONE_ARG = {
    "declare": Declare, "sev": SetSeverity, "page": Page, "owner": Owner, "escalate": Escalate,
    "redirect": Redirect, "authority": Authority, "decide": Decide, "evidence": Evidence, "unrole": Unrole,
    "status-page": StatusPage,
}


def _words(rest: str) -> list[str]:
    """The arguments as shlex reads them (quotes group words). Without a quote, a backslash or any
    whitespace but the plain space, shlex's answer is the words between the spaces: taken directly,
    as nearly every command is written, without shlex's character-by-character reader.

    >>> _words("dana investigate  payments-db"), _words('"Dana Whitfield" scribe')
    (['dana', 'investigate', 'payments-db'], ['Dana Whitfield', 'scribe'])
    """
    if rest.isprintable() and not any(c in rest for c in "\"'\\"):
        return rest.split()
    return shlex.split(rest)


def _person_then_text(rest: str) -> tuple[str, str]:
    """/dm's person and free text: the person is the first word, or a quoted full name as in every
    other command (the text after it is kept exactly as typed, quotes and all).

    >>> _person_then_text('"Dana Whitfield" is it "the db"?'), _person_then_text("dana hi  there")
    (('Dana Whitfield', 'is it "the db"?'), ('dana', 'hi  there'))
    """
    quote = rest[:1]
    if quote in ('"', "'"):
        end = rest.find(quote, 1)
        if end > 0:
            return rest[1:end], rest[end + 1 :].strip()
    person, _, text = rest.partition(" ")
    return person, text.strip()


def _unknown_role(role: str) -> str:
    close = difflib.get_close_matches(role, ROLES, n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"'{role}' is not a role{hint} (roles: {', '.join(ROLES)})"


def _parse_action(name: str, args: list[str]) -> Command | ParseError:
    if len(args) != 2:
        return _usage(name)
    action, service = args[0].lower(), args[1].lower()
    if action not in TASK_ACTIONS:
        return ParseError(f"'{action}' is not a task; use one of {', '.join(TASK_ACTIONS)}")
    return Ask(action, service) if name == "ask" else HandsOn(action, service)


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
    return f"unknown command '/{head}'{hint} (/help lists the commands)"
