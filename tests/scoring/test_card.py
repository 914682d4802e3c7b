"""The scorecard's contract: pure, JSON-able, every finding timed in plain words and backed by
real log entries, and every score explained by its deductions."""

import json
import re

import pytest

from sim.log.events import from_record, to_json, to_record
from sim.log.eventlog import Entry
from sim.reading.scoring import DIMENSIONS, Scorecard, score
from sim.reading.scoring.card import Dimension, Finding, Ledger, overall

from .helpers import run, scenario

RUNS = [(name, seed, bot) for name in ("payments-db-saturation", "search-deploy-and-cache", "sale-day-meltdown")
        for seed in (0, 3) for bot in ("expert", "novice", "idle")]
CLOCK = re.compile(r"^T\+\d{2,}:\d{2}: \S")


@pytest.mark.parametrize("name,seed,bot", RUNS)
def test_score_is_a_pure_function_of_scenario_and_log(name, seed, bot):
    entries, card = run(name, seed, bot)
    again = score(scenario(name).scenario, list(entries))
    assert again == card
    # Through the JSONL form a recording keeps, as a replay reads it back.
    lines = [to_json(to_record(e.seq, e.t, e.event)) for e in entries]
    reread = [Entry(*from_record(json.loads(line))) for line in lines]
    assert score(scenario(name).scenario, reread).as_dict() == card.as_dict()


@pytest.mark.parametrize("name,seed,bot", RUNS)
def test_card_as_dict_is_json_in_a_stable_order(name, seed, bot):
    _, card = run(name, seed, bot)
    data = card.as_dict()
    text = json.dumps(data)
    assert json.loads(text) == data
    assert list(data) == ["overall", "dimensions", "caps"]
    assert all(list(c) == ["t", "limit", "text", "seqs"] for c in data["caps"])
    assert [d["name"] for d in data["dimensions"]] == list(DIMENSIONS)
    for d in data["dimensions"]:
        assert list(d) == ["name", "score", "weight", "judged", "findings"]
        assert all(list(f) == ["t", "points", "text", "seqs"] for f in d["findings"])


@pytest.mark.parametrize("name,seed,bot", RUNS)
def test_findings_start_with_their_time_and_cite_real_entries(name, seed, bot):
    entries, card = run(name, seed, bot)
    for d in card.dimensions:
        for f in d.findings:
            if f.t is not None:
                assert CLOCK.match(f.text), f.text
            else:
                assert not f.text.startswith("T+"), f.text
            assert all(0 <= s < len(entries) and entries[s].seq == s for s in f.seqs), (f.text, f.seqs)
            if d.judged:
                assert f.seqs, f"no log entry behind: {f.text}"


@pytest.mark.parametrize("name,seed,bot", RUNS)
def test_each_score_is_100_plus_its_deductions(name, seed, bot):
    _, card = run(name, seed, bot)
    for d in card.dimensions:
        assert 0.0 <= d.score <= 100.0
        if not d.judged:
            assert d.weight == 0 and d.score == 100.0
            continue
        expected = max(0.0, min(100.0, 100.0 + sum(f.points for f in d.deductions)))
        assert d.score == pytest.approx(expected, abs=0.15), (d.name, [f.text for f in d.deductions])


@pytest.mark.parametrize("name,seed,bot", RUNS)
def test_overall_is_the_weighted_mean_of_what_was_judged(name, seed, bot):
    _, card = run(name, seed, bot)
    weights = scenario(name).scenario.scoring.weights
    judged = [d for d in card.dimensions if d.judged]
    assert all(d.weight == getattr(weights, d.name) for d in judged)
    mean = sum(d.score * d.weight for d in judged) / sum(d.weight for d in judged)
    assert card.overall == pytest.approx(mean, abs=0.05)


def test_dimension_lookup_by_name():
    _, card = run("payments-db-saturation", 0, "expert")
    assert card.dimension("cadence").name == "cadence"
    with pytest.raises(KeyError):
        card.dimension("charisma")


def test_scenario_weights_shape_the_overall():
    loaded = scenario("sale-day-meltdown")
    entries, card = run("sale-day-meltdown", 0, "novice")
    heavy = loaded.scenario.model_copy(
        update={"scoring": loaded.scenario.scoring.model_copy(
            update={"weights": loaded.scenario.scoring.weights.model_copy(update={"focus": 5.0})})}
    )
    reweighted = score(heavy, entries)
    assert reweighted.dimension("focus").weight == 5.0
    assert reweighted.dimension("focus").score == card.dimension("focus").score
    focus = card.dimension("focus").score
    assert (reweighted.overall - card.overall) * (focus - card.overall) > 0  # pulled toward focus


def test_a_log_cut_short_scores_at_every_length():
    """A recovered recording is a prefix of the log: every prefix must score without error."""
    loaded = scenario("sale-day-meltdown")
    entries, _ = run("sale-day-meltdown", 1, "expert")
    for n in list(range(0, len(entries), 7)) + [len(entries)]:
        card = score(loaded.scenario, entries[:n])
        assert 0.0 <= card.overall <= 100.0
        json.dumps(card.as_dict())


def test_a_log_cut_before_the_fault_has_no_outcome_yet():
    loaded = scenario("payments-db-saturation")
    entries, _ = run("payments-db-saturation", 0, "expert")
    early = [e for e in entries if e.t < 60]
    card = score(loaded.scenario, early)
    assert not card.dimension("outcome").judged


def test_ledger_turns_items_and_penalties_into_findings():
    ledger = Ledger("x")
    ledger.item(3, 1.0, 10, "all earned", [1])
    ledger.item(1, 0.5, 70, "half earned", [2])
    ledger.penalty(5, 130, "an outright deduction", [3])
    d = ledger.close(1.0)
    assert [f.text for f in d.findings] == ["T+00:10: all earned", "T+01:10: half earned", "T+02:10: an outright deduction"]
    assert [f.points for f in d.findings] == [75.0, -12.5, -5.0]
    assert d.score == 82.5
    assert overall((d, Dimension("y", 50.0, 3.0, ()))) == pytest.approx((82.5 + 150) / 4, abs=0.05)


def test_an_empty_ledger_is_not_judged():
    d = Ledger("x").close(2.0)
    assert not d.judged and d.weight == 0 and d.findings[0].points == 0
    assert Scorecard((d,), overall((d,))).overall == 0.0


def test_finding_is_frozen():
    f = Finding(1, 2.0, "T+00:01: x", (0,))
    with pytest.raises(AttributeError):
        f.points = 3.0  # type: ignore[misc]
