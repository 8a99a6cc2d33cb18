"""What a bot knows when it chooses, and helpers every strategy shares."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from game.engine import (
    Agreement,
    AssignedTask,
    City,
    CityState,
    JointProject,
    Province,
    ProvinceState,
    RoundOffer,
    RoundResult,
    Rules,
    Sheet,
    fair_shares,
    validate_sheet,
)
from game.engine.commitments import binding_minimums, commitments_of, honour


@dataclass(frozen=True, slots=True)
class RoundRecord:
    """One past round as a bot remembers it: the offer, every sheet and (in simulation)
    the result; no strategy needs the result, so the live game leaves it out."""

    offer: RoundOffer
    sheets: Mapping[str, Sheet]
    result: RoundResult | None = None
    agreements: tuple[Agreement, ...] = ()  # signed that round (simulation)


@dataclass(frozen=True, slots=True)
class BotView:
    province: Province
    state: ProvinceState
    rules: Rules
    offer: RoundOffer
    city_id: str
    history: tuple[RoundRecord, ...]
    seed: int
    # The round's signed agreements and assigned tasks that name this city (DESIGN §7).
    agreements: tuple[Agreement, ...] = ()
    tasks: tuple[AssignedTask, ...] = ()

    @property
    def city(self) -> City:
        return self.province.city(self.city_id)

    @property
    def me(self) -> CityState:
        return self.state.city(self.city_id)

    @property
    def budget(self) -> int:
        return self.me.budget

    def rng(self, purpose: str = "") -> random.Random:
        return random.Random(f"{self.seed}/{self.state.round_no}/bot/{self.city_id}/{purpose}")

    def my_joint(self) -> list[JointProject]:
        return [p for p in self.offer.joint if self.city_id in p.members]

    def fair_share(self, project: JointProject, city_id: str | None = None) -> int:
        return math.ceil(fair_shares(project, self.province)[city_id or self.city_id] - 1e-9)


def commitment_options(view: BotView, project_id: str) -> list[int]:
    """Amounts a city promised or was assigned for a project: a sheet may keep them."""
    return sorted({m.amount for m in commitments_of(view.city_id, view.agreements, view.tasks)
                   if m.project_id == project_id})


def with_commitments(view: BotView, sheet: Sheet) -> Sheet:
    """The sheet raised to what the rules bind the city to (the server refuses less)."""
    mins = binding_minimums(view.city_id, view.rules, view.agreements, view.tasks)
    return honour(sheet, {k: m.amount for k, m in mins.items()}, view.budget) if mins else sheet


class Strategy(Protocol):
    name: str

    def choose(self, view: BotView) -> Sheet: ...


class BotError(RuntimeError):
    """A strategy produced a sheet the validator refuses: a bug in the strategy."""


def checked(view: BotView, sheet: Sheet) -> Sheet:
    """Bots return sheets through the same validator as people."""
    problems = validate_sheet(sheet, city=view.city, state=view.me, offer=view.offer, rules=view.rules)
    if problems:
        raise BotError(f"{view.city_id}: {problems[0].message}")
    return sheet


def fit_to_budget(amounts: dict[str, int], budget: int) -> dict[str, int]:
    """Scale whole-unit amounts down (proportionally, rounding down) to fit a budget."""
    total = sum(amounts.values())
    if total <= budget:
        return {k: v for k, v in amounts.items() if v > 0}
    if total <= 0 or budget <= 0:
        return {}
    scaled = {k: v * budget // total for k, v in amounts.items()}
    return {k: v for k, v in scaled.items() if v > 0}


def modest_bid(view: BotView, cap: int) -> dict[str, int]:
    """The reserve price on the industrial project with the best value per unit of
    reserve, if the reserve fits in `cap`."""
    best = None
    for p in view.offer.industrial:
        reserve = max(p.reserve, 1)
        if reserve <= cap and (best is None or p.value / reserve > best.value / max(best.reserve, 1)):
            best = p
    return {best.id: max(best.reserve, 1)} if best else {}


def fair_share_contributions(view: BotView, projects: list[JointProject]) -> dict[str, int]:
    return fit_to_budget({p.id: view.fair_share(p) for p in projects}, view.budget)


def cooperation_rate(record: RoundRecord, province: Province, city_id: str) -> float | None:
    """What share of its fair shares a city paid last round (None: it was in no joint project)."""
    owed = paid = 0.0
    sheet = record.sheets.get(city_id)
    for p in record.offer.joint:
        if city_id in p.members:
            owed += fair_shares(p, province)[city_id]
            paid += sheet.contributions.get(p.id, 0) if sheet else 0
    return None if owed <= 0 else paid / owed
