"""A round from open to scored, through the services, against a real database."""

import pytest

from game.models import Round, SeatResult, Sheet
from game.services import rounds
from game.services.bots import bots_play
from game.services.errors import GameError
from game.services.selectors import expand_tables, student_snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_round_opens_takes_sheets_closes_and_is_scored(make_session, join, instructor):
    session = make_session()
    alice = join(session, "Alice")
    bob = join(session, "Bob")
    assert alice.seat.province_id == bob.seat.province_id
    assert alice.seat.city_id != bob.seat.city_id
    rnd = rounds.round_open(session=session, user=instructor)
    assert rnd.status == Round.Status.OPEN and rnd.deadline is not None
    played = bots_play(round_id=rnd.id)
    assert played == 3  # central-cluster: 5 cities, 2 students, 3 bots
    rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}, "contributions": {}})
    snap = student_snapshot(alice)
    assert snap["me"]["sheet"]["data"] == {"bids": {}, "contributions": {}, "inflation_pct": 0}
    project = snap["offer"]["industrial"][0]
    rounds.sheet_save(participant=bob, round_number=1, data={"bids": {project["id"]: project["reserve"]}})
    assert rounds.round_close(round_id=rnd.id, actor="test") is True
    assert rounds.round_close(round_id=rnd.id, actor="test") is False
    assert rounds.round_score(round_id=rnd.id) is True
    assert rounds.round_score(round_id=rnd.id) is False
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.SCORED
    assert SeatResult.objects.filter(round=rnd).count() == 5
    snap = expand_tables(student_snapshot(bob))
    assert snap["last_result"]["round"] == 1
    cities = snap["last_result"]["cities"]
    assert {c["city_id"] for c in cities} == {s["city"] for s in snap["cities"]}
    assert all(isinstance(c["points"]["rank_prize"], float) for c in cities)
    assert snap["round"]["number"] == 2 and snap["round"]["status"] == "draft"
    assert Sheet.objects.filter(round=rnd).count() == 5


def test_an_invalid_sheet_is_refused_with_every_reason_and_the_saved_sheet_is_kept(make_session, join, instructor):
    session = make_session()
    alice = join(session, "Alice")
    rounds.round_open(session=session, user=instructor)
    rounds.sheet_save(participant=alice, round_number=1, data={"bids": {}})
    with pytest.raises(GameError) as refused:
        rounds.sheet_save(participant=alice, round_number=1,
                          data={"bids": {"nope": 5, "r1-nev": -1}, "contributions": {}})
    codes = {p["code"] for p in refused.value.params["problems"]}
    assert codes == {"unknown_project", "negative"}
    assert Sheet.objects.get(seat=alice.seat).data == {"bids": {}, "contributions": {}, "inflation_pct": 0}


@pytest.mark.parametrize("amount", ["\uff15", "\u0663", "\u096b", " 5 ", "5\u3000"])
def test_an_amount_in_other_digits_or_with_spaces_is_refused_and_the_saved_sheet_is_kept(
        make_session, join, instructor, amount):
    session = make_session()
    alice = join(session, "Alice")
    rounds.round_open(session=session, user=instructor)
    rounds.sheet_save(participant=alice, round_number=1, data={"bids": {"r1-nev": 3}})
    with pytest.raises(GameError) as refused:
        rounds.sheet_save(participant=alice, round_number=1, data={"bids": {"r1-nev": amount}})
    assert [p["code"] for p in refused.value.params["problems"]] == ["not_a_number"]
    assert Sheet.objects.get(seat=alice.seat).data["bids"] == {"r1-nev": 3}


def test_a_sheet_with_a_non_number_is_checked_for_every_other_problem_too(make_session, join, instructor):
    session = make_session()
    alice = join(session, "Alice")
    rounds.round_open(session=session, user=instructor)
    with pytest.raises(GameError) as refused:
        rounds.sheet_save(participant=alice, round_number=1,
                          data={"bids": {"r1-nev": "lots", "nope": 3, "r1-biomed": 100000}})
    codes = {p["code"] for p in refused.value.params["problems"]}
    assert codes == {"not_a_number", "unknown_project", "over_budget"}
    assert not Sheet.objects.filter(seat=alice.seat).exists()
