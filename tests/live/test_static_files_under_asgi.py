"""Static files served through the ASGI application itself (as uvicorn serves them):
complete, with a long-lived cache header, and without Django's warning that a streaming
response had to consume a synchronous iterator (whitenoise's file responses did)."""

import warnings

import pytest
from asgiref.testing import ApplicationCommunicator

from config.asgi import application

pytestmark = pytest.mark.asyncio

SYNC_ITERATOR_WARNING = "must consume synchronous iterators"


async def fetch(path: str) -> tuple[dict, list[str]]:
    """One GET through the ASGI app, as uvicorn would send it. (channels' HttpCommunicator
    cannot read a final body message without a body, which a streamed file ends with.)"""
    scope = {"type": "http", "http_version": "1.1", "method": "GET", "path": path, "raw_path": path.encode(),
             "query_string": b"", "headers": [(b"host", b"localhost")], "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 5000)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = ApplicationCommunicator(application, scope)
        await app.send_input({"type": "http.request", "body": b""})
        response = await app.receive_output(10)
        response["body"] = b""
        while True:
            chunk = await app.receive_output(10)
            response["body"] += chunk.get("body", b"")
            if not chunk.get("more_body", False):
                break
        await app.wait(10)
    return response, [str(w.message) for w in caught]


@pytest.mark.parametrize("path", ["/static/css/app.css", "/static/js/socket.js", "/static/favicon.ico"])
async def test_a_static_file_is_served_whole_without_the_sync_iterator_warning(path):
    from django.contrib.staticfiles import finders

    response, messages = await fetch(path)
    assert response["status"] == 200
    with open(finders.find(path.removeprefix("/static/")), "rb") as original:
        assert response["body"] == original.read()
    assert not [m for m in messages if SYNC_ITERATOR_WARNING in m], messages


async def test_the_browsers_favicon_address_leads_to_the_icon():
    response, _ = await fetch("/favicon.ico")
    assert response["status"] == 301
    location = dict(response["headers"])[b"Location"].decode()
    icon, _ = await fetch(location)
    assert icon["status"] == 200 and icon["body"][:4] == b"\x00\x00\x01\x00"  # an ICO file
