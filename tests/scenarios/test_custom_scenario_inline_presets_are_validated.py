"""A custom file may define its own presets inline; their rules are validated like the
shipped ones (unknown parameter, bad accounting value, bad weights), and good ones load."""


def custom_preset(rules):
    return {
        "name": {"zh": "自定义", "en": "Custom"},
        "summary": {"zh": "自定义规则。", "en": "Custom rules."},
        "rules": rules,
    }


def test_a_valid_inline_preset_is_added_to_the_shipped_ones(mini, write_scenario):
    from game.scenarios import load_scenario

    mini["presets"] = {"eco_first": custom_preset({"weights": {"ecology": 1.0}, "gdp_accounting": "equal"})}
    mini["default_schedule"] = "eco_first"
    scenario = load_scenario(write_scenario(mini))
    rules = scenario.presets["eco_first"].rules
    assert (rules.weights.ecology, rules.weights.gdp_growth, rules.gdp_accounting) == (1.0, 0.0, "equal")
    assert "growth_tournament" in scenario.presets


def test_unknown_rule_parameter(mini, write_scenario, problems_of):
    mini["presets"] = {"eco_first": custom_preset({"weights": {"ecology": 1.0}, "auction": "dutch"})}
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: presets.eco_first.rules.auction: unknown rule parameter"
    ]


def test_bad_accounting_value(mini, write_scenario, problems_of):
    mini["presets"] = {"eco_first": custom_preset({"gdp_accounting": "by_size"})}
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: presets.eco_first.rules.gdp_accounting: "
        "must be one of host, equal, contribution, got 'by_size'"
    ]


def test_bad_tax_sharing_value(mini, write_scenario, problems_of):
    mini["presets"] = {"eco_first": custom_preset({"tax_sharing": 3})}
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: presets.eco_first.rules.tax_sharing: must be one of host, equal, contribution, got 3"
    ]


def test_unknown_indicator_in_weights(mini, write_scenario, problems_of):
    mini["presets"] = {"eco_first": custom_preset({"weights": {"happiness": 1.0}})}
    [problem] = problems_of(write_scenario(mini))
    assert problem.startswith("mini.yaml: presets.eco_first.rules.weights.happiness: unknown indicator")


def test_probability_out_of_range(mini, write_scenario, problems_of):
    mini["presets"] = {"eco_first": custom_preset({"audit_probability": 1.5})}
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: presets.eco_first.rules.audit_probability: must be at most 1, got 1.5"
    ]


def test_a_preset_without_a_summary(mini, write_scenario, problems_of):
    preset = custom_preset({})
    del preset["summary"]
    mini["presets"] = {"eco_first": preset}
    assert "mini.yaml: presets.eco_first.summary: missing" in problems_of(write_scenario(mini))


def test_a_default_schedule_naming_an_unknown_preset(mini, write_scenario, problems_of):
    mini["default_schedule"] = "eco_first:2"
    [problem] = problems_of(write_scenario(mini))
    assert problem.startswith("mini.yaml: default_schedule: unknown rules 'eco_first' (known: ")


def test_a_default_schedule_longer_than_the_deck(mini, write_scenario, problems_of):
    mini["default_schedule"] = "growth_tournament:3"
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: default_schedule: the schedule covers 3 rounds, more than the 2 played"
    ]
