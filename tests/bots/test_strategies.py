"""Each scripted player does what its name promises, through the sheet validator."""

import dataclasses

import pytest

from game.bots import STRATEGIES, BotView, RoundRecord, make_strategy
from game.bots.base import cooperation_rate
from game.engine import Rules, Sheet, initial_state, score_round, validate_sheet
from game.scenarios import load_scenario

SHANXI = load_scenario("shanxi")
GROWTH = SHANXI.presets["growth_tournament"].rules
COLLAB = SHANXI.presets["collaborative_contest"].rules


def view(city_id="xinzhou", rules=GROWTH, history=(), seed=1, state=None):
    state = state or initial_state(SHANXI.province, 8)
    return BotView(SHANXI.province, state, rules, SHANXI.offers[0], city_id, tuple(history), seed)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
@pytest.mark.parametrize("rules", [GROWTH, COLLAB], ids=["growth", "collaborative"])
def test_every_strategy_returns_a_valid_sheet_for_every_city(name, rules):
    strategy = make_strategy(name)
    for city in SHANXI.province.cities:
        v = view(city.id, rules)
        sheet = strategy.choose(v)
        assert validate_sheet(sheet, city=v.city, state=v.me, offer=v.offer, rules=rules) == []


def test_unknown_strategy_name_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="unknown strategy 'greedy'.*best_response"):
        make_strategy("greedy")


def test_always_compete_puts_the_whole_budget_into_bids():
    v = view("taiyuan")
    sheet = make_strategy("always_compete").choose(v)
    assert sheet.contributions == {}
    assert v.budget - len(v.offer.industrial) < sheet.total_bids() <= v.budget


def test_fair_share_pays_its_fair_share_of_each_joint_project_and_bids_modestly():
    v = view("xinzhou")
    sheet = make_strategy("fair_share").choose(v)
    mine = v.my_joint()
    assert mine, "xinzhou is in a joint project in round 1"
    assert dict(sheet.contributions) == {p.id: v.fair_share(p) for p in mine}
    assert sheet.total_bids() <= v.budget // 5


def test_random_player_is_seeded():
    a = make_strategy("random").choose(view("linfen", COLLAB, seed=7))
    b = make_strategy("random").choose(view("linfen", COLLAB, seed=7))
    others = [make_strategy("random").choose(view("linfen", COLLAB, seed=s)) for s in range(8, 20)]
    assert a == b
    assert any(o != a for o in others)


def _round_one(sheets_by_city):
    state = initial_state(SHANXI.province, 8)
    result = score_round(SHANXI.province, state, GROWTH, SHANXI.offers[0], sheets_by_city, seed=1)
    return RoundRecord(SHANXI.offers[0], sheets_by_city, result), result.next_state


def test_reciprocal_stops_paying_where_another_member_did_not_pay_last_round():
    fair = make_strategy("fair_share")
    sheets = {c.id: fair.choose(view(c.id)) for c in SHANXI.province.cities}
    sheets["taiyuan"] = Sheet("taiyuan")  # Taiyuan paid nothing in round 1
    record, state = _round_one(sheets)
    assert cooperation_rate(record, SHANXI.province, "taiyuan") == 0
    recip = make_strategy("reciprocal")
    offer = SHANXI.offers[1]
    for city in SHANXI.province.cities:
        v = dataclasses.replace(view(city.id, history=[record], state=state), offer=offer)
        sheet = recip.choose(v)
        for project in v.my_joint():
            paid = sheet.contributions.get(project.id, 0)
            if "taiyuan" in project.members and city.id != "taiyuan":
                assert paid == 0, (city.id, project.id)
            elif city.id != "taiyuan":
                assert paid == v.fair_share(project), (city.id, project.id)


def test_best_response_prefers_the_cheaper_of_two_sheets_that_score_the_same():
    # With no weight on anything a sheet can change, every sheet scores the same:
    # the best response must then spend nothing at all.
    flat = dataclasses.replace(GROWTH, weights=dataclasses.replace(GROWTH.weights, gdp_growth=0.0))
    sheet = make_strategy("best_response").choose(view("taiyuan", flat))
    assert sheet.spend() == 0


def test_best_response_does_not_pay_into_a_joint_project_under_the_growth_tournament():
    # Paying its fair share costs a non-host member more local GDP than the spillover
    # it brings, so even when every other member is expected to pay, it does not.
    for city in SHANXI.province.cities:
        v = view(city.id, GROWTH)
        sheet = make_strategy("best_response").choose(v)
        for project in v.my_joint():
            if project.host != city.id:
                assert sheet.contributions.get(project.id, 0) == 0, (city.id, project.id)


def test_best_response_pays_its_share_under_the_collaborative_contest():
    paid = 0
    for city in SHANXI.province.cities:
        v = view(city.id, COLLAB)
        sheet = make_strategy("best_response").choose(v)
        paid += sum(1 for p in v.my_joint() if sheet.contributions.get(p.id, 0) >= v.fair_share(p))
    assert paid >= 10


def test_best_response_weighs_an_inflated_report_against_the_audit_risk():
    honest_world = dataclasses.replace(COLLAB, audit_probability=0.0, audit_penalty=0.0)
    certain_audit = dataclasses.replace(COLLAB, audit_probability=1.0)
    bot = make_strategy("best_response")
    inflated_free = [bot.choose(view(c.id, honest_world)).inflation_pct for c in SHANXI.province.cities]
    inflated_audited = [bot.choose(view(c.id, certain_audit)).inflation_pct for c in SHANXI.province.cities]
    assert max(inflated_free) == 50
    assert max(inflated_audited) == 0


def test_rules_without_reporting_never_get_an_inflated_sheet():
    assert Rules().reporting is False
    for name in STRATEGIES:
        for city in SHANXI.province.cities:
            assert make_strategy(name).choose(view(city.id, GROWTH)).inflation_pct == 0
