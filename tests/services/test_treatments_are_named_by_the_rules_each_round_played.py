"""After a rule change mid-game, the comparison names each treatment by the rules it
actually played each round (Round.treatment_rules), not by its planned schedule: per round,
and as a sequence over all rounds (issue #13 trial, item 3)."""

import pytest
from django.utils import translation

from game.models import GameSession
from game.services import rounds
from game.services.bots import bots_play
from game.services.treatment_compare import treatment_comparison
from game.services.treatment_debrief import two_worlds as debrief_two_worlds
from game.services.treatment_reveal import treatments_reveal

pytestmark = pytest.mark.django_db(transaction=True)


def play(session, instructor):
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)


@pytest.fixture
def switched(two_worlds, instructor):
    """GROWTH plays the growth tournament in round 1, implicit coordination from round 2."""
    play(two_worlds, instructor)
    rounds.rules_set(session=two_worlds, user=instructor, preset="implicit_coordination", treatment="GROWTH")
    play(two_worlds, instructor)
    treatments_reveal(session=two_worlds, user=instructor)
    return GameSession.objects.get(pk=two_worlds.pk)


def test_the_phases_follow_the_rules_played_not_the_plan(switched):
    growth = treatment_comparison(switched)["treatments"][0]
    # Round 3 (created when round 2 was scored) carries the change on.
    assert [(p["from"], p["to"], p["preset"]) for p in growth["phases"]] == [
        (1, 1, "growth_tournament"), (2, 3, "implicit_coordination")]


@pytest.mark.parametrize(("language", "first", "second", "sequence"), [
    ("en", "Growth tournament", "Implicit coordination", "Growth tournament → Implicit coordination"),
    ("zh-hans", "增长锦标赛", "隐性协调", "增长锦标赛 → 隐性协调"),
])
def test_the_debrief_names_each_round_by_its_rules_and_all_rounds_by_their_sequence(
        switched, language, first, second, sequence):
    with translation.override(language):
        chart = debrief_two_worlds(switched)["charts"][0]
        rows = {(str(r["round"]), r["treatment"]) for r in chart["rows"] if not r.get("difference")}
        every = translation.gettext("All rounds")
    growth = {round_: name for round_, name in rows if "GROWTH" in name}
    assert growth["1"].endswith(first) and growth["2"].endswith(second)
    assert growth[every].endswith(sequence)
    assert "GROWTH" in chart["reading"] and sequence in chart["reading"]
