"""First-price sealed bids: the highest bid wins and only the winner pays its bid (DESIGN §5.2)."""

import pytest

from game.engine import Rules
from tests.engine.builders import bids, industrial, offer, province, score


def test_only_the_winner_pays_its_own_bid():
    # 3 cities, budget 100, GDP 1000, rho 0.5; project V=100, Y=10.
    # c1 bids 40, c2 bids 30: c1 wins and pays 40; c2 pays nothing.
    result = score(province(3), offer(industrial(value=100, fiscal_yield=10)), bids(c1=40, c2=30))
    outcome = result.industrial[0]
    assert outcome.winner == "c1"
    assert outcome.winning_bid == 40
    assert outcome.price_paid == 40
    assert outcome.tied == ()
    assert dict(outcome.bids) == {"c1": 40, "c2": 30}

    c1, c2, c3 = result.cities
    assert (c1.bids_placed, c1.bids_paid) == (40, 40)
    assert (c2.bids_placed, c2.bids_paid) == (30, 0)
    assert c1.won == ("ind",)
    # c1: V 100 + rho * (100 - 40) = 100 + 30 = 130
    assert c1.local_investment == 60
    assert c1.gdp_gain.projects == 100
    assert c1.gdp_gain.total == pytest.approx(130)
    assert c1.fiscal_yield == 10
    # net fiscal = (10 - 40) / 100
    assert c1.indicators["net_fiscal"] == pytest.approx(-0.3)
    # c2's losing bid comes back as local investment: 0.5 * 100 = 50
    assert c2.local_investment == 100
    assert c2.gdp_gain.total == pytest.approx(50)
    assert c3.gdp_gain.total == pytest.approx(50)


def test_first_price_wastes_no_bids():
    result = score(province(3), offer(industrial()), bids(c1=40, c2=30, c3=10), rules=Rules(all_pay=False))
    assert result.totals.bid_spending == 40
    assert result.totals.bid_waste == 0
    # GDP gain: c1 130, c2 50, c3 50
    assert result.totals.gdp_gain == pytest.approx(230)


def test_a_tie_in_first_price_charges_only_the_drawn_winner():
    result = score(province(2), offer(industrial()), bids(c1=50, c2=50), seed=7)
    outcome = result.industrial[0]
    loser = "c2" if outcome.winner == "c1" else "c1"
    assert result.city(outcome.winner).bids_paid == 50
    assert result.city(loser).bids_paid == 0
