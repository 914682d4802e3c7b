"""One lint finding: a positioned Problem whose field is the rule's id, and a hint."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sim.log.printable import printable
from sim.scenario.problems import Problem
from sim.scenario.yamlsafe import YamlPath

from sim.lint.subject import Subject


@dataclass(frozen=True)
class Finding:
    """``problem.field`` is the rule id (or, for a file that does not validate, the field path
    `validate` names); ``hint`` says what to change, when there is something useful to say."""

    problem: Problem
    hint: str = ""
    invalid: bool = False  # a validation problem: printed as `validate` prints it, with the line quoted


    @property
    def rule(self) -> str:
        return self.problem.field

    def format(self) -> str:
        """``path:line:col: rule-id: why``, and the hint on a second, indented line."""
        if self.invalid:
            return self.problem.format()
        line = self.problem.headline()
        return f"{line}\n    hint: {printable(self.hint)}" if self.hint else line


def finding(subject: Subject, path: YamlPath, rule: str, message: str, hint: str = "", on_key: bool = False) -> Finding:
    """A finding of ``rule`` at the YAML node ``path`` names, in whichever file wrote it (the
    scenario, or the org file it includes)."""
    problem = subject.where.problem(path, message, on_key)
    return Finding(replace(problem, field=rule), hint)
