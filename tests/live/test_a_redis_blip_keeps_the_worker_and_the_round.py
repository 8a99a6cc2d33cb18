"""Fault: Redis killed and restarted while a round is open. The Celery worker (run as
make run runs it: prefork, beat embedded) stays up, and the round still closes at its
deadline and is scored exactly once. With a countdown task held for the deadline, the
Celery 5.7 worker died here ("Unrecoverable error: AttributeError ... 'hostname'")."""

import time

import pytest

from game.models import Event, ProvinceResult, Round, Seat, SeatResult
from game.services import rounds
from tests.live.waiting import status, wait_for
from tests.live.worker import start_worker, stop_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


@pytest.fixture
def worker(private_redis, tmp_path):
    process = start_worker(private_redis.url, tmp_path, pool="prefork")
    yield process
    stop_worker(process)


def assert_scored_exactly_once(session, rnd):
    assert Event.objects.filter(session=session, kind="round_closed", data__round=rnd.number).count() == 1
    assert Event.objects.filter(session=session, kind="round_scored", data__round=rnd.number).count() == 1
    seats = Seat.objects.filter(province__session=session).count()
    assert SeatResult.objects.filter(round=rnd).count() == seats
    assert ProvinceResult.objects.filter(round=rnd).count() == session.provinces.count()


def test_the_worker_survives_redis_blips_during_an_open_round_which_closes_and_scores_once(
        private_redis, worker, make_session, join, instructor, tmp_path):
    session = make_session(round_seconds=8, bot_strategy="fair_share")
    join(session, "Alice")
    bots = Seat.objects.filter(province__session=session).exclude(bot_strategy="").count()
    rnd = rounds.round_open(session=session, user=instructor)
    assert wait_for(lambda: rnd.sheets.count() == bots, 20), "the bots did not play"
    for _ in range(3):
        private_redis.blip(down_seconds=1)
        time.sleep(0.5)
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-3000:]
    assert wait_for(lambda: status(rnd) == Round.Status.SCORED, 30), (tmp_path / "worker.log").read_text()[-3000:]
    assert worker.poll() is None
    assert Event.objects.get(session=session, kind="round_closed").actor == "deadline"
    assert rnd.closed_at >= rnd.deadline
    assert_scored_exactly_once(session, rnd)

    # The worker still does everything after the blips: the next round plays out too.
    second = rounds.round_open(session=session, user=instructor)
    assert wait_for(lambda: status(second) == Round.Status.SCORED, 30), (tmp_path / "worker.log").read_text()[-3000:]
    # every bot played (Alice, absent, may have been handed to a stand-in bot meanwhile)
    assert second.sheets.count() == Seat.objects.filter(province__session=session).exclude(bot_strategy="").count()
    assert_scored_exactly_once(session, second)
