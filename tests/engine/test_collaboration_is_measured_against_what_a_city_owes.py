"""Collaboration = what a city paid into completed joint projects, each payment counted up
to its fair share, ÷ its fair shares of all its joint projects this round (issue #8): a city
in two projects is not favoured over a city in one, and paying more than owed earns nothing."""

import pytest

from game.engine import Weights
from tests.engine.builders import joint, offer, province, score, sheet, sheets

# budgets 100 each. j1: c1, c2 (T 40, fair 20 each); j2: c1, c3 (T 40, fair 20 each)
PROV = province(3)
OFFER = offer(joint("j1", members=("c1", "c2"), threshold=40), joint("j2", members=("c1", "c3"), threshold=40))


def _collab(**contributions):
    the_sheets = sheets(*(sheet(c, contributions=dict(paid)) for c, paid in contributions.items()))
    return [c.collaboration_actual for c in score(PROV, OFFER, the_sheets).cities]


def test_paying_every_fair_share_scores_one_whatever_the_number_of_projects():
    assert _collab(c1={"j1": 20, "j2": 20}, c2={"j1": 20}, c3={"j2": 20}) == [1.0, 1.0, 1.0]


def test_paying_one_of_two_fair_shares_scores_a_half():
    # j2 fails (c3 pays nothing): c1 is credited for j1 only
    assert _collab(c1={"j1": 20, "j2": 20}, c2={"j1": 20}) == [0.5, 1.0, 0.0]


def test_paying_above_the_fair_share_earns_no_extra_credit():
    # c1 fills c2's gap on j1 (40 of 40): j1 completes, c1 is credited its fair share only
    assert _collab(c1={"j1": 40, "j2": 20}, c3={"j2": 20}) == [1.0, 0.0, 1.0]


def test_a_city_in_no_joint_project_scores_zero():
    result = score(PROV, offer(joint("j1", members=("c1", "c2"), threshold=40)),
                   sheets(sheet("c1", contributions={"j1": 20}), sheet("c2", contributions={"j1": 20})))
    assert [c.collaboration_actual for c in result.cities] == [1.0, 1.0, 0.0]


def test_growth_is_measured_against_the_budget_not_the_gdp():
    # same budget, GDP 100 vs 1000: all-local growth is ρ in both, so they tie
    prov = province(2, gdp=[100, 1000])
    result = score(prov, offer(), {})
    assert [c.indicators["gdp_growth"] for c in result.cities] == pytest.approx([0.5, 0.5])
    weights = Weights(gdp_growth=1)
    assert weights.gdp_growth == 1 and result.cities[0].rank == result.cities[1].rank == 1
