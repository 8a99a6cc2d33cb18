"""One game on a database, set up through manage.py in the deployment's own environment, and
the instructor's close button pressed over HTTP: for tests that run whole deployments."""

from __future__ import annotations

import json
import secrets
import urllib.request

from tests.live.servers import manage

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


def set_up_game(env: dict) -> dict:
    """Migrate the deployment's database and open round 1 of a game with one student, Alice:
    the game's code and id, and the session keys of Alice and of the instructor."""
    manage(env, "migrate", "--noinput", "-v0")
    return json.loads(manage(env, "shell", "--no-imports", stdin=SETUP).strip().splitlines()[-1])


def close_round(info: dict, port: int) -> None:
    """The instructor's "Close now", posted to the server on `port`."""
    csrf = secrets.token_hex(16)
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/instructor/s/{info['id']}/do/close/", method="POST", data=b"",
        headers={"Cookie": f"sessionid={info['staff']}; csrftoken={csrf}", "X-CSRFToken": csrf,
                 "Accept": "application/json", "Referer": f"http://127.0.0.1:{port}/"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.loads(response.read())["type"] == "ok"


def student_socket_url(info: dict, port: int) -> tuple[str, dict]:
    """Alice's socket address on the server on `port`, and the headers her browser sends."""
    headers = {"Cookie": f"sessionid={info['student']}", "Origin": f"http://127.0.0.1:{port}"}
    return f"ws://127.0.0.1:{port}/ws/play/{info['code']}/", headers
