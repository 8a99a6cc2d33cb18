"""Fault: the instructor opens and extends a round while Redis is down. Each action is
saved and answered (not HTTP 500) with a plain warning that live updates could not be
sent; when Redis is back, the sweeper lets the bots play and every screen gets the round
with its new deadline. Real processes: uvicorn, a prefork Celery worker with beat, and a
Redis of the test's own."""

import asyncio
import contextlib
import datetime as dt
import json
import secrets
import threading
import urllib.request

import pytest
import websockets
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from game.consumers import session_key
from game.models import Round, Seat
from tests.live.servers import base_env, free_port, start_server, stop
from tests.live.waiting import wait_for
from tests.live.worker import database_url, start_worker, stop_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


@pytest.fixture
def stack(private_redis, tmp_path):
    worker = start_worker(private_redis.url, tmp_path, pool="prefork")
    port = free_port()
    web = start_server(base_env(DATABASE_URL=database_url(), REDIS_URL=private_redis.url), port, tmp_path / "web.log")
    try:
        yield private_redis, worker, port
    finally:
        stop(web)
        stop_worker(worker)


def session_cookie(**values) -> str:
    store = SessionStore()
    for key, value in values.items():
        store[key] = value
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def post_action(port, session, cookie, name, **fields):
    csrf = secrets.token_hex(16)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/instructor/s/{session.id}/do/{name}/",
        data=urllib.parse.urlencode(fields).encode(), method="POST",
        headers={"Accept": "application/json", "X-CSRFToken": csrf, "Cookie": f"{cookie}; csrftoken={csrf}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


class Screen:
    """A student's page on its own thread: reconnects like socket.js when the socket
    closes, and keeps every round it was shown (connection number, message type, round)."""

    def __init__(self, port, code, cookie):
        self.url = f"ws://127.0.0.1:{port}/ws/play/{code}/"
        self.headers = {"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}"}
        self.rounds, self.connections, self.stopping = [], 0, threading.Event()
        self.thread = threading.Thread(target=asyncio.run, args=(self.run(),), daemon=True)
        self.thread.start()

    async def run(self):
        while not self.stopping.is_set():
            try:
                async with websockets.connect(self.url, open_timeout=5, additional_headers=self.headers) as ws:
                    self.connections += 1
                    while not self.stopping.is_set():
                        with contextlib.suppress(TimeoutError):
                            message = json.loads(await asyncio.wait_for(ws.recv(), timeout=0.5))
                            if isinstance(message.get("round"), dict):
                                self.rounds.append((self.connections, message["type"], message["round"]))
            except (TimeoutError, OSError, websockets.ConnectionClosed):
                await asyncio.sleep(0.5)

    def shown(self, wanted):
        return next((seen for seen in self.rounds if wanted(seen[2])), None)

    def close(self):
        self.stopping.set()
        self.thread.join(10)


def test_actions_during_a_redis_outage_are_saved_reported_and_finished_when_redis_is_back(
        stack, make_session, join, instructor):
    redis_server, worker, port = stack
    session = make_session(round_seconds=120, bot_strategy="fair_share")
    alice = join(session, "Alice")
    bots = Seat.objects.filter(province__session=session).exclude(bot_strategy="").count()
    teacher = session_cookie(**{SESSION_KEY: str(instructor.pk),
                                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                                HASH_SESSION_KEY: instructor.get_session_auth_hash()})
    screen = Screen(port, session.code, session_cookie(**{session_key(session.code): alice.token}))
    assert wait_for(lambda: screen.shown(lambda r: r["status"] == "draft"), 10)

    redis_server.kill()
    status, opened = post_action(port, session, teacher, "open")
    assert status == 200 and opened["type"] == "ok" and opened["warning_code"] == "not_delivered", opened
    assert opened["warning"]
    status, extended = post_action(port, session, teacher, "extend", seconds=60)
    assert status == 200 and extended["warning_code"] == "not_delivered", extended
    rnd = session.rounds.get(number=1)
    assert rnd.status == Round.Status.OPEN  # saved although nobody could be told
    assert rnd.deadline > rnd.opened_at + dt.timedelta(seconds=170)
    assert rnd.sheets.count() == 0

    redis_server.start()
    deadline = rnd.deadline
    assert wait_for(lambda: screen.shown(
        lambda r: r["status"] == "open" and dt.datetime.fromisoformat(r["deadline"]) == deadline), 30)
    # The socket stayed open through the outage; the sweeper's announcement, not a
    # reconnection's snapshot, brought the open round and its new deadline.
    assert screen.shown(lambda r: r["status"] == "open")[1] == "province", screen.rounds
    assert wait_for(lambda: rnd.sheets.count() == bots, 30), "the bots never played"
    assert worker.poll() is None

    status, again = post_action(port, session, teacher, "extend", seconds=30)  # Redis answers: no warning
    assert status == 200 and "warning" not in again, again
    screen.close()
