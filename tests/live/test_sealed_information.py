"""Nothing private reaches a socket that may not see it (DESIGN §8)."""

import pytest
from asgiref.sync import sync_to_async

from game.services import rounds
from tests.live.helpers import Client, student_cookie, user_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

SECRET_BID = 13  # a bid value no other number in the payloads happens to equal is not needed:
# the checks below look at sheet-shaped data, not at bare numbers.


async def student(participant):
    client = Client(f"/ws/play/{participant.session.code}/", await student_cookie(participant))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    return client


@pytest.fixture
async def two_seats(make_session, join, instructor, channel_layer):
    session = await sync_to_async(make_session)(students_per_seat=2, bot_strategy="fair_share")
    alice = await sync_to_async(join)(session, "Alice")
    bob = await sync_to_async(join)(session, "Bob")
    await sync_to_async(rounds.round_open)(session=session, user=instructor)
    return session, alice, bob


def _sheets_in(messages, seat_id):
    """Every place a message carries the sheet contents of `seat_id`."""
    found = []
    for m in messages:
        if m.get("type") == "sheet" and m.get("seat") == seat_id:
            found.append(m)
        me = m.get("me") or {}
        if me.get("seat") == seat_id and me.get("sheet"):
            found.append(m)
        if "sheets" in m and str(seat_id) in m["sheets"]:
            found.append(m)
        if m.get("type") == "sheets" and any(s["seat"] == seat_id for s in m["sheets"]):
            found.append(m)
    return found


async def test_another_city_sees_that_a_sheet_was_saved_but_never_its_contents(two_seats, instructor):
    session, alice, bob = two_seats
    alice_socket, bob_socket = await student(alice), await student(bob)
    projector = Client(f"/ws/projector/{session.id}/", await user_cookie(instructor))
    assert (await projector.connect())[0]
    await projector.receive_type("snapshot")
    await alice_socket.send({"type": "sheet.save", "round": 1, "sheet": {"bids": {"r1-nev": SECRET_BID}}})
    await alice_socket.receive_type("saved")
    submitted = await bob_socket.receive_type("submitted")
    assert submitted["seats"] == [alice.seat_id]
    await bob_socket.send({"type": "snapshot"})
    await bob_socket.receive_type("snapshot")
    await projector.receive_type("submitted")
    await projector.drain()
    await bob_socket.drain()
    assert _sheets_in(bob_socket.seen, alice.seat_id) == []
    assert _sheets_in(projector.seen, alice.seat_id) == []
    assert all("r1-nev\":13" not in raw for raw in bob_socket.raw + projector.raw)
    for c in (alice_socket, bob_socket, projector):
        await c.close()


async def test_a_teammate_sharing_the_seat_gets_the_sheet_live(make_session, join, instructor, channel_layer):
    session = await sync_to_async(make_session)(students_per_seat=2)
    first = await sync_to_async(join)(session, "Ann")
    # fill the other four cities so the next student shares Ann's seat
    for name in ("B", "C", "D", "E"):
        await sync_to_async(join)(session, name)
    mate = await sync_to_async(join)(session, "Mate")
    assert mate.seat_id == first.seat_id
    await sync_to_async(rounds.round_open)(session=session, user=instructor)
    ann, partner = await student(first), await student(mate)
    await ann.send({"type": "sheet.save", "round": 1, "sheet": {"bids": {"r1-nev": 12}}})
    got = await partner.receive_type("sheet")
    assert got["data"]["bids"] == {"r1-nev": 12} and got["saved_by"] == "Ann"
    await ann.close()
    await partner.close()


async def test_losing_bids_stay_sealed_after_scoring_unless_the_rules_reveal_them(two_seats, instructor):
    session, alice, bob = two_seats  # round 1 runs the growth tournament: losing bids stay sealed
    rnd = await sync_to_async(lambda: session.rounds.get(number=1))()
    await sync_to_async(rounds.sheet_save)(participant=alice, round_number=1, data={"bids": {"r1-nev": 30}})
    await sync_to_async(rounds.sheet_save)(participant=bob, round_number=1, data={"bids": {"r1-nev": 29}})
    bob_socket = await student(bob)
    await sync_to_async(rounds.round_close)(round_id=rnd.id, actor="test")
    await sync_to_async(rounds.round_score)(round_id=rnd.id)
    await bob_socket.send({"type": "snapshot"})
    snap = await bob_socket.receive_type("snapshot")
    nev = next(p for p in snap["last_result"]["industrial"] if p["project_id"] == "r1-nev")
    assert nev["winner"] == alice.seat.city_id and nev["winning_bid"] == 30
    assert nev["bids"] == {alice.seat.city_id: 30}  # Bob's own losing bid is not broadcast either
    from game.services.selectors import expand_tables

    outcomes = expand_tables(snap["last_result"]["cities"])
    bob_public = next(c for c in outcomes if c["city_id"] == bob.seat.city_id)
    assert "bids_placed" not in bob_public  # the sum of his bids would reveal the losing 29
    assert all(c["inflation_pct"] is None and "collaboration_actual" not in c for c in outcomes if not c["caught"])
    for message in bob_socket.seen:
        for result in [message.get("last_result")] if message.get("last_result") else []:
            for p in result["industrial"]:
                assert len(p["bids"]) <= 1
    await bob_socket.close()


async def test_a_student_cannot_open_the_instructor_or_projector_socket(two_seats):
    session, alice, _ = two_seats
    for path in (f"/ws/instructor/{session.id}/", f"/ws/projector/{session.id}/"):
        client = Client(path, await student_cookie(alice))
        assert await client.refusal_code() == 4003


async def test_an_instructor_cannot_open_another_instructors_sockets(two_seats, other_instructor):
    session, _, _ = two_seats
    for path in (f"/ws/instructor/{session.id}/", f"/ws/projector/{session.id}/"):
        client = Client(path, await user_cookie(other_instructor))
        assert await client.refusal_code() == 4003


async def test_the_instructor_sees_every_sheet_live(two_seats, instructor):
    session, alice, _ = two_seats
    panel = Client(f"/ws/instructor/{session.id}/", await user_cookie(instructor))
    assert (await panel.connect())[0]
    await panel.receive_type("snapshot")
    await sync_to_async(rounds.sheet_save)(participant=alice, round_number=1, data={"bids": {"r1-nev": 14}})
    got = await panel.receive_type("sheets")
    assert [(s["seat"], s["data"]["bids"]) for s in got["sheets"]] == [(alice.seat_id, {"r1-nev": 14})]
    await panel.close()


async def test_a_moved_student_is_told_to_reconnect_and_a_removed_one_is_told_so(two_seats, instructor):
    session, alice, bob = two_seats
    from game.services import sessions

    socket = await student(alice)
    free = await sync_to_async(lambda: session.provinces.first().seats.filter(participants__isnull=True).first())()
    await sync_to_async(sessions.participant_move)(session=session, user=instructor, participant_id=alice.id,
                                                   seat_id=free.id)
    assert (await socket.receive_type("reconnect"))["type"] == "reconnect"
    socket2 = await student(bob)
    await sync_to_async(sessions.participant_remove)(session=session, user=instructor, participant_id=bob.id)
    assert (await socket2.receive_type("removed"))["type"] == "removed"
