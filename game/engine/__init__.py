"""The province engine: pure, deterministic scoring of a round (DESIGN §5).

No Django, no I/O, no clock, no global random: everything comes in as arguments."""

from game.engine.result import (
    CityOutcome,
    GdpGain,
    IndustrialOutcome,
    JointOutcome,
    PledgeOutcome,
    Points,
    ProvinceTotals,
    RoundResult,
)
from game.engine.scoring import InvalidRound, quick_points, score_round
from game.engine.types import (
    Agreement,
    AssignedTask,
    City,
    CityState,
    IndustrialProject,
    JointProject,
    Payout,
    Powers,
    Province,
    ProvinceState,
    RoundOffer,
    Rules,
    Sheet,
    Weights,
    fair_shares,
    initial_state,
)
from game.engine.validate import Problem, parse_sheet, validate_sheet

__all__ = [
    "Agreement",
    "AssignedTask",
    "City",
    "CityOutcome",
    "CityState",
    "GdpGain",
    "IndustrialOutcome",
    "IndustrialProject",
    "InvalidRound",
    "JointOutcome",
    "JointProject",
    "Payout",
    "PledgeOutcome",
    "Points",
    "Powers",
    "Problem",
    "Province",
    "ProvinceState",
    "ProvinceTotals",
    "RoundOffer",
    "RoundResult",
    "Rules",
    "Sheet",
    "Weights",
    "fair_shares",
    "initial_state",
    "parse_sheet",
    "quick_points",
    "score_round",
    "validate_sheet",
]
