"""Websocket consumers: parse, check identity, call a service, send what it returns.

No game rules here and no state on `self` beyond identity. Group messages arrive as
pre-encoded JSON (`relay`) and are forwarded verbatim; `control` messages ask this
socket to close so the client reconnects with fresh groups (after a move or removal).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from config.limits import MAX_MESSAGE_BYTES
from coordination import sockets as coordination
from game.models import GameSession, Participant
from game.services import broadcast, presence, reading, selectors
from game.services.errors import GameError
from game.services.rounds import sheet_save
from game.wire import BadJSON, echo_id, load_json

CLOSE_FORBIDDEN = 4003
CLOSE_RECONNECT = 4000


def session_key(code: str) -> str:
    return f"participant:{code.upper()}"


class BaseConsumer(AsyncWebsocketConsumer):
    groups_joined: list[str]

    async def dispatch(self, message: dict[str, Any]) -> None:
        # Channels closes stale database connections before every handler: a hop to the one
        # shared sync thread per message, a quarter of the server's work when a ranking goes
        # to 300 sockets. A relayed broadcast touches no database, so it skips that hop.
        if message.get("type") == "relay":
            await self.relay(message)
        else:
            await super().dispatch(message)

    async def relay(self, event: dict[str, Any]) -> None:
        await self.send(text_data=event["text"])

    async def control(self, event: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps({"type": event.get("action", "reconnect")}))
        await self.close(code=CLOSE_RECONNECT)

    async def join_groups(self, names: list[str]) -> None:
        broadcast.remember_server_loop()
        self.groups_joined = names
        # Side by side, not one after the other (a class connecting at once).
        await asyncio.gather(*(self.channel_layer.group_add(name, self.channel_name) for name in names))

    async def disconnect(self, code: int) -> None:
        for name in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(name, self.channel_name)

    async def send_snapshot(self) -> None:
        """The game's snapshot, then each coordination part's state (coordination.sockets),
        built in one database hop. (On the thread pool, sockets connecting at once would
        build theirs side by side; the in-process socket tests then left a database
        connection open past their end, so it stays on the shared thread for now.)"""
        await self.send_views(await database_sync_to_async(self._views)())

    async def send_views(self, texts: list[str]) -> None:
        for text in texts:
            await self.send(text_data=text)

    def _views(self) -> list[str]:
        """The snapshot and the parts' states, encoded, in the order the screen reads them."""
        with reading.one_reading():
            return [broadcast.encode(view) for view in (self._snapshot(), *self._part_states())]

    def _snapshot(self) -> dict[str, Any]:
        raise NotImplementedError

    def _part_states(self) -> list[dict[str, Any]]:
        return []

    def _coordinate(self, handler: coordination.Handler, message: dict[str, Any]) -> dict[str, Any]:
        """One coordination message: the part's handler with this socket's identity."""
        with translation.override(self.language()):
            try:
                reply = handler(message=message, **self.identity())
            except GameError as exc:
                reply = exc.as_message()
        reply["request_id"] = echo_id(message.get("request_id"))
        return reply

    async def coordinate(self, handler: coordination.Handler, message: dict[str, Any]) -> None:
        # Like saves, messages of different sockets run in parallel threads; the database orders them.
        reply = await database_sync_to_async(self._coordinate, thread_sensitive=False)(handler, message)
        await self.send_json(reply)

    def identity(self) -> dict[str, Any]:
        raise NotImplementedError

    async def send_json(self, payload: dict[str, Any]) -> None:
        await self.send(text_data=broadcast.encode(payload))

    async def error(self, code: str, message: str, **extra: Any) -> None:
        await self.send_json({"type": "error", "code": code, "message": message, **extra})

    def language(self) -> str:
        """The page's language: the language cookie set by the switcher, else the
        browser's Accept-Language, else the default (as LocaleMiddleware decides)."""
        cookie = (self.scope.get("cookies") or {}).get(settings.LANGUAGE_COOKIE_NAME)
        if cookie and translation.check_for_language(cookie):
            return translation.get_supported_language_variant(cookie)
        headers = dict(self.scope.get("headers") or [])
        accept = headers.get(b"accept-language", b"").decode("latin-1")
        for code, _q in parse_accept_lang_header(accept):
            if code == "*":
                break
            try:
                return translation.get_supported_language_variant(code)
            except LookupError:
                continue
        return settings.LANGUAGE_CODE

    async def refuse(self) -> None:
        """Accept, then close with 4003: a close before the handshake reaches the browser
        as a bare HTTP 403 (code 1006), and the page could not tell 'refused' from 'offline'."""
        await self.accept()
        await self.close(code=CLOSE_FORBIDDEN)

    async def parse(self, text_data: str | None, bytes_data: bytes | None) -> dict[str, Any] | None:
        """The message as a dict with a string `type`, or None after answering with an error."""
        with translation.override(self.language()):
            if bytes_data is not None or text_data is None:
                await self.error("bad_message", _("Messages must be JSON text."))
                return None
            try:
                message = load_json(text_data, max_bytes=MAX_MESSAGE_BYTES)
            except BadJSON as exc:
                await self.error(exc.code, {
                    "too_large": _("That message is too large."),
                    "too_deep": _("That message is nested too deeply."),
                }.get(exc.code, _("That message is not valid JSON.")))
                return None
            if not isinstance(message, dict) or not isinstance(message.get("type"), str):
                await self.error("bad_message", _("A message must be an object with a type."))
                return None
            return message

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        message = await self.parse(text_data, bytes_data)
        if message is None:
            return
        kind = message["type"]
        if kind == "ping":
            await self.heard(message)
            await self.send_json({"type": "pong", "id": echo_id(message.get("id"))})
        elif kind == "snapshot":
            await self.send_snapshot()
        else:
            await self.handle(kind, message)

    async def heard(self, message: dict[str, Any]) -> None:
        """A heartbeat (ping) from the page; students' count for presence."""

    async def handle(self, kind: str, message: dict[str, Any]) -> None:
        with translation.override(self.language()):
            await self.error("unknown_type", _("Unknown message type “%(type)s”.") % {"type": kind[:40]},
                             request_id=echo_id(message.get("request_id")))


class StudentConsumer(BaseConsumer):
    """ws/play/<code>/ — identity is the participant token kept in the browser's session."""

    participant_id: int | None = None

    def _identify(self, code: str) -> tuple[Participant | None, list[str]]:
        session = self.scope.get("session")
        token = session.get(session_key(code)) if session else None
        if not token:
            return None, []
        participant = (
            Participant.objects.select_related("seat__province", "session")
            .filter(token=token, session__code=code.upper(), removed=False)
            .first()
        )
        if participant is None:
            return None, []
        groups = [broadcast.participant_group(participant.id)]
        if participant.seat is not None:
            groups += [broadcast.province_group(participant.seat.province_id),
                       broadcast.seat_group(participant.seat_id)]
        return participant, groups

    def _arrive(self, code: str) -> tuple[int | None, list[str]]:
        """Who this socket is, and its presence counted: one database hop. Presence lives
        in the database (several server processes); a returning student takes their seat
        back from a bot standing in before the snapshot is built."""
        participant, groups = self._identify(code)
        if participant is None:
            return None, []
        presence.presence_connect(participant_id=participant.id)
        return participant.id, groups

    async def connect(self) -> None:
        # Two database hops in all (four before): who and presence, on the thread pool; then
        # the views once the groups are joined, so nothing sent in between is missed.
        self.participant_id, groups = await database_sync_to_async(self._arrive, thread_sensitive=False)(
            self.scope["url_route"]["kwargs"]["code"])
        if self.participant_id is None:
            await self.refuse()
            return
        await self.accept()
        await self.join_groups(groups)
        await self.send_snapshot()

    async def disconnect(self, code: int) -> None:
        await super().disconnect(code)
        if self.participant_id is not None:
            await database_sync_to_async(presence.presence_leave, thread_sensitive=False)(
                participant_id=self.participant_id)

    async def heard(self, message: dict[str, Any]) -> None:
        if self.participant_id is not None:
            await database_sync_to_async(presence.presence_beat, thread_sensitive=False)(
                participant_id=self.participant_id, idle=message.get("idle") is True)

    def identity(self) -> dict[str, Any]:
        return {"participant_id": self.participant_id}

    def _part_states(self) -> list[dict[str, Any]]:
        with translation.override(self.language()):
            return coordination.student_states(self.participant_id)

    def _snapshot(self) -> dict[str, Any]:
        with translation.override(self.language()):
            return selectors.student_snapshot(selectors.viewer(self.participant_id))

    def _save(self, message: dict[str, Any], received_at: dt.datetime) -> dict[str, Any]:
        with translation.override(self.language()):
            participant = Participant(pk=self.participant_id)  # sheet_save loads it with its seat
            round_number = message.get("round")
            if round_number is not None and (isinstance(round_number, bool) or not isinstance(round_number, int)):
                return GameError("bad_message", _("“round” must be a round number.")).as_message()
            try:
                saved = sheet_save(participant=participant, round_number=round_number, data=message.get("sheet"),
                                   received_at=received_at)
            except GameError as exc:
                return exc.as_message()
            return {"type": "saved", "round": saved.round.number, "version": saved.version,
                    "saved_at": saved.saved_at.isoformat(), "data": saved.data}

    async def handle(self, kind: str, message: dict[str, Any]) -> None:
        if kind == "sheet.save":
            # A save is judged by when it arrived, before any wait for a thread or a lock.
            received_at = timezone.now()
            # Saves of different seats run in parallel threads (thread_sensitive=False): the
            # database, not one shared Python thread, orders them (row locks in sheet_save).
            reply = await database_sync_to_async(self._save, thread_sensitive=False)(message, received_at)
            reply["request_id"] = echo_id(message.get("request_id"))
            await self.send_json(reply)
        elif (handler := coordination.student_handler(kind)) is not None:
            await self.coordinate(handler, message)
        else:
            await super().handle(kind, message)


class _InstructorOwned(BaseConsumer):
    """Sockets of the instructor panel and projector: the logged-in owner only."""

    session_id: int | None = None
    group_name = staticmethod(broadcast.instructor_group)

    @database_sync_to_async
    def _owned(self, session_id: int) -> bool:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return False
        return GameSession.objects.filter(pk=session_id, instructor_id=user.id).exists()

    async def connect(self) -> None:
        session_id = self.scope["url_route"]["kwargs"]["session_id"]
        if not await self._owned(session_id):
            await self.refuse()
            return
        self.session_id = session_id
        await self.accept()
        await self.join_groups([self.group_name(session_id)])
        await self.send_snapshot()


class InstructorConsumer(_InstructorOwned):
    """ws/instructor/<session_id>/ — every sheet, the roster, all provinces."""

    def _snapshot(self) -> dict[str, Any]:
        return selectors.instructor_snapshot(GameSession.objects.get(pk=self.session_id))

    def identity(self) -> dict[str, Any]:
        return {"session_id": self.session_id, "user": self.scope["user"]}

    def _part_states(self) -> list[dict[str, Any]]:
        with translation.override(self.language()):
            return coordination.instructor_states(self.session_id)

    async def handle(self, kind: str, message: dict[str, Any]) -> None:
        handler = coordination.instructor_handler(kind)
        if handler is not None:
            await self.coordinate(handler, message)
        else:
            await super().handle(kind, message)


class ProjectorConsumer(_InstructorOwned):
    """ws/projector/<session_id>/ — public information only."""

    group_name = staticmethod(broadcast.projector_group)

    def _snapshot(self) -> dict[str, Any]:
        return selectors.projector_snapshot(GameSession.objects.get(pk=self.session_id))

    def _part_states(self) -> list[dict[str, Any]]:
        with translation.override(self.language()):
            return coordination.projector_states(self.session_id)
