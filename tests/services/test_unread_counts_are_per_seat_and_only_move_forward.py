"""Unread counts are kept per seat (every device and teammate sees the same badge): other
authors' visible messages after the seat's read cursor, which only moves forward."""

import pytest

from coordination import chat
from coordination.chat_selectors import student_state
from game.services import broadcast
from game.services.errors import GameError
from tests.services.chat_setup import ALICE_BOB

pytestmark = pytest.mark.django_db(transaction=True)


def unread(participant) -> dict[str, int]:
    return {ch["key"]: ch["unread"] for ch in student_state(participant.id)["channels"]}


def test_reading_on_one_device_clears_the_badge_for_the_whole_seat(chat_class, sent):
    c = chat_class
    first = chat.chat_post(participant_id=c.bob.id, channel=ALICE_BOB, text="one")
    last = chat.chat_post(participant_id=c.bob.id, channel=ALICE_BOB, text="two")
    chat.chat_post(participant_id=c.bob.id, channel="province", text="everyone")
    assert unread(c.alice)[ALICE_BOB] == 2 and unread(c.ann)["province"] == 1
    assert unread(c.bob)[ALICE_BOB] == 0  # your own messages are never unread
    sent.clear()
    assert chat.chat_read(participant_id=c.ann.id, channel=ALICE_BOB, up_to=first.seq) == 1
    assert sent == [(broadcast.seat_group(c.alice.seat_id), {"type": "chat.unread", "channel": ALICE_BOB,
                                                             "unread": 1})]
    assert chat.chat_read(participant_id=c.alice.id, channel=ALICE_BOB, up_to=last.seq) == 0
    assert chat.chat_read(participant_id=c.alice.id, channel=ALICE_BOB, up_to=first.seq) == 0  # never backwards
    assert unread(c.ann)[ALICE_BOB] == 0 and unread(c.alice)["province"] == 1


def test_marking_read_with_a_message_of_another_channel_is_refused(chat_class):
    c = chat_class
    elsewhere = chat.chat_post(participant_id=c.bob.id, channel="province", text="x")
    mine = chat.chat_post(participant_id=c.bob.id, channel=ALICE_BOB, text="y")
    for up_to, code in ((elsewhere.seq + 1, "not_found"), ("7", "bad_message"), (True, "bad_message"),
                        (-1, "bad_message")):
        with pytest.raises(GameError) as refused:
            chat.chat_read(participant_id=c.alice.id, channel=ALICE_BOB, up_to=up_to)
        assert refused.value.code == code
    assert unread(c.alice)[ALICE_BOB] == 1
    assert mine.seq == elsewhere.seq == 1  # each channel numbers its own messages
