"""In a two-worlds session the debrief's first charts pool every treatment's provinces: they
say so (phase name, readings, a note) and point to the two-worlds section, so a pooled 38%
is not read as one treatment's result (issue #13 trial, item 7)."""

import pytest
from django.urls import reverse
from django.utils import translation

from game.services import rounds
from game.services.bots import bots_play
from game.services.debrief import debrief

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scored(two_worlds, instructor):
    rnd = rounds.round_open(session=two_worlds, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    return two_worlds


@pytest.mark.parametrize(("language", "pooled", "note"), [
    ("en", "All treatments pooled", "These charts pool the provinces of every treatment."),
    ("zh-hans", "各实验组合并统计", "以下图表合并统计了所有实验组的省份。"),
])
def test_the_pooled_charts_say_they_pool_every_treatment(scored, instructor, client, language, pooled, note):
    with translation.override(language):
        data = debrief(scored)
    assert [p["name"] for p in data["phases"]] == [pooled]
    completion = next(c for c in data["charts"] if "reading" in c and pooled in c["reading"])
    assert completion
    client.force_login(instructor)
    page = client.get(reverse("debrief", args=[scored.id]), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert note in page and 'href="#two-worlds"' in page and 'id="two-worlds"' in page
