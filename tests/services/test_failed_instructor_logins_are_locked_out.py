"""Failed instructor logins are limited by django-axes per (username, address): after
AXES_FAILURE_LIMIT wrong passwords that account cannot log in from that address, even with
the right password, and sees a translated page saying why; other accounts behind the same
address, and the same account elsewhere, log in as usual."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def attempt(client, username, password, address, language="en"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address,
                       HTTP_ACCEPT_LANGUAGE=language)


def test_repeated_wrong_passwords_lock_that_account_from_that_address(client, instructor, other_instructor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "instructor", "wrong", "10.5.0.1").status_code == 200  # the form again
    assert attempt(client, "instructor", "wrong", "10.5.0.1").status_code == 429  # the last allowed failure
    locked = attempt(client, "instructor", "pw-instructor-1", "10.5.0.1")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    chinese = attempt(client, "instructor", "pw-instructor-1", "10.5.0.1", language="zh-hans")
    assert "登录失败次数过多" in chinese.content.decode()
    # A colleague behind the same school router, and the same teacher from home, get in.
    assert attempt(client, "other", "pw-other-1", "10.5.0.1").status_code == 302
    client.logout()
    assert attempt(client, "instructor", "pw-instructor-1", "10.5.0.9").status_code == 302


def test_a_successful_login_resets_the_count(client, instructor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "instructor", "wrong", "10.6.0.1")
    assert attempt(client, "instructor", "pw-instructor-1", "10.6.0.1").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "instructor", "wrong", "10.6.0.1")
    assert attempt(client, "instructor", "pw-instructor-1", "10.6.0.1").status_code == 302
