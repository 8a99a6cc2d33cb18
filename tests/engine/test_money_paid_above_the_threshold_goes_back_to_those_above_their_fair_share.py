"""Money above a completed project's T is not merit: it goes back to the members who paid
above their fair share, in proportion to how far above they paid (whole units), and only
what is kept counts as collaboration, output share, tax share and points (issue #8)."""

from hypothesis import given

from game.engine import Rules, fair_shares
from game.engine.scoring import settle_threshold
from tests.engine.builders import joint, offer, province, score, sheet, sheets
from tests.engine.strategies import PROPERTY, Round, rounds
from tests.engine.strategies import score as score_round_of

# base budgets 100 each: T = 60, fair shares 20 / 20 / 20
PROV = province(3)
PROJECT = joint(members=("c1", "c2", "c3"), threshold=60, spillover=5, output=90, fiscal_yield=30, points=0)
CONTRIBUTION = Rules(gdp_accounting="contribution", tax_sharing="contribution", compensation_rate=0.5)


def test_a_city_paying_twice_its_fair_share_gets_the_excess_back_and_nothing_more():
    honest = score(PROV, offer(PROJECT), sheets(*(sheet(c, contributions={"jp": 20}) for c in ("c1", "c2", "c3"))),
                   rules=CONTRIBUTION)
    doubled = score(
        PROV,
        offer(PROJECT),
        sheets(sheet("c1", contributions={"jp": 40}), *(sheet(c, contributions={"jp": 20}) for c in ("c2", "c3"))),
        rules=CONTRIBUTION,
    )
    c1 = doubled.city("c1")
    assert doubled.joint[0].returned_above_threshold == {"c1": 20}
    assert (c1.contributions_spent, c1.refunds, c1.returned_above_threshold) == (20, 20, 20)
    # the over-payer ends exactly where paying its fair share puts it: same GDP, credit, rank
    for a, b in zip(honest.cities, doubled.cities, strict=True):
        assert a.gdp_gain.total == b.gdp_gain.total
        assert a.collaboration_actual == b.collaboration_actual
        assert a.composite == b.composite and a.points.total == b.points.total
        assert a.compensation_received == b.compensation_received == 0


def test_money_that_fills_another_members_gap_is_kept_and_shared_in():
    # c3 pays 0; c1 pays 40 and c2 20: exactly T, nothing goes back; c1 filled the gap
    result = score(
        PROV,
        offer(PROJECT),
        sheets(sheet("c1", contributions={"jp": 40}), sheet("c2", contributions={"jp": 20})),
        rules=CONTRIBUTION,
    )
    assert result.joint[0].returned_above_threshold == {}
    c1, c2, c3 = result.cities
    assert c1.contributions_spent == 40
    assert c1.gdp_gain.output == 60 and c2.gdp_gain.output == 30 and c3.gdp_gain.output == 0
    assert c3.compensation_paid == 10 and c1.compensation_received == 10


def test_the_surplus_is_split_by_excess_over_fair_share_in_whole_units():
    fair = {"a": 20.0, "b": 20.0, "c": 20.0}
    # total 70, T 60: 10 to give back; excess a 15, b 5, c 0 -> 7.5 and 2.5 -> 8 and 2
    assert settle_threshold({"a": 35, "b": 25, "c": 10}, fair, 60) == {"a": 8, "b": 2}
    # nothing above T, nothing back
    assert settle_threshold({"a": 20, "b": 20, "c": 20}, fair, 60) == {}
    # three equal excesses share 2 units: the first listed get the remainder
    assert settle_threshold({"a": 21, "b": 21, "c": 20}, {"a": 20.0, "b": 20.0, "c": 20.0}, 60) == {"a": 1, "b": 1}


@PROPERTY
@given(rounds())
def test_a_completed_project_keeps_exactly_its_threshold_and_no_member_goes_below_its_fair_share_by_it(r: Round):
    result = score_round_of(r)
    for project, outcome in zip(r.offer.joint, result.joint, strict=True):
        back = outcome.returned_above_threshold
        if not outcome.completed:
            assert back == {}
            continue
        kept = {m: c - back.get(m, 0) for m, c in outcome.contributions.items()}
        assert sum(kept.values()) == project.threshold
        fair = fair_shares(project, r.province)
        for m, b in back.items():
            assert 0 < b <= outcome.contributions[m]
            # only over-payers get money back, and never more than a rounding unit past their excess
            assert kept[m] > fair[m] - 1
