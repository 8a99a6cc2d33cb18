"""The student socket over the real Redis channel layer: snapshot, saves, refusals."""

import json

import pytest
from asgiref.sync import sync_to_async

from game.models import Sheet
from game.services import rounds
from tests.live.helpers import Client, student_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
async def game(make_session, join, instructor, channel_layer):
    session = await sync_to_async(make_session)(students_per_seat=2)
    alice = await sync_to_async(join)(session, "Alice")
    bob = await sync_to_async(join)(session, "Bob")
    await sync_to_async(rounds.round_open)(session=session, user=instructor)
    return session, alice, bob


async def connect(participant):
    client = Client(f"/ws/play/{participant.session.code}/", await student_cookie(participant))
    connected, _ = await client.connect()
    assert connected
    snapshot = await client.receive_type("snapshot")
    return client, snapshot


async def test_a_student_gets_a_snapshot_of_their_city_on_connect(game):
    session, alice, _ = game
    client, snapshot = await connect(alice)
    assert snapshot["me"]["city"] == alice.seat.city_id
    assert snapshot["round"]["status"] == "open"
    assert snapshot["offer"]["industrial"]
    json.loads(json.dumps(snapshot))
    await client.close()


async def test_a_browser_without_a_seat_is_refused(game):
    session, _, _ = game
    client = Client(f"/ws/play/{session.code}/")
    assert await client.refusal_code() == 4003


async def test_a_valid_sheet_is_committed_then_acknowledged(game):
    _, alice, _ = game
    client, snapshot = await connect(alice)
    project = snapshot["offer"]["industrial"][0]
    await client.send({"type": "sheet.save", "round": 1, "request_id": "r1",
                       "sheet": {"bids": {project["id"]: project["reserve"]}}})
    ack = await client.receive_type("saved")
    assert ack["request_id"] == "r1" and ack["version"] == 1
    saved = await sync_to_async(Sheet.objects.get)(seat_id=alice.seat_id)
    assert saved.data["bids"] == {project["id"]: project["reserve"]}
    await client.close()


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("not json", "bad_json"),
        ("[1, 2]", "bad_message"),
        ('{"no": "type"}', "bad_message"),
        ('{"type": "launch.missiles"}', "unknown_type"),
        ('{"type": "sheet.save", "round": "one", "sheet": {}}', "bad_message"),
        ('{"type": "sheet.save", "round": 7, "sheet": {}}', "round_not_open"),
        ('{"type": "sheet.save", "round": 1, "sheet": {"bids": {"x": "ten"}}}', "invalid_sheet"),
        ('{"type": "sheet.save", "round": 1, "sheet": {"bids": {"r1-nev": 100000}}}', "invalid_sheet"),
        ('{"type": "sheet.save", "round": 1, "sheet": {"contributions": {"nowhere": 1}}}', "invalid_sheet"),
        ('{"type": "sheet.save", "round": 1, "sheet": {"bids": {"r1-nev": -3}}}', "invalid_sheet"),
        ('{"type": "sheet.save", "round": 1, "sheet": "everything"}', "invalid_sheet"),
        ('{"type": "sheet.save", "round": 1, "sheet": {"inflation_pct": 20}}', "invalid_sheet"),
        ('{"type": "sheet.save", "round": 1, "sheet": {"bids": {}, "hack": 1}}', "invalid_sheet"),
        (json.dumps({"type": "sheet.save", "round": 1, "sheet": {"bids": {"p": 1}}, "pad": "x" * 20000}),
         "too_large"),
    ],
)
async def test_bad_messages_get_a_clear_error_and_change_nothing(game, message, code):
    _, alice, _ = game
    client, _ = await connect(alice)
    await client.send(message)
    error = await client.receive_type("error")
    assert error["code"] == code
    assert error["message"]
    assert not await sync_to_async(Sheet.objects.filter(seat_id=alice.seat_id).exists)()
    await client.close()


async def test_every_problem_of_a_refused_sheet_is_reported_and_the_saved_sheet_is_kept(game):
    _, alice, _ = game
    client, snapshot = await connect(alice)
    await client.send({"type": "sheet.save", "round": 1, "sheet": {"bids": {}}})
    await client.receive_type("saved")
    joint_not_mine = [p["id"] for p in snapshot["offer"]["joint"] if alice.seat.city_id not in p["members"]]
    bad = {"bids": {"nope": 1, "r1-nev": -1}, "contributions": {j: 5 for j in joint_not_mine}}
    await client.send({"type": "sheet.save", "round": 1, "sheet": bad})
    error = await client.receive_type("error")
    codes = {p["code"] for p in error["params"]["problems"]}
    assert {"unknown_project", "negative"} <= codes
    if joint_not_mine:
        assert "not_member" in codes
    saved = await sync_to_async(Sheet.objects.get)(seat_id=alice.seat_id)
    assert saved.data == {"bids": {}, "contributions": {}, "inflation_pct": 0} and saved.version == 1
    await client.close()


async def test_a_binary_frame_is_refused(game):
    _, alice, _ = game
    client, _ = await connect(alice)
    await client.comm.send_to(bytes_data=b"\x00\x01")
    assert (await client.receive_type("error"))["code"] == "bad_message"
    await client.close()


async def test_ping_and_snapshot_requests_are_answered(game):
    _, alice, _ = game
    client, _ = await connect(alice)
    await client.send({"type": "ping", "id": 3})
    assert (await client.receive_type("pong"))["id"] == 3
    await client.send({"type": "snapshot"})
    assert (await client.receive_type("snapshot"))["me"]["name"] == "Alice"
    await client.close()


async def test_an_idle_socket_stays_open_longer_than_five_seconds(game):
    # redis-py 8 dropped idle channel-layer reads after 5 s (STACK-NOTES): regression test.
    import asyncio

    _, alice, _ = game
    client, _ = await connect(alice)
    await asyncio.sleep(6.5)
    await client.send({"type": "ping", "id": 1})
    assert (await client.receive_type("pong", timeout=5))["id"] == 1
    await client.close()


async def test_errors_come_in_the_language_of_the_page(game):
    _, alice, _ = game
    from tests.live.helpers import student_cookie

    cookie = await student_cookie(alice)
    for language, expected in (("en", "That message is not valid JSON."), ("zh-hans", "不是有效的 JSON")):
        client = Client(f"/ws/play/{alice.session.code}/", cookie + f"; django_language={language}".encode())
        assert (await client.connect())[0]
        await client.receive_type("snapshot")
        await client.send("{oops")
        error = await client.receive_type("error")
        assert expected in error["message"], error
        await client.close()
