"""The small `round` delta sent when a round closes describes that round, and is not sent
at all when scoring has already overtaken it (tasks run eagerly)."""

import pytest

from game.services import announce, broadcast, rounds

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def deltas(monkeypatch):
    sent = []

    def record(messages):
        sent.extend(payload for _group, payload in messages if payload.get("type") == "round")

    monkeypatch.setattr(broadcast, "send_many_now", record)
    monkeypatch.setattr(announce.broadcast, "send_many_now", record)
    return sent


def test_closing_a_round_tells_every_screen_that_round_closed(make_session, join, instructor, deltas):
    session = make_session()
    join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    rounds.round_close(round_id=rnd.id, actor="test")
    assert deltas and {d["round"]["number"] for d in deltas} == {1}
    assert {d["round"]["status"] for d in deltas} == {"closed"}


def test_no_stale_delta_follows_a_scoring_that_ran_first(make_session, join, instructor, deltas, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        session = make_session()
        join(session, "Alice")
        rnd = rounds.round_open(session=session, user=instructor)
        rounds.round_close(round_id=rnd.id, actor="test")
    finally:
        app.conf.task_always_eager = False
    rnd.refresh_from_db()
    assert rnd.status == "scored"  # scoring ran inside the close's commit hooks
    assert deltas == []  # the round delta would have described round 2, still a draft
