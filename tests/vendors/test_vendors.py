"""Third-party services: a vendor's status page lags the truth, its support answers tickets late,
/owner names it, it may fix its own fault, and the expert wins a vendor outage.

Timings are checked against tests/vendors/fixtures/card-outage.yaml: the provider's fault starts
at 2m on `cards` (run by Stripe: status page lag 10m, ticket reply 15m, resolves by itself after
70m, past the 60m time limit unless a test shortens it); `checkout` depends on it and alerts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sim.engine import Engine
from sim.log import events as ev
from sim.play.drill import play
from sim.reading.outcome import outcome
from sim.reading.scoring import score
from sim.scenario import load_scenario

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "card-outage.yaml"
FAULT_AT = 120
LAG = 600
REPLY = 900


@pytest.fixture(scope="module")
def cards():
    return load_scenario(FIXTURE)


def with_vendor(loaded, **changes):
    """The scenario with the `cards` vendor's fields changed."""
    scenario = loaded.scenario
    service = scenario.services["cards"]
    vendor = service.vendor.model_copy(update=changes)
    services = {**scenario.services, "cards": service.model_copy(update={"vendor": vendor})}
    return dataclasses.replace(loaded, scenario=scenario.model_copy(update={"services": services}))


def of(engine, kind):
    return [(e.t, e.event) for e in engine.log.entries if isinstance(e.event, kind)]


def rejected(engine):
    return [e.event.reason for e in engine.log.entries if isinstance(e.event, ev.CommandRejected)]


def page_at(engine, t):
    engine.advance(t)
    assert engine.submit("/status-page cards")
    return of(engine, ev.StatusPageRead)[-1][1]


# --- the status page -------------------------------------------------------------------------------


def test_status_page_says_operational_at_the_fault_start_and_posts_the_incident_a_lag_later(cards):
    engine = Engine(cards, seed=0)
    assert page_at(engine, FAULT_AT + 60) == ev.StatusPageRead("cards", "Stripe", "operational", None)
    assert page_at(engine, FAULT_AT + LAG - 1).status == "operational"
    assert page_at(engine, FAULT_AT + LAG + 1) == ev.StatusPageRead("cards", "Stripe", "incident", FAULT_AT + LAG)
    said = engine.view.inbox[-1]
    assert said.sender == "status page" and "Stripe" in said.text and "incident affecting cards" in said.text


def test_status_page_marks_the_incident_resolved_only_a_lag_after_the_vendor_fixed_it(cards):
    engine = Engine(with_vendor(cards, resolves_after=1200), seed=0)
    fixed = FAULT_AT + 1200
    assert page_at(engine, fixed + 1).status == "incident"
    assert page_at(engine, fixed + LAG - 1).status == "incident"
    assert page_at(engine, fixed + LAG + 1) == ev.StatusPageRead("cards", "Stripe", "resolved", fixed + LAG)


# --- tickets ---------------------------------------------------------------------------------------


def test_a_ticket_is_answered_after_the_reply_time_with_the_authors_text(cards):
    engine = Engine(cards, seed=0)
    engine.advance(FAULT_AT + 60)
    opened = engine.now
    assert engine.submit("/ticket cards Every charge fails with a 502")
    assert of(engine, ev.TicketOpened) == [(opened, ev.TicketOpened(1, "cards", "Stripe", "Every charge fails with a 502"))]
    engine.advance(opened + REPLY)
    assert not of(engine, ev.TicketAnswered)
    engine.advance(opened + REPLY + 1)
    answer = "We are seeing elevated API errors in one region and are failing over."
    assert of(engine, ev.TicketAnswered) == [(opened + REPLY, ev.TicketAnswered(1, "cards", "Stripe", answer))]
    said = engine.view.inbox[-1]
    assert (said.sender, said.text) == ("Stripe support", f"Ticket #1: {answer}")


def test_a_second_ticket_waits_for_the_first_answer(cards):
    engine = Engine(cards, seed=0)
    engine.advance(FAULT_AT + 60)
    assert engine.submit("/ticket cards")
    assert not engine.submit("/ticket cards still broken")
    assert "ticket #1 with Stripe is still open" in rejected(engine)[-1]
    engine.advance(engine.now + REPLY + 1)
    assert engine.submit("/ticket cards still broken")
    assert [e.ticket for _, e in of(engine, ev.TicketOpened)] == [1, 2]


def test_status_page_and_ticket_are_refused_for_a_service_run_in_house(cards):
    engine = Engine(cards, seed=0)
    engine.advance(FAULT_AT + 60)
    assert not engine.submit("/status-page checkout")
    assert not engine.submit("/ticket checkout help")
    reasons = rejected(engine)
    assert all("checkout is run in-house, not by a third party" in r for r in reasons), reasons
    assert not engine.submit("/ticket")
    assert rejected(engine)[-1] == "usage: /ticket SERVICE [TEXT]"
    assert not engine.submit("/status-page chekout")
    assert "did you mean checkout?" in rejected(engine)[-1]
    assert not of(engine, ev.StatusPageRead) and not of(engine, ev.TicketOpened)


# --- ownership and the vendor's own fix ------------------------------------------------------------


def test_owner_of_a_vendor_service_names_the_vendor_and_points_at_its_status_page_and_support(cards):
    engine = Engine(cards, seed=0)
    engine.advance(FAULT_AT + 60)
    assert engine.submit("/owner cards")
    assert of(engine, ev.VendorNamed) == [(engine.now, ev.VendorNamed("cards", "Stripe"))]
    assert not of(engine, ev.OwnerLookupStarted)
    said = engine.view.inbox[-1]
    assert said.sender == "directory"
    assert "run by Stripe, a third party" in said.text
    assert "/status-page cards" in said.text and "/ticket cards" in said.text
    assert engine.view.catalog.services["cards"].vendor == "Stripe"
    assert engine.view.catalog.services["cards"].listed_owner is None


def test_the_vendor_fixes_its_fault_by_itself_after_resolves_after(cards):
    engine = Engine(with_vendor(cards, resolves_after=1200), seed=0)
    engine.advance(FAULT_AT + 1200)
    assert not of(engine, ev.FaultFixed)
    engine.advance(FAULT_AT + 1201)
    assert of(engine, ev.FaultFixed) == [(FAULT_AT + 1200, ev.FaultFixed("provider-outage", "cards", "Stripe"))]
    assert engine.world.health["checkout"] == "ok"


def test_the_vendor_leaves_alone_a_fault_someone_fixed_first(cards):
    loaded = with_vendor(cards, resolves_after=1200)
    script = [(150, "/ack"), (150, "/declare sev0"), (150, "/page payments"), (400, "/assign bob failover cards 10m")]
    engine = play(loaded, 0, script=script)
    fixes = of(engine, ev.FaultFixed)
    assert [(e.fault, e.by) for _, e in fixes] == [("provider-outage", "bob")]
    assert fixes[0][0] < FAULT_AT + 1200


def test_nobody_but_the_fix_teams_can_fail_the_vendor_over(cards):
    script = [(150, "/ack"), (150, "/declare sev0"), (150, "/page shop"), (400, "/assign ann failover cards 10m")]
    engine = play(cards, 0, script=script)
    assert not any(e.by == "ann" for _, e in of(engine, ev.FaultFixed))


# --- the expert and the scorecard ------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(10))
def test_the_expert_wins_a_vendor_outage(cards, seed):
    engine = play(cards, seed, "expert")
    result = outcome(engine.log.entries)
    assert result.resolved, result.ended_by
    commands = [e.text for _, e in of(engine, ev.CommandIssued)]
    assert "/status-page cards" in commands
    assert any(c.startswith("/ticket cards") for c in commands)
    assert [(e.fault, e.by) for _, e in of(engine, ev.FaultFixed)] == [("provider-outage", "bob")]


def _ticket_findings(loaded, engine):
    card = score(loaded.scenario, engine.log.entries)
    coordination = next(d for d in card.dimensions if d.name == "coordination")
    return [f for f in coordination.findings if "ticket" in f.text]


def test_a_ticket_opened_soon_after_the_evidence_is_credited_and_none_is_flagged(cards):
    (found,) = _ticket_findings(cards, play(cards, 0, "expert"))
    assert "opened a ticket with Stripe about cards" in found.text and found.points > 0
    script = [(150, "/ack"), (150, "/declare sev0"), (150, "/page payments"), (400, "/assign bob failover cards 10m")]
    (missed,) = _ticket_findings(cards, play(cards, 0, script=script))
    assert "no ticket was opened with Stripe (/ticket cards)" in missed.text and missed.points < 0
