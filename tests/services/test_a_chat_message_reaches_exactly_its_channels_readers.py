"""chat_post: a province message goes to the province and the instructor; a private one
only to its two cities' seats (teammates and other devices included) and the instructor."""

import pytest

from coordination import chat
from coordination.chat_models import ChatMessage
from coordination.chat_selectors import history
from game.models import Event
from game.services import broadcast
from tests.services.chat_setup import ALICE_BOB, groups_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_province_message_is_stored_and_sent_to_the_province_and_the_instructor(chat_class, sent):
    c = chat_class
    m = chat.chat_post(participant_id=c.alice.id, channel="province", text="  Let us build the corridor  ")
    assert (m.body, m.city, m.author_name, m.province_id) == ("Let us build the corridor", "taiyuan", "Alice",
                                                             c.alice.seat.province_id)
    assert groups_of(sent, "chat.message") == {broadcast.province_group(c.alice.seat.province_id),
                                               broadcast.instructor_group(c.session.id)}
    payload = sent[0][1]["message"]
    assert payload == {"id": m.seq, "province": m.province_id, "channel": "province", "city": "taiyuan",
                       "name": "Alice", "as_province": False, "kind": "text",
                       "text": "Let us build the corridor", "at": m.created_at.isoformat()}
    assert Event.objects.filter(session=c.session, kind="chat_posted", data__message=m.id).exists()
    messages, more = history(c.bob.seat.province_id, "province", None)
    assert [x["id"] for x in messages] == [m.seq] and more is False


def test_a_private_message_goes_only_to_the_two_cities_and_the_instructor(chat_class, sent):
    c = chat_class
    chat.chat_post(participant_id=c.bob.id, channel=ALICE_BOB, text="Half each?")
    assert groups_of(sent, "chat.message") == {broadcast.seat_group(c.alice.seat_id),  # Alice and Ann
                                               broadcast.seat_group(c.bob.seat_id),
                                               broadcast.instructor_group(c.session.id)}
    assert broadcast.province_group(c.bob.seat.province_id) not in {g for g, _ in sent}


def test_the_same_key_in_another_province_is_another_channel(chat_class, sent):
    c = chat_class
    chat.chat_post(participant_id=c.alice.id, channel="province", text="province 1 only")
    zed = chat.chat_post(participant_id=c.zed.id, channel="province", text="province 2 only")
    assert [x["text"] for x in history(c.zed.seat.province_id, "province", None)[0]] == ["province 2 only"]
    assert zed.province_id != c.alice.seat.province_id
    assert ChatMessage.objects.count() == 2
