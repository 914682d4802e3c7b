"""Whether a log record read from outside has the shape its kind of event declares, field by field.

`sim.log.events.from_record` builds an event from whatever the record holds; a recording is a
file anyone can edit, so before that the reader checks each field against the event's declared
type: text is a string, a number is a number (never true or false), a list of findings is a list
of strings. Whole numbers stay within 2**53 of zero and decimals are finite, so that no reader of
the log meets a number it cannot compute with (a float overflow, a NaN unequal to everything).

>>> record_problem({"seq": 0, "t": 5, "kind": "command_issued", "text": 7})
"field 'text' of a command_issued event must be text, not 7"
>>> record_problem({"seq": 0, "t": 5, "kind": "impact_observed", "impact": float("nan")})
"field 'impact' of an impact_observed event must be a finite number, not nan"
>>> record_problem({"seq": 0, "t": 5, "kind": "task_reported", "task": 1, "person": "a", "action": "b",
...                 "service": "c", "findings": ["ok", 3]})
"field 'findings' of a task_reported event must be a list of texts, not ['ok', 3]"
"""

from __future__ import annotations

import dataclasses
import functools
import math
import typing
from collections.abc import Callable
from typing import Any

from sim.log.events import _REGISTRY, Event

INT_LIMIT = 2**53  # every whole number of a log is exact as a float too
Check = Callable[[Any], bool]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -INT_LIMIT <= value <= INT_LIMIT


def _is_float(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and abs(value) <= INT_LIMIT


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_request(value: Any) -> bool:
    # A facilitator's request as the engine logs it: {"inject": ID} or {"say": {"from": P, "text": T}}.
    def texts(v: Any) -> bool:
        return isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items())

    return isinstance(value, dict) and all(isinstance(k, str) and (isinstance(x, str) or texts(x)) for k, x in value.items())


# Every field type the events declare, with what it is called in a message.
_CHECKS: dict[Any, tuple[Check, str]] = {
    str: (_is_str, "text"),
    int: (_is_int, f"a whole number from -{INT_LIMIT} to {INT_LIMIT}"),
    float: (_is_float, "a finite number"),
    str | None: (lambda v: v is None or _is_str(v), "text or null"),
    int | None: (lambda v: v is None or _is_int(v), f"a whole number from -{INT_LIMIT} to {INT_LIMIT}, or null"),
    list[str]: (_is_str_list, "a list of texts"),
    dict[str, Any]: (_is_request, "an inject request"),
}


@functools.cache
def _fields(cls: type[Event]) -> tuple[tuple[str, Check, str], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, *_CHECKS[hints[f.name]]) for f in dataclasses.fields(cls))


def record_problem(record: dict[str, Any]) -> str | None:
    """None when every field of ``record`` has its declared type, else the first that does not.

    The record's kind must be known and its seq and t whole numbers; missing fields are for
    `from_record` to find.
    """
    cls = _REGISTRY.get(record.get("kind")) if isinstance(record.get("kind"), str) else None
    if cls is None:
        return None
    for name in ("seq", "t"):
        if name in record and not _is_int(record[name]):
            return f"its {name} must be {_CHECKS[int][1]}, not {_short(record[name])}"
    article = "an" if cls.kind[0] in "aeiou" else "a"
    for name, check, wanted in _fields(cls):
        if name in record and not check(record[name]):
            return f"field '{name}' of {article} {cls.kind} event must be {wanted}, not {_short(record[name])}"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
