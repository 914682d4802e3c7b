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

from collections.abc import Mapping

IC = "ic"  # the player's id in the log


def display_name(names: Mapping[str, str], person: str, *, you: str = "you") -> str:
    """The name to show for ``person``: ``you`` for the player, the listed name, else the id."""
    if person == IC:
        return you
    return names.get(person, person)
