"""Pause stops the clock everywhere: saves are refused with a clear message, the sweeper
leaves the round open past its deadline, and resuming gives back the time that was left."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from game.models import GameSession, Round
from game.services import housekeeping, selectors
from game.services.errors import GameError
from game.services.rounds import close_overdue, round_close_now, round_open, sheet_save

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_tasks(monkeypatch):
    from game import tasks

    monkeypatch.setattr(tasks.bots_play, "delay", lambda *a, **k: None)
    monkeypatch.setattr(tasks.score_round_task, "delay", lambda *a, **k: None)


@pytest.fixture
def running(make_session, join, instructor, no_tasks):
    session = make_session(round_seconds=120)
    alice = join(session, "Alice")
    rnd = round_open(session=session, user=instructor)
    return session, alice, rnd


def _shift(session, rnd, seconds):
    """Pretend the pause started `seconds` ago (no sleeping in tests)."""
    GameSession.objects.filter(pk=session.pk).update(paused_at=timezone.now() - dt.timedelta(seconds=seconds))


def test_pause_refuses_saves_and_resume_moves_the_deadline_by_the_pause(running, instructor):
    session, alice, rnd = running
    housekeeping.session_pause(session=session, user=instructor)
    assert selectors.session_info(GameSession.objects.get(pk=session.pk))["paused_at"]
    with translation.override("en"), pytest.raises(GameError, match="paused") as refused:
        sheet_save(participant=alice, round_number=1, data={"bids": {}, "contributions": {}})
    assert refused.value.code == "paused" and not rnd.sheets.exists()
    _shift(session, rnd, 300)
    housekeeping.session_resume(session=session, user=instructor)
    after = Round.objects.get(pk=rnd.pk)
    moved = (after.deadline - rnd.deadline).total_seconds()
    assert 299 <= moved <= 302
    assert GameSession.objects.get(pk=session.pk).paused_at is None
    assert sheet_save(participant=alice, round_number=1, data={"bids": {}, "contributions": {}})


def test_the_sweeper_does_not_close_a_paused_round_past_its_deadline(running, instructor):
    session, _, rnd = running
    housekeeping.session_pause(session=session, user=instructor)
    Round.objects.filter(pk=rnd.pk).update(deadline=timezone.now() - dt.timedelta(seconds=60))
    assert close_overdue() == 0
    assert Round.objects.get(pk=rnd.pk).status == Round.Status.OPEN
    housekeeping.session_resume(session=session, user=instructor)
    assert Round.objects.get(pk=rnd.pk).status == Round.Status.OPEN, "resume gives the time back"


def test_close_now_during_a_pause_closes_and_ends_the_pause(running, instructor):
    session, _, rnd = running
    housekeeping.session_pause(session=session, user=instructor)
    assert round_close_now(session=session, user=instructor)
    assert Round.objects.get(pk=rnd.pk).status == Round.Status.CLOSED
    assert GameSession.objects.get(pk=session.pk).paused_at is None


@pytest.mark.parametrize("case", ["twice", "resume_unpaused", "no_round", "stranger"])
def test_a_bad_pause_or_resume_is_refused_and_changes_nothing(make_session, instructor, other_instructor, join,
                                                              no_tasks, case):
    session = make_session()
    join(session, "Alice")
    if case != "no_round":
        round_open(session=session, user=instructor)
    action, user = housekeeping.session_pause, instructor
    if case == "twice":
        housekeeping.session_pause(session=session, user=instructor)
    elif case == "resume_unpaused":
        action = housekeeping.session_resume
    elif case == "stranger":
        user = other_instructor
    before = GameSession.objects.get(pk=session.pk).paused_at
    deadline = Round.objects.filter(session=session).values_list("deadline", flat=True).first()
    with pytest.raises(GameError):
        action(session=session, user=user)
    assert GameSession.objects.get(pk=session.pk).paused_at == before
    assert Round.objects.filter(session=session).values_list("deadline", flat=True).first() == deadline
