"""Who is here: students' sockets and heartbeats, kept in the database so every server
process sees the same; the panel told at most every sweep; absent seats handed to a bot.

A student's page opens a socket (`presence_connect`), pings every 25 s saying whether it
is idle (hidden, or untouched for two minutes: `presence_beat`), and closes
(`presence_leave`). A student is
- **online** with an open socket and a heartbeat younger than PRESENCE_TTL_SECONDS,
- **idle** the same, but their page said it is idle,
- **gone** otherwise (a server that died with open sockets stops its heartbeats, so its
  socket count is not trusted past the TTL).

Nothing is sent per heartbeat: `presence_sweep` (Celery beat, every PRESENCE_SWEEP_SECONDS)
compares each live session's states with the digest it last sent and, when they differ,
sends one `presence` message to the instructor and one count to the projector; students
get nothing. It also hands a seat whose students have all been gone for
`session.absent_rounds` rounds' time to the session's bot (`Seat.stand_in`); the first of
them to connect again takes it back (`presence_connect`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction
from django.db.models import Case, F, PositiveSmallIntegerField, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone

from game.models import GameSession, Participant, Round, Seat
from game.services import broadcast

PRESENCE_TTL_SECONDS = 70  # pages ping every 25 s: two missed pings and a margin
ONLINE, IDLE, GONE = "online", "idle", "gone"


def _stale(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(seconds=PRESENCE_TTL_SECONDS)


def presence_connect(*, participant_id: int) -> bool:
    """A socket of this student opened. Returns True when it took its seat back from a bot
    standing in."""
    now = timezone.now()
    Participant.objects.filter(pk=participant_id).update(
        # a count left by a server that died is not trusted once its heartbeats are stale
        sockets=Case(When(last_seen__lt=_stale(now), then=Value(1)), When(last_seen__isnull=True, then=Value(1)),
                     default=F("sockets") + 1, output_field=PositiveSmallIntegerField()),
        last_seen=now, idle=False)
    return seat_take_back(participant_id=participant_id)


# A heartbeat that changes nothing is written only when last_seen is this old: half the
# writes at 25 s pings, still well inside the TTL. Every write competes with the game's own
# (on SQLite one writer at a time), and a read is cheap.
REFRESH_SECONDS = 40


def presence_beat(*, participant_id: int, idle: bool) -> None:
    now = timezone.now()
    row = Participant.objects.filter(pk=participant_id).values_list("idle", "last_seen", "sockets").first()
    if row is None:
        return
    if row[0] == idle and row[2] > 0 and row[1] is not None and row[1] > now - dt.timedelta(seconds=REFRESH_SECONDS):
        return
    Participant.objects.filter(pk=participant_id).update(
        last_seen=timezone.now(), idle=idle,
        sockets=Case(When(sockets=0, then=Value(1)), default=F("sockets"), output_field=PositiveSmallIntegerField()))


def presence_leave(*, participant_id: int) -> None:
    Participant.objects.filter(pk=participant_id).update(sockets=Greatest(F("sockets") - 1, 0,
                                                                          output_field=PositiveSmallIntegerField()),
                                                         last_seen=timezone.now())


def state_of(sockets: int, last_seen: dt.datetime | None, idle: bool, now: dt.datetime) -> str:
    if sockets <= 0 or last_seen is None or last_seen < _stale(now):
        return GONE
    return IDLE if idle else ONLINE


def presence_states(session: GameSession, now: dt.datetime | None = None) -> dict[int, str]:
    """Participant id → online / idle / gone, for every seated-or-waiting student."""
    now = now or timezone.now()
    rows = Participant.objects.filter(session=session, removed=False).values_list("id", "sockets", "last_seen",
                                                                                   "idle")
    return {pid: state_of(sockets, seen, idle, now) for pid, sockets, seen, idle in rows}


def counts(states: dict[int, str]) -> dict[str, int]:
    out = {ONLINE: 0, IDLE: 0, GONE: 0}
    for state in states.values():
        out[state] += 1
    return out


def instructor_presence(states: dict[int, str]) -> dict[str, Any]:
    """For the panel: each student's state (the roster maps them to seats and provinces)."""
    return {"type": "presence", **counts(states), "participants": {str(k): v for k, v in states.items()}}


def projector_presence(states: dict[int, str]) -> dict[str, Any]:
    """For the projector: only how many are here (a public screen names nobody's state)."""
    c = counts(states)
    return {"type": "presence", "online": c[ONLINE] + c[IDLE], "joined": len(states)}


@transaction.atomic
def seat_take_back(*, participant_id: int) -> bool:
    """A returning student takes their seat back from the bot standing in for them. The
    bot's sheet for the open round stays until the student saves their own."""
    participant = Participant.objects.select_related("seat__province__session").filter(
        pk=participant_id, removed=False, seat__stand_in=True).first()
    if participant is None:
        return False
    seat = Seat.objects.select_for_update().get(pk=participant.seat_id)
    if not seat.stand_in:
        return False
    seat.bot_strategy, seat.stand_in = "", False
    seat.save(update_fields=["bot_strategy", "stand_in"])
    session = participant.seat.province.session
    _log(session, "seat_taken_back", participant.display_name, seat=seat.id, participant=participant.id)
    _announce(session, participant.seat.province)
    return True


def _log(session: GameSession, kind: str, actor: str, **data: Any) -> None:
    from game.services.sessions import log

    log(session, kind, actor, **data)


def _announce(session: GameSession, *provinces) -> None:
    from game.services.announce import announce_session

    announce_session(session, provinces)


def presence_sweep(now: dt.datetime | None = None) -> int:
    """Run by beat: tell each live session's panel and projector what changed since the
    last sweep, and hand long-absent seats to a bot. Returns how many sessions were told."""
    now = now or timezone.now()
    told = 0
    for session in GameSession.objects.exclude(status=GameSession.Status.ENDED).filter(
            participants__isnull=False).distinct():
        states = presence_states(session, now)
        if session.status == GameSession.Status.RUNNING:
            stand_ins_set(session=session, states=states, now=now)
        digest = hashlib.sha1(json.dumps(sorted(states.items())).encode()).hexdigest()
        # a conditional update: two sweepers at once send it once
        if GameSession.objects.filter(pk=session.pk).exclude(presence_digest=digest).update(presence_digest=digest):
            broadcast.send_many_now([(broadcast.instructor_group(session.id), instructor_presence(states)),
                                     (broadcast.projector_group(session.id), projector_presence(states))])
            told += 1
    return told


@transaction.atomic
def stand_ins_set(*, session: GameSession, states: dict[int, str], now: dt.datetime) -> list[int]:
    """Seats whose students have all been gone for `absent_rounds` rounds' time get the
    session's bot, standing in, while a round is open and the session not paused."""
    if session.absent_rounds <= 0 or session.paused_at is not None:
        return []
    open_round = session.rounds.filter(status=Round.Status.OPEN).values_list("id", flat=True).first()
    if open_round is None:
        return []
    since = now - dt.timedelta(seconds=session.absent_rounds * session.round_seconds)
    seen: dict[int, list[tuple[str, dt.datetime]]] = {}
    for pid, seat_id, last_seen, joined in Participant.objects.filter(
            session=session, removed=False, seat__isnull=False, seat__bot_strategy="").values_list(
            "id", "seat_id", "last_seen", "joined_at"):
        seen.setdefault(seat_id, []).append((states.get(pid, GONE), last_seen or joined))
    absent = [seat_id for seat_id, people in seen.items()
              if all(state == GONE and when <= since for state, when in people)]
    if not absent:
        return []
    seats = list(Seat.objects.select_for_update().select_related("province").filter(pk__in=absent, bot_strategy=""))
    for seat in seats:
        seat.bot_strategy, seat.stand_in = session.bot_strategy, True
        seat.save(update_fields=["bot_strategy", "stand_in"])
        _log(session, "stand_in", "presence", seat=seat.id, strategy=session.bot_strategy)
    if seats:
        from game.tasks import bots_play

        broadcast.on_commit(lambda: bots_play.delay(open_round), "bots' moves")
        _announce(session, *{s.province_id: s.province for s in seats}.values())
    return [s.id for s in seats]
