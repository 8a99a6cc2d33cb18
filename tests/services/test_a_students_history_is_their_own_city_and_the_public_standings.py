"""The history charts' data: the student's own seat round by round, and every city's
points and rank (shown to everyone after each scoring) — nothing else; refetchable by the
seated student only."""

import pytest
from django.urls import reverse

from game.models import SeatResult
from game.services import rounds
from game.services.bots import bots_play
from game.services.history import student_history

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def played(make_session, join, instructor):
    session = make_session(total_rounds=3)
    alice = join(session, "Alice")
    for number in (1, 2):
        rnd = rounds.round_open(session=session, user=instructor)
        bots_play(round_id=rnd.id)
        rounds.sheet_save(participant=alice, round_number=number, data={"bids": {}, "contributions": {}})
        rounds.round_close(round_id=rnd.id, actor="test")
        rounds.round_score(round_id=rnd.id)
    alice.refresh_from_db()
    return session, alice


def test_the_history_holds_the_own_seat_and_every_citys_points_and_rank(played):
    session, alice = played
    history = student_history(alice)
    mine = list(SeatResult.objects.filter(seat=alice.seat).order_by("round__number"))
    assert [r["round"] for r in history["own"]] == [1, 2]
    assert [r["points"] for r in history["own"]] == [r.points for r in mine]
    assert [r["rank"] for r in history["own"]] == [r.rank for r in mine]
    assert history["own"][1]["cumulative"] == pytest.approx(mine[0].points + mine[1].points)
    assert history["own"][0]["gdp"] == pytest.approx(mine[0].data["gdp_start"] + sum(mine[0].data["gdp_gain"].values()))
    assert history["own"][0]["contributions"] == sum(mine[0].data["contributions"].values())
    province = history["province"]
    assert province["rounds"] == [1, 2]
    assert [c["me"] for c in province["cities"]].count(True) == 1
    for city in province["cities"]:
        rows = list(SeatResult.objects.filter(seat__province=alice.seat.province, seat__city_id=city["city"])
                    .order_by("round__number").values_list("points", "rank"))
        assert [h["rank"] for h in city["history"]] == [r for _p, r in rows]
        assert city["history"][-1]["cumulative"] == pytest.approx(sum(p for p, _r in rows))
        # other cities: only what the standings show everyone
        assert all(set(h) == {"round", "rank", "cumulative"} for h in city["history"])


def test_the_page_carries_the_history_and_the_seated_student_can_refetch_it(played, client):
    session, alice = played
    client.get(reverse("rejoin", args=[session.code, alice.token]))
    page = client.get(reverse("play", args=[session.code]))
    assert page.status_code == 200 and b'"history_url"' in page.content and b'"own"' in page.content
    response = client.get(reverse("history", args=[session.code]))
    assert response.status_code == 200 and response.json() == student_history(alice)


def test_someone_not_seated_gets_not_found(played, client):
    session, _alice = played
    assert client.get(reverse("history", args=[session.code])).status_code == 404
