"""Issue 14's acceptance: a facilitator's inject sent to a RUNNING session through the console's
path (`tui.store.injects.send_inject`) is picked up by the game at a tick, recorded in its log,
and a replay of the recording gives the same log byte for byte and the same score."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from tui_pilot import log_text, next_signal, play, settled, until

from sim.log.recording import read_recording
from sim.play.replay import replay
from tui.app import IcdrillApp, build_app
from tui.store.inbox import send
from tui.store.injects import send_inject

DEFAULT = "payments-db-saturation"  # the default scenario, which declares injects


def kinds(app: IcdrillApp) -> list[str]:
    return [e.event.kind for e in app.engine.log.entries]


def test_an_inject_sent_to_a_running_game_is_played_recorded_and_replayed(tmp_path, monkeypatch):
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(tmp_path))
    app = build_app(DEFAULT, seed=3, record=True, trainee="ann")
    path: list[Path] = []

    async def steps(pilot: Pilot) -> None:
        rec = app.recording.path
        path.append(rec)
        app.engine.advance(200)
        await pilot.pause()
        pilot.app.screen.query_one("#command").value = "/ack"
        await pilot.press("enter")
        # The console's path, while the clock runs: checked against the session, then posted.
        assert send_inject(rec, {"inject": "dana-drops-out"}) is None
        assert send_inject(rec, {"say": {"from": "kenji", "text": "[b]checkout[/b] is on fire\x1b[2J"}}) is None
        send(rec, {"inject": "no-such-inject"})  # written by hand past the console: the game drops it
        await until(pilot, lambda: kinds(app).count("inject_applied") == 2)
        sent_at = app.engine.now
        # Recorded as it happened, at the sim time the game had reached.
        on_disk = read_recording(rec)
        applied = [(e.t, e.event.request) for e in on_disk.entries if e.event.kind == "inject_applied"]
        assert [r for _, r in applied] == [
            {"inject": "dana-drops-out"},
            {"say": {"from": "kenji", "text": "[b]checkout[/b] is on fire\x1b[2J"}},
        ]
        assert all(200 <= t <= sent_at for t, _ in applied)
        assert "inject_refused" not in kinds(app)  # the hand-written one never reached the drill
        # Seen in the room as the people's own messages; the text shown as typed, never as markup.
        await settled(pilot, lambda: "[b]checkout[/b] is on fire\\x1b[2J" in log_text(app))
        assert "Dana Whitfield left the incident channel." in log_text(app)
        assert app.engine.view.people["dana"].status == "off"
        # Once sent, an inject is not sent again.
        assert "already sent" in send_inject(rec, {"inject": "dana-drops-out"})
        app.engine.advance(app.loaded.scenario.end.time_limit)
        await next_signal(pilot, IcdrillApp.SessionClosed)

    play(app, steps, begin=True)
    (rec,) = path
    recording = read_recording(rec)
    assert recording.complete
    result = replay(recording)
    assert result.same_log and result.same_score and result.ok
    assert send_inject(rec, {"inject": "cache-fails-too"}) == "the session has ended"
