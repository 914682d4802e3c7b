"""A small org file and a writer for scenarios that include it: the overrides tests' ground."""

from __future__ import annotations

from pathlib import Path

import pytest

# Each line is an entry, so a test can name the org line a problem must point at.
ORG = """\
services:
  cdn: {owner: edge, traffic: 0.6}
  auth: {owner: identity, depends_on: {sessions: hard}}
  sessions: {owner: identity}
teams:
  edge: {name: Edge}
  identity: {name: Identity}
people:
  ines: {name: Ines Duarte, team: edge, on_call: primary, skills: [cdn]}
  omar: {name: Omar Haddad, team: identity, on_call: primary, skills: [auth]}
  yuki: {name: Yuki Sato, team: identity, on_call: secondary}
  nell: {team: edge}
"""

HEAD = """\
scenario: {id: overrides, title: Overrides}
include: orgs/org.yaml
faults:
  - {id: f, at: 1m, service: cdn, fix: {action: restart, target: cdn}}
"""


@pytest.fixture
def with_org(tmp_path: Path):
    """``write(body, org_edit=(old, new))``: the path of a scenario whose first four lines are
    HEAD (line 5 is the body's first), including ORG (with ``old`` replaced by ``new``) at
    orgs/org.yaml."""

    def write(body: str, org_edit: tuple[str, str] = ("", "")) -> Path:
        (tmp_path / "orgs").mkdir(exist_ok=True)
        old, new = org_edit
        (tmp_path / "orgs" / "org.yaml").write_text(ORG.replace(old, new) if old else ORG)
        path = tmp_path / "s.yaml"
        path.write_text(HEAD + body)
        return path

    return write
