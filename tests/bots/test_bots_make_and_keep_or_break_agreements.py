"""Bots on the platform in simulation: negotiators make agreements; under the collaborative
contest (binding) they are kept and completion is at least as high as without them; under
the growth tournament (cheap talk) what is signed is broken, and the counts show it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.bots import BotView, make_strategy
from game.bots.agreements import answer, play
from game.bots.simulation import Seat, summarise
from game.bots.simulation import play as simulate_play
from game.engine import Agreement, initial_state
from game.scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[2]


def _run(scenario_id, preset, strategy, rounds=4, seed=3):
    scenario = load_scenario(scenario_id)
    seats = [Seat(c.id, make_strategy(strategy)) for c in scenario.province.cities]
    rules = [scenario.presets[preset].rules] * rounds
    return summarise(simulate_play(scenario.province, scenario.offers, rules, seats, seed), [preset] * rounds)


@pytest.mark.parametrize("scenario_id", ["central-cluster", "shanxi"])
def test_binding_agreements_do_not_lower_completion_under_the_collaborative_contest(scenario_id):
    talk = _run(scenario_id, "collaborative_contest", "negotiator")
    silent = _run(scenario_id, "collaborative_contest", "best_response")
    assert talk["agreements"]["signed"] > 0
    assert talk["agreements"]["broken"] == 0
    assert talk["completion_rate"] >= silent["completion_rate"]
    assert silent["agreements"] == {"signed": 0, "kept": 0, "broken": 0}


@pytest.mark.parametrize("scenario_id", ["central-cluster", "shanxi"])
def test_under_the_growth_tournament_signed_agreements_are_broken(scenario_id):
    talk = _run(scenario_id, "growth_tournament", "negotiator")
    assert talk["agreements"]["signed"] > 0
    assert talk["agreements"]["broken"] == talk["agreements"]["signed"]
    assert talk["completion_rate"] <= 0.25
    assert all(r["agreements"]["signed"] == r["agreements"]["kept"] + r["agreements"]["broken"]
               for r in talk["rounds"])


def _view(preset, city_id, agreements=()):
    scenario = load_scenario("central-cluster")
    rules = scenario.presets[preset].rules
    return BotView(scenario.province, initial_state(scenario.province, 3), rules, scenario.offers[0], city_id, (), 1,
                   agreements=tuple(agreements))


def test_best_response_accepts_only_when_keeping_the_pledge_pays():
    # Yangquan is a member of corridor-1 but not its host: under the growth tournament the
    # park's output goes to the host, so paying in earns Yangquan nothing it would not get.
    view = _view("collaborative_contest", "yangquan")
    fair = view.fair_share(view.offer.joint_by_id()["corridor-1"])
    deal = Agreement("x", "corridor-1", {"taiyuan": 40, "xinzhou": 30, "yangquan": fair})
    greedy = Agreement("y", "corridor-1", {"taiyuan": 1, "xinzhou": 1, "yangquan": 50})
    br = make_strategy("best_response")
    assert answer(br, view, deal) is True
    assert answer(br, _view("growth_tournament", "yangquan"), deal) is False
    assert answer(br, _view("growth_tournament", "yangquan"), greedy) is False
    assert answer(make_strategy("negotiator"), _view("growth_tournament", "yangquan"), greedy) is True  # talk


def test_a_bound_bot_keeps_a_binding_pledge_and_an_honest_one_keeps_any():
    deal = Agreement("x", "corridor-1", {"taiyuan": 40, "xinzhou": 30})
    compete = play(make_strategy("always_compete"), _view("collaborative_contest", "xinzhou", [deal]))
    assert compete.contributions["corridor-1"] == 30
    assert compete.spend() <= _view("collaborative_contest", "xinzhou").budget
    loose = play(make_strategy("always_compete"), _view("growth_tournament", "xinzhou", [deal]))
    assert loose.contributions.get("corridor-1", 0) == 0
    honest = play(make_strategy("reciprocal"), _view("growth_tournament", "xinzhou", [deal]))
    assert honest.contributions["corridor-1"] >= 30


def test_simulate_json_counts_agreements_per_round():
    run = subprocess.run([sys.executable, "manage.py", "simulate", "--scenario", "central-cluster", "--rules",
                          "growth_tournament", "--rounds", "2", "--strategy", "negotiator", "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data["agreements"]) == {"signed", "kept", "broken"}
    assert [set(r["agreements"]) for r in data["rounds"]] == [{"signed", "kept", "broken"}] * 2
    assert data["agreements"]["broken"] > 0


def test_best_response_declines_an_oversized_pledge_next_to_token_pledges_under_the_collaborative_contest():
    # Yangquan pledges its whole budget (45) to corridor-1 (threshold 61) while the other
    # two pledge 1 each: kept to the letter, the project fails and Yangquan's budget sits
    # idle. Assuming the others still paid their usual fair shares made it look free.
    view = _view("collaborative_contest", "yangquan")
    oversized = Agreement("z", "corridor-1", {"taiyuan": 1, "xinzhou": 1, "yangquan": view.budget})
    assert view.budget == 45 and view.offer.joint_by_id()["corridor-1"].threshold == 61
    assert answer(make_strategy("best_response"), view, oversized) is False
    assert answer(make_strategy("negotiator"), view, oversized) is False
