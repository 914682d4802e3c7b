"""The briefing the trainee reads before the clock starts.

Apart from `sim.reading.view` on purpose: the game draws the briefing as its first screen, before
the engine, the events and the view's folds are imported (`tui/bench_first_screen.py` measures it).
"""

from __future__ import annotations

from sim.scenario.public import Catalog
from sim.scenario.setting import is_night


def setting_line(catalog: Catalog) -> str | None:
    """'Sunday, 03:14 (night), low traffic': when the drill happens, for the briefing; None without a setting."""
    setting = catalog.setting
    if setting is None:
        return None
    parts = [setting.day.capitalize()] if setting.day else []
    if setting.time:
        parts.append(setting.time + (" (night)" if is_night(setting) else ""))
    if setting.traffic:
        parts.append(f"{setting.traffic} traffic")
    return ", ".join(parts) or None


def briefing(catalog: Catalog) -> str:
    """The briefing the trainee reads: the setting's line (when there is one) above the scenario's text."""
    line = setting_line(catalog)
    return catalog.briefing if line is None else f"{line}\n\n{catalog.briefing}"
