"""chat.csv: every chat message and announcement line of the session, in order. Left out
of anonymised exports (chat text is free text people typed)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from coordination.chat_models import ChatMessage
from game.services.exports.context import ExportContext
from game.services.exports.table import PROVINCE, Column, Row, Table, fixed

COLUMNS = (
    Column("message", _("Message id (increasing).")),
    Column("at", _("When it was posted (ISO 8601, UTC).")),
    PROVINCE,
    Column("channel", _("province (every city of the province) or pair:<city>|<city> (two cities).")),
    Column("kind", _("text (a message) or announcement (the instructor's announcement to the province).")),
    Column("city_id", _("The author's city (empty when the province government wrote it).")),
    Column("participant", _("Participant id of the student who wrote it (empty for the instructor).")),
    Column("author_name", _("The author's display name when it was posted.")),
    Column("text", _("What was written.")),
    Column("hidden_at", _("When the instructor hid it from the students (kept here).")),
)


def rows(ctx: ExportContext) -> Iterator[Row]:
    messages = (ChatMessage.objects.filter(session=ctx.session).order_by("id")
                .values_list("id", "created_at", "province_id", "channel", "kind", "city", "participant_id",
                             "author_name", "body", "hidden_at"))
    for mid, at, pid, channel, kind, city, participant, author, body, hidden in messages.iterator(chunk_size=2000):
        yield {"message": mid, "at": at, "province": ctx.provinces.get(pid), "channel": channel, "kind": kind,
               "city_id": city, "participant": participant, "author_name": author, "text": body,
               "hidden_at": hidden}


TABLE = Table("chat.csv", _("The province chats and announcements, every message in order."), fixed(*COLUMNS),
              rows, anonymised_out=True)
