"""Plain-text tables in the commands' output: each column padded to its widest cell."""

from __future__ import annotations

from collections.abc import Collection, Sequence


def aligned(rows: Sequence[Sequence[str]], left: Collection[int], *, rule: bool = False) -> list[str]:
    """Each row as a line, its cells two spaces apart: the columns in `left` flush left (text), the
    others flush right (figures). With `rule`, a line of dashes under the first row (the headers)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(c.ljust(w) if i in left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
        for row in rows
    ]
    if rule:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return lines
