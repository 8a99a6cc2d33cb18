"""Propose → every party accepts → signed; decline, withdraw, and lapse at close end a
proposal; each step is logged and nothing else changes."""

import pytest

from coordination import services
from coordination.models import Agreement
from coordination.selectors import seat_view
from game.models import Event
from game.services import rounds
from game.services.errors import GameError
from tests.services.agreement_setup import PROJECT, open_table

pytestmark = pytest.mark.django_db(transaction=True)

PLEDGES = {"taiyuan": 40, "xinzhou": 25}


def _propose(t, **overrides):
    args = dict(participant=t.alice, project_id=PROJECT, pledges=PLEDGES, note="We split the park output 60/40.")
    args.update(overrides)
    return services.agreement_propose(**args)


def test_a_proposal_is_signed_when_every_named_party_has_accepted(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _propose(t, pledges={**PLEDGES, "yangquan": 20})
    assert a.status == "proposed"
    assert {p.seat.city_id: p.accepted_at is not None for p in a.parties.all()} == {
        "taiyuan": True, "xinzhou": False, "yangquan": False}
    a = services.agreement_accept(participant=t.bob, agreement_id=a.public_id)
    assert a.status == "proposed"
    a = services.agreement_accept(participant=t.carol, agreement_id=a.public_id)
    assert a.status == "signed" and a.decided_at is not None
    kinds = list(Event.objects.filter(session=t.session, kind__startswith="agreement").values_list("kind", flat=True))
    assert kinds == ["agreement_proposed", "agreement_accepted", "agreement_accepted", "agreement_signed"]
    view = seat_view(t.bob.seat, t.rnd)
    assert [x["status"] for x in view["agreements"]] == ["signed"]
    assert view["agreements"][0]["parties"][1] == {"city": "xinzhou", "seat": t.bob.seat_id, "pledge": 25,
                                                   "accepted": True, "kept": None, "penalised": False}


def test_accepting_twice_changes_nothing_more(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _propose(t)
    services.agreement_accept(participant=t.bob, agreement_id=a.public_id)
    with pytest.raises(GameError) as again:
        services.agreement_accept(participant=t.bob, agreement_id=a.public_id)
    assert again.value.code == "not_proposed"


def test_a_decline_ends_the_proposal_and_it_can_no_longer_be_accepted(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _propose(t)
    a = services.agreement_decline(participant=t.bob, agreement_id=a.public_id)
    assert a.status == "declined"
    with pytest.raises(GameError) as late:
        services.agreement_accept(participant=t.bob, agreement_id=a.public_id)
    assert late.value.code == "not_proposed"
    assert Agreement.objects.get(pk=a.id).status == "declined"


def test_only_the_proposer_withdraws_and_only_before_it_is_signed(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    a = _propose(t)
    with pytest.raises(GameError) as not_mine:
        services.agreement_withdraw(participant=t.bob, agreement_id=a.public_id)
    assert not_mine.value.code == "not_proposer"
    assert services.agreement_withdraw(participant=t.alice, agreement_id=a.public_id).status == "withdrawn"
    signed = _propose(t)
    services.agreement_accept(participant=t.bob, agreement_id=signed.public_id)
    with pytest.raises(GameError) as too_late:
        services.agreement_withdraw(participant=t.alice, agreement_id=signed.public_id)
    assert too_late.value.code == "not_proposed"
    assert Agreement.objects.get(pk=signed.id).status == "signed"


def test_open_proposals_lapse_when_the_round_closes_and_signed_ones_stand(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    waiting = _propose(t)
    signed = _propose(t, pledges={"taiyuan": 10, "yangquan": 10})
    services.agreement_accept(participant=t.carol, agreement_id=signed.public_id)
    rounds.round_close(round_id=t.rnd.id, actor="test")
    assert Agreement.objects.get(pk=waiting.id).status == "lapsed"
    assert Agreement.objects.get(pk=signed.id).status == "signed"
    with pytest.raises(GameError) as closed:
        services.agreement_accept(participant=t.bob, agreement_id=waiting.public_id)
    assert closed.value.code == "round_not_open"
    with pytest.raises(GameError) as closed:
        _propose(t)
    assert closed.value.code == "round_not_open"
