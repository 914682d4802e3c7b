"""Hostile flags: every flag of every command out of its range is one line and exit 2, before any work.

The seed is the sharpest: -1 crashed numpy, 2**63 played a whole drill and then lost its history
row (SQLite stores 64-bit signed integers). `--speed nan` crashed the game's first tick.
"""

from __future__ import annotations

import argparse

import pytest

from tui.cli.entry import parser
from tui.cli.flags import CHECKS

from .harness import assert_refused, icdrill

BIG = str(2**63)
REFUSED = [
    (("run", "--seed", "-1"), "--seed: must be a whole number from 0 to 9223372036854775807"),
    (("run", "--seed", BIG), f"--seed: must be a whole number from 0 to 9223372036854775807; found '{BIG}'"),
    (("play", "--seed", BIG), "--seed: must be a whole number"),
    (("run", "--seed", "9" * 5000), "--seed: invalid int value"),
    (("play", "--speed", "nan"), "--speed: must be a number above 0 and at most 3600"),
    (("play", "--speed", "inf"), "--speed: must be a number above 0"),
    (("play", "--speed", "1e400"), "--speed: must be a number above 0"),
    (("play", "--speed", "0"), "--speed: must be a number above 0"),
    (("play", "--speed=-1"), "--speed: must be a number above 0"),
    (("bench", "--drills", "0"), "--drills: must be a whole number from 1 to 1000000"),
    (("bench", "--drills", "10000000000"), "--drills: must be a whole number from 1 to 1000000"),
    (("run", "--trainee", ""), "--trainee: must not be empty"),
    (("run", "--trainee", "x" * 101), "--trainee: must be at most 100 characters"),
    (("history", "--trainee", "dana\u2028root"), "--trainee: must be printable text"),
    (("run", "a" * 300), "argument scenario: is too long for a file name"),
    (("validate", "a" * 300), "PATH: is too long for a file name"),
    (("score", ""), "REC: must not be empty"),
    (("replay", "x.jsonl", "--scenario", ""), "--scenario: must not be empty"),
    (("run", "--script", ""), "--script: must not be empty"),
    (("run", "--log", "."), "--log: is a folder; name a file to write"),
    (("run", "--log", "no/such/folder/log.jsonl"), "--log: is in a folder that does not exist"),
    (("report", "x.jsonl", "-o", ""), "--output: must not be empty"),
    (("run", "--bot", "genius"), "--bot: invalid choice: 'genius'"),
    (("frobnicate",), "invalid choice: 'frobnicate'"),
    (("run", "--no-such-flag"), "unrecognized arguments: --no-such-flag"),
]


@pytest.mark.parametrize(("args", "says"), REFUSED, ids=[" ".join(a)[:40] for a, _ in REFUSED])
def test_a_flag_out_of_range_is_one_line_and_exit_2(args, says, tmp_path):
    result = icdrill(*args, data_dir=tmp_path)
    assert_refused(result, says=says)
    assert result.out == ""
    assert not (tmp_path / "recordings").exists()  # refused before anything was played


def test_the_largest_seed_plays_and_lands_in_the_history(tmp_path):
    big = str(2**63 - 1)
    played = icdrill("run", "--seed", big, "--bot", "idle", "--trainee", "dana", data_dir=tmp_path)
    assert played.code == 0 and played.err == "", played.err
    history = icdrill("history", "--trainee", "dana", data_dir=tmp_path)
    assert history.code == 0 and big in history.out


def _commands() -> dict[str, argparse.ArgumentParser]:
    top = parser()
    sub = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return {"icdrill": top, **sub.choices}


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_flag_of_every_command_has_a_range_check_or_says_it_needs_none(command):
    """A new flag must be entered in tui.cli.flags.CHECKS: a check, or None for a choice or a switch."""
    unchecked = [a.dest for a in _commands()[command]._actions if a.dest not in CHECKS]
    assert unchecked == []


def test_a_flag_that_needs_no_check_cannot_take_free_text():
    for command in _commands().values():
        for action in command._actions:
            if action.dest in CHECKS and CHECKS[action.dest] is None and action.nargs != 0:
                assert action.choices, (command.prog, action.dest)
