"""The paper's headline as a measurement: joint-project completion and welfare per rule
preset with scripted players in every seat (DESIGN §1)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from game.bots.base import RoundRecord
from game.bots.registry import make_strategy
from game.bots.simulation import Seat, parse_mix, play
from game.scenarios import Scenario

PRESETS = ("growth_tournament", "implicit_coordination", "collaborative_contest")


@dataclass(frozen=True, slots=True)
class Figures:
    preset: str
    completion: float  # mean over seeds of completed ÷ offered joint projects
    welfare: float  # mean over seeds of the province's total welfare
    bid_spending: float
    completion_by_seed: tuple[float, ...]


def games(
    scenario: Scenario, preset: str, *, seeds: Iterable[int], rounds: int, strategy: str = "best_response"
) -> list[list[RoundRecord]]:
    """One played game (its round records) per seed, every round under `preset`."""
    city_ids = [c.id for c in scenario.province.cities]
    rules = [scenario.presets[preset].rules] * rounds
    played = []
    for seed in seeds:
        seats = [
            Seat(c, make_strategy(n)) for c, n in zip(city_ids, parse_mix(strategy, city_ids), strict=True)
        ]
        played.append(play(scenario.province, scenario.offers, rules, seats, seed))
    return played


def figures(preset: str, played: Iterable[list[RoundRecord]]) -> Figures:
    completion, welfare, bids = [], [], []
    for history in played:
        offered = sum(h.result.totals.joint_offered for h in history)
        completion.append(sum(h.result.totals.joint_completed for h in history) / offered if offered else 0.0)
        welfare.append(sum(h.result.totals.welfare for h in history))
        bids.append(sum(h.result.totals.bid_spending for h in history))
    return Figures(
        preset,
        statistics.mean(completion),
        statistics.mean(welfare),
        statistics.mean(bids),
        tuple(completion),
    )


def measure(
    scenario: Scenario, preset: str, *, seeds: Iterable[int], rounds: int, strategy: str = "best_response"
) -> Figures:
    return figures(preset, games(scenario, preset, seeds=seeds, rounds=rounds, strategy=strategy))


def headline(
    scenario: Scenario,
    *,
    seeds: Iterable[int] = range(1, 6),
    rounds: int = 8,
    strategy: str = "best_response",
) -> dict[str, Figures]:
    seeds = tuple(seeds)
    return {p: measure(scenario, p, seeds=seeds, rounds=rounds, strategy=strategy) for p in PRESETS}
