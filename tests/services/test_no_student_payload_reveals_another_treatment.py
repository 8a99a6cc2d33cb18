"""Students see only their own province's rules: nothing a student (or the projector
everyone sees) receives names another treatment or carries its rules (DESIGN §8)."""

import json

import pytest

from game.models import Participant
from game.services import broadcast, rounds, sessions
from game.services.bots import bots_play
from game.services.broadcast import encode
from game.services.history import student_history
from game.services.selectors import instructor_snapshot, projector_snapshot, student_page_data, student_snapshot

pytestmark = pytest.mark.django_db(transaction=True)  # ids never reused: services cache by id

# Labels and presets that cannot occur by chance in a payload.
SPLIT = "GROWTHWORLD=growth_tournament:3;COOPWORLD=collaborative_contest:3"


@pytest.fixture
def pair(make_session, join, instructor):
    """Alice plays in a GROWTHWORLD province, Bob in a COOPWORLD one."""
    session = make_session(treatments=SPLIT)
    alice = join(session, "Alice")
    second = sessions.province_add(session=session, user=instructor)
    bob = sessions.participant_move(session=session, user=instructor, participant_id=join(session, "Bob").id,
                                    seat_id=second.seats.get(city_id="taiyuan").id)
    reload = Participant.objects.select_related("seat__province", "session").get
    alice, bob = reload(pk=alice.pk), reload(pk=bob.pk)
    assert (alice.seat.province.treatment, bob.seat.province.treatment) == ("GROWTHWORLD", "COOPWORLD")
    return session, alice, bob


def _leaks(payload, *, label, preset) -> list[str]:
    text = encode(payload)
    return [word for word in (label, preset, "treatment") if word in text]


def _play(session, instructor):
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)


def test_each_student_sees_only_their_own_rules_in_every_payload(pair, instructor, sent):
    session, alice, bob = pair
    rounds.round_open(session=session, user=instructor)
    for me, mine, other in ((alice, "growth_tournament", ("COOPWORLD", "collaborative_contest")),
                            (bob, "collaborative_contest", ("GROWTHWORLD", "growth_tournament"))):
        snapshot = student_snapshot(me)
        assert snapshot["round"]["rules"]["preset"] == mine
        assert set(snapshot["session"]["schedule"]) == {mine}
        page = student_page_data(me)
        assert {r["preset"] for r in page["rounds"]} == {mine}
        for payload in (snapshot, page, student_history(me)):
            assert _leaks(payload, label=other[0], preset=other[1]) == []
            assert me.seat.province.treatment not in encode(payload)  # not even their own label


def test_nothing_sent_to_a_province_or_the_projector_names_another_treatment(pair, instructor, sent):
    session, alice, bob = pair
    _play(session, instructor)
    rounds.rules_set(session=session, user=instructor, preset="implicit_coordination", treatment="COOPWORLD")
    rounds.round_open(session=session, user=instructor)
    assert sent, "the services told nobody anything: the check would prove nothing"
    alice_groups = {broadcast.province_group(alice.seat.province_id), broadcast.seat_group(alice.seat_id),
                    broadcast.participant_group(alice.id)}
    bob_groups = {broadcast.province_group(bob.seat.province_id), broadcast.seat_group(bob.seat_id),
                  broadcast.participant_group(bob.id)}
    for group, message in sent:
        if group in alice_groups:
            assert _leaks(message, label="COOPWORLD", preset="collaborative_contest") == [], message["type"]
            assert "implicit_coordination" not in encode(message)
        if group in bob_groups:
            assert _leaks(message, label="GROWTHWORLD", preset="growth_tournament") == [], message["type"]
        if group == broadcast.projector_group(session.id):
            for word in ("GROWTHWORLD", "COOPWORLD", "growth_tournament", "collaborative_contest",
                         "implicit_coordination"):
                assert word not in encode(message), (message["type"], word)


def test_the_projector_names_no_treatment_until_revealed_and_the_instructor_sees_all(pair, instructor):
    session, alice, bob = pair
    _play(session, instructor)
    projector = json.loads(encode(projector_snapshot(session)))
    text = json.dumps(projector)
    assert "GROWTHWORLD" not in text and "collaborative_contest" not in text and "growth_tournament" not in text
    assert projector["round"]["rules"]["name"]["en"] == "Each province plays its own rules"
    assert all(p["offer"] is None and p["last_result"] is None for p in projector["provinces"])  # results hidden
    panel = instructor_snapshot(session)
    assert panel["treatments"]["provinces"] == {str(alice.seat.province_id): "GROWTHWORLD",
                                                str(bob.seat.province_id): "COOPWORLD"}
    assert {p["round"]["rules"]["preset"] for p in panel["provinces"]} == {"growth_tournament",
                                                                           "collaborative_contest"}
    assert set(panel["next_round"]["treatments"]) == {"GROWTHWORLD", "COOPWORLD"}
