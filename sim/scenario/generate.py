"""Realistic organisations of any size, written as YAML, for benchmarks: never shipped as drills.

The shipped organisations hold 11 and 30 services; a benchmark needs 10, 100 and 1,000 to show how
the cost of loading and of every event grows with the organisation. These files are written as a
real author writes a large one, so that they weigh what a real file weighs: every default spelled
out (`monitored: true`, `traffic: 0.0`, `present: false`), block mappings for services, flow
mappings for people, and anchors where authors reuse a block (a team's on-call pair shares one
`skills` list, Sev0 and Sev1 share a cadence). The shape:

- a few customer doors (tier 1, carrying all the traffic) over a tree of domain units, each an
  `api`, a `db`, a `worker` and a `cache`, over a small platform layer (dns, event-bus, ...): a DAG
  whose edges always point from a door towards the platform;
- a team per two units, with a primary and a secondary on call, a manager and one more engineer;
  a storefront team owns the doors and a platform team the platform;
- alerts on every api and db, a few noisy ones on caches;
- one fault, on the db of the deepest unit, reached from the doors by a chain of hard
  dependencies, fixed by restarting that unit's api; a severity ladder with its cadence.

Everything is arithmetic on the size and a local seeded numpy Generator: the same size and seed
always give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_DOORS = ["web", "mobile-api", "partner-api", "checkout", "public-api", "admin-portal"]
_PLATFORM = [
    ("dns", 1, False),
    ("event-bus", 1, True),
    ("object-store", 2, True),
    ("config-service", 2, False),
    ("secrets", 1, True),
    ("service-mesh", 1, True),
    ("metrics-pipeline", 3, True),
    ("feature-flags", 2, True),
]
_DOMAINS = [
    "payments", "ledger", "accounts", "catalog", "search", "inventory", "pricing", "orders",
    "shipping", "returns", "reviews", "recommendations", "identity", "sessions", "billing",
    "invoicing", "tax", "fraud", "risk", "kyc", "notifications", "email", "sms", "loyalty",
    "promotions", "carts", "wishlists", "media", "thumbnails", "geo", "maps", "support",
    "tickets", "chat", "analytics", "reporting", "audit", "compliance", "partners", "webhooks",
    "settlements", "payouts", "refunds", "subscriptions", "quotes", "contracts", "documents",
    "exports", "imports", "scheduling",
]  # fmt: skip
_REGIONS = ["eu", "us", "apac", "latam", "mea", "ca", "uk", "jp", "au", "in"]
_ROLES = ("api", "db", "worker", "cache")
_FIRST = [
    "ana", "bruno", "carmen", "dana", "elif", "felix", "gwen", "hugo", "ines", "jonas", "kofi",
    "lena", "malik", "nadia", "omar", "pia", "quinn", "rafael", "sofia", "tariq", "ursula",
    "vera", "wei", "xavier", "yuki", "zoe", "amara", "bilal", "chloe", "dmitri", "emeka",
    "farah", "goran", "hana", "ivan", "julia", "kenji", "lucia", "mei", "nils",
]  # fmt: skip
_LAST = [
    "adler", "berg", "costa", "diaz", "evans", "fischer", "garcia", "haddad", "iyer", "jensen",
    "kowalski", "lindqvist", "moreau", "novak", "osei", "petrova", "quist", "rossi", "santos",
    "tanaka", "ueda", "vogel", "wagner", "xu", "yilmaz", "zhang", "alvarez", "benali", "chen",
    "dubois", "eriksen", "ferreira", "gallagher", "harper", "ito", "jovanovic", "kaur", "lopez",
    "mensah", "nwosu",
]  # fmt: skip
_STOREFRONT = "storefront"
_PLATFORM_TEAM = "platform"


@dataclass
class _Service:
    name: str
    owner: str
    tier: int
    traffic: float = 0.0
    monitored: bool = True
    depends_on: dict[str, str] = field(default_factory=dict)


@dataclass
class _Team:
    id: str
    name: str
    services: list[str] = field(default_factory=list)


@dataclass
class _Org:
    services: list[_Service]
    teams: list[_Team]
    fault_service: str
    fix_target: str
    fault_team: str
    entry: str


def _unit_name(unit: int) -> str:
    domain = _DOMAINS[unit % len(_DOMAINS)]
    region = unit // len(_DOMAINS)
    return domain if region == 0 else f"{domain}-{_REGIONS[(region - 1) % len(_REGIONS)]}-{region}"


def _build(services: int, seed: int) -> _Org:
    if services < 4:
        raise ValueError(f"a generated organisation needs at least 4 services (asked for {services})")
    rng = np.random.default_rng(seed)
    doors = 2 if services < 30 else min(len(_DOORS), 2 + services // 200)
    platform = 1 if services < 30 else min(len(_PLATFORM), 3 + services // 100)
    rest = services - doors - platform
    units = -(-rest // len(_ROLES))
    unit_roles = [list(_ROLES[: min(len(_ROLES), rest - u * len(_ROLES))]) for u in range(units)]
    parent = [(u - 1) // 3 for u in range(units)]  # unit 0 is the root; three children each
    deepest = units - 1  # the last unit is on the tree's deepest level
    chain = {deepest}
    while min(chain) != 0:
        chain.add(parent[min(chain)])

    teams = [_Team(_STOREFRONT, "Storefront"), _Team(_PLATFORM_TEAM, "Platform & SRE")]
    unit_team: list[str] = []
    for u in range(units):
        if u % 2 == 0:
            name = _unit_name(u)
            teams.append(_Team(f"{name}-team", name.replace("-", " ").title()))
        unit_team.append(teams[-1].id)

    platform_names = [name for name, _, _ in _PLATFORM[:platform]]
    result: list[_Service] = []
    shares = rng.dirichlet(np.full(doors, 4.0))
    traffic = [round(float(s), 2) for s in shares]
    traffic[0] = round(1.0 - sum(traffic[1:]), 2)
    for d in range(doors):
        depends = {f"{_unit_name(0)}-api": "hard"}
        if units > d + 1:
            depends[f"{_unit_name(d + 1)}-api"] = "hard" if rng.random() < 0.5 else "soft"
        result.append(_Service(_DOORS[d], _STOREFRONT, 1, traffic[d], True, depends))
    for u in range(units):
        unit = _unit_name(u)
        owner = unit_team[u]
        tier = min(4, 1 + (u.bit_length() + 1) // 2)
        roles = unit_roles[u]
        for role in roles:
            depends: dict[str, str] = {}
            if role == "api":
                for own in ("db", "cache"):
                    if own in roles:
                        depends[f"{unit}-{own}"] = "hard" if own == "db" else "soft"
                for child in range(3 * u + 1, min(3 * u + 4, units)):
                    hard = child in chain or rng.random() < 0.3
                    depends[f"{_unit_name(child)}-api"] = "hard" if hard else "soft"
                depends[platform_names[int(rng.integers(platform))]] = "soft"
            elif role == "worker":
                if "db" in roles:
                    depends[f"{unit}-db"] = "hard"
                depends[platform_names[min(1, platform - 1)]] = "hard"
            elif role == "db" and platform > 2:
                depends[platform_names[2]] = "soft"
            monitored = not (role == "cache" and u % 5 == 4)
            result.append(_Service(f"{unit}-{role}", owner, tier if role != "cache" else min(4, tier + 1), 0.0, monitored, depends))
            next(t for t in teams if t.id == owner).services.append(f"{unit}-{role}")
    for name, tier, monitored in _PLATFORM[:platform]:
        depends = {"dns": "hard"} if name == "config-service" and "dns" in platform_names else {}
        result.append(_Service(name, _PLATFORM_TEAM, tier, 0.0, monitored, depends))
    teams[0].services = [s.name for s in result[:doors]]
    teams[1].services = platform_names
    deep_roles = unit_roles[deepest]
    fault_service = f"{_unit_name(deepest)}-{'db' if 'db' in deep_roles else 'api'}"
    return _Org(result, teams, fault_service, f"{_unit_name(deepest)}-api", unit_team[deepest], _DOORS[0])


def _person_id(index: int) -> str:
    """Unique for the first 1,600 people: the pair (index mod 40, index div 40 + index) mod 40."""
    first = _FIRST[index % len(_FIRST)]
    last = _LAST[(index // len(_FIRST) + index) % len(_LAST)]
    return f"{first}-{last}"


def _full_name(person: str) -> str:
    return " ".join(part.capitalize() for part in person.split("-"))


def _org_sections(org: _Org, seed: int) -> list[str]:
    rng = np.random.default_rng(seed + 1)
    out = ["services:"]
    for service in org.services:
        out.append(f"  {service.name}:")
        out.append(f"    owner: {service.owner}")
        out.append(f"    tier: {service.tier}")
        out.append(f"    traffic: {service.traffic}")
        out.append(f"    monitored: {'true' if service.monitored else 'false'}")
        out.append("    catalog_missing: false")
        deps = ", ".join(f"{name}: {kind}" for name, kind in service.depends_on.items())
        out.append(f"    depends_on: {{{deps}}}")
    out.append("")
    people: list[list[str]] = []
    managers: dict[str, str] = {}
    index = 0
    for team in org.teams:
        members: list[str] = []
        for role in ("primary", "secondary", "manager", "engineer"):
            person = _person_id(index)
            index += 1
            members.append(person)
            if role == "manager":
                managers[team.id] = person
        people.append(members)
    out.append("teams:")
    for team in org.teams:
        out.append(f"  {team.id}: {{name: {team.name}, manager: {managers[team.id]}}}")
    out.append(f"  leadership: {{name: Leadership, manager: {_person_id(index)}}}")
    out.append("")
    out.append("people:")
    for team, members in zip(org.teams, people, strict=True):
        out.append(f"  # {team.name}")
        skills = ", ".join(team.services[:3])
        for role, person in zip(("primary", "secondary", "none", "none"), members, strict=True):
            if role == "primary":
                listed = f"&{team.id}-skills [{skills}]"
            elif role == "secondary":
                listed = f"*{team.id}-skills"
            else:
                listed = "[]"
            ack = ("90s", "2m", "3m")[int(rng.integers(3))]
            out.append(
                f"  {person}: {{name: {_full_name(person)}, team: {team.id}, on_call: {role}, skills: {listed}, "
                f"ack_latency: {ack}, speed: 1.0, reachability: awake, present: false}}"
            )
    out.append("  # Leadership: stakeholders, never paged")
    for person in (_person_id(index), _person_id(index + 1)):
        out.append(
            f"  {person}: {{name: {_full_name(person)}, team: leadership, on_call: none, skills: [], "
            "ack_latency: 2m, speed: 1.0, reachability: awake, present: false}"
        )
    out += [
        "",
        "severity:",
        "  levels:",
        '    - {name: Sev0, min_impact: 0.5, description: "Most customers cannot buy."}',
        '    - {name: Sev1, min_impact: 0.2, description: "A core journey fails for many customers."}',
        '    - {name: Sev2, min_impact: 0.05, description: "Some customers see errors or slowness."}',
        '    - {name: Sev3, min_impact: 0.0, description: "Minor or internal impact."}',
        "  cadence:",
        "    Sev0: &urgent {investigating: 10m, identified: 10m, monitoring: 30m}",
        "    Sev1: *urgent",
        "    Sev2: &routine {investigating: 15m, identified: 30m, monitoring: 60m}",
        "    Sev3: *routine",
        "  first_update: 5m",
        "",
        "escalation: {timeout: 5m, policy_after: 15m}",
    ]
    return out


def _scenario_sections(org: _Org, services: int) -> list[str]:
    out = [
        "scenario:",
        f"  id: generated-{services}",
        f"  title: A database fails deep in an organisation of {services} services",
        "  summary: >-",
        "    Generated for benchmarks: a database deep under the customer doors runs out of",
        "    connections, and every service above it on a chain of hard dependencies suffers.",
        "  difficulty: medium",
        "  tags: [generated, benchmark]",
        "  briefing: |",
        f"    Your pager goes off: {org.entry} errors are above threshold.",
        "",
        "faults:",
        "  - id: connection-exhaustion",
        "    at: 3m",
        f"    service: {org.fault_service}",
        "    effect: degraded",
        "    grows: {after: 20m, to: down}",
        "    investigate_takes: 4m",
        "    evidence:",
        f'      - "{org.fault_service}: 500 of 500 connections in use."',
        f'      - "Connections held by {org.fix_target} pods never return to the pool."',
        "    fix:",
        "      action: restart",
        f"      target: {org.fix_target}",
        f"      teams: &fixers [{org.fault_team}]",
        "      people: []",
        "      takes: 4m",
        "    remedies:",
        f"      - {{action: scale-up, target: {org.fault_service}, teams: *fixers, does: mitigates, lasts: 10m, takes: 3m}}",
        "",
        "alerts:",
    ]
    for service in org.services:
        role = service.name.rsplit("-", 1)[-1]
        quiet = "noise: 0.0, delay: 0, severity: critical"
        if service.traffic > 0:
            out.append(f"  - {{id: {service.name}-errors, service: {service.name}, fires_on: degraded, {quiet}}}")
        elif role == "api":
            out.append(f"  - {{id: {service.name}-errors, service: {service.name}, fires_on: degraded, {quiet}}}")
        elif role == "db":
            out.append(f"  - {{id: {service.name}-saturation, service: {service.name}, fires_on: degraded, {quiet}}}")
        elif role == "cache" and service.monitored and _one_in(service.name, 7):
            out.append(
                f"  - {{id: {service.name}-latency, service: {service.name}, fires_on: degraded, "
                "noise: 0.02, delay: 0, severity: warning}"
            )
    out += ["", "end: {time_limit: 90m, phase: resolved}"]
    return out


def _one_in(name: str, n: int) -> bool:
    """True for about one name in ``n``, the same on every run (no salted hash)."""
    return sum(name.encode()) % n == 0


def generated_org_yaml(services: int, seed: int = 0) -> str:
    """An org file (services, teams, people, severity, escalation) of ``services`` services."""
    org = _build(services, seed)
    head = [
        "# yaml-language-server: $schema=../org.schema.json",
        f"# A generated organisation of {services} services, for benchmarks (sim/scenario/generate.py).",
    ]
    return "\n".join(head + _org_sections(org, seed)) + "\n"


def generated_scenario_yaml(services: int, seed: int = 0, include: str | None = None) -> str:
    """A valid scenario on a generated organisation of ``services`` services (at least 4).

    Without ``include`` the file holds the organisation itself; with it, the file names that org
    file (write ``generated_org_yaml`` of the same size and seed there) and holds only its own
    sections, as the shipped scenarios do."""
    org = _build(services, seed)
    lines = ["# yaml-language-server: $schema=./schema.json"]
    scenario = _scenario_sections(org, services)
    if include is None:
        lines += scenario[: scenario.index("faults:")] + _org_sections(org, seed) + [""] + scenario[scenario.index("faults:") :]
    else:
        lines += scenario[: scenario.index("faults:")] + [f"include: {include}", ""] + scenario[scenario.index("faults:") :]
    return "\n".join(lines) + "\n"


def write_generated(folder: str | Path, services: int, seed: int = 0) -> Path:
    """Write ``generated-N.yaml`` and the org file it includes, ``orgs/generated-N.yaml``, into
    ``folder``; the scenario's path."""
    folder = Path(folder)
    (folder / "orgs").mkdir(parents=True, exist_ok=True)
    org_name = f"orgs/generated-{services}.yaml"
    (folder / org_name).write_text(generated_org_yaml(services, seed), encoding="utf-8")
    path = folder / f"generated-{services}.yaml"
    path.write_text(generated_scenario_yaml(services, seed, include=org_name), encoding="utf-8")
    return path
