"""At most 5 messages per 10 seconds per seat (teammates share it); the sixth is refused
with a clear, translated message and nothing is stored."""

import datetime as dt

import pytest
from django.utils import translation

from coordination import chat
from coordination.chat_models import ChatMessage
from game.services.errors import GameError
from tests.services.chat_setup import ALICE_BOB

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_sixth_message_in_ten_seconds_is_refused_until_the_window_passes(chat_class):
    c = chat_class
    for i in range(3):
        chat.chat_post(participant_id=c.alice.id, channel="province", text=f"a{i}")
    for i in range(2):
        chat.chat_post(participant_id=c.ann.id, channel=ALICE_BOB, text=f"b{i}")  # same seat, any channel
    with translation.override("en"), pytest.raises(GameError) as refused:
        chat.chat_post(participant_id=c.alice.id, channel="province", text="one more")
    assert refused.value.code == "too_fast" and "at most 5 every 10 seconds" in refused.value.message
    with translation.override("zh-hans"), pytest.raises(GameError) as chinese:
        chat.chat_post(participant_id=c.ann.id, channel="province", text="one more")
    assert "10" in chinese.value.message and "at most" not in chinese.value.message
    assert ChatMessage.objects.count() == 5
    chat.chat_post(participant_id=c.bob.id, channel="province", text="another seat is not limited")
    ChatMessage.objects.filter(seat=c.alice.seat).update(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=11))
    chat.chat_post(participant_id=c.alice.id, channel="province", text="after the window")
    assert ChatMessage.objects.count() == 7
