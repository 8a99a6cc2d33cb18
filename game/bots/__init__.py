"""Scripted city leaders (pure Python, seeded): fill empty seats, drive demos and
load tests, and demonstrate the paper's argument in simulation."""

from game.bots.base import BotView, RoundRecord, Strategy
from game.bots.registry import STRATEGIES, make_strategy

__all__ = ["STRATEGIES", "BotView", "RoundRecord", "Strategy", "make_strategy"]
