"""The paper's headline, reproduced by best-response bots (DESIGN §1, issue #2)."""

import pytest

from game.bots.calibration import figures
from tests.bots.played import best_response_games


@pytest.mark.parametrize("scenario_name", ["shanxi", "central-cluster"])
def test_joint_projects_fail_under_growth_tournament_and_succeed_under_collaborative_contest(scenario_name):
    growth, middle, collaborative = (
        figures(p, best_response_games(scenario_name, p))
        for p in ("growth_tournament", "implicit_coordination", "collaborative_contest")
    )
    assert growth.completion <= 0.25
    assert collaborative.completion >= 0.70
    assert growth.completion < middle.completion < collaborative.completion
    assert collaborative.welfare >= 1.25 * growth.welfare
