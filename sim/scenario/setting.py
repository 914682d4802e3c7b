"""What the scenario's setting means: the clock on the wall, night or day, and the room's mood.

The setting (`Scenario.setting`) is optional, and every reader here answers None for a scenario
without one, which the engine and the phrasebook take as "speak and sleep as by day, exactly as
before settings existed". With a setting, the mood is what people's words and the Head of Sales'
urgency follow: `peak` (traffic is at its peak), `quiet` (traffic is low, or it is night and no
traffic level is given) or `normal`.
"""

from __future__ import annotations

from typing import Literal

from sim.scenario.model import Setting

NIGHT_FROM = 23 * 60  # minutes after midnight when night begins
NIGHT_UNTIL = 7 * 60  # ... and when it ends
Mood = Literal["peak", "normal", "quiet"]

# How the Head of Sales' interval between pushes scales: at peak every minute of failure costs
# visible revenue; on a quiet night there is less to lose, and less to shout about.
SALES_EVERY = {"peak": 0.5, "normal": 1.0, "quiet": 2.0}


def _minutes(setting: Setting) -> int | None:
    if setting.time is None:
        return None
    hours, minutes = setting.time.split(":")
    return int(hours) * 60 + int(minutes)


def clock_at(setting: Setting | None, t: int) -> str | None:
    """The wall clock at sim time `t` ("03:20"), or None when the setting gives no time."""
    start = _minutes(setting) if setting is not None else None
    if start is None:
        return None
    minutes = (start + t // 60) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def is_night(setting: Setting | None) -> bool:
    """Whether the drill starts at night (23:00 to 07:00), when people may be asleep."""
    start = _minutes(setting) if setting is not None else None
    return start is not None and (start >= NIGHT_FROM or start < NIGHT_UNTIL)


def mood(setting: Setting | None) -> Mood | None:
    """peak, normal or quiet; None without a setting (today's words and timings exactly)."""
    if setting is None:
        return None
    if setting.traffic == "peak":
        return "peak"
    if setting.traffic == "low" or (setting.traffic is None and is_night(setting)):
        return "quiet"
    return "normal"


def sales_every(every: int, setting: Setting | None) -> int:
    """The Head of Sales' interval between pushes, scaled by the mood; unchanged without a setting."""
    feel = mood(setting)
    return every if feel is None else max(1, round(every * SALES_EVERY[feel]))

