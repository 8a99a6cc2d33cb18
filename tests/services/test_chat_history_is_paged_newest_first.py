"""History comes 30 messages a page, newest first, older pages by a cursor of message
numbers; a page of
the province channel comes with the state a student gets after each snapshot."""

import pytest

from coordination import chat_sockets
from coordination.chat_models import ChatMessage
from coordination.chat_selectors import PAGE, student_state

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_walk_back_from_the_newest_message_to_the_first(chat_class):
    c = chat_class
    seat = c.bob.seat
    ChatMessage.objects.bulk_create([
        ChatMessage(session=c.session, province=seat.province, channel="province", seat=seat, city=seat.city_id,
                    author_name="Bob", body=f"m{i}", seq=i + 1) for i in range(2 * PAGE + 5)])
    page = chat_sockets.STUDENT["chat.history"]
    first = page(participant_id=c.alice.id, message={"channel": "province"})
    assert [m["text"] for m in first["messages"]][:2] == [f"m{2 * PAGE + 4}", f"m{2 * PAGE + 3}"]
    assert len(first["messages"]) == PAGE and first["more"] is True
    second = page(participant_id=c.alice.id, message={"channel": "province", "before": first["messages"][-1]["id"]})
    third = page(participant_id=c.alice.id, message={"channel": "province", "before": second["messages"][-1]["id"]})
    assert len(second["messages"]) == PAGE and second["more"] is True
    assert [m["text"] for m in third["messages"]] == [f"m{i}" for i in range(4, -1, -1)] and third["more"] is False
    everything = [m["id"] for p in (first, second, third) for m in p["messages"]]
    assert everything == sorted(everything, reverse=True) and len(set(everything)) == 2 * PAGE + 5
    state = student_state(c.ann.id)
    assert state["page"]["messages"] == first["messages"] and state["page"]["more"] is True
