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
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import Future, wait
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
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


def _log_failure(future: Future | asyncio.Future) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("broadcast failed", exc_info=future.exception())


# What could not be done after a commit (Redis down: a broadcast, a task to enqueue), for
# the code that asked for the change to say so (delivery_report). Per call, not per
# process: a context variable, reset when the block ends.
_report: ContextVar[tuple[list[str], list[Future]] | None] = ContextVar("undelivered", default=None)
REPORT_WAIT_SECONDS = 3.0


@contextmanager
def delivery_report() -> Iterator[list[str]]:
    """Collects, while the block runs, what after-commit work failed (its `what`): the
    list is complete when the block ends. Broadcasts handed to the server's loop are
    waited for (at most REPORT_WAIT_SECONDS); one not sent by then counts as failed."""
    failed: list[str] = []
    pending: list[Future] = []
    token = _report.set((failed, pending))
    try:
        yield failed
    finally:
        _report.reset(token)
        if pending:
            done, not_done = wait(pending, timeout=REPORT_WAIT_SECONDS)
            if not_done or any(f.cancelled() or f.exception() is not None for f in done):
                failed.append("live update")


def on_commit(callback: Callable[[], None], what: str) -> None:
    """transaction.on_commit for every after-commit step (broadcasts, tasks to enqueue).
    Robust: a step that fails (Redis down) is logged and noted in the current
    delivery_report, and never keeps the steps after it from running; the sweeper
    redoes what matters (game.services.sweeper)."""

    def run() -> None:
        try:
            callback()
        except Exception:
            report = _report.get()
            if report is not None:
                report[0].append(what)
            raise

    transaction.on_commit(run, robust=True)


def use_sender_loop() -> None:
    global _use_sender
    _use_sender = True


def _run(make_coroutine: Callable[[], Coroutine[Any, Any, Any]]) -> None:
    loop = _server_loop
    if loop is not None and loop.is_running() and not _on_loop(loop):
        future = asyncio.run_coroutine_threadsafe(make_coroutine(), loop)
        future.add_done_callback(_log_failure)
        report = _report.get()
        if report is not None:
            report[1].append(future)
        return
    if not _use_sender:
        async_to_sync(make_coroutine)()
        return
    asyncio.run_coroutine_threadsafe(make_coroutine(), _sender_loop()).result(timeout=30)


def _sender_loop() -> asyncio.AbstractEventLoop:
    global _sender
    with _sender_lock:
        if _sender is None or not _sender[1].is_alive():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="channel-sender", daemon=True)
            thread.start()
            _sender = (loop, thread)
        return _sender[0]


def _sending_loop() -> asyncio.AbstractEventLoop | None:
    """The long-lived loop this process sends from: the server's, or a worker's sender loop."""
    loop = _server_loop
    if loop is not None and loop.is_running():
        return loop
    return _sender_loop() if _use_sender else None


def send_later(delay: float, collect: Callable[[], list[tuple[str, str]]]) -> asyncio.AbstractEventLoop | None:
    """In `delay` seconds, send the encoded (group, text) pairs `collect()` returns then,
    from this process's sending loop, which is returned; the caller's thread does not wait.
    None when this process has no such loop (a test, a management command): the caller
    sends at once."""
    loop = _sending_loop()
    if loop is None:
        return None

    def fire() -> None:
        encoded = collect()
        layer = get_channel_layer()
        if layer is not None and encoded:
            loop.create_task(_relay_all(layer, encoded)).add_done_callback(_log_failure)

    try:
        loop.call_soon_threadsafe(loop.call_later, delay, fire)
    except RuntimeError:  # the loop closed meanwhile
        return None
    return loop


async def _relay_all(layer: Any, encoded: list[tuple[str, str]]) -> None:
    await asyncio.gather(*(layer.group_send(g, {"type": "relay", "text": t}) for g, t in encoded))


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
        await _relay_all(layer, encoded)

    _run(_send)


def _marker_client():
    """The channel layer's Redis, for the sweeper's small markers (not messages)."""
    import redis

    config = settings.CHANNEL_LAYERS["default"]["CONFIG"]
    host = config["hosts"][0]
    url = host if isinstance(host, str) else host["address"]
    return redis.Redis.from_url(url, socket_timeout=5), config.get("prefix", "asgi")


def announced(round_id: int) -> str | None:
    """The state of a round last confirmed to every screen by the sweeper, if Redis still
    remembers it (a restarted Redis does not: the sweeper then announces again)."""
    client, prefix = _marker_client()
    value = client.get(f"{prefix}:announced:{round_id}")
    return value.decode() if value is not None else None


def mark_announced(round_id: int, state: str, ttl_seconds: int = 6 * 3600) -> None:
    client, prefix = _marker_client()
    client.set(f"{prefix}:announced:{round_id}", state, ex=ttl_seconds)


def send_control_on_commit(group: str, action: str) -> None:
    """Ask the sockets in a group to close so their clients reconnect (and re-join the
    right groups, or learn they were removed)."""

    def _send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async def _control() -> None:
                await layer.group_send(group, {"type": "control", "action": action})

            _run(_control)

    on_commit(_send, "reconnect request")
