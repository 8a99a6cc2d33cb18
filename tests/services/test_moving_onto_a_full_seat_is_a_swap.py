"""Two students exchange seats in one step; a half-done swap never happens."""

import pytest
from django.utils import translation

from game.models import Event
from game.services import selectors
from game.services.errors import GameError
from game.services.sessions import participant_move, participant_swap

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_students_swap_seats(make_session, join, instructor):
    session = make_session()
    alice, bob = join(session, "Alice"), join(session, "Bob")
    a_seat, b_seat = alice.seat_id, bob.seat_id
    participant_swap(session=session, user=instructor, participant_id=alice.id, other_id=bob.id)
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.seat_id, bob.seat_id) == (b_seat, a_seat)
    assert Event.objects.filter(session=session, kind="swapped").count() == 1


def test_a_move_onto_a_full_seat_says_to_swap(make_session, join, instructor):
    session = make_session()
    alice, bob = join(session, "Alice"), join(session, "Bob")
    with translation.override("en"), pytest.raises(GameError, match="swap"):
        participant_move(session=session, user=instructor, participant_id=alice.id, seat_id=bob.seat_id)
    alice.refresh_from_db()
    assert alice.seat_id != bob.seat_id


@pytest.mark.parametrize("case", ["same", "removed", "other_session", "stranger"])
def test_a_bad_swap_changes_nothing(make_session, join, instructor, other_instructor, case):
    session = make_session()
    alice, bob = join(session, "Alice"), join(session, "Bob")
    other = join(make_session(title="B"), "Carol")
    seats = (alice.seat_id, bob.seat_id)
    user, second = instructor, bob.id
    if case == "same":
        second = alice.id
    elif case == "removed":
        bob.removed = True
        bob.save()
    elif case == "other_session":
        second = other.id
    else:
        user = other_instructor
    with pytest.raises(GameError):
        participant_swap(session=session, user=user, participant_id=alice.id, other_id=second)
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.seat_id, bob.seat_id) == seats


def test_a_renamed_student_is_still_found_by_id(make_session, join, instructor):
    from game.services.sessions import participant_rename

    session = make_session()
    alice = join(session, "Alice")
    participant_rename(session=session, user=instructor, participant_id=alice.id, display_name="Alicia")
    city = next(c for c in selectors.expand_tables(selectors.province_payloads(session))[alice.seat.province_id]
                ["cities"] if c["seat"] == alice.seat_id)
    assert city["players"] == ["Alicia"] and city["player_ids"] == [alice.id]
