"""Play a whole drill headless: a bot or a command script in the IC seat, as fast as the CPU allows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sim.play.bots import BOTS, Bot
from sim.engine import Engine

if TYPE_CHECKING:
    from sim.scenario import LoadedScenario

TICK = 15  # seconds of sim time between a bot's looks at the view


def play(
    loaded: LoadedScenario,
    seed: int,
    bot: Bot | str | None = None,
    script: Iterable[tuple[int, str]] = (),
    tick: int = TICK,
) -> Engine:
    """Run a new drill to the end; the engine returned holds the log, the view and the outcome's inputs."""
    return drive(Engine(loaded, seed), bot, script, tick)


def drive(
    engine: Engine,
    bot: Bot | str | None = None,
    script: Iterable[tuple[int, str | dict[str, Any]]] = (),
    tick: int = TICK,
) -> Engine:
    """Run an existing engine to the end (so a Recorder attached to it hears every event).

    A script's item is an IC command (text) or a facilitator's request (a dict, `Engine.inject`).
    Nothing is submitted once the drill has ended, neither the rest of a bot's look nor the rest
    of a script: a live session and its replay then stop at the same command.

    The bot is asked at a tick only when a public event has reached the view since it last looked
    or when the time it asked to look again by (`Bot.next_look`) has come: a look at an unchanged
    view before then would answer nothing, so skipping it leaves the log exactly as it was.
    """
    if isinstance(bot, str):
        bot = BOTS[bot]()
    pending = list(script)
    seen = -1  # the view's version when the bot last looked
    wake: int | None = None  # when the bot asked to look again, whatever happens
    while not engine.ended:
        target = engine.now + tick
        while pending and pending[0][0] <= target and not engine.ended:
            t, item = pending.pop(0)
            engine.advance(t)
            if isinstance(item, str):
                engine.submit(item)
            else:
                engine.inject(item)  # a facilitator's request, as a replay of a live session has it
        engine.advance(target)
        view = engine.view
        if bot is not None and not engine.ended and (view.version != seen or (wake is not None and view.now >= wake)):
            seen = view.version
            for text in bot.decide(view):
                if engine.ended:
                    break
                engine.submit(text)
            wake = bot.next_look(view)
    return engine
