"""Browser tests: real Chromium (Debian's, driven by Playwright) against a real uvicorn
server and a real Celery worker, sharing the file-based test database and test Redis.

Every test gets its own server, worker and browser; the database is flushed after it
(`django_db(transaction=True)`), so what the subprocesses wrote disappears too."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.live.servers import base_env, free_port, start_server, stop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
TIMEOUT_MS = 15_000  # every wait for the page is bounded by this


@dataclass
class Stack:
    """The server (which a test may stop and start again on its port) and the worker."""

    port: int
    env: dict
    tmp: Path
    server: subprocess.Popen | None = None
    starts: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_server(self) -> None:
        assert self.server is None, "the server is already running"
        self.starts += 1
        self.server = start_server(self.env, self.port, self.tmp / f"server-{self.starts}.log")

    def stop_server(self) -> None:
        if self.server is not None:
            stop(self.server)
            self.server = None

    def tails(self, chars: int = 3000) -> str:
        logs = sorted(self.tmp.glob("server-*.log")) + [self.tmp / "worker.log"]
        return "\n".join(f"----- {log} -----\n{log.read_text(errors='replace')[-chars:]}"
                         for log in logs if log.exists())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _chromium_or_skip() -> None:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (`apt-get install -y chromium`, "
                    "or `make test`, which installs it); it is missing here")
    pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package (requirements-dev)")


@contextlib.contextmanager
def running_stack(redis_url: str, tmp_path: Path) -> Iterator[Stack]:
    """A uvicorn server and a Celery worker (with beat) on the test database and `redis_url`."""
    from tests.live.worker import database_url, start_worker, stop_worker

    worker = start_worker(redis_url, tmp_path, sweep_seconds=1)
    live = Stack(port=free_port(), tmp=tmp_path,
                 env=base_env(DATABASE_URL=database_url(), REDIS_URL=redis_url, DEBUG="true"))
    try:
        live.start_server()
        yield live
    finally:
        live.stop_server()
        stop_worker(worker)


@pytest.fixture
def stack(request, transactional_db, _isolated_redis, tmp_path) -> Stack:
    """A uvicorn server and a Celery worker (with beat) on the test database and test Redis."""
    _chromium_or_skip()
    with running_stack(_isolated_redis, tmp_path) as live:
        try:
            yield live
        finally:
            call = getattr(request.node, "report_call", None)
            if call is not None and call.failed:
                print(live.tails())  # shown under "Captured stdout teardown"


@pytest.fixture
def browser(monkeypatch):
    """One headless Chromium per test; each person gets a context (own cookies, locale)."""
    _chromium_or_skip()
    from playwright.sync_api import expect, sync_playwright

    # Sync Playwright keeps an event loop in this thread: Django would refuse ORM calls
    # made by the test between browser steps. Only for this test, and only in this process.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
