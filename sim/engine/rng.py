"""One root seed per session, split into independent named streams.

Each stream's SeedSequence is keyed by a stable digest of its name, not by the order streams are
asked for, so adding a new draw (say, a generated name) never shifts outage timing.
"""

from __future__ import annotations

import hashlib

import numpy as np


def _name_key(name: str) -> int:
    # hashlib, not hash(): str hashes change with PYTHONHASHSEED.
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")


class Streams:
    """Named numpy Generators derived from one root seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._streams: dict[str, np.random.Generator] = {}

    def get(self, name: str) -> np.random.Generator:
        if name not in self._streams:
            sequence = np.random.SeedSequence(entropy=self.seed, spawn_key=(_name_key(name),))
            self._streams[name] = np.random.default_rng(sequence)
        return self._streams[name]

    def int_seed(self, name: str) -> int:
        """A plain integer seed for libraries with their own generator (Faker)."""
        return int(self.get(name).integers(0, 2**31 - 1))
