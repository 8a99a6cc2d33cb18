"""events.csv: the session's event log, in order, with timestamps."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from game.models import Event
from game.services.exports.context import ExportContext
from game.services.exports.table import Column, Row, Table, fixed

COLUMNS = (
    Column("event", _("Event id (increasing).")),
    Column("at", _("When it happened (ISO 8601, UTC).")),
    Column("kind", _("What happened: session_created, joined, renamed, moved, removed, bot_set, round_opened, "
                     "round_extended, round_closed, round_scored, rules_set, session_ended, …")),
    Column("actor", _("Who did it: the instructor, a student's name (pseudonym), or the system (engine, "
                      "deadline, sweeper, all submitted).")),
    Column("data", _("The event's details, as JSON.")),
)


def rows(ctx: ExportContext) -> Iterator[Row]:
    events = Event.objects.filter(session=ctx.session).order_by("at", "id").values_list("id", "at", "kind", "actor",
                                                                                         "data")
    for event_id, at, kind, actor, data in events.iterator(chunk_size=2000):
        yield {"event": event_id, "at": at, "kind": kind, "actor": ctx.actor(actor), "data": ctx.scrub(data)}


TABLE = Table("events.csv", _("The event log of the session."), fixed(*COLUMNS), rows)
