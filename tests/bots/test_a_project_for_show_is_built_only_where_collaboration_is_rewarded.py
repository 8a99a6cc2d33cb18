"""The shanxi deck holds a project for show (显绩): worth less than the local investment its
threshold costs. Bots that weigh value refuse it under rules that do not reward
collaboration (the growth tournament); a collaborative contest builds it anyway, for the
debrief (issue #8). Implicit coordination rewards collaboration a little and builds it
now and then (docs/rules.md §8.1)."""


from game.scenarios import load_scenario
from tests.bots.played import best_response_games


def _for_show():
    scenario = load_scenario("shanxi")
    rho = scenario.province.local_return
    return {
        p.id
        for offer in scenario.offers
        for p in offer.joint
        if p.spillover * len(p.members) + p.output + p.points < rho * p.threshold
    }


def test_the_deck_holds_a_project_worth_less_than_its_local_cost():
    assert _for_show()


def _built(preset):
    shows = _for_show()
    return [
        j.completed
        for history in best_response_games("shanxi", preset)
        for record in history
        for j in record.result.joint
        if j.project_id in shows
    ]


def test_it_is_refused_when_collaboration_is_not_rewarded():
    built = _built("growth_tournament")
    assert built and not any(built)


def test_a_collaborative_contest_builds_it():
    assert any(_built("collaborative_contest"))
