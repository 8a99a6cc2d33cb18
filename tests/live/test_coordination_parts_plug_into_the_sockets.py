"""coordination.sockets: a part's message types reach its handler with the socket's own
identity, its errors become `error` replies, and its state follows every snapshot."""

import types

import pytest
from asgiref.sync import sync_to_async

from coordination import sockets
from game.services.errors import GameError
from tests.live.helpers import Client, student_cookie, user_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def _echo(**kwargs):
    message = kwargs.pop("message")
    if message.get("fail"):
        raise GameError("nope", "refused")
    return {"type": "part.echo", "got": message.get("text"),
            **{k: (v.username if k == "user" else v) for k, v in kwargs.items()}}


@pytest.fixture
def part(monkeypatch):
    fake = types.SimpleNamespace(
        STUDENT={"part.say": _echo},
        INSTRUCTOR={"part.say": _echo},
        student_state=lambda participant_id: {"type": "part.state", "participant": participant_id},
        instructor_state=lambda session_id: {"type": "part.state", "session": session_id, "audience": "instructor"},
        projector_state=lambda session_id: {"type": "part.state", "session": session_id, "audience": "projector"},
    )
    monkeypatch.setattr(sockets, "_parts", lambda: (fake,))
    return fake


@pytest.fixture
async def alice(make_session, join, channel_layer):
    session = await sync_to_async(make_session)()
    return await sync_to_async(join)(session, "Alice")


async def test_a_student_message_reaches_the_part_with_the_sockets_identity(part, alice):
    client = Client(f"/ws/play/{alice.session.code}/", await student_cookie(alice))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    assert await client.receive() == {"type": "part.state", "participant": alice.id}
    # an identity in the message is ignored: the socket's own is used
    await client.send({"type": "part.say", "text": "hi", "participant_id": 999, "request_id": "r1"})
    assert await client.receive_type("part.echo") == {
        "type": "part.echo", "got": "hi", "participant_id": alice.id, "request_id": "r1"}
    await client.send({"type": "part.say", "fail": True, "request_id": "r2"})
    error = await client.receive_type("error")
    assert error["code"] == "nope" and error["request_id"] == "r2"
    await client.send({"type": "snapshot"})
    await client.receive_type("snapshot")
    assert (await client.receive())["type"] == "part.state"
    await client.close()


async def test_the_instructor_socket_passes_its_session_and_user(part, alice, instructor):
    session_id = alice.session_id
    client = Client(f"/ws/instructor/{session_id}/", await user_cookie(instructor))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    assert await client.receive() == {"type": "part.state", "session": session_id, "audience": "instructor"}
    await client.send({"type": "part.say", "text": "all", "request_id": 7})
    assert await client.receive_type("part.echo") == {
        "type": "part.echo", "got": "all", "session_id": session_id, "user": "instructor", "request_id": 7}
    await client.close()


async def test_the_projector_gets_the_parts_public_state_but_sends_nothing(part, alice, instructor):
    client = Client(f"/ws/projector/{alice.session_id}/", await user_cookie(instructor))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    assert (await client.receive())["audience"] == "projector"
    await client.send({"type": "part.say", "text": "x"})
    assert (await client.receive_type("error"))["code"] == "unknown_type"
    await client.close()
