"""Step 7: GDP grows by the gain; next budget = base + extra + int(retention x (Y + tax shares +
compensation received)); the round number advances."""

import pytest

from game.engine import Powers, Rules
from tests.engine.builders import bids, industrial, joint, offer, province, score, sheet, sheets, state


def test_gdp_grows_by_the_gain_and_the_budget_by_retained_revenue():
    prov = province(3, powers={"c2": Powers(extra_budget=7)})
    result = score(
        prov, offer(industrial(value=100, fiscal_yield=10)), bids(c1=40), st=state(prov, total_rounds=4)
    )
    nxt = result.next_state
    assert (nxt.round_no, nxt.total_rounds) == (2, 4)
    # c1: 1000 + 100 + 0.5 * 60; budget 100 + int(0.3 * 10)
    assert nxt.city("c1").gdp == pytest.approx(1130)
    assert nxt.city("c1").budget == 103
    # c2 has no revenue but an extra budget: 100 + 7; GDP 1000 + 0.5 * 107
    assert nxt.city("c2").budget == 107
    assert nxt.city("c2").gdp == pytest.approx(1053.5)
    assert nxt.city("c3").budget == 100


def test_the_budget_does_not_carry_over_unspent_money():
    prov = province(2)
    result = score(prov, offer(), {}, st=state(prov, budgets={"c1": 500}))
    assert result.next_state.city("c1").budget == 100


def test_revenue_includes_tax_shares_and_compensation_and_is_truncated():
    prov = province(3, budgets=[100, 200, 100])
    project = joint(members=("c1", "c2", "c3"), threshold=80, fiscal_yield=30)
    # fair 20/40/20; c1 pays 0 -> pays 0.5 * 20 = 10 into the pool; c2 (excess 18) gets 9,
    # c3 (excess 2) gets 1. Equal tax sharing: 10 each.
    the_sheets = sheets(sheet("c2", contributions={"jp": 58}), sheet("c3", contributions={"jp": 22}))
    rules = Rules(compensation_rate=0.5, tax_sharing="equal", retention_rate=0.5)
    result = score(prov, offer(project), the_sheets, rules=rules)
    c2 = result.city("c2")
    assert c2.fiscal_revenue == pytest.approx(10 + 9)
    # c1: 100 + int(0.5 * 10) = 105; c2: 200 + int(0.5 * 19) = 209; c3: 100 + int(0.5 * 11) = 105
    assert [c.budget for c in result.next_state.cities] == [105, 209, 105]
    # paid compensation does not reduce the next budget
    assert result.city("c1").compensation_paid == pytest.approx(10)
