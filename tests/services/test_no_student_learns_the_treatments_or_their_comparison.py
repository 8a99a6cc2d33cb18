"""Students see only their own province (issue #13 item 3): no message to a province, seat
or student, and no student page, carries the comparison of treatments or any province's
treatment — while the projector and the panel do get the comparison (so this can fail)."""

import json

import pytest

from game.models import GameSession
from game.services import broadcast, rounds, selectors
from game.services.bots import bots_play
from game.services.history import student_history
from game.services.treatment_reveal import treatments_reveal
from tests.services.comparison_setup import split

pytestmark = pytest.mark.django_db(transaction=True)

SECRET_KEYS = {"comparison", "treatment", "treatments", "treatments_revealed"}


@pytest.fixture
def sent(monkeypatch):
    messages: list[tuple[str, dict]] = []

    def encoded(items):
        messages.extend((group, json.loads(text)) for group, text in items)

    def many(items):
        messages.extend((group, json.loads(broadcast.encode(payload))) for group, payload in items)

    monkeypatch.setattr(broadcast, "send_encoded_now", encoded)
    monkeypatch.setattr(broadcast, "send_many_now", many)
    return messages


def keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


@pytest.fixture
def played(make_session, join, instructor, sent):
    session = make_session(total_rounds=2, schedule="growth_tournament:2")
    alice = join(session, "Alice")  # province 1
    alice.seat.province.treatment = "A"
    alice.seat.province.save(update_fields=["treatment"])
    split(session, instructor, ["B", "A", "B", "A", "B"], rounds=2)
    session = GameSession.objects.get(pk=session.pk)
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}, "contributions": {}})
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    treatments_reveal(session=session, user=instructor)
    alice.refresh_from_db()
    return session, alice


def test_no_message_to_students_carries_the_comparison_or_a_treatment(played, sent):
    screens = [m for group, m in sent if group.startswith(("projector-", "instructor-"))]
    assert any(m.get("comparison") and m["comparison"]["rounds"] for m in screens)  # it was sent, to them
    students = [(group, m) for group, m in sent if group.startswith(("province-", "seat-", "participant-"))]
    assert students, "the scoring reached the students"
    for group, message in students:
        assert not keys(message) & SECRET_KEYS, (group, message.get("type"))


def test_a_students_snapshot_page_data_and_history_carry_no_treatment(played):
    _session, alice = played
    for data in (selectors.student_snapshot(alice), selectors.student_page_data(alice), student_history(alice)):
        assert not keys(json.loads(broadcast.encode(data))) & SECRET_KEYS


def test_the_students_page_names_no_treatment_and_no_comparison(played, client):
    session, alice = played
    client.post("/", {"code": session.code, "name": "Bob"})  # a second student, seated by joining
    page = client.get(f"/play/{session.code}/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in ('"comparison"', '"treatment"', "treatments_revealed", "compare.js", "Two worlds", "两个世界"):
        assert text not in html
    for path in (f"/instructor/s/{session.id}/debrief/", f"/instructor/s/{session.id}/projector/debrief/",
                 f"/instructor/s/{session.id}/projector/"):
        assert client.get(path).status_code == 302  # to the login page
