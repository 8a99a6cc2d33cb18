"""The rules editor and the preset buttons act on one treatment (or every one) between
rounds; only the provinces changed are told, and a refusal changes nothing."""

import pytest
from django.utils import translation

from game.models import Event, Round, RulesVersion
from game.services import broadcast, rounds, sessions
from game.services.bots import bots_play
from game.services.errors import GameError
from game.services.province_rules import version_for

pytestmark = pytest.mark.django_db(transaction=True)  # ids never reused: services cache by id


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the tests' default language is Chinese)."""
    with translation.override("en"):
        yield


def _score_first_round(session, instructor) -> Round:
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    return session.rounds.get(number=2)


def _province_views(sent):
    return {group: message for group, message in sent if message["type"] == "province"}


def test_a_preset_for_one_treatment_changes_its_rules_and_tells_only_its_provinces(two_worlds, instructor, sent):
    draft = _score_first_round(two_worlds, instructor)
    growth_before = version_for(draft, "GROWTH")
    sent.clear()
    rounds.rules_set(session=two_worlds, user=instructor, preset="implicit_coordination", treatment="COOP")
    draft.refresh_from_db()
    assert version_for(draft, "GROWTH") == growth_before
    coop = version_for(draft, "COOP")
    assert coop.preset == "implicit_coordination" and coop.changes
    views = _province_views(sent)
    coop_groups = {broadcast.province_group(p.id) for p in two_worlds.provinces.filter(treatment="COOP")}
    assert set(views) == coop_groups  # the GROWTH provinces hear nothing
    for message in views.values():
        assert message["round"]["rules"]["preset"] == "implicit_coordination"
        assert message["round"]["rules"]["changed"] is True
        assert {c["param"] for c in message["round"]["rules"]["changes"]} == {c["param"] for c in coop.changes}
    assert Event.objects.filter(kind="rules_set").get().data["treatment"] == "COOP"


def test_edited_parameters_for_every_treatment_change_each_over_its_own_rules(two_worlds, instructor, sent):
    draft = _score_first_round(two_worlds, instructor)
    sent.clear()
    rounds.rules_set(session=two_worlds, user=instructor, params={"audit_penalty": 7})
    draft.refresh_from_db()
    growth, coop = version_for(draft, "GROWTH"), version_for(draft, "COOP")
    assert growth.rules["audit_penalty"] == coop.rules["audit_penalty"] == 7
    assert growth.rules["weights"] != coop.rules["weights"]  # each kept the rest of its own rules
    assert growth.changes == [{"param": "audit_penalty", "old": growth.changes[0]["old"], "new": 7}]
    assert set(_province_views(sent)) == {broadcast.province_group(p.id) for p in two_worlds.provinces.all()}


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"preset": "growth_tournament", "treatment": "NOPE"}, "bad_treatment"),
    ({"preset": "anarchy", "treatment": "COOP"}, "bad_preset"),
    ({"params": {"audit_probability": 2}, "treatment": "COOP"}, "bad_rules"),
    ({"params": {"audit_probability": 2}}, "bad_rules"),
])
def test_a_refused_change_changes_no_treatment(two_worlds, instructor, sent, kwargs, code):
    draft = _score_first_round(two_worlds, instructor)
    before = (dict(draft.treatment_rules), RulesVersion.objects.count())
    sent.clear()
    with pytest.raises(GameError) as refused:
        rounds.rules_set(session=two_worlds, user=instructor, **kwargs)
    assert refused.value.code == code
    draft.refresh_from_db()
    assert (draft.treatment_rules, RulesVersion.objects.count()) == before and sent == []


def test_a_session_without_treatments_refuses_a_treatment_name(make_session, instructor):
    session = make_session()
    sessions.province_add(session=session, user=instructor)
    with pytest.raises(GameError) as refused:
        rounds.rules_set(session=session, user=instructor, preset="growth_tournament", treatment="A")
    assert refused.value.code == "bad_treatment" and refused.value.message == "This session has no treatments."
