"""Celery tasks of the platform: thin, load by id, call a service, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from coordination import bots


@shared_task
def sweep_bot_answers() -> int:
    """Run by beat every SWEEP_SECONDS: bot parties answer proposals that have waited
    BOT_ANSWER_SECONDS (from the database: no countdown task waits in the broker)."""
    return bots.bots_answer_due()


@shared_task
def bots_resave(round_id: int, seat_ids: list[int]) -> int:
    return bots.bots_resave(round_id=round_id, seat_ids=seat_ids)


@shared_task
def bots_propose(round_id: int) -> int:
    return bots.bots_propose(round_id=round_id)
