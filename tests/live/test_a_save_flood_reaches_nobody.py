"""Thirty saves sent at once over one socket: the first SAVES_PER_WINDOW are stored and
acknowledged, the rest answered with too_many_saves, and the instructor's panel is told
about the stored ones only (the latest of them: its notices are coalesced)."""

import json

import pytest
from asgiref.sync import sync_to_async

from game.models import SheetRevision
from game.services import rounds
from game.services.limits import SAVES_PER_WINDOW
from tests.live.helpers import Client, student_cookie, user_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_a_save_flood_is_refused_and_only_stored_saves_reach_the_panel(make_session, join, instructor,
                                                                           channel_layer):
    session = await sync_to_async(make_session)(fill_with_bots=False)
    alice = await sync_to_async(join)(session, "Alice")
    await sync_to_async(rounds.round_open)(session=session, user=instructor)
    panel = Client(f"/ws/instructor/{session.id}/", await user_cookie(instructor))
    assert (await panel.connect())[0]
    await panel.receive_type("snapshot")
    socket = Client(f"/ws/play/{session.code}/", await student_cookie(alice))
    assert (await socket.connect())[0]
    await socket.receive_type("snapshot")
    for n in range(30):
        await socket.send(json.dumps({"type": "sheet.save", "round": 1, "sheet": {"bids": {"r1-nev": n}},
                                      "request_id": f"s{n}"}))
    answers = []
    while len(answers) < 30:
        message = await socket.receive(timeout=10)
        if message.get("request_id"):
            answers.append(message)
    saved = [a for a in answers if a["type"] == "saved"]
    refused = [a for a in answers if a["type"] == "error"]
    assert len(saved) == SAVES_PER_WINDOW
    assert {a["code"] for a in refused} == {"too_many_saves"} and len(refused) == 30 - SAVES_PER_WINDOW
    assert all(a["message"] for a in refused)
    await panel.drain(0.5)
    told = [s for m in panel.seen if m.get("type") == "sheets" for s in m["sheets"]]
    assert told and {s["data"]["bids"]["r1-nev"] for s in told} <= set(range(SAVES_PER_WINDOW))
    assert told[-1]["version"] == SAVES_PER_WINDOW and told[-1]["data"]["bids"] == {"r1-nev": SAVES_PER_WINDOW - 1}
    assert await sync_to_async(SheetRevision.objects.count)() == SAVES_PER_WINDOW
    await socket.close()
    await panel.close()
