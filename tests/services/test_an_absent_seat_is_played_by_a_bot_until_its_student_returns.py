"""A seat whose students have all been gone for a round's time is played by the session's
bot, standing in; the student who comes back takes the seat back."""

import datetime as dt

import pytest
from django.utils import timezone

from game.models import Event, Participant, Seat
from game.services import bots, presence
from game.services.rounds import round_open, sheet_save

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_tasks(monkeypatch):
    from game import tasks

    monkeypatch.setattr(tasks.bots_play, "delay", lambda *a, **k: None)
    monkeypatch.setattr(tasks.score_round_task, "delay", lambda *a, **k: None)


def _gone_since(participant, seconds):
    Participant.objects.filter(pk=participant.pk).update(
        sockets=0, last_seen=timezone.now() - dt.timedelta(seconds=seconds))


def test_a_seat_gone_for_a_round_gets_a_bot_and_the_student_takes_it_back(make_session, join, instructor, no_tasks):
    session = make_session(round_seconds=120)
    alice, bob = join(session, "Alice"), join(session, "Bob")
    presence.presence_connect(participant_id=bob.id)
    rnd = round_open(session=session, user=instructor)
    _gone_since(alice, 60)
    presence.presence_sweep()
    assert not Seat.objects.get(pk=alice.seat_id).stand_in, "half a round is not a whole round"

    _gone_since(alice, 121)
    presence.presence_sweep()
    seat = Seat.objects.get(pk=alice.seat_id)
    assert seat.stand_in and seat.bot_strategy == session.bot_strategy
    assert not Seat.objects.get(pk=bob.seat_id).stand_in, "a connected student keeps their seat"
    assert bots.bots_play(round_id=rnd.id) >= 1
    assert rnd.sheets.filter(seat_id=alice.seat_id).exists(), "the bot played the absent seat"
    assert Event.objects.filter(session=session, kind="stand_in").count() == 1

    assert presence.presence_connect(participant_id=alice.id) is True
    seat.refresh_from_db()
    assert not seat.stand_in and seat.bot_strategy == ""
    saved = sheet_save(participant=alice, round_number=rnd.number, data={"bids": {}, "contributions": {}})
    assert saved.saved_by_id == alice.id, "the returning student overrides the bot's sheet"
    assert Participant.objects.get(pk=alice.pk).seat_id == seat.id


@pytest.mark.parametrize("setting", ["never", "paused", "no_round"])
def test_no_bot_stands_in_when_the_session_says_not_to(make_session, join, instructor, no_tasks, setting):
    session = make_session(round_seconds=120)
    alice = join(session, "Alice")
    if setting != "no_round":
        round_open(session=session, user=instructor)
    session.refresh_from_db()
    if setting == "never":
        session.absent_rounds = 0
    if setting == "paused":
        session.paused_at = timezone.now()
    session.save()
    _gone_since(alice, 10_000)
    presence.presence_sweep()
    assert not Seat.objects.get(pk=alice.seat_id).stand_in
