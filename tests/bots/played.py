"""Games with best_response in every seat, played once per test session and shared by the
headline and the fairness tests (the same games answer both questions)."""

from __future__ import annotations

import functools

from game.bots.calibration import games
from game.scenarios import load_scenario

SEEDS = range(1, 7)
ROUNDS = 8


@functools.cache
def best_response_games(scenario_name: str, preset: str) -> tuple:
    return tuple(games(load_scenario(scenario_name), preset, seeds=SEEDS, rounds=ROUNDS))
