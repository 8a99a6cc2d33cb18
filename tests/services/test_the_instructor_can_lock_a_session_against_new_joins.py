"""The instructor can lock a session against new joins: a would-be joiner is refused with a
translated message, a returning student (name + return code) still gets back in, the
panel and projector snapshots say so, and every change is logged. Unlocking reopens it."""

import json

import pytest
from django.utils import translation

from game.models import Event, Participant
from game.services import selectors
from game.services.errors import GameError
from game.services.sessions import participant_join, session_end, session_lock, session_unlock

pytestmark = pytest.mark.django_db


def test_a_locked_session_refuses_new_students_with_a_clear_message(make_session, instructor):
    session = make_session()
    session_lock(session=session, user=instructor)
    with translation.override("en"), pytest.raises(GameError) as refused:
        participant_join(code=session.code, display_name="Late")
    assert refused.value.code == "locked" and "closed this game to new players" in refused.value.message
    with translation.override("zh-hans"), pytest.raises(GameError) as chinese:
        participant_join(code=session.code, display_name="Late")
    assert "停止本局游戏接收新玩家" in chinese.value.message
    assert not Participant.objects.filter(session=session).exists()
    assert Event.objects.filter(session=session, kind="session_locked", actor="instructor").count() == 1


def test_a_returning_student_still_gets_back_into_a_locked_session(make_session, instructor):
    session = make_session()
    ann = participant_join(code=session.code, display_name="Ann")
    session_lock(session=session, user=instructor)
    again = participant_join(code=session.code, display_name="ann", return_code=ann.return_code)
    assert again.id == ann.id
    with pytest.raises(GameError) as wrong:
        participant_join(code=session.code, display_name="Ann", return_code="WRONG1")
    assert wrong.value.code == "bad_return_code"


def test_unlocking_lets_new_students_in_again_and_is_logged(make_session, instructor):
    session = make_session()
    session_lock(session=session, user=instructor)
    session_lock(session=session, user=instructor)  # twice: one change, one event
    session_unlock(session=session, user=instructor)
    assert participant_join(code=session.code, display_name="Bob").display_name == "Bob"
    kinds = list(Event.objects.filter(session=session, kind__startswith="session_").exclude(
        kind="session_created").values_list("kind", flat=True).order_by("id"))
    assert kinds == ["session_locked", "session_unlocked"]


def test_only_the_owner_can_lock_and_an_ended_session_cannot_be(make_session, other_instructor, instructor):
    session = make_session()
    with pytest.raises(GameError) as forbidden:
        session_lock(session=session, user=other_instructor)
    assert forbidden.value.code == "forbidden"
    session_end(session=session, user=instructor)
    with pytest.raises(GameError) as ended:
        session_lock(session=session, user=instructor)
    assert ended.value.code == "ended"


def test_the_panel_button_locks_and_every_screen_is_told(client, make_session, instructor):
    session = make_session()
    client.force_login(instructor)
    answer = client.post(f"/instructor/s/{session.id}/do/lock/", HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and answer.json() == {"type": "ok", "action": "lock"}
    session.refresh_from_db()
    assert selectors.projector_snapshot(session)["session"]["joining_locked"] is True
    assert selectors.instructor_snapshot(session)["session"]["joining_locked"] is True
    projector = client.get(f"/instructor/s/{session.id}/projector/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Joining is closed" in projector and 'id="lobby-locked" hidden' not in projector
    panel = client.get(f"/instructor/s/{session.id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Joining is locked" in panel
    client.logout()
    page = client.post("/", {"code": session.code, "name": "Late"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400 and "closed this game to new players" in page.content.decode()
    json.dumps(selectors.projector_snapshot(session))  # the snapshot stays JSON
