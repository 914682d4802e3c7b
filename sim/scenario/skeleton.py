"""`icdrill new`: a scenario to start from that already validates and plays.

Without an org file it writes a three-service world of its own. With one, it includes the org and
puts one fault where it teaches something: on the deepest service that the busiest entry point
needs through hard dependencies (customers feel it, and the IC has to find who owns it), fixed by
that service's owners, with an alert on the entry point customers call. Both come with the
yaml-language-server line that gives the author completion and checks in their editor.
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.scenario import graph as g
from sim.scenario.blast import entry_services
from sim.scenario.model import Org

HEADER = "# yaml-language-server: $schema={schema}\n"

STANDALONE = """\
# {name}: a new drill. Edit the briefing, the world and the faults; `icdrill validate {file}`
# checks it, `icdrill graph {file}` shows each service's blast radius, `icdrill run {file}` plays it.
scenario:
  id: {name}
  title: A database slows under the web tier
  summary: >-
    The database behind the API slows down, then stops. Customers see errors on the web.
  difficulty: easy
  briefing: |
    You are on the incident-command rota. Your pager is about to go off.
    Find out who is hurt, call the severity, staff the incident and drive it to resolution.
services:
  web: {{owner: web, tier: 1, traffic: 1.0, depends_on: {{api: hard}}}}
  api: {{owner: api, tier: 1, depends_on: {{db: hard}}}}
  db: {{owner: data, tier: 1}}
teams:
  web: {{name: Web}}
  api: {{name: API}}
  data: {{name: Data}}
people:
  wendy: {{name: Wendy Park, team: web, on_call: primary}}
  arjun: {{name: Arjun Rao, team: api, on_call: primary}}
  dora: {{name: Dora Mills, team: data, on_call: primary, skills: [db]}}
faults:
  - id: db-slow
    at: 2m
    service: db
    effect: degraded
    grows: {{after: 15m, to: down}}
    evidence: ["db: queries queue behind a lock held by a stuck migration"]
    fix: {{action: restart, target: db, teams: [data], takes: 3m}}
alerts:
  - {{id: web-errors, service: web}}
end:
  time_limit: 60m
"""

ON_ORG = """\
# {name}: a new drill on {org}. Edit the briefing and the faults; `icdrill validate {file}` checks
# it, `icdrill graph {file}` shows each service's blast radius, `icdrill run {file}` plays it.
include: {include}
scenario:
  id: {name}
  title: {entry} fails when {target} slows down
  summary: >-
    {target} slows down, then stops; {entry} needs it, and its customers see errors.
  difficulty: easy
  briefing: |
    You are on the incident-command rota. Your pager is about to go off.
    Find out who is hurt, call the severity, staff the incident and drive it to resolution.
faults:
  - id: {target}-slow
    at: 2m
    service: {target}
    effect: degraded
    grows: {{after: 15m, to: down}}
    evidence: ["{target}: requests time out; the last deploy changed its connection settings"]
    fix: {{action: rollback, target: {target}, teams: [{team}], takes: 3m}}
alerts:
  - {{id: {entry}-errors, service: {entry}}}
end:
  time_limit: 60m
"""


def fault_site(org: Org) -> tuple[str, str, str]:
    """(entry point, the service to break, its owning team): down the busiest entry point's hard
    dependencies to the deepest one a team owns (a vendor's service cannot be fixed in-house)."""
    graph = g.build_graph(org)
    entries = entry_services(graph)
    if not entries:
        raise ValueError("the org has no service with traffic above 0: no customer entry point to hurt")
    entry = entries[0]
    target, depth = entry, 0
    stack = [(entry, 0, (entry,))]
    while stack:
        service, level, path = stack.pop()
        if graph.nodes[service].get("owner") and level > depth:
            target, depth = service, level
        for child in sorted(graph.successors(service), reverse=True):
            if graph.edges[service, child]["kind"] == "hard" and child not in path:
                stack.append((child, level + 1, (*path, child)))
    team = graph.nodes[target].get("owner")
    if team is None:
        raise ValueError(f"no service on {entry}'s hard path is owned by a team of the org")
    return entry, target, team


def skeleton(name: str, out: Path, schema: Path, org: Path | None = None, org_scenario: Org | None = None) -> str:
    """The text of a new scenario file to be written at `out`; paths in it are relative to its folder."""
    folder = out.resolve().parent
    text = HEADER.format(schema=_relative(schema, folder))
    if org is None or org_scenario is None:
        return text + STANDALONE.format(name=name, file=out.name)
    entry, target, team = fault_site(org_scenario)
    return text + ON_ORG.format(
        name=name, file=out.name, org=org.name, include=_relative(org, folder), entry=entry, target=target, team=team
    )


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path.resolve(), folder)).as_posix()
