"""Completion in the command line: the pure candidates (`tui.completion`) and Tab in the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from tui_pilot import play, settled, squash

from sim.scenario.commands import USAGE, Usage
from tui.app import build_app
from tui.completion import COMMANDS, Cycle, Vocabulary, complete, slots, tab, vocabulary
from tui.widgets import CommandInput, Suggestions
from tui.widgets.suggestions import hint_text

TINY = str(Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml")
VOCAB = Vocabulary(
    people=(("ana", "Traci King"), ("dana", "Dana Whitfield"), ("omar", "Jasmine Hancock"), ("sam", "David Singh")),
    teams=("payments", "platform"),
    services=("checkout", "payments-api", "payments-db"),
    managers=("sam",),
    severities=("Sev0", "Sev1", "Sev2", "Sev3"),
)


def inserts(line: str, cursor: int | None = None, vocab: Vocabulary = VOCAB) -> list[str]:
    return [c.insert for c in complete(line, len(line) if cursor is None else cursor, vocab).candidates]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/as", ["/assign", "/ask"]),
        ("/ASS", ["/assign"]),
        ("/he", ["/help"]),
        ("/zz", []),
        ("hello", []),
        ("/assign d", ["dana", "sam"]),  # sam is David Singh: a first name finds the id
        ("/assign jas", ["omar"]),
        ("/assign dana ", ["investigate", "restart", "rollback", "failover", "scale-up", "flush-cache",
                           "disable-flag", "block-traffic", "renew-cert", "config-push"]),
        ("/assign dana re", ["restart", "renew-cert"]),
        ("/assign dana restart pay", ["payments-api", "payments-db"]),
        ("/assign dana restart checkout 1", ["10m", "15m"]),
        ("/assign dana restart checkout 10m ", []),  # past the syntax
        ("/page pa", ["payments"]),  # PERSON|TEAM: teams too
        ("/page ", ["ana", "dana", "omar", "sam", "payments", "platform"]),
        ("/escalate p", ["payments", "platform"]),
        ("/declare ", ["sev0", "sev1", "sev2", "sev3"]),
        ("/sev SEV2", ["sev2"]),
        ("/role dana comms", ["comms-lead"]),
        ("/unrole s", ["scribe"]),
        ("/redirect ", ["sam"]),  # MANAGER: the managers in the channel only
        ("/dm ", ["ana", "dana", "omar", "sam"]),
        ("/dm dana ", []),  # TEXT: free text, nothing to complete
        ("/dm dana hello d", []),
        ("/update Impact", []),
        ("/ticket pay", ["payments-api", "payments-db"]),
        ("/ticket payments-db ", []),
        ("/ack ", []),
        ("/nosuch d", []),
    ],
)
def test_candidates_by_the_slot_at_the_cursor(line, expected):
    assert inserts(line) == expected


def test_every_command_is_offered_and_every_slot_is_read_from_its_syntax():
    assert inserts("/") == [f"/{u.name}" for u in USAGE] + ["/help"]
    for usage in USAGE:
        for slot in slots(usage):
            assert slot.name.isupper(), (usage.syntax, slot)  # no literal words in today's syntax


def test_a_new_command_gets_completion_from_its_syntax_alone(monkeypatch):
    new = Usage("handover", "/handover PERSON|TEAM ROLE [TIMEBOX]", "hand a role over")
    monkeypatch.setattr("tui.completion.COMMANDS", (*COMMANDS, new))
    assert inserts("/hand") == ["/handson", "/handover"]
    assert inserts("/handover omar s") == ["scribe"]
    assert inserts("/handover pl") == ["platform"]
    assert inserts("/handover ana deputy ") == ["5m", "10m", "15m", "20m", "30m"]


def test_the_word_under_the_cursor_is_the_one_completed():
    line = "/assign da investigate checkout"
    completion = complete(line, 9, VOCAB)  # inside "da", after its d
    assert (completion.start, completion.end, completion.word) == (8, 10, "d")
    assert completion.usage.name == "assign" and completion.slot == 0
    assert tab(line, 10, VOCAB) == (line, 10)  # dana, David Singh (sam): no common prefix to add
    assert tab("/assign om investigate checkout", 10, VOCAB) == ("/assign omar investigate checkout", 13)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/ass", ("/assign ", 8)),  # one candidate: completed, with a space
        ("/as", ("/as", 3)),  # /assign or /ask: nothing more in common
        ("/assign dana restart pay", ("/assign dana restart payments-", 30)),  # the common prefix
        ("/assign jas", ("/assign omar ", 13)),  # a first name puts in the id
        ("/declare s", ("/declare sev", 12)),
        ("/dm dana hi", ("/dm dana hi", 11)),
        ("", ("/", 1)),
    ],
)
def test_tab(line, expected):
    assert tab(line, len(line), VOCAB) == expected


def test_tab_again_cycles_through_the_candidates_and_back():
    line = "/assign d investigate checkout"
    cycle = Cycle.begin(line, complete(line, 9, VOCAB))
    seen = [cycle.next() for _ in range(3)]
    assert seen == [
        ("/assign dana investigate checkout", 12),
        ("/assign sam investigate checkout", 11),
        ("/assign dana investigate checkout", 12),
    ]
    assert cycle.holds(*seen[-1]) and not cycle.holds("/assign dan investigate checkout", 11)
    assert Cycle.begin("/ass", complete("/ass", 4, VOCAB)) is None  # one candidate: nothing to cycle


def test_vocabulary_comes_from_the_view():
    app = build_app(TINY)
    vocab = vocabulary(app.engine.view)
    assert [pid for pid, _ in vocab.people] == ["ann", "bob", "cy"]
    assert vocab.services == ("db", "reports", "web") and vocab.teams == ("app", "data")
    assert vocab.severities == ("Sev0", "Sev1", "Sev2", "Sev3") and vocab.managers == ()


HOSTILE = "[@click=app.quit]x[/] [bold]b[/bold]\x1b[2J"


def test_candidates_from_the_scenario_are_shown_literally():
    vocab = Vocabulary(people=(("eve", HOSTILE),), services=("[red]db[/red]",))
    completion = complete("/assign ", 8, vocab)
    text = hint_text(completion)
    assert isinstance(text, Text) and all("click" not in str(span.style) for span in text.spans)
    assert "[@click=app.quit]x[/]" in text.plain and "\\x1b[2J" in text.plain and "\x1b" not in text.plain
    assert "[red]db[/red]" in hint_text(complete("/owner ", 7, vocab)).plain


def test_tab_completes_in_the_line_and_keeps_the_focus():
    app = build_app()

    async def scenario(pilot: Pilot) -> None:
        app.paused = True
        line = app.screen.query_one(CommandInput)
        strip = app.screen.query_one(Suggestions)
        assert not strip.display  # nothing typed, no strip
        await pilot.press(*"/as")
        await settled(pilot, lambda: strip.display)
        assert "/assign" in squash(strip.render().plain) and "/ask" in squash(strip.render().plain)
        assert strip.region.bottom == line.region.y  # floating just above the line, taking no row from it
        await pilot.press("s", "tab")
        assert line.value == "/assign " and app.focused is line
        await settled(pilot, lambda: "PERSON ACTION SERVICE [TIMEBOX] — give a named person a task" in strip.render().plain)
        await pilot.press(*"benal", "tab")
        assert line.value == "/assign omar "  # Omar Benali: a word of his name puts in his id
        await pilot.press(*"inv", "tab", *"pay", "tab")
        assert line.value == "/assign omar investigate payments-"
        await pilot.press("tab")  # payments-api or payments-db: Tab cycles
        assert line.value == "/assign omar investigate payments-api"
        await pilot.press("tab")
        assert line.value == "/assign omar investigate payments-db"
        await settled(pilot, lambda: "payments-db" in strip.render().plain)
        await pilot.press("space", *"1", "tab")  # 10m or 15m, nothing more in common: Tab cycles at once
        assert line.value == "/assign omar investigate payments-db 10m"
        await pilot.press("tab")
        assert line.value == "/assign omar investigate payments-db 15m"
        await pilot.press("backspace", "backspace", "backspace", *"10", "tab")  # the cycle ended with the edit
        assert line.value == "/assign omar investigate payments-db 10m "
        assert app.focused is line
        await pilot.press("enter")
        await settled(pilot, lambda: not strip.display)
        assert app.engine.view.commands[-1].text == "/assign omar investigate payments-db 10m"

    play(app, scenario, begin=True)


def test_the_strip_goes_when_the_drill_ends_and_the_forms_keys_with_it():
    from tui.app import IcdrillApp
    from tui.screens import SeverityForm, UpdateForm
    from tui_pilot import next_signal

    app = build_app(TINY)

    async def scenario(pilot: Pilot) -> None:
        strip = app.screen.query_one(Suggestions)
        await pilot.press(*"/pa")
        await settled(pilot, lambda: strip.display)
        app.engine.advance(app.loaded.scenario.end.time_limit)
        await next_signal(pilot, IcdrillApp.SessionClosed)
        await settled(pilot, lambda: not strip.display)
        await pilot.press("f5", "f6")
        await pilot.pause()
        assert not isinstance(app.screen, (SeverityForm, UpdateForm))  # the debrief is up; no form opens over it

    play(app, scenario, begin=True)
