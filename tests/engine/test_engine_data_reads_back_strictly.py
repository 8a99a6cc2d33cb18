"""from_data is the inverse of to_data for every engine type a log carries, and refuses
data that does not fit, naming where."""

import pytest

from game.engine import Agreement, Province, ProvinceState, RoundOffer, Rules, initial_state
from game.engine.serialize import DataError, from_data, to_data
from game.scenarios import load_scenario


@pytest.fixture(scope="module")
def shanxi():
    return load_scenario("shanxi")


def test_scenario_rules_offers_and_states_read_back_equal(shanxi):
    assert from_data(Province, to_data(shanxi.province)) == shanxi.province
    for offer in shanxi.offers:
        assert from_data(RoundOffer, to_data(offer)) == offer
    for preset in shanxi.presets.values():
        assert from_data(Rules, to_data(preset.rules)) == preset.rules
    state = initial_state(shanxi.province, 10)
    assert from_data(ProvinceState, to_data(state)) == state
    agreement = Agreement("a1", "rail-1", {"taiyuan": 10, "jinzhong": 5})
    assert from_data(Agreement, to_data(agreement)) == agreement


def test_a_field_left_out_that_has_a_default_reads_as_the_default():
    assert from_data(Rules, {"all_pay": True}) == Rules(all_pay=True)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["cities"][1].pop("gdp"), "cities[1].gdp: missing"),
    (lambda d: d["cities"][0].update(base_budget=12.5), "cities[0].base_budget: must be a whole number"),
    (lambda d: d["cities"][0].update(base_budget=True), "cities[0].base_budget: must be a whole number"),
    (lambda d: d["cities"][2].update(neighbours="taiyuan"), "cities[2].neighbours: must be a list"),
    (lambda d: d["cities"][0]["powers"].update(flight=1), "cities[0].powers.flight: unknown field"),
    (lambda d: d.update(local_return="half"), "local_return: must be a number"),
    (lambda d: d.update(cities={}), "cities: must be a list"),
])
def test_data_that_does_not_fit_is_refused_with_its_path(shanxi, change, message):
    data = to_data(shanxi.province)
    change(data)
    with pytest.raises(DataError) as refused:
        from_data(Province, data)
    assert str(refused.value).startswith(message)


def test_a_choice_outside_its_options_is_refused():
    with pytest.raises(DataError, match="gdp_accounting: must be one of host, equal, contribution"):
        from_data(Rules, {"gdp_accounting": "lottery"})
