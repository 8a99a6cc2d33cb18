"""participants.csv: one row per student who joined: where they sit, and whether they
were moved, renamed or removed (from the event log)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from game.models import Event, Participant
from game.services.exports.context import ExportContext
from game.services.exports.table import CITY, CITY_EN, CITY_ZH, PROVINCE, SEAT, TREATMENT, Column, Row, Table, fixed

COLUMNS = (
    Column("participant", _("Participant id (stable within the session).")),
    Column("display_name", _("Display name the student chose (a pseudonym in anonymised exports).")),
    Column("joined_at", _("When the student joined (ISO 8601, UTC).")),
    PROVINCE, TREATMENT, SEAT, CITY, CITY_EN, CITY_ZH,
    Column("teammates", _("Other participant ids in the same seat now, separated by ';'.")),
    Column("moves", _("How many times the instructor moved the student to another seat.")),
    Column("last_moved_at", _("When the student was last moved.")),
    Column("renames", _("How many times the instructor renamed the student.")),
    Column("removed", _("Whether the instructor removed the student.")),
    Column("removed_at", _("When the student was removed.")),
)


def rows(ctx: ExportContext) -> Iterator[Row]:
    moves: dict[int, list] = {}
    renames: dict[int, int] = {}
    removals: dict[int, object] = {}
    for kind, at, data in (Event.objects.filter(session=ctx.session, kind__in=("moved", "renamed", "removed"))
                           .order_by("at", "id").values_list("kind", "at", "data")):
        pid = data.get("participant")
        if kind == "moved":
            moves.setdefault(pid, []).append(at)
        elif kind == "renamed":
            renames[pid] = renames.get(pid, 0) + 1
        else:
            removals[pid] = at
    people = list(Participant.objects.filter(session=ctx.session).order_by("joined_at", "id")
                  .values_list("id", "joined_at", "seat_id", "removed"))
    by_seat: dict[int, list[int]] = {}
    for pid, _joined, seat_id, _removed in people:
        if seat_id is not None:
            by_seat.setdefault(seat_id, []).append(pid)
    for pid, joined_at, seat_id, removed in people:
        seat = ctx.seats.get(seat_id) if seat_id is not None else None
        en, zh = ctx.city_names(seat.city_id) if seat else ("", "")
        yield {"participant": pid, "display_name": ctx.name(pid), "joined_at": joined_at,
               "province": seat.province if seat else None,
               "treatment": ctx.treatment(seat.province) if seat else "", "seat": seat_id,
               "city_id": seat.city_id if seat else "", "city_en": en, "city_zh": zh,
               "teammates": [p for p in by_seat.get(seat_id, []) if p != pid] if seat else [],
               "moves": len(moves.get(pid, [])), "last_moved_at": (moves.get(pid) or [None])[-1],
               "renames": renames.get(pid, 0), "removed": removed, "removed_at": removals.get(pid)}


TABLE = Table("participants.csv", _("Every student who joined, where they sit, and what the instructor changed."),
              fixed(*COLUMNS), rows)
