"""Play a province for several rounds with scripted players (pure, seeded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.bots.base import BotView, RoundRecord, Strategy
from game.engine import Province, RoundOffer, Rules, Sheet, initial_state, score_round


@dataclass(frozen=True, slots=True)
class Seat:
    city_id: str
    strategy: Strategy


def play(
    province: Province,
    offers: Sequence[RoundOffer],
    rules_by_round: Sequence[Rules],
    seats: Sequence[Seat],
    seed: int,
) -> list[RoundRecord]:
    """Round r uses offers[r-1] and rules_by_round[r-1]; every seat is a bot."""
    rounds = len(rules_by_round)
    if len(offers) < rounds:
        raise ValueError(f"the deck has {len(offers)} rounds, fewer than {rounds}")
    state = initial_state(province, rounds)
    history: list[RoundRecord] = []
    for r in range(rounds):
        rules, offer = rules_by_round[r], offers[r]
        sheets: dict[str, Sheet] = {}
        for seat in seats:
            view = BotView(province, state, rules, offer, seat.city_id, tuple(history), seed)
            sheets[seat.city_id] = seat.strategy.choose(view)
        result = score_round(province, state, rules, offer, sheets, seed=seed)
        history.append(RoundRecord(offer, sheets, result))
        state = result.next_state
    return history
