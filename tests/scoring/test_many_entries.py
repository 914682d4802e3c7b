"""A log from outside can hold thousands of entries of one kind: each is still paired with its own
answer (the pairing bisects lists in log order instead of scanning them once per entry)."""

from __future__ import annotations

from sim.log import events as ev
from sim.log.eventlog import Entry
from sim.play.drill import play
from sim.reading.scoring import score

from .helpers import scenario

MANY = 2000


def soup(name: str, make) -> tuple[object, list[Entry]]:
    """An expert's drill cut before its end, then MANY rounds of ``make(i)``'s events, a second apart."""
    loaded = scenario(name)
    entries = list(play(loaded, 0, "expert").log.entries[:40])
    t = entries[-1].t
    for i in range(MANY):
        for event in make(i):
            t += 1
            entries.append(Entry(len(entries), t, event))
    return loaded, entries


def findings(card, dimension: str, words: str) -> list:
    return [f for f in card.dimension(dimension).findings if words in f.text]


def test_each_question_is_paired_with_its_own_answer():
    loaded, entries = soup(
        "payments-db-saturation",
        lambda i: [ev.QuestionAsked(i, "dana", f"question {i}?")] + ([ev.QuestionAnswered(i, "dana", "yes")] if i % 2 else []),
    )
    card = score(loaded.scenario, entries)
    answered = findings(card, "coordination", "question")
    assert len(answered) == MANY // 2
    assert all(f.seqs[1] == f.seqs[0] + 1 for f in answered)  # each answer right after its question


def test_each_broadcast_ask_meets_the_first_pick_up_after_it():
    loaded, entries = soup(
        "payments-db-saturation",
        lambda i: [ev.BroadcastAsked("investigate", "payments-db")]
        + ([ev.TaskAssigned(1000 + i, "dana", "investigate", "payments-db", None, via="broadcast")] if i % 3 == 0 else []),
    )
    card = score(loaded.scenario, entries)
    asks = findings(card, "delegation", "asked the channel")
    assert len(asks) == MANY
    pickups = [e.seq for e in entries if isinstance(e.event, ev.TaskAssigned) and e.event.via == "broadcast"]
    for f in asks:  # the first pick-up of the same task after the ask, or none (the last two asks)
        after = [seq for seq in pickups if seq > f.seqs[0]][:1]
        assert list(f.seqs[1:]) == after and ("picked it up at" in f.text) == bool(after)


def test_each_executive_request_is_charged_only_with_the_pulls_it_caused():
    """Pulls are charged to the executive's latest request before them, not to every earlier one:
    the findings stay one pull each however many requests there are."""
    loaded, entries = soup(
        "sale-day-meltdown",
        lambda i: [ev.ExecutiveRequested("morgan", "customer-list"), ev.PulledOff("dana", "morgan", 60)],
    )
    card = score(loaded.scenario, entries)
    requests = findings(card, "focus", "request for a list of affected customers")
    assert len(requests) == MANY
    assert all(len(f.seqs) == 2 and f.seqs[1] == f.seqs[0] + 1 for f in requests)
