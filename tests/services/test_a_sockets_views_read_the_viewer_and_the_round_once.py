"""A socket's views (the game's snapshot, then each coordination part's state) are built in
one reading: the viewer and the current round are read once, not once per part. Outside a
reading each call reads the database again, so nothing else sees a stale round."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from game.consumers import StudentConsumer
from game.services import rounds
from game.services.reading import one_reading
from game.services.selectors import current_round

pytestmark = pytest.mark.django_db(transaction=True)

VIEWER = 'FROM "game_participant" INNER JOIN "game_seat"'


def is_current_round(sql: str) -> bool:
    return 'WHERE "game_round"."session_id" = ' in sql and sql.endswith('ORDER BY "game_round"."number" DESC LIMIT 1')


def _views(participant) -> tuple[list[str], list[str]]:
    consumer = StudentConsumer()
    consumer.scope = {"headers": [], "cookies": {}}
    consumer.participant_id = participant.id
    with CaptureQueriesContext(connection) as queries:
        views = consumer._views()
    return views, [q["sql"] for q in queries.captured_queries]


def test_the_views_read_the_viewer_and_the_round_once(make_session, join, instructor):
    session = make_session()
    alice = join(session, "Alice")
    rounds.round_open(session=session, user=instructor)
    views, statements = _views(alice)
    assert [v.split('"')[3] for v in views] == ["snapshot", "agreements", "chat.state"]
    assert sum(VIEWER in s for s in statements) == 1
    assert sum(map(is_current_round, statements)) == 1


def test_outside_a_reading_the_round_is_read_again(make_session, join, instructor):
    session = make_session()
    join(session, "Alice")
    assert current_round(session).status == "draft"
    rounds.round_open(session=session, user=instructor)
    assert current_round(session).status == "open"
    with one_reading():
        first = current_round(session)
        rounds.round_close_now(session=session, user=instructor)
        assert current_round(session) is first  # one moment's view
    assert current_round(session).status != first.status
