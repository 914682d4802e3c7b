"""Finding entries by their place in the log: the first after an entry, the last before, grouped by a key.

The dimensions pair entries up: the first acknowledgement after a page, the last relayed report
before a distortion. Scanning a list once per entry is quadratic, and a recording from outside
can hold thousands of entries of one kind (up to `sim.log.readback.MAX_EVENTS`); these helpers
bisect lists kept in log order, so pairing n entries takes n log n, whatever the file.

>>> from sim.log.eventlog import Entry
>>> notes = [Entry(seq, 0, None) for seq in (2, 5, 9)]
>>> first_after(notes, 5).seq, last_before(notes, 5).seq, first_after(notes, 9), any_between(notes, 5, 9)
(9, 2, None, False)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")
_SEQ = attrgetter("seq")


def first_after(entries: Sequence[T], seq: int) -> T | None:
    """The first of ``entries`` (in log order) that comes after entry ``seq``."""
    i = bisect_right(entries, seq, key=_SEQ)
    return entries[i] if i < len(entries) else None


def last_before(entries: Sequence[T], seq: int) -> T | None:
    """The last of ``entries`` (in log order) that comes before entry ``seq``."""
    i = bisect_left(entries, seq, key=_SEQ)
    return entries[i - 1] if i else None


def any_between(entries: Sequence[T], low: int, high: int) -> bool:
    """Whether one of ``entries`` (in log order) lies strictly between entries ``low`` and ``high``."""
    found = first_after(entries, low)
    return found is not None and found.seq < high


def grouped(entries: Iterable[T], key: Callable[[T], Hashable]) -> dict[Hashable, list[T]]:
    """``entries`` by ``key``, each group in the order given (log order, for lists from the log)."""
    groups: dict[Hashable, list[T]] = defaultdict(list)
    for entry in entries:
        groups[key(entry)].append(entry)
    return groups


def earliest(*entries: T | None) -> T | None:
    """The one of ``entries`` (None for none) that comes first in the log."""
    return min((e for e in entries if e is not None), key=_SEQ, default=None)
