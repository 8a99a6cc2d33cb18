"""The reserve price: a bid below it can neither win nor be charged; a bid exactly at it can win."""

import pytest

from game.engine import Rules
from tests.engine.builders import bids, industrial, offer, province, score


@pytest.mark.parametrize("all_pay", [False, True])
def test_a_bid_exactly_at_the_reserve_wins_over_a_higher_intent_below_it(all_pay):
    # reserve 30: c1's 29 is below, c2's 30 meets it exactly
    result = score(
        province(3), offer(industrial(reserve=30)), bids(c1=29, c2=30), rules=Rules(all_pay=all_pay)
    )
    outcome = result.industrial[0]
    assert outcome.winner == "c2"
    assert outcome.winning_bid == 30
    assert result.city("c2").bids_paid == 30
    # c1's bid is below the reserve: it is not paid even under all-pay
    assert result.city("c1").bids_paid == 0
    assert result.city("c1").local_investment == 100
    assert result.totals.bid_waste == 0


@pytest.mark.parametrize("all_pay", [False, True])
def test_when_every_bid_is_below_the_reserve_nobody_wins_or_pays(all_pay):
    result = score(
        province(3), offer(industrial(reserve=30)), bids(c1=29, c2=20), rules=Rules(all_pay=all_pay)
    )
    outcome = result.industrial[0]
    assert outcome.winner is None
    assert outcome.winning_bid == 0
    assert outcome.price_paid == 0
    assert dict(outcome.bids) == {"c1": 29, "c2": 20}  # recorded all the same
    assert all(c.bids_paid == 0 and c.won == () for c in result.cities)
    assert result.totals.bid_spending == 0
    # everyone invests the whole budget: 3 * 0.5 * 100
    assert result.totals.gdp_gain == pytest.approx(150)
    assert result.next_state.city("c1").hosted == frozenset()


def test_a_zero_bid_does_not_win_a_project_with_no_reserve():
    result = score(province(2), offer(industrial(reserve=0)), bids(c1=0))
    assert result.industrial[0].winner is None
    assert dict(result.industrial[0].bids) == {}
