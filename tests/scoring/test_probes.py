"""The probe suite (issue 9): the scorecard ranks IC habits as IC practice does.

Each probe is the good player with one habit changed (`probes.py`); the scores are means over
three seeds (`probe_table.py`, which prints the whole table).
"""

import re
from pathlib import Path

import pytest

from sim.reading.scoring import statement
from tests.scoring.probe_table import SCENARIOS, SEEDS, card, spearman, table
from tests.scoring.probes import STRATEGIES

README = Path(__file__).resolve().parents[2] / "README.md"


def test_there_are_at_least_fifteen_probes_on_at_least_two_scenarios():
    assert len(STRATEGIES) >= 15 and len(SCENARIOS) >= 2
    assert len({s.name for s in STRATEGIES}) == len(STRATEGIES)


@pytest.fixture(scope="module", params=SCENARIOS)
def scores(request):
    rows = table(request.param)
    return request.param, rows, {s.name: overall for s, _, overall, _ in rows}


def test_the_scorecard_ranks_the_probes_as_ic_practice_does(scores):
    name, rows, _ = scores
    rho = spearman([-rank for _, rank, _, _ in rows], [overall for _, _, overall, _ in rows])
    assert rho >= 0.9, f"{name}: Spearman {rho:.3f}"


def test_never_fixing_scores_at_most_50_and_below_a_hands_on_fix(scores):
    _, _, by = scores
    assert by["never fixes"] <= 50 and by["never fixes"] < by["hands-on fix"], by


def test_a_false_all_clear_scores_at_most_25(scores):
    assert scores[2]["false all-clear"] <= 25


def test_keyword_and_empty_updates_fall_well_below_real_ones(scores):
    _, _, by = scores
    real = by["holds comms lead"]  # the same play: the IC writes every update
    assert real - by["keyword updates"] >= 5, by
    assert real - by["empty updates"] >= 8, by


def test_fifteen_minutes_absent_is_below_three_minutes_late(scores):
    _, _, by = scores
    assert by["absent 15 min"] < by["late 3 min"] < by["good"], by


def test_an_under_call_is_below_an_over_call(scores):
    _, _, by = scores
    assert by["under-call"] < by["over-call"], by


def readme_update_example() -> str:
    """The status update the README shows as its example, word for word."""
    found = [u for u in re.findall(r"`/update (Impact: [^`]+)`", README.read_text()) if "..." not in u]
    assert found, "the README lost its update example"
    return found[0]


def test_the_readme_update_example_reads_as_a_full_update():
    said = statement.read(readme_update_example())
    assert said.impact == "share" and said.actions and said.next_update == "in 10 min"


@pytest.mark.parametrize("name", SCENARIOS)
def test_updates_in_the_readme_format_earn_full_content_credit(name):
    # The good player writes every update in the README's template with its own content.
    for seed in SEEDS:
        _, c = card(name, seed, "holds comms lead")
        updates = [f for f in c.dimension("cadence").findings if "status update" in f.text and f.t is not None]
        assert updates, c.dimension("cadence").findings
        assert all(f.points >= 0 for f in updates), [f.text for f in updates if f.points < 0]
        assert any("states the impact truly, the current actions and the next update time" in f.text for f in updates)
