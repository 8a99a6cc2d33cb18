"""Wrong join codes are limited per client address and wrong return codes per (address,
game), counted only on failure (game/views/join_limits.py): past the limit an address is
refused every code it has not joined yet, with a translated message, while a class behind
one router address is never refused its own game, however many typos the room makes."""

import pytest
from django.test import Client

from game.models import Participant

pytestmark = pytest.mark.django_db

# Small limits over a day: django-ratelimit counts in fixed windows, and a test that
# straddled the end of a 5-minute window would see its count start again.
LIMIT, RETURN_LIMIT = 6, 8


@pytest.fixture(autouse=True)
def limits(settings):
    settings.JOIN_FAILURE_RATE = f"{LIMIT}/d"
    settings.RETURN_FAILURE_RATE = f"{RETURN_LIMIT}/d"


def post(address, language="en", **fields):
    # A fresh client per post: each phone of the class is its own browser.
    return Client().post("/", fields, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)


def guess(address, n):
    response = post(address, code=f"ZZZ{n:03d}", name="Guesser")
    assert response.status_code == 400
    return response.content.decode()


def test_an_address_guessing_join_codes_is_refused_a_code_it_never_joined(make_session):
    session = make_session()
    for n in range(LIMIT + 1):
        assert "No game has the code" in guess("10.1.0.1", n)
    assert "Too many wrong join codes" in guess("10.1.0.1", LIMIT + 1)
    refused = post("10.1.0.1", code=session.code, name="Guesser")
    assert refused.status_code == 400
    assert "Too many wrong join codes" in refused.content.decode()
    chinese = post("10.1.0.1", language="zh-hans", code=session.code, name="Guesser")
    assert "错误的加入码" in chinese.content.decode()
    assert not Participant.objects.filter(session=session).exists()
    assert post("10.1.0.2", code=session.code, name="Honest").status_code == 302


def test_a_class_behind_one_address_is_never_refused_its_game_after_many_typos(make_session):
    session = make_session(max_provinces=12)
    other = make_session(title="Class B")
    assert post("10.3.0.1", code=session.code, name="First").status_code == 302
    for n in range(LIMIT + 5):  # the room mistypes the code more often than the limit allows
        assert post("10.3.0.1", code="ZZ" + session.code[2:], name=f"Typo {n}").status_code == 400
    for n in range(LIMIT + 5):
        response = post("10.3.0.1", code=session.code, name=f"Student {n}")
        assert response.status_code == 302, n
    assert Participant.objects.filter(session=session).count() == LIMIT + 6
    # ...but the address still may not try codes it has never joined: guessing stays limited.
    assert "Too many wrong join codes" in post("10.3.0.1", code=other.code, name="Guesser").content.decode()
    assert not Participant.objects.filter(session=other).exists()


def test_successful_joins_are_never_counted(make_session):
    session = make_session(max_provinces=12)
    for n in range(LIMIT + 5):
        assert post("10.4.0.1", code=session.code, name=f"Student {n}").status_code == 302
    assert "No game has the code" in guess("10.4.0.1", 0)


def test_wrong_return_codes_are_limited_per_game_even_for_the_right_code(make_session, join):
    session = make_session()
    ann = join(session, "Ann")
    wrong = "22222" if ann.return_code != "22222" else "33333"
    for _ in range(RETURN_LIMIT + 1):
        response = post("10.2.0.1", code=session.code, name="Ann", return_code=wrong)
        assert "do not match a seat" in response.content.decode()
    refused = post("10.2.0.1", code=session.code, name="Ann", return_code=ann.return_code)
    assert refused.status_code == 400 and "Too many wrong return codes" in refused.content.decode()
    chinese = post("10.2.0.1", language="zh-hans", code=session.code, name="Ann", return_code=ann.return_code)
    assert "返回码" in chinese.content.decode()
    # Return-code typos are not join-code guesses: a new classmate still joins from there.
    assert post("10.2.0.1", code=session.code, name="Bob").status_code == 302
    assert post("10.2.0.9", code=session.code, name="Ann", return_code=ann.return_code).status_code == 302
