"""Over the real channel layer: a rule change for one treatment reaches the sockets of its
students with the plain-language notice data (what changed), and the students of the
other treatment receive nothing at all."""

import pytest
from asgiref.sync import sync_to_async

from game.models import Participant
from game.services import rounds, sessions
from game.services.bots import bots_play
from tests.live.helpers import Client, student_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def _setup(make_session, join, instructor):
    session = make_session(treatments="A=growth_tournament:3;B=growth_tournament:3")
    alice = join(session, "Alice")
    second = sessions.province_add(session=session, user=instructor)
    bob = sessions.participant_move(session=session, user=instructor, participant_id=join(session, "Bob").id,
                                    seat_id=second.seats.get(city_id="taiyuan").id)
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    reload = Participant.objects.select_related("seat__province", "session").get
    return session, reload(pk=alice.pk), reload(pk=bob.pk)


async def test_a_preset_for_treatment_b_reaches_bob_and_not_alice(make_session, join, instructor, channel_layer):
    session, alice, bob = await sync_to_async(_setup)(make_session, join, instructor)
    assert (alice.seat.province.treatment, bob.seat.province.treatment) == ("A", "B")
    clients = {}
    for who in (alice, bob):
        client = Client(f"/ws/play/{session.code}/", await student_cookie(who))
        assert (await client.connect())[0]
        snapshot = await client.receive_type("snapshot")
        assert snapshot["round"]["number"] == 2 and snapshot["round"]["rules"]["changed"] is False
        await client.drain()
        clients[who.display_name] = client
    await sync_to_async(rounds.rules_set)(session=session, user=instructor, preset="collaborative_contest",
                                          treatment="B")
    told = await clients["Bob"].receive_type("province")
    rules = told["round"]["rules"]
    assert rules["preset"] == "collaborative_contest" and rules["changed"] is True and rules["changes"]
    assert rules["name"]["en"]  # the notice names the new rules in plain words
    assert await clients["Alice"].drain(seconds=1.0) == []
    for client in clients.values():
        await client.close()
