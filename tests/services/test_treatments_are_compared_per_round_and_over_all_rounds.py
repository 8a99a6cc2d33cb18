"""The comparison of treatments over a session's scored rounds (game/services/
treatment_compare.py): per round and over all rounds, each treatment's completion, welfare
and bids as a mean across its provinces, with its interval and the difference; what the
projector may see before and after the instructor reveals; the reveal itself."""

import pytest

from game.models import Event, GameSession
from game.services.errors import GameError
from game.services.selectors import instructor_snapshot, projector_snapshot
from game.services.sessions import province_add
from game.services.treatment_compare import for_projector, treatment_comparison
from game.services.treatment_reveal import treatments_reveal
from tests.services.comparison_setup import score, split, totals

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worlds(make_session, instructor):
    """Six provinces alternating A (growth) and B (collaborative), two scored rounds."""
    session = make_session(total_rounds=3, schedule="growth_tournament:3")
    provinces = split(session, instructor, ["A", "B", "A", "B", "A", "B"], rounds=3)
    a, b = provinces[0::2], provinces[1::2]
    score(session, 1, {a[0]: totals(0, gdp=100, bids=30), a[1]: totals(1, gdp=110, bids=20),
                       a[2]: totals(0, gdp=90, bids=40),
                       b[0]: totals(3, gdp=150, ecology=10), b[1]: totals(4, gdp=160, ecology=20),
                       b[2]: totals(3, gdp=140, public_service=30)})
    score(session, 2, {a[0]: totals(1, gdp=100), a[1]: totals(0, gdp=100), a[2]: totals(0, gdp=100),
                       b[0]: totals(4, gdp=200), b[1]: totals(4, gdp=200), b[2]: totals(2, gdp=200)})
    session.refresh_from_db()
    return session, a, b


def block(comparison, number):
    return next(b for b in comparison["rounds"] if b["round"] == number)


def test_each_round_compares_the_means_of_each_treatments_provinces(worlds):
    session, a, b = worlds
    c = treatment_comparison(session)
    assert [x["round"] for x in c["rounds"]] == [1, 2, "all"]
    one = block(c, 1)
    assert one["treatments"]["A"]["provinces"] == 3 and one["treatments"]["B"]["provinces"] == 3
    assert one["treatments"]["A"]["completion"]["mean"] == pytest.approx(round(1 / 12, 4))
    assert one["treatments"]["B"]["completion"]["mean"] == pytest.approx(round(10 / 12, 4))
    # welfare = GDP gain + ecology + public service (docs/rules.md §4), as in the debrief
    assert one["treatments"]["B"]["welfare"]["mean"] == pytest.approx((160 + 180 + 170) / 3, abs=1e-4)
    assert one["treatments"]["A"]["bids"]["mean"] == pytest.approx(30)
    assert one["difference"]["first"] == "A" and one["difference"]["second"] == "B"
    assert one["difference"]["completion"]["mean"] == pytest.approx(round(1 / 12 - 10 / 12, 4), abs=1e-4)
    d = one["difference"]["completion"]
    assert d["low"] <= d["mean"] <= d["high"] < 0  # the growth world completes fewer, clearly


def test_all_rounds_pool_completion_and_average_welfare_and_bids_per_round(worlds):
    session, a, b = worlds
    every = block(treatment_comparison(session), "all")
    assert every["treatments"]["A"]["completion"]["mean"] == pytest.approx(round(2 / 24, 4))
    assert every["treatments"]["B"]["completion"]["mean"] == pytest.approx(round(20 / 24, 4))
    assert every["treatments"]["B"]["welfare"]["mean"] == pytest.approx((510 / 3 + 200) / 2, abs=1e-4)
    assert every["treatments"]["A"]["bids"]["mean"] == pytest.approx(15)


def test_the_intervals_are_the_same_every_time_the_comparison_is_built(worlds):
    session, _a, _b = worlds
    assert treatment_comparison(session) == treatment_comparison(GameSession.objects.get(pk=session.pk))


def test_a_round_not_yet_scored_is_not_compared(worlds):
    session, a, b = worlds
    rnd = session.rounds.get(number=2)
    rnd.status = "closed"
    rnd.save(update_fields=["status"])
    assert [x["round"] for x in treatment_comparison(session)["rounds"]] == [1, "all"]


def test_two_provinces_per_treatment_give_means_but_say_too_few(make_session, instructor):
    session = make_session(total_rounds=2, schedule="growth_tournament:2")
    a1, b1, a2, b2 = split(session, instructor, ["A", "B", "A", "B"], rounds=2)
    score(session, 1, {a1: totals(0), a2: totals(1), b1: totals(4), b2: totals(3)})
    session.refresh_from_db()
    one = block(treatment_comparison(session), 1)
    for label in "AB":
        estimate = one["treatments"][label]["completion"]
        assert estimate["n"] == 2 and estimate["mean"] is not None
        assert estimate["low"] is None and estimate["high"] is None
    assert one["difference"]["completion"] == {"mean": -0.75, "low": None, "high": None}


def test_a_session_with_one_treatment_or_none_has_no_comparison(make_session, instructor):
    session = make_session()
    assert treatment_comparison(session) is None
    assert projector_snapshot(session)["comparison"] is None
    session.treatments = [{"label": "A", "schedule": ["growth_tournament"] * 3}]
    session.save(update_fields=["treatments"])
    assert treatment_comparison(session) is None


def test_before_the_reveal_the_projector_gets_labels_and_numbers_only(worlds):
    session, _a, _b = worlds
    full = instructor_snapshot(session)["comparison"]
    shown = projector_snapshot(session)["comparison"]
    assert full["treatments"][0]["provinces"] == [1, 3, 5]
    assert full["treatments"][1]["phases"][0]["preset"] == "collaborative_contest"
    assert shown["revealed"] is False
    assert shown["treatments"] == [{"label": "A", "alias": "A", "provinces": None, "phases": None},
                                   {"label": "B", "alias": "B", "provinces": None, "phases": None}]
    assert shown["rounds"] == full["rounds"]  # the numbers are the same
    text = str(shown)
    for secret in ("growth", "collaborative", "Growth", "Collaborative", "增长", "协同"):
        assert secret not in text


def test_after_the_reveal_the_projector_names_the_rules_and_the_provinces(worlds, instructor):
    session, _a, _b = worlds
    treatments_reveal(session=session, user=instructor)
    shown = projector_snapshot(GameSession.objects.get(pk=session.pk))["comparison"]
    assert shown["revealed"] is True
    assert shown["treatments"][1]["provinces"] == [2, 4, 6]
    assert shown["treatments"][0]["phases"] == [{"from": 1, "to": 3, "preset": "growth_tournament",
                                                 "name": shown["treatments"][0]["phases"][0]["name"]}]
    assert shown["treatments"][0]["phases"][0]["name"]["en"]
    event = Event.objects.get(session=session, kind="treatments_revealed")
    assert event.actor == instructor.get_username() and event.data == {"labels": ["A", "B"]}


def test_a_stale_session_object_still_sees_the_reveal(worlds, instructor):
    """Consumers hold the session from connect: the snapshot reads the reveal afresh."""
    session, _a, _b = worlds
    held = GameSession.objects.get(pk=session.pk)
    treatments_reveal(session=session, user=instructor)
    assert projector_snapshot(held)["comparison"]["revealed"] is True


def test_revealing_twice_or_without_treatments_or_as_another_instructor_is_refused(
        worlds, instructor, other_instructor, make_session):
    session, _a, _b = worlds
    with pytest.raises(GameError) as refused:
        treatments_reveal(session=session, user=other_instructor)
    assert refused.value.code == "forbidden"
    assert GameSession.objects.get(pk=session.pk).treatments_revealed is False
    treatments_reveal(session=session, user=instructor)
    with pytest.raises(GameError) as again:
        treatments_reveal(session=session, user=instructor)
    assert again.value.code == "already_revealed"
    assert Event.objects.filter(session=session, kind="treatments_revealed").count() == 1
    plain = make_session()
    with pytest.raises(GameError) as none:
        treatments_reveal(session=plain, user=instructor)
    assert none.value.code == "no_treatments"
    assert GameSession.objects.get(pk=plain.pk).treatments_revealed is False


def test_the_panel_button_reveals_through_the_action_endpoint(worlds, client, instructor):
    session, _a, _b = worlds
    client.force_login(instructor)
    response = client.post(f"/instructor/s/{session.id}/do/reveal/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["type"] == "ok"
    assert GameSession.objects.get(pk=session.pk).treatments_revealed is True
    again = client.post(f"/instructor/s/{session.id}/do/reveal/", HTTP_ACCEPT="application/json")
    assert again.status_code == 400 and again.json()["code"] == "already_revealed"


def test_for_projector_passes_a_revealed_comparison_unchanged(worlds, instructor):
    session, _a, _b = worlds
    treatments_reveal(session=session, user=instructor)
    full = treatment_comparison(GameSession.objects.get(pk=session.pk))
    assert for_projector(full) == full and for_projector(None) is None


def test_labels_that_name_the_rules_reach_the_projector_as_neutral_letters(make_session, instructor):
    session = make_session(total_rounds=2, schedule="growth_tournament:2",
                           treatments="GDPRACE=growth_tournament:2;TEAMWORK=collaborative_contest:2")
    provinces = [province_add(session=session, user=instructor) for _ in range(6)]
    score(session, 1, {p: totals(n) for p, n in zip(provinces, (0, 4, 1, 3, 0, 4), strict=True)})
    session = GameSession.objects.get(pk=session.pk)
    full = treatment_comparison(session)
    assert [(t["label"], t["alias"]) for t in full["treatments"]] == [("GDPRACE", "A"), ("TEAMWORK", "B")]
    shown = projector_snapshot(session)["comparison"]
    assert "GDPRACE" not in str(shown) and "TEAMWORK" not in str(shown)
    assert block(shown, 1)["treatments"]["B"] == block(full, 1)["treatments"]["TEAMWORK"]
    assert (block(shown, 1)["difference"]["first"], block(shown, 1)["difference"]["second"]) == ("A", "B")
    treatments_reveal(session=session, user=instructor)
    revealed = projector_snapshot(GameSession.objects.get(pk=session.pk))["comparison"]
    assert [t["label"] for t in revealed["treatments"]] == ["GDPRACE", "TEAMWORK"]
