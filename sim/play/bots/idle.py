"""The IC who never shows up: the floor every score is measured against."""

from sim.play.bots.base import Bot
from sim.reading.view import View


class IdleBot(Bot):
    name = "idle"

    def decide(self, view: View) -> list[str]:
        return []

    def next_look(self, view: View) -> int | None:
        return None  # nothing ever changes its answer
