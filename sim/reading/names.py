"""How a person is named to people: one function for every reader, the engine's Scribe and the game.

The log names people by id (``dana``); ``person_listed`` events carry the generated display name.
The player is the id ``ic`` and is named by the voice of the text: "you" in the debrief and the
game, "the IC" in the report.

>>> display_name({"dana": "Dana Whitfield"}, "dana"), display_name({}, "ic"), display_name({}, "ic", you="the IC")
('Dana Whitfield', 'you', 'the IC')
>>> display_name({}, "ghost")  # a person the log never listed keeps their id
'ghost'
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

IC = "ic"  # the player's id in the log


def display_name(names: Mapping[str, str], person: str, *, you: str = "you") -> str:
    """The name to show for ``person``: ``you`` for the player, the listed name, else the id."""
    if person == IC:
        return you
    return names.get(person, person)


# --- who a player means -------------------------------------------------------------------------

_COUNT = {2: "two", 3: "three", 4: "four", 5: "five"}


def resolve_person(names: Mapping[str, str], ref: str, teams: Mapping[str, str] | None = None) -> tuple[str | None, str | None]:
    """Who `ref` names, as (id, None), or (None, the reason the player reads). Every command that
    takes a person asks this one function, so `/page dana`, `/page Dana` and
    `/page "Dana Whitfield"` mean the same person everywhere. An id wins, then a full name, then a
    first name only one person has; case and extra spaces do not matter.

    `names`: person id -> display name; `teams`: person id -> team, for telling namesakes apart.

    >>> names = {"sam": "Sam Okafor", "sammy": "Sam Lee", "dana": "Dana Whitfield"}
    >>> resolve_person(names, "Dana"), resolve_person(names, "dana whitfield"), resolve_person(names, "SAMMY")
    (('dana', None), ('dana', None), ('sammy', None))
    >>> resolve_person(names, "sam lee")
    ('sammy', None)
    >>> resolve_person({"ana": "Sam Okafor", "ravi": "Sam Lee"}, "sam", {"ana": "catalog"})[1]
    'two people are called Sam: ana (Sam Okafor, catalog), ravi (Sam Lee); use the id'
    >>> resolve_person(names, "dan")[1]
    "nobody called 'dan' in the directory; did you mean dana?"
    """
    key = " ".join(ref.split()).lower()
    if key in names:
        return key, None
    for matches in (
        [p for p in sorted(names) if " ".join(names[p].split()).lower() == key],
        [p for p in sorted(names) if _first(names[p]) == key] if " " not in key else [],
    ):
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, _namesakes(names, matches, teams or {})
    known = sorted(names) + sorted({_first(n) for n in names.values()} - {""})
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    return None, f"nobody called '{ref}' in the directory{hint}"


def _first(name: str) -> str:
    words = name.split()
    return words[0].lower() if words else ""


def _namesakes(names: Mapping[str, str], matches: list[str], teams: Mapping[str, str]) -> str:
    """'two people are called Sam: sam (Sam Okafor, catalog), sammy (Sam Lee, payments); use the id'."""
    said = names[matches[0]].split()
    called = " ".join(said) if all(" ".join(names[p].split()).lower() == " ".join(said).lower() for p in matches) else said[0]
    each = ", ".join(f"{p} ({', '.join(x for x in (names[p], teams.get(p)) if x)})" for p in matches)
    return f"{_COUNT.get(len(matches), str(len(matches)))} people are called {called}: {each}; use the id"
