"""manage.py demo_session: a session owned by the instructor, played to the end by bots
through the services; bad arguments are refused with one clear line and create nothing."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from game.models import GameSession, Round, SeatResult, SheetRevision
from tests.services.played import demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_demo_is_played_to_the_end_with_the_bots_asked_for(instructor):
    session = demo(scenario="central-cluster", rounds=3, provinces=2, strategy="fair_share:2,best_response:3",
                   rules="growth_tournament:1,collaborative_contest", seed=9)
    assert session.instructor == instructor and session.status == GameSession.Status.ENDED
    assert session.seed == 9 and session.schedule == ["growth_tournament"] + ["collaborative_contest"] * 2
    assert list(session.rounds.values_list("status", flat=True)) == [Round.Status.SCORED] * 3
    assert SeatResult.objects.filter(round__session=session).count() == 3 * 2 * 5
    strategies = [s.bot_strategy for s in session.provinces.get(number=2).seats.order_by("position")]
    assert strategies == ["fair_share"] * 2 + ["best_response"] * 3
    assert not SheetRevision.objects.filter(sheet__round__session=session, by_bot=False).exists()


def test_the_same_seed_plays_the_same_game(instructor):
    first = demo(scenario="central-cluster", rounds=2, seed=3)
    second = demo(scenario="central-cluster", rounds=2, seed=3)
    points = [list(SeatResult.objects.filter(round__session=s).order_by("round__number", "seat__position")
                   .values_list("points", "composite")) for s in (first, second)]
    assert points[0] == points[1]


@pytest.mark.parametrize("args, message", [
    (["--rounds", "0"], "--rounds must be a whole number from 1 to 10"),
    (["--rounds", "ten"], "--rounds must be a whole number"),
    (["--provinces", "101"], "--provinces must be a whole number from 1 to 100"),
    (["--seed", "-1"], "--seed must be a whole number"),
    (["--scenario", "atlantis"], "--scenario"),
    (["--rules", "anarchy"], "--rules: unknown rules 'anarchy'"),
    (["--rounds", "2", "--rules", "growth_tournament:3"], "--rules: the schedule covers 3 rounds"),
    (["--strategy", "psychic"], "--strategy: unknown strategy 'psychic'"),
    (["--strategy", "fair_share:2"], "--strategy: the mix fills 2 seats but the scenario has 11 cities"),
    (["--instructor", "nobody"], "--instructor: no account named 'nobody'"),
])
def test_bad_arguments_are_refused_and_nothing_is_created(instructor, args, message):
    with pytest.raises(CommandError) as refused:
        call_command("demo_session", *args, stdout=io.StringIO())
    assert message in str(refused.value) and refused.value.returncode == 2
    assert not GameSession.objects.exists()
