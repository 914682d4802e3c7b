"""Judgements the bots never provoke, played from command scripts: re-assessing a severity when
impact grows, flooding stakeholders with updates, and the Tech Lead's telephone game."""

from dataclasses import replace
from pathlib import Path

import pytest

from sim.play.bots.base import status_text
from sim.play.drill import play
from sim.scenario import load_scenario
from sim.reading.scoring import score
from sim.play.script import parse_script

from .helpers import run, run_variant

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UPDATE = "Impact: {} of customers affected (web). Actions: Bob on {}. Next update: in {} min."

RISING = f"""
01:15 /ack
01:15 /declare Sev2
01:15 /page bob
03:00 /assign bob investigate db 10m
05:00 /update {UPDATE.format("15%", "investigate db", 15)}
"""


def rising(extra: str = ""):
    loaded = load_scenario(FIXTURES / "rising.yaml")
    commands = sorted(parse_script(RISING + extra), key=lambda c: c[0])
    entries = play(loaded, 0, script=commands).log.entries
    return entries, score(loaded.scenario, entries)


def test_raising_the_severity_soon_after_impact_grows_is_credited():
    _, stayed = rising()
    _, raised = rising("12:30 /sev Sev1\n")
    assert raised.dimension("severity").score > stayed.dimension("severity").score + 10
    assert not any("under-called" in f.text for f in raised.dimension("severity").deductions)
    # Impact grew at T+11:00; the under-call counts from the end of the five minutes to re-assess.
    under = [f for f in stayed.dimension("severity").deductions if "under-called at Sev2 while the truth was Sev1" in f.text]
    assert under and under[0].text.startswith("T+16:00")


def test_a_late_raise_earns_less_than_a_prompt_one_and_more_than_none():
    _, stayed = rising()
    _, prompt = rising("12:30 /sev Sev1\n")
    _, late = rising("25:00 /sev Sev1\n")
    s = [card.dimension("severity").score for card in (stayed, late, prompt)]
    assert s == sorted(s) and len(set(s)) == 3, s


def flood(bot, view, commands):
    """The expert, plus an extra update every minute once it has posted its first."""
    out = list(commands)
    if view.updates and view.now - bot.state.get("last", -999) >= 60 and view.phase == "declared":
        bot.state["last"] = view.now
        out.append(f"/update {status_text(view)}")  # true, just far too often
    return out


def test_updates_far_more_often_than_asked_cost_a_little():
    _, base = run("payments-db-saturation", 0, "expert")
    _, changed = run_variant("payments-db-saturation", 0, flood)
    penalties = [f for f in changed.dimension("cadence").deductions if "crowd out the work" in f.text]
    assert len(penalties) >= 3
    lost = base.dimension("cadence").score - changed.dimension("cadence").score
    assert 5 <= lost <= 10.5  # a little, capped


COORDINATION = FIXTURES.parents[1] / "people" / "fixtures" / "coordination.yaml"
RELAYED = """
01:15 /ack
01:15 /declare Sev0
01:15 /page tara
01:15 /page luis
03:00 /role tara tech-lead
03:00 /assign luis investigate payments-api 10m
"""


def relayed(extra: str, seed: int):
    loaded = load_scenario(COORDINATION)
    always = replace(loaded, scenario=loaded.scenario.model_copy(
        update={"behaviour": loaded.scenario.behaviour.model_copy(update={"relay_distortion": 1.0})}))
    entries = play(always, seed, script=sorted(parse_script(RELAYED + extra), key=lambda c: c[0])).log.entries
    return entries, score(always.scenario, entries)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_checking_a_relayed_report_at_the_source_is_credited(seed):
    entries, unchecked = relayed("", seed)
    if not any(e.event.kind == "report_distorted" for e in entries):
        pytest.skip("no detail to distort in this relay")
    _, checked = relayed("08:00 /evidence luis\n", seed)
    judged = lambda card: [f for f in card.dimension("coordination").findings if "at the source" in f.text]
    assert judged(checked) and judged(checked)[0].points > 0
    assert judged(unchecked) and judged(unchecked)[0].points < 0
    assert checked.dimension("coordination").score > unchecked.dimension("coordination").score
