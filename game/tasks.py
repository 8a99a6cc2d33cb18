"""Celery tasks: thin, load by id, call a service, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from game.services import bots, rounds


@shared_task
def close_round_due(round_id: int, deadline: str) -> bool:
    """Scheduled at open for the deadline; a later extension makes it a no-op."""
    return rounds.round_close(round_id=round_id, actor="deadline", expected_deadline=deadline)


@shared_task
def sweep_overdue_rounds() -> int:
    """Run by beat every few seconds: closes rounds whose deadline task was lost."""
    return rounds.close_overdue()


@shared_task
def score_round_task(round_id: int) -> bool:
    return rounds.round_score(round_id=round_id)


@shared_task
def bots_play(round_id: int) -> int:
    return bots.bots_play(round_id=round_id)
