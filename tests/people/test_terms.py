"""The Head of Sales and the executive speak in the scenario's terms: the accounts that complain,
the customer-facing product they use, and lines the scenario writes, whose placeholders are
checked when it is loaded (an unknown one is a problem at file:line:col, never a broken line in play).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Engine
from sim.log import events as ev
from sim.scenario import load_scenario
from sim.scenario.problems import ScenarioError
from sim.scenario.templates import fill, placeholders

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "stakeholders.yaml"
SALES = "  head_of_sales: {person: sal, account: Globex, starts: 4m, every: 6m}\n"
EXECUTIVE = "  executive: {person: eve, at: 8m, request: customer-list, pulls: 2, takes: 15m, grabs_after: 5m}\n"


def written(tmp_path, sales=SALES, executive=EXECUTIVE, extra=""):
    text = FIXTURE.read_text()
    assert SALES in text and EXECUTIVE in text
    path = tmp_path / "room.yaml"
    path.write_text(text.replace(SALES, sales).replace(EXECUTIVE, executive) + extra)
    return path


def said(path, until=30 * 60):
    engine = Engine(load_scenario(path), seed=0)
    engine.advance(61)
    engine.submit("/ack")
    engine.submit("/declare sev1")
    engine.advance(until)
    return engine


def test_accounts_take_turns_and_the_product_is_named(tmp_path):
    sales = "  head_of_sales: {person: sal, accounts: [Initech, Umbrella], product: Acme Checkout, starts: 4m, every: 6m}\n"
    engine = said(written(tmp_path, sales=sales))
    pushed = [e for e in engine.log.entries if isinstance(e.event, ev.SalesPushed)]
    assert [p.event.account for p in pushed[:3]] == ["Initech", "Umbrella", "Initech"]
    assert pushed[0].event.text == "Initech just called: Acme Checkout is failing for them. Shouldn't this be a Sev0?"
    assert all("checkout" not in p.event.text for p in pushed)  # the product, not the service


def test_the_scenarios_own_lines_are_said_push_by_push_the_last_repeating(tmp_path):
    sales = (
        "  head_of_sales:\n    person: sal\n    accounts: [Initech]\n    product: Acme Pay\n    starts: 4m\n    every: 6m\n"
        "    lines:\n      - \"{account} cannot pay on {product} ({service} looks {traffic}).\"\n"
        "      - \"Push {push}: {accounts} want a {severity} on {day}.\"\n"
    )
    engine = said(written(tmp_path, sales=sales))
    texts = [m.text for m in engine.view.inbox if m.sender == "Sal Gupta"]
    assert texts[0] == "Initech cannot pay on Acme Pay (checkout looks normal)."
    assert texts[1] == "Push 2: Initech want a Sev0 on today."
    assert texts[2] == "Push 3: Initech want a Sev0 on today."


def test_the_executive_says_the_scenarios_lines_before_the_request(tmp_path):
    sales = "  head_of_sales: {person: sal, accounts: [Initech, Umbrella], product: Acme Pay, starts: 4m, every: 6m}\n"
    executive = EXECUTIVE.replace("grabs_after: 5m}", 'grabs_after: 5m, lines: ["{accounts} called me at {time} about {product}.", "Get me {request}."]}')
    engine = said(written(tmp_path, sales=sales, executive=executive, extra='setting: {time: "14:05", day: friday}\n'))
    from_eve = [m.text for m in engine.view.inbox if m.sender == "Eve Marsh"]
    assert from_eve[:3] == [
        "Initech and Umbrella called me at 14:13 about Acme Pay.",
        "Get me a list of every affected customer.",
        "I need a list of every affected customer, now.",
    ]


def test_without_lines_the_executive_says_what_she_always_said(tmp_path):
    engine = said(written(tmp_path))
    assert [m.text for m in engine.view.inbox if m.sender == "Eve Marsh"][:1] == ["I need a list of every affected customer, now."]
    assert not [e for e in engine.log.entries if isinstance(e.event, ev.ExecutiveSaid)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{acount} is down", "unknown placeholder {acount}; did you mean 'account'?"),
        ("{account.__class__} is down", "must be a bare name"),
        ("{account:>99999} is down", "must be a bare name"),
        ("{account is down", "write a literal brace"),
    ],
)
def test_a_bad_placeholder_is_a_problem_at_its_line_and_column(tmp_path, line, message):
    sales = f"  head_of_sales:\n    person: sal\n    lines:\n      - ok\n      - '{line}'\n"
    path = written(tmp_path, sales=sales)
    where = path.read_text().splitlines().index(f"      - '{line}'") + 1
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    [problem] = raised.value.problems
    assert (problem.line, problem.col, problem.field) == (where, 9, "stakeholders.head_of_sales.lines[1]")
    assert message in problem.message
    assert problem.headline().startswith(f"{path}:{where}:9: stakeholders.head_of_sales.lines[1]: ")


def test_an_unknown_placeholder_of_the_executive_is_named_with_the_ones_it_has(tmp_path):
    executive = EXECUTIVE.replace("grabs_after: 5m}", 'grabs_after: 5m, lines: ["{push} pushes"]}')
    with pytest.raises(ScenarioError) as raised:
        load_scenario(written(tmp_path, executive=executive))
    [problem] = raised.value.problems
    assert problem.field == "stakeholders.executive.lines[0]"
    assert "unknown placeholder {push}" in problem.message and "{request}" in problem.message


def test_filling_never_reads_a_value_as_a_template():
    assert placeholders("{account} and {{literal}}") == ["account"]
    assert fill("{account} is down", {"account": "{product}"}) == "{product} is down"


@pytest.mark.parametrize("time", ['"25:00"', '"3:14"', "noon"])
def test_a_setting_time_that_is_no_time_of_day_says_how_to_write_one(tmp_path, time):
    path = written(tmp_path, extra=f"setting: {{time: {time}}}\n")
    where = len(path.read_text().splitlines())
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    [problem] = raised.value.problems
    assert (problem.line, problem.field) == (where, "setting.time")
    assert "is not a time of day; expected \"HH:MM\" on a 24-hour clock" in problem.message
    assert "name" not in problem.message
