"""Q is split by rules.gdp_accounting and Y by rules.tax_sharing: host / equal / contribution."""

import pytest

from game.engine import Rules
from tests.engine.builders import joint, offer, province, score, sheet, sheets

# members c1 (host), c2, c3; c1 pays 40, c2 pays 20, c3 nothing; Q = 90, Y = 30, S = 5
PROJECT = joint(members=("c1", "c2", "c3"), host="c1", threshold=60, spillover=5, output=90, fiscal_yield=30)
SHEETS = sheets(sheet("c1", contributions={"jp": 40}), sheet("c2", contributions={"jp": 20}))

EXPECTED = {
    # host: all to c1
    "host": {"c1": 90.0, "c2": 0.0, "c3": 0.0},
    # equal: 90 / 3 = 30 each
    "equal": {"c1": 30.0, "c2": 30.0, "c3": 30.0},
    # contribution: 40/60 and 20/60 of 90; c3 paid nothing so gets nothing
    "contribution": {"c1": 60.0, "c2": 30.0, "c3": 0.0},
}
EXPECTED_TAX = {
    "host": {"c1": 30.0, "c2": 0.0, "c3": 0.0},
    "equal": {"c1": 10.0, "c2": 10.0, "c3": 10.0},
    "contribution": {"c1": 20.0, "c2": 10.0, "c3": 0.0},
}


@pytest.mark.parametrize("rule", ["host", "equal", "contribution"])
def test_output_follows_the_gdp_accounting_rule(rule):
    result = score(province(3), offer(PROJECT), SHEETS, rules=Rules(gdp_accounting=rule))
    for city_id, q in EXPECTED[rule].items():
        city = result.city(city_id)
        assert city.gdp_gain.output == pytest.approx(q)
        assert city.gdp_gain.spillover == 5
        assert result.joint[0].gdp_shares[city_id] == pytest.approx(5 + q)
    # the tax rule is independent of the accounting rule (default host)
    assert [c.tax_shares for c in result.cities] == [30, 0, 0]


@pytest.mark.parametrize("rule", ["host", "equal", "contribution"])
def test_fiscal_yield_follows_the_tax_sharing_rule(rule):
    result = score(province(3), offer(PROJECT), SHEETS, rules=Rules(tax_sharing=rule))
    for city_id, y in EXPECTED_TAX[rule].items():
        assert result.city(city_id).tax_shares == pytest.approx(y)
        assert result.joint[0].fiscal_shares.get(city_id, 0.0) == pytest.approx(y)
    # Q stays with the host under the default accounting rule
    assert [c.gdp_gain.output for c in result.cities] == [90, 0, 0]


def test_tax_shares_count_in_net_fiscal():
    result = score(province(3), offer(PROJECT), SHEETS, rules=Rules(tax_sharing="equal"))
    # c1: (10 - 40) / 100; c3: (10 - 0) / 100
    assert result.city("c1").indicators["net_fiscal"] == pytest.approx(-0.3)
    assert result.city("c3").indicators["net_fiscal"] == pytest.approx(0.1)


def test_a_split_of_nothing_gives_nobody_anything():
    result = score(
        province(3),
        offer(joint(members=("c1", "c2"), threshold=10)),
        sheets(sheet("c1", contributions={"jp": 10})),
        rules=Rules(gdp_accounting="equal", tax_sharing="contribution"),
    )
    assert dict(result.joint[0].fiscal_shares) == {}
    assert dict(result.joint[0].gdp_shares) == {"c1": 0.0, "c2": 0.0}
