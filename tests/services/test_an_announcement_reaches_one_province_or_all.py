"""announcement_post: a banner for every student screen of the province(s), a line in
each province channel, and the projector; the banner lasts for the round it was made in."""

import pytest

from coordination import chat
from coordination.chat_models import Announcement, ChatMessage
from coordination.chat_selectors import projector_state, student_state
from game.services import broadcast, rounds
from game.services.errors import GameError
from tests.services.chat_setup import groups_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_announcement_to_all_reaches_every_province_the_projector_and_the_panel(chat_class, instructor, sent):
    c = chat_class
    a = chat.announcement_post(session=c.session, user=instructor, text="Round 1 starts in two minutes.")
    provinces = {c.alice.seat.province_id, c.zed.seat.province_id}
    lines = ChatMessage.objects.filter(announcement=a)
    assert {m.province_id for m in lines} == provinces and {m.channel for m in lines} == {"province"}
    assert groups_of(sent, "announcement") == {broadcast.province_group(p) for p in provinces} | {
        broadcast.projector_group(c.session.id), broadcast.instructor_group(c.session.id)}
    to_zed = next(m for g, m in sent if g == broadcast.province_group(c.zed.seat.province_id))
    assert to_zed["announcement"]["text"] == "Round 1 starts in two minutes."
    assert to_zed["message"]["kind"] == "announcement" and to_zed["message"]["as_province"] is True
    assert to_zed["message"]["province"] == c.zed.seat.province_id
    assert [x["id"] for x in student_state(c.zed.id)["announcements"]] == [a.id]
    assert student_state(c.alice.id)["page"]["messages"][0]["text"] == "Round 1 starts in two minutes."
    assert [x["text"] for x in projector_state(c.session.id)["announcements"]] == ["Round 1 starts in two minutes."]


def test_an_announcement_to_one_province_reaches_only_it(chat_class, instructor, sent):
    c = chat_class
    chat.announcement_post(session=c.session, user=instructor, text="Province 2 only",
                           province_id=c.zed.seat.province_id)
    assert broadcast.province_group(c.alice.seat.province_id) not in {g for g, _ in sent}
    assert student_state(c.alice.id)["announcements"] == []
    assert student_state(c.zed.id)["announcements"][0]["province_number"] == 2
    assert projector_state(c.session.id)["announcements"][0]["province_number"] == 2


def test_the_banner_lasts_until_the_next_round(chat_class, instructor):
    c = chat_class
    chat.announcement_post(session=c.session, user=instructor, text="Lobby news")
    rnd = rounds.round_open(session=c.session, user=instructor)  # round 1 was the draft: same round
    assert [x["text"] for x in student_state(c.alice.id)["announcements"]] == ["Lobby news"]
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)  # round 2 is now the session's round
    assert student_state(c.alice.id)["announcements"] == []
    assert any(m["text"] == "Lobby news" for m in student_state(c.alice.id)["page"]["messages"])  # the chat keeps it


@pytest.mark.parametrize(("text", "province", "code"), [
    ("", None, "empty"), ("x" * 501, None, "too_long"), (5, None, "bad_text"),
    ("hi", 10**9, "not_found"), ("hi", "2", "bad_message"), ("hi", True, "bad_message"),
])
def test_bad_announcements_are_refused_and_change_nothing(chat_class, instructor, sent, text, province, code):
    c = chat_class
    with pytest.raises(GameError) as refused:
        chat.announcement_post(session=c.session, user=instructor, text=text, province_id=province)
    assert refused.value.code == code
    assert not Announcement.objects.exists() and not ChatMessage.objects.exists() and sent == []
