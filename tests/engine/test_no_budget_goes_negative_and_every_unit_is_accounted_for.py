"""Property: money is conserved. Every unit of a city's budget is a bid paid, a contribution
kept, compensation paid or local investment; none is spent twice (DESIGN §4, §5)."""

import math

from hypothesis import given

from tests.engine.strategies import PROPERTY, Round, rounds, score

TOL = 1e-6


@PROPERTY
@given(rounds())
def test_no_budget_goes_negative(r: Round):
    for c in score(r).cities:
        assert c.local_investment >= -1e-9, c
        assert c.bids_paid <= c.bids_placed + 1e-9
        assert c.compensation_paid >= 0 and c.compensation_received >= 0
        assert c.contributions_spent >= 0 and c.refunds >= 0


@PROPERTY
@given(rounds())
def test_every_unit_of_every_budget_is_accounted_for(r: Round):
    result = score(r)
    for c in result.cities:
        contributed = sum(c.contributions.values())
        assert c.contributions_spent == contributed - c.refunds
        spent = c.bids_paid + (contributed - c.refunds) + c.compensation_paid + c.local_investment
        assert math.isclose(c.budget, spent, abs_tol=TOL), c
        assert c.budget == r.state.city(c.city_id).budget
        assert math.isclose(c.gdp_gain.local, r.province.local_return * c.local_investment, abs_tol=TOL)


@PROPERTY
@given(rounds())
def test_province_totals_add_up_the_cities(r: Round):
    result = score(r)
    totals = result.totals
    assert math.isclose(totals.bid_spending, sum(c.bids_paid for c in result.cities), abs_tol=TOL)
    assert math.isclose(totals.gdp_gain, sum(c.gdp_gain.total for c in result.cities), abs_tol=TOL)
    assert -TOL <= totals.bid_waste <= totals.bid_spending + TOL
    assert totals.joint_completed == sum(j.completed for j in result.joint)
    assert totals.joint_offered == len(r.offer.joint)
    for c in result.cities:
        grown = result.next_state.city(c.city_id).gdp
        assert math.isclose(grown, c.gdp_start + c.gdp_gain.total, abs_tol=TOL)


@PROPERTY
@given(rounds())
def test_the_compensation_pool_pays_out_exactly_what_it_took_in(r: Round):
    cities = score(r).cities
    paid = sum(c.compensation_paid for c in cities)
    received = sum(c.compensation_received for c in cities)
    assert math.isclose(paid, received, abs_tol=TOL)
