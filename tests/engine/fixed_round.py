"""A fixed, busy round (ties, seeded audits, duplicates, every accounting rule, compensation,
agreements) and a plain-text summary of its outcome, for comparing across processes."""

from __future__ import annotations

from game.engine import Agreement, Powers, RoundResult, Rules, Weights
from tests.engine.builders import industrial, joint, offer, province, score, sheet, sheets, state

SEED = 20240917


def fixed_result(seed: int = SEED) -> RoundResult:
    prov = province(
        5,
        budgets=[120, 100, 80, 100, 60],
        gdp=[3000, 2500, 1200, 1800, 900],
        neighbours={"c1": ["c2", "c3"], "c4": ["c5"]},
        powers={"c3": Powers(bid_discount=0.2, extra_budget=10)},
    )
    st = state(prov, round_no=2, total_rounds=4, hosted={"c2": ["steel", "auto"], "c5": ["chips"]})
    the_offer = offer(
        industrial("i-steel", sector="steel", value=120, fiscal_yield=15, reserve=10),
        industrial("i-chips", sector="chips", value=90, fiscal_yield=20, reserve=20),
        industrial("i-auto", sector="auto", value=60, fiscal_yield=5, reserve=50),
        joint("j-rail", members=("c1", "c2", "c3"), threshold=90, spillover=8, output=70, fiscal_yield=21),
        joint(
            "j-eco", members=("c3", "c4", "c5"), host="c4", threshold=40, points=9, type="ecology", delay=1
        ),
        joint("j-lab", members=("c1", "c4"), threshold=200, spillover=50, output=10),
    )
    the_sheets = sheets(
        sheet(
            "c1", bids={"i-steel": 40, "i-chips": 25}, contributions={"j-rail": 30, "j-lab": 20}, inflation=20
        ),
        sheet("c2", bids={"i-steel": 40}, contributions={"j-rail": 50}, inflation=0),
        sheet(
            "c3", bids={"i-chips": 25, "i-auto": 30}, contributions={"j-rail": 10, "j-eco": 20}, inflation=35
        ),
        sheet("c4", bids={"i-chips": 25}, contributions={"j-eco": 15, "j-lab": 40}, inflation=10),
        sheet("c5", contributions={"j-eco": 10}, inflation=50),
    )
    rules = Rules(
        weights=Weights(gdp_growth=1.0, net_fiscal=0.5, collaboration=1.5, ecology=0.7, public_service=0.3),
        prizes=(5, 3, 2, 1),
        all_pay=True,
        gdp_accounting="contribution",
        tax_sharing="equal",
        refund_failed=False,
        compensation_rate=0.5,
        reporting=True,
        audit_probability=0.5,
        audit_penalty=2,
        collaboration_bar=0.25,
        collaboration_reward=1.5,
        binding_agreements=True,
        breach_penalty=1,
    )
    agreements = [Agreement("ag", "j-eco", {"c5": 15, "c4": 20})]
    return score(prov, the_offer, the_sheets, rules=rules, st=st, agreements=agreements, seed=seed)


def summary(seed: int = SEED) -> str:
    r = fixed_result(seed)
    lines = [
        repr([(o.project_id, o.winner, o.tied, o.price_paid, o.duplicate) for o in r.industrial]),
        repr([(j.project_id, j.completed, sorted(j.gdp_shares.items())) for j in r.joint]),
        repr([(c.city_id, c.points.total, c.composite, c.rank, c.audited, c.caught) for c in r.cities]),
        repr([(c.city_id, c.gdp_gain.total, c.compensation_paid, c.compensation_received) for c in r.cities]),
        repr([(c.city_id, c.gdp, c.budget, sorted(c.hosted)) for c in r.next_state.cities]),
        repr(r.next_state.pending),
        repr(r.totals),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary())
