"""While the instructor has paused the game, saves are refused (`paused`): so are
proposing, accepting, declining and withdrawing agreements, which bind sheets. Nothing
changes; chat stays open (docs/protocol.md). Before, an agreement could be signed during
a pause (issue #7)."""

import pytest
from django.utils import translation

from coordination import services
from coordination.chat import chat_post
from coordination.models import Agreement, AgreementParty
from game.services import housekeeping
from game.services.errors import GameError
from tests.services.agreement_setup import PROJECT, open_table

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "Benefits split by contribution."


def _state():
    return (list(Agreement.objects.values_list("id", "status", "decided_at")),
            list(AgreementParty.objects.values_list("id", "accepted_at")))


@pytest.fixture
def paused(make_session, join, instructor):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    proposed = services.agreement_propose(participant=t.alice, project_id=PROJECT,
                                          pledges={"taiyuan": 10, "xinzhou": 10}, note=NOTE)
    housekeeping.session_pause(session=t.session, user=instructor)
    return t, proposed


def _refused(action, **kwargs):
    with translation.override("en"), pytest.raises(GameError) as refused:
        action(**kwargs)
    assert refused.value.code == "paused"
    assert "paused" in refused.value.message
    with translation.override("zh-hans"), pytest.raises(GameError) as refused:
        action(**kwargs)
    assert "暂停" in refused.value.message


def test_no_agreement_is_proposed_accepted_declined_or_withdrawn_during_a_pause(paused):
    t, proposed = paused
    before = _state()
    _refused(services.agreement_propose, participant=t.alice, project_id=PROJECT,
             pledges={"taiyuan": 5, "xinzhou": 5}, note=NOTE)
    _refused(services.agreement_accept, participant=t.bob, agreement_id=proposed.public_id)
    _refused(services.agreement_decline, participant=t.bob, agreement_id=proposed.public_id)
    _refused(services.agreement_withdraw, participant=t.alice, agreement_id=proposed.public_id)
    assert _state() == before
    assert Agreement.objects.get().status == Agreement.Status.PROPOSED


def test_after_resuming_the_agreement_can_be_signed(paused, instructor):
    t, proposed = paused
    housekeeping.session_resume(session=t.session, user=instructor)
    signed = services.agreement_accept(participant=t.bob, agreement_id=proposed.public_id)
    assert signed.status == Agreement.Status.SIGNED


def test_chat_stays_open_during_a_pause(paused):
    t, _ = paused
    message = chat_post(participant_id=t.alice.id, channel="province", text="Wait for the resume?")
    assert message.body == "Wait for the resume?"
