"""The special-authority power bid_discount: a city pays bid x (1 - discount)."""

import pytest

from game.engine import Powers, Rules
from tests.engine.builders import bids, industrial, offer, province, score


def test_the_winner_pays_its_bid_less_the_discount():
    prov = province(3, powers={"c1": Powers(bid_discount=0.25)})
    result = score(prov, offer(industrial(value=100)), bids(c1=40, c2=30))
    c1 = result.city("c1")
    # pays 40 * (1 - 0.25) = 30, keeps 70 for local investment
    assert result.industrial[0].winning_bid == 40
    assert result.industrial[0].price_paid == pytest.approx(30)
    assert c1.bids_paid == pytest.approx(30)
    assert c1.local_investment == pytest.approx(70)
    assert c1.gdp_gain.total == pytest.approx(100 + 35)


def test_the_discount_does_not_change_who_wins():
    # the full bid competes: c1's 40 beats c2's 35 even though it costs c1 only 20
    prov = province(3, powers={"c1": Powers(bid_discount=0.5)})
    result = score(prov, offer(industrial()), bids(c1=40, c2=35))
    assert result.industrial[0].winner == "c1"
    assert result.city("c1").bids_paid == pytest.approx(20)


def test_an_all_pay_loser_with_a_discount_pays_the_discounted_bid():
    prov = province(3, powers={"c2": Powers(bid_discount=0.25)})
    result = score(prov, offer(industrial()), bids(c1=40, c2=20), rules=Rules(all_pay=True))
    # c2 loses and pays 20 * 0.75 = 15, all of it waste
    assert result.city("c2").bids_paid == pytest.approx(15)
    assert result.totals.bid_waste == pytest.approx(15)
    assert result.totals.bid_spending == pytest.approx(55)
