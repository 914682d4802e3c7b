"""A scenario's raw data merged with its included org file, remembering which file said what.

Problems found in the merged data must point into the file where the text is: a person that
came from the org file is reported at the org file's line, not the scenario's; a key the
scenario's override gave is reported at the scenario's line, the keys it left alone at the
org file's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim.scenario.model import Org
from sim.scenario.problems import Problem
from sim.scenario.yamlsafe import Document, YamlPath

# The parts of an org file a scenario builds on. Named sections merge entry by entry, and an
# entry the scenario names merges key by key with the org's; any other section (severity,
# behaviour, ...) is taken whole unless the scenario gives its own.
ORG_SECTIONS = tuple(Org.model_fields)
NAMED_SECTIONS = ("services", "teams", "people")


@dataclass
class Sources:
    main: Document
    org: Document | None = None
    # (section, name) of every entry taken whole from the org file, e.g. ("people", "dana").
    from_org: set[tuple[str, str]] = field(default_factory=set)
    # (section, name, key) of every key an override left to the org file, e.g. ("people",
    # "ines", "skills") when the scenario's `ines:` gives only team and reachability.
    keys_from_org: set[tuple[str, str, str]] = field(default_factory=set)
    # (section, name) of every entry the scenario overrides: both files gave a mapping for it.
    overridden: set[tuple[str, str]] = field(default_factory=set)
    # Whole sections taken from the org file, e.g. "severity".
    sections_from_org: set[str] = field(default_factory=set)

    def document_for(self, path: YamlPath) -> Document:
        """The file whose text gave ``path``. A path about a whole overridden entry (or a key
        neither file gave, such as a missing required key) is the override's: the scenario's."""
        if self.org is not None:
            if len(path) >= 3 and (path[0], path[1], path[2]) in self.keys_from_org:
                return self.org
            if len(path) >= 2 and (path[0], path[1]) in self.from_org:
                return self.org
            if path[:1] and path[0] in self.sections_from_org:
                return self.org
        return self.main

    def line_of(self, path: YamlPath) -> int:
        return self.document_for(path).line_of(path)

    def problem(self, path: YamlPath, message: str, on_key: bool = False) -> Problem:
        return self.document_for(path).problem(path, message, on_key)


def merge(main: Document, org: Document | None) -> tuple[dict[str, Any], Sources]:
    """The scenario's data with the org's sections underneath.

    A scenario entry that names an org entry merges with it key by key at the entry's top level:
    the scenario's value of a key replaces the org's value of that key whole (a `skills` list or
    a `depends_on` map is replaced, not merged), and the keys it does not give keep the org's
    values. Before issue 10 an override replaced the whole entry, silently dropping a person's
    name, skills and on-call slot when the author meant to change one field."""
    sources = Sources(main=main, org=org)
    data = dict(main.data)
    if org is None or not isinstance(org.data, dict):
        return data, sources
    for section in NAMED_SECTIONS:
        base, own = org.data.get(section), data.get(section, {})
        if not isinstance(base, dict) or not isinstance(own, dict):
            continue  # a broken section is reported as it stands, unmerged
        merged = dict(base)
        for name, entry in own.items():
            under = base.get(name)
            if isinstance(under, dict) and isinstance(entry, dict):
                merged[name] = {**under, **entry}
                sources.overridden.add((section, name))
                sources.keys_from_org.update((section, name, key) for key in under if key not in entry)
            else:
                merged[name] = entry  # a new entry, or one of the two is broken: the scenario's stands
        data[section] = merged
        sources.from_org.update((section, name) for name in base if name not in own)
    for section in ORG_SECTIONS:
        if section not in NAMED_SECTIONS and section in org.data and section not in main.data:
            data[section] = org.data[section]
            sources.sections_from_org.add(section)
    return data, sources
