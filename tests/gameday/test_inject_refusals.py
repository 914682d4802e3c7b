"""A request that cannot be carried out is refused with one clear line: by the console's path
(`send_inject`, before anything reaches the game) and by the engine (what depends on the drill's
state, logged so that a replay refuses it again)."""

from __future__ import annotations

import pytest
from injects import events, loaded, under_way

from sim.engine import Engine
from sim.engine.injects import MAX_SAY
from sim.log.recording import Recorder, recording_header
from tui.store.inbox import InboxReader, inbox_path
from tui.store.injects import inject_choices, send_inject

BAD = [
    ({"inject": "meteor-strike"}, "unknown inject 'meteor-strike'; known: cache-fails-too, dana-drops-out, kenji-blames-auth"),
    ({"say": {"from": "nobody", "text": "hi"}}, "unknown person 'nobody'; known: ana, dana, kenji, luis, morgan, omar, priya, ravi, sam, zoe"),
    ({"say": {"from": "kenji", "text": "  \n"}}, "the message is empty"),
    ({"say": {"from": "kenji", "text": "x" * (MAX_SAY + 1)}}, f"the message is {MAX_SAY + 1} characters long; the limit is {MAX_SAY}"),
    ({"say": {"from": "kenji"}}, 'a say request is {"from": PERSON, "text": TEXT}'),
    ({"say": {"from": "kenji", "text": 3}}, "the message is text"),
    ({"say": {"from": "kenji", "text": "half \ud83d"}}, "the message holds a lone surrogate (\\ud800-\\udfff), which is not a character"),
    ({"inject": 7}, "an inject is named by its id (text)"),
    ({"shout": "x"}, "unknown request 'shout'; a request is an inject or a say"),
    ({}, 'a request is {"inject": ID} or {"say": {"from": PERSON, "text": TEXT}}'),
]


def live_recording(tmp_path, seed: int = 1, at: int = 300):
    """A session being played: recorded up to `at`, not ended."""
    engine = Engine(loaded("payments-db-saturation"), seed)
    path = tmp_path / "payments-db-saturation-1-1.jsonl"
    header = recording_header(engine.log.header, scenario_path=loaded("payments-db-saturation").path, driver="player", trainee="ann")
    recorder = Recorder(path, header).attach(engine.log)
    engine.advance(at)
    recorder.flush()
    return engine, recorder, path


@pytest.mark.parametrize(("request_", "reason"), BAD)
def test_the_console_refuses_a_bad_request_and_sends_nothing(tmp_path, request_, reason):
    _, recorder, path = live_recording(tmp_path)
    assert send_inject(path, request_) == reason
    assert not inbox_path(path).exists()
    recorder.close()


@pytest.mark.parametrize(("request_", "reason"), BAD)
def test_the_engine_refuses_the_same_and_logs_nothing(request_, reason):
    engine = under_way()
    size = len(engine.log.entries)
    assert engine.inject_problem(request_) == reason and engine.inject(request_) == reason
    assert len(engine.log.entries) == size  # a request that makes no sense never reached the drill


def test_the_console_refuses_an_ended_or_unreadable_session(tmp_path):
    engine, recorder, path = live_recording(tmp_path)
    engine.advance(engine.time_limit)
    recorder.close()
    assert send_inject(path, {"inject": "cache-fails-too"}) == "the session has ended"
    missing = tmp_path / "gone.jsonl"
    assert send_inject(missing, {"inject": "cache-fails-too"}) == f"cannot read the session: no recording at {missing}"
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not a recording\n")
    reason = send_inject(junk, {"inject": "cache-fails-too"})
    assert reason.startswith("cannot read the session: ") and "\n" not in reason


def test_an_inject_is_sent_once(tmp_path):
    engine, recorder, path = live_recording(tmp_path)
    assert send_inject(path, {"inject": "cache-fails-too"}) is None
    # Still waiting in the inbox: the console says so rather than sending it twice.
    waiting = "inject 'cache-fails-too' was already sent to this session (the game has not picked it up yet)"
    assert send_inject(path, {"inject": "cache-fails-too"}) == waiting
    (request,) = InboxReader(path).take()
    assert engine.inject(request) is None
    recorder.flush()
    inbox_path(path).unlink()  # taken by the game: now the recording says it was sent
    assert send_inject(path, {"inject": "cache-fails-too"}) == "inject 'cache-fails-too' was already sent"
    recorder.close()


def test_the_console_asks_the_sessions_state_as_its_recording_has_it(tmp_path):
    engine, recorder, path = live_recording(tmp_path, at=100)  # the default scenario's fault starts at 3m
    assert engine.inject({"inject": "dana-drops-out"}) is None
    recorder.flush()
    assert send_inject(path, {"say": {"from": "dana", "text": "back"}}) == "dana has dropped out of the incident"
    assert send_inject(path, {"say": {"from": "kenji", "text": "anyone?"}}) is None
    recorder.close()


def test_the_engine_refuses_what_the_drills_state_forbids_and_logs_it():
    engine = Engine(loaded("sale-day-meltdown"), 1)
    # Before there is an incident, nobody pushes or swoops.
    assert engine.inject({"inject": "hana-pushes-now"}) == "the incident is not detected yet: nobody pushes or swoops before there is one"
    engine.advance(150)
    engine.submit("/ack")
    assert engine.inject({"inject": "luis-drops-out"}) is None
    assert engine.inject({"inject": "luis-drops-out"}) == "inject 'luis-drops-out' was already sent"
    assert engine.inject({"say": {"from": "luis", "text": "I'm back"}}) == "luis has dropped out of the incident"
    assert [(e.request, e.reason) for e in events(engine, "inject_refused")] == [
        ({"inject": "hana-pushes-now"}, "the incident is not detected yet: nobody pushes or swoops before there is one"),
        ({"inject": "luis-drops-out"}, "inject 'luis-drops-out' was already sent"),
        ({"say": {"from": "luis", "text": "I'm back"}}, "luis has dropped out of the incident"),
    ]
    engine.advance(engine.time_limit)
    size = len(engine.log.entries)
    assert engine.inject({"inject": "search-slows-too"}) == "the drill has ended"
    assert len(engine.log.entries) == size  # nothing is logged after the end


def test_the_consoles_menu_lists_the_scenarios_injects():
    assert inject_choices(loaded("payments-db-saturation")) == [
        ("cache-fails-too", "A second fault: the cache starts evicting everything"),
        ("dana-drops-out", "Dana (payments primary) drops out: her laptop dies"),
        ("kenji-blames-auth", "Kenji relays a wrong report: auth is down"),
    ]
