"""A session played to the end by best-response bots in two treatments (demo_session
--treatments): the comparison holds exactly the means of each treatment's provinces as the
database records them, names each treatment's rules as played, and shows the headline:
the collaborative contest completes more joint projects, beyond the spread between
provinces."""

import statistics

import pytest

from game.models import ProvinceResult
from game.services.treatment_compare import treatment_comparison
from tests.services.played import demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def played(instructor):
    return demo(scenario="central-cluster", provinces=6, rounds=3, strategy="best_response", seed=3,
                instructor=instructor.username, treatments="A=growth_tournament:3;B=collaborative_contest:3")


def test_the_comparison_is_the_mean_of_each_treatments_provinces(played):
    comparison = treatment_comparison(played)
    assert [t["label"] for t in comparison["treatments"]] == ["A", "B"]
    for block in comparison["rounds"][:-1]:
        for label, cell in block["treatments"].items():
            rows = [r.data["totals"] for r in ProvinceResult.objects.filter(
                round__session=played, round__number=block["round"], province__treatment=label)]
            assert cell["provinces"] == len(rows) == 3
            rates = [t["joint_completed"] / t["joint_offered"] for t in rows]
            welfare = [t["gdp_gain"] + t["ecology"] + t["public_service"] for t in rows]
            assert cell["completion"]["mean"] == pytest.approx(statistics.fmean(rates), abs=1e-4)
            assert cell["welfare"]["mean"] == pytest.approx(statistics.fmean(welfare), abs=1e-4)
            assert cell["bids"]["mean"] == pytest.approx(statistics.fmean(t["bid_spending"] for t in rows), abs=1e-4)
            assert cell["completion"]["low"] <= cell["completion"]["mean"] <= cell["completion"]["high"]


def test_each_treatment_is_named_by_the_rules_it_played(played):
    phases = {t["label"]: t["phases"] for t in treatment_comparison(played)["treatments"]}
    assert [(p["from"], p["to"], p["preset"]) for p in phases["A"]] == [(1, 3, "growth_tournament")]
    assert [(p["from"], p["to"], p["preset"]) for p in phases["B"]] == [(1, 3, "collaborative_contest")]
    assert phases["B"][0]["name"]["en"] == "Collaborative contest"


def test_the_collaborative_world_completes_more_beyond_the_spread(played):
    every = treatment_comparison(played)["rounds"][-1]
    assert every["round"] == "all"
    gap = every["difference"]["completion"]  # A − B: growth minus collaborative
    assert gap["high"] < 0, every
