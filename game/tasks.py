"""Celery tasks: thin, load by id, call a service, safe to run twice."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_init
from django.db import DatabaseError, close_old_connections

from game.services import announce_soon, bots, presence, rounds, sweeper


@shared_task
def sweep_overdue_rounds() -> int:
    """Run by beat every SWEEP_SECONDS: closes rounds at their deadline (no task waits in
    the broker for it), scores rounds whose scoring task was lost, plays bots and
    announces rounds whose after-commit step was lost."""
    return sweeper.sweep()


@shared_task
def sweep_presence() -> int:
    """Run by beat every PRESENCE_SWEEP_SECONDS: tells panels and projectors who is here
    (coalesced: nothing per heartbeat) and hands long-absent seats to a bot."""
    return presence.presence_sweep()


@shared_task
def score_round_task(round_id: int) -> bool:
    return rounds.round_score(round_id=round_id)


@shared_task
def bots_play(round_id: int) -> int:
    return bots.bots_play(round_id=round_id)


@shared_task
def announce_session_task(session_id: int) -> None:
    """Scheduled by a burst of joins (game/services/announce_soon.py)."""
    announce_soon.announce_session_now(session_id)


@worker_process_init.connect
def _warm_up(**_kwargs) -> None:
    """Each worker process pays its imports and first queries before it takes a task,
    not while a classroom waits for the ranking."""
    from channels.layers import get_channel_layer

    from game.models import GameSession
    from game.services.broadcast import use_sender_loop
    from game.services.selectors import province_payloads

    use_sender_loop()
    get_channel_layer()
    try:
        session = GameSession.objects.order_by("-id").first()
        if session is not None:
            province_payloads(session)
    except DatabaseError:  # not migrated yet: nothing to warm
        pass
    finally:
        close_old_connections()
