"""Two installs of the game (each its own run dir and database) on ONE Redis, same database
number: a student of one never receives the other's messages. Redis pub/sub ignores the
database number, so only each install's own channel prefix keeps them apart; the control
case (both given the same prefix) shows the leak this protects against."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.live.databases import scratch_database
from tests.live.deployment import close_round, set_up_game, student_socket_url
from tests.live.servers import base_env, free_port, start_server, stop

pytestmark = pytest.mark.live

REDIS_DB = 10  # as the two-server test: never the database a test's worker reads
QUIET_SECONDS = 3  # how long B's student listens after A's student had the ranking


def deployment_env(tmp_path, name: str, database_url: str, redis_url: str, prefix: str | None) -> dict:
    """A deployment as `make run` configures one: nothing but its install dir, database and
    Redis, unless the test forces a prefix. (The test run's own prefixes are removed.)"""
    env = base_env(RUN_DIR=str(tmp_path / name), DATABASE_URL=database_url, REDIS_URL=redis_url,
                   CELERY_TASK_ALWAYS_EAGER="true")  # scoring (and so publishing) runs inside the server
    for key in ("CHANNEL_PREFIX", "CELERY_KEY_PREFIX", "CACHE_PREFIX", "SECRET_KEY", "DEBUG"):
        env.pop(key, None)
    if prefix:
        env.update(CHANNEL_PREFIX=prefix, CELERY_KEY_PREFIX=prefix + ":")
    return env


@pytest.mark.parametrize("shared_prefix", [False, True], ids=["own-prefixes", "control-same-prefix"])
def test_a_student_of_one_deployment_never_receives_the_other_deployments_messages(tmp_path, _isolated_redis,
                                                                                   shared_prefix):
    from tests.conftest import RUN_PREFIX, delete_run_keys, test_redis_url

    redis_url = test_redis_url(REDIS_DB)
    prefix = f"{RUN_PREFIX}-shared" if shared_prefix else None
    with scratch_database("deploy_a") as db_a, scratch_database("deploy_b") as db_b:
        env_a = deployment_env(tmp_path, "a", db_a, redis_url, prefix)
        env_b = deployment_env(tmp_path, "b", db_b, redis_url, prefix)
        game_a, game_b = set_up_game(env_a), set_up_game(env_b)
        # Fresh databases: the same ids, so the same group names in both deployments.
        assert game_a["id"] == game_b["id"]
        port_a, port_b = free_port(), free_port()
        server_a = start_server(env_a, port_a, tmp_path / "a.log")
        server_b = start_server(env_b, port_b, tmp_path / "b.log")
        try:
            seen_by_b = asyncio.run(_what_b_hears_while_a_scores(game_a, port_a, game_b, port_b))
        finally:
            stop(server_a)
            stop(server_b)
            if prefix:
                delete_run_keys(redis_url)
    # What closing and scoring A's round publishes: the round's new status, the rankings.
    from_a = [m for m in seen_by_b if m.get("type") in ("round", "province")]
    if shared_prefix:
        assert any(m["type"] == "province" and m.get("last_result") for m in from_a), seen_by_b
    else:
        assert from_a == [], from_a
        prefixes = {(tmp_path / name / "install-id").read_text() for name in ("a", "b")}
        assert len(prefixes) == 2  # each install generated its own


async def _what_b_hears_while_a_scores(game_a: dict, port_a: int, game_b: dict, port_b: int) -> list[dict]:
    """Alice of A and Alice of B are connected; A's round is closed and scored. Once A's
    Alice has her ranking, B's Alice listens a little longer: everything she got."""
    from websockets.asyncio.client import connect

    url_a, headers_a = student_socket_url(game_a, port_a)
    url_b, headers_b = student_socket_url(game_b, port_b)
    async with connect(url_a, additional_headers=headers_a) as alice_a, \
            connect(url_b, additional_headers=headers_b) as alice_b:
        for ws in (alice_a, alice_b):
            assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "snapshot"
        await _quiet(alice_b)  # B's own messages on connecting (e.g. its agreements) are not A's
        await asyncio.to_thread(close_round, game_a, port_a)
        while True:  # A's own student does get A's ranking: A really published
            message = json.loads(await asyncio.wait_for(alice_a.recv(), 15))
            if message.get("type") == "province" and message.get("last_result"):
                break
        return await _quiet(alice_b)


async def _quiet(ws) -> list[dict]:
    """Everything the socket receives until it has been silent for QUIET_SECONDS."""
    heard = []
    try:
        while True:
            heard.append(json.loads(await asyncio.wait_for(ws.recv(), QUIET_SECONDS)))
    except TimeoutError:
        return heard
