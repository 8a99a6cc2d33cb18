"""Getting back in: the same name is never enough; the name and the return code from the
student's own card give the seat back, in a full game too."""

import pytest

from game.services.errors import GameError
from game.services.sessions import participant_join

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_name_and_return_code_give_the_same_seat_back(client, make_session, join):
    session = make_session()
    alice = join(session, "Alice")
    response = client.post("/", {"code": session.code, "name": "alice", "return_code": alice.return_code.lower()})
    assert response.status_code == 302 and response["Location"] == f"/play/{session.code}/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and alice.return_code in page.content.decode()
    assert session.participants.filter(removed=False).count() == 1


def test_typing_a_classmates_name_does_not_take_their_seat(client, make_session, join):
    session = make_session()
    alice = join(session, "Alice")
    response = client.post("/", {"code": session.code, "name": "Alice"}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 400
    assert "return code" in body and 'name="return_code"' in body and " open>" in body
    assert session.participants.count() == 1
    assert not client.session.get(f"participant:{session.code}")
    assert alice.return_code not in body


@pytest.mark.parametrize("name, code", [("Alice", "WRONG"), ("Bob", None)])
def test_a_wrong_return_code_or_name_is_refused_and_seats_nobody(make_session, join, name, code):
    session = make_session()
    alice = join(session, "Alice")
    with pytest.raises(GameError) as refused:
        participant_join(code=session.code, display_name=name, return_code=code or alice.return_code)
    assert refused.value.code == "bad_return_code"
    assert session.participants.count() == 1


def test_a_full_game_tells_a_returning_student_how_to_get_back_in(client, make_session, join):
    session = make_session(max_provinces=1)
    students = [join(session, f"S{n}") for n in range(5)]
    response = client.post("/", {"code": session.code, "name": "Someone new"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "return code" in response.content.decode()
    back = client.post("/", {"code": session.code, "name": "S3", "return_code": students[3].return_code})
    assert back.status_code == 302
    assert client.get(f"/play/{session.code}/").status_code == 200
    assert session.participants.count() == 5
