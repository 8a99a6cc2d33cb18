"""All-pay: every bid at or above the reserve is paid, won or lost; losers' payments are waste."""

import pytest

from game.engine import Rules
from tests.engine.builders import bids, industrial, offer, province, score

ALL_PAY = Rules(all_pay=True)


def test_every_bidder_pays_its_bid():
    # c1 40 wins, c2 30 loses but pays 30, c3 does not bid.
    result = score(province(3), offer(industrial(value=100)), bids(c1=40, c2=30), rules=ALL_PAY)
    c1, c2, c3 = result.cities
    assert result.industrial[0].winner == "c1"
    assert result.industrial[0].price_paid == 40
    assert (c1.bids_paid, c2.bids_paid, c3.bids_paid) == (40, 30, 0)
    # c2 keeps 70 to invest locally: gain 0.5 * 70 = 35
    assert c2.local_investment == 70
    assert c2.gdp_gain.total == pytest.approx(35)
    assert c2.indicators["net_fiscal"] == pytest.approx(-0.3)
    assert c2.won == ()


def test_losing_bids_are_counted_as_waste_in_the_totals():
    result = score(province(3), offer(industrial(value=100)), bids(c1=40, c2=30, c3=5), rules=ALL_PAY)
    # spending 40 + 30 + 5; waste is what the losers paid, 30 + 5
    assert result.totals.bid_spending == 75
    assert result.totals.bid_waste == 35
    # GDP: c1 100 + 0.5*60 = 130; c2 0.5*70 = 35; c3 0.5*95 = 47.5
    assert result.totals.gdp_gain == pytest.approx(212.5)


def test_all_pay_gdp_loss_versus_first_price_is_half_the_waste():
    sheets = bids(c1=40, c2=30, c3=5)
    first = score(province(3), offer(industrial()), sheets, rules=Rules(all_pay=False))
    allpay = score(province(3), offer(industrial()), sheets, rules=ALL_PAY)
    # the 35 units of waste would have earned rho = 0.5 each as local investment
    assert first.totals.gdp_gain - allpay.totals.gdp_gain == pytest.approx(0.5 * 35)


def test_a_tie_in_all_pay_charges_both_tied_bidders():
    result = score(province(2), offer(industrial()), bids(c1=50, c2=50), rules=ALL_PAY, seed=3)
    assert [c.bids_paid for c in result.cities] == [50, 50]
    assert result.totals.bid_waste == 50
