"""Fault: `kill -9` of the uvicorn master (started as make run starts it, --workers 2).
Its worker processes used to run on as orphans, holding the port; now they exit and the
port is free again."""

import signal

import pytest

from tests.live.processes import alive, children, kill_tree, port_free
from tests.live.servers import base_env, free_port, start_server
from tests.live.waiting import wait_for
from tests.live.worker import database_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


def test_the_workers_of_a_killed_uvicorn_master_exit_and_free_the_port(_isolated_redis, tmp_path):
    port = free_port()
    master = start_server(base_env(DATABASE_URL=database_url(), REDIS_URL=_isolated_redis), port,
                          tmp_path / "web.log", extra=("--workers", "2"))
    workers = children(master.pid)
    try:
        assert len(workers) >= 2, workers
        master.kill()  # SIGKILL: no chance to stop its workers
        master.wait(10)
        assert wait_for(lambda: not any(alive(pid) for pid in workers), 20), \
            [pid for pid in workers if alive(pid)]
        assert port_free(port)
    finally:
        for pid in workers:
            kill_tree(pid, signal.SIGKILL)
