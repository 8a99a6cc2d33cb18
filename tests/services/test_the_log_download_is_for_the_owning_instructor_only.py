"""The panel's zip of a session's logs: the owner gets it during and after play; another
instructor gets 404, someone not logged in is sent to the login page."""

import io
import zipfile

import pytest
from django.urls import reverse

from game.services import rounds, sessions
from game.services.bots import bots_play

pytestmark = pytest.mark.django_db(transaction=True)

FILES = {"decisions.csv", "revisions.csv", "outcomes.csv", "projects.csv", "rules.csv", "participants.csv",
         "agreements.csv", "chat.csv", "events.csv", "README.txt", "log.json"}


def _zip(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="province-contest-' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body)
    archive = zipfile.ZipFile(io.BytesIO(body))
    return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def test_the_owner_downloads_the_zip_during_and_after_play(client, make_session, join, instructor):
    session = make_session(total_rounds=2, schedule="growth_tournament:1,collaborative_contest")
    join(session, "Alice")
    client.force_login(instructor)
    url = reverse("export", args=[session.id])
    assert set(_zip(client.get(url))) == FILES  # in the lobby
    rnd = rounds.round_open(session=session, user=instructor)
    bots_play(round_id=rnd.id)
    files = _zip(client.get(url))  # during a round
    assert b'"status":"open"' in files["log.json"]
    rounds.round_close(round_id=rnd.id, actor="test")
    rounds.round_score(round_id=rnd.id)
    sessions.session_end(session=session, user=instructor)
    files = _zip(client.get(url))  # after the end
    assert files["outcomes.csv"].startswith(b"\xef\xbb\xbf") and "太原".encode() in files["outcomes.csv"]
    anonymised = _zip(client.get(url + "?anonymise=1"))
    assert b"Alice" in files["participants.csv"] and b"Alice" not in anonymised["participants.csv"]


def test_another_instructor_gets_not_found(client, make_session, other_instructor):
    session = make_session()
    client.force_login(other_instructor)
    assert client.get(reverse("export", args=[session.id])).status_code == 404


def test_someone_not_logged_in_is_sent_to_log_in(client, make_session, join):
    session = make_session()
    join(session, "Alice")
    response = client.get(reverse("export", args=[session.id]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_unknown_session_is_not_found(client, instructor):
    client.force_login(instructor)
    assert client.get(reverse("export", args=[999999])).status_code == 404


def test_the_download_is_a_get_only(client, make_session, instructor):
    session = make_session()
    client.force_login(instructor)
    assert client.post(reverse("export", args=[session.id])).status_code == 405
