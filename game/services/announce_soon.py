"""Announcements made soon rather than at once, for changes that come in bursts: a class
of 300 joining within seconds rebuilt every province's view and both screens once per
join (≈55 ms of CPU per join at 300 students: most of a 2-core laptop's time). Joins are
coalesced: the first schedules one announcement a moment later (a Celery task), and the
joins committed before it starts are included in it for free.

The marker lives in the Celery broker's Redis, under this install's key prefix (so two
installs or test runs never share it). The task clears it *before* reading the database,
so a change committed after that schedules the next announcement: none is missed. The
joining student needs none of this: their socket gets a full snapshot when it connects."""

from __future__ import annotations

import logging
from functools import lru_cache

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

DELAY_SECONDS = 0.3  # how late teammates and the instructor may see a new student in a burst
MARKER_TTL_MS = 10_000  # a marker whose announcement was lost (worker gone) expires on its own


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    """A connection pool, not game state; each process builds its own."""
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def _marker(session_id: int) -> tuple[redis.Redis, str]:
    from config.celery import app

    prefix = (app.conf.broker_transport_options or {}).get("global_keyprefix", "")
    return _client(app.conf.broker_url or settings.REDIS_URL), f"{prefix}announce-due:{session_id}"


def announce_session_soon(session_id: int) -> None:
    """Call after commit. Announces at once when Redis or the broker fails: the change is
    then shown as before coalescing, just more expensively."""
    from game.tasks import announce_session_task

    try:
        client, key = _marker(session_id)
        if not client.set(key, 1, nx=True, px=MARKER_TTL_MS):
            return  # an announcement is due and has not started reading: it will show this change
        try:
            announce_session_task.apply_async((session_id,), countdown=DELAY_SECONDS)
        except Exception:
            client.delete(key)
            raise
    except Exception:  # noqa: BLE001 - never fail the join that asked for it
        logger.warning("coalesced announcement unavailable; announcing at once", exc_info=True)
        announce_session_now(session_id)


def announce_session_now(session_id: int) -> None:
    """The task's body: clear the marker first, then read the session and send everything."""
    from game.models import GameSession
    from game.services.announce import announce_session

    try:
        client, key = _marker(session_id)
        client.delete(key)
    except Exception:  # noqa: BLE001 - the marker expires by itself
        logger.warning("could not clear the announcement marker", exc_info=True)
    session = GameSession.objects.filter(pk=session_id).first()
    if session is not None:
        announce_session(session)  # outside a transaction: sent at once
