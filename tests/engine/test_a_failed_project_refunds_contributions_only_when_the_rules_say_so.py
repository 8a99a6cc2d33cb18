"""When a joint project fails, contributions return to local investment (refund on) or are lost."""

import pytest

from game.engine import Rules
from tests.engine.builders import joint, offer, province, score, sheet, sheets

# T = 60 but only 30 + 20 = 50 is put in
FAILING = offer(joint(members=("c1", "c2"), threshold=60, spillover=5, output=90))
SHEETS = sheets(sheet("c1", contributions={"jp": 30}), sheet("c2", contributions={"jp": 20}))


def test_with_refund_the_contribution_becomes_local_investment():
    result = score(province(2), FAILING, SHEETS, rules=Rules(refund_failed=True))
    c1 = result.city("c1")
    assert result.joint[0].completed is False
    assert result.joint[0].refunded is True
    assert c1.refunds == 30
    assert c1.contributions_spent == 0
    # the whole budget is invested locally: 0.5 * 100 = 50, which includes 0.5 * 30 from the refund
    assert c1.local_investment == 100
    assert c1.gdp_gain.local == pytest.approx(50)
    assert c1.gdp_gain.total == pytest.approx(50)
    assert c1.indicators["net_fiscal"] == 0
    assert c1.collaboration_actual == 0


def test_without_refund_the_contribution_is_lost():
    result = score(province(2), FAILING, SHEETS, rules=Rules(refund_failed=False))
    c1, c2 = result.cities
    assert result.joint[0].refunded is False
    assert (c1.refunds, c1.contributions_spent) == (0, 30)
    # c1: 0.5 * (100 - 30) = 35; c2: 0.5 * 80 = 40
    assert c1.local_investment == 70
    assert c1.gdp_gain.total == pytest.approx(35)
    assert c2.gdp_gain.total == pytest.approx(40)
    assert c1.indicators["net_fiscal"] == pytest.approx(-0.3)
    # lost money is not collaboration either
    assert c1.collaboration_actual == 0


def test_a_failed_project_nobody_paid_into_is_not_marked_refunded():
    result = score(province(2), FAILING, {}, rules=Rules(refund_failed=True))
    assert result.joint[0].refunded is False
