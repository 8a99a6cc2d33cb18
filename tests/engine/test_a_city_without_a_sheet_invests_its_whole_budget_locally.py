"""A seat that saved nothing invests its whole budget locally; invalid sheets stop the engine."""

import pytest

from game.engine import InvalidRound, Sheet
from tests.engine.builders import industrial, joint, offer, province, score, sheet, sheets, state

PROV = province(3, budgets=[100, 80, 60])
OFFER = offer(industrial(), joint(members=("c1", "c2"), threshold=10))


def test_no_sheet_means_everything_is_local_investment():
    result = score(PROV, OFFER, sheets(sheet("c1", bids={"ind": 10})))
    c2 = result.city("c2")
    assert (c2.bids_placed, c2.bids_paid, dict(c2.contributions)) == (0, 0, {})
    assert c2.local_investment == 80
    assert c2.gdp_gain.total == pytest.approx(40)
    assert c2.inflation_pct == 0
    assert result.city("c3").gdp_gain.total == pytest.approx(30)


def test_an_over_budget_sheet_is_refused():
    with pytest.raises(InvalidRound, match="c3"):
        score(PROV, OFFER, sheets(sheet("c3", bids={"ind": 61})))


def test_a_sheet_over_this_rounds_budget_is_refused_even_if_under_the_base_budget():
    with pytest.raises(InvalidRound):
        score(PROV, OFFER, sheets(sheet("c1", bids={"ind": 90})), st=state(PROV, budgets={"c1": 50}))


def test_a_sheet_filed_under_another_city_is_refused():
    with pytest.raises(InvalidRound):
        score(PROV, OFFER, {"c2": Sheet("c1")})


def test_a_sheet_for_an_unknown_city_is_refused():
    with pytest.raises(InvalidRound):
        score(PROV, OFFER, {"c9": Sheet("c9")})


def test_a_contribution_by_a_non_member_is_refused():
    with pytest.raises(InvalidRound):
        score(PROV, OFFER, sheets(sheet("c3", contributions={"jp": 5})))
