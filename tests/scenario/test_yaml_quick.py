"""The quick YAML reader (libyaml's C events, no positions) against the positional reader: the
same data, the same positions once asked for, and every file libyaml would accept but PyYAML
refuses still refused with today's message."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sim.scenario import yamlsafe
from sim.scenario.generate import generated_scenario_yaml
from sim.scenario.yamlfast import CParser, quick_data
from sim.scenario.yamlsafe import MAX_ALIASES, MAX_DEPTH, MAX_VALUES, YamlProblems, read_yaml
from tests.scenario.damage import damaged

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").rglob("*.yaml"))

pytestmark = pytest.mark.skipif(CParser is None, reason="PyYAML without libyaml has no quick reader")


def outcome(path: Path, quick: bool, monkeypatch) -> tuple:
    """Everything a reader gives back: data, positions and problems, or the problems it raised."""
    with monkeypatch.context() as patch:
        if not quick:
            patch.setattr(yamlsafe, "quick_data", lambda *args: None)
        try:
            doc = read_yaml(path)
        except YamlProblems as err:
            return ("refused", [p.format() for p in err.problems])
        return ("read", repr(doc.data), sorted(doc.keys.items()), sorted(doc.values.items()), [p.format() for p in doc.problems])


def test_an_ordinary_file_is_read_quickly_and_its_positions_only_when_asked(tmp_path, monkeypatch):
    path = tmp_path / "g.yaml"
    path.write_text(generated_scenario_yaml(30), encoding="utf-8")
    doc = read_yaml(path)
    assert doc.positions is None
    line, col = doc.where(("faults", 0, "service"))[1:]  # read now, from the positional reader
    assert doc.positions is not None
    assert doc.source_line(line)[col - 1 :].startswith(doc.data["faults"][0]["service"])
    assert outcome(path, True, monkeypatch) == outcome(path, False, monkeypatch)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_read_the_same_both_ways(path, monkeypatch):
    assert quick_data(path.read_text(), MAX_DEPTH, MAX_ALIASES, MAX_VALUES) is not None
    assert outcome(path, True, monkeypatch) == outcome(path, False, monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        "a:\tb\n",  # libyaml takes a tab between the parts of a line
        "a: {team: pay?ments}\n",  # and a `?` inside a plain value within { }
        "a: [pay?ments]\n",
        "a: |# note\n  text\n",  # and a block scalar's indicator followed by `#`
        "a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n",  # merge keys, tags, duplicates: the positional reader's
        "a: !!str 1\n",
        "a: 1\na: 2\n",
    ],
)
def test_what_is_not_ordinary_takes_the_positional_reader(tmp_path, monkeypatch, text):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert quick_data(text, MAX_DEPTH, MAX_ALIASES, MAX_VALUES) is None
    assert outcome(path, True, monkeypatch) == outcome(path, False, monkeypatch)


def test_mutated_scenarios_read_the_same_both_ways(tmp_path, monkeypatch):
    """Random damage to a shipped scenario: whatever the positional reader says, the quick path says too."""
    rng = random.Random(13)
    base = (ROOT / "scenarios" / "sale-day-meltdown.yaml").read_bytes()
    pieces = [b":", b"-", b" ", b"\n", b"'", b'"', b"[", b"]", b"{", b"}", b"&a", b"*a", b"<<: *a\n", b"!!str ", b"#", b"?", b"|", b">", b",", b"\t", b"~", b"%", b"@"]
    path = tmp_path / "m.yaml"
    for _ in range(150):
        data = damaged(base, rng, pieces, longest_cut=4)
        path.write_bytes(data)
        assert outcome(path, True, monkeypatch) == outcome(path, False, monkeypatch), data
