"""Every channel-layer call lives here. Messages are sent after the transaction that
caused them commits, serialised once, and relayed verbatim by the consumers.

Groups: instructor-<session>, projector-<session>, province-<province>, seat-<seat>.
The channel layer is at-most-once; clients heal from the snapshot they get on connect.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

logger = logging.getLogger(__name__)


def instructor_group(session_id: int) -> str:
    return f"instructor-{session_id}"


def projector_group(session_id: int) -> str:
    return f"projector-{session_id}"


def province_group(province_id: int) -> str:
    return f"province-{province_id}"


def seat_group(seat_id: int) -> str:
    return f"seat-{seat_id}"


def participant_group(participant_id: int) -> str:
    return f"participant-{participant_id}"


def encode(payload: dict[str, Any]) -> str:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


# In a Celery worker there is no event loop: async_to_sync starts one per call, and
# channels-redis keeps its Redis connections per loop, so every broadcast paid for a new
# connection (~25 ms of a ranking). Workers therefore send from one long-lived loop of
# their own (use_sender_loop, called at worker start). Under the ASGI server,
# async_to_sync already runs on the server's loop with warm connections.
# This holds a connection pool, not game state; each forked worker starts its own.
_sender: tuple[asyncio.AbstractEventLoop, threading.Thread] | None = None
_sender_lock = threading.Lock()
_use_sender = False

# Under the ASGI server, services run in database threads while the server's loop relays
# messages. async_to_sync parks the calling thread until the loop has sent the broadcast:
# with 300 saves in 2 s, the few database threads all sat waiting for a loop busy relaying
# and every acknowledgement queued behind them. The first socket records the server's
# loop, and broadcasts from threads are handed to it without waiting (still after commit).
_server_loop: asyncio.AbstractEventLoop | None = None


def remember_server_loop() -> None:
    """Called by consumers, on the server's event loop."""
    global _server_loop
    _server_loop = asyncio.get_running_loop()


def _log_failure(future: Future) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("broadcast failed", exc_info=future.exception())


def use_sender_loop() -> None:
    global _use_sender
    _use_sender = True


def _run(make_coroutine: Callable[[], Coroutine[Any, Any, Any]]) -> None:
    global _sender
    loop = _server_loop
    if loop is not None and loop.is_running() and not _on_loop(loop):
        asyncio.run_coroutine_threadsafe(make_coroutine(), loop).add_done_callback(_log_failure)
        return
    if not _use_sender:
        async_to_sync(make_coroutine)()
        return
    with _sender_lock:
        if _sender is None or not _sender[1].is_alive():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="channel-sender", daemon=True)
            thread.start()
            _sender = (loop, thread)
        loop = _sender[0]
    asyncio.run_coroutine_threadsafe(make_coroutine(), loop).result(timeout=30)


def _on_loop(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def splice(payload: dict[str, Any], key: str, encoded: list[str]) -> str:
    """encode({**payload, key: [...]}) where the list's items are already encoded: the
    projector and panel get every province's view, which the students' messages have
    just encoded; encoding 28 of them again cost the worker ~10 ms while students waited."""
    head = encode(payload)
    return f'{head[:-1]}{"," if len(head) > 2 else ""}{encode(key)}:[{",".join(encoded)}]}}'


def typed(kind: str, encoded: str) -> str:
    """An encoded payload with its message type put first: {"type": kind, **payload}."""
    return f'{{"type":{encode(kind)}{"," if len(encoded) > 2 else ""}{encoded[1:]}'


def send_many_now(messages: list[tuple[str, dict[str, Any]]]) -> None:
    """Encode each payload once and send them all concurrently."""
    send_encoded_now([(group, encode(payload)) for group, payload in messages])


def send_encoded_now(encoded: list[tuple[str, str]]) -> None:
    layer = get_channel_layer()
    if layer is None or not encoded:
        return

    async def _send() -> None:
        await asyncio.gather(*(layer.group_send(g, {"type": "relay", "text": t}) for g, t in encoded))

    _run(_send)


def send_control_on_commit(group: str, action: str) -> None:
    """Ask the sockets in a group to close so their clients reconnect (and re-join the
    right groups, or learn they were removed)."""

    def _send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async def _control() -> None:
                await layer.group_send(group, {"type": "control", "action": action})

            _run(_control)

    transaction.on_commit(_send)
