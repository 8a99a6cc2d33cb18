"""One clock, several rule sets: each province of a round is scored under its own
treatment's rules, exactly as the engine scores it alone with those rules."""

import json

import pytest

from coordination.selectors import round_commitments
from game.engine import parse_sheet, score_round
from game.engine.serialize import to_data
from game.engine.validate import sheets_to_score
from game.models import ProvinceResult, Round, SeatResult
from game.services import rounds
from game.services.bots import bots_play
from game.services.selectors import province_seed, scenario_for, state_before

pytestmark = pytest.mark.django_db(transaction=True)  # ids never reused: services cache by id


def _json(value):
    return json.loads(json.dumps(value))


def _play(session, instructor) -> Round:
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    return Round.objects.get(pk=rnd.pk)


def _engine_alone(session, rnd, province, preset):
    """The province scored by the engine with the preset's rules, nothing else shared."""
    scenario = scenario_for(session)
    rules = scenario.presets[preset].rules
    state = state_before(province, rnd.number, session)
    offer = scenario.offers[rnd.number - 1]
    saved = {s.seat.city_id: s.data for s in rnd.sheets.filter(seat__province=province).select_related("seat")}
    for city, data in saved.items():
        assert parse_sheet(city, data)[0] is not None
    agreements, tasks = round_commitments(rnd).get(province.id, ((), ()))
    return to_data(score_round(scenario.province, state, rules, offer,
                               sheets_to_score(scenario.province, state, rules, offer, saved),
                               agreements=agreements, tasks=tasks, seed=province_seed(session, province.number)))


def test_each_province_scores_as_the_engine_does_under_its_treatments_rules(two_worlds, instructor):
    for _ in range(2):
        rnd = _play(two_worlds, instructor)
        for province in two_worlds.provinces.order_by("number"):
            preset = "growth_tournament" if province.treatment == "GROWTH" else "collaborative_contest"
            expected = _engine_alone(two_worlds, rnd, province, preset)
            stored = ProvinceResult.objects.get(round=rnd, province=province)
            assert stored.state_after == _json(expected["next_state"])
            for key in ("industrial", "joint", "totals", "seed"):
                assert stored.data[key] == _json(expected[key]), (rnd.number, province.number, key)
            outcomes = {r.seat.city_id: r.data for r in SeatResult.objects.filter(round=rnd, seat__province=province)
                        .select_related("seat")}
            assert outcomes == {c["city_id"]: c for c in _json(expected["cities"])}


def test_the_two_treatments_really_score_differently(two_worlds, instructor):
    rnd = _play(two_worlds, instructor)
    growth = ProvinceResult.objects.get(round=rnd, province__number=1).data
    coop = ProvinceResult.objects.get(round=rnd, province__number=2).data
    # Best-response bots fund joint projects only where collaboration pays.
    assert coop["totals"]["joint_completed"] > growth["totals"]["joint_completed"]


def test_the_next_round_follows_each_treatments_own_schedule(make_session, instructor):
    from game.services import sessions

    session = make_session(treatments="KEEP=growth_tournament:3;SWITCH=growth_tournament:1,collaborative_contest:2")
    for _ in range(2):
        sessions.province_add(session=session, user=instructor)
    _play(session, instructor)
    second = session.rounds.get(number=2)
    versions = {label: session.rules_versions.get(pk=vid) for label, vid in second.treatment_rules.items()}
    assert versions["KEEP"].preset == "growth_tournament"
    assert versions["KEEP"].id == session.rounds.get(number=1).treatment_rules["KEEP"]  # unchanged: same version
    assert versions["SWITCH"].preset == "collaborative_contest" and versions["SWITCH"].changes
    assert second.rules_id == versions["KEEP"].id  # Round.rules: the first treatment's
