"""Under rules that bind, a pledge is the least the sheet accepts and the engine enforces
it; under rules that do not, the low sheet is saved and the record shows the pledge
broken, publicly within the province."""

import pytest
from django.utils import translation

from coordination import services
from coordination.models import AgreementParty
from coordination.selectors import counts, seat_view
from game.models import ProvinceResult, SeatResult
from game.services import rounds
from game.services.errors import GameError
from tests.services.agreement_setup import PROJECT, open_table, score

pytestmark = pytest.mark.django_db(transaction=True)


def _signed(t):
    a = services.agreement_propose(participant=t.alice, project_id=PROJECT,
                                   pledges={"taiyuan": 40, "xinzhou": 30, "yangquan": 20}, note="Park output by share")
    services.agreement_accept(participant=t.bob, agreement_id=a.public_id)
    return services.agreement_accept(participant=t.carol, agreement_id=a.public_id)


def _save(participant, amount, **bids):
    return rounds.sheet_save(participant=participant, round_number=1,
                             data={"contributions": {PROJECT: amount}, "bids": bids})


def _joint(t):
    data = ProvinceResult.objects.get(round=t.rnd).data
    joint = next(j for j in data["joint"] if j["project_id"] == PROJECT)
    return {**joint, "contributions": {k: v for k, v in joint["contributions"].items() if v}}


def test_under_cheap_talk_a_low_sheet_is_saved_and_the_record_shows_the_pledge_broken(make_session, join,
                                                                                         instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _signed(t)
    _save(t.alice, 40)
    _save(t.bob, 0)  # pledged 30
    _save(t.carol, 20)
    score(t)
    assert _joint(t)["completed"] is False  # 60 < T = 61
    kept = dict(AgreementParty.objects.filter(agreement=a).values_list("seat__city_id", "kept"))
    assert kept == {"taiyuan": True, "xinzhou": False, "yangquan": True}
    # Public within the province: a city that was not even a party sees it.
    province_view = seat_view(t.session.provinces.get().seats.get(city_id="lvliang"), None)
    (entry,) = province_view["record"]
    assert entry["kind"] == "agreement" and entry["id"] == a.public_id and entry["round"] == 1
    assert entry["project"] == PROJECT
    assert [(p["city"], p["pledge"], p["kept"]) for p in entry["parties"]] == [
        ("taiyuan", 40, True), ("xinzhou", 30, False), ("yangquan", 20, True)]
    assert "note" not in entry and all("contributed" not in p for p in entry["parties"])
    assert counts(t.session) == [{"province": t.session.provinces.get().id, "round": 1, "signed": 1, "kept": 0,
                                  "broken": 1}]
    assert SeatResult.objects.get(round=t.rnd, seat=t.bob.seat).data["points"]["breach_penalty"] == 0


def test_under_binding_rules_the_low_sheet_is_refused_naming_the_agreement_and_the_project_completes(
        make_session, join, instructor):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    a = _signed(t)
    with translation.override("en"), pytest.raises(GameError) as refused:
        _save(t.bob, 10)
    assert refused.value.code == "invalid_sheet"
    (problem,) = refused.value.params["problems"]
    assert problem["code"] == "below_pledge" and problem["field"] == f"contributions.{PROJECT}"
    assert f"#{a.public_id}" in problem["message"] and "30" in problem["message"]
    assert "science corridor" in problem["message"]
    assert not t.bob.seat.sheets.exists()
    with translation.override("zh-hans"), pytest.raises(GameError) as refused:
        _save(t.bob, 10)
    assert "协议" in refused.value.params["problems"][0]["message"]
    _save(t.alice, 40)
    _save(t.bob, 30)
    _save(t.carol, 20)
    score(t)
    assert _joint(t)["completed"] is True
    assert set(AgreementParty.objects.filter(agreement=a).values_list("kept", flat=True)) == {True}


def test_a_binding_pledge_the_budget_cannot_cover_is_a_penalised_breach(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    budget = seat_budget(t)
    # Bob spends his whole budget on a bid before the agreement is signed: the saved sheet stands.
    offer = rounds.scenario_for(t.session).offers[0]
    _save(t.bob, 0, **{offer.industrial[0].id: budget})
    a = _signed(t)
    score(t)
    bob = AgreementParty.objects.get(agreement=a, seat=t.bob.seat)
    assert (bob.kept, bob.penalised) == (False, True)
    assert SeatResult.objects.get(round=t.rnd, seat=t.bob.seat).data["points"]["breach_penalty"] == 2
    # The others' pledges were enforced from their unspent budgets (no sheet: all unspent).
    assert _joint(t)["contributions"] == {"taiyuan": 40, "yangquan": 20}


def test_a_pledge_of_an_annulled_or_lapsed_agreement_binds_nothing(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "collaborative_contest:3")
    a = _signed(t)
    services.agreement_annul(session=t.session, user=instructor, agreement_id=a.public_id, reason="Unfair split")
    _save(t.bob, 0)
    score(t)
    assert _joint(t)["contributions"] == {}
    assert AgreementParty.objects.get(agreement=a, seat=t.bob.seat).kept is None


def seat_budget(t):
    from game.services.selectors import state_before

    return state_before(t.bob.seat.province, 1, t.session).city("xinzhou").budget
