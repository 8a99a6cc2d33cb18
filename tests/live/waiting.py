"""Polling the database while real processes (workers, servers) do their work."""

from __future__ import annotations

import time


def wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def status(rnd) -> str:
    rnd.refresh_from_db()
    return rnd.status
