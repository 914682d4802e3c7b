"""What `icdrill history` prints: a table of sessions per trainee and the trend of the overall score."""

from __future__ import annotations

from collections.abc import Sequence

from tui.cli.columns import aligned
from tui.store.history import Session


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _when(played_at: str) -> str:
    return played_at.replace("T", " ")[:16]


def format_progress(sessions: list[Session], dimensions: Sequence[str] = ()) -> str:
    """A table per trainee (date, scenario, overall and each dimension), then the trend of overall."""
    names = list(dimensions)
    for session in sessions:
        names += [name for name in session.dimensions if name not in names]
    by_trainee: dict[str, list[Session]] = {}
    for session in sessions:
        by_trainee.setdefault(session.trainee, []).append(session)
    blocks = [_trainee_block(trainee, rows, names) for trainee, rows in sorted(by_trainee.items())]
    return "\n\n".join(blocks)


def _played(s: Session) -> str:
    """The scenario, and the difficulty level it was played at when one was chosen."""
    return f"{s.scenario} ({s.level})" if s.level else s.scenario


def _trainee_block(trainee: str, rows: list[Session], names: list[str]) -> str:
    days = any(s.cohort for s in rows)  # the game-day column only for a trainee who played one
    headers = ["date", "scenario", "seed", "IC", "resolved", *(["game day"] if days else []), "overall", *names]
    table = [
        [
            _when(s.played_at), _played(s), str(s.seed), s.driver, "yes" if s.resolved else "no",
            *([s.cohort or "-"] if days else []), _score(s.overall), *(_score(s.dimensions.get(name)) for name in names),
        ]
        for s in rows
    ]
    left = {0, 1, 3, 4, 5} if days else {0, 1, 3, 4}  # text columns; numbers align right
    plural = "session" if len(rows) == 1 else "sessions"
    lines = [f"{trainee}: {len(rows)} {plural}", *aligned([headers, *table], left, rule=True)]
    lines.append(_trend(rows))
    return "\n".join(lines)


def _trend(rows: list[Session]) -> str:
    scored = [s for s in rows if s.overall is not None]
    if not scored:
        return "trend: no scored sessions yet"
    first, latest = scored[0], scored[-1]
    best = max(scored, key=lambda s: s.overall)  # the earliest of equal bests
    if len(scored) == 1:
        head = f"trend: overall {_score(first.overall)} (one scored session)"
    else:
        change = latest.overall - first.overall
        head = f"trend: overall {_score(first.overall)} -> {_score(latest.overall)} (first -> latest, {change:+.0f})"
    return f"{head}; best {_score(best.overall)} on {_when(best.played_at)[:10]} ({_played(best)})"
