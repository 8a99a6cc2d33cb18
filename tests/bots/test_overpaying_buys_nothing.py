"""One seat paying 2× or 3× its fair share against best_response does no better than the
same seat paying exactly its fair share (issue #8): money above T goes back and
collaboration counts payments up to the fair share. The bench repeats this over every city
and more seeds (bench/fairness.py).

Implicit coordination is left out on purpose: there the bots often pay nothing, so 2× a
host's fair share is what completes its own project (it then books the park output), and
that pays. That is buying completion, not credit: none of the money goes above T
(docs/rules.md §8.1)."""

import functools

import pytest

from game.bots.fairness import one_seat
from game.scenarios import load_scenario

ROUNDING = 0.5  # points over the game: a tie shared differently, not a strategy


@functools.cache
def _points(scenario_name: str, preset: str, city: str, strategy: str) -> float:
    run = one_seat(load_scenario(scenario_name), preset, city, strategy, seeds=[11], rounds=6)
    return sum(run.points)


@pytest.mark.parametrize("factor", ["2", "3"])
@pytest.mark.parametrize("preset", ["growth_tournament", "collaborative_contest"])
@pytest.mark.parametrize(("scenario_name", "city"), [("shanxi", "xinzhou"), ("central-cluster", "taiyuan")])
def test_over_paying_does_not_beat_paying_the_fair_share(scenario_name, city, preset, factor):
    honest = _points(scenario_name, preset, city, "overpay:1")
    assert _points(scenario_name, preset, city, f"overpay:{factor}") <= honest + ROUNDING
