"""Bot seats on the platform, through the same services as people: they answer a
proposal by their strategy, negotiators propose, and a bot re-chooses its sheet once an
agreement binds it."""

import pytest

from coordination import bots, services
from coordination.models import Agreement
from game.models import Seat
from game.services import rounds, sessions
from game.services.bots import bots_play
from tests.services.agreement_setup import PROJECT

pytestmark = pytest.mark.django_db(transaction=True)


def _table(make_session, join, instructor, schedule, strategy):
    session = make_session(schedule=schedule, total_rounds=3, fill_with_bots=True, bot_strategy=strategy)
    alice = join(session, "Alice")  # Taiyuan; Xinzhou and Yangquan are bots
    rnd = rounds.round_open(session=session, user=instructor)
    return session, alice, rnd


@pytest.mark.parametrize(("strategy", "pledge", "signed"), [
    ("fair_share", 10, True),  # within its fair share
    ("fair_share", 45, False),  # above it
    ("reciprocal", 10, True),
    ("always_compete", 10, False),
])
def test_a_bot_answers_by_its_strategy(make_session, join, instructor, strategy, pledge, signed):
    session, alice, rnd = _table(make_session, join, instructor, "implicit_coordination:3", strategy)
    a = services.agreement_propose(participant=alice, project_id=PROJECT,
                                   pledges={"taiyuan": 30, "xinzhou": pledge, "yangquan": 10}, note="deal")
    answered = bots.bots_answer(agreement_id=a.id)
    a.refresh_from_db()
    assert a.status == ("signed" if signed else "declined")
    assert answered == (2 if signed else 1)
    assert bots.bots_answer(agreement_id=a.id) == 0  # safe to run twice


def test_a_bot_that_signed_a_binding_pledge_saves_a_sheet_that_keeps_it(make_session, join, instructor):
    session, alice, rnd = _table(make_session, join, instructor, "collaborative_contest:3", "always_compete")
    bots_play(round_id=rnd.id)
    xinzhou = Seat.objects.get(province__session=session, city_id="xinzhou")
    assert xinzhou.sheets.get().data["contributions"] == {}
    sessions.seat_set_bot(session=session, user=instructor, seat_id=xinzhou.id, strategy="fair_share")
    a = services.agreement_propose(participant=alice, project_id=PROJECT,
                                   pledges={"taiyuan": 30, "xinzhou": 10}, note="deal")
    bots.bots_answer(agreement_id=a.id)
    assert Agreement.objects.get(pk=a.id).status == "signed"
    assert bots.bots_resave(round_id=rnd.id, seat_ids=[xinzhou.id]) == 1
    assert xinzhou.sheets.get().data["contributions"][PROJECT] >= 10


def test_negotiator_bots_propose_fair_shares_and_answer_each_other(make_session, join, instructor):
    session = make_session(schedule="implicit_coordination:3", total_rounds=3, fill_with_bots=True,
                           bot_strategy="negotiator")
    join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    made = bots.bots_propose(round_id=rnd.id)
    assert made >= 1
    assert bots.bots_propose(round_id=rnd.id) == 0  # nothing proposed twice
    for a in Agreement.objects.filter(round=rnd):
        bots.bots_answer(agreement_id=a.id)
    statuses = set(Agreement.objects.filter(round=rnd).values_list("status", flat=True))
    # fen-1 is all bots: under cheap talk negotiators sign it; corridor-1 waits for Alice.
    assert "signed" in statuses and "proposed" in statuses


def test_the_sweep_answers_only_proposals_that_have_waited_and_name_a_bot(make_session, join, instructor):
    session, alice, rnd = _table(make_session, join, instructor, "implicit_coordination:3", "fair_share")
    bob = join(session, "Bob")  # takes over the Xinzhou bot seat: a person now
    assert bob.seat.city_id == "xinzhou"
    to_bob = services.agreement_propose(participant=alice, project_id=PROJECT,
                                        pledges={"taiyuan": 30, "xinzhou": 10}, note="deal")
    to_bot = services.agreement_propose(participant=alice, project_id=PROJECT,
                                        pledges={"taiyuan": 30, "yangquan": 10}, note="deal")
    assert bots.bots_answer_due(older_than=3600) == 0  # too fresh: not yet
    assert bots.bots_answer_due(older_than=0) == 1
    assert Agreement.objects.get(pk=to_bot.id).status == "signed"
    assert Agreement.objects.get(pk=to_bob.id).status == "proposed"  # a person answers for himself
    assert bots.bots_answer_due(older_than=0) == 0  # nothing left to answer
