"""A class for the chat tests: province 1 of central-cluster with Alice (Taiyuan) and her
teammate Ann, Bob (Xinzhou) and Carol (Yangquan); province 2 with Zed (Taiyuan too).
`sent` records what the chat would broadcast, as (group, message) pairs."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from game.models import GameSession, Participant
from game.services import broadcast
from game.services.sessions import participant_move, province_add

ALICE_BOB = "pair:taiyuan|xinzhou"
ALICE_CAROL = "pair:taiyuan|yangquan"
BOB_CAROL = "pair:xinzhou|yangquan"


@dataclass
class ChatClass:
    session: GameSession
    alice: Participant
    ann: Participant  # Alice's teammate
    bob: Participant
    carol: Participant
    zed: Participant  # province 2, Taiyuan


@pytest.fixture
def chat_class(make_session, join, instructor) -> ChatClass:
    session = make_session(students_per_seat=2, fill_with_bots=False)
    alice, bob, carol = join(session, "Alice"), join(session, "Bob"), join(session, "Carol")
    assert (alice.seat.city_id, bob.seat.city_id, carol.seat.city_id) == ("taiyuan", "xinzhou", "yangquan")
    ann = participant_move(session=session, user=instructor, participant_id=join(session, "Ann").id,
                           seat_id=alice.seat_id)
    second = province_add(session=session, user=instructor)
    zed = participant_move(session=session, user=instructor, participant_id=join(session, "Zed").id,
                           seat_id=second.seats.get(city_id="taiyuan").id)
    reload = Participant.objects.select_related("seat__province").get
    return ChatClass(session, reload(pk=alice.pk), reload(pk=ann.pk), reload(pk=bob.pk), reload(pk=carol.pk),
                     reload(pk=zed.pk))


@pytest.fixture
def sent(monkeypatch) -> list[tuple[str, dict]]:
    """Every message the services hand to the channel layer, decoded (each has been
    through JSON, as a socket would get it)."""
    out: list[tuple[str, dict]] = []
    monkeypatch.setattr(broadcast, "send_encoded_now",
                        lambda encoded: out.extend((g, json.loads(t)) for g, t in encoded))
    monkeypatch.setattr(broadcast, "send_many_now",
                        lambda messages: out.extend((g, json.loads(broadcast.encode(m))) for g, m in messages))
    return out


def groups_of(sent: list[tuple[str, dict]], kind: str) -> set[str]:
    return {group for group, message in sent if message["type"] == kind}
