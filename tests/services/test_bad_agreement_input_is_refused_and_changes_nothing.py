"""Every bad proposal gets a clear error and leaves no agreement behind."""

import pytest
from django.utils import translation

from coordination import services
from coordination.models import Agreement, AgreementParty
from game.services import rounds
from game.services.errors import GameError
from tests.services.agreement_setup import PROJECT, open_table

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "Benefits split by contribution."
CASES = [
    ("unknown project", dict(project_id="no-such-project"), "unknown_project", "no-such-project"),
    ("project id not text", dict(project_id=["corridor-1"]), "unknown_project", ""),
    ("not a member", dict(project_id="fen-1", pledges={"jinzhong": 10, "lvliang": 10}), "not_member", "fen-1"),
    ("negative pledge", dict(pledges={"taiyuan": 10, "xinzhou": -5}), "bad_pledge", "negative"),
    ("fractional pledge", dict(pledges={"taiyuan": 10, "xinzhou": 2.5}), "bad_pledge", "whole"),
    ("text pledge", dict(pledges={"taiyuan": 10, "xinzhou": "10"}), "bad_pledge", "whole"),
    ("boolean pledge", dict(pledges={"taiyuan": 10, "xinzhou": True}), "bad_pledge", "whole"),
    ("over budget", dict(pledges={"taiyuan": 10, "xinzhou": 10_000}), "bad_pledge", "budget"),
    ("party outside the project", dict(pledges={"taiyuan": 10, "jinzhong": 10}), "bad_party", "Jinzhong"),
    ("party outside the province", dict(pledges={"taiyuan": 10, "datong": 10}), "bad_party", "datong"),
    ("only the proposer", dict(pledges={"taiyuan": 10}), "bad_parties", ""),
    ("proposer not a party", dict(pledges={"xinzhou": 10, "yangquan": 10}), "bad_parties", ""),
    ("all zero", dict(pledges={"taiyuan": 0, "xinzhou": 0}), "bad_pledges", ""),
    ("pledges not a map", dict(pledges=[10, 10]), "bad_pledges", ""),
    ("empty note", dict(note="   "), "bad_note", ""),
    ("note not text", dict(note=12), "bad_note", ""),
    ("oversized note", dict(note="x" * 501), "bad_note", "500"),
]


@pytest.mark.parametrize(("label", "change", "code", "mention"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_proposal_is_refused_with_a_clear_message(make_session, join, instructor, label, change, code, mention):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    args = dict(participant=t.alice, project_id=PROJECT, pledges={"taiyuan": 10, "xinzhou": 10}, note=NOTE)
    args.update(change)
    with translation.override("en"), pytest.raises(GameError) as refused:
        services.agreement_propose(**args)
    assert refused.value.code == code
    assert mention in refused.value.message
    assert Agreement.objects.count() == 0 and AgreementParty.objects.count() == 0


def test_the_refusal_is_translated(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    with translation.override("zh-hans"), pytest.raises(GameError) as refused:
        services.agreement_propose(participant=t.alice, project_id=PROJECT, pledges={"taiyuan": 10, "xinzhou": -1},
                                   note=NOTE)
    assert "负" in refused.value.message


def test_a_flood_of_proposals_is_refused_with_a_clear_message(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    for _ in range(services.FLOOD_MAX):
        services.agreement_propose(participant=t.alice, project_id=PROJECT, pledges={"taiyuan": 10, "xinzhou": 10},
                                   note=NOTE)
    with translation.override("en"), pytest.raises(GameError) as refused:
        services.agreement_propose(participant=t.alice, project_id=PROJECT, pledges={"taiyuan": 10, "xinzhou": 10},
                                   note=NOTE)
    assert refused.value.code == "flood" and "wait" in refused.value.message
    assert Agreement.objects.count() == services.FLOOD_MAX


@pytest.mark.parametrize(("schedule", "refused"), [("collaborative_contest:3", True),
                                                   ("implicit_coordination:3", False)])
def test_binding_pledges_the_budget_cannot_cover_together_are_refused_at_acceptance(
        make_session, join, instructor, schedule, refused):
    # shanxi, round 1: Xinzhou (budget 45) is in corridor-1 and road_north-1.
    session = make_session(scenario_id="shanxi", schedule=schedule, total_rounds=3, fill_with_bots=False)
    alice, bob, _carol, dave = (join(session, n) for n in ("Alice", "Bob", "Carol", "Dave"))
    assert (alice.seat.city_id, bob.seat.city_id, dave.seat.city_id) == ("taiyuan", "datong", "xinzhou")
    rounds.round_open(session=session, user=instructor)
    first = services.agreement_propose(participant=alice, project_id="corridor-1",
                                       pledges={"taiyuan": 10, "xinzhou": 40}, note=NOTE)
    services.agreement_accept(participant=dave, agreement_id=first.public_id)
    second = services.agreement_propose(participant=bob, project_id="road_north-1",
                                        pledges={"datong": 10, "xinzhou": 25}, note=NOTE)
    if not refused:  # cheap talk: nothing binds, so nothing has to add up
        assert services.agreement_accept(participant=dave, agreement_id=second.public_id).status == "signed"
        return
    with translation.override("en"), pytest.raises(GameError) as error:
        services.agreement_accept(participant=dave, agreement_id=second.public_id)
    assert error.value.code == "cannot_cover" and "Xinzhou" in error.value.message
    assert "65" in error.value.message and "45" in error.value.message
    assert Agreement.objects.get(pk=second.id).status == "proposed"
    assert not AgreementParty.objects.get(agreement=second, seat=dave.seat).accepted_at
