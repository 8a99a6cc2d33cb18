"""Edges of a round's life: lost tasks, ending mid-round, rules edits carrying on."""

import datetime as dt

import pytest
from django.utils import timezone

from game.models import Round
from game.services import rounds, sessions
from game.services.errors import GameError

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_sweeper_scores_a_round_left_closed_when_its_scoring_task_was_lost(make_session, join, instructor):
    session = make_session(fill_with_bots=False)
    join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    Round.objects.filter(pk=rnd.pk).update(status=Round.Status.CLOSED,
                                           closed_at=timezone.now() - dt.timedelta(minutes=2))
    assert rounds.close_overdue() == 1
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.SCORED


def test_ending_a_session_mid_round_closes_and_scores_it_and_refuses_later_saves(make_session, join, instructor):
    session = make_session(fill_with_bots=False)
    alice = join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}})
    sessions.session_end(session=session, user=instructor)
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.CLOSED
    assert rounds.round_score(round_id=rnd.id) is True
    assert not session.rounds.filter(number=2).exists()
    with pytest.raises(GameError) as refused:
        rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}})
    assert refused.value.code == "ended"


def test_rules_edited_by_the_instructor_carry_on_until_the_schedule_changes_preset(make_session, join, instructor):
    session = make_session(total_rounds=4, schedule="growth_tournament:2,collaborative_contest:2",
                           fill_with_bots=False)
    join(session, "Alice")
    rounds.rules_set(session=session, user=instructor, params={"all_pay": True, "reveal_losing_bids": True})
    for number in (1, 2, 3):
        rnd = rounds.round_open(session=session, user=instructor)
        rounds.round_close(round_id=rnd.id, actor="test")
        rounds.round_score(round_id=rnd.id)
        following = session.rounds.get(number=number + 1).rules
        if number == 1:
            assert following.rules["all_pay"] is True  # same scheduled preset: the edit stays
        if number == 2:
            assert following.preset == "collaborative_contest"  # the schedule moves on
            assert following.rules["all_pay"] is False


def test_the_sweeper_leaves_a_round_open_until_its_deadline_and_the_grace_have_passed(make_session, join,
                                                                                     instructor):
    session = make_session(fill_with_bots=False)
    join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    just_due = timezone.now() - dt.timedelta(seconds=rounds.CLOSE_GRACE_SECONDS / 2)
    Round.objects.filter(pk=rnd.pk).update(deadline=just_due)
    assert rounds.close_overdue() == 0
    Round.objects.filter(pk=rnd.pk).update(deadline=just_due - dt.timedelta(seconds=rounds.CLOSE_GRACE_SECONDS))
    assert rounds.close_overdue() == 1
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.CLOSED


def test_a_close_for_the_deadline_does_nothing_when_an_extension_moved_it_meanwhile(make_session, join, instructor):
    session = make_session(fill_with_bots=False)
    join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    Round.objects.filter(pk=rnd.pk).update(deadline=timezone.now() - dt.timedelta(seconds=5))
    seen_due = timezone.now()  # the sweeper read the round as due, then the instructor extended it
    rounds.round_extend(session=session, user=instructor, seconds=60)
    assert rounds.round_close(round_id=rnd.id, actor="deadline", due_before=seen_due) is False
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.OPEN


def test_a_save_received_before_the_deadline_is_refused_once_the_instructor_has_closed_the_round(
        make_session, join, instructor):
    session = make_session(fill_with_bots=False)
    alice = join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    received = timezone.now()
    rounds.round_close_now(session=session, user=instructor)
    with pytest.raises(GameError) as refused:
        rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}}, received_at=received)
    assert refused.value.code == "round_not_open"
    assert not rnd.sheets.exists()


def test_a_save_is_judged_by_when_it_was_received_not_when_it_reached_the_database(make_session, join, instructor):
    session = make_session(fill_with_bots=False)
    alice = join(session, "Alice")
    rnd = rounds.round_open(session=session, user=instructor)
    Round.objects.filter(pk=rnd.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    in_time = timezone.now() - dt.timedelta(seconds=2)
    assert rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}}, received_at=in_time).version == 1
    with pytest.raises(GameError) as refused:
        rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}})
    assert refused.value.code == "round_not_open"
