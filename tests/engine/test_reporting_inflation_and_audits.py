"""Collaboration reports: inflation raises the reported indicator by its percentage; an audited
inflater gets collaboration 0 and the audit penalty; with reporting off inflation is refused."""

import pytest

from game.engine import InvalidRound, Rules, Weights, quick_points, validate_sheet
from tests.engine.builders import joint, offer, province, score, sheet, sheets, state

PROV = province(3)
# T = 40, fair shares 20 each: c1 pays 16 and c2 24 (filling c1's gap), so actual
# collaboration (paid up to the fair share ÷ owed) is 0.8 and 1.0
OFFER = offer(joint(members=("c1", "c2"), threshold=40))
INFLATING = sheets(sheet("c1", contributions={"jp": 16}, inflation=25), sheet("c2", contributions={"jp": 24}))


def test_inflation_raises_the_reported_indicator_by_the_percentage():
    result = score(PROV, OFFER, INFLATING, rules=Rules(reporting=True, audit_probability=0))
    c1, c2, _ = result.cities
    assert c1.collaboration_actual == pytest.approx(0.8)
    # reported 0.8 * 1.25
    assert c1.indicators["collaboration"] == pytest.approx(1.0)
    assert c1.inflation_pct == 25
    assert c2.indicators["collaboration"] == pytest.approx(1.0)


def test_with_audit_probability_zero_nobody_is_ever_caught():
    for seed in range(20):
        result = score(PROV, OFFER, INFLATING, rules=Rules(reporting=True, audit_probability=0), seed=seed)
        assert not any(c.audited or c.caught for c in result.cities)
        assert result.city("c1").points.audit_penalty == 0


def test_with_audit_probability_one_an_inflater_is_caught():
    rules = Rules(reporting=True, audit_probability=1.0, audit_penalty=2.0)
    result = score(PROV, OFFER, INFLATING, rules=rules)
    c1, c2, c3 = result.cities
    assert all(c.audited for c in result.cities)
    assert (c1.caught, c2.caught, c3.caught) == (True, False, False)
    assert c1.indicators["collaboration"] == 0
    assert c1.points.audit_penalty == 2.0
    # an honest city audited keeps its report and pays nothing
    assert c2.indicators["collaboration"] == pytest.approx(1.0)
    assert c2.points.audit_penalty == 0
    assert c1.points.total == pytest.approx(c1.points.rank_prize - 2.0)


def test_an_intermediate_audit_probability_is_a_seeded_draw():
    rules = Rules(reporting=True, audit_probability=0.5, audit_penalty=1.0)
    caught = [score(PROV, OFFER, INFLATING, rules=rules, seed=s).city("c1").caught for s in range(40)]
    assert caught == [score(PROV, OFFER, INFLATING, rules=rules, seed=s).city("c1").caught for s in range(40)]
    assert True in caught and False in caught


def test_with_reporting_off_inflation_is_refused_by_the_validator_and_the_engine():
    rules = Rules(reporting=False)
    problems = validate_sheet(
        INFLATING["c1"], city=PROV.city("c1"), state=state(PROV).city("c1"), offer=OFFER, rules=rules
    )
    assert [p.code for p in problems] == ["reporting_off"]
    with pytest.raises(InvalidRound):
        score(PROV, OFFER, INFLATING, rules=rules)


def test_with_reporting_off_inflation_is_ignored_in_the_arithmetic():
    # quick_points skips validation, so it shows the engine itself ignores the inflation
    rules = Rules(
        reporting=False,
        audit_probability=1.0,
        audit_penalty=5,
        weights=Weights(gdp_growth=1, collaboration=1),
    )
    honest = dict(INFLATING, c1=sheet("c1", contributions={"jp": 16}))
    st = state(PROV)
    assert quick_points(PROV, st, rules, OFFER, INFLATING) == quick_points(PROV, st, rules, OFFER, honest)


def test_with_reporting_off_nobody_is_audited():
    honest = sheets(sheet("c1", contributions={"jp": 20}), sheet("c2", contributions={"jp": 20}))
    result = score(PROV, OFFER, honest, rules=Rules(reporting=False, audit_probability=1.0))
    assert not any(c.audited for c in result.cities)
