"""A custom file whose ids do not fit together (unknown or duplicate cities and projects,
one-way neighbours, a host outside the members) is refused with file, path and problem."""


def test_unknown_city_in_members(mini, write_scenario, problems_of):
    mini["rounds"][0]["joint"][0]["members"][1] = "taiyuan2"
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[0].joint[0].members[1]: unknown city 'taiyuan2'"
    ]


def test_a_member_that_is_not_text_is_an_unknown_city_not_a_crash(mini, write_scenario, problems_of):
    mini["rounds"][0]["joint"][0]["members"][1] = ["xinzhou"]
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[0].joint[0].members[1]: unknown city ['xinzhou']"
    ]


def test_a_member_listed_twice(mini, write_scenario, problems_of):
    mini["rounds"][1]["joint"][0]["members"] = ["xinzhou", "yangquan", "xinzhou"]
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[1].joint[0].members[2]: 'xinzhou' is listed twice"
    ]


def test_unknown_neighbour(mini, write_scenario, problems_of):
    mini["cities"][0]["neighbours"].append("jinzhong")
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: cities[0].neighbours[2]: unknown city 'jinzhong'"
    ]


def test_a_neighbour_that_is_not_text_is_refused_not_a_crash(mini, write_scenario, problems_of):
    mini["cities"][0]["neighbours"][0] = {"id": "xinzhou"}
    problems = problems_of(write_scenario(mini))
    assert "mini.yaml: cities[0].neighbours[0]: unknown city {'id': 'xinzhou'}" in problems


def test_asymmetric_neighbour(mini, write_scenario, problems_of):
    mini["cities"][2]["neighbours"] = ["xinzhou"]  # taiyuan still lists yangquan
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: cities[0].neighbours[1]: 'yangquan' does not list 'taiyuan' back as a neighbour"
    ]


def test_a_city_that_neighbours_itself(mini, write_scenario, problems_of):
    mini["cities"][1]["neighbours"].append("xinzhou")
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: cities[1].neighbours[2]: a city cannot neighbour itself"
    ]


def test_duplicate_city_id(mini, write_scenario, problems_of):
    mini["cities"][2]["id"] = "xinzhou"
    problems = problems_of(write_scenario(mini))
    assert "mini.yaml: cities[2].id: duplicate city id 'xinzhou'" in problems


def test_duplicate_project_id_across_rounds(mini, write_scenario, problems_of):
    mini["rounds"][1]["joint"][0]["id"] = "rail-1"
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[1].joint[0].id: duplicate project id 'rail-1'"
    ]


def test_duplicate_project_id_between_industrial_and_joint(mini, write_scenario, problems_of):
    mini["rounds"][0]["joint"][1]["id"] = "r1-nev"
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[0].joint[1].id: duplicate project id 'r1-nev'"
    ]


def test_host_not_a_member(mini, write_scenario, problems_of):
    mini["rounds"][1]["joint"][0]["host"] = "taiyuan"
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[1].joint[0].host: the host 'taiyuan' is not a member"
    ]


def test_host_that_is_an_unknown_city(mini, write_scenario, problems_of):
    mini["rounds"][1]["joint"][0]["host"] = "datong"
    assert problems_of(write_scenario(mini)) == [
        "mini.yaml: rounds[1].joint[0].host: the host 'datong' is not a member"
    ]
