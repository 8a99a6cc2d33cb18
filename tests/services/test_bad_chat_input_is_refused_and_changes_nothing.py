"""Empty, oversized, non-text messages and unknown channels get a clear error; nothing
is stored, logged or sent."""

import pytest
from django.utils import translation

from coordination import chat
from coordination.chat_models import ChatMessage
from game.models import Event
from game.services.errors import GameError

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("channel", "text", "code"), [
    ("province", "", "empty"),
    ("province", "   \n\t  ", "empty"),
    ("province", "\x00\x07", "empty"),
    ("province", "\u200b\u200c\u200d\u2060\ufeff", "empty"),  # zero-width only: a blank bubble (issue #7)
    ("province", "\u202e\u2066\u034f\u3164\u2800", "empty"),
    ("province", "x" * 501, "too_long"),
    ("province", 42, "bad_text"),
    ("province", ["hi"], "bad_text"),
    ("province", None, "bad_text"),
    ("province", {"text": "hi"}, "bad_text"),
    ("nowhere", "hi", "unknown_channel"),
    (7, "hi", "unknown_channel"),
    (None, "hi", "unknown_channel"),
    (["province"], "hi", "unknown_channel"),
    ("p" * 5000, "hi", "unknown_channel"),
])
def test_bad_input_is_refused(chat_class, sent, channel, text, code):
    c = chat_class
    events = Event.objects.count()
    with pytest.raises(GameError) as refused:
        chat.chat_post(participant_id=c.alice.id, channel=channel, text=text)
    assert refused.value.code == code and refused.value.message
    assert not ChatMessage.objects.exists() and Event.objects.count() == events and sent == []


def test_500_characters_after_trimming_are_accepted_and_the_error_is_translated(chat_class):
    c = chat_class
    assert len(chat.chat_post(participant_id=c.alice.id, channel="province", text=" " + "好" * 500 + "\n").body) == 500
    with translation.override("zh-hans"), pytest.raises(GameError) as refused:
        chat.chat_post(participant_id=c.alice.id, channel="province", text="好" * 501)
    assert "500" in refused.value.message and "501" in refused.value.message
    assert refused.value.message != "A message can be at most 500 characters (this one has 501)."


def test_text_keeps_markup_as_it_was_typed(chat_class):
    """Escaping is the screens' job (textContent): the record keeps exactly what was sent."""
    c = chat_class
    m = chat.chat_post(participant_id=c.alice.id, channel="province", text="<img src=x onerror=alert(1)>")
    assert m.body == "<img src=x onerror=alert(1)>"


def test_a_right_to_left_override_is_dropped_as_in_names(chat_class):
    """U+202E reversed the text after it on every reader's screen (issue #7); an emoji
    joined by U+200D keeps its joiner."""
    c = chat_class
    text = "pay \u202e01 stinu\u2069 ok 👨\u200d👩"
    message = chat.chat_post(participant_id=c.alice.id, channel="province", text=text)
    assert message.body == "pay 01 stinu ok 👨\u200d👩"
