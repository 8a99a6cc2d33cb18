"""What a scored round returns: every figure a screen, a log or a debrief needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.engine.types import ProvinceState


@dataclass(frozen=True, slots=True)
class Points:
    rank_prize: float
    collaboration_reward: float
    breach_penalty: float
    task_penalty: float
    audit_penalty: float

    @property
    def total(self) -> float:
        return (
            self.rank_prize
            + self.collaboration_reward
            - self.breach_penalty
            - self.task_penalty
            - self.audit_penalty
        )


@dataclass(frozen=True, slots=True)
class GdpGain:
    projects: float  # industrial projects won (after the duplicate penalty)
    spillover: float  # S from completed joint projects
    output: float  # share of Q
    local: float  # ρ × local investment
    delayed: float  # S and Q of earlier delayed projects paid out now

    @property
    def total(self) -> float:
        return self.projects + self.spillover + self.output + self.local + self.delayed


@dataclass(frozen=True, slots=True)
class CityOutcome:
    city_id: str
    gdp_start: float
    budget: int
    won: tuple[str, ...]
    bids_placed: int
    bids_paid: float
    contributions: Mapping[str, int]  # after enforcement
    enforced: int  # units added by enforcing agreements and tasks
    contributions_spent: int  # kept by completed projects, or lost to failed ones without refund
    refunds: int  # handed back: failed projects (when refunded) and money above T
    returned_above_threshold: int  # the part of refunds that was paid above a completed project's T
    compensation_paid: float
    compensation_received: float
    local_investment: float  # budget not spent: unallocated, returned bids, refunds
    gdp_gain: GdpGain
    fiscal_yield: float  # Y of industrial projects won
    tax_shares: float  # Y shares of joint projects (including delayed ones)
    ecology: float
    public_service: float
    inflation_pct: int
    audited: bool
    caught: bool
    collaboration_actual: float
    indicators: Mapping[str, float]  # raw, as ranked (collaboration as reported)
    normalised: Mapping[str, float]
    composite: float
    rank: int  # 1-based; tied cities share the best rank of their group
    points: Points

    @property
    def fiscal_revenue(self) -> float:
        return self.fiscal_yield + self.tax_shares + self.compensation_received


@dataclass(frozen=True, slots=True)
class IndustrialOutcome:
    project_id: str
    winner: str | None
    winning_bid: int
    price_paid: float
    bids: Mapping[str, int]  # every bid placed; the shell decides who may see them
    tied: tuple[str, ...]  # cities tied on the highest bid (tie broken by the seeded draw)
    duplicate: bool  # the winner or a neighbour already hosted the sector


@dataclass(frozen=True, slots=True)
class JointOutcome:
    project_id: str
    completed: bool
    total_contributed: int
    contributions: Mapping[str, int]
    refunded: bool
    pays_in_round: int | None  # None when not completed or paid after the last round
    gdp_shares: Mapping[str, float]  # S + share of Q, per member
    fiscal_shares: Mapping[str, float]
    point_shares: Mapping[str, float]  # E by contribution share
    returned_above_threshold: Mapping[str, int]  # money paid above T, handed back (step 3)


@dataclass(frozen=True, slots=True)
class PledgeOutcome:
    """One party of an agreement or an assigned task."""

    source: str  # "agreement" or "task"
    source_id: str
    project_id: str
    city_id: str
    pledged: int
    contributed: int
    enforced: int
    kept: bool
    penalised: bool


@dataclass(frozen=True, slots=True)
class ProvinceTotals:
    gdp_gain: float
    bid_spending: float
    bid_waste: float  # bids paid that bought nothing (all-pay losers)
    joint_completed: int
    joint_offered: int
    ecology: float
    public_service: float

    @property
    def welfare(self) -> float:
        return self.gdp_gain + self.ecology + self.public_service

    @property
    def completion_rate(self) -> float:
        return self.joint_completed / self.joint_offered if self.joint_offered else 0.0


@dataclass(frozen=True, slots=True)
class RoundResult:
    round_no: int
    seed: int
    cities: tuple[CityOutcome, ...]
    industrial: tuple[IndustrialOutcome, ...]
    joint: tuple[JointOutcome, ...]
    pledges: tuple[PledgeOutcome, ...]
    totals: ProvinceTotals
    next_state: ProvinceState

    def city(self, city_id: str) -> CityOutcome:
        for c in self.cities:
            if c.city_id == city_id:
                return c
        raise KeyError(city_id)
