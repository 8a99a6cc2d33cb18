"""The instructor's housekeeping: pause and resume the open round, duplicate a session's
settings for the next class, delete a session.

A pause stops the clock everywhere: `GameSession.paused_at` is set, saves are refused
with a message saying so (`sheet_save`), the sweeper leaves the round open whatever its
deadline (`round_close(due_before=…)`), and no bot is handed an absent seat. Resuming
moves the deadline on by the length of the pause, so every student gets back exactly
the time that was left. "Close now" and "End session" also end a pause.
"""

from __future__ import annotations

import itertools
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from game.models import GameSession, Round
from game.services import broadcast
from game.services.announce import announce_session
from game.services.errors import GameError
from game.services.sessions import check_owner, log, session_create
from game.services.treatments import treatments_text

logger = logging.getLogger(__name__)


@transaction.atomic
def session_pause(*, session: GameSession, user) -> GameSession:
    check_owner(session, user)
    session = GameSession.objects.select_for_update().get(pk=session.pk)
    if session.paused_at is not None:
        raise GameError("paused", _("The game is already paused."))
    rnd = Round.objects.select_for_update().filter(session=session, status=Round.Status.OPEN).first()
    if rnd is None or session.status != GameSession.Status.RUNNING:
        raise GameError("not_open", _("Only an open round can be paused."))
    session.paused_at = timezone.now()
    session.save(update_fields=["paused_at"])
    left = (rnd.deadline - session.paused_at).total_seconds()
    log(session, "paused", user.get_username(), round=rnd.number, left=left)
    announce_session(session)
    return session


@transaction.atomic
def session_resume(*, session: GameSession, user) -> GameSession:
    check_owner(session, user)
    session = GameSession.objects.select_for_update().get(pk=session.pk)
    if session.paused_at is None:
        raise GameError("not_paused", _("The game is not paused."))
    now = timezone.now()
    rnd = Round.objects.select_for_update().filter(session=session, status=Round.Status.OPEN).first()
    if rnd is not None:
        rnd.deadline += now - session.paused_at
        rnd.save(update_fields=["deadline"])
    log(session, "resumed", user.get_username(), paused_for=(now - session.paused_at).total_seconds(),
        deadline=rnd.deadline.isoformat() if rnd else None)
    session.paused_at = None
    session.save(update_fields=["paused_at"])
    announce_session(session)
    return session


def schedule_text(schedule: list[str]) -> str:
    """A stored schedule (one preset per round) as the text the form takes back."""
    return ",".join(f"{preset}:{len(list(run))}" for preset, run in itertools.groupby(schedule))


def session_duplicate(*, session: GameSession, user) -> GameSession:
    """A new session in the lobby with the same settings (not its students or results)."""
    check_owner(session, user)
    copy = session_create(
        instructor=user, title=_("%(title)s (copy)") % {"title": session.title}, scenario_id=session.scenario_id,
        total_rounds=session.total_rounds, round_seconds=session.round_seconds,
        schedule=schedule_text(session.schedule), students_per_seat=session.students_per_seat,
        fill_with_bots=session.fill_with_bots, bot_strategy=session.bot_strategy, auto_close=session.auto_close,
        max_provinces=session.max_provinces, absent_rounds=session.absent_rounds,
        treatments=treatments_text(session.treatments))
    log(copy, "duplicated", user.get_username(), source=session.id)
    return copy


@transaction.atomic
def session_delete(*, session: GameSession, user, confirm: bool) -> None:
    """Delete a session and everything in it (rounds, sheets, results, events). Its
    students' pages are told they have no seat any more."""
    check_owner(session, user)
    if not confirm:
        raise GameError("confirm", _("Deleting a session needs a confirmation."))
    session = GameSession.objects.select_for_update().get(pk=session.pk)
    people = list(session.participants.values_list("id", flat=True))
    logger.info("session %s (%s) deleted by %s", session.id, session.code, user.get_username())
    session.rounds.all().delete()  # rounds protect their rules versions: they go first
    session.delete()
    for pid in people:
        broadcast.send_control_on_commit(broadcast.participant_group(pid), "removed")
