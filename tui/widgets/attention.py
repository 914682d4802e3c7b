"""What should pull the IC's eyes to the screen: the page, and each new thing waiting in the room.

`attention_keys(view)` names what needs the IC now (a key per thing, stable while it waits);
`new_attention(before, view)` is what appeared since `before`, so the play screen rings the bell
and flashes once per new thing, not on every tick while it waits.

>>> new_attention(frozenset({"page"}), frozenset({"page", "question:3"}))
('question:3',)
"""

from __future__ import annotations

from sim.log import events as ev
from sim.reading.view import View

PAGE = "page"


def attention_keys(view: View) -> frozenset[str]:
    """The page while unacknowledged, each open question, the executive's request, each disagreement."""
    if view.ended:
        return frozenset()
    keys: set[str] = set()
    if view.ic_paged_at is not None and not view.ic_acknowledged:
        keys.add(PAGE)
    # Said while heads-down waits unread (as in the room panel): it rings once the IC is back.
    held = [m.event for m in view.held]
    held_questions = {e.question for e in held if isinstance(e, ev.QuestionAsked)}
    keys |= {f"question:{q}" for q in view.questions if q not in held_questions}
    if view.executive_request is not None:
        person, request = view.executive_request
        keys.add(f"executive:{person}:{request}")
    held_conflicts = {e.conflict for e in held if isinstance(e, ev.ConflictRaised)}
    keys |= {f"conflict:{c}" for c in view.conflicts if c not in held_conflicts}
    return frozenset(keys)


def new_attention(before: frozenset[str], now: frozenset[str]) -> tuple[str, ...]:
    """What is in `now` and was not in `before`, in a stable order."""
    return tuple(sorted(now - before))
