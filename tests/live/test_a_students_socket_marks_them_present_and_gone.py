"""Over the real channel layer: opening the student socket makes them online, an idle
heartbeat idle, closing it gone; the instructor's panel is told by the sweep."""

import pytest
from asgiref.sync import sync_to_async

from game.services import presence
from tests.live.helpers import Client, student_cookie, user_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_the_panel_sees_a_student_arrive_go_idle_and_leave(make_session, join, instructor, channel_layer):
    session = await sync_to_async(make_session)()
    alice = await sync_to_async(join)(session, "Alice")
    panel = Client(f"/ws/instructor/{session.id}/", await user_cookie(instructor))
    assert (await panel.connect())[0]
    first = await panel.receive_type("snapshot")
    assert first["presence"]["participants"] == {str(alice.id): "gone"}

    student = Client(f"/ws/play/{session.code}/", await student_cookie(alice))
    assert (await student.connect())[0]
    await student.receive_type("snapshot")
    await sync_to_async(presence.presence_sweep)()
    seen = await panel.receive_type("presence")
    assert seen["participants"] == {str(alice.id): "online"} and seen["online"] == 1

    await student.send({"type": "ping", "idle": True})
    await student.receive_type("pong")
    await sync_to_async(presence.presence_sweep)()
    assert (await panel.receive_type("presence"))["participants"] == {str(alice.id): "idle"}

    await student.close()
    states = await sync_to_async(presence.presence_states)(session)
    assert states == {alice.id: "gone"}
    await panel.close()
