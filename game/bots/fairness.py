"""Does a city's rank depend on its decisions more than on its place on the map?
(DESIGN §5 "Fairness", issue #8.) Pure and seeded, like the calibration.

- `same_strategy`: every seat plays one strategy; where does each city finish?
- `one_seat`: one city plays a probe strategy against best_response everywhere else;
  what place and how many points does it get, compared with playing best_response?
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.bots.base import RoundRecord
from game.bots.probes import make_probe
from game.bots.registry import make_strategy
from game.bots.simulation import Seat, play
from game.scenarios import Scenario

# The grid of simple strategies a clever student tries in one seat.
GRID = (
    "best_response",
    "fair_share",
    "local_only",
    "always_compete",
    "reciprocal",
    "overpay:2",
    "overpay:3",
    "half_on_best",
    "jump:2",
    "jump:3",
)
EXPLOITS = ("overpay:2", "overpay:3", "half_on_best", "jump:2", "jump:3", "always_compete")


def standings(history: Sequence[RoundRecord]) -> dict[str, float]:
    points: dict[str, float] = {}
    for record in history:
        for c in record.result.cities:
            points[c.city_id] = points.get(c.city_id, 0.0) + c.points.total
    return points


def places(points: dict[str, float]) -> dict[str, int]:
    """1 + the number of cities with strictly more points (level cities share a place)."""
    return {c: 1 + sum(q > p + 1e-9 for q in points.values()) for c, p in points.items()}


def firsts(points: dict[str, float]) -> dict[str, float]:
    """Share of the win: cities level on top split one win."""
    top = max(points.values())
    leaders = [c for c, p in points.items() if p >= top - 1e-9]
    return {c: (1 / len(leaders) if c in leaders else 0.0) for c in points}


def _play(scenario: Scenario, preset: str, names: dict[str, str], seed: int, rounds: int) -> list[RoundRecord]:
    seats = [Seat(c.id, make_probe(names.get(c.id, "best_response"))) for c in scenario.province.cities]
    return play(scenario.province, scenario.offers, [scenario.presets[preset].rules] * rounds, seats, seed)


@dataclass(frozen=True, slots=True)
class SameStrategy:
    wins: dict[str, float]  # share of games each city won
    mean_place: dict[str, float]
    games: int


def same_strategy(
    scenario: Scenario, preset: str, *, seeds: Iterable[int], rounds: int = 8, strategy: str = "best_response"
) -> SameStrategy:
    ids = [c.id for c in scenario.province.cities]
    return winners(
        _play(scenario, preset, dict.fromkeys(ids, strategy), seed, rounds) for seed in seeds
    )


def winners(played: Iterable[Sequence[RoundRecord]]) -> SameStrategy:
    """Win shares and mean places over played games."""
    wins: dict[str, float] = {}
    place_sum: dict[str, float] = {}
    games = 0
    for history in played:
        points = standings(history)
        for c, share in firsts(points).items():
            wins[c] = wins.get(c, 0.0) + share
        for c, p in places(points).items():
            place_sum[c] = place_sum.get(c, 0.0) + p
        games += 1
    return SameStrategy(
        {c: w / games for c, w in wins.items()}, {c: s / games for c, s in place_sum.items()}, games
    )


def tie_break_share(played: Iterable[Sequence[RoundRecord]]) -> float:
    """Share of awarded industrial projects that the seeded tie-break decided."""
    ties = won = 0
    for history in played:
        for record in history:
            for o in record.result.industrial:
                if o.winner is not None:
                    won += 1
                    ties += bool(o.tied)
    return ties / won if won else 0.0


@dataclass(frozen=True, slots=True)
class SeatRun:
    city: str
    strategy: str
    places: tuple[int, ...]  # per seed
    points: tuple[float, ...]


def one_seat(
    scenario: Scenario, preset: str, city: str, strategy: str, *, seeds: Iterable[int], rounds: int = 8
) -> SeatRun:
    got_places, got_points = [], []
    for seed in seeds:
        points = standings(_play(scenario, preset, {city: strategy}, seed, rounds))
        got_places.append(places(points)[city])
        got_points.append(points[city])
    return SeatRun(city, strategy, tuple(got_places), tuple(got_points))


def tie_share(scenario: Scenario, preset: str, *, seeds: Iterable[int], rounds: int = 8) -> float:
    return tie_break_share(_play(scenario, preset, {}, seed, rounds) for seed in seeds)


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.fmean(values) if values else 0.0


__all__ = [
    "EXPLOITS", "GRID", "SameStrategy", "SeatRun", "make_strategy", "one_seat", "same_strategy", "tie_break_share",
    "tie_share", "winners",
]
