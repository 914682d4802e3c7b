"""The severity (F5) and status-update (F6) forms: what they show, and that what they produce goes
the way of a typed command (the engine judges it, the timeline shows it)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_pilot import log_text, paste_command, play, settled, squash

from sim.scenario.model import SeverityLevel
from tui.app import build_app
from tui.forms_text import impact_now, level_keys, severity_command, update_prefill, update_text
from tui.screens import PlayScreen, SeverityForm, UpdateForm
from tui.widgets import CommandInput
from tui.widgets.command_input import PlainInput

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TINY = str(FIXTURES / "tiny.yaml")
DETECTED = 240  # the default scenario's first alert fires at 3m


def screen_text(app) -> str:
    return squash("\n".join(strip.text for strip in app.screen._compositor.render_strips()))


def test_level_keys_say_the_level_when_they_can():
    assert level_keys(["Sev0", "Sev1", "Sev2", "Sev3"]) == ["0", "1", "2", "3"]
    assert level_keys(["P1", "P2", "P11"]) == ["1", "2", "3"]  # two names end in 1: places instead
    assert level_keys([f"L{n}x" for n in range(11)])[-2:] == ["", ""]  # past nine: arrows only


def test_severity_command_declares_first_then_changes():
    app = build_app(TINY)
    view = app.engine.view
    assert severity_command(view, "Sev2") == "/declare sev2"
    app.engine.advance(120)
    app.engine.submit("/declare sev2")
    assert severity_command(view, "Sev1") == "/sev sev1"


def test_impact_now_and_the_prefill_come_from_the_view():
    app = build_app()
    app.engine.advance(DETECTED)
    view = app.engine.view
    lines = impact_now(view)
    assert lines[0] == f"Dashboards: {view.observed_impact:.0%} of customers affected."
    assert any(line.startswith("Alerts firing: checkout-errors (checkout, critical)") for line in lines)
    impact, actions, upcoming = update_prefill(view)
    assert impact.startswith(f"{view.observed_impact:.0%} of customers affected (checkout degraded")
    assert actions == "assessing" and upcoming == "in 5 min"  # not declared: the first update's delay
    app.engine.submit("/declare sev1")
    app.engine.submit("/page dana")
    app.engine.advance(DETECTED + 160)
    app.engine.submit("/assign dana investigate payments-db")
    app.engine.advance(DETECTED + 260)
    _, actions, upcoming = update_prefill(view)
    assert "Dana Whitfield on investigate payments-db" in actions
    assert upcoming == f"in {view.update_interval() // 60} min"


def test_update_text_follows_the_template():
    assert update_text("30% of customers.", " Dana on  restart db ", "in 10 min") == (
        "Impact: 30% of customers. Actions: Dana on restart db. Next update: in 10 min."
    )
    assert update_text("", "assessing", "") == "Actions: assessing."


def test_f5_shows_the_ladder_without_choosing_and_a_key_declares():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        app.engine.advance(DETECTED)
        app.show_view()
        running = not app.paused
        await pilot.press("f5")
        await settled(pilot, lambda: isinstance(app.screen, SeverityForm))
        assert app.paused  # the clock waits
        assert app.screen.query_one(OptionList).highlighted is None  # no level suggested
        shown = screen_text(app)
        for needle in ("Sev0 50%+ of customers. Most customers cannot use the product.",
                       "Sev3 any impact. Minor or internal impact.", "Dashboards:", "checkout-errors"):
            assert needle in shown
        await pilot.press("2")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.engine.view.severity == "Sev2"
        assert app.paused != running  # resumed as it was
        assert "you: /declare sev2" in log_text(app)
        # Once declared, the form changes the severity, chosen with the arrows and Enter.
        await pilot.press("f5")
        await settled(pilot, lambda: isinstance(app.screen, SeverityForm))
        await pilot.press("down", "down", "enter")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.engine.view.severity == "Sev1"
        assert "you: /sev sev1" in log_text(app)

    play(app, scenario, begin=True)


def test_declare_alone_opens_the_form_and_esc_sends_nothing():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        app.paused = True
        line = app.screen.query_one(CommandInput)
        await paste_command(pilot, "/declare")
        await settled(pilot, lambda: isinstance(app.screen, SeverityForm))
        await pilot.press("escape")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.engine.view.commands == [] and app.engine.view.severity is None
        assert app.paused and app.focused is line
        # The engine judges what the form sends, as a typed command: nothing is detected yet.
        await paste_command(pilot, "/sev")
        await settled(pilot, lambda: isinstance(app.screen, SeverityForm))
        await pilot.press("0")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.engine.view.severity is None
        said = app.engine.view.commands[-1]
        assert said.text == "/declare sev0" and said.refused.startswith("nothing has been detected yet")
        assert "REFUSED /declare sev0: nothing has been detected yet" in log_text(app)

    play(app, scenario, begin=True)


def test_f6_sends_the_prefilled_update_and_keeps_a_half_typed_line():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        app.paused = True
        app.engine.advance(DETECTED)
        app.engine.submit("/declare sev1")
        app.show_view()
        line = app.screen.query_one(CommandInput)
        await pilot.press(*"/note half")
        await pilot.press("f6")
        await settled(pilot, lambda: isinstance(app.screen, UpdateForm))
        impact = app.screen.query_one("#update-impact", PlainInput)
        assert impact.value.startswith("25% of customers affected") and app.focused is impact
        await pilot.press("tab")  # to the actions field
        actions = app.screen.query_one("#update-actions", PlainInput)
        assert app.focused is actions
        actions.value = ""
        await pilot.press(*"[bold]x[/] paging dana")
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        t, text = app.engine.view.updates[-1]
        assert text.startswith("Impact: 25% of customers affected")
        assert "Actions: [bold]x[/] paging dana. Next update: in 10 min." in text
        assert f"status update: {text}" in log_text(app)  # markup shown as typed
        assert line.value == "/note half" and app.paused

    play(app, scenario, begin=True)


def test_update_alone_opens_the_form_and_an_empty_one_is_not_sent():
    app = build_app(TINY)

    async def scenario(pilot: Pilot) -> None:
        app.paused = True
        await paste_command(pilot, "/update")
        await settled(pilot, lambda: isinstance(app.screen, UpdateForm))
        for field in app.screen.query(PlainInput):
            field.value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UpdateForm)  # nothing to send: the form stays
        app.screen.query_one("#update-impact", PlainInput).value = "none yet \x1b[2J"
        await pilot.press("ctrl+s")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.engine.view.commands[-1].text == "/update Impact: none yet \\x1b[2J."

    play(app, scenario, begin=True)


def test_the_forms_keys_wait_for_the_drill():
    app = build_app(TINY)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("f5", "f6")
        await pilot.pause()
        assert not isinstance(app.screen, (SeverityForm, UpdateForm))  # still the briefing

    play(app, scenario)


def test_prompt_of_a_level_is_literal():
    from tui.screens.severity_form import level_prompt

    level = SeverityLevel(name="[b]S1[/b]", min_impact=0.3, description="[@click=app.quit]x[/]")
    text = level_prompt("1", level.name, "[@click=app.quit]x[/]", False)
    assert "[b]S1[/b]" in text.plain and "[@click=app.quit]x[/]" in text.plain


MARKUP = "[bold]hi[/bold] [@click=app.quit]x[/] [red"


def test_markup_in_the_scenario_reaches_the_forms_and_completion_literally(tmp_path):
    source = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8").replace("name: Ann Lee", f"name: '{MARKUP}'")
    path = tmp_path / "tiny.yaml"
    path.write_text(source, encoding="utf-8")
    app = build_app(str(path))

    async def scenario(pilot: Pilot) -> None:
        app.paused = True
        app.engine.advance(90)
        for command in ("/ack", "/declare sev2", "/page ann"):
            app.engine.submit(command)
        app.engine.advance(200)
        app.engine.submit("/assign ann investigate db")
        app.engine.advance(240)
        app.show_view()
        await pilot.press(*"/dm [bo", "tab")  # a name's first word is matched as typed, markup and all
        assert app.screen.query_one(CommandInput).value == "/dm ann "
        await pilot.press("f6")
        await settled(pilot, lambda: isinstance(app.screen, UpdateForm))
        actions = app.screen.query_one("#update-actions", PlainInput)
        assert actions.value == f"{MARKUP} on investigate db"
        preview = app.screen.query_one("#update-preview").render()
        assert f"Actions: {MARKUP} on investigate db." in preview.plain and not preview.spans[1:]  # as written
        await pilot.press("enter")
        await settled(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert f"Actions: {MARKUP} on investigate db." in app.engine.view.updates[-1][1]
        assert f"Actions: {MARKUP} on investigate db." in log_text(app)

    play(app, scenario, begin=True)
