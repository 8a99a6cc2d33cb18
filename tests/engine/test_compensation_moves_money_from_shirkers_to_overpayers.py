"""Compensation (rate k): members below their fair share (in proportion to base budgets) pay
k x shortfall, as far as their unspent budget goes, into a pool shared by those above their fair
share in proportion to their excess (DESIGN §5.4)."""

import pytest

from game.engine import Rules, fair_shares
from tests.engine.builders import industrial, joint, offer, province, score, sheet, sheets, state

# base budgets 100 / 200 / 100; T = 80, so fair shares are 20 / 40 / 20
PROV = province(3, budgets=[100, 200, 100])
PROJECT = joint(members=("c1", "c2", "c3"), threshold=80, fiscal_yield=30)
# c1 pays 0 (20 short), c2 pays 56 (16 above), c3 pays 24 (4 above): total exactly 80
# (money above T would go back first: see test_money_paid_above_the_threshold_...)
SHEETS = sheets(sheet("c2", contributions={"jp": 56}), sheet("c3", contributions={"jp": 24}))


def test_fair_shares_follow_base_budgets():
    assert fair_shares(PROJECT, PROV) == {"c1": 20, "c2": 40, "c3": 20}


def test_the_shirker_pays_k_times_its_shortfall_to_the_overpayers_by_excess():
    result = score(PROV, offer(PROJECT), SHEETS, rules=Rules(compensation_rate=0.5))
    c1, c2, c3 = result.cities
    # c1 pays 0.5 * 20 = 10; c2 gets 10 * 16/20, c3 gets 10 * 4/20
    assert c1.compensation_paid == pytest.approx(10)
    assert c2.compensation_received == pytest.approx(8)
    assert c3.compensation_received == pytest.approx(2)
    assert (c1.compensation_received, c2.compensation_paid, c3.compensation_paid) == (0, 0, 0)
    # it comes out of c1's local investment: 100 - 10 = 90
    assert c1.local_investment == pytest.approx(90)
    assert c1.gdp_gain.local == pytest.approx(45)
    # and counts in net fiscal: c1 (0 - 10) / 100, c2 (8 - 56) / 200 (host c1 takes Y)
    assert c1.indicators["net_fiscal"] == pytest.approx(30 / 100 - 0.1)
    assert c2.indicators["net_fiscal"] == pytest.approx((8 - 56) / 200)


def test_a_member_exactly_at_its_fair_share_neither_pays_nor_receives():
    at_fair = sheets(sheet("c2", contributions={"jp": 60}), sheet("c3", contributions={"jp": 20}))
    result = score(PROV, offer(PROJECT), at_fair, rules=Rules(compensation_rate=1.0))
    c1, c2, c3 = result.cities
    # c1 pays 1.0 * 20 = 20, all of it to c2 (excess 20); c3 (excess 0) gets nothing
    assert c1.compensation_paid == pytest.approx(20)
    assert c2.compensation_received == pytest.approx(20)
    assert c3.compensation_received == 0 and c3.compensation_paid == 0


def test_payment_is_limited_to_the_unspent_budget():
    # c1 has only 10 this round and pays 6 for an industrial project: 4 left for compensation
    the_offer = offer(industrial(reserve=0), PROJECT)
    with_bid = dict(SHEETS, c1=sheet("c1", bids={"ind": 6}))
    result = score(
        PROV, the_offer, with_bid, st=state(PROV, budgets={"c1": 10}), rules=Rules(compensation_rate=0.5)
    )
    c1, c2, c3 = result.cities
    assert c1.bids_paid == 6
    # wanted 0.5 * 20 = 10, can pay only 4; the pool of 4 is split 16:4
    assert c1.compensation_paid == pytest.approx(4)
    assert c1.local_investment == pytest.approx(0)
    assert c2.compensation_received == pytest.approx(4 * 16 / 20)
    assert c3.compensation_received == pytest.approx(4 * 4 / 20)


def test_money_owed_to_a_later_project_is_not_unspent():
    # Regression: compensation for j1 used to be taken before j2's contribution was booked,
    # driving c1's local investment negative. Budgets 10 each; T = 10, fair share 5 each.
    prov = province(2, budgets=[10, 10])
    the_offer = offer(
        joint("j1", members=("c1", "c2"), threshold=10), joint("j2", members=("c1", "c2"), threshold=10)
    )
    crossed = sheets(sheet("c1", contributions={"j2": 10}), sheet("c2", contributions={"j1": 10}))
    result = score(prov, the_offer, crossed, rules=Rules(compensation_rate=1.0))
    assert [j.completed for j in result.joint] == [True, True]
    for c in result.cities:
        # each is 5 short on one project but has nothing left to pay with
        assert c.compensation_paid == 0
        assert c.compensation_received == 0
        assert c.local_investment == 0


def test_no_compensation_when_the_project_fails_or_k_is_zero():
    short = sheets(sheet("c2", contributions={"jp": 56}))
    failed = score(PROV, offer(PROJECT), short, rules=Rules(compensation_rate=0.5))
    assert all(c.compensation_paid == 0 and c.compensation_received == 0 for c in failed.cities)
    off = score(PROV, offer(PROJECT), SHEETS, rules=Rules(compensation_rate=0.0))
    assert all(c.compensation_paid == 0 and c.compensation_received == 0 for c in off.cities)


def test_compensation_received_is_fiscal_revenue_for_next_budget():
    result = score(PROV, offer(PROJECT), SHEETS, rules=Rules(compensation_rate=0.5, retention_rate=0.5))
    # c2: 200 + int(0.5 * 8) = 204; c3: 100 + int(0.5 * 2) = 101; c1 (host) 100 + int(0.5 * 30)
    assert [c.budget for c in result.next_state.cities] == [115, 204, 101]
