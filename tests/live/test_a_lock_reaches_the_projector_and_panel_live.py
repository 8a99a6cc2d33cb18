"""Locking and unlocking joining reaches the open projector and panel sockets at once (their
lobby and button change without a reload)."""

import pytest
from asgiref.sync import sync_to_async

from game.services.sessions import session_lock, session_unlock
from tests.live.helpers import Client, user_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_locking_and_unlocking_joining_reaches_the_projector_and_the_panel(make_session, join, instructor,
                                                                               channel_layer):
    session = await sync_to_async(make_session)()
    await sync_to_async(join)(session, "Alice")
    screens = [Client(f"/ws/{kind}/{session.id}/", await user_cookie(instructor)) for kind in ("projector",
                                                                                              "instructor")]
    for screen in screens:
        assert (await screen.connect())[0]
        assert (await screen.receive_type("snapshot"))["session"]["joining_locked"] is False
    await sync_to_async(session_lock)(session=session, user=instructor)
    for screen in screens:
        assert (await screen.receive_type("snapshot"))["session"]["joining_locked"] is True
    await sync_to_async(session_unlock)(session=session, user=instructor)
    for screen in screens:
        assert (await screen.receive_type("snapshot"))["session"]["joining_locked"] is False
        await screen.close()
