"""The server enforces the deadline: a real Celery worker closes, scores and publishes."""

import time

import pytest

from game.models import Event, Round
from game.services import rounds
from tests.live.waiting import status, wait_for
from tests.live.worker import start_worker, stop_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


@pytest.fixture
def worker(_isolated_redis, tmp_path):
    process = start_worker(_isolated_redis, tmp_path)
    yield process
    stop_worker(process)


def test_the_deadline_closes_the_round_and_the_worker_scores_it_with_bots_playing(worker, make_session, join,
                                                                                  instructor):
    session = make_session(round_seconds=3, bot_strategy="best_response")
    join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    assert wait_for(lambda: rnd.sheets.count() == 4, 15), "the bots did not play"
    assert status(rnd) == Round.Status.OPEN
    assert wait_for(lambda: status(rnd) == Round.Status.SCORED, 20)
    closed = Event.objects.get(session=session, kind="round_closed", data__round=1)
    assert closed.actor == "deadline"
    assert rnd.closed_at >= rnd.deadline
    assert session.rounds.filter(number=2, status=Round.Status.DRAFT).exists()


def test_an_extended_deadline_keeps_the_round_open_until_the_new_deadline(worker, make_session, join, instructor):
    session = make_session(round_seconds=3, fill_with_bots=False)
    join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    rounds.round_extend(session=session, user=instructor, seconds=4)
    time.sleep(4.5)
    assert status(rnd) == Round.Status.OPEN
    assert wait_for(lambda: status(rnd) != Round.Status.OPEN, 10)
    assert Event.objects.get(session=session, kind="round_closed").actor == "deadline"


def test_a_round_whose_deadline_passed_while_no_worker_ran_is_closed_when_one_starts(make_session, join, instructor,
                                                                                   _isolated_redis, tmp_path):
    from django.utils import timezone

    session = make_session(fill_with_bots=False)
    join(session, "Alice")
    rnd = session.rounds.get(number=1)
    # As if the worker had been down through the deadline: open, overdue, nothing queued.
    Round.objects.filter(pk=rnd.pk).update(status=Round.Status.OPEN, opened_at=timezone.now(),
                                           deadline=timezone.now() - timezone.timedelta(seconds=5))
    process = start_worker(_isolated_redis, tmp_path)
    try:
        assert wait_for(lambda: status(rnd) == Round.Status.SCORED, 15)
    finally:
        stop_worker(process)
    assert Event.objects.get(session=session, kind="round_closed").actor == "deadline"
