"""The people around the incident who are not fixing it: managers, the Head of Sales, an executive.

They are why the IC seat is hard (see the source article, "Dealing with Management" and the Head
of Sales' Sev0). Each is played by a SimPy process whose timing the scenario sets:

- A **manager** joins the channel, asks for status while updates are late, and at `theory_at`
  DMs an engineer with a theory that sends them into a dead end, unless the IC has redirected
  the manager privately (/redirect) or a manager has lent the IC their authority (/authority).
  A redirect after the DM recalls the engineer at once.
- The **Head of Sales** pushes for the top severity because one large account complains, more
  often while status updates are late, until the IC qualifies the severity with impact evidence
  (/qualify), the severity is set to the top level, or the incident is mitigated.
- An **executive** swoops in with a request (a customer list, a customer call) that pulls
  responders off the fix if granted (/grant); declined (/decline) it costs nothing; left
  unanswered, the executive grabs an engineer directly.

Processes sleep until a computed moment or until something they watch changes (a status update,
the phase, the severity, an IC answer): `Commons.wait` wakes on either, so timings are exact to
the second without polling. All times are whole seconds; candidates are taken in sorted id order.

`Stakeholders` (in `facade.py`) is the object the engine and the stakeholder handlers
(`sim.engine.handlers.stakeholders`) use; each kind of stakeholder has its own module
(`managers.py`, `sales.py`, `executive.py`) and `commons.py` holds what their processes share.
"""

from sim.engine.stakeholders.executive import GRAB_RETRY, ExecutiveState
from sim.engine.stakeholders.facade import Stakeholders
from sim.engine.stakeholders.managers import THEORY_RETRY, DeadEnd, ManagerState
from sim.engine.stakeholders.sales import SalesState

__all__ = ["GRAB_RETRY", "THEORY_RETRY", "DeadEnd", "ExecutiveState", "ManagerState", "SalesState", "Stakeholders"]
