"""The chat on the game's sockets (see coordination.sockets): each handler reads the
message's fields, calls one service or selector, and returns the reply to the sender."""

from __future__ import annotations

from typing import Any

from coordination import chat, chat_selectors
from game.models import GameSession


def _post(*, participant_id: int, message: dict[str, Any]) -> dict[str, Any]:
    posted = chat.chat_post(participant_id=participant_id, channel=message.get("channel"), text=message.get("text"))
    return {"type": "chat.posted", "message": chat_selectors.message_payload(posted)}


def _history(*, participant_id: int, message: dict[str, Any]) -> dict[str, Any]:
    _participant, seat = chat.student_seat(participant_id)
    key = chat_selectors.seat_channel(seat, message.get("channel"))
    before = chat.whole_id(message.get("before"), "before", optional=True)
    messages, more = chat_selectors.history(seat.province_id, key, before)
    return {"type": "chat.history", "channel": key, "before": before, "messages": messages, "more": more}


def _read(*, participant_id: int, message: dict[str, Any]) -> dict[str, Any]:
    unread = chat.chat_read(participant_id=participant_id, channel=message.get("channel"), up_to=message.get("up_to"))
    return {"type": "chat.unread", "channel": message.get("channel"), "unread": unread}


def _session(session_id: int) -> GameSession:
    return GameSession.objects.get(pk=session_id)


def _post_as_province(*, session_id: int, user, message: dict[str, Any]) -> dict[str, Any]:
    posted = chat.chat_post_as_province(session=_session(session_id), user=user, province_id=message.get("province"),
                                        channel=message.get("channel"), text=message.get("text"))
    return {"type": "chat.posted", "message": chat_selectors.message_payload(posted)}


def _instructor_history(*, session_id: int, user, message: dict[str, Any]) -> dict[str, Any]:
    session = _session(session_id)
    chat.check_owner(session, user)
    province = chat.owned_province(session, message.get("province"))
    key = chat_selectors.province_channel(province, message.get("channel"))
    before = chat.whole_id(message.get("before"), "before", optional=True)
    messages, more = chat_selectors.history(province.id, key, before, include_hidden=True)
    return {"type": "chat.history", "province": province.id, "channel": key, "before": before,
            "messages": messages, "more": more}


def _hide(*, session_id: int, user, message: dict[str, Any]) -> dict[str, Any]:
    hidden = chat.chat_hide(session=_session(session_id), user=user, province_id=message.get("province"),
                            channel=message.get("channel"), message_id=message.get("id"))
    return {"type": "chat.hide.done", "province": hidden.province_id, "channel": hidden.channel, "id": hidden.seq}


def _announce(*, session_id: int, user, message: dict[str, Any]) -> dict[str, Any]:
    made = chat.announcement_post(session=_session(session_id), user=user, text=message.get("text"),
                                  province_id=message.get("province"))
    return {"type": "announcement.done", "id": made.id}


STUDENT = {"chat.post": _post, "chat.history": _history, "chat.read": _read}
INSTRUCTOR = {"chat.post": _post_as_province, "chat.history": _instructor_history, "chat.hide": _hide,
              "announcement.post": _announce}
student_state = chat_selectors.student_state
instructor_state = chat_selectors.instructor_state
projector_state = chat_selectors.projector_state
