"""What a facilitator's request may be, checked against the scenario alone (no drill needed).

A request comes from outside the game (the console, through the session's inbox): it is data to
judge, never trusted. It is one of
    {"inject": "<id of one of the scenario's injects>"}
    {"say": {"from": "<person id>", "text": "<message>"}}
`request_problem` says in one line why a request cannot be carried out in a drill of this
scenario; the engine adds what depends on the drill's state (`Injects.problem`).
"""

from __future__ import annotations

import re
from typing import Any

from sim.scenario.model import Inject, Scenario

MAX_SAY = 500  # characters: a chat message, not a document
_LISTED = 10  # names shown in a refusal before "..."
_SURROGATE = re.compile("[\ud800-\udfff]")


def request_problem(scenario: Scenario, request: Any) -> str | None:
    """Why `request` cannot be carried out in a drill of `scenario` (one line), or None."""
    if not isinstance(request, dict) or len(request) != 1:
        return 'a request is {"inject": ID} or {"say": {"from": PERSON, "text": TEXT}}'
    (verb, value), = request.items()
    if verb == "inject":
        if not isinstance(value, str):
            return "an inject is named by its id (text)"
        if find_inject(scenario, value) is None:
            return _unknown("inject", value, [i.id for i in scenario.injects], "the scenario declares no injects")
        return None
    if verb == "say":
        return _say_problem(scenario, value)
    return f"unknown request {verb!r}; a request is an inject or a say"


def _say_problem(scenario: Scenario, say: Any) -> str | None:
    if not isinstance(say, dict) or set(say) != {"from", "text"}:
        return 'a say request is {"from": PERSON, "text": TEXT}'
    person, text = say["from"], say["text"]
    if not isinstance(person, str) or person not in scenario.people:
        return _unknown("person", str(person), sorted(scenario.people), "the scenario has no people")
    if not isinstance(text, str):
        return "the message is text"
    if not text.strip():
        return "the message is empty"
    if len(text) > MAX_SAY:
        return f"the message is {len(text)} characters long; the limit is {MAX_SAY}"
    if _SURROGATE.search(text):
        # JSON can carry half of a UTF-16 pair; no file or screen can show it.
        return "the message holds a lone surrogate (\\ud800-\\udfff), which is not a character"
    return None


def find_inject(scenario: Scenario, inject_id: str) -> Inject | None:
    return next((i for i in scenario.injects if i.id == inject_id), None)


def normal(request: dict[str, Any]) -> dict[str, Any]:
    """The request as the log holds it: only its own keys, a say's text as sent (never interpreted)."""
    if "inject" in request:
        return {"inject": request["inject"]}
    say = request["say"]
    return {"say": {"from": say["from"], "text": say["text"]}}


def _unknown(kind: str, name: str, known: list[str], none: str) -> str:
    shown = name if len(name) <= 40 else name[:40] + "..."
    if not known:
        return f"unknown {kind} {shown!r}: {none}"
    listed = ", ".join(known[:_LISTED]) + (", ..." if len(known) > _LISTED else "")
    return f"unknown {kind} {shown!r}; known: {listed}"
