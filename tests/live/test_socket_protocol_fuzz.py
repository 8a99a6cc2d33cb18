"""Property: whatever a student's socket is sent (random JSON, wrong types, huge numbers,
deep nesting, unknown types, random text, binary frames), the socket answers and stays
open, nothing is logged as an error or traceback, and the database changes only by the
saves the server acknowledged. Real consumer, real Redis channel layer, real database."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from asgiref.sync import async_to_sync
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.models import Event, Participant, Round, Sheet, SheetRevision
from game.services import rounds
from tests.live.helpers import Client, student_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]

PROJECTS = ["r1-nev", "r1-coal", "nope", "", "x" * 200]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
    st.sampled_from(["9" * 5000, "-" + "9" * 4400, "1e999", " 12 ", "٣", "²", "0x10"]),
)
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=12)
amounts = st.dictionaries(st.sampled_from(PROJECTS), json_values, max_size=4)
sheets = st.one_of(json_values, st.fixed_dictionaries({}, optional={
    "bids": st.one_of(amounts, json_values), "contributions": st.one_of(amounts, json_values),
    "inflation_pct": json_values, "extra": json_values}))
messages = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(["sheet.save", "ping", "snapshot", "chat", "", "save"])},
                          optional={"round": json_values, "sheet": sheets, "request_id": json_values,
                                    "id": json_values}),
    st.dictionaries(st.text(max_size=10), json_values, max_size=5),
    json_values,
)


def _text(draw_kind, value):
    """The frame actually sent: JSON of the value, or one of the malformed forms."""
    if draw_kind == "json":
        return json.dumps(value)
    if draw_kind == "deep":
        depth = value
        return '{"type":"sheet.save","round":1,"sheet":' + "[" * depth + "]" * depth + "}"
    return value


frames = st.one_of(
    st.tuples(st.just("json"), messages),
    st.tuples(st.just("deep"), st.integers(min_value=1, max_value=8000)),
    st.tuples(st.just("raw"), st.text(max_size=200)),
    st.tuples(st.just("raw"), st.sampled_from(['{"type":"ping","id":NaN}', '{"type":"sheet.save","round":1,'
                                                '"sheet":{"bids":{"r1-nev":' + "9" * 5000 + "}}}",
                                               '{"type": "ping"', "[]", "null", '"type"', '{"type":"\\ud800"}',
                                               '{"type":"sheet.save","round":1,"sheet":{"bids":{"\\udc00":1}}}'])),
    st.tuples(st.just("binary"), st.binary(max_size=300)),
)


class Problems(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.levelno >= logging.ERROR:
            self.records.append(record)


def _db_state(participant_id: int) -> tuple:
    return (Event.objects.count(), Sheet.objects.count(), SheetRevision.objects.count(),
            list(Round.objects.values_list("status", "deadline")),
            list(Participant.objects.filter(pk=participant_id).values_list("display_name", "seat_id", "removed")))


async def _exercise(code: str, cookie: bytes, sent: list[tuple[str, object]]) -> int:
    """Send every frame; after each, a ping must come back on the same socket. Returns the
    number of saves the server acknowledged."""
    client = Client(f"/ws/play/{code}/", cookie)
    assert (await client.connect())[0]
    acknowledged = 0
    try:
        await client.receive_type("snapshot")
        for n, (kind, value) in enumerate(sent):
            # send_input, not send_to: empty frames are frames too.
            if kind == "binary":
                await client.comm.send_input({"type": "websocket.receive", "bytes": value})
            else:
                await client.comm.send_input({"type": "websocket.receive", "text": _text(kind, value)})
            await client.comm.send_to(text_data=json.dumps({"type": "ping", "id": f"check-{n}"}))
            while True:
                output = await client.comm.receive_output(timeout=10)
                assert output["type"] == "websocket.send", f"the socket was closed: {output}"
                reply = json.loads(output["text"])
                acknowledged += reply.get("type") == "saved"
                if reply.get("type") == "pong" and reply.get("id") == f"check-{n}":
                    break
    finally:
        await client.close()
    return acknowledged


@pytest.fixture
def seated(make_session, join, instructor):
    session = make_session(fill_with_bots=False)
    alice = join(session, "Alice")
    rounds.round_open(session=session, user=instructor)
    return session, alice, async_to_sync(student_cookie)(alice)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sent=st.lists(frames, min_size=1, max_size=6))
def test_no_message_closes_the_socket_logs_a_traceback_or_changes_the_database_unacknowledged(seated, sent):
    session, alice, cookie = seated
    before = _db_state(alice.id)
    problems = Problems()
    root = logging.getLogger()
    root.addHandler(problems)
    try:
        acknowledged = asyncio.run(_exercise(session.code, cookie, sent))
    finally:
        root.removeHandler(problems)
    after = _db_state(alice.id)
    assert not problems.records, [r.getMessage() for r in problems.records]
    # Only acknowledged saves change anything: one revision each, one sheet at most.
    assert after[0] == before[0] and after[3:] == before[3:]
    assert after[2] - before[2] == acknowledged
    assert after[1] - before[1] == (1 if acknowledged and before[1] == 0 else 0)


def test_the_fuzzer_reaches_the_save_path(seated):
    """A guard on the property above: a well-formed save sent the same way is acknowledged
    and stored, so the property is not vacuous."""
    session, alice, cookie = seated
    assert asyncio.run(_exercise(session.code, cookie, [("json", {"type": "sheet.save", "round": 1,
                                                                   "sheet": {"bids": {"r1-nev": 5}}})])) == 1
    assert SheetRevision.objects.count() == 1


