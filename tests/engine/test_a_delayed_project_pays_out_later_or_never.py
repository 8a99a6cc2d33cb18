"""A project with delay d completed in round r pays S, Q, Y and E in round r + d (through
next_state.pending), and nothing if r + d is after the last round; collaboration counts at once."""

import pytest

from tests.engine.builders import joint, offer, province, score, sheet, sheets, state

PROV = province(3)
DELAYED = joint(
    members=("c1", "c2", "c3"),
    host="c1",
    threshold=60,
    spillover=5,
    output=90,
    fiscal_yield=30,
    points=12,
    type="ecology",
    delay=2,
)
SHEETS = sheets(sheet("c1", contributions={"jp": 40}), sheet("c2", contributions={"jp": 20}))


def _rounds(first_round=1, total_rounds=5):
    """Score the completion round, then empty rounds with each next state, up to the last round."""
    results = [
        score(PROV, offer(DELAYED), SHEETS, st=state(PROV, round_no=first_round, total_rounds=total_rounds))
    ]
    while results[-1].next_state.round_no <= total_rounds:
        results.append(score(PROV, offer(), {}, st=results[-1].next_state))
    return results


def test_nothing_is_paid_in_the_completion_round_but_collaboration_counts():
    r1 = _rounds()[0]
    assert r1.joint[0].completed is True
    assert r1.joint[0].pays_in_round == 3
    for c in r1.cities:
        assert (c.gdp_gain.spillover, c.gdp_gain.output, c.gdp_gain.delayed) == (0, 0, 0)
        assert (c.tax_shares, c.ecology) == (0, 0)
    # credit is what each paid up to its fair share (20), over what it owed (20)
    assert [c.collaboration_actual for c in r1.cities] == [1.0, 1.0, 0.0]
    assert r1.city("c1").contributions_spent == 40
    assert {(p.due_round, p.city_id) for p in r1.next_state.pending} == {(3, "c1"), (3, "c2"), (3, "c3")}


def test_everything_is_paid_in_round_r_plus_delay():
    r1, r2, r3, r4, r5 = _rounds()
    assert all(c.gdp_gain.delayed == 0 for c in r2.cities)
    assert r2.next_state.pending == r1.next_state.pending
    c1, c2, c3 = r3.cities
    # host rule: c1 gets S + Q = 95 and Y = 30; E by contribution 8 / 4 / 0
    assert (c1.gdp_gain.delayed, c1.tax_shares, c1.ecology) == (95, 30, 8)
    assert (c2.gdp_gain.delayed, c2.tax_shares, c2.ecology) == (5, 0, 4)
    assert (c3.gdp_gain.delayed, c3.tax_shares, c3.ecology) == (5, 0, 0)
    # c1 also invests its 100 locally in round 3: 95 + 50
    assert c1.gdp_gain.total == pytest.approx(145)
    # the collaboration credit is not counted a second time
    assert all(c.collaboration_actual == 0 for c in r3.cities)
    # paid once: gone from the state afterwards
    assert r3.next_state.pending == ()
    assert all(c.gdp_gain.delayed == 0 and c.ecology == 0 for c in r4.cities + r5.cities)


def test_delayed_tax_counts_toward_the_next_budget():
    r3 = _rounds()[2]
    # 100 + int(0.3 * 30)
    assert r3.next_state.city("c1").budget == 109


def test_a_project_due_after_the_last_round_pays_nothing_ever():
    # completed in round 4 of 5 with delay 2: due in round 6, which does not exist
    r4, r5 = _rounds(first_round=4)
    assert r4.joint[0].completed is True
    assert r4.joint[0].pays_in_round is None
    assert r4.next_state.pending == ()
    assert [c.collaboration_actual for c in r4.cities] == [1.0, 1.0, 0.0]
    assert all(c.gdp_gain.delayed == 0 for c in r5.cities)


def test_a_project_due_in_the_last_round_is_paid():
    _, r4, r5 = _rounds(first_round=3)
    assert r5.round_no == 5
    assert r5.city("c1").gdp_gain.delayed == 95
    assert r4.city("c1").gdp_gain.delayed == 0
