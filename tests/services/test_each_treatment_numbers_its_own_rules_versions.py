"""Issue #13 item 3: rules versions are numbered across the whole session, so a student of
the second treatment would see version 2 in round 1, and a jump in their numbers would
tell of an edit to the other treatment. Students are told their own treatment's count."""

import json

import pytest

from game.models import Participant
from game.services import broadcast, rounds, sessions
from game.services.bots import bots_play
from game.services.history import student_history
from game.services.selectors import student_page_data, student_snapshot
from tests.services.treatment_setup import two_worlds  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bob(two_worlds, join, instructor):  # noqa: F811
    """A student in province 2, which plays COOP, the second treatment."""
    province = two_worlds.provinces.get(number=2)
    moved = sessions.participant_move(session=two_worlds, user=instructor, participant_id=join(two_worlds, "Bob").id,
                                      seat_id=province.seats.get(city_id="taiyuan").id)
    bob = Participant.objects.select_related("seat__province", "session").get(pk=moved.pk)
    assert bob.seat.province.treatment == "COOP"
    return bob


def _score(session, instructor):
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)


def _seen(bob) -> str:
    """Everything Bob's screen holds, without the time stamps of when it was built."""
    bob = Participant.objects.select_related("seat__province", "session").get(pk=bob.pk)
    views = [student_snapshot(bob), student_page_data(bob), student_history(bob)]
    text = broadcast.encode(views)
    return json.dumps(_unstamped(json.loads(text)), sort_keys=True)


def _unstamped(value):
    if isinstance(value, dict):
        return {k: _unstamped(v) for k, v in value.items() if k not in ("server_time", "saved_at")}
    if isinstance(value, list):
        return [_unstamped(v) for v in value]
    return value


def test_a_student_of_the_second_treatment_sees_version_1_in_round_1(two_worlds, bob):  # noqa: F811
    first = two_worlds.rounds.get(number=1)
    assert first.rules.version == 1 and first.treatment_rules["COOP"] != first.rules_id  # stored: COOP's is 2
    assert student_snapshot(bob)["round"]["rules"]["version"] == 1
    assert student_page_data(bob)["rounds"][0]["version"] == 1


def test_a_rule_edit_to_the_other_treatment_changes_nothing_a_student_receives(two_worlds, bob, instructor,  # noqa: F811
                                                                               monkeypatch):
    _score(two_worlds, instructor)
    before = _seen(bob)
    assert json.loads(before)[0]["last_result"]["rules"]["version"] == 1
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(broadcast, "send_encoded_now", lambda items: sent.extend(items))
    monkeypatch.setattr(broadcast, "send_many_now",
                        lambda items: sent.extend((g, broadcast.encode(p)) for g, p in items))
    rounds.rules_set(session=two_worlds, user=instructor, preset="implicit_coordination", treatment="GROWTH")
    assert _seen(bob) == before
    mine = {broadcast.province_group(bob.seat.province_id), broadcast.seat_group(bob.seat_id),
            broadcast.participant_group(bob.id)}
    growth = broadcast.province_group(two_worlds.provinces.get(number=1).id)
    assert any(group == growth for group, _text in sent), "the edit reached GROWTH's provinces"
    assert [group for group, _text in sent if group in mine] == []
    rounds.rules_set(session=two_worlds, user=instructor, preset="implicit_coordination", treatment="COOP")
    page = student_page_data(Participant.objects.select_related("seat__province").get(pk=bob.pk))
    assert [r["version"] for r in page["rounds"][:2]] == [1, 2]  # their own second version
