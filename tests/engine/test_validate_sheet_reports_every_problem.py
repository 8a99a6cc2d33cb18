"""validate_sheet returns every problem of a sheet, each with a stable code and field."""

from game.engine import Rules, Sheet, validate_sheet
from tests.engine.builders import industrial, joint, offer, province, sheet, state

PROV = province(3)
OFFER = offer(
    industrial("ind"),
    joint("jp", members=("c1", "c2")),
    joint("other", members=("c2", "c3")),
)


def _problems(the_sheet, city_id="c1", rules=None, budget=None):
    st = state(PROV, budgets={city_id: budget} if budget is not None else None).city(city_id)
    return validate_sheet(the_sheet, city=PROV.city(city_id), state=st, offer=OFFER, rules=rules or Rules())


def _codes(problems):
    return sorted((p.code, p.field) for p in problems)


def test_a_valid_sheet_has_no_problems():
    good = sheet("c1", bids={"ind": 60}, contributions={"jp": 40, "other": 0})
    assert _problems(good) == []


def test_a_sheet_spending_exactly_the_budget_is_valid():
    assert _problems(sheet("c1", bids={"ind": 100})) == []
    assert _problems(sheet("c1", bids={"ind": 101}))[0].code == "over_budget"


def test_every_problem_is_reported_at_once():
    bad = Sheet(
        city_id="c2",  # checked against c1
        bids={"ind": 150, "nope": -1},  # over budget overall; unknown and negative
        contributions={"other": 5, "jp": 2.5},  # c1 is not in "other"; 2.5 is not whole
        inflation_pct=60,
    )
    problems = _problems(bad)
    assert _codes(problems) == [
        ("inflation_range", "inflation_pct"),
        ("negative", "bids.nope"),
        ("not_a_number", "contributions.jp"),
        ("not_member", "contributions.other"),
        ("over_budget", "sheet"),  # 150 + 5 counted; the bad amounts count as 0
        ("unknown_project", "bids.nope"),
        ("wrong_city", "sheet"),
    ]
    over = next(p for p in problems if p.code == "over_budget")
    assert dict(over.params) == {"total": 155, "budget": 100}
    assert all(p.message for p in problems)


def test_an_unknown_joint_project_is_reported():
    assert _codes(_problems(sheet("c1", contributions={"ghost": 1}))) == [
        ("unknown_project", "contributions.ghost")
    ]


def test_a_bool_is_not_a_whole_number():
    assert _codes(_problems(Sheet("c1", bids={"ind": True}))) == [("not_a_number", "bids.ind")]


def test_inflation_must_be_between_0_and_50():
    on = Rules(reporting=True)
    assert _problems(sheet("c1", inflation=50), rules=on) == []
    assert _problems(sheet("c1", inflation=0), rules=on) == []
    assert _codes(_problems(sheet("c1", inflation=51), rules=on)) == [("inflation_range", "inflation_pct")]
    assert _codes(_problems(sheet("c1", inflation=-1), rules=on)) == [("inflation_range", "inflation_pct")]
    assert _codes(_problems(Sheet("c1", inflation_pct=12.5), rules=on)) == [("not_a_number", "inflation_pct")]


def test_inflation_is_refused_when_reporting_is_off():
    assert _codes(_problems(sheet("c1", inflation=10))) == [("reporting_off", "inflation_pct")]
    assert _problems(sheet("c1", inflation=0)) == []


def test_validity_depends_on_this_rounds_budget():
    assert _codes(_problems(sheet("c1", bids={"ind": 60}), budget=59)) == [("over_budget", "sheet")]
