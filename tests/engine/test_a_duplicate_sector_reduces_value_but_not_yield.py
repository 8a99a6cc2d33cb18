"""Duplicate-sector penalty: if the winner or a neighbour hosted the sector before this round,
V is reduced by rules.duplicate_penalty; Y is not (DESIGN §5.2)."""

import pytest

from game.engine import Rules
from tests.engine.builders import bids, industrial, offer, province, score, sheet, state

# c1 - c2 are neighbours; c3 is nobody's neighbour.
PROV = province(3, neighbours={"c1": ["c2"]})
STEEL = offer(industrial(sector="steel", value=100, fiscal_yield=10))


def _c1_wins_with(hosted, rules=None):
    return score(PROV, STEEL, bids(c1=40), st=state(PROV, hosted=hosted), rules=rules)


def test_the_winner_having_hosted_the_sector_cuts_v_by_the_penalty():
    result = _c1_wins_with({"c1": ["steel"]})
    c1 = result.city("c1")
    # V = 100 * (1 - 0.3) = 70; Y stays 10
    assert result.industrial[0].duplicate is True
    assert c1.gdp_gain.projects == pytest.approx(70)
    assert c1.fiscal_yield == 10
    # total gain 70 + 0.5 * 60
    assert c1.gdp_gain.total == pytest.approx(100)


def test_a_neighbour_having_hosted_the_sector_cuts_v_too():
    result = _c1_wins_with({"c2": ["steel"]})
    assert result.industrial[0].duplicate is True
    assert result.city("c1").gdp_gain.projects == pytest.approx(70)
    assert result.city("c1").fiscal_yield == 10


def test_the_penalty_rate_comes_from_the_rules():
    result = _c1_wins_with({"c2": ["steel"]}, Rules(duplicate_penalty=0.5))
    assert result.city("c1").gdp_gain.projects == pytest.approx(50)


def test_a_non_neighbour_hosting_the_sector_does_not_trigger_it():
    result = _c1_wins_with({"c3": ["steel"]})
    assert result.industrial[0].duplicate is False
    assert result.city("c1").gdp_gain.projects == pytest.approx(100)


def test_another_sector_hosted_does_not_trigger_it():
    result = _c1_wins_with({"c1": ["chips"], "c2": ["chips"]})
    assert result.industrial[0].duplicate is False
    assert result.city("c1").gdp_gain.projects == pytest.approx(100)


def test_the_won_sector_is_remembered_in_the_next_state():
    result = _c1_wins_with({"c1": ["chips"]})
    assert result.next_state.city("c1").hosted == frozenset({"chips", "steel"})
    assert result.next_state.city("c2").hosted == frozenset()
    # ...so winning steel again next round, or a neighbour winning it, is a duplicate
    again = score(PROV, STEEL, bids(c2=40), st=result.next_state)
    assert again.industrial[0].duplicate is True
    assert again.city("c2").gdp_gain.projects == pytest.approx(70)


def test_two_projects_of_one_sector_in_the_same_round_are_not_duplicates_of_each_other():
    # "before this round": a sector first hosted this round does not count yet
    two = offer(industrial("a", sector="steel"), industrial("b", sector="steel"))
    result = score(PROV, two, {"c1": sheet("c1", bids={"a": 10, "b": 10})})
    assert [o.duplicate for o in result.industrial] == [False, False]
    assert result.city("c1").gdp_gain.projects == pytest.approx(200)
