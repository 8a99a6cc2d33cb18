"""A small valid custom file (the base every refusal test breaks) loads from a path into the
engine's types, so each refusal test fails for the one thing it breaks."""

from game.engine import Province, RoundOffer
from game.scenarios import load_scenario


def test_the_valid_mini_scenario_loads_from_a_path(mini, write_scenario):
    scenario = load_scenario(write_scenario(mini))
    assert scenario.id == "mini"
    assert isinstance(scenario.province, Province)
    assert [c.id for c in scenario.province.cities] == ["taiyuan", "xinzhou", "yangquan"]
    assert scenario.max_rounds == 2
    assert all(isinstance(o, RoundOffer) for o in scenario.offers)
    river = scenario.offers[0].joint_by_id()["river-1"]
    assert (river.type, river.host, river.threshold, river.points) == ("ecology", "yangquan", 70, 6)


def test_a_yml_suffix_is_accepted(mini, write_scenario):
    assert load_scenario(write_scenario(mini, "mini.yml")).id == "mini"


def test_a_custom_file_gets_the_shipped_presets(mini, write_scenario):
    presets = load_scenario(write_scenario(mini)).presets
    assert {"growth_tournament", "implicit_coordination", "collaborative_contest"} <= set(presets)
