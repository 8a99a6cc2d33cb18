"""Every shipped scenario satisfies DESIGN §3/§5/§6 and the calibration notes: symmetric real
neighbours, ≥ 10 rounds each with industrial and joint projects, joint members known and the
host among them, no host able to meet T alone, every city able to afford its fair shares."""

import pytest

from game.engine import fair_shares
from game.scenarios import available_scenarios, load_scenario, parse_schedule
from game.scenarios.loader import HOST_MARGIN

SHIPPED = ["shanxi", "central-cluster"]


def test_the_shipped_list_is_what_is_on_disk():
    assert set(SHIPPED) <= set(available_scenarios())


@pytest.mark.parametrize("name", SHIPPED)
def test_neighbours_are_known_and_symmetric(name):
    province = load_scenario(name).province
    ids = {c.id for c in province.cities}
    for city in province.cities:
        assert city.neighbours, f"{city.id} has no neighbours"
        for nb in city.neighbours:
            assert nb in ids and nb != city.id
            assert city.id in province.city(nb).neighbours, f"{city.id} → {nb} is not returned"


@pytest.mark.parametrize("name", SHIPPED)
def test_city_ids_are_unique_and_numbers_positive(name):
    cities = load_scenario(name).province.cities
    assert len({c.id for c in cities}) == len(cities)
    for city in cities:
        assert city.gdp > 0 and city.base_budget > 0


@pytest.mark.parametrize("name", SHIPPED)
def test_at_least_ten_rounds_each_with_industrial_and_joint_projects(name):
    offers = load_scenario(name).offers
    assert len(offers) >= 10
    for n, offer in enumerate(offers):
        assert offer.industrial, f"round {n + 1} has no industrial project"
        assert offer.joint, f"round {n + 1} has no joint project"


@pytest.mark.parametrize("name", SHIPPED)
def test_project_ids_are_unique_across_the_whole_deck(name):
    ids = [p.id for offer in load_scenario(name).offers for p in (*offer.industrial, *offer.joint)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", SHIPPED)
def test_joint_members_are_known_cities_and_the_host_is_one_of_them(name):
    scenario = load_scenario(name)
    ids = {c.id for c in scenario.province.cities}
    for offer in scenario.offers:
        for project in offer.joint:
            assert len(project.members) >= 2, project.id
            assert len(set(project.members)) == len(project.members), project.id
            assert set(project.members) <= ids, project.id
            assert project.host in project.members, project.id


@pytest.mark.parametrize("name", SHIPPED)
def test_no_host_can_meet_the_threshold_alone(name):
    scenario = load_scenario(name)
    for offer in scenario.offers:
        for project in offer.joint:
            host = scenario.province.city(project.host)
            budget = host.base_budget + host.powers.extra_budget
            assert project.threshold >= HOST_MARGIN * budget, (project.id, project.threshold, budget)
            assert project.threshold >= 1.2 * host.base_budget


@pytest.mark.parametrize("name", SHIPPED)
def test_every_city_can_afford_its_fair_shares_of_each_round(name):
    scenario = load_scenario(name)
    for n, offer in enumerate(scenario.offers):
        owed: dict[str, float] = {}
        for project in offer.joint:
            for city_id, share in fair_shares(project, scenario.province).items():
                owed[city_id] = owed.get(city_id, 0.0) + share
        for city_id, total in owed.items():
            budget = scenario.province.city(city_id).base_budget
            assert total <= budget, f"round {n + 1}: {city_id} owes {total:.1f} > {budget}"


@pytest.mark.parametrize("name", SHIPPED)
def test_joint_project_types_and_ecology_points(name):
    for offer in load_scenario(name).offers:
        for project in offer.joint:
            if project.points:
                assert project.type in ("ecology", "public_service"), project.id


@pytest.mark.parametrize("name", SHIPPED)
def test_the_default_schedule_covers_the_rounds_with_shipped_presets(name):
    scenario = load_scenario(name)
    schedule = parse_schedule(scenario.default_schedule, scenario.presets, scenario.max_rounds)
    assert len(schedule) == scenario.max_rounds
    assert set(schedule) <= set(scenario.presets)
