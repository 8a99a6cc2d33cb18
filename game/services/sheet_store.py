"""What a save reads and writes, in a fixed few statements written once.

Reading: the participant, their seat, province and session, and the open round locked
FOR SHARE, in one query on PostgreSQL. The ORM built that query again for every save (a select_related
over four tables: about half of a save's CPU in the thread, bench/save_cost.py --profile),
then a second one for the round.

Storing: the sheet upserted and its revision appended in two statements. Through the ORM
a save took four or five round trips (lock the sheet row; create it inside
a savepoint in case a teammate created it first, or count the recent revisions and update
it; add the revision), each a query built and its rows turned into objects: a large part
of the server's CPU per save when a class saves at once (docs/performance.md, issue #12).

1. An upsert on the (round, seat) unique constraint creates the sheet at version 1 or
   moves it to the next version, and locks the row: teammates saving at the same moment
   are ordered by the database, each getting its own version.
2. The revision is appended only if the seat saved fewer than SAVES_PER_WINDOW times in
   the window. This is a new statement, so it sees every save committed before the row
   lock was granted, and the count is exact however teammates race. Nothing appended
   means the limit was reached: the caller's transaction rolls back, the upsert with it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection

from game.models import GameSession, Participant, Province, Round, Seat, Sheet, SheetRevision
from game.services.limits import SAVES_PER_WINDOW, save_window_start, too_many_saves


# What the save path reads of each row; any other field of these objects is deferred (a
# read of it would be a query of its own).
def _fields(model, *names: str) -> tuple[str, ...]:
    """`names` in the model's field order, the order Model.from_db reads values in."""
    return tuple(f.attname for f in model._meta.concrete_fields if not names or f.attname in names)


_PARTICIPANT = _fields(Participant, "id", "removed", "display_name", "seat_id")
_SEAT = _fields(Seat, "id", "city_id", "province_id", "bot_strategy")
_PROVINCE = _fields(Province, "id", "session_id", "treatment")
_SESSION = _fields(GameSession, "id", "status", "paused_at", "scenario_id", "seed", "auto_close")
_ROUND = _fields(Round)
_PARTS = ((Participant, _PARTICIPANT), (Seat, _SEAT), (Province, _PROVINCE), (GameSession, _SESSION), (Round, _ROUND))


def _columns(alias: str, model, names: tuple[str, ...]) -> str:
    column = {f.attname: f.column for f in model._meta.concrete_fields}
    return ", ".join(f"{alias}.{column[n]}" for n in names)


_FROM = f"""
FROM {Participant._meta.db_table} p JOIN {Seat._meta.db_table} s ON s.id = p.seat_id
JOIN {Province._meta.db_table} v ON v.id = s.province_id JOIN {GameSession._meta.db_table} g ON g.id = v.session_id"""
_SELECT = (f"SELECT {_columns('p', Participant, _PARTICIPANT)}, {_columns('s', Seat, _SEAT)}, "
           f"{_columns('v', Province, _PROVINCE)}, {_columns('g', GameSession, _SESSION)}")
_LOAD_WITH_ROUND = (f"{_SELECT}, {_columns('r', Round, _ROUND)} {_FROM} JOIN {Round._meta.db_table} r "
                    f"ON r.session_id = g.id AND r.status = %s WHERE p.id = %s FOR SHARE OF r")
_LOAD = f"{_SELECT} {_FROM} WHERE p.id = %s"
_OPEN_ROUND = f"SELECT {_columns('r', Round, _ROUND)} FROM {Round._meta.db_table} r WHERE r.session_id = %s AND " \
              f"r.status = %s FOR SHARE"


# The fields whose stored value the ORM converts when it reads them (JSON arrives as text).
_CONVERTED = {model: [(i, f) for i, n in enumerate(names) for f in model._meta.concrete_fields
                      if f.attname == n and hasattr(f, "from_db_value")] for model, names in _PARTS}


def _instance(model, names: tuple[str, ...], values: tuple):
    """Model.from_db with each value as the ORM would have read it."""
    if _CONVERTED[model]:
        values = list(values)
        for i, field in _CONVERTED[model]:
            values[i] = field.from_db_value(values[i], None, connection)
    return model.from_db(connection.alias, names, values)


def _build(row: tuple) -> tuple[Participant, Seat, GameSession, Round | None]:
    at = 0
    parts = []
    for model, names in _PARTS:
        values = row[at:at + len(names)]
        at += len(names)
        parts.append(_instance(model, names, values) if len(values) == len(names) else None)
    participant, seat, province, session, rnd = parts
    province.session = session
    seat.province = province
    participant.seat = seat
    return participant, seat, session, rnd


def load_for_save(participant_id: int) -> tuple[Participant, Seat, GameSession, Round | None] | None:
    """A seated participant's row, seat, session and the session's open round, locked FOR
    SHARE (None when there is no open round); None for a participant without a seat or
    gone. PostgreSQL only: elsewhere the ORM's own queries serve (rounds.sheet_save)."""
    with connection.cursor() as cursor:
        cursor.execute(_LOAD_WITH_ROUND, [Round.Status.OPEN.value, participant_id])
        row = cursor.fetchone()
        if row is None:  # no open round (or no seat): read the rest, to say which
            cursor.execute(_LOAD, [participant_id])
            row = cursor.fetchone()
    return _build(row) if row is not None else None


def open_round_shared(session_id: int) -> Round | None:
    """The session's open round, locked FOR SHARE: saves run side by side, while a close
    (FOR UPDATE) waits for the saves in flight and later saves see it closed. PostgreSQL
    only (SQLite serialises writers anyway)."""
    with connection.cursor() as cursor:
        cursor.execute(_OPEN_ROUND, [session_id, Round.Status.OPEN.value])
        row = cursor.fetchone()
    return _instance(Round, _ROUND, row) if row is not None else None

_SHEET, _REVISION = Sheet._meta.db_table, SheetRevision._meta.db_table
_UPSERT = f"""
INSERT INTO {_SHEET} (round_id, seat_id, data, version, saved_by_id, saved_at) VALUES (%s, %s, %s, 1, %s, %s)
ON CONFLICT (round_id, seat_id) DO UPDATE SET data = excluded.data, saved_by_id = excluded.saved_by_id,
    saved_at = excluded.saved_at, version = {_SHEET}.version + 1
RETURNING id, version"""
_APPEND = f"""
INSERT INTO {_REVISION} (sheet_id, version, data, saved_by_id, by_bot, saved_at)
SELECT %s, %s, %s, %s, %s, %s
WHERE %s OR (SELECT count(*) FROM {_REVISION} WHERE sheet_id = %s AND saved_at > %s) < %s
RETURNING id"""


def store_sheet(*, rnd: Round, seat: Seat, participant: Participant | None, data: dict[str, Any], by_bot: bool,
                now: dt.datetime) -> tuple[Sheet, bool]:
    """The stored sheet and whether it is the seat's first save of the round. Call inside
    the save's transaction; GameError("too_many_saves") leaves it to roll back (bots are
    not limited)."""
    ops = connection.ops
    stored = Sheet._meta.get_field("data").get_db_prep_save(data, connection)
    at = ops.adapt_datetimefield_value(now)
    by = participant.pk if participant is not None else None
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [rnd.pk, seat.pk, stored, by, at])
        sheet_id, version = cursor.fetchone()
        cursor.execute(_APPEND, [sheet_id, version, stored, by, by_bot, at,
                                 by_bot, sheet_id, ops.adapt_datetimefield_value(save_window_start(now)),
                                 SAVES_PER_WINDOW])
        if cursor.fetchone() is None:
            raise too_many_saves()
    sheet = Sheet(pk=sheet_id, round=rnd, seat=seat, data=data, version=version, saved_by=participant, saved_at=now)
    return sheet, version == 1
