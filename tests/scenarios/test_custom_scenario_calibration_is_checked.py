"""DESIGN §5 calibration notes, checked on load: no host can meet a joint project's threshold
alone (T ≥ 1.2 × the host's budget) and every city can afford its fair shares of each round."""

import pytest

from game.scenarios import load_scenario


def test_a_threshold_the_host_alone_could_meet(mini, write_scenario, problems_of):
    mini["rounds"][0]["joint"][0]["threshold"] = 55  # host taiyuan has 50; 1.2 × 50 = 60
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[0].joint[0].threshold: 55 is less than 1.2 × the host 'taiyuan''s budget: "
        "the host could soon build it alone"
    ]


def test_a_threshold_of_exactly_the_margin_is_accepted(mini, write_scenario):
    mini["rounds"][0]["joint"][0]["threshold"] = 60
    assert load_scenario(write_scenario(mini)).offers[0].joint[0].threshold == 60


def test_the_host_margin_counts_an_extra_budget_power(mini, write_scenario, problems_of):
    # taiyuan starts with 50 + 10 = 60 to spend, so a threshold of 70 < 1.2 × 60 is too low.
    mini["cities"][0]["powers"] = {"extra_budget": 10}
    [problem] = problems_of(write_scenario(mini))
    assert problem.startswith(
        "mini.yaml: rounds[0].joint[0].threshold: 70 is less than 1.2 × the host 'taiyuan'"
    )


def test_a_city_that_cannot_afford_its_fair_shares(mini, write_scenario, problems_of):
    # Round 2: xinzhou and yangquan (50 each) share 70 + 90 → 80 each, more than 50.
    mini["rounds"][1]["joint"].append(
        {
            "id": "corridor-2",
            "name": {"zh": "科创走廊", "en": "Science corridor"},
            "type": "science",
            "members": ["xinzhou", "yangquan"],
            "host": "yangquan",
            "threshold": 90,
            "output": 40,
        }
    )
    assert problems_of(write_scenario(mini)) == [
        f"mini.yaml: rounds[1].joint: '{city}' owes fair shares of 80 this round, more than its budget of 50"
        for city in ("xinzhou", "yangquan")
    ]


def test_fair_shares_follow_base_budgets_not_an_equal_split(mini, write_scenario):
    # taiyuan 100, the others 50. Round 1: rail 120 → shares 60/30/30, river 70 → 35/17.5/17.5,
    # so the small cities owe 47.5 ≤ 50. An equal split (40 + 23.3 = 63.3) would refuse this deck.
    mini["cities"][0]["base_budget"] = 100
    mini["rounds"][0]["joint"][0]["threshold"] = 120  # ≥ 1.2 × taiyuan's 100
    assert load_scenario(write_scenario(mini)).province.city("taiyuan").base_budget == 100


def test_cost_weights_set_what_fair_shares_follow(mini, write_scenario):
    # the first member weighs 1, the others 1.25: its share is 0.8 × each of theirs
    project = mini["rounds"][0]["joint"][0]
    project["cost_weights"] = dict.fromkeys(project["members"], 1.25)
    project["cost_weights"][project["members"][0]] = 1
    scenario = load_scenario(write_scenario(mini))
    from game.engine import fair_shares

    shares = fair_shares(scenario.offers[0].joint[0], scenario.province)
    first, *rest = project["members"]
    assert shares[first] == pytest.approx(0.8 * shares[rest[0]])
    assert sum(shares.values()) == pytest.approx(project["threshold"])


def test_cost_weights_must_name_every_member_and_only_members(mini, write_scenario, problems_of):
    project = mini["rounds"][0]["joint"][0]
    project["cost_weights"] = {project["members"][0]: 1, "datong": 1}
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[0].joint[0].cost_weights.datong: 'datong' is not a member",
        "mini.yaml: rounds[0].joint[0].cost_weights: give a weight for every member, or none",
    ]
