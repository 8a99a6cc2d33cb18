"""outcomes.csv: one row per city × scored round, with every figure the engine scored."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from game.engine.types import INDICATORS
from game.models import SeatResult
from game.services.exports.context import ExportContext
from game.services.exports.table import SEAT_COLUMNS, TREATMENT, Column, Row, Table, fixed, seat_cells

POINTS = {
    "rank_prize": _("Points for the rank (the rules' prize schedule; ties share)."),
    "collaboration_reward": _("Collaboration reward points (reported collaboration at or above the bar)."),
    "breach_penalty": _("Penalty points for breaking a binding agreement."),
    "task_penalty": _("Penalty points for missing an assigned task."),
    "audit_penalty": _("Penalty points for an inflated report caught by an audit."),
}
GAINS = {
    "projects": _("GDP gain from industrial projects won (after the duplicate penalty)."),
    "spillover": _("GDP gain from spillovers of completed joint projects."),
    "output": _("GDP gain from shares of joint projects' output."),
    "local": _("GDP gain from local investment (ρ × local investment)."),
    "delayed": _("GDP gain from delayed joint projects paying out this round."),
}
INDICATOR_HELP = {
    "gdp_growth": _("GDP growth indicator, as ranked."),
    "net_fiscal": _("Net fiscal indicator, as ranked."),
    "collaboration": _("Collaboration indicator as ranked (as reported, when reports are on)."),
    "ecology": _("Ecology indicator, as ranked."),
    "public_service": _("Public-service indicator, as ranked."),
}

COLUMNS = (
    *SEAT_COLUMNS,
    TREATMENT,
    Column("played_by", _("Who saved the sheet scored: student, bot, or none (no sheet saved).")),
    Column("gdp_start", _("GDP at the start of the round.")),
    Column("gdp_end", _("GDP at the end of the round (start of the next).")),
    Column("budget", _("Budget for the round.")),
    Column("budget_next", _("Budget for the next round (base budget + retention × fiscal revenue).")),
    Column("won", _("Industrial projects won, separated by ';'.")),
    Column("bids_placed", _("Sum of the bids placed.")),
    Column("bids_paid", _("Bids paid (the winning bids; every bid at or above the reserve under all-pay).")),
    Column("contributions", _("Contributions after enforcement, as JSON {project id: units}.")),
    Column("enforced", _("Units added to contributions by enforcing agreements and assigned tasks.")),
    Column("contributions_spent", _("Contributions spent (to completed projects, or failed ones without refund).")),
    Column("refunds", _("Contributions refunded from failed projects.")),
    Column("compensation_paid", _("Compensation paid for contributing less than the fair share.")),
    Column("compensation_received", _("Compensation received for contributing more than the fair share.")),
    Column("local_investment", _("Budget left to local investment (unspent, returned bids, refunds).")),
    *(Column(f"gdp_gain_{g}", text) for g, text in GAINS.items()),
    Column("gdp_gain", _("Total GDP gain of the round.")),
    Column("fiscal_yield", _("Fiscal yield of industrial projects won.")),
    Column("tax_shares", _("Shares of joint projects' fiscal yield (including delayed pay-outs).")),
    Column("fiscal_revenue", _("Fiscal revenue: fiscal yield + tax shares + compensation received.")),
    Column("ecology", _("Ecology points received.")),
    Column("public_service", _("Public-service points received.")),
    Column("inflation_pct", _("Collaboration report inflation chosen, in percent.")),
    Column("audited", _("Whether the province audited this city's report.")),
    Column("caught", _("Whether the audit caught an inflated report.")),
    Column("collaboration_actual", _("Collaboration indicator before any inflation.")),
    *(Column(f"indicator_{k}", INDICATOR_HELP[k]) for k in INDICATORS),
    *(Column(f"normalised_{k}", _("The indicator before it, normalised within the province (0–1)."))
      for k in INDICATORS),
    Column("composite", _("Weighted sum of the normalised indicators.")),
    Column("rank", _("Rank in the province this round (tied cities share the best rank).")),
    *(Column(f"points_{p}", text) for p, text in POINTS.items()),
    Column("points", _("Points this round: rank prize + collaboration reward − penalties.")),
    Column("cumulative_points", _("Points summed over the rounds so far (the standings).")),
)


def rows(ctx: ExportContext) -> Iterator[Row]:
    cumulative: dict[int, float] = {}
    for rnd in ctx.scored_rounds():
        after = {(number, c["city_id"]): c for number, state in ctx.raw_states_after(rnd).items()
                 for c in state["cities"]}
        played = {seat: "bot" if bot else "student" for seat, bot in ctx.saved_by_bot(rnd).items()}
        results = (SeatResult.objects.filter(round=rnd).order_by("seat__province__number", "seat__position")
                   .values_list("seat_id", "points", "data"))
        for seat_id, points, c in results.iterator(chunk_size=2000):
            seat = ctx.seats[seat_id]
            cumulative[seat_id] = cumulative.get(seat_id, 0.0) + points
            end = after[(seat.province, seat.city_id)]
            row = seat_cells(ctx, rnd.number, seat)
            row.update(treatment=ctx.treatment(seat.province), played_by=played.get(seat_id, "none"),
                       gdp_start=c["gdp_start"], gdp_end=end["gdp"], budget=c["budget"], budget_next=end["budget"],
                       won=c["won"])
            for key in ("bids_placed", "bids_paid", "contributions", "enforced", "contributions_spent", "refunds",
                        "compensation_paid", "compensation_received", "local_investment", "fiscal_yield",
                        "tax_shares", "ecology", "public_service", "inflation_pct", "audited", "caught",
                        "collaboration_actual", "composite", "rank"):
                row[key] = c[key]
            for g in GAINS:
                row[f"gdp_gain_{g}"] = c["gdp_gain"][g]
            row["gdp_gain"] = sum(c["gdp_gain"][g] for g in GAINS)
            row["fiscal_revenue"] = c["fiscal_yield"] + c["tax_shares"] + c["compensation_received"]
            for k in INDICATORS:
                row[f"indicator_{k}"] = c["indicators"][k]
                row[f"normalised_{k}"] = c["normalised"][k]
            for p in POINTS:
                row[f"points_{p}"] = c["points"][p]
            row.update(points=points, cumulative_points=cumulative[seat_id])
            yield row


TABLE = Table("outcomes.csv", _("Every city's scored outcome in every round."), fixed(*COLUMNS), rows)
