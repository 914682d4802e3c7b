"""The debrief: what went well, three things to improve first, the key moments, and par."""

import re

from sim.log.clock import format_clock
from sim.play.par import par
from sim.reading.scoring import DIMENSIONS, debrief

from .helpers import run, scenario

SECTIONS = ["What went well", "Three things to improve first", "Timeline of key moments", "Beside par"]


def section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(title) + 2
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_novice_debrief_has_every_section_in_order():
    name, seed = "sale-day-meltdown", 0
    entries, card = run(name, seed, "novice")
    text = debrief(scenario(name).scenario, entries, card, par(scenario(name), seed))
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    improve = section(text, "Three things to improve first")
    assert [line.strip()[:2] for line in improve] == ["1.", "2.", "3."]
    assert len({re.search(r"\[(\w+),", line).group(1) for line in improve}) == 3  # three different duties
    assert section(text, "What went well")


def test_timeline_shows_the_key_moments_in_order():
    name, seed = "payments-db-saturation", 0
    entries, card = run(name, seed, "expert")
    text = debrief(scenario(name).scenario, entries, card)
    moments = section(text, "Timeline of key moments")
    times = [m.split()[0] for m in moments]
    assert times == sorted(times, key=lambda t: tuple(int(x) for x in t[2:].split(":")))
    joined = "\n".join(moments)
    declared = next(e for e in entries if e.event.kind == "severity_set")
    assert f"{format_clock(declared.t)}  You declared the incident at {declared.event.severity}." in joined
    for words in ("You were paged", "The fix took effect", "You marked the incident mitigated", "You resolved the incident",
                  "Status update posted: \u201c"):
        assert words in joined, words


def test_par_comparison_is_dimension_by_dimension():
    name, seed = "search-deploy-and-cache", 2
    entries, card = run(name, seed, "novice")
    par_card = par(scenario(name), seed)
    _, expert = run(name, seed, "expert")
    assert par_card == expert  # par is the expert on the same seed
    rows = section(debrief(scenario(name).scenario, entries, card, par_card), "Beside par")
    for dimension in DIMENSIONS:
        row = next(r for r in rows if r.split()[0] == dimension)
        if card.dimension(dimension).judged and par_card.dimension(dimension).judged:
            you, theirs, diff = (float(x) for x in row.split()[1:4])
            assert (you, theirs) == (card.dimension(dimension).score, par_card.dimension(dimension).score)
            assert diff == round(you - theirs, 1)
    assert any(r.split()[0] == "overall" for r in rows)


def test_debrief_without_par_and_for_an_idle_run():
    name = "payments-db-saturation"
    entries, card = run(name, 0, "idle")
    text = debrief(scenario(name).scenario, entries, card)
    assert "Scores" in text and "Beside par" not in text
    assert "Nothing yet earned full credit" in text
