"""A class chats at 2 messages per second in every province: a post reads who is writing,
locks the seat while counting its recent messages, finding the pair's other seat and the
channel's last number (one statement), stores the message and its log line, and nothing
more, in either kind of channel. Its readers are found without asking the database again;
numbers still follow each other."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination import chat
from tests.services.chat_setup import ALICE_BOB

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("channel", ["province", ALICE_BOB])
def test_a_post_is_four_statements_in_any_channel(chat_class, sent, channel):
    with CaptureQueriesContext(connection) as queries:
        chat.chat_post(participant_id=chat_class.bob.id, channel=channel, text="Half each?")
    statements = [q["sql"] for q in queries.captured_queries
                  if q["sql"].split()[0] not in ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")]
    assert len(statements) == 4, statements
    assert "FOR UPDATE" in statements[1]



def test_numbers_follow_each_other_across_seats_and_channels(chat_class, sent):
    c = chat_class
    posts = [(c.alice, "province"), (c.bob, "province"), (c.bob, ALICE_BOB), (c.carol, "province"), (c.ann, ALICE_BOB)]
    numbers = [chat.chat_post(participant_id=p.id, channel=ch, text="hi").seq for p, ch in posts]
    assert numbers == [1, 2, 1, 3, 2]
