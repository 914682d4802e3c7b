"""What the TUI tests share: running the app under a pilot, waiting on its own messages, reading
what it shows.

No test sleeps for a number of seconds. A test that needs the app to get somewhere waits for the
message the app posts when it is there (`IcdrillApp.Ticked`, `SessionClosed`, `ParShown`), seen
through `run_test`'s message hook. What follows on screen (a panel composed, laid out, a log
scrolled) takes the app a round or two more of handling what is queued: `settled` gives it those
with `await pilot.pause()` (no number) until the screen shows what the test waits for. LIMIT and
ROUNDS only turn an app that never gets there into a failure.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from typing import TypeVar

from textual.app import App
from textual.message import Message
from textual.pilot import Pilot

from tui.app import IcdrillApp
from tui.widgets import CommandInput, Timeline

SIZE = (120, 40)
LIMIT = 30.0  # seconds; never reached by an app that works, however loaded the machine
ROUNDS = 100  # pilot.pause() rounds; a change of layout and the scroll after it settle in two or three
M = TypeVar("M", bound=Message)


class Signals:
    """The messages the app handles, for a test to wait on; `hook` is given to `run_test`."""

    def __init__(self) -> None:
        self._waiting: list[tuple[type[Message], asyncio.Future]] = []

    def hook(self, message: Message) -> None:
        # Called on the app's event loop, just before the message's handlers run.
        for kind, future in self._waiting:
            if isinstance(message, kind) and not future.done():
                future.set_result(message)

    async def next(self, kind: type[M]) -> M:
        """The next `kind` message from now on."""
        waiting = (kind, asyncio.get_running_loop().create_future())
        self._waiting.append(waiting)
        try:
            return await asyncio.wait_for(waiting[1], LIMIT)
        except TimeoutError:
            raise AssertionError(f"the app posted no {kind.__qualname__} in {LIMIT:g} s") from None
        finally:
            self._waiting.remove(waiting)


_SIGNALS: weakref.WeakKeyDictionary[App, Signals] = weakref.WeakKeyDictionary()


def play(app: IcdrillApp, steps: Callable[[Pilot], Awaitable[None]], *, begin: bool = False) -> None:
    """Run `steps(pilot)` inside the app in a fresh event loop (no async test plugin); `begin`
    takes the IC seat first (Enter on the briefing)."""
    signals = _SIGNALS[app] = Signals()

    async def main() -> None:
        async with app.run_test(size=SIZE, message_hook=signals.hook) as pilot:
            await pilot.pause()
            if begin:
                await pilot.press("enter")
                await pilot.pause()
            await steps(pilot)

    asyncio.run(main())


async def next_signal(pilot: Pilot, kind: type[M]) -> M:
    """Wait for the app's next `kind` message."""
    return await _SIGNALS[pilot.app].next(kind)


async def until(pilot: Pilot, condition: Callable[[], object], kind: type[Message] = IcdrillApp.Ticked) -> None:
    """Wait on the app's `kind` messages (by default: clock ticks) until `condition()` holds.

    The condition is checked first, so a moment that has already come is not waited for.
    """
    while not condition():
        await next_signal(pilot, kind)


async def settled(pilot: Pilot, condition: Callable[[], object]) -> None:
    """Let the app handle what is queued and lay out, one `pilot.pause()` at a time, until
    `condition()` holds on screen."""
    for _ in range(ROUNDS):
        if condition():
            return
        await pilot.pause()
    assert condition(), f"the screen did not settle in {ROUNDS} rounds"


async def paste_command(pilot: Pilot, text: str) -> None:
    """Put a whole command in the input at once and send it."""
    pilot.app.screen.query_one(CommandInput).value = text
    await pilot.press("enter")
    await pilot.pause()


def log_text(app: App) -> str:
    """Everything the timeline has rendered, wrapping undone."""
    return squash(" ".join(strip.text for strip in app.screen.query_one(Timeline).lines))


def squash(text: str) -> str:
    return " ".join(text.split())
