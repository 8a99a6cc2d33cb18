"""What to tell everyone after a change: built once after commit, then sent."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from game.models import GameSession, Province, Round
from game.services import announce_soon, broadcast
from game.services.selectors import (
    current_round,
    for_everyone,
    instructor_snapshot,
    private_outcome,
    projector_snapshot,
    province_payloads,
    round_info,
)


def announce_session(session: GameSession, provinces: Iterable[Province | None] | None = None,
                     payloads: dict[int, dict] | None = None) -> None:
    """After commit: the public view to the given provinces (all when None) first — the
    students are waiting — then the projector and the instructor, from one load.
    `payloads`: the views already built (scoring builds them from memory)."""
    only = None if provinces is None else {p.id for p in provinces if p is not None}
    ready = payloads

    def send() -> None:
        if ready is not None:  # built before the commit: stamped now, after it (session_info)
            stamp = timezone.now().isoformat()
            payloads = {pid: {**payload, "session": {**payload["session"], "server_time": stamp}}
                        for pid, payload in ready.items()}
        else:
            payloads = province_payloads(session)
        texts = {province_id: broadcast.encode(payload) for province_id, payload in payloads.items()}
        broadcast.send_encoded_now([
            (broadcast.province_group(province_id), broadcast.typed("province", text))
            for province_id, text in texts.items()
            if only is None or province_id in only
        ])
        every = list(texts.values())
        projector = projector_snapshot(session, payloads)
        # With treatments unrevealed, the projector's views leave out each province's rules.
        public = every if for_everyone(session, payloads) is payloads else [
            broadcast.encode(p) for p in projector["provinces"]]
        screens = []
        for group, snapshot, views in ((broadcast.projector_group(session.id), projector, public),
                                       (broadcast.instructor_group(session.id),
                                        instructor_snapshot(session, payloads, projector=projector), every)):
            snapshot = {k: v for k, v in snapshot.items() if k != "provinces"}
            screens.append((group, broadcast.splice(snapshot, "provinces", views)))
        broadcast.send_encoded_now(screens)

    broadcast.on_commit(send, "session views")


def announce_session_soon(session: GameSession) -> None:
    """After commit, coalesced with the changes around it (a burst of joins): in a moment,
    the same as announce_session for every province (game/services/announce_soon.py)."""
    broadcast.on_commit(lambda: announce_soon.announce_session_soon(session.id), "session views (coalesced)")


def announce_round(session: GameSession, rnd: Round) -> None:
    """After commit: a small `round` delta (status, deadline) to every screen — all anyone
    needs when a round closes or is extended. Closing is followed at once by scoring, whose
    ranking must not queue behind a rebuild of every view. When scoring has already run by
    then (eager tasks), its views told everyone more, and a delta would be stale: none."""
    status = rnd.status

    def send() -> None:
        stamp = timezone.now().isoformat()  # before the read: see session_info
        current = current_round(session)
        if current is None or current.id != rnd.id or current.status != status:
            return
        # Each province hears its own treatment's rules; the screens, none of them.
        labels = dict(session.provinces.values_list("id", "treatment")) if current.treatment_rules else {}
        deltas: dict[str | None, dict] = {}

        def delta(label: str | None) -> dict:
            if label not in deltas:
                deltas[label] = {"type": "round", "round": round_info(current, session, label), "server_time": stamp}
            return deltas[label]

        messages = [(broadcast.province_group(pid), delta(labels.get(pid, "")))
                    for pid in session.provinces.values_list("id", flat=True)]
        messages += [(group, delta(None if current.treatment_rules else ""))
                     for group in (broadcast.projector_group(session.id), broadcast.instructor_group(session.id))]
        broadcast.send_many_now(messages)

    broadcast.on_commit(send, "round update")


def announce_private_outcomes(round_number: int, seat_results: list) -> None:
    """After commit, after the ranking: each seat's own report (what the public view
    withholds under self-reporting) to that seat's group only."""
    messages = [(broadcast.seat_group(row.seat.id),
                 {"type": "private_outcome", **private_outcome(row.data, round_number)}) for row in seat_results]
    broadcast.on_commit(lambda: broadcast.send_many_now(messages), "private outcomes")
