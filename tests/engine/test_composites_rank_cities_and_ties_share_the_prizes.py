"""Min-max normalisation (all equal -> 0.5), weighted composite, ranks with ties within 1e-9
sharing the prizes of the places they occupy (DESIGN §5.6)."""

import pytest

from game.engine import Rules, Weights
from game.engine.ranking import normalise, rank_and_prizes
from tests.engine.builders import bids, industrial, offer, province, score


def test_normalise_maps_min_to_0_and_max_to_1():
    assert normalise([2.0, 4.0, 3.0]) == [0.0, 1.0, 0.5]


def test_normalise_gives_half_to_everyone_when_all_are_equal():
    assert normalise([0.7, 0.7, 0.7]) == [0.5, 0.5, 0.5]
    assert normalise([1.0, 1.0 + 1e-10]) == [0.5, 0.5]


def test_two_cities_tied_for_first_share_the_first_two_prizes():
    ranks, points = rank_and_prizes([0.9, 0.9, 0.1], [5, 3])
    assert ranks == [1, 1, 3]
    # (5 + 3) / 2 = 4 each; third place has no prize
    assert points == [4, 4, 0]


def test_composites_within_1e_9_are_tied_and_further_apart_are_not():
    assert rank_and_prizes([1.0, 1.0 + 5e-10], [5, 3])[0] == [1, 1]
    assert rank_and_prizes([1.0, 1.0 + 2e-9], [5, 3]) == ([2, 1], [3, 5])


def test_a_tie_running_past_the_prize_schedule_shares_what_there_is():
    # 4 tied, prizes 5, 3, 2: (5 + 3 + 2 + 0) / 4 = 2.5
    assert rank_and_prizes([0.5] * 4, [5, 3, 2]) == ([1, 1, 1, 1], [2.5] * 4)


def test_a_tie_in_the_middle_shares_the_middle_places():
    ranks, points = rank_and_prizes([0.1, 0.5, 0.9, 0.5], [5, 3, 2, 1])
    assert ranks == [4, 2, 1, 2]
    # places 2 and 3: (3 + 2) / 2 = 2.5
    assert points == [1, 2.5, 5, 2.5]


def test_a_province_where_nothing_happens_ties_everyone():
    result = score(province(3), offer(), {})
    assert all(c.normalised["gdp_growth"] == 0.5 for c in result.cities)
    assert all(c.composite == 0.5 for c in result.cities)
    assert [c.rank for c in result.cities] == [1, 1, 1]
    # (5 + 3 + 2) / 3 each
    assert [c.points.rank_prize for c in result.cities] == pytest.approx([10 / 3] * 3)


# c1 wins V = 100, Y = 20 for 40: growth (100 + 30) / 1000 = 0.13, net fiscal (20 - 40) / 100 = -0.2;
# c2, c3 invest locally: growth 50 / 1000 = 0.05, net fiscal 0.
# normalised growth: c1 1, c2 0, c3 0; net fiscal: c1 0, c2 1, c3 1.
def _scored(weights):
    return score(
        province(3),
        offer(industrial(value=100, fiscal_yield=20)),
        bids(c1=40),
        rules=Rules(weights=weights, prizes=(5, 3, 2, 1)),
    )


def test_the_composite_is_the_weighted_sum_of_normalised_indicators():
    result = _scored(Weights(gdp_growth=1, net_fiscal=2))
    c1, c2, c3 = result.cities
    # growth is gain ÷ budget: (100 + 0.5 × 60) ÷ 100
    assert c1.indicators["gdp_growth"] == pytest.approx(1.3)
    assert c1.indicators["net_fiscal"] == pytest.approx(-0.2)
    assert dict(c1.normalised) == {
        "gdp_growth": 1.0,
        "net_fiscal": 0.0,
        "collaboration": 0.5,
        "ecology": 0.5,
        "public_service": 0.5,
    }
    # 1*1 + 2*0 = 1 for c1; 1*0 + 2*1 = 2 for c2, c3 (zero-weight indicators add nothing)
    assert [c.composite for c in result.cities] == pytest.approx([1, 2, 2])
    assert [c.rank for c in result.cities] == [3, 1, 1]
    assert [c.points.rank_prize for c in result.cities] == pytest.approx([2, 4, 4])


def test_changing_the_weights_changes_the_winner():
    result = _scored(Weights(gdp_growth=3, net_fiscal=2))
    # c1: 3; c2, c3: 2 each, sharing places 2 and 3: (3 + 2) / 2
    assert [c.composite for c in result.cities] == pytest.approx([3, 2, 2])
    assert [c.rank for c in result.cities] == [1, 2, 2]
    assert [c.points.rank_prize for c in result.cities] == pytest.approx([5, 2.5, 2.5])
