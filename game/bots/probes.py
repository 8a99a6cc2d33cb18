"""Simple one-seat strategies a clever student tries against the bots (issue #8).

They are probes for the fairness bench (`game/bots/fairness.py`), not seats an
instructor picks, so they stay out of the registry. Each is one idea:
- `local_only`: invest everything at home (the outside option);
- `overpay:F`: pay F × the fair share of every joint project (F = 1 is the honest
  baseline the over-payment bound is measured against), bid like fair_share;
- `half_on_best`: bid half the budget on the most valuable industrial project, pay fair
  shares out of the rest;
- `jump:F`: bid F × the reserve on the two most valuable projects, pay fair shares.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.bots.base import BotView, checked, fit_to_budget, modest_bid
from game.engine import Sheet


class LocalOnly:
    name = "local_only"

    def choose(self, view: BotView) -> Sheet:
        return checked(view, Sheet(view.city_id))


@dataclass(frozen=True)
class Overpay:
    factor: float

    @property
    def name(self) -> str:
        return f"overpay:{self.factor:g}"

    def choose(self, view: BotView) -> Sheet:
        wanted = {p.id: math.ceil(self.factor * view.fair_share(p)) for p in view.my_joint()}
        contributions = fit_to_budget(wanted, view.budget)
        left = view.budget - sum(contributions.values())
        return checked(view, Sheet(view.city_id, modest_bid(view, min(left, view.budget // 5)), contributions))


def _fair_then(view: BotView, bids: dict[str, int]) -> Sheet:
    bids = fit_to_budget(bids, view.budget)
    contributions = fit_to_budget({p.id: view.fair_share(p) for p in view.my_joint()},
                                  view.budget - sum(bids.values()))
    return checked(view, Sheet(view.city_id, bids, contributions))


class HalfOnBest:
    name = "half_on_best"

    def choose(self, view: BotView) -> Sheet:
        best = max(view.offer.industrial, key=lambda p: (p.value, p.id), default=None)
        bid = view.budget // 2
        return _fair_then(view, {best.id: bid} if best and bid >= best.reserve else {})


@dataclass(frozen=True)
class JumpBid:
    factor: float

    @property
    def name(self) -> str:
        return f"jump:{self.factor:g}"

    def choose(self, view: BotView) -> Sheet:
        top = sorted(view.offer.industrial, key=lambda p: (-p.value, p.id))[:2]
        return _fair_then(view, {p.id: math.ceil(self.factor * max(p.reserve, 1)) for p in top})


PROBES = {
    "local_only": LocalOnly,
    "half_on_best": HalfOnBest,
}


def make_probe(name: str):
    """A probe or registry strategy by name (`overpay:2`, `jump:3`, `fair_share`, …)."""
    from game.bots.registry import make_strategy

    kind, _, arg = name.partition(":")
    if kind == "overpay":
        return Overpay(float(arg or 1))
    if kind == "jump":
        return JumpBid(float(arg or 2))
    if kind in PROBES:
        return PROBES[kind]()
    return make_strategy(name)
