"""Scenario and org files to validated models: safe YAML, the include, the model, the checks."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from sim.scenario.checks import check
from sim.scenario.kind import marker_phrase, scenario_marker
from sim.scenario.model import Org, Scenario
from sim.scenario.problems import ROOT, Problem, ScenarioError, cap_problems, did_you_mean
from sim.scenario.rota import rota_warnings
from sim.scenario.sources import NAMED_SECTIONS, ORG_SECTIONS, Sources, merge
from sim.scenario.structure import validate_model
from sim.scenario.yamlsafe import Document, YamlProblems, parse_yaml, read_yaml

_YAML_SUFFIXES = (".yaml", ".yml")
_ORG_CANNOT_INCLUDE = (
    "an org file cannot include another file: includes go one level deep (which also rules out include cycles)"
)
_NOT_A_SCENARIO = (
    "this reads as an org file, not a scenario: it has no `scenario:`, `faults:` or other section "
    "only a scenario has; run a scenario, which names its org file with `include:`"
)


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario  # with the included org file's sections merged in
    path: Path
    # sha256 over the scenario file's bytes followed by the included org file's bytes (when
    # there is one): a recording names exactly the scenario it was made with.
    content_hash: str
    # What the file probably did not mean but may (an override that leaves a team without a
    # primary on-call): `icdrill validate` prints them, and they never stop a drill.
    warnings: tuple[Problem, ...] = ()
    # The difficulty level the scenario is played at (`sim.scenario.levels.at_level`: `scenario`
    # then holds the scaled figures); None when it is played as written.
    level: str | None = None


def load_scenario(path: str | Path) -> LoadedScenario:
    """The validated scenario at ``path``; raises ScenarioError listing every problem found.

    The problems are those `icdrill validate` reports for the file, and for an org file one more
    line saying that it is not a scenario."""
    result = check_file(Path(path), str(path))
    problems = list(result.problems)
    if result.kind == "org":
        problems.insert(0, Problem(str(path), 1, 1, ROOT, _NOT_A_SCENARIO))
    if problems or not isinstance(result.model, Scenario):
        raise ScenarioError(problems or [Problem(str(path), 1, 1, ROOT, "the file did not validate")])
    return LoadedScenario(
        scenario=result.model, path=Path(path), content_hash=result.content_hash, warnings=tuple(result.warnings)
    )


@dataclass
class Checked:
    model: BaseModel | None
    problems: list[Problem] = field(default_factory=list)
    content_hash: str = ""
    kind: Literal["scenario", "org"] | None = None  # None when the file could not be read
    warnings: list[Problem] = field(default_factory=list)
    # The raw data as validated (a scenario's merged with its org file's) and where each part of
    # it is written: what `icdrill lint` needs to point a finding at its YAML node.
    data: dict = field(default_factory=dict)
    where: Document | Sources | None = None
    org_data: dict | None = None  # the included org file's own data, before the merge


def check_file(path: Path, display: str) -> Checked:
    """Every problem of one file, checked as the kind of file it reads as (kind.py): the one
    path of both `icdrill run` and `icdrill validate`. Never raises."""
    try:
        doc = read_yaml(path, display)
        if scenario_marker(doc.data) is None:
            checked = _check_org(doc)
        else:
            checked = _check_scenario(doc, path)
        checked.problems = cap_problems(checked.problems, display)
        return checked
    except YamlProblems as err:
        return Checked(None, cap_problems(err.problems, display))
    except Exception as err:  # noqa: BLE001 - the last resort: a bug here must not become a traceback
        message = f"internal error while checking this file ({type(err).__name__}: {err}); please report it"
        return Checked(None, [Problem(display, 1, 1, ROOT, message)])


def _check_org(doc: Document) -> Checked:
    problems = list(doc.problems)
    data = dict(doc.data)
    if "include" in data:
        problems.append(doc.problem(("include",), _ORG_CANNOT_INCLUDE, on_key=True))
        del data["include"]
    model, found = validate_model(Org, data, doc)
    problems += found + check(data, doc)
    return Checked(model, problems, _hash(doc, None), "org", data=data, where=doc)


def load_scenario_bytes(raw: bytes, display: str, org_raw: bytes | None = None) -> LoadedScenario:
    """The validated scenario from its file's bytes and its included org file's bytes, reading no
    file: what a balance worker on another machine, which has not got the files, plays from.

    The bytes are those `load_scenario` read (the content hash is the same), so where the org file
    lay was checked there; here it is validated and merged as it would be there. ``display`` is
    the scenario's path as its problems name it."""
    try:
        doc = parse_yaml(raw, display)
        include = doc.data.get("include")
        problems: list[Problem] = []
        org = None
        if isinstance(include, str) and org_raw is None:
            problems.append(doc.problem(("include",), "the included org file's text was not given"))
        elif isinstance(include, str):
            org = parse_yaml(org_raw, display_join(display, include.strip()))
    except YamlProblems as err:
        raise ScenarioError(err.problems) from None
    checked = _check_read(doc, org, problems)
    if checked.problems or not isinstance(checked.model, Scenario):
        raise ScenarioError(checked.problems or [Problem(display, 1, 1, ROOT, "the file did not validate")])
    return LoadedScenario(checked.model, Path(display), checked.content_hash, tuple(checked.warnings))


def _check_scenario(doc: Document, path: Path) -> Checked:
    org, include_problems = _read_include(doc, path)
    return _check_read(doc, org, include_problems)


def _check_read(doc: Document, org: Document | None, include_problems: list[Problem]) -> Checked:
    """A scenario's problems once its include is read (or known to be unreadable)."""
    problems = list(doc.problems)
    problems += include_problems
    if org is not None:
        problems += org.problems + _org_root_problems(org)
    data, sources = merge(doc, org)
    model, found = validate_model(Scenario, data, sources)
    merged = found
    # Without the org file every name it defines would be reported as unknown: noise that
    # would bury the one real problem, the include itself.
    if org is not None or not isinstance(doc.data.get("include"), str):
        merged += check(data, sources)
    if org is not None:
        merged = _blame_the_scenario(merged, org, sources)
    problems += merged
    problems += _blame_include(doc, problems)
    warnings = rota_warnings(org.data, data, sources) if org is not None else []
    org_data = org.data if org is not None else None
    return Checked(model, problems, _hash(doc, org), "scenario", warnings, data, sources, org_data)


def _blame_the_scenario(problems: list[Problem], org: Document, sources: Sources) -> list[Problem]:
    """Problems of the merged data moved out of the org file when the org file alone does not
    have them: the scenario's data made them (an override of `depends_on` that closes a cycle
    through org services), so the scenario is where the author must change something.

    Such a problem goes to the scenario's override of the entry it is about, or else to the
    include line, and says where in the org file it shows."""
    if not any(p.file == org.file for p in problems):
        return problems  # the common case: no need to check the org file a second time
    # By place, not by message: a did-you-mean or a list of known names may read differently
    # once the scenario's own names are merged in.
    alone = {_place(p) for p in _org_alone(org)}
    # A section of this file that is not a mapping (`teams: [edge]`) hides the org's entries
    # of it from the merge: every org reference to them then dangles, which the one problem
    # reported at that section already explains.
    hidden = any(not isinstance(sources.main.data.get(s, {}), dict) for s in NAMED_SECTIONS)
    kept = []
    for problem in problems:
        if problem.file != org.file or _place(problem) in alone:
            kept.append(problem)
            continue
        if hidden:
            continue
        where = f"{problem.field} at {org.file}:{problem.line}:{problem.col}"
        note = "the org file alone does not have this problem: this file's data makes it"
        entry = _entry_of(problem.field)
        if entry in sources.overridden:
            message = f"{problem.message} ({where}; {note})"
            kept.append(sources.main.problem(entry, message, on_key=True))
        else:
            kept.append(sources.main.problem(("include",), f"{where}: {problem.message} ({note})"))
    return kept


def _org_alone(org: Document) -> list[Problem]:
    """The org file's problems as `icdrill validate` reports them for the org file alone."""
    data = {k: v for k, v in org.data.items() if k != "include"}
    return validate_model(Org, data, org)[1] + check(data, org)


def _place(problem: Problem) -> tuple[int, int, str]:
    return problem.line, problem.col, problem.field


def _entry_of(field: str) -> tuple[str, str] | None:
    """('people', 'ines') for 'people.ines.skills[0]'; None for a path outside the named sections."""
    parts = field.split(".")
    if len(parts) >= 2 and parts[0] in NAMED_SECTIONS:
        return parts[0], parts[1].split("[")[0]
    return None


def _blame_include(doc: Document, problems: list[Problem]) -> list[Problem]:
    """A line at this file's include when the org file has problems, which are listed under
    the org file's own path: whoever validates this scenario sees why it fails."""
    include = doc.data.get("include")
    if not isinstance(include, str):
        return []
    org_file = display_join(doc.file, include.strip())
    count = sum(1 for p in problems if p.file == org_file and p.file != doc.file)
    if not count:
        return []
    what = "1 problem" if count == 1 else f"{count} problems"
    return [doc.problem(("include",), f"the included org file has {what}, listed under {org_file}")]


def _org_root_problems(org: Document) -> list[Problem]:
    """Problems of the org file outside the sections the merge takes (those are validated merged,
    and those the scenario replaces do not matter to it)."""
    problems = []
    # A section that is not a mapping is not merged, so it is checked here or nowhere.
    rest = {k: v for k, v in org.data.items() if k not in ORG_SECTIONS or not isinstance(v, dict)}
    if "include" in rest:
        problems.append(org.problem(("include",), _ORG_CANNOT_INCLUDE, on_key=True))
        del rest["include"]
    return problems + validate_model(Org, rest, org)[1]


def _read_include(doc: Document, path: Path) -> tuple[Document | None, list[Problem]]:
    """The included org file, or why not, on the include line.

    The file is found by its real path (every symlink followed) and must really lie in the
    scenario's folder, or one folder up, be a regular file, and read as an org file. Until it
    does, nothing of it is quoted: not a line, not a value in a message. A symlink
    `orgs/x.yaml -> /proc/self/environ` would otherwise print the environment (CI secrets)
    inside a YAML error."""
    include = doc.data.get("include")
    if not isinstance(include, str):
        return None, []  # absent, or not text: the model reports the latter

    def fail(message: str) -> tuple[None, list[Problem]]:
        return None, [doc.problem(("include",), message)]

    text = include.strip()
    if not text:
        return fail("include is empty; name an org file relative to this file, such as orgs/acme.yaml")
    if os.path.isabs(text) or text.startswith("~") or (len(text) > 1 and text[1] == ":"):
        return fail(f"include must be a path relative to this file, such as orgs/acme.yaml; found {text!r}")
    if not text.lower().endswith(_YAML_SUFFIXES):
        return fail(f"include names an org file ending in .yaml or .yml; found {text!r}")
    here = path.absolute().parent
    target = Path(os.path.normpath(here / text))
    # Org files live beside the scenarios; a path climbing further is a mistake or a probe.
    where = "an org file sits in this folder, or one folder up at most (such as ../orgs/acme.yaml)"
    if not target.is_relative_to(here.parent):
        return fail(f"include {text!r} leads outside the scenarios' folders; {where}")
    if target == Path(os.path.normpath(path.absolute())):
        return fail("a scenario cannot include itself; include an org file")
    if not target.exists() and not target.is_symlink():  # a dangling or looping symlink is said below
        return fail(f"include file {text!r} does not exist{_sibling_hint(text, target)}")
    real, problem = _real_include(text, target, here, path)
    if problem is not None:
        return fail(problem)
    display = display_join(doc.file, text)
    try:
        org = read_yaml(real, display)
    except YamlProblems as err:
        line, col = err.problems[0].line, err.problems[0].col
        return fail(
            f"include {text!r} cannot be read as an org file (a problem at line {line}, column {col}); "
            f"`icdrill validate {display}` shows it"
        )
    marker = scenario_marker(org.data)
    if marker is not None:
        wanted = "include takes an org file (services, teams, people, severity and the like)"
        return fail(f"{text!r} is a scenario ({marker_phrase(marker)}); {wanted}")
    if not _reads_as_org(org.data):
        return fail(f"{text!r} is not an org file: it has none of the sections {', '.join(ORG_SECTIONS)}")
    return org, []


def _real_include(text: str, target: Path, here: Path, scenario: Path) -> tuple[Path, str | None]:
    """The include's real path, or what is wrong with it: outside the real folder tree
    (through a symlink), the scenario itself, a symlink loop, or not a regular file."""
    fence = Path(os.path.realpath(here)).parent
    try:
        real = Path(os.path.realpath(target, strict=True))
        info = real.stat()
    except OSError as err:
        return target, f"include {text!r} cannot be followed: {err.strerror or err}"
    if not real.is_relative_to(fence):
        return real, (
            f"include {text!r} is a symlink to a file outside the scenarios' folders; "
            "an org file must really sit in this folder, or one folder up at most"
        )
    if real == Path(os.path.realpath(scenario)):
        return real, "a scenario cannot include itself; include an org file"
    if not stat.S_ISREG(info.st_mode):
        return real, f"include {text!r} is not a regular file; name an org file"
    return real, None


def _reads_as_org(data: dict) -> bool:
    """Whether a mapping is meant as an org file: one of its sections, or a misspelling of one
    (whose did-you-mean the author needs), or an include (an org file's own mistake)."""
    return any(key == "include" or did_you_mean(key, ORG_SECTIONS) is not None for key in data)


def _sibling_hint(text: str, target: Path) -> str:
    if not target.parent.is_dir():
        return ""
    names = [p.name for p in target.parent.iterdir() if p.suffix.lower() in _YAML_SUFFIXES]
    close = did_you_mean(target.name, names)
    return f"; did you mean {os.path.join(os.path.dirname(text), close)!r}?" if close else ""


def _hash(doc: Document, org: Document | None) -> str:
    digest = hashlib.sha256(doc.raw)
    if org is not None:
        digest.update(org.raw)
    return digest.hexdigest()


def display_join(base_file: str, relative: str) -> str:
    """The path an author would type for a file named relative to ``base_file``."""
    return os.path.normpath(os.path.join(os.path.dirname(base_file), relative))
