"""A whole drill played as a trainee plays it (issue 11): only keys. The command words are typed a
few letters at a time and finished with Tab, the severity is chosen on the form (F5), the status
updates are sent from the prefilled form (F6), and the debrief that opens at the end shows the
score the scorer gives the log.

The clock is the one thing the test moves itself: F2 pauses it, and the engine is advanced to the
times a good IC would act at, so the score does not depend on how fast the machine is.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from tui_pilot import next_signal, play, settled, squash

from sim.reading.scoring import score
from tui.app import IcdrillApp, build_app
from tui.screens import SeverityForm, UpdateForm
from tui.widgets import CommandInput

TINY = str(Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml")

# (sim time, the keys pressed, the command they must have made); "F5:0" is the severity form and
# its level key, "F6" the update form sent as prefilled.
TYPED = [
    (75, ["/a", "tab", "enter"], "/ack"),
    (75, ["F5", "0"], "/declare sev0"),
    (90, ["/pa", "tab", "da", "tab", "enter"], "/page data"),
    (90, ["/pa", "tab", "ap", "tab", "enter"], "/page app"),
    (150, ["/ass", "tab", "bo", "tab", "inv", "tab", "d", "tab", "10", "tab", "enter"], "/assign bob investigate db 10m"),
    (330, ["/ass", "tab", "Bob", "tab", "res", "tab", "d", "tab", "10", "tab", "enter"], "/assign bob restart db 10m"),
    (345, ["F6"], "/update "),
    (465, ["/mi", "tab", "enter"], "/mitigated"),
    (510, ["/ro", "tab", "an", "tab", "comm", "tab", "enter"], "/role ann comms-lead"),
    (585, ["/ro", "tab", "bo", "tab", "scr", "tab", "enter"], "/role bob scribe"),
    (645, ["F6"], "/update "),
    (645, ["/reso", "tab", "enter"], "/resolve"),
]


async def press_keys(pilot: Pilot, keys: list[str]) -> None:
    app: IcdrillApp = pilot.app
    for key in keys:
        if key == "F5":
            await pilot.press("f5")
            await settled(pilot, lambda: isinstance(app.screen, SeverityForm))
        elif key == "F6":
            await pilot.press("f6")
            await settled(pilot, lambda: isinstance(app.screen, UpdateForm))
            await pilot.press("ctrl+s")  # sent as the form prefilled it from the view
        elif key in ("tab", "enter") or len(key) == 1 and isinstance(app.screen, SeverityForm):
            await pilot.press(key)
        else:
            await pilot.press(*key)  # letters, one key each
        await pilot.pause()


def test_a_drill_played_with_keys_completion_and_forms_only_ends_in_a_debrief_with_its_score():
    app = build_app(TINY)

    async def steps(pilot: Pilot) -> None:
        await pilot.press("f2")  # pause: the test moves the clock
        await settled(pilot, lambda: app.paused)
        line = app.screen.query_one(CommandInput)
        for t, keys, command in TYPED:
            app.engine.advance(t)
            app.show_view()
            await press_keys(pilot, keys)
            await settled(pilot, lambda: len(app.engine.view.commands) > 0 and app.engine.view.commands[-1].text.startswith(command))
            said = app.engine.view.commands[-1]
            assert said.refused is None, (said.text, said.refused)
            if not app.engine.ended:
                assert line.value == ""  # sent, and the line is clear for the next one
        assert app.engine.ended
        closed = await next_signal(pilot, IcdrillApp.SessionClosed) if app.closed is None else app.closed
        updates = [s.text for s in app.engine.view.commands if s.text.startswith("/update ")]
        assert len(updates) == 2 and all("Impact:" in u and "Next update:" in u for u in updates)
        assert app.engine.view.severity == "Sev0"
        expected = score(app.loaded.scenario, app.engine.log.entries)
        assert closed.card.overall == expected.overall and expected.overall >= 90
        await settled(pilot, lambda: app.screen is app.debrief)
        shown = squash(" ".join(strip.text for strip in app.debrief.query_one("#debrief-summary").render_lines(
            app.debrief.query_one("#debrief-summary").region.reset_offset)))
        assert f"Score {expected.overall:.1f} / 100" in shown

    play(app, steps, begin=True)
