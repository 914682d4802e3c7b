"""Seeded random damage to a YAML file's bytes, shared by the tests that feed broken files to the readers."""

from __future__ import annotations

import random


def damaged(data: bytes, rng: random.Random, pieces: list[bytes], longest_cut: int) -> bytes:
    """``data`` with one to three edits: a piece of YAML syntax inserted (six times in ten) or up
    to ``longest_cut`` bytes removed, each at a random place."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(out) + 1)
        if rng.random() < 0.6:
            out[at:at] = rng.choice(pieces)
        else:
            del out[at : at + rng.randint(1, longest_cut)]
    return bytes(out)
