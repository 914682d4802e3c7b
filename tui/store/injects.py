"""The facilitator's side of a live inject: check a request against a session, then post it.

`send_inject` is the one path by which an inject reaches a running game (the console
`icdrill watch` and the tests use it): it reads the session's recording, finds the scenario it
is played on, and refuses a request that cannot be carried out there, with a one-line reason
for the facilitator, before appending it to the session's inbox (`tui.store.inbox`). What
depends on the drill's state is asked of an engine that has replayed the recording so far. The game
takes it from there at its next tick and hands it to its engine, which logs it at its sim time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.engine.injects import request_problem
from sim.log.readback import RecordingError, read_recording
from sim.play.replay import ReplayError, caught_up, locate_scenario
from sim.scenario import LoadedScenario
from tui.store.inbox import InboxReader, send


def send_inject(recording: Path, request: dict[str, Any]) -> str | None:
    """Post `request` ({"inject": ID} or {"say": {"from": PERSON, "text": TEXT}}) to the live
    session recorded at `recording`; the reason it was refused (one line), or None once sent."""
    try:
        rec = read_recording(recording)
    except RecordingError as err:
        return f"cannot read the session: {err}"
    if rec.complete or (rec.entries and rec.entries[-1].event.kind == "drill_ended"):
        return "the session has ended"
    try:
        loaded = locate_scenario(rec.header)
    except (ReplayError, KeyError, TypeError) as err:
        return f"cannot find the session's scenario: {err}"
    problem = request_problem(loaded.scenario, request)
    if problem is not None:
        return problem
    if "inject" in request and request in InboxReader(Path(recording)).take():
        return f"inject {request['inject']!r} was already sent to this session (the game has not picked it up yet)"
    # What the drill's state forbids (sent already, a person who dropped out, no incident yet),
    # asked of an engine brought to where the recording stops; the game's engine has the last word.
    problem = caught_up(rec, loaded).inject_problem(request)
    if problem is not None:
        return problem
    try:
        send(Path(recording), request)
    except (OSError, ValueError) as err:
        return f"cannot write the session's inbox: {getattr(err, 'strerror', None) or err}"
    return None


def inject_choices(loaded: LoadedScenario) -> list[tuple[str, str]]:
    """(id, title) of each inject the scenario declares, in its order: the console's menu."""
    return [(inject.id, inject.title) for inject in loaded.scenario.injects]
