"""Scripted ICs that play through the view and the commands only."""

from sim.play.bots.base import Bot
from sim.play.bots.expert import ExpertBot
from sim.play.bots.idle import IdleBot
from sim.play.bots.novice import NoviceBot

BOTS: dict[str, type[Bot]] = {"expert": ExpertBot, "novice": NoviceBot, "idle": IdleBot}

__all__ = ["BOTS", "Bot", "ExpertBot", "IdleBot", "NoviceBot"]
