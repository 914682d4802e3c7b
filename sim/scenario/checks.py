"""Checks the model alone cannot express: names that must refer to something, cycles, orderings.

They run on the raw data rather than on the validated model, so that they still run when the
structure has errors and an author sees every problem in one pass. An item whose shape is
broken is skipped: structural validation has already said what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from sim.log.clock import format_duration, parse_duration
from sim.scenario.model import INJECT_FIELDS, UNREACHABLE, SeverityPolicy
from sim.scenario.problems import MAX_PROBLEMS_PER_FILE, Problem, suggestion
from sim.scenario.yamlsafe import YamlPath

_DEFAULT_POLICY = SeverityPolicy()
_DEFAULT_LEVELS = [(level.name, level.min_impact) for level in _DEFAULT_POLICY.levels]
_DEFAULT_TIME_LIMIT = "90m"


class Where(Protocol):
    def problem(self, path: YamlPath, message: str, on_key: bool = False) -> Problem: ...

    def line_of(self, path: YamlPath) -> int: ...


def check(data: dict[str, Any], where: Where) -> list[Problem]:
    """Every semantic problem of a scenario's (or an org's) merged raw data."""
    found: list[Problem] = []
    for rule in (_service_refs, _people_and_team_refs, _fault_refs, _alert_refs, _stakeholder_refs,
                 _conflict_refs, _dependency_cycles, _unfixable_faults, _duplicate_ids,
                 _severity_ladder, _cadence_levels, _late_faults, _traffic_total,
                 _remedy_refs, _remedy_rules, _growth_order, _impact_refs, _inject_rules):  # fmt: skip
        for problem in rule(data, where):
            found.append(problem)
            if len(found) > MAX_PROBLEMS_PER_FILE:
                return found  # the caller caps the count; the rules are generators, so stop here
    return found


# --- defensive access to raw data ---------------------------------------------------------


def _section(data: dict, name: str) -> dict[str, dict]:
    value = data.get(name)
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, dict)}


def _names(data: dict, name: str) -> set[str]:
    value = data.get(name)
    return {k for k in value if isinstance(k, str)} if isinstance(value, dict) else set()


def _items(data: dict, name: str) -> list[tuple[int, dict]]:
    value = data.get(name)
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _faults(data: dict) -> list[tuple[YamlPath, dict]]:
    """(path, mapping) of every fault: the scenario's, then those its injects would start, which
    the same rules hold to."""
    found: list[tuple[YamlPath, dict]] = [(("faults", i), fault) for i, fault in _items(data, "faults")]
    for i, inject in _items(data, "injects"):
        if isinstance(inject.get("fault"), dict):
            found.append((("injects", i, "fault"), inject["fault"]))
    return found


def _strings(value: Any) -> list[tuple[int, str]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _seconds(value: Any) -> int | None:
    if isinstance(value, str):
        try:
            return parse_duration(value)
        except ValueError:
            return None
    return 0 if value == 0 and not isinstance(value, bool) else None


def _unknown(kind: str, plural: str, name: str, known: set[str]) -> str:
    hint = suggestion(name, known)
    if hint:
        return f"{kind} {name!r} is not defined{hint}"
    if not known:
        return f"{kind} {name!r} is not defined, and no {plural} are defined at all"
    listed = sorted(known)
    shown = ", ".join(listed[:10]) + (", ..." if len(listed) > 10 else "")
    return f"{kind} {name!r} is not defined; the {plural} are: {shown}"


def _own_text_first(where: Where, paths: list[YamlPath]) -> YamlPath:
    """The first of ``paths`` whose text is in the checked file itself rather than in an
    included org file, else the first: a problem that the scenario's override makes out of org
    entries that are fine alone (a cycle it closes) belongs at the override, where the author
    can change it. The checked file is the one the empty path (the whole document) is in."""
    own = where.problem((), "").file
    return next((p for p in paths if where.problem(p, "", on_key=True).file == own), paths[0])


# --- references ---------------------------------------------------------------------------


def _service_refs(data: dict, where: Where) -> Iterator[Problem]:
    services, teams = _names(data, "services"), _names(data, "teams")
    for name, service in _section(data, "services").items():
        for key, kind in (("owner", "owning team"), ("catalog_owner", "team")):
            owner = service.get(key)
            if isinstance(owner, str) and owner not in teams:
                yield where.problem(("services", name, key), _unknown(kind, "teams", owner, teams))
        depends = service.get("depends_on")
        for dep in depends if isinstance(depends, dict) else {}:
            if isinstance(dep, str) and dep not in services:
                path = ("services", name, "depends_on", dep)
                yield where.problem(path, _unknown("service", "services", dep, services), on_key=True)


def _people_and_team_refs(data: dict, where: Where) -> Iterator[Problem]:
    services, teams, people = _names(data, "services"), _names(data, "teams"), _names(data, "people")
    for name, person in _section(data, "people").items():
        team = person.get("team")
        if isinstance(team, str) and team not in teams:
            yield where.problem(("people", name, "team"), _unknown("team", "teams", team, teams))
        for i, skill in _strings(person.get("skills")):
            if skill not in services:
                yield where.problem(("people", name, "skills", i), _unknown("service", "services", skill, services))
    for name, team in _section(data, "teams").items():
        manager = team.get("manager")
        if isinstance(manager, str) and manager not in people:
            yield where.problem(("teams", name, "manager"), _unknown("person", "people", manager, people))


def _fault_refs(data: dict, where: Where) -> Iterator[Problem]:
    services, teams, people = _names(data, "services"), _names(data, "teams"), _names(data, "people")
    for base, fault in _faults(data):
        service = fault.get("service")
        if isinstance(service, str) and service not in services:
            yield where.problem((*base, "service"), _unknown("faulty service", "services", service, services))
        fix = fault.get("fix")
        if not isinstance(fix, dict):
            continue
        target = fix.get("target")
        if isinstance(target, str) and target not in services:
            yield where.problem((*base, "fix", "target"), _unknown("service", "services", target, services))
        for j, team in _strings(fix.get("teams")):
            if team not in teams:
                yield where.problem((*base, "fix", "teams", j), _unknown("team", "teams", team, teams))
        for j, person in _strings(fix.get("people")):
            if person not in people:
                yield where.problem((*base, "fix", "people", j), _unknown("person", "people", person, people))


def _alert_refs(data: dict, where: Where) -> Iterator[Problem]:
    services = _names(data, "services")
    for i, alert in _items(data, "alerts"):
        service = alert.get("service")
        if isinstance(service, str) and service not in services:
            yield where.problem(("alerts", i, "service"), _unknown("service", "services", service, services))


def _stakeholder_refs(data: dict, where: Where) -> Iterator[Problem]:
    services, people = _names(data, "services"), _names(data, "people")
    stakeholders = data.get("stakeholders")
    if not isinstance(stakeholders, dict):
        return
    roles: list[tuple[YamlPath, dict]] = [
        (("stakeholders", "managers", i), manager) for i, manager in _items(stakeholders, "managers")
    ]
    for key in ("head_of_sales", "executive"):
        if isinstance(stakeholders.get(key), dict):
            roles.append((("stakeholders", key), stakeholders[key]))
    for path, role in roles:
        for key in ("person", "engineer"):
            person = role.get(key)
            if isinstance(person, str) and person not in people:
                yield where.problem((*path, key), _unknown("person", "people", person, people))
        theory = role.get("theory")
        if isinstance(theory, str) and theory not in services:
            yield where.problem((*path, "theory"), _unknown("service", "services", theory, services))


def _conflict_refs(data: dict, where: Where) -> Iterator[Problem]:
    services, people = _names(data, "services"), _names(data, "people")
    for i, conflict in _items(data, "conflicts"):
        for j, proposal in _items(conflict, "proposals"):
            path = ("conflicts", i, "proposals", j)
            person, target = proposal.get("person"), proposal.get("target")
            if isinstance(person, str) and person not in people:
                yield where.problem((*path, "person"), _unknown("person", "people", person, people))
            if isinstance(target, str) and target not in services:
                yield where.problem((*path, "target"), _unknown("service", "services", target, services))


# --- the service graph and who can act ----------------------------------------------------


def _dependency_cycles(data: dict, where: Where) -> Iterator[Problem]:
    services = _section(data, "services")
    edges = []
    for name in sorted(services):
        depends = services[name].get("depends_on")
        if isinstance(depends, dict):
            edges.extend((name, dep) for dep in sorted(d for d in depends if isinstance(d, str) and d in services))
    if _acyclic(edges):
        return  # the usual case, told without networkx: the game's first screen waits for this check
    import networkx as nx  # only to name the cycles: it costs a fifth of a second to import

    graph = nx.DiGraph(edges)
    for component in sorted(nx.strongly_connected_components(graph), key=min):
        first = min(component)
        if len(component) == 1 and not graph.has_edge(first, first):
            continue
        cycle = [u for u, _ in nx.find_cycle(graph.subgraph(component), source=first)]
        start = cycle.index(min(cycle))  # the same cycle always reads from the same place
        cycle = cycle[start:] + cycle[:start]
        text = " -> ".join([*cycle, cycle[0]])
        edges = [("services", u, "depends_on", cycle[(i + 1) % len(cycle)]) for i, u in enumerate(cycle)]
        path = _own_text_first(where, edges)
        message = f"dependency cycle {text}; a service cannot depend on itself, directly or through others"
        yield where.problem(path, message, on_key=True)


def _acyclic(edges: list[tuple[str, str]]) -> bool:
    """True when the graph of these edges has no cycle (Kahn: peel off the nodes nothing waits on)."""
    after: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}
    for u, v in edges:
        after.setdefault(u, []).append(v)
        waiting.setdefault(u, 0)
        waiting[v] = waiting.get(v, 0) + 1
    ready = [node for node, count in waiting.items() if count == 0]
    peeled = 0
    while ready:
        peeled += 1
        for v in after.get(ready.pop(), ()):
            waiting[v] -= 1
            if waiting[v] == 0:
                ready.append(v)
    return peeled == len(waiting)


def _unfixable_faults(data: dict, where: Where) -> Iterator[Problem]:
    services, teams, people = _section(data, "services"), _names(data, "teams"), _section(data, "people")
    members: dict[str, list[str]] = {}
    for name, person in people.items():
        team = person.get("team")
        if isinstance(team, str) and team not in teams:
            return  # who belongs where is unknown; the dangling team is reported instead
        if isinstance(team, str):
            members.setdefault(team, []).append(name)
    for base, fault in _faults(data):
        fixers: list[str] = []  # everyone who can apply one of the fault's real fixes
        fix_able: list[str] | None = None
        for below, action in _fault_actions(fault):
            able, message = _appliers(action, services, teams, people, members, below)
            if message is not None:
                yield where.problem((*base, *below), message, on_key=True)
            if able is not None and (below == ("fix",) or action.get("does") == "fixes"):
                fixers += able
                if below == ("fix",):
                    fix_able = able
        if not fix_able:
            continue
        # Anyone can be paged by name, but a person on a plane or without connectivity never
        # answers: real fixes only such people may apply make a drill nobody can win.
        reach = {p: people[p].get("reachability", "awake") for p in dict.fromkeys(fixers)}
        if reach and all(r in UNREACHABLE for r in reach.values()):
            named = [f"{p} ({r})" for p, r in reach.items() if p in fix_able]
            verb = "never acknowledges" if len(named) == 1 else "never acknowledge"
            message = (
                f"nobody who can apply this fix can be reached: {', '.join(named)} {verb} a page; "
                "add a reachable person to fix.teams or fix.people, or make one of them reachable"
            )
            yield where.problem((*base, "fix"), message, on_key=True)


def _appliers(
    fix: dict, services: dict, teams: set[str], people: dict, members: dict[str, list[str]], below: YamlPath
) -> tuple[list[str] | None, str | None]:
    """(who can apply a fix or remedy, or None when that is unknown; the problem when nobody can)."""
    key = "fix" if below == ("fix",) else "remedy"
    if not all(isinstance(fix.get(k, []), list) for k in ("teams", "people")):
        return None, None
    fix_teams = [t for _, t in _strings(fix.get("teams"))]
    fix_people = [p for _, p in _strings(fix.get("people"))]
    if fix_teams or fix_people:
        if any(t not in teams for t in fix_teams) or any(p not in people for p in fix_people):
            return None, None  # the unknown name is the problem, and is reported as such
        able = [p for t in fix_teams for p in members.get(t, [])] + fix_people
        if not able:
            listed = ", ".join(repr(t) for t in fix_teams)
            return [], f"nobody can apply this {key}: no person belongs to {listed} ({key}.teams) and {key}.people is empty"
        return able, None
    target = fix.get("target")
    if isinstance(target, str) and _run_by_vendor(services.get(target, {})):
        return [], _vendor_fix_names_nobody(target, services[target], key)
    owner = services.get(target, {}).get("owner") if isinstance(target, str) else None
    if not isinstance(owner, str) or owner not in teams:
        return None, None
    able = members.get(owner, [])
    if not able:
        return [], (
            f"nobody can apply this {key}: {key}.teams and {key}.people are empty, so the team that owns "
            f"{target!r} ({owner!r}) applies it, and no person belongs to {owner!r}"
        )
    return able, None


def _run_by_vendor(service: dict) -> bool:
    # `owner: null` is how a scenario hands an org service to a vendor, so a null owner is none.
    return service.get("vendor") is not None and service.get("owner") is None


def _vendor_fix_names_nobody(target: str, service: dict, key: str = "fix") -> str:
    # Nobody inside owns a vendor's service, so there is no owning team to fall back on.
    vendor = service.get("vendor")
    name = vendor.get("name") if isinstance(vendor, dict) else None
    who = f"{name!r}, a third party" if isinstance(name, str) else "a third party"
    return (
        f"nobody can apply this {key}: {target!r} is run by {who}, so no internal team owns it; "
        f"name who may apply the {key} in {key}.teams or {key}.people"
    )


def _duplicate_ids(data: dict, where: Where) -> Iterator[Problem]:
    # An inject's fault shares the log's fault ids with the scenario's faults.
    sections = [("fault", _faults(data))] + [
        (kind, [((section, i), item) for i, item in _items(data, section)])
        for section, kind in (
            ("alerts", "alert"), ("conflicts", "conflict"), ("injects", "inject"), ("levels", "level")
        )
    ]
    for kind, items in sections:
        first: dict[str, YamlPath] = {}  # lines are looked up for a duplicate only: positions cost
        for base, item in items:
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            path = (*base, "id")
            if ident in first:
                yield where.problem(path, f"duplicate {kind} id {ident!r} (first at line {where.line_of(first[ident])})")
            else:
                first[ident] = path


# --- severity policy ----------------------------------------------------------------------


def _levels(data: dict) -> tuple[list[tuple[int, Any, Any]], bool] | None:
    """(index, name, min_impact) per level and whether they are the defaults; None if broken."""
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        return None
    if "levels" not in severity:
        return [(i, name, impact) for i, (name, impact) in enumerate(_DEFAULT_LEVELS)], True
    levels = severity["levels"]
    if not isinstance(levels, list):
        return None
    return [(i, lv.get("name"), lv.get("min_impact")) for i, lv in enumerate(levels) if isinstance(lv, dict)], False


def _severity_ladder(data: dict, where: Where) -> Iterator[Problem]:
    found = _levels(data)
    if found is None or found[1]:
        return
    seen: dict[str, YamlPath] = {}
    previous: tuple[Any, float] | None = None
    for i, name, impact in found[0]:
        if isinstance(name, str):
            if name in seen:
                message = f"duplicate level name {name!r} (first at line {where.line_of(seen[name])})"
                yield where.problem(("severity", "levels", i, "name"), message)
            else:
                seen[name] = ("severity", "levels", i, "name")
        value = _number(impact)
        if value is None:
            continue
        if previous is not None and value >= previous[1]:
            before = f"level {previous[0]!r}" if isinstance(previous[0], str) else "the level"
            yield where.problem(
                ("severity", "levels", i, "min_impact"),
                f"min_impact {value:g} must be lower than the {previous[1]:g} of {before} before it: "
                "levels go from most to least severe",
            )
        previous = (name, value)


def _cadence_levels(data: dict, where: Where) -> Iterator[Problem]:
    found = _levels(data)
    severity = data.get("severity", {})
    if found is None or not isinstance(severity, dict):
        return
    levels, default_levels = found
    names = {name for _, name, _ in levels if isinstance(name, str)}
    cadence = severity.get("cadence")
    if cadence is None and "cadence" not in severity:
        keys = set(_DEFAULT_POLICY.cadence)
        defaulted = True
    elif isinstance(cadence, dict):
        keys = {k for k in cadence if isinstance(k, str)}
        defaulted = False
    else:
        return
    if not defaulted:
        note = " (severity.levels is not given, so the default levels apply)" if default_levels else ""
        for key in sorted(keys - names, key=lambda k: where.line_of(("severity", "cadence", k))):
            message = f"cadence for {key!r}, but no severity level has that name{suggestion(key, names)}{note}"
            yield where.problem(("severity", "cadence", key), message, on_key=True)
    if default_levels:
        return
    for i, name, _ in levels:
        if isinstance(name, str) and name not in keys:
            if defaulted:
                message = (
                    f"level {name!r} has no status-update cadence: severity.cadence is not given, so the default "
                    f"cadence for {', '.join(sorted(keys))} applies; give a cadence for every level"
                )
            else:
                message = f"level {name!r} has no status-update cadence; add {name}: under severity.cadence"
            yield where.problem(("severity", "levels", i, "name"), message)


# --- timing and traffic -------------------------------------------------------------------


def _late_faults(data: dict, where: Where) -> Iterator[Problem]:
    end = data.get("end", {})
    if not isinstance(end, dict):
        return
    limit = _seconds(end.get("time_limit", _DEFAULT_TIME_LIMIT))
    if limit is None:
        return
    for i, fault in _items(data, "faults"):
        at = _seconds(fault.get("at"))
        if at is not None and at >= limit:
            yield where.problem(
                ("faults", i, "at"),
                f"the fault starts at {format_duration(at)}, at or after the drill's time limit of "
                f"{format_duration(limit)} (end.time_limit), so it would never happen",
            )


def _traffic_total(data: dict, where: Where) -> Iterator[Problem]:
    total = 0.0
    crossed: str | None = None
    shares: list[YamlPath] = []
    for name, service in _section(data, "services").items():
        share = _number(service.get("traffic"))
        if share is None or not 0.0 <= share <= 1.0:
            continue  # out-of-range shares are the model's to report
        total += share
        if share:
            shares.append(("services", name, "traffic"))
        if crossed is None and total > 1.0 + 1e-9:
            crossed = name
    if crossed is not None:
        # Where the sum crosses 1.0, unless that share is the org file's and the scenario gave
        # one of the others: then the scenario's share is what pushed the total over.
        crossing = ("services", crossed, "traffic")
        yield where.problem(
            _own_text_first(where, [crossing, *(p for p in shares if p != crossing)]),
            f"the services' traffic shares add up to {total:.2f}; each is a share of all customer traffic, "
            "so together they must stay at or below 1.0",
        )


# --- faults: remedies, growth steps and impact shares ------------------------------------------


def _fault_actions(fault: dict) -> list[tuple[YamlPath, dict]]:
    """(path below the fault, mapping) of its fix and of every remedy."""
    found: list[tuple[YamlPath, dict]] = []
    if isinstance(fault.get("fix"), dict):
        found.append((("fix",), fault["fix"]))
    found += [(("remedies", j), r) for j, r in _items(fault, "remedies")]
    return found


def _remedy_refs(data: dict, where: Where) -> Iterator[Problem]:
    """Remedies name services, teams and people that exist; a failover's `to` too (the fix's as well)."""
    services, teams, people = _names(data, "services"), _names(data, "teams"), _names(data, "people")
    for base, fault in _faults(data):
        for below, action in _fault_actions(fault):
            path = (*base, *below)
            to = action.get("to")
            if isinstance(to, str) and to not in services:
                yield where.problem((*path, "to"), _unknown("alternative service", "services", to, services))
            if below == ("fix",):
                continue  # the fix's own names are checked with the fault (_fault_refs)
            target = action.get("target")
            if isinstance(target, str) and target not in services:
                yield where.problem((*path, "target"), _unknown("service", "services", target, services))
            for j, team in _strings(action.get("teams")):
                if team not in teams:
                    yield where.problem((*path, "teams", j), _unknown("team", "teams", team, teams))
            for j, person in _strings(action.get("people")):
                if person not in people:
                    yield where.problem((*path, "people", j), _unknown("person", "people", person, people))


def _remedy_rules(data: dict, where: Where) -> Iterator[Problem]:
    """`lasts` only and always with a mitigation; `to` only with a failover, to another service; no
    action written twice on one fault (which of them would a responder's action be?)."""
    for base, fault in _faults(data):
        seen: dict[tuple[str, str], YamlPath] = {}
        for below, action in _fault_actions(fault):
            path = (*base, *below)
            does = action.get("does")
            if below != ("fix",) and does == "mitigates" and "lasts" not in action:
                message = "a remedy that mitigates needs `lasts`: how long the relief holds before the fault returns"
                yield where.problem(path, message, on_key=True)
            if "lasts" in action and below != ("fix",) and isinstance(does, str) and does != "mitigates":
                message = f"`lasts` only goes with does: mitigates (this remedy {does}); remove it"
                yield where.problem((*path, "lasts"), message, on_key=True)
            kind, target, to = action.get("action"), action.get("target"), action.get("to")
            if isinstance(to, str) and isinstance(kind, str) and kind != "failover":
                message = f"`to` names where a failover moves traffic; this action is {kind!r}, not failover"
                yield where.problem((*path, "to"), message, on_key=True)
            elif isinstance(to, str) and to == target:
                yield where.problem((*path, "to"), f"a failover moves {target!r} to another service, not to itself")
            if isinstance(kind, str) and isinstance(target, str):
                key = (kind, target)
                if key in seen:
                    message = f"{kind} {target} is already an action on this fault (line {where.line_of(seen[key])}); each action acts one way"
                    yield where.problem((*path, "action"), message)
                else:
                    seen[key] = (*path, "action")


# The order of `graph.at_least`, kept here so that validating a file does not import networkx.
_RANK = {"degraded": 1, "down": 2}


def _growth_order(data: dict, where: Where) -> Iterator[Problem]:
    """Growth steps in time order, and none that would make the fault better."""
    for base, fault in _faults(data):
        grows = fault.get("grows")
        if isinstance(grows, dict):
            steps: list[tuple[YamlPath, dict]] = [((*base, "grows"), grows)]
        else:
            steps = [((*base, "grows", j), step) for j, step in _items(fault, "grows")]
        previous: int | None = None
        effect = fault.get("effect", "degraded")
        for path, step in steps:
            after = _seconds(step.get("after"))
            if after is not None and previous is not None and after <= previous:
                message = (
                    f"growth steps go in time order: after {format_duration(after)} must come later than the "
                    f"{format_duration(previous)} of the step before it (after counts from the fault's start)"
                )
                yield where.problem((*path, "after"), message)
            previous = after if after is not None else previous
            to = step.get("to")
            if to is None and step.get("share") is None:
                to = "down"
            if to in _RANK and effect in _RANK:
                if _RANK[to] < _RANK[effect]:
                    message = f"the fault is already {effect} by this step; growth only makes a fault worse"
                    yield where.problem((*path, "to"), message)
                else:
                    effect = to


def _impact_refs(data: dict, where: Where) -> Iterator[Problem]:
    """impact.services names services that exist and that customers enter."""
    impact = data.get("impact")
    if not isinstance(impact, dict):
        return
    services = _section(data, "services")
    shares = impact.get("services")
    for name in shares if isinstance(shares, dict) else {}:
        if not isinstance(name, str):
            continue
        path = ("impact", "services", name)
        if name not in services:
            yield where.problem(path, _unknown("service", "services", name, set(services)), on_key=True)
        elif not _number(services[name].get("traffic")):
            message = f"{name!r} has no customer traffic (services.{name}.traffic), so its share never counts"
            yield where.problem(path, message, on_key=True)


# --- injects ------------------------------------------------------------------------------


def _inject_rules(data: dict, where: Where) -> Iterator[Problem]:
    """Each inject has the keys its kind takes, and names people and services that exist; a
    sales push or a swoop without a person falls to the scenario's Head of Sales or executive,
    so there must be one."""
    services, people = _names(data, "services"), _names(data, "people")
    stakeholders = data.get("stakeholders") if isinstance(data.get("stakeholders"), dict) else {}
    for i, inject in _items(data, "injects"):
        kind = inject.get("kind")
        if kind not in INJECT_FIELDS:
            continue  # the model says what the kinds are
        takes, needs = INJECT_FIELDS[kind]
        for key in inject:
            if key not in ("id", "title", "kind", *takes) and isinstance(key, str):
                allowed = ", ".join(takes)
                yield where.problem(("injects", i, key), f"a {kind} inject takes no {key!r}; its keys are id, title, kind, {allowed}", on_key=True)
        for key in needs:
            if key not in inject:
                yield where.problem(("injects", i, "kind"), f"a {kind} inject needs {key!r}")
        person = inject.get("person")
        if isinstance(person, str) and person not in people:
            yield where.problem(("injects", i, "person"), _unknown("person", "people", person, people))
        elif kind == "dropout" and isinstance(person, str) and person in _stakeholder_people(stakeholders):
            message = f"{person!r} is a stakeholder, not a responder; a dropout inject takes a responder off the incident"
            yield where.problem(("injects", i, "person"), message)
        service = inject.get("service")
        if isinstance(service, str) and service not in services:
            yield where.problem(("injects", i, "service"), _unknown("service", "services", service, services))
        for key, role, who in (("head_of_sales", "sales-push", "Head of Sales"), ("executive", "swoop", "executive")):
            if kind == role and person is None and not isinstance(stakeholders.get(key), dict):
                message = f"the scenario has no {who} (stakeholders.{key}), so a {kind} inject names its `person`"
                yield where.problem(("injects", i, "kind"), message)
        sales = stakeholders.get("head_of_sales")
        theirs = sales.get("person") if isinstance(sales, dict) else None
        if kind == "sales-push" and isinstance(person, str) and isinstance(theirs, str) and person != theirs:
            # One Head of Sales pushes: the inject's push is theirs, out of turn.
            message = f"the scenario's Head of Sales is {theirs!r}; a sales-push inject leaves `person` out or names them"
            yield where.problem(("injects", i, "person"), message)


def _stakeholder_people(stakeholders: dict) -> set[str]:
    found = {m.get("person") for _, m in _items(stakeholders, "managers")}
    found |= {s.get("person") for key in ("head_of_sales", "executive") if isinstance(s := stakeholders.get(key), dict)}
    return {p for p in found if isinstance(p, str)}
