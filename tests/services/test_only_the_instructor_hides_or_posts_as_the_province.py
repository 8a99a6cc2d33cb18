"""The instructor writes into any channel as the province government and hides messages
(gone from every screen, kept in the record marked hidden); nobody else can."""

import pytest

from coordination import chat, chat_sockets
from coordination.chat_models import ChatMessage
from coordination.chat_selectors import history, instructor_state, student_state
from game.models import Event
from game.services import broadcast
from game.services.errors import GameError
from tests.services.chat_setup import ALICE_BOB, groups_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_instructor_posts_as_the_province_into_a_private_channel(chat_class, instructor, sent):
    c = chat_class
    m = chat.chat_post_as_province(session=c.session, user=instructor, province_id=c.alice.seat.province_id,
                                   channel=ALICE_BOB, text="The province will match your pledges.")
    assert m.seat_id is None and m.city == "" and m.author_name == ""
    message = sent[0][1]["message"]
    assert message["as_province"] is True and message["city"] is None
    assert groups_of(sent, "chat.message") == {broadcast.seat_group(c.alice.seat_id),
                                               broadcast.seat_group(c.bob.seat_id),
                                               broadcast.instructor_group(c.session.id)}
    assert {ch["key"]: ch["unread"] for ch in student_state(c.bob.id)["channels"]}[ALICE_BOB] == 1


def test_a_hidden_message_leaves_every_screen_and_stays_in_the_record(chat_class, instructor, sent):
    c = chat_class
    rude = chat.chat_post(participant_id=c.bob.id, channel="province", text="something rude")
    kept = chat.chat_post(participant_id=c.bob.id, channel="province", text="something fine")
    sent.clear()
    province = c.bob.seat.province_id
    chat.chat_hide(session=c.session, user=instructor, province_id=province, channel="province", message_id=rude.seq)
    hidden = [(g, m) for g, m in sent if m["type"] == "chat.hidden"]
    assert {g for g, _ in hidden} == {broadcast.province_group(province), broadcast.instructor_group(c.session.id)}
    assert hidden[0][1] == {"type": "chat.hidden", "id": rude.seq, "province": province, "channel": "province"}
    # every other seat's badge drops to the one visible message; Bob wrote it and is not told
    unread = {g: m["unread"] for g, m in sent if m["type"] == "chat.unread"}
    others = c.bob.seat.province.seats.exclude(pk=c.bob.seat_id)
    assert unread == {broadcast.seat_group(seat.id): 1 for seat in others}
    assert broadcast.seat_group(c.alice.seat_id) in unread and len(unread) == 4
    assert [m["id"] for m in history(province, "province", None)[0]] == [kept.seq]
    assert [m["id"] for m in student_state(c.alice.id)["page"]["messages"]] == [kept.seq]
    record = chat_sockets.INSTRUCTOR["chat.history"](session_id=c.session.id, user=instructor,
                                                     message={"province": province, "channel": "province"})
    assert [(m["id"], m["hidden"]) for m in record["messages"]] == [(kept.seq, False), (rude.seq, True)]
    assert instructor_state(c.session.id)["provinces"][0]["channels"] == [{"key": "province", "count": 2, "hidden": 1}]
    assert Event.objects.filter(kind="chat_hidden", data__message=rude.id).count() == 1
    sent.clear()
    chat.chat_hide(session=c.session, user=instructor, province_id=province, channel="province",
                   message_id=rude.seq)  # again: nothing changes
    assert sent == [] and Event.objects.filter(kind="chat_hidden").count() == 1


def test_students_and_other_instructors_cannot_hide_post_as_province_or_read_the_record(
        chat_class, instructor, other_instructor, make_session):
    c = chat_class
    m = chat.chat_post(participant_id=c.bob.id, channel=ALICE_BOB, text="private")
    province = c.bob.seat.province_id
    user = other_instructor
    for call in (
        lambda: chat.chat_hide(session=c.session, user=user, province_id=province, channel=ALICE_BOB,
                               message_id=m.seq),
        lambda: chat.chat_post_as_province(session=c.session, user=user, province_id=province,
                                           channel="province", text="I am the province"),
        lambda: chat_sockets.INSTRUCTOR["chat.history"](session_id=c.session.id, user=user,
                                                        message={"province": province, "channel": ALICE_BOB}),
        lambda: chat.announcement_post(session=c.session, user=user, text="hello"),
    ):
        with pytest.raises(GameError) as refused:
            call()
        assert refused.value.code == "forbidden"
    # the student socket has no such message types: hiding, posting as the province and
    # announcing exist only on the instructor's socket (coordination.sockets)
    assert set(chat_sockets.STUDENT) == {"chat.post", "chat.history", "chat.read"}
    # the owner of another session cannot reach this one's messages through their own
    theirs = make_session(instructor=other_instructor, title="Class B")
    with pytest.raises(GameError) as elsewhere:
        chat.chat_hide(session=theirs, user=other_instructor, province_id=province, channel=ALICE_BOB,
                       message_id=m.seq)
    assert elsewhere.value.code == "not_found"
    with pytest.raises(GameError) as wrong_province:
        chat.chat_post_as_province(session=theirs, user=other_instructor, province_id=province, channel="province",
                                   text="x")
    assert wrong_province.value.code == "not_found"
    assert ChatMessage.objects.get().hidden_at is None and ChatMessage.objects.count() == 1


@pytest.mark.parametrize(("fields", "code"), [
    ({"province": "1", "channel": "province", "text": "x"}, "bad_message"),
    ({"province": None, "channel": "province", "text": "x"}, "bad_message"),
    ({"channel": "pair:taiyuan|nowhere", "text": "x"}, "unknown_channel"),
    ({"channel": "province", "text": ""}, "empty"),
    ({"channel": "province", "text": "x" * 501}, "too_long"),
])
def test_bad_instructor_posts_are_refused(chat_class, instructor, fields, code):
    c = chat_class
    fields.setdefault("province", c.alice.seat.province_id)
    with pytest.raises(GameError) as refused:
        chat_sockets.INSTRUCTOR["chat.post"](session_id=c.session.id, user=instructor, message=fields)
    assert refused.value.code == code
    assert not ChatMessage.objects.exists()
