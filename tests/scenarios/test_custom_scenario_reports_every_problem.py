"""A file with several problems reports all of them at once (ScenarioError.problems has each),
including the calibration checks of projects that are themselves well formed."""


def test_every_problem_in_one_file_is_reported(mini, write_scenario, problems_of):
    mini["cities"][1]["name"].pop("en")  # missing name.en
    mini["cities"][2]["gdp"] = "lots"  # text for a number
    mini["cities"][0]["neighbours"].append("datong")  # unknown neighbour
    mini["rounds"][0]["joint"][0]["members"][1] = "taiyuan2"  # unknown member
    mini["rounds"][0]["joint"][1]["spillover"] = True  # a bool for a number
    mini["rounds"][1]["joint"][0]["threshold"] = 50  # host xinzhou could build it alone
    mini["rounds"][1]["industrial"][0]["reserve"] = -1  # negative
    problems = problems_of(write_scenario(mini))
    expected = [
        "mini.yaml: cities[1].name.en: missing",
        "mini.yaml: cities[2].gdp: must be a number, got text 'lots'",
        "mini.yaml: cities[0].neighbours[2]: unknown city 'datong'",
        "mini.yaml: rounds[0].joint[0].members[1]: unknown city 'taiyuan2'",
        "mini.yaml: rounds[0].joint[1].spillover: must be a number, got true",
        "mini.yaml: rounds[1].industrial[0].reserve: must be at least 0, got -1",
    ]
    for problem in expected:
        assert problem in problems
    assert any(
        p.startswith("mini.yaml: rounds[1].joint[0].threshold: 50 is less than 1.2 × ") for p in problems
    )
    assert len(problems) == len(expected) + 1
    assert all(p.startswith("mini.yaml: ") for p in problems)


def test_problems_in_different_rounds_are_all_reported(mini, write_scenario, problems_of):
    mini["rounds"][0]["joint"][0]["threshold"] = 40  # host taiyuan could build it alone
    mini["rounds"][1]["joint"][0]["threshold"] = 41  # host xinzhou could build it alone
    problems = problems_of(write_scenario(mini))
    assert [p.split(": ")[1] for p in problems] == [
        "rounds[0].joint[0].threshold",
        "rounds[1].joint[0].threshold",
    ]


def test_a_calibration_problem_is_reported_alongside_an_unrelated_one(mini, write_scenario, problems_of):
    mini["description"] = {"zh": "迷你", "en": "Mini"}
    mini["cities"][0]["name"]["zh"] = ""  # an unrelated problem earlier in the file
    mini["rounds"][0]["joint"][1]["threshold"] = 30  # host yangquan could build it alone
    problems = problems_of(write_scenario(mini))
    assert "mini.yaml: cities[0].name.zh: must be non-empty text, got text ''" in problems
    assert any(p.startswith("mini.yaml: rounds[0].joint[1].threshold: 30 is less than") for p in problems)
    assert len(problems) == 2
