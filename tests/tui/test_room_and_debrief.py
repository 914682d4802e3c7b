"""The room panel (what waits on the IC's answer) and the debrief at the end of a drill.

The room is checked on `sale-day-meltdown`, seed 3, where a short script leaves everything open
at T+16:10: Kenji's question, the executive's request, the rollback-or-restart disagreement, the
Head of Sales' pushes and a manager who has not been redirected.
"""

from __future__ import annotations

import dataclasses

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static
from tui_pilot import paste_command, settled, squash, until
from tui_pilot import play as play_app

from sim.scenario import locate as catalog
from sim.log.clock import format_clock
from sim.engine import Engine
from sim.scenario import load_scenario
from sim.play.par import par
from sim.reading.scoring.debrief import to_improve
from tui.app import IcdrillApp
from tui.widgets import EndPanel, RoomPanel, Timeline
from tui.widgets.room import room_asks, room_text

SEED = 3
MARKUP = "[bold]hi[/bold] [link=x] [/] [red"
OPENING = [  # (t, command): by T+16:10 on seed 3 the room is full
    (125, "/ack"),
    (125, "/declare sev1"),
    (130, "/page storefront"),
    (130, "/page payments"),
    (300, "/escalate payments"),
    (420, "/assign kenji investigate checkout 10m"),
]
ROOM_FULL = 970


def sale_day(**names: str):
    """sale-day-meltdown, with some people renamed."""
    loaded = load_scenario(catalog.resolve("sale-day-meltdown"))
    people = dict(loaded.scenario.people)
    for pid, name in names.items():
        people[pid] = people[pid].model_copy(update={"name": name})
    return dataclasses.replace(loaded, scenario=loaded.scenario.model_copy(update={"people": people}))


def opened(engine: Engine, until: int = ROOM_FULL) -> Engine:
    for t, command in OPENING:
        engine.advance(t)
        assert engine.submit(command), engine.view.rejections[-1]
    engine.advance(until)
    return engine


def play(app: IcdrillApp, scenario) -> None:
    async def steps(pilot: Pilot) -> None:
        app.paused = True  # the tests move the clock themselves
        await scenario(pilot)

    play_app(app, steps, begin=True)


def shown(widget: Widget) -> str:
    """What a panel shows: the text of every Static in it, wrapping undone."""
    statics = [widget] if isinstance(widget, Static) else list(widget.query(Static))
    return squash(" ".join(s.render_line(y).text for s in statics for y in range(s.outer_size.height)))


# --- the room, headless ---------------------------------------------------------------------------


def test_the_room_lists_each_open_ask_with_the_command_that_answers_it():
    engine = opened(Engine(sale_day(), SEED))
    view = engine.view
    assert view.questions and view.executive_request and view.conflicts and view.sales_pressure
    text = squash(room_text(room_asks(view)).plain)
    (question,) = [q for _, q in view.questions.values()]
    assert f"Kenji Mori asks: {question} → /dm kenji YOUR ANSWER" in text
    assert "Jordan Reyes (exec) wants a list of every affected customer, now. → /grant · /decline" in text
    assert ("Disagreement: Kenji: rollback checkout vs Luis: restart payments-api "
            "→ /decide kenji or luis · /poll") in text
    assert f"({view.sales_pressure} pushes so far). → /qualify" in text
    assert "Morgan Blake (manager) is in the channel. → /redirect morgan" in text
    assert [a.kind for a in room_asks(view)] == ["executive", "conflict", "question", "sales", "manager"]


def test_what_was_said_while_heads_down_waits_for_back():
    engine = opened(Engine(sale_day(), SEED))
    pressure = engine.view.sales_pressure
    assert engine.submit("/handson investigate payments-db")
    engine.advance(1100)  # the Head of Sales pushes once more meanwhile
    assert [type(m.event).__name__ for m in engine.view.held] == ["SalesPushed"]
    asks = room_asks(engine.view)
    assert asks[0].kind == "heads-down" and asks[0].hint == "/back"
    text = squash(room_text(asks).plain)
    assert "HEADS-DOWN until T+22:10: 1 message held unread" in text
    assert f"({pressure} pushes so far)" in text  # the push not yet read is not counted
    assert engine.submit("/back")
    text = squash(room_text(room_asks(engine.view)).plain)
    assert "HEADS-DOWN" not in text and f"({pressure + 1} pushes so far)" in text


# --- the room, in the app -------------------------------------------------------------------------


def test_the_room_panel_shows_what_waits_on_the_ic_and_empties_as_it_is_answered():
    app = IcdrillApp(sale_day(kenji=MARKUP), seed=SEED)

    async def scenario(pilot: Pilot) -> None:
        panel = app.screen.query_one(RoomPanel)
        assert "nothing is waiting on you" in shown(panel)
        opened(app.engine)
        app.show_view()
        await pilot.pause()
        text = shown(panel)
        assert f"{MARKUP} asks: " in text and "/dm kenji YOUR ANSWER" in text  # markup stays literal
        assert "Jordan Reyes (exec) wants a list of every affected customer" in text
        assert "Disagreement: [bold]hi[/bold]: rollback checkout vs Luis: restart payments-api" in text
        assert "/decide kenji or luis · /poll" in text
        assert panel.border_title == "Room · 5 waiting on you"
        for answer in ("/dm kenji yes, both", "/decline", "/decide luis", "/qualify", "/redirect morgan"):
            await paste_command(pilot, answer)
        assert not app.engine.view.questions and not app.engine.view.conflicts
        assert panel.border_title == "Room"
        # The timeline has every command, those given straight to the engine too, and what a
        # command set off comes after it, at the same second.
        said = squash(" ".join(strip.text for strip in app.screen.query_one(Timeline).lines))
        assert all(f"{format_clock(t)} you: {command}" in said for t, command in OPENING)
        order = ["you: /qualify", "you to ", "you: /redirect morgan", "Morgan Blake: Understood"]
        assert [said.index(s) for s in order] == sorted(said.index(s) for s in order)
        assert shown(panel) == "Morgan Blake (manager) is in the channel, redirected."

    play(app, scenario)


# --- the debrief ----------------------------------------------------------------------------------


def score(d) -> str:
    return f"{d.score:.1f}" if d.judged else "n/a"


def test_the_debrief_shows_the_score_beside_par_three_things_to_improve_and_the_recording(tmp_path, monkeypatch):
    data = tmp_path / "[bold]data[/bold]"  # the path is shown as it is, brackets and all
    monkeypatch.setenv("ICDRILL_DATA_DIR", str(data))
    app = IcdrillApp(sale_day(), seed=SEED, record=True)

    async def scenario(pilot: Pilot) -> None:
        for t, text in OPENING[:4]:
            app.engine.advance(t)
            await paste_command(pilot, text)
        app.engine.advance(app.loaded.scenario.end.time_limit)
        app.show_view()
        await until(pilot, lambda: app.debrief is not None and app.debrief.par is not None, IcdrillApp.ParShown)
        debrief = app.debrief
        pane = debrief.query_one("#debrief-score")
        await settled(pilot, lambda: app.screen is debrief and "(expert bot, same seed)" in shown(debrief.query_one("#debrief-summary")))
        assert app.play.has_class("-ended") and app.play.query_one(EndPanel).display
        assert app.engine.view.executive_request  # still open, but nothing can be answered now
        assert shown(app.play.query_one(RoomPanel)) == "nothing is waiting on you"
        card, expert = app.closed.card, debrief.par
        assert expert.overall == par(app.loaded, SEED).overall
        summary = shown(debrief.query_one("#debrief-summary"))
        assert "NOT resolved" in summary and "customer-impact-minutes" in summary
        assert f"Score {card.overall:.1f} / 100 par {expert.overall:.1f} (expert bot, same seed)" in summary
        text = shown(pane)
        for d in card.dimensions:
            assert f"{d.name} {score(d)} {score(expert.dimension(d.name))}" in text
        improve = to_improve(card)
        assert len(improve) == 3
        for n, (d, finding, _) in enumerate(improve, start=1):
            assert finding.t is None or finding.text.startswith(f"{format_clock(finding.t)}: ")
            assert f"{n}. [{d.name} {finding.points:+.1f}] {squash(finding.text)}" in text
        path = app.closed.recording
        assert path == app.recording.path and path.is_file()
        assert path.parent.parent == data
        unwrapped = "".join(text.split())  # a long path may wrap mid-word
        assert f"Recordedas{path}" in unwrapped
        assert f"icdrillscore{path}" in unwrapped and f"icdrillreport{path}" in unwrapped

    play(app, scenario)
