"""The one dynamic rule: the expert bot must win the scenario on every seed lint plays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sim.log import events as ev
from sim.lint.finding import Finding, finding
from sim.lint.subject import Subject
from sim.play.drill import play
from sim.reading.scoring import score
from sim.scenario.loader import LoadedScenario

# What the repository calls a win for the expert: the bottom of its calibration band
# (tests/scoring/test_calibration.py BANDS["expert"]), with the drill ended by the scenario's
# end phase (tests/scoring/test_par_wins.py). tests/lint checks that the two stay the same.
WIN_SCORE = 85.0
DEFAULT_SEEDS = 3
_SHOWN = 3  # lost seeds named in one finding; the rest are counted


def expert_loses(subject: Subject, seeds: int = DEFAULT_SEEDS) -> Iterator[Finding]:
    """A scenario the expert bot does not win, on seeds 0 to ``seeds - 1``: par (what a trainee
    is measured against) is then a loss, and a trainee cannot tell a hard drill from a broken
    one. A win is the drill ended by the scenario's end phase with an overall score of at least
    WIN_SCORE."""
    scenario = subject.scenario
    assert scenario is not None
    loaded = LoadedScenario(scenario=scenario, path=Path(subject.path), content_hash=subject.content_hash)
    lost: list[str] = []
    for seed in range(seeds):
        try:
            entries = play(loaded, seed, "expert").log.entries
            overall = score(scenario, entries).overall
        except Exception as err:  # noqa: BLE001 - a scenario that breaks the engine is a finding, not a traceback
            lost.append(f"seed {seed} stopped the engine ({type(err).__name__}: {err}); please report it")
            continue
        ended = [e.event.reason for e in entries if isinstance(e.event, ev.DrillEnded)]
        reason = ended[-1] if ended else "no end"
        if reason != scenario.end.phase:
            lost.append(f"seed {seed} ended {reason} (score {overall:.1f})")
        elif overall < WIN_SCORE:
            lost.append(f"seed {seed} scored {overall:.1f}")
    if lost:
        shown = "; ".join(lost[:_SHOWN]) + (f"; and {len(lost) - _SHOWN} more" if len(lost) > _SHOWN else "")
        yield finding(
            subject, ("scenario",), "expert-loses",
            f"the expert bot wins {seeds - len(lost)} of {seeds} seeds (a win: {scenario.end.phase} with a score of "
            f"{WIN_SCORE:g} or more): {shown}",
            hint=f"`icdrill run {subject.path} --bot expert --seed N` shows how a seed goes",
            on_key=True,
        )  # fmt: skip
