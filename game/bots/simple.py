"""The simple scripted players: always_compete, fair_share, random and reciprocal."""

from __future__ import annotations

from game.bots.base import (
    BotView,
    checked,
    cooperation_rate,
    fair_share_contributions,
    fit_to_budget,
    modest_bid,
)
from game.engine import Sheet


class AlwaysCompete:
    """Puts the whole budget into bids, spread over the projects in proportion to value."""

    name = "always_compete"

    def choose(self, view: BotView) -> Sheet:
        projects = view.offer.industrial
        total_value = sum(p.value for p in projects)
        bids: dict[str, int] = {}
        if total_value > 0:
            bids = {p.id: int(view.budget * p.value / total_value) for p in projects}
            bids = {k: v for k, v in bids.items() if v > 0}
        return checked(view, Sheet(view.city_id, bids, {}))


class FairShare:
    """Pays its fair share of every joint project it belongs to, bids the reserve on one
    project and invests the rest locally."""

    name = "fair_share"

    def choose(self, view: BotView) -> Sheet:
        contributions = fair_share_contributions(view, view.my_joint())
        left = view.budget - sum(contributions.values())
        return checked(
            view, Sheet(view.city_id, modest_bid(view, min(left, view.budget // 5)), contributions)
        )


class RandomPlayer:
    """Seeded random sheets: any mix of bids, contributions and (when reported) inflation."""

    name = "random"

    def choose(self, view: BotView) -> Sheet:
        rng = view.rng("random")
        bids = {
            p.id: rng.randint(0, 2 * max(p.reserve, 1)) for p in view.offer.industrial if rng.random() < 0.5
        }
        contributions = {p.id: rng.randint(0, 2 * view.fair_share(p)) for p in view.my_joint()}
        amounts = fit_to_budget(
            {**{"b:" + k: v for k, v in bids.items()}, **{"c:" + k: v for k, v in contributions.items()}},
            view.budget,
        )
        inflation = rng.choice((0, 0, 10, 25, 50)) if view.rules.reporting else 0
        return checked(
            view,
            Sheet(
                view.city_id,
                {k[2:]: v for k, v in amounts.items() if k.startswith("b:")},
                {k[2:]: v for k, v in amounts.items() if k.startswith("c:")},
                inflation,
            ),
        )


class Reciprocal:
    """Tit-for-tat on joint projects: pays its fair share of a project when every other
    member paid at least its fair shares last round (or was in no project then); starts
    by cooperating. Bids like fair_share."""

    name = "reciprocal"

    def choose(self, view: BotView) -> Sheet:
        last = view.history[-1] if view.history else None
        chosen = []
        for project in view.my_joint():
            others = [m for m in project.members if m != view.city_id]
            rates = [cooperation_rate(last, view.province, m) for m in others] if last else []
            if all(r is None or r >= 0.999 for r in rates):
                chosen.append(project)
        contributions = fair_share_contributions(view, chosen)
        left = view.budget - sum(contributions.values())
        return checked(
            view, Sheet(view.city_id, modest_bid(view, min(left, view.budget // 5)), contributions)
        )
