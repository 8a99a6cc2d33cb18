"""Property: the engine is a pure function; same inputs, same result, to the unit (DESIGN §5)."""

import dataclasses
from types import MappingProxyType

from hypothesis import given

from game.engine import quick_points, score_round, validate_sheet
from tests.engine.strategies import PROPERTY, Round, rounds, score


def test_result_equality_compares_read_only_maps_by_content():
    # The results hold MappingProxyType fields; == on the dataclasses relies on this.
    assert MappingProxyType({"a": 1}) == MappingProxyType({"a": 1})
    assert MappingProxyType({"a": 1, "b": 2}) == MappingProxyType({"b": 2, "a": 1})
    assert MappingProxyType({"a": 1}) != MappingProxyType({"a": 2})


@PROPERTY
@given(rounds())
def test_the_generated_sheets_are_valid(r: Round):
    for city_id, sheet in r.sheets.items():
        city, st = r.province.city(city_id), r.state.city(city_id)
        assert validate_sheet(sheet, city=city, state=st, offer=r.offer, rules=r.rules) == []


@PROPERTY
@given(rounds())
def test_same_inputs_give_identical_results(r: Round):
    first, second = score(r), score(r)
    assert first == second
    # equality really looks inside: a result differing in one figure is not equal
    changed = dataclasses.replace(first.totals, gdp_gain=first.totals.gdp_gain + 1)
    assert dataclasses.replace(first, totals=changed) != second


@PROPERTY
@given(rounds())
def test_the_order_sheets_are_handed_in_does_not_matter(r: Round):
    reversed_sheets = dict(reversed(list(r.sheets.items())))
    again = score_round(r.province, r.state, r.rules, r.offer, reversed_sheets, **r.kwargs())
    assert again == score(r)


@PROPERTY
@given(rounds())
def test_quick_points_agrees_with_score_round(r: Round):
    without_agreements = Round(r.province, r.state, r.rules, r.offer, r.sheets, seed=r.seed)
    result = score(without_agreements)
    points, composites, city_ids = quick_points(r.province, r.state, r.rules, r.offer, r.sheets, r.seed)
    assert city_ids == [c.city_id for c in result.cities]
    assert points == [c.points.total for c in result.cities]
    assert composites == [c.composite for c in result.cities]
