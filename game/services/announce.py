"""What to tell everyone after a change: built once after commit, then sent."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from game.models import GameSession, Province
from game.services import broadcast
from game.services.selectors import instructor_snapshot, projector_snapshot, province_payloads


def announce_session(session: GameSession, provinces: Iterable[Province | None] | None = None) -> None:
    """After commit: the public view to the given provinces (all when None) first — the
    students are waiting — then the projector and the instructor, from one load."""
    only = None if provinces is None else {p.id for p in provinces if p is not None}

    def send() -> None:
        payloads = province_payloads(session)
        broadcast.send_many_now([
            (broadcast.province_group(province_id), {"type": "province", **payload})
            for province_id, payload in payloads.items()
            if only is None or province_id in only
        ])
        broadcast.send_many_now([
            (broadcast.projector_group(session.id), projector_snapshot(session, payloads)),
            (broadcast.instructor_group(session.id), instructor_snapshot(session, payloads)),
        ])

    transaction.on_commit(send)
