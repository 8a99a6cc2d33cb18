"""Ids a student receives count nothing they may not see (DESIGN §8): chat messages are
numbered within their channel, so everything Carol (Yangquan) receives is the same
whether Alice and Bob wrote each other nothing or seven private messages; agreements are
named by random public ids, so their order says nothing about the proposals in between."""

from __future__ import annotations

from typing import Any

import pytest

from coordination import chat, chat_sockets, services
from coordination.chat_selectors import student_state
from coordination.models import Agreement
from game.services import broadcast
from tests.services.agreement_setup import PROJECT, open_table
from tests.services.chat_setup import ALICE_BOB, ALICE_CAROL, BOB_CAROL

pytestmark = pytest.mark.django_db(transaction=True)


def _chat_facts(value: Any, out: list) -> list:
    """Every (channel, message id) and (channel, unread count) anywhere in a payload."""
    if isinstance(value, dict):
        if "channel" in value and "text" in value and "id" in value:
            out.append(("message", value["channel"], value["id"], value["text"]))
        if "unread" in value:
            out.append(("unread", value.get("channel") or value.get("key"), value["unread"]))
        for item in value.values():
            _chat_facts(item, out)
    elif isinstance(value, list):
        for item in value:
            _chat_facts(item, out)
    return out


def carols_view(make_session, join, sent, private_messages: int) -> list:
    session = make_session(fill_with_bots=False)
    alice, bob, carol = join(session, "Alice"), join(session, "Bob"), join(session, "Carol")
    post, page = chat_sockets.STUDENT["chat.post"], chat_sockets.STUDENT["chat.history"]
    sent.clear()
    got = [post(participant_id=carol.id, message={"channel": "province", "text": "hello"}),
           post(participant_id=carol.id, message={"channel": ALICE_CAROL, "text": "hi Alice"})]
    for n in range(private_messages):
        chat.chat_post(participant_id=(alice, bob)[n % 2].id, channel=ALICE_BOB, text=f"secret {n}")
    chat.chat_post(participant_id=alice.id, channel=ALICE_CAROL, text="hi Carol")
    chat.chat_post(participant_id=bob.id, channel="province", text="hello all")
    got += [post(participant_id=carol.id, message={"channel": "province", "text": "again"}),
            post(participant_id=carol.id, message={"channel": ALICE_CAROL, "text": "again"})]
    got += [page(participant_id=carol.id, message={"channel": key}) for key in ("province", ALICE_CAROL, BOB_CAROL)]
    got += [page(participant_id=carol.id, message={"channel": "province", "before": 3})]
    got.append(student_state(carol.id))
    hers = {broadcast.seat_group(carol.seat_id), broadcast.province_group(carol.seat.province_id)}
    got += [message for group, message in sent if group in hers]
    return _chat_facts(got, [])


def test_what_a_third_city_receives_is_the_same_whatever_a_pair_wrote(make_session, join, sent):
    quiet = carols_view(make_session, join, sent, private_messages=0)
    busy = carols_view(make_session, join, sent, private_messages=7)
    assert quiet == busy
    assert ("message", "province", 3, "again") in busy  # Carol's, Bob's, Carol's: numbered in the channel


def test_agreement_ids_do_not_follow_the_order_proposals_were_made(make_session, join, instructor, sent):
    t = open_table(make_session, join, instructor, "implicit_coordination:3")
    proposals = [(t.alice, {"taiyuan": 10, "xinzhou": 10}), (t.bob, {"xinzhou": 10, "taiyuan": 5}),
                 (t.carol, {"yangquan": 10, "taiyuan": 10})]
    sent.clear()
    made = [services.agreement_propose(participant=who, project_id=PROJECT, pledges=pledges, note=f"deal {n}")
            for n in range(3) for who, pledges in proposals]
    ids = [a.public_id for a in made]
    assert len(set(ids)) == 9
    # Nine random ids come out in creation order (or its reverse) once in 180,000 runs.
    assert ids != sorted(ids) and ids != sorted(ids, reverse=True)
    # Carol is told of her own three, by their public ids only.
    to_carol = [m["agreement"]["id"] for g, m in sent
                if g == broadcast.seat_group(t.carol.seat_id) and m["type"] == "agreement"]
    assert to_carol == [a.public_id for a in made if a.proposer_id == t.carol.seat_id]
    assert set(Agreement.objects.values_list("public_id", flat=True)) == set(ids)
