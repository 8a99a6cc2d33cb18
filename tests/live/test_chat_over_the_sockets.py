"""The chat over real sockets and the real Redis channel layer: who receives what, the
replies to the sender, and refusals (students cannot moderate; bad input changes nothing)."""

import json

import pytest
from asgiref.sync import sync_to_async

from coordination.chat_models import ChatMessage
from tests.live.helpers import Client, student_cookie, user_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

PAIR = "pair:taiyuan|xinzhou"


@pytest.fixture
async def table(make_session, join, channel_layer):
    session = await sync_to_async(make_session)(fill_with_bots=False)
    people = [await sync_to_async(join)(session, name) for name in ("Alice", "Bob", "Carol")]
    return session, people


async def student(participant):
    client = Client(f"/ws/play/{participant.session.code}/", await student_cookie(participant))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    state = await client.receive_type("chat.state")
    return client, state


async def teacher(session, user, path="instructor"):
    client = Client(f"/ws/{path}/{session.id}/", await user_cookie(user))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    return client


async def message_saying(client, text):
    """The next chat.message with this text (earlier ones, e.g. one's own echo, are skipped)."""
    while True:
        message = (await client.receive_type("chat.message"))["message"]
        if message["text"] == text:
            return message


async def test_province_and_private_messages_reach_exactly_their_readers(table, instructor):
    session, (alice, bob, carol) = table
    (a, a_state), (b, _), (c, _) = [await student(p) for p in (alice, bob, carol)]
    panel = await teacher(session, instructor)
    assert await panel.receive_type("chat.state")
    assert [ch["key"] for ch in a_state["channels"]][:2] == ["province", PAIR]

    await a.send({"type": "chat.post", "channel": "province", "text": "hello all", "request_id": "c1"})
    posted = await a.receive_type("chat.posted")
    assert posted["request_id"] == "c1" and posted["message"]["text"] == "hello all"
    assert (await b.receive_type("chat.message"))["message"]["name"] == "Alice"
    assert (await c.receive_type("chat.message"))["message"]["text"] == "hello all"
    assert (await panel.receive_type("chat.message"))["message"]["channel"] == "province"

    await b.send({"type": "chat.post", "channel": PAIR, "text": "just us", "request_id": "c2"})
    assert (await message_saying(a, "just us"))["channel"] == PAIR
    assert (await message_saying(panel, "just us"))["channel"] == PAIR
    await b.receive_type("chat.posted")
    assert "just us" not in json.dumps(await c.drain(0.5))  # Carol: not the message, not a count

    for client in (a, b, c, panel):
        await client.close()


async def test_students_cannot_moderate_or_read_other_pairs_and_bad_input_changes_nothing(table):
    session, (alice, bob, carol) = table
    c, _ = await student(carol)
    await c.send({"type": "chat.post", "channel": PAIR, "text": "let me in", "request_id": "x1"})
    assert (await c.receive_type("error"))["code"] == "unknown_channel"
    await c.send({"type": "chat.history", "channel": PAIR, "request_id": "x2"})
    assert (await c.receive_type("error"))["code"] == "unknown_channel"
    for kind in ("chat.hide", "announcement.post"):
        await c.send({"type": kind, "id": 1, "text": "I am the province", "request_id": kind})
        refused = await c.receive_type("error")
        assert refused["code"] == "unknown_type" and refused["request_id"] == kind
    for text, code in ((["a list"], "bad_text"), ("", "empty"), ("x" * 501, "too_long")):
        await c.send({"type": "chat.post", "channel": "province", "text": text, "request_id": code})
        refused = await c.receive_type("error")
        assert (refused["code"], refused["request_id"]) == (code, code) and refused["message"]
    for i in range(5):
        await c.send({"type": "chat.post", "channel": "province", "text": f"m{i}", "request_id": f"f{i}"})
        await c.receive_type("chat.posted")
    await c.send({"type": "chat.post", "channel": "province", "text": "one too many", "request_id": "f5"})
    assert (await c.receive_type("error"))["code"] == "too_fast"
    assert await sync_to_async(ChatMessage.objects.count)() == 5
    await c.close()


async def test_the_instructor_hides_posts_as_the_province_and_announces_live(table, instructor):
    session, (alice, bob, carol) = table
    (a, _), (b, _) = [await student(p) for p in (alice, bob)]
    panel = await teacher(session, instructor)
    projector = await teacher(session, instructor, "projector")
    assert (await projector.receive_type("announcements"))["announcements"] == []
    await a.send({"type": "chat.post", "channel": PAIR, "text": "oops", "request_id": "c1"})
    message = (await b.receive_type("chat.message"))["message"]

    await panel.send({"type": "chat.hide", "province": message["province"], "channel": PAIR, "id": message["id"],
                      "request_id": 9})
    assert (await panel.receive_type("chat.hide.done"))["request_id"] == 9
    assert (await b.receive_type("chat.hidden"))["id"] == message["id"]
    assert (await b.receive_type("chat.unread"))["unread"] == 0
    await panel.send({"type": "chat.history", "province": message["province"], "channel": PAIR})
    record = await panel.receive_type("chat.history")
    assert [(m["text"], m["hidden"]) for m in record["messages"]] == [("oops", True)]

    await panel.send({"type": "chat.post", "province": message["province"], "channel": "province",
                      "text": "Keep it civil."})
    line = await message_saying(a, "Keep it civil.")
    assert line["as_province"] is True and line["name"] == ""

    await panel.send({"type": "announcement.post", "province": None, "text": "Two minutes left."})
    for client in (a, b):
        banner = await client.receive_type("announcement")
        assert banner["announcement"]["text"] == "Two minutes left." and banner["message"]["kind"] == "announcement"
    assert (await projector.receive_type("announcement"))["announcement"]["text"] == "Two minutes left."
    for client in (a, b, panel, projector):
        await client.close()
