"""available_scenarios() lists the shipped scenario files by name, and not the presets file."""

from game.scenarios import available_scenarios, load_scenario


def test_shanxi_and_central_cluster_are_listed():
    names = available_scenarios()
    assert "shanxi" in names
    assert "central-cluster" in names


def test_presets_is_not_listed():
    assert "presets" not in available_scenarios()


def test_the_list_is_sorted_and_every_name_loads():
    names = available_scenarios()
    assert names == sorted(names)
    for name in names:
        assert load_scenario(name).id == name
