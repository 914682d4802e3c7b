"""Live injects (issue 14): a facilitator's request carried out at the drill's current sim time.

`requests.py` checks a request against the scenario alone (the console asks it before sending);
`injects.py` holds the engine's part: the checks that depend on the drill's state, and carrying a
request out with the engine's own mechanisms (a fault started as the scenario's are, a person
leaving, the Head of Sales' push, the executive's swoop, a person's message in the room).
"""

from sim.engine.injects.injects import Injects
from sim.engine.injects.requests import MAX_SAY, find_inject, normal, request_problem

__all__ = ["MAX_SAY", "Injects", "find_inject", "normal", "request_problem"]
