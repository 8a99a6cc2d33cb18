"""Two teammates saving the one sheet of their seat at the same moment, from two threads
(two server processes would do the same): every stored save gets its own version, the
revision log holds each of them, and together they never exceed the seat's limit."""

import threading

import pytest
from django.db import connection

from game.models import Sheet, SheetRevision
from game.services import broadcast, rounds
from game.services.errors import GameError
from game.services.limits import SAVES_PER_WINDOW

pytestmark = pytest.mark.django_db(transaction=True)

EACH = 8  # two teammates × 8 saves at once: 16 > SAVES_PER_WINDOW


def test_teammates_racing_get_distinct_versions_and_share_one_limit(make_session, join, instructor, monkeypatch):
    monkeypatch.setattr(broadcast, "send_encoded_now", lambda encoded: None)
    monkeypatch.setattr(broadcast, "send_later", lambda delay, collect: None)
    session = make_session(students_per_seat=2)
    first = join(session, "Ann")
    for name in ("B", "C", "D", "E"):
        join(session, name)
    mate = join(session, "Mate")
    assert mate.seat_id == first.seat_id
    rounds.round_open(session=session, user=instructor)
    start = threading.Barrier(2)
    outcomes: dict[str, list] = {"Ann": [], "Mate": []}

    def play(student, name):
        try:
            start.wait(10)
            for n in range(EACH):
                try:
                    saved = rounds.sheet_save(participant=student, round_number=1, data={"bids": {"r1-nev": n}})
                    outcomes[name].append(saved.version)
                except GameError as exc:
                    outcomes[name].append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=play, args=(s, n)) for s, n in ((first, "Ann"), (mate, "Mate"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    answers = outcomes["Ann"] + outcomes["Mate"]
    assert len(answers) == 2 * EACH
    assert sorted(a for a in answers if isinstance(a, int)) == list(range(1, SAVES_PER_WINDOW + 1))
    assert [a for a in answers if isinstance(a, str)] == ["too_many_saves"] * (2 * EACH - SAVES_PER_WINDOW)
    sheet = Sheet.objects.get(seat_id=first.seat_id)
    assert sheet.version == SAVES_PER_WINDOW
    log = list(SheetRevision.objects.filter(sheet=sheet).values_list("version", "data"))
    assert [v for v, _ in log] == list(range(1, SAVES_PER_WINDOW + 1))
    assert log[-1][1] == sheet.data, "the last revision is the sheet that counts"


def test_a_students_save_reads_and_writes_in_three_statements(make_session, join, instructor, monkeypatch):
    """Who saves with their seat, session and the locked open round in one query; the
    sheet and its revision in two (services/sheet_store.py). A field read that was not
    loaded would be a query of its own, and show here."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(broadcast, "send_encoded_now", lambda encoded: None)
    monkeypatch.setattr(broadcast, "send_later", lambda delay, collect: None)
    session = make_session(fill_with_bots=False)
    ann, ben = join(session, "Ann"), join(session, "Ben")
    rounds.round_open(session=session, user=instructor)
    rounds.sheet_save(participant=ann, round_number=1, data={"bids": {"r1-nev": 1}})  # warms the rules' cache
    for first_or_again in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            saved = rounds.sheet_save(participant=ben, round_number=1, data={"bids": {"r1-nev": 2}})
        assert saved.version == first_or_again
        statements = [q["sql"] for q in queries.captured_queries
                      if q["sql"] not in ("BEGIN", "COMMIT") and "SAVEPOINT" not in q["sql"]]
        assert len(statements) == 3, statements
