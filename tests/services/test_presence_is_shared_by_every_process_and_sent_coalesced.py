"""Presence is database state (any server process sees it), expires without heartbeats,
and reaches the panel once per change, never once per heartbeat."""

import datetime as dt

import pytest
from django.utils import timezone

from game.services import broadcast, presence, selectors
from game.services.presence import GONE, IDLE, ONLINE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(monkeypatch):
    messages = []
    monkeypatch.setattr(broadcast, "send_many_now", lambda batch: messages.extend(batch))
    return messages


def test_connect_beat_idle_and_leave_change_the_state(make_session, join):
    session = make_session()
    alice, bob = join(session, "Alice"), join(session, "Bob")
    assert presence.presence_states(session) == {alice.id: GONE, bob.id: GONE}
    presence.presence_connect(participant_id=alice.id)
    presence.presence_connect(participant_id=alice.id)  # a second tab
    presence.presence_connect(participant_id=bob.id)
    presence.presence_beat(participant_id=bob.id, idle=True)
    assert presence.presence_states(session) == {alice.id: ONLINE, bob.id: IDLE}
    presence.presence_leave(participant_id=alice.id)
    assert presence.presence_states(session)[alice.id] == ONLINE, "one tab is still open"
    presence.presence_leave(participant_id=alice.id)
    presence.presence_leave(participant_id=alice.id)  # never below zero
    assert presence.presence_states(session)[alice.id] == GONE


def test_a_socket_without_heartbeats_counts_as_gone(make_session, join):
    """A server that dies keeps its socket counts; the missing heartbeats decide."""
    session = make_session()
    alice = join(session, "Alice")
    presence.presence_connect(participant_id=alice.id)
    later = timezone.now() + dt.timedelta(seconds=presence.PRESENCE_TTL_SECONDS + 1)
    assert presence.presence_states(session, later) == {alice.id: GONE}
    # and a new connection after that counts one socket, not the stale ones plus one
    alice.__class__.objects.filter(pk=alice.pk).update(last_seen=timezone.now() - dt.timedelta(hours=1))
    presence.presence_connect(participant_id=alice.id)
    presence.presence_leave(participant_id=alice.id)
    assert presence.presence_states(session)[alice.id] == GONE


def test_the_sweep_tells_the_panel_and_projector_once_per_change(make_session, join, sent):
    session = make_session()
    alice, bob = join(session, "Alice"), join(session, "Bob")
    presence.presence_connect(participant_id=alice.id)
    assert presence.presence_sweep() == 1
    groups = [group for group, _ in sent]
    assert groups == [broadcast.instructor_group(session.id), broadcast.projector_group(session.id)]
    panel, projector = sent[0][1], sent[1][1]
    assert panel["participants"] == {str(alice.id): ONLINE, str(bob.id): GONE}
    assert (panel["online"], panel["idle"], panel["gone"]) == (1, 0, 1)
    assert projector == {"type": "presence", "online": 1, "joined": 2}, "the projector names nobody"
    sent.clear()
    for _ in range(5):  # heartbeats that change nothing are not sent anywhere
        presence.presence_beat(participant_id=alice.id, idle=False)
        assert presence.presence_sweep() == 0
    assert sent == []
    presence.presence_connect(participant_id=bob.id)
    assert presence.presence_sweep() == 1
    assert sent[0][1]["participants"][str(bob.id)] == ONLINE


def test_snapshots_carry_presence_for_the_panel_and_a_count_for_the_projector(make_session, join):
    session = make_session()
    alice = join(session, "Alice")
    presence.presence_connect(participant_id=alice.id)
    assert selectors.instructor_snapshot(session)["presence"]["participants"] == {str(alice.id): ONLINE}
    assert selectors.projector_snapshot(session)["presence"]["online"] == 1
    student = selectors.student_snapshot(alice)
    assert "presence" not in student and "sockets" not in str(student)
