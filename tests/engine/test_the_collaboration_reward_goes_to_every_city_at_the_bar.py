"""Cities whose reported collaboration (before normalisation) reaches the bar get the reward."""

import pytest

from game.engine import Rules
from tests.engine.builders import joint, offer, province, score, sheet, sheets

# T = 39, fair shares 19.5 each: c1 pays 20, credited up to its fair share, so its
# collaboration is 1.0 exactly; c2 pays 19: 19 / 19.5 = 0.974
OFFER = offer(joint(members=("c1", "c2"), threshold=39))


def _result(c2_inflation=0, reporting=False, bar=1.0):
    the_sheets = sheets(
        sheet("c1", contributions={"jp": 20}), sheet("c2", contributions={"jp": 19}, inflation=c2_inflation)
    )
    rules = Rules(reporting=reporting, collaboration_bar=bar, collaboration_reward=3)
    return score(province(3), OFFER, the_sheets, rules=rules)


def test_a_city_exactly_at_the_bar_is_rewarded_and_one_below_is_not():
    result = _result()
    assert [c.points.collaboration_reward for c in result.cities] == [3, 0, 0]
    assert result.city("c1").points.total == pytest.approx(result.city("c1").points.rank_prize + 3)


def test_the_reported_figure_counts_so_inflation_can_buy_the_reward():
    # 0.974 * 1.10 = 1.07 >= 1.0 with nobody auditing
    result = _result(c2_inflation=10, reporting=True)
    assert [c.points.collaboration_reward for c in result.cities] == [3, 3, 0]


def test_no_reward_without_a_bar():
    assert all(c.points.collaboration_reward == 0 for c in _result(bar=0).cities)
