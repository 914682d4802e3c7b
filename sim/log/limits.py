"""The ranges a session's numbers must lie in, checked wherever they come from outside.

A seed is stored in the progress history, an SQLite INTEGER (signed 64-bit); numpy takes any
non-negative integer. So a seed is a whole number from 0 to 2**63 - 1, whether it comes from a
flag or from a recording's header.

>>> seed_problem(-1), seed_problem(2**63), seed_problem(7), seed_problem(True)
('must be a whole number from 0 to 9223372036854775807', 'must be a whole number from 0 to 9223372036854775807', None, 'must be a whole number from 0 to 9223372036854775807')
"""

from __future__ import annotations

MAX_SEED = 2**63 - 1


def seed_problem(value: object) -> str | None:
    """None for a usable seed, else what is wrong with it (to follow the name of its source)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SEED:
        return f"must be a whole number from 0 to {MAX_SEED}"
    return None
