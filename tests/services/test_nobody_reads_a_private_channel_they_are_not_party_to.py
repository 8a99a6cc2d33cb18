"""A private channel is its two cities' and the instructor's: a third city cannot post,
page, mark read or even learn it has activity, whatever key it guesses."""

import pytest

from coordination import chat, chat_sockets
from coordination.chat_models import ChatMessage, ChatRead
from coordination.chat_selectors import student_state
from game.services.errors import GameError
from tests.services.chat_setup import ALICE_BOB, BOB_CAROL

pytestmark = pytest.mark.django_db(transaction=True)

GUESSES = [ALICE_BOB, "pair:xinzhou|taiyuan", "pair:taiyuan|taiyuan", "pair:taiyuan|", "pair:|xinzhou",
           "pair:taiyuan|nowhere", "pair:taiyuan|xinzhou|yangquan", "Province", "pair:", "1", ""]


@pytest.mark.parametrize("key", GUESSES)
def test_a_third_city_cannot_post_page_or_mark_read_a_pair_it_is_not_in(chat_class, key):
    c = chat_class
    first = chat.chat_post(participant_id=c.alice.id, channel=ALICE_BOB, text="secret plan")
    with pytest.raises(GameError) as posted:
        chat.chat_post(participant_id=c.carol.id, channel=key, text="let me in")
    with pytest.raises(GameError) as paged:
        chat_sockets.STUDENT["chat.history"](participant_id=c.carol.id, message={"channel": key})
    with pytest.raises(GameError) as read:
        chat.chat_read(participant_id=c.carol.id, channel=key, up_to=first.seq)
    assert posted.value.code == paged.value.code == read.value.code == "unknown_channel"
    assert ChatMessage.objects.count() == 1 and not ChatRead.objects.exists()


def test_another_province_reaches_only_its_own_pair_of_the_same_name(chat_class):
    c = chat_class
    chat.chat_post(participant_id=c.alice.id, channel=ALICE_BOB, text="secret plan")
    # Zed is Taiyuan too, in province 2: "his" Taiyuan–Xinzhou pair is province 2's, and empty
    page = chat_sockets.STUDENT["chat.history"](participant_id=c.zed.id, message={"channel": ALICE_BOB})
    assert page["messages"] == []


def test_a_third_citys_state_says_nothing_of_other_pairs(chat_class):
    c = chat_class
    for _ in range(3):
        chat.chat_post(participant_id=c.alice.id, channel=ALICE_BOB, text="secret plan")
    state = student_state(c.carol.id)
    keys = [ch["key"] for ch in state["channels"]]
    assert ALICE_BOB not in keys and BOB_CAROL in keys and keys[0] == "province"
    assert all(ch["unread"] == 0 for ch in state["channels"])
    assert "secret plan" not in str(state)
    bob = {ch["key"]: ch["unread"] for ch in student_state(c.bob.id)["channels"]}
    assert bob[ALICE_BOB] == 3


def test_a_removed_student_or_one_without_a_seat_cannot_chat(chat_class, instructor):
    from game.services.sessions import participant_remove

    c = chat_class
    participant_remove(session=c.session, user=instructor, participant_id=c.carol.id)
    with pytest.raises(GameError) as refused:
        chat.chat_post(participant_id=c.carol.id, channel="province", text="still here?")
    assert refused.value.code == "no_seat"
    assert student_state(c.carol.id)["channels"] == []
