"""Incident roles held by responders: Comms Lead, Scribe, Tech Lead, Deputy, liaisons.

The IC holds every role nobody fills. A role holder does the role's work and no task of their own:

- the **Comms Lead** posts the status updates on cadence, up to 90 s late, sometimes after asking
  the IC a short question (answered by /dm, the update goes out at once; unanswered, regardless);
- the **Scribe** writes the key moments into the timeline, shortly after they happen;
- the **Tech Lead** coordinates the experts: their reports reach the IC relayed, and a relay, like
  any game of telephone, sometimes loses or changes a detail (a hidden ReportDistorted says what);
  the Tech Lead also hands the fix a report suggests to someone able to apply it.

Reports reach the IC through `deliver`, which also remembers each author's own words for
`/evidence`. Role work runs as SimPy processes started from commands or from the log listener;
the listener itself never emits, so every note comes after a realistic lag.

`Roles` (in `holders.py`: who holds what, and `deliver`) is the object the engine and handlers
use; each role's work has its own module: `comms_lead.py`, `scribe.py`, `tech_lead.py`.
"""

from sim.engine.roles.comms_lead import COMMS, COMMS_POLL
from sim.engine.roles.holders import Roles
from sim.engine.roles.scribe import SCRIBE
from sim.engine.roles.tech_lead import TECH, TL_PATIENCE, TL_RETRY, TL_TIMEBOX

__all__ = ["COMMS", "COMMS_POLL", "SCRIBE", "TECH", "TL_PATIENCE", "TL_RETRY", "TL_TIMEBOX", "Roles"]
