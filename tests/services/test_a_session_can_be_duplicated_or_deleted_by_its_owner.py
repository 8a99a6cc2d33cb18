"""Duplicate a session's settings for the next class; delete one only with a confirmation."""

import pytest

from game.models import Event, GameSession, Participant, Round
from game.services import housekeeping
from game.services.errors import GameError

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_duplicate_has_the_same_settings_and_nothing_else(make_session, join, instructor):
    session = make_session(schedule="growth_tournament:1,collaborative_contest:2", students_per_seat=2,
                           absent_rounds=3)
    join(session, "Alice")
    copy = housekeeping.session_duplicate(session=session, user=instructor)
    assert copy.pk != session.pk and copy.code != session.code and copy.status == GameSession.Status.LOBBY
    for field in ("scenario_id", "total_rounds", "round_seconds", "schedule", "students_per_seat",
                  "fill_with_bots", "bot_strategy", "auto_close", "max_provinces", "absent_rounds"):
        assert getattr(copy, field) == getattr(session, field), field
    assert session.title in copy.title
    assert not copy.participants.exists() and copy.rounds.count() == 1


def test_delete_needs_a_confirmation_and_then_removes_everything(make_session, join, instructor):
    session = make_session()
    join(session, "Alice")
    with pytest.raises(GameError):
        housekeeping.session_delete(session=session, user=instructor, confirm=False)
    assert GameSession.objects.filter(pk=session.pk).exists()
    housekeeping.session_delete(session=session, user=instructor, confirm=True)
    assert not GameSession.objects.filter(pk=session.pk).exists()
    assert not Participant.objects.filter(session_id=session.pk).exists()
    assert not Round.objects.filter(session_id=session.pk).exists()
    assert not Event.objects.filter(session_id=session.pk).exists()


def test_another_instructor_can_neither_duplicate_nor_delete(client, make_session, other_instructor):
    session = make_session()
    client.force_login(other_instructor)
    for name in ("duplicate", "delete"):
        assert client.post(f"/instructor/s/{session.id}/manage/{name}/", {"confirm": "yes"}).status_code == 404
    assert GameSession.objects.count() == 1


def test_the_dashboard_buttons_duplicate_and_delete(client, make_session, instructor):
    session = make_session()
    client.force_login(instructor)
    copied = client.post(f"/instructor/s/{session.id}/manage/duplicate/")
    assert copied.status_code == 302 and "/instructor/s/" in copied["Location"]
    refused = client.post(f"/instructor/s/{session.id}/manage/delete/", {"confirm": ""})
    assert refused.status_code == 302 and GameSession.objects.filter(pk=session.pk).exists()
    deleted = client.post(f"/instructor/s/{session.id}/manage/delete/", {"confirm": "yes"})
    assert deleted.status_code == 302 and not GameSession.objects.filter(pk=session.pk).exists()
    assert GameSession.objects.count() == 1


def test_the_admin_lists_sessions_rounds_sheets_and_results_read_only(client, make_session, instructor):
    instructor.is_staff = instructor.is_superuser = True
    instructor.save()
    make_session()
    client.force_login(instructor)
    for model in ("gamesession", "round", "sheet", "provinceresult", "seatresult"):
        assert client.get(f"/admin/game/{model}/").status_code == 200, model
        assert client.get(f"/admin/game/{model}/add/").status_code == 403, model
    session = GameSession.objects.first()
    page = client.get(f"/admin/game/gamesession/{session.id}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
