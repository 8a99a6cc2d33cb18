"""With debug off (the default, and `make run`), errors show our own translated pages:
never Django's debug page, its traceback, settings or URL list."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

DJANGO_DEBUG_MARKERS = ("URLconf", "Traceback", "SECRET-DETAIL", "technical", "settings.py", "Django")


def page(path: str, language: str) -> tuple[int, str]:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(path)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(("language", "title"), [("zh-hans", "找不到页面"), ("en", "Page not found")])
def test_an_unknown_address_shows_our_translated_not_found_page(settings, language, title):
    assert settings.DEBUG is False
    status, html = page("/no-such-page/", language)
    assert status == 404
    assert title in html and 'rel="icon"' in html
    assert not [marker for marker in DJANGO_DEBUG_MARKERS if marker in html]


@pytest.mark.urls("tests.services.failing_urls")
@pytest.mark.parametrize(("language", "title"), [("zh-hans", "出错了"), ("en", "Something went wrong")])
def test_a_server_error_shows_our_translated_page_without_the_traceback(settings, language, title):
    assert settings.DEBUG is False
    status, html = page("/fail/", language)
    assert status == 500
    assert title in html
    assert not [marker for marker in DJANGO_DEBUG_MARKERS if marker in html]
