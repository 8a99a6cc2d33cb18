"""Wrong join codes and wrong return codes are limited per client address (django-ratelimit,
counted only on failure): after JOIN_FAILURE_RATE wrong guesses an address is refused with
a translated message, even for a right code, while other addresses join as usual; a class
joining from one router address is never slowed by its successful joins."""

import pytest
from django.conf import settings

from game.models import Participant

pytestmark = pytest.mark.django_db

LIMIT = int(settings.JOIN_FAILURE_RATE.split("/")[0])


def post(client, address, language="en", **fields):
    return client.post("/", fields, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)


def test_an_address_guessing_join_codes_is_refused_and_others_are_not(client, make_session):
    session = make_session()
    for n in range(LIMIT + 1):
        response = post(client, "10.1.0.1", code=f"ZZZ{n:03d}", name="Guesser")
        assert response.status_code == 400 and "No game has the code" in response.content.decode()
    refused = post(client, "10.1.0.1", code=session.code, name="Guesser")
    assert refused.status_code == 400
    assert "Too many wrong join codes" in refused.content.decode()
    chinese = post(client, "10.1.0.1", language="zh-hans", code=session.code, name="Guesser")
    assert "错误的加入码" in chinese.content.decode()
    assert not Participant.objects.filter(session=session).exists()
    assert post(client, "10.1.0.2", code=session.code, name="Honest").status_code == 302


def test_wrong_return_codes_count_as_guesses(client, make_session, join):
    session = make_session()
    join(session, "Ann")
    for _ in range(LIMIT + 1):
        assert post(client, "10.2.0.1", code=session.code, name="Ann", return_code="WRONG1").status_code == 400
    assert "Too many wrong" in post(client, "10.2.0.1", code=session.code, name="Bob").content.decode()


def test_a_class_behind_one_address_joins_without_limit(make_session, client_class=None):
    from django.test import Client

    session = make_session(max_provinces=12)
    for n in range(LIMIT + 10):  # more joins than the failure limit, all from the school's router
        response = Client().post("/", {"code": session.code, "name": f"Student {n}"}, REMOTE_ADDR="10.3.0.1")
        assert response.status_code == 302, n
    assert Participant.objects.filter(session=session).count() == LIMIT + 10
