"""Coordination messages on the game's existing sockets (student, instructor, projector).

`game/consumers.py` stays thin and knows no coordination rule: for a message type it
does not handle itself it asks `student_handler(kind)` / `instructor_handler(kind)` here.
A handler is a plain function, run in a database thread inside the socket's language:

    student:    handler(*, participant_id: int, message: dict) -> dict
    instructor: handler(*, session_id: int, user, message: dict) -> dict

It reads the message's fields, calls one coordination service and returns the reply
for the sender; a `GameError` it raises becomes an `error` reply, and the message's
`request_id` is echoed either way. Identity comes from the socket, never from the
message. After every snapshot (on connect and on request) the consumer also sends
each part's own state message (`student_states`, `instructor_states`,
`projector_states`), so the game's snapshot does not grow a field per part.

A part (chat, agreements) is a module with any of `STUDENT` and `INSTRUCTOR`
(dicts: message type -> handler) and `student_state(participant_id)`,
`instructor_state(session_id)`, `projector_state(session_id)` (each returns a message
dict, or None to send nothing). List it in `_parts()`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any

Handler = Callable[..., dict[str, Any]]


@cache
def _parts() -> tuple[ModuleType, ...]:
    # Imported on first use: the parts import models, which need the app registry ready.
    from coordination import agreement_sockets, chat_sockets

    return (agreement_sockets, chat_sockets)


def _handler(table: str, kind: str) -> Handler | None:
    for part in _parts():
        handler = getattr(part, table, {}).get(kind)
        if handler is not None:
            return handler
    return None


def student_handler(kind: str) -> Handler | None:
    return _handler("STUDENT", kind)


def instructor_handler(kind: str) -> Handler | None:
    return _handler("INSTRUCTOR", kind)


def _states(name: str, key: int) -> list[dict[str, Any]]:
    states = []
    for part in _parts():
        make = getattr(part, name, None)
        state = make(key) if make is not None else None
        if state is not None:
            states.append(state)
    return states


def student_states(participant_id: int) -> list[dict[str, Any]]:
    return _states("student_state", participant_id)


def instructor_states(session_id: int) -> list[dict[str, Any]]:
    return _states("instructor_state", session_id)


def projector_states(session_id: int) -> list[dict[str, Any]]:
    return _states("projector_state", session_id)
