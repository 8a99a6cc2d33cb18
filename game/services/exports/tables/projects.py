"""projects.csv: one row per project offered × province × scored round, with what was
offered and what happened (every bid, winner and price; every contribution, completion
and pay-outs)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from game.models import ProvinceResult
from game.services.exports.context import ExportContext
from game.services.exports.table import PROVINCE, ROUND, Column, Row, Table, fixed

COLUMNS = (
    ROUND, PROVINCE,
    Column("kind", _("industrial (sealed-bid auction) or joint (threshold public good).")),
    Column("project_id", _("Project id from the scenario.")),
    Column("name_en", _("Project name in English.")),
    Column("name_zh", _("Project name in Chinese.")),
    Column("sector", _("Industrial: the sector. Joint: the type (infrastructure, ecology, …).")),
    Column("value", _("Industrial: GDP value V for the winner.")),
    Column("fiscal_yield", _("Fiscal yield Y (industrial: to the winner; joint: split by the tax-sharing rule).")),
    Column("reserve", _("Industrial: the lowest bid that can win.")),
    Column("bids", _("Industrial: every bid placed, as JSON {city id: units}.")),
    Column("winner", _("Industrial: the winning city (empty when nobody bid at the reserve).")),
    Column("winning_bid", _("Industrial: the winning bid.")),
    Column("price_paid", _("Industrial: what the winner paid (after any bid discount).")),
    Column("tied", _("Industrial: cities tied on the highest bid (the seeded draw chose the winner), ';'.")),
    Column("duplicate", _("Industrial: the winner or a neighbour already hosted the sector (value reduced).")),
    Column("members", _("Joint: member cities, separated by ';'.")),
    Column("host", _("Joint: the host city.")),
    Column("threshold", _("Joint: the threshold T the contributions must reach.")),
    Column("spillover", _("Joint: spillover S paid to every member on completion.")),
    Column("output", _("Joint: park output Q, split by the GDP accounting rule.")),
    Column("points", _("Joint: ecology or public-service points E, split by contribution.")),
    Column("delay", _("Joint: rounds until it pays out.")),
    Column("total_contributed", _("Joint: contributions after enforcement, summed.")),
    Column("contributions", _("Joint: contributions after enforcement, as JSON {city id: units}.")),
    Column("completed", _("Joint: whether the contributions reached the threshold.")),
    Column("refunded", _("Joint: whether contributions to a failed project were refunded.")),
    Column("pays_in_round", _("Joint: the round it pays out in (empty when not completed or too late).")),
    Column("gdp_shares", _("Joint: GDP paid to each member (S + share of Q), as JSON.")),
    Column("fiscal_shares", _("Joint: fiscal yield paid to each member, as JSON.")),
    Column("point_shares", _("Joint: points paid to each member, as JSON.")),
)


def rows(ctx: ExportContext) -> Iterator[Row]:
    for rnd in ctx.scored_rounds():
        offer = ctx.offer(rnd)
        industrial = {p.id: p for p in offer.industrial}
        joint = offer.joint_by_id()
        results = (ProvinceResult.objects.filter(round=rnd).order_by("province__number")
                   .values_list("province__number", "data"))
        for number, data in results.iterator(chunk_size=200):
            for o in data["industrial"]:
                p = industrial[o["project_id"]]
                yield {"round": rnd.number, "province": number, "kind": "industrial", "project_id": p.id,
                       "name_en": p.name_en, "name_zh": p.name_zh, "sector": p.sector, "value": p.value,
                       "fiscal_yield": p.fiscal_yield, "reserve": p.reserve, "bids": o["bids"],
                       "winner": o["winner"], "winning_bid": o["winning_bid"], "price_paid": o["price_paid"],
                       "tied": o["tied"], "duplicate": o["duplicate"]}
            for o in data["joint"]:
                p = joint[o["project_id"]]
                yield {"round": rnd.number, "province": number, "kind": "joint", "project_id": p.id,
                       "name_en": p.name_en, "name_zh": p.name_zh, "sector": p.type, "fiscal_yield": p.fiscal_yield,
                       "members": list(p.members), "host": p.host, "threshold": p.threshold,
                       "spillover": p.spillover, "output": p.output, "points": p.points, "delay": p.delay,
                       "total_contributed": o["total_contributed"], "contributions": o["contributions"],
                       "completed": o["completed"], "refunded": o["refunded"], "pays_in_round": o["pays_in_round"],
                       "gdp_shares": o["gdp_shares"], "fiscal_shares": o["fiscal_shares"],
                       "point_shares": o["point_shares"]}


TABLE = Table("projects.csv", _("Every project offered in every province and scored round, and what happened."),
              fixed(*COLUMNS), rows)
