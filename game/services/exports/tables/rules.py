"""rules.csv: the rules in force, one row per round × province, one column per parameter
(the columns follow the engine's Rules, so a new parameter appears by itself)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from game.engine import Rules
from game.engine.serialize import to_data
from game.services.exports.context import ExportContext
from game.services.exports.table import PROVINCE, ROUND, TREATMENT, Column, Row, Table

PARAM_HELP = {
    "weights.gdp_growth": _("Weight of the GDP growth indicator in the composite."),
    "weights.net_fiscal": _("Weight of the net fiscal indicator."),
    "weights.collaboration": _("Weight of the collaboration indicator."),
    "weights.ecology": _("Weight of the ecology indicator."),
    "weights.public_service": _("Weight of the public-service indicator."),
    "prizes": _("Points by rank, separated by ';' (ranks beyond get 0)."),
    "all_pay": _("All-pay auctions: every bid at or above the reserve is paid."),
    "reveal_losing_bids": _("Losing bids are published after scoring."),
    "duplicate_penalty": _("Share of a project's value lost when the sector is already hosted next door."),
    "gdp_accounting": _("How joint projects' output is split: host, equal or contribution."),
    "tax_sharing": _("How joint projects' fiscal yield is split: host, equal or contribution."),
    "refund_failed": _("Contributions to a failed joint project are refunded."),
    "compensation_rate": _("Compensation rate k for contributing less than the fair share."),
    "reporting": _("Cities report their collaboration (and may inflate it)."),
    "audit_probability": _("Probability that a city's report is audited."),
    "audit_penalty": _("Points lost by an inflater caught by an audit."),
    "collaboration_bar": _("Reported collaboration needed for the collaboration reward."),
    "collaboration_reward": _("Points of the collaboration reward."),
    "binding_agreements": _("Signed agreements are enforced."),
    "enforce_tasks": _("Assigned tasks are enforced."),
    "breach_penalty": _("Points lost for breaking an agreement."),
    "task_penalty": _("Points lost for missing an assigned task."),
    "retention_rate": _("Share of fiscal revenue kept as next round's extra budget."),
}


def flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def columns(ctx: ExportContext) -> tuple[Column, ...]:
    params = [Column(name, PARAM_HELP.get(name, _("A rule parameter (see docs/rules.md)."))) for name in
              flat(to_data(Rules()))]
    return (ROUND, PROVINCE, TREATMENT,
            Column("round_status", _("The round's status: open, closed, scored (or draft: not yet played).")),
            Column("rules_version", _("Version number of the rules record (a change makes a new version).")),
            Column("preset", _("The preset the rules came from (empty when edited by hand).")),
            Column("seed", _("Seed of the province's random draws (ties, audits).")),
            *params)


def rows(ctx: ExportContext) -> Iterator[Row]:
    numbers = sorted(set(ctx.provinces.values()))
    for rnd in ctx.rounds:
        for number in numbers:
            params = flat(to_data(ctx.rules(rnd, number)))
            version = ctx.version(rnd, number)
            yield {"round": rnd.number, "province": number, "treatment": ctx.treatment(number),
                   "round_status": rnd.status, "rules_version": version.version, "preset": version.preset,
                   "seed": ctx.seed(number), **params}


TABLE = Table("rules.csv", _("The rules in force for each province in each round."), columns, rows)
