"""One habit changed in an otherwise expert run: its dimension falls, the others stay put.

Each variant wraps the expert bot and edits the commands it gives; the bots are untouched. The
seeds are ones where the habit has something to act on (a manager who joins, a question asked).
Where a habit has consequences that another dimension rightly judges, the test says which.
"""

import pytest

from sim.reading.scoring import DIMENSIONS

from .helpers import deltas, run, run_variant

STILL = 0.5  # points another dimension may move by


def assert_only(name, seed, change, falls: str, by: float, also: tuple[str, ...] = (), still: float = STILL):
    _, base = run(name, seed, "expert")
    _, changed = run_variant(name, seed, change)
    moved = deltas(changed, base)
    assert moved[falls] <= -by, (falls, moved)
    others = {d: round(v, 2) for d, v in moved.items() if d != falls and d not in also and abs(v) > still}
    assert not others, f"{falls} should be the only one to move: {moved}"
    return base, changed


# --- delegation ---------------------------------------------------------------------------


def no_timebox(bot, view, commands):
    return [c.removesuffix(" 10m") if c.startswith("/assign") else c for c in commands]


@pytest.mark.parametrize("seed", [0, 1])
def test_tasks_without_a_timebox_cost_delegation_only(seed):
    _, changed = assert_only("payments-db-saturation", seed, no_timebox, "delegation", 20)
    assert any("no time-box" in f.text for f in changed.dimension("delegation").deductions)


def ask_the_channel_first(bot, view, commands):
    """'Can someone investigate X?' for the first investigation, instead of naming someone."""
    out = []
    for c in commands:
        parts = c.split()
        if c.startswith("/assign") and parts[2] == "investigate" and not bot.state.get("asked"):
            bot.state["asked"] = True
            out.append(f"/ask investigate {parts[3]}")
        else:
            out.append(c)
    return out


def test_a_broadcast_ask_costs_delegation():
    _, base = run("payments-db-saturation", 0, "expert")
    _, changed = run_variant("payments-db-saturation", 0, ask_the_channel_first)
    assert changed.dimension("delegation").score < base.dimension("delegation").score - 5
    assert any("asked the channel" in f.text for f in changed.dimension("delegation").deductions)


def fix_it_yourself(bot, view, commands):
    """/handson the first fix instead of handing it to someone."""
    out = []
    for c in commands:
        parts = c.split()
        if c.startswith("/assign") and parts[2] != "investigate" and not bot.state.get("done"):
            bot.state["done"] = True
            out.append(f"/handson {parts[2]} {parts[3]}")
        else:
            out.append(c)
    return out


def test_doing_the_fix_yourself_is_charged_once_in_focus():
    # Hands-on work takes the IC out of the coordinator's seat: one act, judged once, in focus.
    _, base = run("payments-db-saturation", 0, "expert")
    _entries, changed = run_variant("payments-db-saturation", 0, fix_it_yourself)
    moved = deltas(changed, base)
    assert moved["focus"] <= -10 and moved["delegation"] >= -STILL * 2, moved
    assert any("heads-down" in f.text for f in changed.dimension("focus").deductions)
    assert not any("heads-down" in f.text for f in changed.dimension("delegation").findings)


# --- cadence ------------------------------------------------------------------------------


def skip_one_update(bot, view, commands):
    """Hold back the IC's first update for a whole interval (a Comms Lead posts the later ones)."""
    out = []
    for c in commands:
        if c.startswith("/update") and "Resolved" not in c:
            bot.state.setdefault("from", view.now)
            if view.now - bot.state["from"] < 600:
                continue
        out.append(c)
    return out


@pytest.mark.parametrize("seed", [0, 1])
def test_skipping_an_update_costs_cadence_only(seed):
    _, changed = assert_only("search-deploy-and-cache", seed, skip_one_update, "cadence", 8)
    late = [f for f in changed.dimension("cadence").deductions if "late" in f.text or "did not come" in f.text]
    assert late and all(f.text.startswith("T+") for f in late)


def update_without_next_time(bot, view, commands):
    return [c.split(" Next update")[0] if c.startswith("/update") else c for c in commands]


def test_an_update_without_the_next_update_time_loses_that_part():
    _, changed = assert_only("payments-db-saturation", 0, update_without_next_time, "cadence", 3)
    assert any("does not say when the next update comes" in f.text for f in changed.dimension("cadence").deductions)


# --- severity -----------------------------------------------------------------------------


def call_one_lower(bot, view, commands):
    """Declare one level below what the dashboards say, and never raise it."""
    out = []
    names = view.catalog.severity_names
    for c in commands:
        if c.startswith("/declare"):
            level = names.index(c.split()[1])
            c = f"/declare {names[min(level + 1, len(names) - 1)]}"
        elif c.startswith("/sev"):
            continue
        out.append(c)
    return out


@pytest.mark.parametrize("seed", [0, 1])
def test_an_under_call_costs_severity_only(seed):
    _, changed = assert_only("payments-db-saturation", seed, call_one_lower, "severity", 30)
    assert any("below the truth" in f.text for f in changed.dimension("severity").deductions)


def give_in_to_sales(bot, view, commands):
    return [f"/sev {view.catalog.severity_names[0]}" if c == "/qualify" else c for c in commands]


@pytest.mark.parametrize("seed", [0, 1])
def test_sev0_under_sales_pressure_is_marked_as_inflation(seed):
    # Raising the severity is also a key moment for the timeline, so roles may move a little.
    _, changed = assert_only("sale-day-meltdown", seed, give_in_to_sales, "severity", 20, also=("roles",))
    inflation = [f for f in changed.dimension("severity").deductions if "under pressure from the Head of Sales" in f.text]
    assert len(inflation) == 1 and inflation[0].points <= -20


# --- outcome ------------------------------------------------------------------------------


def never_resolve(bot, view, commands):
    return [c for c in commands if c != "/resolve" and not (c.startswith("/update") and "no further updates" in c)]


@pytest.mark.parametrize("seed", [0, 1])
def test_leaving_the_incident_open_costs_outcome_only(seed):
    _, changed = assert_only("payments-db-saturation", seed, never_resolve, "outcome", 5)
    assert any("never resolved" in f.text for f in changed.dimension("outcome").deductions)


# --- focus --------------------------------------------------------------------------------


def leave_managers_alone(bot, view, commands):
    return [c for c in commands if not c.startswith("/redirect")]


@pytest.mark.parametrize("seed", [0, 1])
def test_an_unredirected_manager_costs_focus_only(seed):
    # The engineer lost in the dead end is also a pair of hands the Scribe's seat may then lack.
    _, changed = assert_only("sale-day-meltdown", seed, leave_managers_alone, "focus", 15, also=("roles",), still=1.0)
    assert any("dead end" in f.text for f in changed.dimension("focus").deductions)


def grant_the_executive(bot, view, commands):
    return ["/grant" if c == "/decline" else c for c in commands]


def test_granting_the_executive_costs_focus_and_the_outcome():
    # Responders pulled off the fix slow it down: the outcome rightly pays as well.
    _, base = run("sale-day-meltdown", 0, "expert")
    _, changed = run_variant("sale-day-meltdown", 0, grant_the_executive)
    moved = deltas(changed, base)
    assert moved["focus"] <= -15 and moved["outcome"] < 0, moved
    assert any("granted" in f.text for f in changed.dimension("focus").deductions)


# --- roles --------------------------------------------------------------------------------


def hold_every_role(bot, view, commands):
    return [c for c in commands if not c.startswith("/role")]


@pytest.mark.parametrize("seed", [0, 1])
def test_holding_every_role_alone_costs_roles_only(seed):
    _, changed = assert_only("payments-db-saturation", seed, hold_every_role, "roles", 30)
    assert any("you held it yourself" in f.text for f in changed.dimension("roles").deductions)


def skip_notes(bot, view, commands):
    """The expert, minus the /note it writes for each key moment while nobody is Scribe."""
    return [c for c in commands if not c.startswith("/note")]


def test_leaving_key_moments_unnoted_costs_roles_only():
    _, base = run("payments-db-saturation", 0, "expert")
    _, changed = run_variant("payments-db-saturation", 0, skip_notes)
    moved = deltas(changed, base)
    assert moved["roles"] <= -10, moved
    assert all(abs(v) <= STILL for d, v in moved.items() if d != "roles"), moved


# --- coordination -------------------------------------------------------------------------


def ignore_questions(bot, view, commands):
    return [c for c in commands if not c.startswith("/dm")]


def test_unanswered_questions_cost_coordination_only():
    _, changed = assert_only("sale-day-meltdown", 7, ignore_questions, "coordination", 5, still=1.0)
    assert any("gave up waiting" in f.text for f in changed.dimension("coordination").deductions)


def never_escalate(bot, view, commands):
    return [c for c in commands if not c.startswith("/escalate")]


def test_leaving_a_silent_page_to_the_policy_costs_coordination():
    # The on-call engineer is on a plane: the fixer arrives late, so the outcome pays too.
    _, base = run("sale-day-meltdown", 0, "expert")
    _, changed = run_variant("sale-day-meltdown", 0, never_escalate)
    assert changed.dimension("coordination").score <= base.dimension("coordination").score - 10
    assert any("paging policy escalated" in f.text for f in changed.dimension("coordination").deductions)


def test_every_dimension_has_a_test_here():
    tested = {"delegation", "cadence", "severity", "outcome", "focus", "roles", "coordination"}
    assert tested == set(DIMENSIONS)
