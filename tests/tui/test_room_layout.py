"""The room on the play screen, in the app: both terminal sizes, the bell and pause on page, the
DMs tab, the service drill-down, and lines re-wrapped after a resize."""

from __future__ import annotations

import re
from pathlib import Path

import tui_pilot
from test_room_and_debrief import SEED, opened, sale_day
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import TabbedContent
from tui_pilot import log_text, play, settled

from sim.scenario import load_scenario
from tui.app import IcdrillApp
from tui.screens.service_detail import ServiceDetailScreen
from tui.widgets import CommandInput, PeoplePanel, RoomPanel, ServiceMap, StatusBar, TaskBoard, Timeline

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml"


def on_screen(app: IcdrillApp, widget: Widget) -> bool:
    """Shown, and wholly inside the terminal."""
    region, screen = widget.region, app.screen.region
    return widget.display and region.area > 0 and screen.contains_region(region)


def lines(widget: Widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.outer_size.height)]


def paged_app() -> IcdrillApp:
    return IcdrillApp(load_scenario(TINY), seed=0)


async def page_arrives(pilot: Pilot) -> None:
    app = pilot.app
    app.engine.advance(90)  # the IC's page came at T+01:00
    app.show_view()
    await pilot.pause()


def test_at_80x24_the_page_timeline_room_and_command_line_are_all_on_screen_and_f8_shows_the_map(monkeypatch):
    monkeypatch.setattr(tui_pilot, "SIZE", (80, 24))
    app = IcdrillApp(sale_day(), seed=SEED)

    async def steps(pilot: Pilot) -> None:
        app.paused = True
        app.engine.advance(130)  # paged, not yet acknowledged
        app.show_view()
        await pilot.pause()
        status = app.screen.query_one(StatusBar)
        assert "you are paged: /ack" in lines(status)[0]
        opened(app.engine)
        app.show_view()
        timeline, room = app.screen.query_one(Timeline), app.screen.query_one(RoomPanel)
        await settled(pilot, lambda: room.region.area > 0)
        assert all(on_screen(app, w) for w in (status, timeline, room, app.screen.query_one(CommandInput)))
        assert timeline.scrollable_content_region.height >= 8
        assert not app.screen.query_one(ServiceMap).region.area  # the small layout leaves it out...
        await pilot.press("f8")  # ...until F8
        people = app.screen.query_one(PeoplePanel)
        await settled(pilot, lambda: people.region.area > 0)
        assert all(on_screen(app, w) for w in (app.screen.query_one(ServiceMap), people, app.screen.query_one("#tasks-board")))
        shown = "\n".join(lines(people))
        for pid in app.engine.view.people:  # every id whole, what each does too
            assert re.search(rf"^{re.escape(pid)} ", shown, re.M), pid
        assert re.search(r"^kenji .*investigate", shown, re.M)  # what he does, wrapped in its column
        assert app.screen.query_one(ServiceMap).has_focus  # its arrows and Enter work at once
        await pilot.press("f8")
        await settled(pilot, lambda: timeline.region.area > 0)
        assert app.screen.query_one(CommandInput).has_focus

    play(app, steps, begin=True)


def test_at_120x40_the_map_people_tasks_timeline_and_room_are_all_on_screen():
    app = IcdrillApp(sale_day(), seed=SEED)

    async def steps(pilot: Pilot) -> None:
        app.paused = True
        opened(app.engine)
        app.show_view()
        await pilot.pause()
        widgets = [app.screen.query_one(kind) for kind in (StatusBar, ServiceMap, PeoplePanel, Timeline, RoomPanel)]
        widgets.append(app.screen.query_one("#tasks", TaskBoard))
        await settled(pilot, lambda: all(on_screen(app, w) for w in widgets))
        assert "kenji investigate checkout" in " ".join(lines(widgets[-1]))
        assert "checkout" in " ".join(lines(widgets[1]))

    play(app, steps, begin=True)


def test_a_new_page_rings_once_and_with_f7_pauses_the_clock(monkeypatch):
    app = paged_app()
    rung: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(None))

    async def steps(pilot: Pilot) -> None:
        await pilot.press("f7")
        assert app.screen.pause_on_page and not app.paused
        await page_arrives(pilot)
        assert app.paused and len(rung) == 1
        assert "⏸ PAUSED" in lines(app.screen.query_one(StatusBar))[0]
        assert app.screen.query_one(StatusBar).has_class("-flash")
        app.show_view()  # the same page, shown again: no second bell
        app.show_view()
        assert len(rung) == 1

    play(app, steps, begin=True)


def test_without_f7_the_page_rings_but_the_clock_runs_on(monkeypatch):
    app = paged_app()
    rung: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(None))

    async def steps(pilot: Pilot) -> None:
        await page_arrives(pilot)
        assert len(rung) == 1 and not app.paused

    play(app, steps, begin=True)


def test_the_dms_tab_counts_unread_until_looked_at():
    app = IcdrillApp(sale_day(), seed=SEED)

    async def steps(pilot: Pilot) -> None:
        app.paused = True
        opened(app.engine)  # kenji has asked the IC a question
        app.show_view()
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        assert str(tabs.get_tab("tab-dms").label) == "DMs · 1 unread"
        await pilot.press("f9")
        await settled(pilot, lambda: str(tabs.get_tab("tab-dms").label) == "DMs")
        dms = app.screen.query_one("#dms")
        await settled(pilot, lambda: "kenji" in " ".join(s.text for s in dms.lines))
        assert app.screen.query_one(CommandInput).has_focus  # typing still goes to the line
        await pilot.press("f9")
        await settled(pilot, lambda: tabs.active == "tab-timeline")

    play(app, steps, begin=True)


def test_selecting_a_service_opens_its_drill_down_and_esc_closes_it():
    app = IcdrillApp(sale_day(), seed=SEED)

    async def steps(pilot: Pilot) -> None:
        app.paused = True
        tree = app.screen.query_one(ServiceMap)
        await pilot.press("f8")  # the keys go to the map
        assert tree.has_focus and tree.cursor_line == 0
        await pilot.press("down", "enter")  # the second line: the first root's first dependency
        await settled(pilot, lambda: isinstance(app.screen, ServiceDetailScreen))
        body = " ".join(lines(app.screen.query_one("#detail-body")))
        service = app.screen.service
        assert service == tree.get_node_at_line(1).data
        assert body.startswith(service) and "owner:" in body and "depends on:" in body and "used by:" in body
        await pilot.press("escape")
        await settled(pilot, lambda: not isinstance(app.screen, ServiceDetailScreen))
        await pilot.press("f8")
        assert app.screen.query_one(CommandInput).has_focus

    play(app, steps, begin=True)


def test_lines_written_before_a_resize_are_wrapped_again_to_the_new_width():
    app = paged_app()
    long = "word " * 60

    async def steps(pilot: Pilot) -> None:
        timeline = app.screen.query_one(Timeline)
        timeline.hint(long.strip())
        await settled(pilot, lambda: log_text(app).endswith("word word"))
        wide = len(timeline.lines)
        await pilot.resize_terminal(80, 24)
        await settled(pilot, lambda: len(timeline.lines) > wide)
        width = timeline.scrollable_content_region.width
        assert all(strip.cell_length <= width for strip in timeline.lines)
        assert log_text(app).count("word") >= 60  # nothing lost on the way
        await pilot.resize_terminal(120, 40)
        await settled(pilot, lambda: len(timeline.lines) == wide)

    play(app, steps, begin=True)
