"""Fixtures of the live tier."""

import pytest

from tests.live.private_redis import PrivateRedis, pointed_at


@pytest.fixture
def private_redis(tmp_path):
    """A Redis of this test's own, to kill and restart; this process's Celery app and
    channel layer point at it while the test runs."""
    server = PrivateRedis(tmp_path)
    server.start()
    with pointed_at(server.url):
        yield server
    server.kill()
