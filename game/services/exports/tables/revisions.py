"""revisions.csv: every save of every sheet, in order."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from game.models import SheetRevision
from game.services.exports.context import ExportContext
from game.services.exports.table import SEAT_COLUMNS, Column, Row, Table, fixed, seat_cells

COLUMNS = (
    *SEAT_COLUMNS,
    Column("version", _("Version of the sheet this save made (1 = first save of the round).")),
    Column("saved_at", _("When it was saved (ISO 8601, UTC).")),
    Column("saved_by", _("Participant id of the student who saved it (empty for a bot).")),
    Column("saved_by_name", _("Display name (or pseudonym) of the student who saved it.")),
    Column("by_bot", _("Whether a bot saved it.")),
    Column("bids", _("Bids saved, as JSON {project id: units}.")),
    Column("contributions", _("Contributions saved, as JSON {project id: units}.")),
    Column("inflation_pct", _("Collaboration report inflation saved, in percent.")),
    Column("total_bids", _("Sum of the bids saved.")),
    Column("total_contributions", _("Sum of the contributions saved.")),
)


def rows(ctx: ExportContext) -> Iterator[Row]:
    revisions = (SheetRevision.objects.filter(sheet__round__session=ctx.session)
                 .order_by("sheet__round__number", "sheet__seat__province__number", "sheet__seat__position", "version")
                 .values_list("sheet__round__number", "sheet__seat_id", "version", "saved_at", "saved_by_id",
                              "by_bot", "data"))
    for number, seat_id, version, saved_at, saved_by, by_bot, data in revisions.iterator(chunk_size=2000):
        bids, contributions = data.get("bids", {}), data.get("contributions", {})
        yield {**seat_cells(ctx, number, ctx.seats[seat_id]), "version": version, "saved_at": saved_at,
               "saved_by": saved_by, "saved_by_name": ctx.name(saved_by), "by_bot": by_bot, "bids": bids,
               "contributions": contributions, "inflation_pct": data.get("inflation_pct", 0),
               "total_bids": sum(bids.values()), "total_contributions": sum(contributions.values())}


TABLE = Table("revisions.csv", _("Every save of every sheet, in order."), fixed(*COLUMNS), rows)
