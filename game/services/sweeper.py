"""The sweeper, run by Celery beat every SWEEP_SECONDS: closes rounds at their deadline,
scores rounds whose scoring task was lost, and finishes what a lost after-commit step
left undone (Redis down when the instructor acted, a process killed after a commit):
bots that never played an open round, and the open round's state never announced.
Every step is idempotent and safe to run in two workers at once."""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from game.models import Round, Seat
from game.services import bots, broadcast, rounds
from game.services.announce import announce_session

logger = logging.getLogger(__name__)

# Bots play from a task queued at open; only a round open this long without every bot's
# sheet has lost that task (a second, concurrent bots_play would save a bot's sheet twice).
BOTS_GRACE_SECONDS = 10.0


def sweep() -> int:
    """Everything done, counted. Bots first: a round about to close gets its bots' moves."""
    return rescue_bots() + rounds.close_overdue() + confirm_announcements()


def rescue_bots(grace_seconds: float = BOTS_GRACE_SECONDS) -> int:
    """Bot seats without a sheet in open rounds opened more than `grace_seconds` ago, or
    already past their deadline (a short round must not close without its bots); not
    while the game is paused."""
    now = timezone.now()
    cutoff = now - dt.timedelta(seconds=grace_seconds)
    played = 0
    rounds_due = Round.objects.filter(Q(opened_at__lt=cutoff) | Q(deadline__lt=now), status=Round.Status.OPEN,
                                      session__paused_at__isnull=True)  # a paused game refuses every save
    for rnd in rounds_due:
        waiting = Seat.objects.filter(province__session_id=rnd.session_id).exclude(bot_strategy="").exclude(
            sheets__round=rnd)
        if waiting.exists():
            played += bots.bots_play(round_id=rnd.id)
    return played


def confirm_announcements() -> int:
    """Announce every open round once for each deadline it has, unless that was already
    confirmed: the first announcement (at open or extension) went out from wherever the
    instructor acted, maybe while Redis was down, and nothing there can tell. Here, in a
    worker, sending waits for Redis, so a failure is seen and retried at the next sweep.
    Costs one extra set of views per open or extension, and after a Redis restart."""
    confirmed = 0
    for rnd in Round.objects.filter(status=Round.Status.OPEN).select_related("session"):
        state = f"open:{rnd.deadline.isoformat()}"
        if broadcast.announced(rnd.id) == state:
            continue
        with broadcast.delivery_report() as failed:
            announce_session(rnd.session)  # outside a transaction: sent now
        if failed:
            logger.warning("sweeper: round %s not announced yet (%s)", rnd.id, ", ".join(failed))
            continue
        broadcast.mark_announced(rnd.id, state)
        confirmed += 1
    return confirmed
