"""The scenarios on offer, as the picker and `icdrill list` show them, and the trainee's best scores.

Two readings of a scenario file, for speed:
- `read_entry` reads only the file's YAML (safely, `sim.scenario.yamlsafe`) and takes its
  `scenario:` block (title, summary, difficulty), `end.time_limit` and `levels`: cheap enough for the
  picker's first frame, before networkx, the engine or the full check are imported.
- `check_entry` loads the file for real (`sim.scenario.load_scenario`: the model, the include, the
  checks), which the picker does off the UI thread once it is on screen, and before a drill starts.
A file that fails either reading is an entry with its error, never an exception: one broken
file in the folder must not hide the others.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sim.log.clock import parse_duration
from sim.scenario import locate

DEFAULT_TIME_LIMIT = 90 * 60  # `end.time_limit` when a scenario does not give one (sim.scenario.model.End)
DIFFICULTIES = ("easy", "medium", "hard")
MAX_ERROR_LINES = 6  # of a long list of problems, the picker shows the first few


@dataclass(frozen=True)
class LevelChoice:
    """One difficulty level a scenario offers (`sim.scenario.model.Level`), as the picker shows it."""

    id: str  # what the drill is played at: `icdrill play ID --level LEVEL`
    title: str
    summary: str = ""


@dataclass(frozen=True)
class ScenarioEntry:
    id: str  # the file's stem: what `icdrill play ID` takes
    path: Path
    title: str
    summary: str = ""
    difficulty: str = "medium"
    time_limit: int = DEFAULT_TIME_LIMIT  # sim seconds: the drill stops here, or sooner once resolved
    error: str | None = None  # why the file cannot be played; None when it can (as far as read)
    scenario_id: str = ""  # `scenario.id` inside the file, which the history files sessions under
    levels: tuple[LevelChoice, ...] = ()  # the difficulty levels it offers besides playing it as written

    @property
    def history_id(self) -> str:
        return self.scenario_id or self.id


def length_text(time_limit: int, speed: float | None = None) -> str:
    """What a drill may take, said honestly: it ends at its time limit, or sooner once resolved.

    >>> length_text(75 * 60)
    'up to 75 min'
    >>> length_text(90 * 60, 5.0)
    'up to 90 min (18 min at 5x)'
    """
    minutes = time_limit / 60
    text = f"up to {minutes:.0f} min"
    if speed is not None and speed != 1:
        text += f" ({max(1, round(minutes / speed))} min at {speed:g}x)"
    return text


def read_entry(path: Path) -> ScenarioEntry:
    """The entry of one file from its YAML alone (see the module's note); never raises."""
    from sim.scenario.yamlsafe import YamlProblems, read_yaml

    entry = ScenarioEntry(id=path.stem, path=path, title=path.stem)
    try:
        data = read_yaml(path).data
    except YamlProblems as err:
        return replace(entry, error=_first_lines(str(err)))
    except (OSError, UnicodeError, ValueError) as err:
        return replace(entry, error=f"cannot read {path}: {err}")
    if not isinstance(data, dict):
        return replace(entry, error=f"{path}: not a scenario (no mapping at the top)")
    meta = data.get("scenario")
    meta = meta if isinstance(meta, dict) else {}
    end = data.get("end")
    end = end if isinstance(end, dict) else {}
    title, summary, difficulty = meta.get("title"), meta.get("summary"), meta.get("difficulty")
    scenario_id = meta.get("id")
    return replace(
        entry,
        scenario_id=scenario_id if isinstance(scenario_id, str) else "",
        title=title if isinstance(title, str) and title.strip() else path.stem,
        summary=summary.strip() if isinstance(summary, str) else "",
        difficulty=difficulty if difficulty in DIFFICULTIES else "medium",
        time_limit=_seconds(end.get("time_limit")),
        levels=_levels(data.get("levels")),
    )


def check_entry(entry: ScenarioEntry):
    """(the entry, its LoadedScenario or None): the file loaded for real, the error kept when it fails."""
    from sim.scenario import ScenarioError, load_scenario

    if entry.error is not None:
        return entry, None
    try:
        loaded = load_scenario(entry.path)
    except ScenarioError as err:
        return replace(entry, error=_first_lines(str(err))), None
    except (OSError, ValueError) as err:  # a file that changed under us, say
        return replace(entry, error=f"cannot read {entry.path}: {err}"), None
    levels = tuple(LevelChoice(lv.id, lv.title, lv.summary) for lv in loaded.scenario.levels)
    return replace(entry, time_limit=loaded.scenario.end.time_limit, levels=levels), loaded


def entries() -> list[ScenarioEntry]:
    """Every scenario in the catalog's folder, the default scenario first, then by id."""
    folder = locate.scenario_dir()
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    found = [read_entry(p) for p in paths]
    return sorted(found, key=lambda e: (e.id != locate.DEFAULT_SCENARIO, e.id))


def best_scores(trainee: str) -> dict[str, float]:
    """Scenario id -> the trainee's best overall score in drills they played in the game.

    Bots' and scripts' sessions (`icdrill run`) are not the trainee's play and do not count.
    An unreadable history gives no scores: the picker still opens."""
    from tui.store.datadir import history_path
    from tui.store.history import History, HistoryError

    try:
        sessions = History(history_path()).sessions(trainee)
    except HistoryError:
        return {}
    best: dict[str, float] = {}
    for session in sessions:
        if session.driver == "player" and session.overall is not None:
            best[session.scenario] = max(best.get(session.scenario, session.overall), session.overall)
    return best


def _seconds(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        try:
            return parse_duration(value) or DEFAULT_TIME_LIMIT
        except ValueError:
            pass
    return DEFAULT_TIME_LIMIT


def _levels(value: object) -> tuple[LevelChoice, ...]:
    """The levels as far as the YAML alone says them; the full check replaces them with the validated ones."""
    if not isinstance(value, list):
        return ()
    found = []
    for item in value:
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, str) and ident:
            title, summary = item.get("title"), item.get("summary")
            found.append(
                LevelChoice(ident, title if isinstance(title, str) and title.strip() else ident, summary if isinstance(summary, str) else "")
            )
    return tuple(found)


def _first_lines(text: str) -> str:
    lines = text.strip().splitlines()
    if len(lines) > MAX_ERROR_LINES:
        lines = [*lines[:MAX_ERROR_LINES], f"... and {len(lines) - MAX_ERROR_LINES} more (icdrill validate shows them all)"]
    return "\n".join(lines)
