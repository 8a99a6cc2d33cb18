"""A class arriving at once, on the real server path (two uvicorn processes as `make run`
starts them, a Celery worker, the test database): bench/class_burst.py's probe at a smaller
scale. Correctness only: no server error, every joined student seated exactly once, every
racing save answered and the last acknowledged sheet stored. (Speed: docs/performance.md.)"""

from __future__ import annotations

import pytest

from bench.class_burst import join_burst, log_in, racing_saves
from tests.live.servers import base_env, free_port, start_server, stop

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-instructor-burst-1"


@pytest.fixture
def server(django_user_model, _isolated_redis, tmp_path):
    from tests.live.worker import database_url, start_worker, stop_worker

    django_user_model.objects.create_user(username="instructor", password=PASSWORD, is_staff=True)
    worker = start_worker(_isolated_redis, tmp_path)
    port = free_port()
    process = start_server(base_env(DATABASE_URL=database_url(), REDIS_URL=_isolated_redis), port,
                           tmp_path / "server.log", ("--workers", "2"))
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        stop_worker(worker)


def test_a_burst_of_joins_seats_every_student_exactly_once_without_a_server_error(server):
    burst = join_burst(server, log_in(server, PASSWORD), joins=60, concurrency=15, tag="burst")
    assert burst.statuses == {302: 60}
    assert burst.roster_problems == []


def test_racing_saves_of_one_city_are_all_answered_and_the_last_acknowledged_is_stored(server):
    result = racing_saves(server, log_in(server, PASSWORD), savers=3, saves=40, tag="race")
    assert result.answered == result.sent == 120
    assert result.problems == []
    assert result.acked and result.stored_version == max(version for version, _ in result.acked)
