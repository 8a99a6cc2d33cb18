"""The ranking broadcast right after scoring is built from the results in memory
(game/services/scored_view.py); it must be exactly the view read back from the database."""

import json

import pytest

from game.services import announce, rounds, sessions
from game.services.bots import bots_play
from game.services.broadcast import encode
from game.services.selectors import province_payloads

pytestmark = pytest.mark.django_db(transaction=True)


def _plain(payloads):
    """JSON as a socket sends it, without the server clock (it moves between two builds)."""
    data = json.loads(encode({str(k): v for k, v in payloads.items()}))
    for view in data.values():
        view["session"].pop("server_time")
    return data


@pytest.fixture
def sent(monkeypatch):
    """The payloads each scoring handed to announce_session."""
    seen = []
    real = announce.announce_session

    def spy(session, provinces=None, payloads=None):
        if payloads is not None:
            seen.append(payloads)
        real(session, provinces, payloads=payloads)

    monkeypatch.setattr(rounds, "announce_session", spy)
    return seen


@pytest.mark.parametrize("reveal", [False, True])
def test_the_ranking_built_in_memory_equals_the_view_read_back_from_the_database(
        make_session, join, instructor, sent, reveal):
    session = make_session(total_rounds=3, max_provinces=2)
    students = [join(session, f"S{i}") for i in range(7)]  # 5 cities a province: two provinces
    assert len({s.seat.province_id for s in students}) == 2
    sessions.participant_rename(session=session, user=instructor, participant_id=students[0].id,
                                 display_name="Renamed")
    rounds.rules_set(session=session, user=instructor, params={"reveal_losing_bids": reveal})
    for number in (1, 2, 3):
        rnd = rounds.round_open(session=session, user=instructor)
        bots_play(round_id=rnd.id)
        for i, student in enumerate(students):
            offer = province_payloads(session)[student.seat.province_id]["offer"]
            project = offer["industrial"][i % len(offer["industrial"])]
            bid = {project["id"]: project["reserve"] + i} if i % 3 else {}
            rounds.sheet_save(participant=student, round_number=number, data={"bids": bid, "contributions": {}})
        rounds.round_close_now(session=session, user=instructor)
        assert rounds.round_score(round_id=rnd.id)
        assert len(sent) == number, "scoring announced the payloads it built"
        session.refresh_from_db()
        built, read = _plain(sent[-1]), _plain(province_payloads(session))
        assert built.keys() == read.keys()
        for province, view in read.items():
            for key, value in view.items():
                assert built[province][key] == value, f"round {number}, province {province}: {key}"
    final = _plain(sent[-1])
    assert all(view["round"]["number"] == 3 and view["round"]["status"] == "scored" for view in final.values())
    assert all(len(view["history"]) == 3 for view in final.values())
