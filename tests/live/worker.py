"""Start a real Celery worker (with beat) against the test database and test Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

from tests.live.databases import url_for

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, for the processes a test starts."""
    return url_for(connection.settings_dict)


def start_worker(redis_url: str, tmp: Path, sweep_seconds: int = 1, pool: str = "solo") -> subprocess.Popen:
    """pool="prefork" runs the worker as make run does (two pool processes)."""
    env = dict(os.environ, DATABASE_URL=database_url(), REDIS_URL=redis_url, SWEEP_SECONDS=str(sweep_seconds),
               DJANGO_SETTINGS_MODULE="config.settings", PYTHONUNBUFFERED="1")
    log = open(tmp / "worker.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-B", f"--pool={pool}", "--concurrency=2",
         "--loglevel=info",
         f"--schedule={tmp / 'beat-schedule'}", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    from config.celery import app

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the worker exited: {(tmp / 'worker.log').read_text()[-2000:]}")
        if app.control.ping(timeout=0.5):
            return process
    process.kill()
    raise RuntimeError(f"the worker did not answer: {(tmp / 'worker.log').read_text()[-2000:]}")


def stop_worker(process: subprocess.Popen) -> None:
    from tests.live.servers import stop

    stop(process)
