"""decisions.csv: one row per city × round × item it could decide (each industrial
project's bid, each joint project's contribution, the report inflation when the rules
ask for reports), from the last saved sheet."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from game.engine.validate import sheets_to_score
from game.models import Round, Sheet
from game.services.exports.context import ExportContext
from game.services.exports.table import SEAT_COLUMNS, Column, Row, Table, fixed, seat_cells

COLUMNS = (
    *SEAT_COLUMNS,
    Column("item", _("What is decided: bid (industrial project), contribution (joint project) or inflation "
                     "(collaboration report inflation, %).")),
    Column("project_id", _("Project id (empty for inflation).")),
    Column("amount", _("Units bid or contributed, or the inflation in percent; 0 when the sheet left it out.")),
    Column("has_sheet", _("Whether the seat saved a sheet this round (without one it invests its whole budget "
                          "locally).")),
    Column("sheet_version", _("Version of the last saved sheet (1 = first save).")),
    Column("saved_at", _("When the last sheet was saved (ISO 8601, UTC).")),
    Column("saved_by", _("Participant id of the student who saved it (empty for a bot).")),
    Column("saved_by_name", _("Display name (or pseudonym) of the student who saved it.")),
    Column("by_bot", _("Whether a bot saved the last sheet.")),
    Column("counted", _("Whether the sheet was valid when the round was scored (an invalid one is ignored); "
                        "empty before scoring.")),
)


def rows(ctx: ExportContext) -> Iterator[Row]:
    for rnd in ctx.played_rounds():
        offer = ctx.offer(rnd)
        sheets = {s["seat_id"]: s for s in Sheet.objects.filter(round=rnd).values(
            "seat_id", "data", "version", "saved_at", "saved_by_id")}
        bots = ctx.saved_by_bot(rnd)
        counted = _counted(ctx, rnd, sheets) if rnd.status == Round.Status.SCORED else None
        for seat in ctx.seats.values():
            rules = ctx.rules(rnd, seat.province)
            sheet = sheets.get(seat.id)
            data = sheet["data"] if sheet else {}
            bids, contributions = data.get("bids", {}), data.get("contributions", {})
            items = [("bid", p.id, bids.get(p.id, 0)) for p in offer.industrial]
            items += [("contribution", p.id, contributions.get(p.id, 0))
                      for p in offer.joint if seat.city_id in p.members]
            if rules.reporting or data.get("inflation_pct"):
                items.append(("inflation", "", data.get("inflation_pct", 0)))
            common = seat_cells(ctx, rnd.number, seat)
            common.update(
                has_sheet=sheet is not None,
                sheet_version=sheet["version"] if sheet else None,
                # once per seat, not per item: a cell is converted once whatever the row count
                saved_at=sheet["saved_at"].isoformat() if sheet else None,
                saved_by=sheet["saved_by_id"] if sheet else None,
                saved_by_name=ctx.name(sheet["saved_by_id"]) if sheet else "",
                by_bot=bots.get(seat.id) if sheet else None,
                counted=None if counted is None else seat.id in counted,
            )
            for item, project_id, amount in items:
                row = common.copy()
                row["item"], row["project_id"], row["amount"] = item, project_id, amount
                yield row


def _counted(ctx: ExportContext, rnd: Round, sheets: dict) -> set[int]:
    """Seats whose sheet the scoring used (the same rule as the live scoring)."""
    before = ctx.states_after(ctx.rounds[rnd.number - 2]) if rnd.number > 1 else {}
    initial = ctx.initial_state()
    out: set[int] = set()
    for number, seats in ctx.seats_by_province().items():
        seat_ids = {s.city_id: s.id for s in seats}
        saved = {city: sheets[sid]["data"] for city, sid in seat_ids.items() if sid in sheets}
        used = sheets_to_score(ctx.scenario.province, before.get(number, initial), ctx.rules(rnd, number),
                               ctx.offer(rnd), saved)
        out |= {seat_ids[city] for city in used}
    return out


TABLE = Table("decisions.csv", _("The last saved sheet of every city in every round, one row per item."),
              fixed(*COLUMNS), rows)
