"""A custom file with a wrong value (negative, not whole, text or a bool for a number, an unknown
type, points where none belong, a missing or empty field, a list entry that is not a mapping)
is refused with file, path and problem."""

import pytest


def test_negative_value(mini, write_scenario, problems_of):
    mini["rounds"][0]["industrial"][0]["value"] = -5
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[0].industrial[0].value: must be at least 0, got -5"
    ]


def test_negative_gdp(mini, write_scenario, problems_of):
    mini["cities"][1]["gdp"] = -140
    assert problems_of(write_scenario(mini)) == ["mini.yaml: cities[1].gdp: must be at least 0.001, got -140"]


def test_threshold_not_a_whole_number(mini, write_scenario, problems_of):
    mini["rounds"][0]["joint"][0]["threshold"] = 70.5
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[0].joint[0].threshold: must be a whole number, got 70.5"
    ]


def test_a_whole_float_threshold_is_accepted(mini, write_scenario):
    from game.scenarios import load_scenario

    mini["rounds"][0]["joint"][0]["threshold"] = 70.0
    threshold = load_scenario(write_scenario(mini)).offers[0].joint[0].threshold
    assert threshold == 70 and isinstance(threshold, int)


def test_text_where_a_number_is_expected(mini, write_scenario, problems_of):
    mini["cities"][0]["base_budget"] = "fifty"
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: cities[0].base_budget: must be a whole number, got text 'fifty'"
    ]


def test_numeric_text_is_still_text(mini, write_scenario, problems_of):
    mini["cities"][0]["gdp"] = "500"
    assert problems_of(write_scenario(mini)) == ["mini.yaml: cities[0].gdp: must be a number, got text '500'"]


@pytest.mark.parametrize("flag", [True, False])
def test_a_bool_where_a_number_is_expected(mini, write_scenario, problems_of, flag):
    mini["rounds"][0]["joint"][0]["spillover"] = flag
    assert problems_of(write_scenario(mini)) == [
        f"mini.yaml: rounds[0].joint[0].spillover: must be a number, got {str(flag).lower()}"
    ]


def test_unknown_joint_type(mini, write_scenario, problems_of):
    mini["rounds"][0]["joint"][0]["type"] = "spaceport"
    [problem] = problems_of(write_scenario(mini))
    assert problem.startswith("mini.yaml: rounds[0].joint[0].type: must be one of infrastructure, ")
    assert problem.endswith("got 'spaceport'")


def test_points_on_a_non_ecology_project(mini, write_scenario, problems_of):
    mini["rounds"][0]["joint"][0]["points"] = 4
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[0].joint[0].points: only ecology and public_service projects carry points"
    ]


def test_points_on_a_public_service_project_are_fine(mini, write_scenario):
    from game.scenarios import load_scenario

    mini["rounds"][0]["joint"][0]["type"] = "public_service"
    mini["rounds"][0]["joint"][0]["points"] = 4
    assert load_scenario(write_scenario(mini)).offers[0].joint[0].points == 4


def test_missing_english_name(mini, write_scenario, problems_of):
    del mini["cities"][1]["name"]["en"]
    assert problems_of(write_scenario(mini)) == ["mini.yaml: cities[1].name.en: missing"]


def test_missing_english_name_of_a_project(mini, write_scenario, problems_of):
    del mini["rounds"][1]["industrial"][0]["name"]["en"]
    assert problems_of(write_scenario(mini)) == ["mini.yaml: rounds[1].industrial[0].name.en: missing"]


def test_blank_english_name(mini, write_scenario, problems_of):
    mini["name"]["en"] = "  "
    assert problems_of(write_scenario(mini)) == ["mini.yaml: name.en: must be non-empty text, got text '  '"]


@pytest.mark.parametrize(
    ("entry", "key", "expected"),
    [
        (lambda d: d["cities"][0], "gdp", "mini.yaml: cities[0].gdp: is empty"),
        (lambda d: d["cities"][1], "id", "mini.yaml: cities[1].id: is empty"),
        (lambda d: d["rounds"][0]["joint"][0], "host", "mini.yaml: rounds[0].joint[0].host: is empty"),
        (lambda d: d, "rounds", "mini.yaml: rounds: is empty"),
    ],
    ids=["gdp", "city-id", "host", "rounds"],
)
def test_a_key_with_an_empty_value_is_refused_not_silently_zero(
    mini, write_scenario, problems_of, entry, key, expected
):
    entry(mini)[key] = None  # written as `key:` with nothing after it
    assert expected in problems_of(write_scenario(mini))


def test_an_industrial_entry_that_is_not_a_mapping(mini, write_scenario, problems_of):
    mini["rounds"][0]["industrial"].insert(0, "a car factory")
    assert problems_of(write_scenario(mini)) == ["mini.yaml: rounds[0].industrial[0]: must be a mapping"]


def test_a_joint_entry_that_is_not_a_mapping(mini, write_scenario, problems_of):
    mini["rounds"][1]["joint"].append(["xinzhou", "yangquan"])
    assert problems_of(write_scenario(mini)) == ["mini.yaml: rounds[1].joint[1]: must be a mapping"]


def test_a_city_entry_that_is_not_a_mapping(mini, write_scenario, problems_of):
    mini["cities"].append("datong")
    assert "mini.yaml: cities[3]: must be a mapping" in problems_of(write_scenario(mini))


def test_cities_that_are_not_a_list(mini, write_scenario, problems_of):
    mini["cities"] = {"taiyuan": {}}
    assert "mini.yaml: cities: must be a list, got a mapping" in problems_of(write_scenario(mini))


def test_a_scenario_id_with_spaces(mini, write_scenario, problems_of):
    mini["id"] = "Mini Province"
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: id: must be lower-case letters, digits, '-' or '_', got 'Mini Province'"
    ]
