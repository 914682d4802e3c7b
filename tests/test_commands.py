"""Parsing slash text into commands, and the reasons a malformed command is refused."""

import pytest

from sim.scenario.commands import Ack, Assign, Declare, Page, ParseError, Resolve, SetSeverity, Update, parse


@pytest.mark.parametrize(
    "text, command",
    [
        ("/ack", Ack()),
        ("/declare sev1", Declare("sev1")),
        ("/sev Sev0", SetSeverity("sev0")),
        ("/page payments", Page("payments")),
        ("/PAGE Dana", Page("dana")),
        ("/assign dana investigate payments-db 10m", Assign("dana", "investigate", "payments-db", 600)),
        ("/assign dana rollback search", Assign("dana", "rollback", "search", None)),
        ("/assign dana restart payments-api 1m30s", Assign("dana", "restart", "payments-api", 90)),
        ("/update Impact: checkout down. Actions: restart. Next: 10 min", Update("Impact: checkout down. Actions: restart. Next: 10 min")),
        ("  /resolve  ", Resolve()),
    ],
)
def test_parses(text, command):
    assert parse(text) == command


@pytest.mark.parametrize(
    "text, reason",
    [
        ("ack", "commands start with '/'"),
        ("/asign dana", "did you mean /assign?"),
        ("/frobnicate", "unknown command '/frobnicate'"),
        ("/declare", "usage: /declare SEV"),
        ("/ack now", "/ack takes no arguments"),
        ("/assign dana investigate", "usage: /assign PERSON ACTION SERVICE [TIMEBOX]"),
        ("/assign dana reboot db", "'reboot' is not a task"),
        ("/assign dana investigate db soon", "time-box: 'soon' is not a duration"),
        ("/assign dana investigate db -5m", "negative time"),
        ("/assign dana investigate db 0", "more than no time"),
        ("/update", "usage: /update TEXT"),
        ('/page "dana', "could not read the arguments"),
    ],
)
def test_refuses_with_reason(text, reason):
    result = parse(text)
    assert isinstance(result, ParseError)
    assert reason in result.reason
