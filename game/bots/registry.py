"""Strategy names, as the simulator, the live game and the docs use them."""

from __future__ import annotations

from game.bots.base import Strategy
from game.bots.best_response import BestResponse
from game.bots.negotiator import Negotiator
from game.bots.simple import AlwaysCompete, FairShare, RandomPlayer, Reciprocal

STRATEGIES: dict[str, type] = {
    "always_compete": AlwaysCompete,
    "fair_share": FairShare,
    "random": RandomPlayer,
    "reciprocal": Reciprocal,
    "best_response": BestResponse,
    "negotiator": Negotiator,
}


def make_strategy(name: str) -> Strategy:
    try:
        return STRATEGIES[name]()
    except KeyError:
        raise ValueError(f"unknown strategy '{name}' (known: {', '.join(STRATEGIES)})") from None
