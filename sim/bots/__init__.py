"""Scripted ICs that play through the view and the commands only."""

from sim.bots.base import Bot
from sim.bots.expert import ExpertBot
from sim.bots.idle import IdleBot
from sim.bots.novice import NoviceBot

BOTS: dict[str, type[Bot]] = {"expert": ExpertBot, "novice": NoviceBot, "idle": IdleBot}

__all__ = ["BOTS", "Bot", "ExpertBot", "IdleBot", "NoviceBot"]
