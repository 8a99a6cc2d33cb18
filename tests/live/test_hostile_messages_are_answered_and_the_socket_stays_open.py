"""Messages built to break the parser (a 5,000-digit number, NaN, 7,000 nested arrays, a
huge request id) get an error answer; the socket stays open, nothing is logged as a
traceback and nothing is stored."""

import logging

import pytest
from asgiref.sync import sync_to_async

from game.models import Sheet, SheetRevision
from game.services import rounds
from tests.live.helpers import Client, student_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

HUGE = "9" * 5000
DEEP = "[" * 7000 + "]" * 7000


def nested(levels: int, opener: str) -> str:
    """A ping whose own object plus `levels - 1` arrays or objects nest `levels` deep."""
    n = levels - 1
    inner = "[" * n + "]" * n if opener == "[" else '{"a":' * n + "1" + "}" * n
    return '{"type":"ping","id":1,"x":' + inner + "}"


@pytest.fixture
async def socket(make_session, join, instructor, channel_layer):
    session = await sync_to_async(make_session)()
    alice = await sync_to_async(join)(session, "Alice")
    await sync_to_async(rounds.round_open)(session=session, user=instructor)
    client = Client(f"/ws/play/{session.code}/", await student_cookie(alice))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    yield client
    await client.close()


CASES = [
    # (what is sent, the error code expected)
    ('{"type":"sheet.save","round":1,"sheet":{"bids":{"r1-nev":"' + HUGE + '"}}}', "invalid_sheet"),
    ('{"type":"sheet.save","round":1,"sheet":{"bids":{"r1-nev":' + HUGE + "}}}", "bad_json"),
    ('{"type":"sheet.save","round":' + HUGE + "}", "bad_json"),
    ('{"type":"sheet.save","round":1,"sheet":' + DEEP + "}", "too_deep"),
    (DEEP, "too_deep"),
    ('{"type":"sheet.save","round":1,"sheet":{"bids":{"r1-nev":NaN}}}', "bad_json"),
    ('{"type":"sheet.save","round":1,"sheet":{"bids":{"r1-nev":Infinity}}}', "bad_json"),
    ('{"type":"sheet.save","round":1e400,"sheet":{}}', "bad_message"),
    ('{"type":"sheet.save","round":1,"sheet":{"bids":{"r1-nev":1e300}}}', "invalid_sheet"),
    ('{"type":"' + "x" * 20000 + '"}', "too_large"),
    # A second _depth (for raw bytes) replaced the one for parsed values: a ping nested
    # 900 levels got "pong" (issue #7).
    (nested(17, "["), "too_deep"),
    (nested(17, "{"), "too_deep"),
    (nested(900, "["), "too_deep"),
    (nested(900, "{"), "too_deep"),
]


@pytest.mark.parametrize(("text", "code"), CASES, ids=[
    "5000-digit-string-amount", "5000-digit-number", "5000-digit-round", "7000-deep-sheet", "7000-deep-message",
    "nan", "infinity", "float-overflow-round", "1e300-amount", "20-KiB",
    "17-deep-arrays", "17-deep-objects", "900-deep-arrays", "900-deep-objects"])
async def test_a_hostile_message_gets_an_error_and_the_socket_stays_open(socket, text, code, caplog):
    caplog.set_level(logging.WARNING)
    await socket.send(text)
    reply = await socket.receive_type("error")
    assert reply["code"] == code, reply
    assert reply["message"]
    # Still open and answering.
    await socket.send({"type": "ping", "id": 7})
    assert (await socket.receive_type("pong"))["id"] == 7
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert await sync_to_async(Sheet.objects.count)() == 0
    assert await sync_to_async(SheetRevision.objects.count)() == 0


async def test_a_message_nested_exactly_to_the_limit_is_answered(socket):
    await socket.send(nested(16, "["))
    assert (await socket.receive_type("pong"))["id"] == 1
    await socket.send(nested(16, "{"))
    assert (await socket.receive_type("pong"))["id"] == 1


async def test_a_request_id_that_cannot_be_echoed_comes_back_as_null(socket):
    await socket.send({"type": "ping", "id": [[[[[[1]]]]]]})
    assert (await socket.receive_type("pong"))["id"] is None
    await socket.send({"type": "sheet.save", "round": 1, "sheet": {}, "request_id": "x" * 5000})
    saved = await socket.receive_type("saved")
    assert saved["request_id"] is None
