"""Two ASGI server processes sharing PostgreSQL and Redis: a ranking published through
one reaches a student connected to the other."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.live.databases import scratch_database
from tests.live.deployment import close_round, set_up_game, student_socket_url
from tests.live.servers import base_env, free_port, start_server, stop

pytestmark = pytest.mark.live

SERVERS_REDIS_DB = 10  # not the tests' db: no stray task from here can reach another test's worker


@pytest.fixture
def postgres_database():
    """A database of its own on the test server (embedded PostgreSQL unless DATABASE_URL)."""
    with scratch_database("two_servers") as url:
        yield url


def test_a_ranking_published_through_one_server_reaches_a_student_on_the_other(postgres_database, tmp_path,
                                                                               _isolated_redis):

    from tests.conftest import delete_run_keys, test_redis_url

    redis_url = test_redis_url(SERVERS_REDIS_DB)
    delete_run_keys(redis_url)
    # Scoring runs inside server A (eager tasks), so server A is the one that publishes.
    env = base_env(DATABASE_URL=postgres_database, REDIS_URL=redis_url, CELERY_TASK_ALWAYS_EAGER="true")
    info = set_up_game(env)
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

    url, headers = student_socket_url(info, port_b)
    async with connect(url, additional_headers=headers) as ws:
        # The server's own protocol class (config/websocket.py) still negotiates compression.
        assert [e.name for e in ws.protocol.extensions] == ["permessage-deflate"]
        snapshot = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert snapshot["type"] == "snapshot" and snapshot["round"]["status"] == "open"
        await asyncio.to_thread(close_round, info, port_a)
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), 15))
            if message.get("type") == "province" and message.get("last_result"):
                return message
