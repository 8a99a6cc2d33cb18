"""After the instructor removes a student, "Join again" shows the join page: the browser's
stale seat is forgotten instead of bouncing between / and /play/CODE/."""

import pytest

from game.services import sessions

pytestmark = pytest.mark.django_db(transaction=True)


def test_join_again_after_removal_shows_the_join_page_and_a_new_join_works(client, make_session, instructor):
    session = make_session()
    assert client.post("/", {"code": session.code, "name": "Alice"}).status_code == 302
    alice = session.participants.get(display_name="Alice")
    sessions.participant_remove(session=session, user=instructor, participant_id=alice.id)

    play = client.get(f"/play/{session.code}/")
    assert play.status_code == 302 and play["Location"] == f"/?code={session.code}"
    page = client.get(play["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200, "the join page must not send the browser back to /play/"
    assert "no longer has a seat" in page.content.decode()
    # and it stays put on a second visit (the stale token is gone)
    assert client.get(f"/?code={session.code}").status_code == 200

    again = client.post("/", {"code": session.code, "name": "Alice again"})
    assert again.status_code == 302 and again["Location"] == f"/play/{session.code}/"
    assert client.get(again["Location"]).status_code == 200


def test_a_seated_browser_still_goes_straight_to_its_game(client, make_session):
    session = make_session()
    client.post("/", {"code": session.code, "name": "Alice"})
    response = client.get(f"/?code={session.code}")
    assert response.status_code == 302 and response["Location"] == f"/play/{session.code}/"
