"""Completion for the command line: the candidates for the word at the cursor, and what Tab does.

Pure (no Textual): the command line widget asks here and shows the answer. What a word can be is
read off the command's usage syntax in `sim.scenario.commands.USAGE`
(``/assign PERSON ACTION SERVICE [TIMEBOX]``): a slot's upper-case name says what it holds, so a
new command gets completion without new code. The names the slots offer (people, teams,
services, managers) come from what the IC can see, the view's catalog and room, never the scenario.

>>> vocab = Vocabulary(people=(("dana", "Dana Smith"),), services=("payments-db", "payments-api"))
>>> [c.insert for c in complete("/as", 3, vocab).candidates]
['/assign', '/ask']
>>> tab("/ass", 4, vocab)
('/assign ', 8)
>>> tab("/assign da", 10, vocab)
('/assign dana ', 13)
>>> tab("/assign dana investigate pay", 28, vocab)
('/assign dana investigate payments-', 34)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.scenario.commands import ROLES, TASK_ACTIONS, USAGE, Usage

if TYPE_CHECKING:
    from sim.reading.view import View

# The app answers /help itself (a screen), so it is a command the line knows though USAGE does not list it.
HELP = Usage("help", "/help", "show the commands and the keys")
COMMANDS: tuple[Usage, ...] = (*USAGE, HELP)
TIMEBOXES: tuple[str, ...] = ("5m", "10m", "15m", "20m", "30m")
FREE_TEXT = "TEXT"  # a slot that takes the rest of the line: nothing to complete in it or after it
_SLOT = re.compile(r"\[?([A-Z][A-Z|_-]*)\]?")


@dataclass(frozen=True)
class Slot:
    """One argument of a command's syntax: the kinds it accepts (``PERSON|TEAM`` is two)."""

    kinds: tuple[str, ...]
    optional: bool = False

    @property
    def name(self) -> str:
        return "|".join(self.kinds)


@dataclass(frozen=True)
class Candidate:
    """What Tab puts in the line (`insert`) and how the strip shows it (`label`, plain text)."""

    insert: str
    label: str


@dataclass(frozen=True)
class Vocabulary:
    """The names the IC can complete, as the view has them. People are (id, display name)."""

    people: tuple[tuple[str, str], ...] = ()
    teams: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    managers: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Completion:
    """The word at the cursor (``line[start:end]``), what it can become, and the command it is part of."""

    start: int
    end: int
    word: str
    candidates: tuple[Candidate, ...] = ()
    usage: Usage | None = None
    slot: int | None = None  # index into `slots(usage)`; None for the command name or past the syntax


def vocabulary(view: View) -> Vocabulary:
    """What the completion offers while this view is on screen."""
    catalog = view.catalog
    people = {pid: view.names.get(pid, pid) for pid in catalog.people}
    people.update({pid: person.name for pid, person in view.people.items()})
    return Vocabulary(
        people=tuple(sorted(people.items())),
        teams=tuple(sorted(catalog.teams)),
        services=tuple(sorted(catalog.services)),
        managers=tuple(dict.fromkeys(view.managers)),
        severities=tuple(catalog.severity_names),
    )


def slots(usage: Usage) -> tuple[Slot, ...]:
    """The argument slots of a usage line, read off its syntax.

    >>> [s.name for s in slots(Usage("x", "/x PERSON|TEAM ACTION [TIMEBOX]", ""))]
    ['PERSON|TEAM', 'ACTION', 'TIMEBOX']
    """
    found = []
    for word in usage.syntax.split()[1:]:
        match = _SLOT.fullmatch(word)
        if match is None:
            found.append(Slot((word,)))  # a literal word: offered as itself
            continue
        found.append(Slot(tuple(match.group(1).split("|")), word.startswith("[")))
    return tuple(found)


def usage_of(name: str) -> Usage | None:
    """The usage of a command typed as ``/name`` (any case), or None."""
    name = name.lower().removeprefix("/")
    return next((u for u in COMMANDS if u.name == name), None)


def complete(line: str, cursor: int, vocab: Vocabulary) -> Completion:
    """The candidates for the word the cursor is in (or at the end of), matched by prefix, any case."""
    cursor = max(0, min(cursor, len(line)))
    start = cursor
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    end = cursor
    while end < len(line) and not line[end].isspace():
        end += 1
    word = line[start:cursor]  # what is typed so far; the rest of the word is replaced
    index = len(line[:start].split())
    if index == 0:
        if word and not word.startswith("/"):
            return Completion(start, end, word)
        names = tuple(Candidate(f"/{u.name}", u.syntax) for u in COMMANDS if f"/{u.name}".startswith(word.lower()))
        return Completion(start, end, word, names, usage_of(word) if len(names) == 1 else None)
    usage = usage_of(line.split()[0])
    if usage is None:
        return Completion(start, end, word)
    syntax = slots(usage)
    position = index - 1
    if position >= len(syntax) or any(FREE_TEXT in s.kinds for s in syntax[:position]):
        return Completion(start, end, word, (), usage, None)
    found = _candidates(syntax[position], word, vocab)
    return Completion(start, end, word, found, usage, position)


def _candidates(slot: Slot, word: str, vocab: Vocabulary) -> tuple[Candidate, ...]:
    typed = word.lower()
    found: dict[str, Candidate] = {}
    for kind in slot.kinds:
        for candidate in _of_kind(kind, vocab):
            if candidate.insert not in found and _matches(candidate, typed):
                found[candidate.insert] = candidate
    # Ids that start with what is typed come first (a Tab cycle starts on them), then name matches.
    return tuple(sorted(found.values(), key=lambda c: not c.insert.lower().startswith(typed)))


def _of_kind(kind: str, vocab: Vocabulary) -> list[Candidate]:
    names = {dict(vocab.people).get(m, m): m for m in vocab.managers}
    match kind:
        case "PERSON":
            return [Candidate(pid, f"{pid} ({name})" if name != pid else pid) for pid, name in vocab.people]
        case "MANAGER":
            return [Candidate(m, f"{m} ({name})" if name != m else m) for name, m in names.items()]
        case "TEAM":
            return [Candidate(t, f"{t} (team)") for t in vocab.teams]
        case "SERVICE":
            return [Candidate(s, s) for s in vocab.services]
        case "ACTION":
            return [Candidate(a, a) for a in TASK_ACTIONS]
        case "ROLE":
            return [Candidate(r, r) for r in ROLES]
        case "SEV":
            return [Candidate(s.lower(), s) for s in vocab.severities]
        case "TIMEBOX":
            return [Candidate(t, t) for t in TIMEBOXES]
        case _ if kind.isupper():
            return []  # a kind this module does not know yet (TEXT among them): nothing to offer
        case _:
            return [Candidate(kind, kind)]  # a literal word of the syntax


def _matches(candidate: Candidate, typed: str) -> bool:
    """A prefix of the id, or of any word of the label: ``jas`` finds ``omar (Jasmine Hancock)``."""
    if candidate.insert.lower().startswith(typed):
        return True
    return any(word.lower().startswith(typed) for word in candidate.label.replace("(", " ").split())


def common_prefix(words: list[str]) -> str:
    """The longest prefix all the words share.

    >>> common_prefix(["payments-db", "payments-api"]), common_prefix([])
    ('payments-', '')
    """
    if not words:
        return ""
    first, last = min(words), max(words)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def replace_word(line: str, completion: Completion, text: str) -> tuple[str, int]:
    """The line with the word at the cursor replaced by `text`, and the cursor after it."""
    return line[: completion.start] + text + line[completion.end :], completion.start + len(text)


def tab(line: str, cursor: int, vocab: Vocabulary) -> tuple[str, int]:
    """What one Tab does, with no cycle running: one candidate completes the word and adds a
    space; several extend it to their longest common prefix; otherwise the line stays.
    (Cycling through the candidates when the prefix cannot grow is the widget's, which keeps
    the state between key presses: see `Cycle`.)"""
    completion = complete(line, cursor, vocab)
    found = completion.candidates
    if len(found) == 1:
        after = line[completion.end : completion.end + 1]
        insert = found[0].insert + ("" if after.isspace() and after else " ")
        new, at = replace_word(line, completion, insert)
        return new, at + (1 if after.isspace() and after else 0)
    prefix = common_prefix([c.insert for c in found])
    if len(prefix) > len(completion.word) and prefix.lower().startswith(completion.word.lower()):
        return replace_word(line, completion, prefix)
    return line, cursor


@dataclass
class Cycle:
    """Tab pressed again when the prefix cannot grow: each press puts the next candidate in the
    word's place. It lasts while the line is what the last press left."""

    start: int
    tail: str  # the line after the word, kept as it was
    head: str  # the line before the word
    candidates: tuple[Candidate, ...]
    index: int = -1

    @classmethod
    def begin(cls, line: str, completion: Completion) -> Cycle | None:
        if len(completion.candidates) < 2:
            return None
        return cls(completion.start, line[completion.end :], line[: completion.start], completion.candidates)

    def current(self) -> tuple[str, int]:
        word = self.candidates[self.index].insert
        return self.head + word + self.tail, self.start + len(word)

    def next(self) -> tuple[str, int]:
        self.index = (self.index + 1) % len(self.candidates)
        return self.current()

    def holds(self, line: str, cursor: int) -> bool:
        """The line is still what this cycle left in it."""
        return self.index >= 0 and (line, cursor) == self.current()
