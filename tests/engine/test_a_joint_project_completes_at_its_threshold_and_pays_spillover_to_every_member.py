"""Joint projects complete iff contributions >= T; every member then gets S, paid or not."""

import pytest

from tests.engine.builders import joint, offer, province, score, sheet, sheets

PROJECT = joint(members=("c1", "c2", "c3"), host="c1", threshold=60, spillover=5, output=90, fiscal_yield=30)


def test_contributions_equal_to_the_threshold_complete_it():
    result = score(
        province(4),
        offer(PROJECT),
        sheets(sheet("c1", contributions={"jp": 40}), sheet("c2", contributions={"jp": 20})),
    )
    outcome = result.joint[0]
    assert outcome.completed is True
    assert outcome.total_contributed == 60
    assert dict(outcome.contributions) == {"c1": 40, "c2": 20, "c3": 0}
    assert outcome.pays_in_round == 1
    assert result.totals.joint_completed == 1
    assert result.totals.joint_offered == 1
    # S to every member, including c3 who paid nothing; nothing to the non-member c4
    assert [c.gdp_gain.spillover for c in result.cities] == [5, 5, 5, 0]
    # host rule (default): c1 gets S + Q = 95
    assert dict(outcome.gdp_shares) == {"c1": 95, "c2": 5, "c3": 5}
    c1 = result.city("c1")
    # c1: 5 + 90 + 0.5 * (100 - 40) = 125
    assert c1.gdp_gain.output == 90
    assert c1.gdp_gain.total == pytest.approx(125)
    assert c1.contributions_spent == 40
    # free rider c3: 5 + 0.5 * 100 = 55
    assert result.city("c3").gdp_gain.total == pytest.approx(55)
    # collaboration = paid into completed projects, up to the fair share (20 each), ÷ owed:
    # c1's 40 counts as 20; c3 owed 20 and paid nothing; c4 owed nothing
    assert [c.collaboration_actual for c in result.cities] == [1.0, 1.0, 0.0, 0.0]


def test_one_unit_short_fails_and_pays_nothing():
    result = score(
        province(4),
        offer(PROJECT),
        sheets(sheet("c1", contributions={"jp": 40}), sheet("c2", contributions={"jp": 19})),
    )
    outcome = result.joint[0]
    assert outcome.completed is False
    assert outcome.pays_in_round is None
    assert dict(outcome.gdp_shares) == {}
    assert all(c.gdp_gain.spillover == 0 and c.gdp_gain.output == 0 for c in result.cities)
    assert all(c.collaboration_actual == 0 for c in result.cities)
    assert result.totals.joint_completed == 0


def test_a_project_with_a_zero_threshold_never_completes():
    result = score(province(3), offer(joint(threshold=0, spillover=5)))
    assert result.joint[0].completed is False
    assert all(c.gdp_gain.spillover == 0 for c in result.cities)
