"""The ASGI server itself caps websocket frames (config.limits.MAX_FRAME_BYTES, enforced by
config/websocket.py whatever --ws-max-size says): a bigger frame is closed with 1009 by
uvicorn before the application reads it; a message between the consumer's cap and the
frame cap gets "too_large" and the socket stays open. Real uvicorn, real database."""

from __future__ import annotations

import asyncio
import json

import pytest
import websockets
from asgiref.sync import async_to_sync

from config.limits import MAX_FRAME_BYTES, MAX_MESSAGE_BYTES
from tests.live.helpers import student_cookie
from tests.live.servers import base_env, free_port, start_server, stop

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


@pytest.fixture
def server(_isolated_redis, tmp_path):
    from tests.live.worker import database_url

    port = free_port()
    # An explicit, larger --ws-max-size: the protocol's own cap must still win.
    process = start_server(base_env(DATABASE_URL=database_url(), REDIS_URL=_isolated_redis), port,
                           tmp_path / "server.log", extra=("--ws-max-size", str(16 * 1024 * 1024)))
    yield port, tmp_path / "server.log"
    stop(process)


async def _next_of(ws, kinds: set[str]) -> dict:
    """The next message of one of these types; live notices (presence, roster) may come between."""
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if message.get("type") in kinds:
            return message


async def _talk(port: int, code: str, cookie: bytes) -> tuple[dict, int | None]:
    url = f"ws://127.0.0.1:{port}/ws/play/{code}/"
    headers = {"Cookie": cookie.decode(), "Origin": "http://localhost"}
    async with websockets.connect(url, additional_headers=headers, max_size=None) as ws:
        assert json.loads(await ws.recv())["type"] == "snapshot"
        while json.loads(await ws.recv())["type"] != "chat.state":  # the coordination parts' states follow,
            pass                                                     # the chat's last
        await ws.send(json.dumps({"type": "x" * (MAX_MESSAGE_BYTES + 100)}))
        too_large = await _next_of(ws, {"error"})
        await ws.send(json.dumps({"type": "ping", "id": 1}))
        assert await _next_of(ws, {"pong", "error"}) == {"type": "pong", "id": 1}
        await ws.send("x" * (MAX_FRAME_BYTES + 1))
        try:
            await asyncio.wait_for(ws.recv(), 10)
        except websockets.ConnectionClosed as closed:
            return too_large, closed.rcvd.code if closed.rcvd else None
    return too_large, None


def test_a_frame_over_the_cap_is_closed_by_the_server_and_a_large_message_is_answered(server, make_session, join):
    port, log = server
    session = make_session()
    alice = join(session, "Alice")
    too_large, close_code = asyncio.run(_talk(port, session.code, async_to_sync(student_cookie)(alice)))
    assert too_large["type"] == "error" and too_large["code"] == "too_large"
    assert close_code == 1009  # "message too big", sent by the server, not a dropped connection
    assert "Traceback" not in log.read_text()
