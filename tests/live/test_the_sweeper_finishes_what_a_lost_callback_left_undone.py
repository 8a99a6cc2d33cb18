"""The sweeper redoes what a lost after-commit step left undone: bots that never played
an open round, and an open round never announced (once per deadline, and again after
Redis forgot it). Real Redis channel layer, a socket listening."""

import pytest
from asgiref.sync import sync_to_async

from game.models import Seat
from game.services import broadcast, rounds, sweeper
from tests.live.helpers import Client, student_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


def test_bots_that_never_played_an_open_round_play_once(make_session, join, instructor):
    session = make_session(bot_strategy="fair_share")
    join(session, "Alice")
    bots = Seat.objects.filter(province__session=session).exclude(bot_strategy="").count()
    rnd = rounds.round_open(session=session, user=instructor)  # no worker runs its bots_play task
    assert sweeper.rescue_bots() == 0  # within the grace: the task may still come
    assert sweeper.rescue_bots(grace_seconds=0) == bots
    assert sweeper.rescue_bots(grace_seconds=0) == 0
    assert all(sheet.version == 1 for sheet in rnd.sheets.all())


@pytest.mark.asyncio
async def test_an_open_round_is_announced_once_per_deadline_and_again_when_redis_forgot(make_session, join,
                                                                                      instructor, channel_layer):
    session = await sync_to_async(make_session)(fill_with_bots=False)
    alice = await sync_to_async(join)(session, "Alice")
    rnd = await sync_to_async(rounds.round_open)(session=session, user=instructor)
    client = Client(f"/ws/play/{session.code}/", await student_cookie(alice))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    await client.drain()

    async def announced_views():
        return [m for m in await client.drain() if m["type"] == "province"]

    assert await sync_to_async(sweeper.confirm_announcements)() == 1
    assert [m["round"]["status"] for m in await announced_views()] == ["open"]
    assert await sync_to_async(sweeper.confirm_announcements)() == 0
    assert await announced_views() == []

    await sync_to_async(rounds.round_extend)(session=session, user=instructor, seconds=60)
    await client.drain()  # the extension's own update
    assert await sync_to_async(sweeper.confirm_announcements)() == 1
    await sync_to_async(rnd.refresh_from_db)()
    assert [m["round"]["deadline"] for m in await announced_views()] == [rnd.deadline.isoformat()]

    client_redis, prefix = broadcast._marker_client()
    await sync_to_async(client_redis.delete)(f"{prefix}:announced:{rnd.id}")  # as after a Redis restart
    assert await sync_to_async(sweeper.confirm_announcements)() == 1
    assert len(await announced_views()) == 1
    await client.close()


def test_a_round_past_its_deadline_gets_its_bots_moves_before_the_sweeper_closes_it(make_session, join, instructor):
    import datetime as dt

    from django.utils import timezone

    from game.models import Round

    session = make_session(bot_strategy="fair_share")
    join(session, "Alice")
    bots = Seat.objects.filter(province__session=session).exclude(bot_strategy="").count()
    rnd = rounds.round_open(session=session, user=instructor)  # its bots_play task is never run
    Round.objects.filter(pk=rnd.pk).update(opened_at=timezone.now() - dt.timedelta(seconds=125),
                                           deadline=timezone.now() - dt.timedelta(seconds=5))
    assert sweeper.sweep() >= bots + 1  # the bots played, then the round closed
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.CLOSED
    assert rnd.sheets.count() == bots
