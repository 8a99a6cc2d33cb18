"""Agreements and tasks over real sockets: a proposal reaches its parties live and no one
else; acceptance signs it on every party's screen; the instructor annuls with a reason and
assigns a task that reaches the province; bad input is an error and changes nothing;
after scoring the province gets the record and the projector the counts."""

import json

import pytest
from asgiref.sync import sync_to_async

from coordination.models import Agreement
from game.services import rounds
from tests.live.helpers import Client, student_cookie, user_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

PROJECT = "corridor-1"


@pytest.fixture
async def table(make_session, join, instructor, channel_layer):
    session = await sync_to_async(make_session)(schedule="implicit_coordination:3", fill_with_bots=False)
    people = [await sync_to_async(join)(session, n) for n in ("Alice", "Bob", "Carol", "Dave")]
    await sync_to_async(rounds.round_open)(session=session, user=instructor)
    return session, people


async def _connect(path, cookie):
    client = Client(path, cookie)
    assert (await client.connect())[0]
    await client.receive_type("snapshot")
    return client


async def _until(client, status):
    """The next `agreement` broadcast with that status (earlier ones are skipped)."""
    while True:
        seen = (await client.receive_type("agreement"))["agreement"]
        if seen["status"] == status:
            return seen


async def _student(p):
    client = await _connect(f"/ws/play/{p.session.code}/", await student_cookie(p))
    state = await client.receive_type("agreements")
    assert state["agreements"] == [] and state["record"] == []
    return client


async def test_a_proposal_reaches_its_parties_live_and_is_signed_on_both_screens(table, instructor):
    session, (alice, bob, carol, dave) = table
    a, b, c = await _student(alice), await _student(bob), await _student(carol)
    panel = await _connect(f"/ws/instructor/{session.id}/", await user_cookie(instructor))
    await panel.receive_type("agreements")
    await a.send({"type": "agreement.propose", "project": PROJECT, "pledges": {"taiyuan": 40, "xinzhou": 30},
                  "note": "Output split 60/40", "request_id": "p1"})
    done = await a.receive_type("agreement.done")
    assert done["request_id"] == "p1" and done["agreement"]["status"] == "proposed"
    agreement_id = done["agreement"]["id"]
    seen = await b.receive_type("agreement")
    assert seen["agreement"]["id"] == agreement_id and seen["agreement"]["note"] == "Output split 60/40"
    assert [p["pledge"] for p in seen["agreement"]["parties"]] == [40, 30]
    assert (await panel.receive_type("agreement"))["agreement"]["id"] == agreement_id
    await b.send({"type": "agreement.accept", "id": agreement_id})
    assert (await b.receive_type("agreement.done"))["agreement"]["status"] == "signed"
    assert (await _until(a, "signed"))["id"] == agreement_id
    # Yangquan is a member of the project but not a party: it hears nothing of it.
    assert all(m["type"] not in ("agreement", "agreement.done") for m in await c.drain())
    assert all("Output split" not in raw for raw in c.raw)
    for client in (a, b, c, panel):
        await client.close()


async def test_the_instructor_annuls_with_a_reason_and_assigns_a_task_live(table, instructor):
    session, (alice, bob, carol, dave) = table
    a, b, c = await _student(alice), await _student(bob), await _student(carol)
    panel = await _connect(f"/ws/instructor/{session.id}/", await user_cookie(instructor))
    await a.send({"type": "agreement.propose", "project": PROJECT, "pledges": {"taiyuan": 40, "xinzhou": 30},
                  "note": "deal"})
    agreement_id = (await a.receive_type("agreement.done"))["agreement"]["id"]
    await panel.send({"type": "agreement.annul", "id": agreement_id, "reason": "Yangquan was left out"})
    assert (await panel.receive_type("agreement.done"))["agreement"]["status"] == "annulled"
    for client in (a, b):
        assert (await _until(client, "annulled"))["reason"] == "Yangquan was left out"
    province = await sync_to_async(lambda: session.provinces.get().id)()
    await panel.send({"type": "task.assign", "province": province, "project": PROJECT,
                      "required": {"taiyuan": 40, "xinzhou": 25, "yangquan": 25}, "note": "省重点"})
    assert (await panel.receive_type("task.done"))["task"]["project"] == PROJECT
    for client in (a, b, c):
        task = (await client.receive_type("task"))["task"]
        assert [s["required"] for s in task["shares"]] == [40, 25, 25]
    for client in (a, b, c, panel):
        await client.close()


async def test_a_student_cannot_use_the_instructors_actions_and_bad_input_changes_nothing(table, instructor):
    session, (alice, bob, carol, dave) = table
    a = await _student(alice)
    await a.send({"type": "agreement.annul", "id": 1, "reason": "x"})
    assert (await a.receive_type("error"))["code"] == "unknown_type"
    await a.send({"type": "task.assign", "province": 1, "project": PROJECT, "required": {"taiyuan": 1}})
    assert (await a.receive_type("error"))["code"] == "unknown_type"
    for bad, code in [
        ({"project": "nope", "pledges": {"taiyuan": 1, "xinzhou": 1}, "note": "n"}, "unknown_project"),
        ({"project": PROJECT, "pledges": {"taiyuan": 1, "xinzhou": -1}, "note": "n"}, "bad_pledge"),
        ({"project": PROJECT, "pledges": {"taiyuan": 1, "xinzhou": 1}, "note": ""}, "bad_note"),
        ({"project": PROJECT, "pledges": "all", "note": "n"}, "bad_pledges"),
    ]:
        await a.send({"type": "agreement.propose", **bad, "request_id": code})
        error = await a.receive_type("error")
        assert (error["code"], error["request_id"]) == (code, code)
        assert error["message"]
    await a.send({"type": "agreement.accept", "id": 12345})
    assert (await a.receive_type("error"))["code"] == "agreement_not_found"
    assert await sync_to_async(Agreement.objects.count)() == 0
    await a.close()


async def test_after_scoring_the_province_gets_the_record_and_the_projector_the_counts(table, instructor):
    session, (alice, bob, carol, dave) = table
    a, d = await _student(alice), await _student(dave)
    projector = await _connect(f"/ws/projector/{session.id}/", await user_cookie(instructor))
    assert (await projector.receive_type("agreement_counts"))["counts"] == []
    b = await _student(bob)
    await a.send({"type": "agreement.propose", "project": PROJECT, "pledges": {"taiyuan": 40, "xinzhou": 30},
                  "note": "deal"})
    agreement_id = (await a.receive_type("agreement.done"))["agreement"]["id"]
    await b.send({"type": "agreement.accept", "id": agreement_id})
    await b.receive_type("agreement.done")
    await a.send({"type": "sheet.save", "round": 1, "sheet": {"contributions": {PROJECT: 40}}})
    await a.receive_type("saved")
    rnd = await sync_to_async(lambda: session.rounds.get(number=1))()
    await sync_to_async(rounds.round_close)(round_id=rnd.id, actor="test")
    await sync_to_async(rounds.round_score)(round_id=rnd.id)
    record = (await d.receive_type("promises", timeout=10))["record"]  # Lüliang: not a party, still told
    assert [(p["city"], p["kept"]) for p in record[0]["parties"]] == [("taiyuan", True), ("xinzhou", False)]
    counts = (await projector.receive_type("agreement_counts", timeout=10))["counts"]
    assert [(c["signed"], c["kept"], c["broken"]) for c in counts] == [(1, 0, 1)]
    assert "deal" not in json.dumps(counts) and all("deal" not in raw for raw in d.raw)
    for client in (a, b, d, projector):
        await client.close()


async def test_a_decline_a_withdrawal_and_a_lapse_reach_every_party(table, instructor):
    session, (alice, bob, carol, dave) = table
    a, b = await _student(alice), await _student(bob)
    ids = []
    for _ in range(3):
        await a.send({"type": "agreement.propose", "project": PROJECT, "pledges": {"taiyuan": 40, "xinzhou": 30},
                      "note": "deal"})
        ids.append((await a.receive_type("agreement.done"))["agreement"]["id"])
    declined, withdrawn, waiting = ids
    await b.send({"type": "agreement.decline", "id": declined})
    assert (await b.receive_type("agreement.done"))["agreement"]["status"] == "declined"
    assert (await _until(a, "declined"))["id"] == declined
    await b.send({"type": "agreement.withdraw", "id": withdrawn})  # Bob did not propose it
    assert (await b.receive_type("error"))["code"] == "not_proposer"
    await a.send({"type": "agreement.withdraw", "id": withdrawn})
    assert (await _until(b, "withdrawn"))["id"] == withdrawn
    rnd = await sync_to_async(lambda: session.rounds.get(number=1))()
    await sync_to_async(rounds.round_close)(round_id=rnd.id, actor="test")
    for client in (a, b):
        assert (await _until(client, "lapsed"))["id"] == waiting
    for client in (a, b):
        await client.close()
