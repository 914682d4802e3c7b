"""Difficulty levels: a scenario played with its noise, responders and stakeholder pressure scaled.

A level (`sim.scenario.model.Level`) names three factors. `at_level` turns a loaded scenario into
the same scenario with the figures those factors govern scaled, so that the engine, the player's
view and every reader (scoring, par, the report) read the same figures: a drill played at a level
replays and scores exactly as it was played, from the scenario file, the seed, the commands and
the level its recording names. The figures are scaled, never the engine's randomness: a level
draws from the same seeded streams, it only changes what a draw is compared with or multiplied by.

What each factor scales, for any scenario and any org (the model's descriptions say the same):
- noise: every alert's `noise` and `flaps`, each capped at 1.0;
- responders: each person's `ack_latency` (times it) and `speed` (divided by it, so tasks take
  longer), and behaviour's `task_ack`, `broadcast_delay`, `owner_lookup`, `comms_lag`,
  `scribe_lag`, `tech_lead_lag` and `evidence_lag`;
- pressure: the stakeholders' times are divided by it: each manager's `joins_at`, `theory_at`,
  `status_after`, `status_repeat`, the Head of Sales' `starts` and `every`, the executive's
  `at` and `grabs_after`.
A scaled duration is a whole number of seconds, and one that was above zero stays above zero.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sim.scenario.model import Level, Scenario

if TYPE_CHECKING:
    from sim.scenario.loader import LoadedScenario

RESPONDER_BEHAVIOUR = ("task_ack", "broadcast_delay", "owner_lookup", "comms_lag", "scribe_lag", "tech_lead_lag", "evidence_lag")
MANAGER_TIMES = ("joins_at", "theory_at", "status_after", "status_repeat")
SALES_TIMES = ("starts", "every")
EXECUTIVE_TIMES = ("at", "grabs_after")


class UnknownLevel(ValueError):
    """The level asked for is not one the scenario declares; the message lists those it does."""


def level_named(scenario: Scenario, level_id: str) -> Level | None:
    """The scenario's level of that id, or None."""
    return next((level for level in scenario.levels if level.id == level_id), None)


def level_choices(scenario: Scenario) -> str:
    """The scenario's level ids as a user reads them: 'easy, hard', or a sentence saying it has none."""
    if not scenario.levels:
        return "it declares no levels (it is played as written)"
    return "its levels are " + ", ".join(level.id for level in scenario.levels)


def at_level(loaded: LoadedScenario, level_id: str | None) -> LoadedScenario:
    """``loaded`` played at the level ``level_id`` (None: as written, ``loaded`` itself).

    The content hash stays the file's: the level is recorded beside it (`LoadedScenario.level`, the
    log header's `level`). Asking twice for one level of one scenario object gives the same
    scenario object, so what is derived from it once per scenario (`sim.scenario.shared`) is too.
    Raises UnknownLevel for an id the scenario does not declare."""
    if level_id is None or loaded.level == level_id:
        return loaded
    if loaded.level is not None:
        raise ValueError(f"the scenario is already at level {loaded.level!r}; scale the scenario as written")
    from sim.scenario.shared import per_scenario  # networkx under it: not for the game's first frame

    level = level_named(loaded.scenario, level_id)
    if level is None:
        name = loaded.scenario.scenario.id
        raise UnknownLevel(f"no level {level_id!r} in scenario '{name}': {level_choices(loaded.scenario)}")
    scaled = per_scenario(loaded.scenario, ("level", level.id), lambda: scale(loaded.scenario, level))
    return replace(loaded, scenario=scaled, level=level.id)


def scale(scenario: Scenario, level: Level) -> Scenario:
    """The scenario with the figures ``level``'s factors govern scaled (see the module's note)."""
    update: dict[str, object] = {}
    if level.noise != 1:
        update["alerts"] = [
            a.model_copy(update={"noise": min(1.0, a.noise * level.noise), "flaps": min(1.0, a.flaps * level.noise)})
            for a in scenario.alerts
        ]
    if level.responders != 1:
        f = level.responders
        update["people"] = {
            pid: p.model_copy(update={"ack_latency": _times(p.ack_latency, f), "speed": p.speed / f})
            for pid, p in scenario.people.items()
        }
        update["behaviour"] = _scaled(scenario.behaviour, RESPONDER_BEHAVIOUR, f)
    if level.pressure != 1:
        f = 1 / level.pressure
        stakeholders = scenario.stakeholders
        update["stakeholders"] = stakeholders.model_copy(
            update={
                "managers": [_scaled(m, MANAGER_TIMES, f) for m in stakeholders.managers],
                "head_of_sales": _scaled(stakeholders.head_of_sales, SALES_TIMES, f),
                "executive": _scaled(stakeholders.executive, EXECUTIVE_TIMES, f),
            }
        )
    return scenario.model_copy(update=update)


def _scaled(part, fields: tuple[str, ...], factor: float):
    """A copy of a model part with the durations ``fields`` multiplied by ``factor`` (None stays None)."""
    if part is None:
        return None
    return part.model_copy(update={name: _times(getattr(part, name), factor) for name in fields})


def _times(seconds: int, factor: float) -> int:
    """Whole seconds of ``seconds * factor``; above zero stays above zero (a zero wait could loop)."""
    if seconds <= 0:
        return seconds
    return max(1, round(seconds * factor))
