"""Every channel-layer call lives here. Messages are sent after the transaction that
caused them commits, serialised once, and relayed verbatim by the consumers.

Groups: instructor-<session>, projector-<session>, province-<province>, seat-<seat>.
The channel layer is at-most-once; clients heal from the snapshot they get on connect.
"""

from __future__ import annotations

import json
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction


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


def send_now(group: str, payload: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, {"type": "relay", "text": encode(payload)})


def send_many_now(messages: list[tuple[str, dict[str, Any]]]) -> None:
    """Several group sends in one trip into the event loop (async_to_sync costs ~1 ms a call)."""
    layer = get_channel_layer()
    if layer is None or not messages:
        return

    async def _send() -> None:
        for group, payload in messages:
            await layer.group_send(group, {"type": "relay", "text": encode(payload)})

    async_to_sync(_send)()


def send_on_commit(group: str, payload: dict[str, Any] | Any) -> None:
    """`payload` may be a callable, built after commit (so it reads committed state)."""

    def _send() -> None:
        send_now(group, payload() if callable(payload) else payload)

    transaction.on_commit(_send)


def send_control_on_commit(group: str, action: str) -> None:
    """Ask the sockets in a group to close so their clients reconnect (and re-join the
    right groups, or learn they were removed)."""

    def _send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(group, {"type": "control", "action": action})

    transaction.on_commit(_send)
