"""A burst of joins: each joined province hears at once, the instructor's and projector's
screens are refreshed once for the whole burst, and no join after a refresh has started
is left out."""

import pytest

from game.services import broadcast, screens_soon
from game.tasks import refresh_screens

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    groups: list[str] = []
    monkeypatch.setattr(broadcast, "send_encoded_now", lambda encoded: groups.extend(g for g, _ in encoded))
    return groups


@pytest.fixture
def scheduled(monkeypatch):
    calls: list[tuple] = []
    monkeypatch.setattr(refresh_screens, "apply_async", lambda args, countdown: calls.append(args))
    return calls


def test_joins_in_a_burst_schedule_one_screen_refresh_and_tell_each_province_at_once(
        make_session, join, sent, scheduled, django_capture_on_commit_callbacks):
    session = make_session()
    for name in ("Ana", "Ben", "Cai", "Dee", "Eli"):
        with django_capture_on_commit_callbacks(execute=True):
            participant = join(session, name)
        assert sent[-1] == broadcast.province_group(participant.seat.province_id)
    assert scheduled == [(session.id,)]
    assert broadcast.instructor_group(session.id) not in sent

    screens_soon.refresh_screens_now(session.id)
    assert {broadcast.instructor_group(session.id), broadcast.projector_group(session.id)} <= set(sent)

    with django_capture_on_commit_callbacks(execute=True):
        join(session, "Fay")  # after the refresh started: it schedules the next one
    assert scheduled == [(session.id,), (session.id,)]


def test_without_redis_a_join_refreshes_the_screens_at_once(make_session, join, sent, scheduled, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    def unreachable(url):
        raise ConnectionError("no Redis")

    monkeypatch.setattr(screens_soon, "_client", unreachable)
    session = make_session()
    with django_capture_on_commit_callbacks(execute=True):
        join(session, "Ana")
    assert scheduled == []
    assert broadcast.instructor_group(session.id) in sent and broadcast.projector_group(session.id) in sent
