"""One seat paying 2× or 3× its fair share against best_response does no better than the
same seat paying exactly its fair share, under every preset (issue #8): money above T goes
back, collaboration counts payments up to the fair share, and the bots expect a city to
pay at most its fair share (so over-paying does not talk them into paying for its park).
The bench repeats this over every city and more seeds (bench/fairness.py).

One case is left out and reported instead (docs/rules.md §8.1): under implicit
coordination a seat paying 2× can fill a gap the others leave and so complete a project
that paying its share alone would not (on shanxi, Xinzhou gains a point in six rounds).
That buys completion, not credit above T."""

import functools

import pytest

from game.bots.calibration import PRESETS
from game.bots.fairness import one_seat
from game.scenarios import load_scenario

ROUNDING = 0.5  # points over the game: a tie shared differently, not a strategy


@functools.cache
def _points(scenario_name: str, preset: str, city: str, strategy: str) -> float:
    run = one_seat(load_scenario(scenario_name), preset, city, strategy, seeds=[11], rounds=6)
    return sum(run.points)


CASES = [
    (scenario_name, city, preset)
    for scenario_name, city in (("shanxi", "xinzhou"), ("central-cluster", "taiyuan"))
    for preset in PRESETS
    if (scenario_name, preset) != ("shanxi", "implicit_coordination")
]


@pytest.mark.parametrize("factor", ["2", "3"])
@pytest.mark.parametrize(("scenario_name", "city", "preset"), CASES)
def test_over_paying_does_not_beat_paying_the_fair_share(scenario_name, city, preset, factor):
    honest = _points(scenario_name, preset, city, "overpay:1")
    assert _points(scenario_name, preset, city, f"overpay:{factor}") <= honest + ROUNDING
