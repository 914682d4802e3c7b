"""Validation against the pydantic model, with each error rewritten in plain words at its place."""

from __future__ import annotations

import types
import typing
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from sim.scenario.model import CLOCK_PATTERN, INJECT_KINDS, FixAction
from sim.scenario.problems import MAX_PROBLEMS_PER_FILE, Problem, describe, did_you_mean, suggestion
from sim.scenario.yamlsafe import YamlPath

_KEY = "[key]"  # pydantic's loc marker for an invalid dict key

# What the allowed words of a Literal are called, for "'reboot' is not a fix action". Keyed by
# the words themselves rather than by field name, so a renamed field keeps its noun.
_LITERAL_NOUNS = {
    frozenset(typing.get_args(FixAction)): "a fix action",
    frozenset({"degraded", "down"}): "a health state",
    frozenset({"down"}): "a health state",
    frozenset({"primary", "secondary", "none"}): "an on-call role",
    frozenset({"easy", "medium", "hard"}): "a difficulty",
    frozenset({"resolved", "mitigated"}): "an incident phase that can end the drill",
    frozenset({"hard", "soft"}): "a dependency kind",
    frozenset({"fixes", "mitigates", "worsens"}): "what a remedy does",
    frozenset(INJECT_KINDS): "an inject kind",
}
_GENERIC_DURATION_ERROR = "expected a duration such as"


class Locator(Protocol):
    def problem(self, path: YamlPath, message: str, on_key: bool = False) -> Problem: ...


def validate_model(model: type[BaseModel], data: Any, where: Locator) -> tuple[BaseModel | None, list[Problem]]:
    """The validated model, or None and one positioned problem per pydantic error."""
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        errors = err.errors(include_url=False)
    errors = errors[: MAX_PROBLEMS_PER_FILE + 1]  # the caller caps the count; phrase no more
    unknown_hints = {
        (tuple(e["loc"][:-1]), hint)
        for e in errors
        if e["type"] == "extra_forbidden"
        and (hint := did_you_mean(e["loc"][-1], _field_names(model, e["loc"][:-1])))
    }
    problems = []
    for error in errors:
        loc = tuple(error["loc"])
        # A misspelt required key gives "unknown key" and "missing key": the first says it all.
        if error["type"] == "missing" and (loc[:-1], loc[-1]) in unknown_hints:
            continue
        problems.append(_problem(model, error, loc, _Written(where, data)))
    return None, problems


class _Written:
    """Places problems where the author wrote the value: a field that takes one item or a list of
    them (a fault's `grows`) holds a single mapping as a list of one, whose index is not in the file."""

    def __init__(self, where: Locator, data: Any) -> None:
        self.where, self.data = where, data

    def problem(self, path: YamlPath, message: str, on_key: bool = False) -> Problem:
        written: list = []
        node = self.data
        for part in path:
            if part == 0 and isinstance(node, dict) and not isinstance(part, bool) and 0 not in node:
                continue  # the one item itself, not an index into a list
            written.append(part)
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                node = None
        return self.where.problem(tuple(written), message, on_key)


def _problem(model: type[BaseModel], error: dict, loc: YamlPath, where: Locator) -> Problem:
    kind = error["type"]
    found = error.get("input")
    ctx = error.get("ctx") or {}
    if loc[-1:] == (_KEY,):
        path = loc[:-1]
        return where.problem(path, f"{describe(path[-1])} is not a valid name; {_NAME_RULE}", on_key=True)
    if kind == "extra_forbidden":
        key = loc[-1]
        allowed = _field_names(model, loc[:-1])
        hint = suggestion(key, allowed)
        listing = hint or f"; allowed keys here: {', '.join(allowed)}"
        return where.problem(loc, f"unknown key {key!r}{listing}", on_key=True)
    if kind == "missing":
        return where.problem(loc, f"required key {loc[-1]!r} is missing")
    if kind == "literal_error":
        return where.problem(loc, _literal_message(model, loc, found))
    return where.problem(loc, _value_message(kind, error["msg"], found, ctx))


_NAME_RULE = "names use lowercase letters, digits and '-', start with a letter, and are at most 64 long"


def _literal_message(model: type[BaseModel], loc: YamlPath, found: Any) -> str:
    allowed = [str(v) for v in typing.get_args(_annotation_at(model, loc))]
    noun = _LITERAL_NOUNS.get(frozenset(allowed), "an allowed value")
    message = f"{describe(found)} is not {noun}; expected one of {', '.join(allowed)}"
    if isinstance(found, bool):
        return message + " (YAML reads an unquoted yes, no, on or off as true or false)"
    return message + suggestion(found, allowed, cutoff=0.45)


def _value_message(kind: str, pydantic_msg: str, found: Any, ctx: dict) -> str:
    shown = describe(found)
    if kind == "value_error":
        text = pydantic_msg.removeprefix("Value error, ")
        return f"{text}; found {shown}" if text.startswith(_GENERIC_DURATION_ERROR) else text
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == CLOCK_PATTERN:
            return f'{shown} is not a time of day; expected "HH:MM" on a 24-hour clock, 00:00 to 23:59 (quote it: "03:14")'
        return f"{shown} is not a valid name; {_NAME_RULE}"
    if kind == "string_too_long":
        return f"{shown} is {len(found)} characters long; the limit is {ctx.get('max_length')}"
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"needs at least {least} item{'' if least == 1 else 's'}; found {ctx.get('actual_length') or 'none'}"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {ctx.get(key)}; found {shown}"
    hint = " (YAML reads an unquoted yes, no, on or off as true or false)" if isinstance(found, bool) else ""
    expected = {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "finite_number": "a finite number",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "dict_type": "a mapping of keys and values",
        "model_type": "a mapping of keys and values",
        "model_attributes_type": "a mapping of keys and values",
        "list_type": "a list (one '- item' per line, or [a, b])",
    }.get(kind)
    if expected:
        return f"expected {expected}; found {shown}{hint if 'true' not in expected else ''}"
    text = pydantic_msg[:1].lower() + pydantic_msg[1:]
    return f"{text}; found {shown}"


def _field_names(model: type[BaseModel], loc: YamlPath) -> list[str]:
    target = _annotation_at(model, loc)
    return list(target.model_fields) if _is_model(target) else []


def _annotation_at(model: type[BaseModel], loc: YamlPath) -> Any:
    """The type found by following ``loc`` into the model (None when the path leaves it)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if _is_model(current):
            info = current.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return None
            current = info.annotation
        elif typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[0 if part == _KEY else 1]
        else:
            return None
    return _unwrap(current)


def _unwrap(tp: Any) -> Any:
    """Annotated[X, ...] -> X; X | None -> X."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [arg for arg in typing.get_args(tp) if arg is not type(None)]
            if len(rest) != 1:
                return tp
            tp = rest[0]
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)

