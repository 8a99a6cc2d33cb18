"""One seat may save at most SAVES_PER_WINDOW times in SAVE_WINDOW_SECONDS: the next save
is refused with a translated message, stores nothing and tells nobody; once the window
has passed the seat saves again. Bots are not limited (they save once per round)."""

import datetime as dt

import pytest
from django.utils import translation

from game.models import SheetRevision
from game.services import rounds
from game.services.errors import GameError
from game.services.limits import SAVE_WINDOW_SECONDS, SAVES_PER_WINDOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(make_session, join, instructor):
    session = make_session()
    alice = join(session, "Alice")
    rounds.round_open(session=session, user=instructor)
    return alice


def save(alice, amount):
    return rounds.sheet_save(participant=alice, round_number=1, data={"bids": {"r1-nev": amount}})


def test_a_flood_of_saves_is_refused_with_a_clear_message(alice):
    for n in range(SAVES_PER_WINDOW):
        save(alice, n)
    with translation.override("en"), pytest.raises(GameError) as refused:
        save(alice, 20)  # within every budget (45)
    assert refused.value.code == "too_many_saves"
    assert f"{SAVES_PER_WINDOW} times in the last {SAVE_WINDOW_SECONDS} seconds" in refused.value.message
    with translation.override("zh-hans"), pytest.raises(GameError) as chinese:
        save(alice, 20)  # within every budget (45)
    assert "秒内已保存" in chinese.value.message
    assert SheetRevision.objects.count() == SAVES_PER_WINDOW
    sheet = alice.seat.sheets.get()
    assert sheet.version == SAVES_PER_WINDOW and sheet.data["bids"] == {"r1-nev": SAVES_PER_WINDOW - 1}


def test_the_seat_saves_again_once_the_window_has_passed(alice):
    for n in range(SAVES_PER_WINDOW):
        save(alice, n)
    # As if the saves had been made a window ago (no waiting in tests).
    SheetRevision.objects.update(saved_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=SAVE_WINDOW_SECONDS + 1))
    assert save(alice, 42).data["bids"] == {"r1-nev": 42}


def test_teammates_share_the_seats_limit(make_session, join, instructor):
    session = make_session(students_per_seat=2)
    first = join(session, "Ann")
    for name in ("B", "C", "D", "E"):
        join(session, name)
    mate = join(session, "Mate")
    assert mate.seat_id == first.seat_id
    rounds.round_open(session=session, user=instructor)
    for n in range(SAVES_PER_WINDOW):
        save(first if n % 2 else mate, n)
    with pytest.raises(GameError) as refused:
        save(first, 1)
    assert refused.value.code == "too_many_saves"
