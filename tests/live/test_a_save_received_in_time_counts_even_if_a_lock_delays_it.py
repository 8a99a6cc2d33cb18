"""A save is judged by when the server received it: one that arrived before the deadline
but waited for a lock until after it is stored, and the close waits for it; one that
arrived after the deadline, or after the round was closed, is refused."""

import asyncio
import datetime as dt
import threading

import pytest
from asgiref.sync import sync_to_async
from django.db import connection, transaction
from django.utils import timezone

from game.models import Round, Sheet
from game.services import rounds
from tests.live.helpers import Client, student_cookie

pytestmark = [
    pytest.mark.django_db(transaction=True), pytest.mark.asyncio, pytest.mark.live,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to hold"),
]


class HeldRoundLock(threading.Thread):
    """Another transaction (a slow instructor action, say) holds the round row FOR UPDATE
    until released: every save waits for it before it can even read the deadline."""

    def __init__(self, round_id: int) -> None:
        super().__init__(daemon=True)
        self.round_id, self.locked, self.release = round_id, threading.Event(), threading.Event()

    def run(self) -> None:
        try:
            with transaction.atomic():
                list(Round.objects.select_for_update().filter(pk=self.round_id))
                self.locked.set()
                self.release.wait(60)
        finally:
            connection.close()


class Sweep(threading.Thread):
    def run(self) -> None:
        try:
            self.closed = rounds.close_overdue(grace_seconds=0)
        finally:
            connection.close()


async def connect(participant):
    client = Client(f"/ws/play/{participant.session.code}/", await student_cookie(participant))
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    return client


async def save(client, request_id):
    await client.send({"type": "sheet.save", "round": 1, "request_id": request_id, "sheet": {"bids": {}}})


async def reply(client, request_id, timeout=20):
    while True:
        message = await client.receive(timeout=timeout)
        if message.get("request_id") == request_id:
            return message


async def seconds_until(moment):
    await asyncio.sleep(max(0.0, (moment - timezone.now()).total_seconds()))


async def test_a_save_received_before_the_deadline_is_stored_though_a_lock_held_it_past_the_deadline(
        make_session, join, instructor, channel_layer):
    session = await sync_to_async(make_session)(fill_with_bots=False)
    alice = await sync_to_async(join)(session, "Alice")
    bob = await sync_to_async(join)(session, "Bob")
    rnd = await sync_to_async(rounds.round_open)(session=session, user=instructor)
    alice_socket, bob_socket = await connect(alice), await connect(bob)
    await save(alice_socket, "a1")
    assert (await reply(alice_socket, "a1"))["version"] == 1

    deadline = timezone.now() + dt.timedelta(seconds=2)
    await sync_to_async(Round.objects.filter(pk=rnd.pk).update)(deadline=deadline)
    lock = HeldRoundLock(rnd.id)
    lock.start()
    await asyncio.to_thread(lock.locked.wait, 10)
    await save(alice_socket, "a2")  # received ~2 s before the deadline, then waits for the lock

    await seconds_until(deadline + dt.timedelta(seconds=0.5))
    await save(bob_socket, "b1")  # received after the deadline, waits for the lock too
    sweep = Sweep(daemon=True)
    sweep.start()  # the deadline has passed: the sweeper tries to close, and waits behind the saves
    await asyncio.sleep(0.5)
    lock.release.set()
    stored = await reply(alice_socket, "a2")
    assert stored["type"] == "saved" and stored["version"] == 2, stored
    late = await reply(bob_socket, "b1")
    assert late["type"] == "error" and late["code"] == "round_not_open"
    await asyncio.to_thread(sweep.join, 20)
    assert sweep.closed == 1
    await sync_to_async(rnd.refresh_from_db)()
    assert rnd.status == Round.Status.CLOSED
    assert (await sync_to_async(Sheet.objects.get)(seat_id=alice.seat_id)).version == 2

    await save(alice_socket, "a3")  # received after the round was closed
    assert (await reply(alice_socket, "a3"))["code"] == "round_not_open"
    for client in (alice_socket, bob_socket):
        await client.close()
