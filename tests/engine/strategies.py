"""Hypothesis strategies: random provinces, offers, rules, valid sheets, agreements and seeds."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from game.engine import (
    Agreement,
    AssignedTask,
    CityState,
    IndustrialProject,
    JointProject,
    Payout,
    Powers,
    Province,
    ProvinceState,
    RoundOffer,
    RoundResult,
    Rules,
    Sheet,
    Weights,
    score_round,
)
from game.engine.types import ACCOUNTING_RULES, JOINT_TYPES
from tests.engine.builders import ids, province

SECTORS = ("steel", "chips", "auto", "pharma")
small_floats = st.floats(min_value=0, max_value=200, allow_nan=False, allow_infinity=False)


@dataclass(frozen=True)
class Round:
    province: Province
    state: ProvinceState
    rules: Rules
    offer: RoundOffer
    sheets: dict[str, Sheet]
    agreements: tuple[Agreement, ...] = ()
    tasks: tuple[AssignedTask, ...] = ()
    seed: int = 0

    def kwargs(self) -> dict:
        return {"agreements": self.agreements, "tasks": self.tasks, "seed": self.seed}


@st.composite
def provinces(draw) -> Province:
    n = draw(st.integers(2, 8))
    names = ids(n)
    budgets = draw(st.lists(st.integers(0, 200), min_size=n, max_size=n))
    gdp = draw(st.lists(st.integers(0, 5000), min_size=n, max_size=n))
    pairs = [(a, b) for k, a in enumerate(names) for b in names[k + 1 :]]
    linked = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    neighbours = {}
    for (a, b), on in zip(pairs, linked, strict=True):
        if on:
            neighbours.setdefault(a, []).append(b)
    powers = {}
    for c in names:
        if draw(st.booleans()):
            powers[c] = Powers(
                bid_discount=draw(st.sampled_from([0.0, 0.1, 0.25, 0.5])),
                extra_budget=draw(st.integers(0, 20)),
            )
    local_return = draw(st.floats(min_value=0, max_value=1))
    return province(
        n, budgets=budgets, gdp=gdp, neighbours=neighbours, powers=powers, local_return=local_return
    )


@st.composite
def states(draw, prov: Province) -> ProvinceState:
    total_rounds = draw(st.integers(1, 6))
    round_no = draw(st.integers(1, total_rounds))
    names = [c.id for c in prov.cities]
    cities = tuple(
        CityState(
            city_id=c.id,
            gdp=float(draw(st.integers(0, 6000))) if draw(st.booleans()) else float(c.gdp),
            budget=draw(st.integers(0, 250))
            if draw(st.booleans())
            else c.base_budget + c.powers.extra_budget,
            hosted=frozenset(draw(st.sets(st.sampled_from(SECTORS), max_size=2))),
        )
        for c in prov.cities
    )
    pending = tuple(
        Payout(
            due_round=draw(st.integers(round_no, round_no + 2)),
            city_id=draw(st.sampled_from(names)),
            project_id=f"old{k}",
            gdp=draw(small_floats),
            fiscal=draw(small_floats),
            ecology=draw(st.floats(0, 20)),
            public_service=draw(st.floats(0, 20)),
        )
        for k in range(draw(st.integers(0, 3)))
    )
    return ProvinceState(round_no=round_no, total_rounds=total_rounds, cities=cities, pending=pending)


@st.composite
def offers(draw, prov: Province) -> RoundOffer:
    names = [c.id for c in prov.cities]
    industrial = tuple(
        IndustrialProject(
            id=f"i{k}",
            sector=draw(st.sampled_from(SECTORS)),
            value=draw(small_floats),
            fiscal_yield=draw(st.floats(0, 50)),
            reserve=draw(st.integers(0, 40)),
        )
        for k in range(draw(st.integers(0, 4)))
    )
    joint = []
    for k in range(draw(st.integers(0, 3))):
        members = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
        joint.append(
            JointProject(
                id=f"j{k}",
                type=draw(st.sampled_from(JOINT_TYPES)),
                members=tuple(members),
                host=draw(st.sampled_from(members)),
                threshold=draw(st.integers(0, 150)),
                spillover=draw(st.floats(0, 30)),
                output=draw(small_floats),
                fiscal_yield=draw(st.floats(0, 50)),
                points=draw(st.floats(0, 20)),
                delay=draw(st.integers(0, 2)),
            )
        )
    return RoundOffer(industrial=industrial, joint=tuple(joint))


@st.composite
def rules(draw) -> Rules:
    weight = st.floats(0, 3)
    prizes = draw(st.lists(st.sampled_from([0, 1, 2, 3, 5, 8]), max_size=6))
    return Rules(
        weights=Weights(draw(weight), draw(weight), draw(weight), draw(weight), draw(weight)),
        prizes=tuple(sorted(prizes, reverse=True)),
        all_pay=draw(st.booleans()),
        duplicate_penalty=draw(st.sampled_from([0.0, 0.3, 0.5, 1.0])),
        gdp_accounting=draw(st.sampled_from(ACCOUNTING_RULES)),
        tax_sharing=draw(st.sampled_from(ACCOUNTING_RULES)),
        refund_failed=draw(st.booleans()),
        compensation_rate=draw(st.sampled_from([0.0, 0.25, 0.5, 1.0, 2.0])),
        reporting=draw(st.booleans()),
        audit_probability=draw(st.sampled_from([0.0, 0.3, 0.5, 1.0])),
        audit_penalty=draw(st.sampled_from([0.0, 1.0, 2.5])),
        collaboration_bar=draw(st.sampled_from([0.0, 0.05, 0.1, 0.3])),
        collaboration_reward=draw(st.sampled_from([0.0, 1.0, 2.0])),
        binding_agreements=draw(st.booleans()),
        enforce_tasks=draw(st.booleans()),
        breach_penalty=draw(st.sampled_from([0.0, 1.0, 3.0])),
        task_penalty=draw(st.sampled_from([0.0, 1.0, 2.0])),
        retention_rate=draw(st.sampled_from([0.0, 0.3, 0.5, 1.0])),
    )


@st.composite
def valid_sheet(draw, city_id: str, budget: int, offer: RoundOffer, reporting: bool) -> Sheet:
    """Draw amounts for every project the city may touch, then cap them to fit the budget."""
    slots = [("bids", p.id) for p in offer.industrial]
    slots += [("contributions", p.id) for p in offer.joint if city_id in p.members]
    wanted = draw(st.lists(st.integers(0, 150), min_size=len(slots), max_size=len(slots)))
    order = draw(st.permutations(range(len(slots))))
    left = budget
    parts: dict[str, dict[str, int]] = {"bids": {}, "contributions": {}}
    for k in order:
        amount = min(wanted[k], left)
        left -= amount
        part, pid = slots[k]
        parts[part][pid] = amount
    inflation = draw(st.integers(0, 50)) if reporting else 0
    return Sheet(city_id, parts["bids"], parts["contributions"], inflation)


@st.composite
def rounds(draw) -> Round:
    prov = draw(provinces())
    state = draw(states(prov))
    offer = draw(offers(prov))
    the_rules = draw(rules())
    sheets = {}
    for c in state.cities:
        if draw(st.integers(0, 5)) > 0:  # most cities file a sheet
            sheets[c.city_id] = draw(valid_sheet(c.city_id, c.budget, offer, the_rules.reporting))
    names = [c.id for c in prov.cities]
    agreements: list[Agreement] = []
    tasks: list[AssignedTask] = []
    for k, project in enumerate(offer.joint):
        if draw(st.booleans()):
            parties = draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
            pledges = {c: draw(st.integers(0, 120)) for c in parties}
            agreements.append(Agreement(id=f"a{k}", project_id=project.id, pledges=pledges))
        if draw(st.integers(0, 3)) == 0:
            parties = draw(st.lists(st.sampled_from(list(project.members)), min_size=1, unique=True))
            tasks.append(
                AssignedTask(
                    id=f"t{k}", project_id=project.id, required={c: draw(st.integers(0, 80)) for c in parties}
                )
            )
    return Round(
        province=prov,
        state=state,
        rules=the_rules,
        offer=offer,
        sheets=sheets,
        agreements=tuple(agreements),
        tasks=tuple(tasks),
        seed=draw(st.integers(0, 2**32 - 1)),
    )


# Shared settings for the property tests: enough examples to reach the corners, no deadline
# (the first call pays for imports), and no example database written into the working tree.
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def score(r: Round) -> RoundResult:
    return score_round(r.province, r.state, r.rules, r.offer, r.sheets, **r.kwargs())
