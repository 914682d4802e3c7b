"""Responders: they acknowledge pages (or miss them), work the tasks the IC gives them, ask the IC
questions, pick up broadcast asks (sometimes), and report back. The IC's own hands-on work is here
too, since it is the same work done by the one person who should be coordinating instead.

`People` (in `roster.py`) is the object the engine and handlers use; the status constants,
`Responder` and `Task` (in `model.py`) are what roles, stakeholders and conflicts read. Task work
(`tasks.py`), questions to the IC (`questions.py`), broadcast asks (`broadcasts.py`), replies to
the IC's DMs (`dms.py`) and hands-on work (`hands_on.py`) each have their own module.
"""

from sim.engine.people.model import AVAILABLE, AWAY, IC, IN_INCIDENT, OFF, PAGED, ROLE, WORKING, Responder, Task
from sim.engine.people.questions import Question
from sim.engine.people.roster import FATIGUE_WINDOW, UNREACHABLE, People, generate_names
from sim.engine.people.tasks import QUESTION_AT

__all__ = [
    "AVAILABLE",
    "AWAY",
    "FATIGUE_WINDOW",
    "IC",
    "IN_INCIDENT",
    "OFF",
    "PAGED",
    "QUESTION_AT",
    "ROLE",
    "UNREACHABLE",
    "WORKING",
    "People",
    "Question",
    "Responder",
    "Task",
    "generate_names",
]
