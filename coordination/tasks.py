"""Celery tasks of the platform: thin, load by id, call a service, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from coordination import bots


@shared_task
def bots_answer(agreement_id: int) -> int:
    return bots.bots_answer(agreement_id=agreement_id)


@shared_task
def bots_resave(round_id: int, seat_ids: list[int]) -> int:
    return bots.bots_resave(round_id=round_id, seat_ids=seat_ids)


@shared_task
def bots_propose(round_id: int) -> int:
    return bots.bots_propose(round_id=round_id)
