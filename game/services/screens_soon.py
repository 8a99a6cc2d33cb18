"""The instructor's and projector's screens, refreshed soon rather than at once, for changes
that come in bursts: a class of 300 joining within seconds rebuilt every province's view
and both screens once per join (≈55 ms of CPU per join at 300 students, most of a 2-core
laptop's time). Joins are coalesced: the first schedules one refresh a moment later, and
the ones committed before it starts are included in it for free.

The marker lives in the Celery broker's Redis, under this install's key prefix (so two
installs or test runs never share it). The refresh task clears it *before* reading the
database, so a change committed after that schedules the next refresh: none is missed."""

from __future__ import annotations

import logging
from functools import lru_cache

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

DELAY_SECONDS = 0.3  # how stale the instructor's roster may be during a burst of joins
MARKER_TTL_MS = 10_000  # a marker whose refresh was lost (worker gone) expires on its own


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    """A connection pool, not game state; each process builds its own."""
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def _marker(session_id: int) -> tuple[redis.Redis, str]:
    from config.celery import app

    prefix = (app.conf.broker_transport_options or {}).get("global_keyprefix", "")
    return _client(app.conf.broker_url or settings.REDIS_URL), f"{prefix}screens-due:{session_id}"


def refresh_screens_soon(session_id: int) -> None:
    """Call after commit. Falls back to refreshing at once when Redis or the broker fails:
    the change is then shown as before coalescing, just more expensively."""
    from game.tasks import refresh_screens

    try:
        client, key = _marker(session_id)
        if not client.set(key, 1, nx=True, px=MARKER_TTL_MS):
            return  # a refresh is due and has not started reading: it will show this change
        try:
            refresh_screens.apply_async((session_id,), countdown=DELAY_SECONDS)
        except Exception:
            client.delete(key)
            raise
    except Exception:  # noqa: BLE001 - never fail the join that asked for the refresh
        logger.warning("coalesced screen refresh unavailable; refreshing at once", exc_info=True)
        refresh_screens_now(session_id)


def refresh_screens_now(session_id: int) -> None:
    """The refresh itself (the task's body): clear the marker first, then read and send."""
    from game.models import GameSession
    from game.services.announce import announce_screens

    try:
        client, key = _marker(session_id)
        client.delete(key)
    except Exception:  # noqa: BLE001 - the marker expires by itself
        logger.warning("could not clear the screen-refresh marker", exc_info=True)
    session = GameSession.objects.filter(pk=session_id).first()
    if session is not None:
        announce_screens(session)
