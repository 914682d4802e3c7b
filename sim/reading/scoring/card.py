"""The scorecard's shapes, and the ledger each dimension fills with judged items.

A dimension is a list of *items*, each a duty the IC had in this run (the first status update,
one delegated task, one manager who joined), with a weight and the fraction of it the IC earned
(0 to 1). The dimension's score is the weighted share earned, times 100, minus any outright
*penalties* (something that is only ever wrong, such as a Sev0 raised under pressure from sales).

Every item and penalty becomes one Finding, in the dimension's own points:

- an item fully earned is a credit worth its share of the 100 points;
- an item partly or not earned is a deduction of the share it lost;
- a penalty is a deduction of its points.

So a dimension's score is always 100 plus the sum of its deductions (before clamping at 0), and
the credits say where the rest came from. Duties that do not arise in a run (no conflict, no
executive) make no item: what is absent neither punishes nor rewards. A dimension with no item
and no penalty at all has nothing to judge; it keeps a score of 100 for display and a weight of
0, so that it does not move the overall score.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.log.clock import format_clock

DIMENSIONS = ("delegation", "cadence", "severity", "outcome", "focus", "roles", "coordination")

# Late beats never: a duty done late, however late, keeps at least this share of its item, so a
# trainee who does the right thing slowly always scores above one who never does it.
LATE_FLOOR = 0.25


def late_credit(late: float, span: float) -> float:
    """The share of an item kept when done `late` seconds past its target: all of it on time,
    falling linearly over `span` seconds, never below LATE_FLOOR."""
    if late <= 0:
        return 1.0
    return max(LATE_FLOOR, 1.0 - late / max(1.0, span))


@dataclass(frozen=True)
class Finding:
    t: int | None  # sim time of the moment judged, None for a judgement of the whole run
    points: float  # > 0 a credit, < 0 a deduction, in the dimension's 0..100 points
    text: str  # plain words, starting with the sim time when there is one
    seqs: tuple[int, ...]  # the log entries behind it


@dataclass(frozen=True)
class Cap:
    """A rule of the whole drill that no form can outweigh: the overall score keeps its value up
    to `keep`, and only a sliver of the rest above it, so it never passes `limit`. Raised by the
    dimension that judged the act (outcome: customers still hurt; cadence: a false all-clear)."""

    keep: float
    limit: float
    t: int | None
    text: str
    seqs: tuple[int, ...]

    def apply(self, score: float) -> float:
        if score <= self.keep:
            return score
        return self.keep + (score - self.keep) * (self.limit - self.keep) / (100.0 - self.keep)


@dataclass(frozen=True)
class Dimension:
    name: str
    score: float  # 0..100
    weight: float  # its weight in the overall score (0 when there was nothing to judge)
    findings: tuple[Finding, ...]
    judged: bool = True  # False: nothing in the run to judge; score is 100 for display only
    caps: tuple[Cap, ...] = ()  # limits on the overall score this dimension's judgement sets

    @property
    def credits(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.points > 0)

    @property
    def deductions(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.points < 0)


@dataclass(frozen=True)
class Scorecard:
    dimensions: tuple[Dimension, ...]
    overall: float

    @property
    def caps(self) -> tuple[Cap, ...]:
        """The whole-drill rules that limited the overall score (customers still hurt, a false all-clear)."""
        return tuple(c for d in self.dimensions for c in d.caps)

    def dimension(self, name: str) -> Dimension:
        for d in self.dimensions:
            if d.name == name:
                return d
        raise KeyError(f"no dimension {name!r}; the dimensions are {', '.join(DIMENSIONS)}")

    def as_dict(self) -> dict:
        """JSON-able, keys and dimensions in a stable order, floats rounded."""
        return {
            "overall": round(self.overall, 1),
            "dimensions": [
                {
                    "name": d.name,
                    "score": round(d.score, 1),
                    "weight": round(d.weight, 3),
                    "judged": d.judged,
                    "findings": [
                        {"t": f.t, "points": round(f.points, 2), "text": f.text, "seqs": list(f.seqs)}
                        for f in d.findings
                    ],
                }
                for d in self.dimensions
            ],
            "caps": [{"t": c.t, "limit": c.limit, "text": c.text, "seqs": list(c.seqs)} for c in self.caps],
        }


NOTHING_TO_JUDGE = "Nothing to judge in this run; this dimension does not count toward the overall score."


class Ledger:
    """Items and penalties of one dimension, turned into a Dimension by `close`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[tuple[float, float, int | None, str, tuple[int, ...]]] = []
        self._penalties: list[tuple[float, int | None, str, tuple[int, ...]]] = []
        self._caps: list[Cap] = []

    def item(self, weight: float, fraction: float, t: int | None, text: str, seqs=()) -> None:
        """A duty worth `weight`, of which the IC earned `fraction` (clamped to 0..1)."""
        if weight <= 0:
            return
        self._items.append((weight, min(1.0, max(0.0, fraction)), t, text, _seqs(seqs)))

    def penalty(self, points: float, t: int | None, text: str, seqs=()) -> None:
        """An outright deduction of `points` (given positive) from the dimension's score."""
        if points <= 0:
            return
        self._penalties.append((points, t, text, _seqs(seqs)))

    def cap(self, keep: float, limit: float, t: int | None, text: str, seqs=()) -> None:
        """Limit the overall score (see Cap); the act is also judged by an item or a penalty."""
        self._caps.append(Cap(keep, limit, t, _stamp(t, text), _seqs(seqs)))

    @property
    def weight(self) -> float:
        """The total weight of the items so far."""
        return sum(w for w, *_ in self._items)

    def absorb(self, other: Ledger) -> None:
        """Take over another ledger's items and penalties (a dimension judged in parts)."""
        self._items.extend(other._items)
        self._penalties.extend(other._penalties)
        self._caps.extend(other._caps)

    @property
    def empty(self) -> bool:
        return not self._items and not self._penalties

    def close(self, weight: float) -> Dimension:
        if self.empty:
            return Dimension(self.name, 100.0, 0.0, (Finding(None, 0.0, NOTHING_TO_JUDGE, ()),), judged=False)
        total = sum(w for w, *_ in self._items)
        found: list[tuple[float, int, Finding]] = []
        earned = 0.0
        for order, (w, fraction, t, text, seqs) in enumerate(self._items):
            share = 100.0 * w / total
            earned += share * fraction
            lost = share * (1.0 - fraction)
            points = -lost if lost >= 0.005 else share
            found.append((_when(t), order, Finding(t, round(points, 2), _stamp(t, text), seqs)))
        score = earned if total else 100.0
        for order, (points, t, text, seqs) in enumerate(self._penalties, start=len(found)):
            score -= points
            found.append((_when(t), order, Finding(t, round(-points, 2), _stamp(t, text), seqs)))
        found.sort(key=lambda x: (x[0], x[1]))
        score = round(min(100.0, max(0.0, score)), 1)
        return Dimension(self.name, score, weight, tuple(f for *_, f in found), caps=tuple(self._caps))


def _seqs(seqs) -> tuple[int, ...]:
    return tuple(sorted({int(s) for s in seqs}))


def _when(t: int | None) -> float:
    return float("inf") if t is None else float(t)


def _stamp(t: int | None, text: str) -> str:
    return text if t is None else f"{format_clock(t)}: {text}"


def overall(dimensions: tuple[Dimension, ...]) -> float:
    """The weighted mean of the dimensions, then the strictest cap any of them set."""
    total = sum(d.weight for d in dimensions)
    if total <= 0:
        return 0.0
    score = sum(d.score * d.weight for d in dimensions) / total
    for cap in (c for d in dimensions for c in d.caps):
        score = min(score, cap.apply(score))
    return round(score, 1)
