"""best_response predicts a rival's bids from its bids last round (issue #8): a seat that
put its money on the most valuable projects is expected to do so again, at the same price
per unit of value, instead of having that price spread over every project and scaled down
to its budget (which let one seat jump-bidding on the two best projects win them cheaply)."""

import math

from game.bots import BotView, RoundRecord, make_strategy
from game.bots.best_response import predict
from game.engine import Sheet, initial_state, score_round
from game.scenarios import load_scenario

SCENARIO = load_scenario("central-cluster")
RULES = SCENARIO.presets["growth_tournament"].rules


def _after_round_one(rival_bids):
    state = initial_state(SCENARIO.province, 8)
    offer = SCENARIO.offers[0]
    fair = make_strategy("fair_share")
    sheets = {
        c.id: fair.choose(BotView(SCENARIO.province, state, RULES, offer, c.id, (), 1))
        for c in SCENARIO.province.cities
    }
    sheets["taiyuan"] = Sheet("taiyuan", rival_bids)
    result = score_round(SCENARIO.province, state, RULES, offer, sheets, seed=1)
    record = RoundRecord(offer, sheets, result)
    return BotView(SCENARIO.province, result.next_state, RULES, SCENARIO.offers[1], "xinzhou", (record,), 1)


def _by_value(offer):
    return sorted(offer.industrial, key=lambda p: (-p.value, p.id))


def test_a_rival_that_bid_high_on_the_two_best_projects_is_expected_to_bid_high_on_them_again():
    top = _by_value(SCENARIO.offers[0])[:2]
    bids = {p.id: 2 * p.reserve for p in top}
    view = _after_round_one(bids)
    predicted = predict(view)["taiyuan"].bids
    for last, now in zip(top, _by_value(view.offer)[:2], strict=True):
        expected = bids[last.id] / last.value * now.value
        assert predicted[now.id] >= math.floor(expected), (now.id, predicted)


def test_no_predicted_bid_exceeds_what_the_rival_has_left():
    view = _after_round_one({p.id: 30 for p in SCENARIO.offers[0].industrial[:1]})
    budget = view.state.city("taiyuan").budget
    assert all(0 < b <= budget for b in predict(view)["taiyuan"].bids.values())


def test_a_rival_that_bid_nothing_is_expected_to_bid_nothing():
    view = _after_round_one({})
    assert predict(view)["taiyuan"].bids == {}
