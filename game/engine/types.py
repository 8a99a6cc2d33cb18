"""The engine's input data: immutable, typed, free of Django and I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Accounting = Literal["host", "equal", "contribution"]
ACCOUNTING_RULES: tuple[str, ...] = ("host", "equal", "contribution")
JOINT_TYPES: tuple[str, ...] = (
    "infrastructure",
    "industry",
    "science",
    "ecology",
    "public_service",
    "culture",
)
INDICATORS: tuple[str, ...] = (
    "gdp_growth",
    "net_fiscal",
    "collaboration",
    "ecology",
    "public_service",
)
MAX_INFLATION_PCT = 50


def frozen_map(values: Mapping[str, int] | None) -> Mapping[str, int]:
    """A read-only copy, so a frozen dataclass really is immutable."""
    return MappingProxyType(dict(values or {}))


@dataclass(frozen=True, slots=True)
class Powers:
    """Special-authority subcontracting (权限特殊性发包): provincial powers of a seat."""

    bid_discount: float = 0.0  # share of a winning (or all-pay) bid the province waives
    extra_budget: int = 0  # added to the base budget every round


@dataclass(frozen=True, slots=True)
class City:
    id: str
    name_zh: str
    name_en: str
    regions: tuple[str, ...]
    neighbours: tuple[str, ...]
    gdp: float  # GDP at the start of the game, in game units
    base_budget: int
    powers: Powers = field(default_factory=Powers)


@dataclass(frozen=True, slots=True)
class Province:
    """The static part of a province: its cities and the local-investment return ρ."""

    cities: tuple[City, ...]
    local_return: float = 0.5

    def city(self, city_id: str) -> City:
        for c in self.cities:
            if c.id == city_id:
                return c
        raise KeyError(city_id)


@dataclass(frozen=True, slots=True)
class IndustrialProject:
    id: str
    sector: str
    value: float  # V: GDP gain for the winner
    fiscal_yield: float  # Y: fiscal revenue for the winner
    reserve: int  # lowest bid that can win
    name_zh: str = ""
    name_en: str = ""


@dataclass(frozen=True, slots=True)
class JointProject:
    id: str
    type: str
    members: tuple[str, ...]
    host: str
    threshold: int  # T
    spillover: float  # S, to every member when completed
    output: float  # Q, park output split by the GDP accounting rule
    fiscal_yield: float  # Y, split by the tax-sharing rule
    points: float = 0.0  # E, ecology or public-service points, split by contribution
    delay: int = 0  # rounds until S, Q, Y and E pay out
    name_zh: str = ""
    name_en: str = ""
    # What each member's fair share of T is proportional to; empty: its base budget.
    # Decks give a city in two of a round's projects half its budget in each (issue #8).
    cost_weights: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cost_weights", MappingProxyType(dict(self.cost_weights)))


@dataclass(frozen=True, slots=True)
class RoundOffer:
    industrial: tuple[IndustrialProject, ...] = ()
    joint: tuple[JointProject, ...] = ()

    def industrial_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.industrial)

    def joint_by_id(self) -> dict[str, JointProject]:
        return {p.id: p for p in self.joint}


@dataclass(frozen=True, slots=True)
class Weights:
    gdp_growth: float = 1.0
    net_fiscal: float = 0.0
    collaboration: float = 0.0
    ecology: float = 0.0
    public_service: float = 0.0

    def as_tuple(self) -> tuple[float, float, float, float, float]:
        return (
            self.gdp_growth,
            self.net_fiscal,
            self.collaboration,
            self.ecology,
            self.public_service,
        )


@dataclass(frozen=True, slots=True)
class Rules:
    """Every parameter of the contest rules (DESIGN §5)."""

    weights: Weights = field(default_factory=Weights)
    prizes: tuple[float, ...] = (5, 3, 2, 1)  # points by rank; ranks beyond get 0
    all_pay: bool = False
    reveal_losing_bids: bool = False
    duplicate_penalty: float = 0.3
    gdp_accounting: Accounting = "host"
    tax_sharing: Accounting = "host"
    refund_failed: bool = True
    compensation_rate: float = 0.0
    reporting: bool = False
    audit_probability: float = 0.0
    audit_penalty: float = 0.0
    collaboration_bar: float = 0.0
    collaboration_reward: float = 0.0
    binding_agreements: bool = False
    enforce_tasks: bool = False
    breach_penalty: float = 0.0
    task_penalty: float = 0.0
    retention_rate: float = 0.3

    def prize(self, rank_index: int) -> float:
        return self.prizes[rank_index] if rank_index < len(self.prizes) else 0.0


@dataclass(frozen=True, slots=True)
class Sheet:
    """A city's decisions for one round. Missing entries mean 0."""

    city_id: str
    bids: Mapping[str, int] = field(default_factory=dict)
    contributions: Mapping[str, int] = field(default_factory=dict)
    inflation_pct: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "bids", frozen_map(self.bids))
        object.__setattr__(self, "contributions", frozen_map(self.contributions))

    def total_bids(self) -> int:
        return sum(self.bids.values())

    def total_contributions(self) -> int:
        return sum(self.contributions.values())

    def spend(self) -> int:
        return self.total_bids() + self.total_contributions()


@dataclass(frozen=True, slots=True)
class Agreement:
    """A signed agreement: each party pledges a contribution to one joint project."""

    id: str
    project_id: str
    pledges: Mapping[str, int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "pledges", frozen_map(self.pledges))


@dataclass(frozen=True, slots=True)
class AssignedTask:
    """专项式发包: the province assigns a joint project to named cities with required shares."""

    id: str
    project_id: str
    required: Mapping[str, int]

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", frozen_map(self.required))


@dataclass(frozen=True, slots=True)
class Payout:
    """A delayed joint project's pay-out owed to one city in a later round."""

    due_round: int
    city_id: str
    project_id: str
    gdp: float
    fiscal: float
    ecology: float
    public_service: float


@dataclass(frozen=True, slots=True)
class CityState:
    city_id: str
    gdp: float
    budget: int
    hosted: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ProvinceState:
    round_no: int  # 1-based
    total_rounds: int
    cities: tuple[CityState, ...]
    pending: tuple[Payout, ...] = ()

    def city(self, city_id: str) -> CityState:
        for c in self.cities:
            if c.city_id == city_id:
                return c
        raise KeyError(city_id)


def initial_state(province: Province, total_rounds: int) -> ProvinceState:
    return ProvinceState(
        round_no=1,
        total_rounds=total_rounds,
        cities=tuple(
            CityState(c.id, float(c.gdp), c.base_budget + c.powers.extra_budget) for c in province.cities
        ),
    )


def fair_shares(project: JointProject, province: Province) -> dict[str, float]:
    """Each member's fair share of T, in proportion to the project's cost weights, or to
    the members' base budgets when it has none (§5.4)."""
    weights = project.cost_weights
    budgets = {m: weights.get(m, 0.0) if weights else province.city(m).base_budget for m in project.members}
    total = sum(budgets.values())
    if total <= 0:
        return {m: project.threshold / len(project.members) for m in project.members}
    return {m: project.threshold * b / total for m, b in budgets.items()}
