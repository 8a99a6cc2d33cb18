"""The paper's headline, reproduced by best-response bots (DESIGN §1, issue #2)."""

import pytest

from game.bots.calibration import headline
from game.scenarios import load_scenario


@pytest.mark.parametrize("scenario_name", ["shanxi", "central-cluster"])
def test_joint_projects_fail_under_growth_tournament_and_succeed_under_collaborative_contest(scenario_name):
    figures = headline(load_scenario(scenario_name), seeds=range(1, 6), rounds=8)
    growth = figures["growth_tournament"]
    middle = figures["implicit_coordination"]
    collaborative = figures["collaborative_contest"]
    assert growth.completion <= 0.25
    assert collaborative.completion >= 0.70
    assert growth.completion < middle.completion < collaborative.completion
    assert collaborative.welfare >= 1.25 * growth.welfare
