"""A burst of joins is announced once (every province's view and both screens), a moment
later, and no join committed after that announcement started reading is left out."""

import pytest

from game.services import announce_soon, broadcast
from game.tasks import announce_session_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    groups: list[str] = []
    monkeypatch.setattr(broadcast, "send_encoded_now", lambda encoded: groups.extend(g for g, _ in encoded))
    return groups


@pytest.fixture
def scheduled(monkeypatch):
    calls: list[tuple] = []
    monkeypatch.setattr(announce_session_task, "apply_async", lambda args, countdown: calls.append(args))
    return calls


def test_joins_in_a_burst_schedule_one_announcement_that_tells_everyone(
        make_session, join, sent, scheduled, django_capture_on_commit_callbacks):
    session = make_session()
    joined = []
    for name in ("Ana", "Ben", "Cai", "Dee", "Eli"):
        with django_capture_on_commit_callbacks(execute=True):
            joined.append(join(session, name))
    assert scheduled == [(session.id,)]
    assert sent == []

    with django_capture_on_commit_callbacks(execute=True):  # the task runs outside a transaction
        announce_soon.announce_session_now(session.id)
    expected = {broadcast.province_group(p.seat.province_id) for p in joined}
    expected |= {broadcast.instructor_group(session.id), broadcast.projector_group(session.id)}
    assert expected <= set(sent)

    with django_capture_on_commit_callbacks(execute=True):
        join(session, "Fay")  # after the announcement started: it schedules the next one
    assert scheduled == [(session.id,), (session.id,)]


def test_without_redis_a_join_is_announced_at_once(make_session, join, sent, scheduled, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    def unreachable(url):
        raise ConnectionError("no Redis")

    monkeypatch.setattr(announce_soon, "_client", unreachable)
    session = make_session()
    with django_capture_on_commit_callbacks(execute=True):
        ana = join(session, "Ana")
    assert scheduled == []
    assert {broadcast.province_group(ana.seat.province_id), broadcast.instructor_group(session.id),
            broadcast.projector_group(session.id)} <= set(sent)
