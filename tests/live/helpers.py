"""Websocket clients for consumer tests: real ASGI app, real Redis channel layer."""

from __future__ import annotations

import asyncio
import json
from http.cookies import SimpleCookie

from asgiref.sync import sync_to_async
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from config.asgi import application
from game.consumers import session_key

ORIGIN = (b"origin", b"http://localhost")


@sync_to_async
def student_cookie(participant) -> bytes:
    store = SessionStore()
    store[session_key(participant.session.code)] = participant.token
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}".encode()


@sync_to_async
def user_cookie(user) -> bytes:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}".encode()


class Client:
    """A connected socket that records every message it receives."""

    def __init__(self, path: str, cookie: bytes | None = None) -> None:
        headers = [ORIGIN] + ([(b"cookie", cookie)] if cookie else [])
        self.comm = WebsocketCommunicator(application, path, headers=headers)
        self.seen: list[dict] = []
        self.raw: list[str] = []

    async def connect(self) -> tuple[bool, int | None]:
        connected, code = await self.comm.connect(timeout=5)
        return connected, code

    async def refusal_code(self) -> int | None:
        """Connect to a socket that should refuse us: the close code it answers with."""
        connected, code = await self.comm.connect(timeout=5)
        if not connected:
            return code
        closing = await self.comm.receive_output(timeout=5)
        assert closing["type"] == "websocket.close", closing
        return closing.get("code")

    async def send(self, payload) -> None:
        await self.comm.send_to(text_data=payload if isinstance(payload, str) else json.dumps(payload))

    async def receive(self, timeout: float = 5) -> dict:
        text = await self.comm.receive_from(timeout=timeout)
        self.raw.append(text)
        message = json.loads(text)
        self.seen.append(message)
        return message

    async def receive_type(self, kind: str, timeout: float = 5) -> dict:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            message = await self.receive(timeout=max(0.05, end - loop.time()))
            if message.get("type") == kind:
                return message

    async def drain(self, seconds: float = 0.3) -> list[dict]:
        """Read until quiet. (A timed-out receive would cancel the consumer: asgiref.)"""
        got = []
        while not await self.comm.receive_nothing(timeout=seconds):
            got.append(await self.receive())
        return got

    async def close(self) -> None:
        await self.comm.disconnect()


def cookie_header(cookie: str) -> bytes:
    parsed = SimpleCookie(cookie)
    return "; ".join(f"{k}={v.value}" for k, v in parsed.items()).encode()
