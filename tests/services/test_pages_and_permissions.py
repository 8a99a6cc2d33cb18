"""Who may open which page, and joining refused with a clear message."""

import pytest

from game.services import sessions

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_student_cannot_open_instructor_pages(client, make_session, join):
    session = make_session()
    alice = join(session, "Alice")
    client.post("/", {"code": session.code, "name": "Bob"})  # a browser that joined as a student
    for path in ("/instructor/", f"/instructor/s/{session.id}/", f"/instructor/s/{session.id}/projector/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    response = client.post(f"/instructor/s/{session.id}/do/close/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert alice.seat is not None


def test_an_instructor_cannot_see_or_act_on_another_instructors_session(client, make_session, other_instructor):
    session = make_session()
    client.force_login(other_instructor)
    assert client.get(f"/instructor/s/{session.id}/").status_code == 404
    assert client.get(f"/instructor/s/{session.id}/projector/").status_code == 404
    assert client.post(f"/instructor/s/{session.id}/do/open/").status_code == 404
    assert client.post(f"/instructor/s/{session.id}/rules/", "{}", content_type="application/json").status_code == 404
    assert session.code not in client.get("/instructor/").content.decode()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_wrong_join_code_is_refused_with_a_message_and_nothing_changes(client, make_session, language):
    session = make_session()
    response = client.post("/", {"code": "ZZZZZZ", "name": "Alice"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    body = response.content.decode()
    assert "ZZZZZZ" in body
    assert session.participants.count() == 0


def test_joining_a_full_session_is_refused(client, make_session):
    session = make_session(max_provinces=1)  # central-cluster: 5 seats, one student each
    for n in range(5):
        assert client.post("/", {"code": session.code, "name": f"S{n}"}).status_code == 302
        client.cookies.clear()
    response = client.post("/", {"code": session.code, "name": "Late"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "full" in response.content.decode()
    assert session.participants.count() == 5


def test_joining_an_ended_session_is_refused(client, make_session, instructor):
    session = make_session()
    sessions.session_end(session=session, user=instructor)
    response = client.post("/", {"code": session.code, "name": "Late"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "ended" in response.content.decode()
    assert session.participants.count() == 0


def test_an_empty_or_overlong_name_is_refused(client, make_session):
    session = make_session()
    for name in ("", "   ", "x" * 41):
        response = client.post("/", {"code": session.code, "name": name}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
    assert session.participants.count() == 0


def test_the_join_qr_code_points_at_the_public_address_when_one_is_set(client, make_session, settings):
    session = make_session()
    settings.PUBLIC_URL = "http://192.168.1.20:8000/"
    from game.views.public import join_url

    request = client.get("/").wsgi_request
    assert join_url(request, session.code) == f"http://192.168.1.20:8000/?code={session.code}"
    response = client.get(f"/qr/{session.code}.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in response.content
    assert client.get("/qr/NOPE99.svg").status_code == 404  # O is not in the code alphabet


def test_no_public_page_tells_a_real_join_code_from_a_wrong_one(client, make_session):
    """Each answered 200 for a real code and 404 otherwise, with no limit: an oracle that
    went round the wrong-code limiter (issue #7)."""
    session = make_session()
    wrong = "ZZZZ22" if session.code != "ZZZZ22" else "ZZZZ23"
    for template in ("/qr/{}.svg", "/?code={}", "/play/{}/", "/play/{}/history/", "/play/{}/rejoin/abc/"):
        real, fake = client.get(template.format(session.code)), client.get(template.format(wrong))
        assert real.status_code == fake.status_code, template
        if template.startswith("/qr/"):
            assert real.status_code == 200 and real["Content-Type"] == fake["Content-Type"] == "image/svg+xml"
