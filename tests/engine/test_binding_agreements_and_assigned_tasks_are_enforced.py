"""Step 1: binding pledges and assigned tasks raise contributions out of unspent budget
(budget - bids - contributions); shortfalls are recorded breaches, penalised per the rules."""

import pytest

from game.engine import Agreement, AssignedTask, Rules
from tests.engine.builders import industrial, joint, offer, province, score, sheet, sheets, state

PROV = province(3)
OFFER = offer(industrial(), joint(members=("c1", "c2"), threshold=50))
AGREEMENT = Agreement(id="ag", project_id="jp", pledges={"c1": 30, "c2": 30})
# c1 gives 10 and bids 50: unspent 100 - 50 - 10 = 40, enough to reach 30.
# c2 (budget only 20 this round) files no sheet: unspent 20, short of its pledge of 30.
SHEETS = sheets(sheet("c1", bids={"ind": 50}, contributions={"jp": 10}))
ST = state(PROV, budgets={"c2": 20})


def _pledge(result, city_id, source="agreement"):
    (p,) = [p for p in result.pledges if p.city_id == city_id and p.source == source]
    return p


def test_a_binding_pledge_is_raised_out_of_unspent_budget():
    rules = Rules(binding_agreements=True, breach_penalty=3)
    result = score(PROV, OFFER, SHEETS, st=ST, rules=rules, agreements=[AGREEMENT])
    c1, c2 = result.city("c1"), result.city("c2")
    assert dict(c1.contributions) == {"jp": 30}
    assert c1.enforced == 20
    p1 = _pledge(result, "c1")
    assert (p1.pledged, p1.contributed, p1.enforced, p1.kept, p1.penalised) == (30, 30, 20, True, False)
    assert c1.points.breach_penalty == 0
    # c1: 100 - 50 (bid won) - 30 = 20 local
    assert c1.local_investment == 20
    # c2 is raised as far as its budget goes (20), recorded as not kept, and penalised
    assert dict(c2.contributions) == {"jp": 20}
    assert c2.enforced == 20
    assert c2.local_investment == 0
    p2 = _pledge(result, "c2")
    assert (p2.pledged, p2.contributed, p2.enforced, p2.kept, p2.penalised) == (30, 20, 20, False, True)
    assert c2.points.breach_penalty == 3
    assert c2.points.total == pytest.approx(c2.points.rank_prize - 3)
    # 30 + 20 = 50 meets the threshold thanks to enforcement
    assert result.joint[0].completed is True
    assert result.joint[0].total_contributed == 50


def test_enforcement_counts_placed_bids_even_if_they_lose():
    # c1 loses its 50 bid to c3's 60 under first price, but unspent is still 100 - 50 - 10 = 40
    with_rival = dict(SHEETS, c3=sheet("c3", bids={"ind": 60}))
    big_pledge = Agreement(id="ag", project_id="jp", pledges={"c1": 80})
    result = score(
        PROV, OFFER, with_rival, st=ST, rules=Rules(binding_agreements=True), agreements=[big_pledge]
    )
    assert dict(result.city("c1").contributions) == {"jp": 50}
    assert _pledge(result, "c1").kept is False


def test_a_non_binding_pledge_is_only_recorded():
    rules = Rules(binding_agreements=False, breach_penalty=3)
    result = score(PROV, OFFER, SHEETS, st=ST, rules=rules, agreements=[AGREEMENT])
    c1, c2 = result.city("c1"), result.city("c2")
    assert dict(c1.contributions) == {"jp": 10}
    assert (c1.enforced, c2.enforced) == (0, 0)
    p1, p2 = _pledge(result, "c1"), _pledge(result, "c2")
    assert (p1.contributed, p1.kept, p1.penalised) == (10, False, False)
    assert (p2.contributed, p2.kept, p2.penalised) == (0, False, False)
    assert c1.points.breach_penalty == 0 and c2.points.breach_penalty == 0
    assert result.joint[0].completed is False


def test_a_kept_pledge_is_not_penalised_and_not_raised():
    generous = sheets(sheet("c1", contributions={"jp": 35}))
    rules = Rules(binding_agreements=True, breach_penalty=3)
    result = score(PROV, OFFER, generous, rules=rules, agreements=[AGREEMENT])
    p1 = _pledge(result, "c1")
    assert (p1.contributed, p1.enforced, p1.kept, p1.penalised) == (35, 0, True, False)


TASK = AssignedTask(id="task", project_id="jp", required={"c1": 30, "c2": 30})


def test_an_enforced_task_is_raised_and_a_short_one_penalised():
    rules = Rules(enforce_tasks=True, task_penalty=2)
    result = score(PROV, OFFER, SHEETS, st=ST, rules=rules, tasks=[TASK])
    t1, t2 = _pledge(result, "c1", "task"), _pledge(result, "c2", "task")
    assert (t1.contributed, t1.enforced, t1.kept, t1.penalised) == (30, 20, True, False)
    assert (t2.contributed, t2.enforced, t2.kept, t2.penalised) == (20, 20, False, True)
    assert result.city("c2").points.task_penalty == 2
    assert result.city("c1").points.task_penalty == 0


def test_an_unenforced_task_is_not_raised_but_its_penalty_still_applies():
    rules = Rules(enforce_tasks=False, task_penalty=2)
    result = score(PROV, OFFER, SHEETS, st=ST, rules=rules, tasks=[TASK])
    assert dict(result.city("c1").contributions) == {"jp": 10}
    assert result.city("c1").enforced == 0
    assert result.city("c1").points.task_penalty == 2
    assert result.city("c2").points.task_penalty == 2


def test_tasks_are_not_governed_by_the_agreement_switch():
    rules = Rules(binding_agreements=True, enforce_tasks=False)
    result = score(PROV, OFFER, SHEETS, st=ST, rules=rules, tasks=[TASK])
    assert result.city("c1").enforced == 0
