"""DESIGN §6: `central-cluster` is the 5-city demo scenario."""

from game.scenarios import load_scenario


def test_central_cluster_has_taiyuan_jinzhong_xinzhou_yangquan_and_lvliang():
    scenario = load_scenario("central-cluster")
    assert scenario.id == "central-cluster"
    assert len(scenario.province.cities) == 5
    assert {c.id for c in scenario.province.cities} == {
        "taiyuan",
        "jinzhong",
        "xinzhou",
        "yangquan",
        "lvliang",
    }
    for city in scenario.province.cities:
        assert city.name_zh and city.name_en
