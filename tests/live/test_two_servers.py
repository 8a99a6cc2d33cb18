"""Two ASGI server processes sharing PostgreSQL and Redis: a ranking published through
one reaches a student connected to the other."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import urllib.request

import pytest

from tests.live.servers import base_env, free_port, manage, start_server, stop

pytestmark = pytest.mark.live

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
SERVERS_REDIS_DB = 10  # not the tests' db: no stray task from here can reach another test's worker

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from game.consumers import session_key
from game.services import rounds, sessions
teacher = User.objects.create_user("teacher", password="pw-teacher-1")
s = sessions.session_create(instructor=teacher, title="Two servers", scenario_id="central-cluster",
    total_rounds=2, round_seconds=600, schedule="growth_tournament", bot_strategy="fair_share", auto_close=False)
alice = sessions.participant_join(code=s.code, display_name="Alice")
rounds.round_open(session=s, user=teacher)
rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}})
student = SessionStore(); student[session_key(s.code)] = alice.token; student.save()
staff = SessionStore(); staff[SESSION_KEY] = str(teacher.pk)
staff[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
staff[HASH_SESSION_KEY] = teacher.get_session_auth_hash(); staff.save()
print(json.dumps({"code": s.code, "id": s.id, "student": student.session_key, "staff": staff.session_key}))
"""


@pytest.fixture
def postgres_database():
    psycopg = pytest.importorskip("psycopg")
    name = f"pc_two_servers_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"skipped: no PostgreSQL answers at {PG_ADMIN_URL} ({exc.__class__.__name__}); "
                    "set TEST_POSTGRES_URL to run the two-server test")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_a_ranking_published_through_one_server_reaches_a_student_on_the_other(postgres_database, tmp_path,
                                                                               _isolated_redis):

    from tests.conftest import delete_run_keys, test_redis_url

    redis_url = test_redis_url(SERVERS_REDIS_DB)
    delete_run_keys(redis_url)
    # Scoring runs inside server A (eager tasks), so server A is the one that publishes.
    env = base_env(DATABASE_URL=postgres_database, REDIS_URL=redis_url, CELERY_TASK_ALWAYS_EAGER="true")
    manage(env, "migrate", "--noinput", "-v0")
    info = json.loads(manage(env, "shell", "--no-imports", stdin=SETUP).strip().splitlines()[-1])
    port_a, port_b = free_port(), free_port()
    server_a = start_server(env, port_a, tmp_path / "a.log")
    server_b = start_server(env, port_b, tmp_path / "b.log")
    try:
        result = asyncio.run(_student_on_b_sees_ranking_from_a(info, port_a, port_b))
    finally:
        stop(server_a)
        stop(server_b)
        delete_run_keys(redis_url)
    from game.services.selectors import expand_tables

    result = expand_tables(result)
    assert result["last_result"]["round"] == 1
    assert len(result["standings"]) == 5
    outcomes = result["last_result"]["cities"]
    assert {c["city_id"] for c in outcomes} == {c["city"] for c in result["cities"]}


async def _student_on_b_sees_ranking_from_a(info: dict, port_a: int, port_b: int) -> dict:
    from websockets.asyncio.client import connect

    headers = {"Cookie": f"sessionid={info['student']}", "Origin": f"http://127.0.0.1:{port_b}"}
    async with connect(f"ws://127.0.0.1:{port_b}/ws/play/{info['code']}/", additional_headers=headers) as ws:
        # The server's own protocol class (config/websocket.py) still negotiates compression.
        assert [e.name for e in ws.protocol.extensions] == ["permessage-deflate"]
        snapshot = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert snapshot["type"] == "snapshot" and snapshot["round"]["status"] == "open"
        await asyncio.to_thread(_close_round_on_a, info, port_a)
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 15))
            if message.get("type") == "province" and message.get("last_result"):
                return message


def _close_round_on_a(info: dict, port_a: int) -> None:
    csrf = secrets.token_hex(16)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port_a}/instructor/s/{info['id']}/do/close/", method="POST", data=b"",
        headers={"Cookie": f"sessionid={info['staff']}; csrftoken={csrf}", "X-CSRFToken": csrf,
                 "Accept": "application/json", "Referer": f"http://127.0.0.1:{port_a}/"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.loads(response.read())["type"] == "ok"
